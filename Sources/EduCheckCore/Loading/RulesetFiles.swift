/// The files of a ruleset, by path relative to its folder. A folder on disk and the copy embedded
/// in the binary both load through this one value, so they cannot drift apart in behaviour.
public struct RulesetFiles: Sendable {
    /// How paths are shown in diagnostics: the folder as given, or `builtin:gz-2025`.
    public var origin: String
    public let files: [String: [UInt8]]
    /// SHA-256 over every file's path, size and bytes, in path order: one figure that changes
    /// when any rule, metric or case changes.
    public let sha256: String

    /// `sha256` may be given when it is known in advance (the built-in ruleset's is computed when
    /// it is embedded, and a test checks it), so a run does not hash the ruleset every time.
    public init(origin: String, files: [String: [UInt8]], sha256: String? = nil) {
        self.origin = origin
        self.files = files
        self.sha256 = sha256 ?? RulesetFiles.digest(of: files)
    }

    /// The path shown to users for a file of this ruleset.
    public func displayPath(_ relative: String) -> String {
        origin.hasSuffix("/") ? origin + relative : origin + "/" + relative
    }

    public static func digest(of files: [String: [UInt8]]) -> String {
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
