/// The files of a ruleset, by path relative to its folder. A folder on disk and the copy embedded
/// in the binary both load through this one value, so they cannot drift apart in behaviour.
public struct RulesetFiles: Sendable {
    /// How paths are shown in diagnostics: the folder as given, or `builtin:gz-2025`.
    public var origin: String
    public var files: [String: [UInt8]]

    public init(origin: String, files: [String: [UInt8]]) {
        self.origin = origin
        self.files = files
    }

    /// The path shown to users for a file of this ruleset.
    public func displayPath(_ relative: String) -> String {
        origin.hasSuffix("/") ? origin + relative : origin + "/" + relative
    }

    /// SHA-256 over every file's path and bytes, in path order: one figure that changes when any
    /// rule, metric or case changes.
    public var sha256: String {
        var hasher = SHA256()
        for path in files.keys.sorted() {
            hasher.update(Array(path.utf8))
            hasher.update([0])
            let bytes = files[path]!
            hasher.update(Array(String(bytes.count).utf8))
            hasher.update([0])
            hasher.update(bytes)
        }
        return hasher.finalize().hexString
    }
}
