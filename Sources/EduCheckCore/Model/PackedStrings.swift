/// Strings kept one after another as UTF-8 in one array, each made into a `String` only when asked
/// for: a national run reads 600,000 school codes and names and reports a handful, and a string
/// each was an allocation or a UTF-8 check each.
///
/// The bytes after the last string are a string being written (`setPending`), which becomes the
/// next string (`commitPending`) or is forgotten by the next `setPending`.
struct PackedStrings: Sendable {
    private var bytes: [UInt8] = []
    /// Where each string ends in `bytes`.
    private var ends: [Int] = []

    var count: Int { ends.count }

    private var pendingStart: Int { ends.last ?? 0 }

    mutating func reserve(strings: Int, bytesEach: Int) {
        ends.reserveCapacity(strings)
        bytes.reserveCapacity(strings * bytesEach)
    }

    /// Replaces the string being written. `utf8` is valid UTF-8.
    mutating func setPending(_ utf8: UnsafeBufferPointer<UInt8>) {
        if bytes.count > pendingStart { bytes.removeSubrange(pendingStart...) }
        bytes.append(contentsOf: utf8)
    }

    /// The string being written becomes the last string.
    mutating func commitPending() {
        ends.append(bytes.count)
    }

    /// The string being written, as a string.
    var pending: String {
        String(decoding: bytes[pendingStart...], as: UTF8.self)
    }

    /// Without the bytes of a string being written: what a finished table keeps.
    var committed: PackedStrings {
        var copy = self
        if copy.bytes.count > pendingStart { copy.bytes.removeSubrange(pendingStart...) }
        return copy
    }

    subscript(index: Int) -> String {
        String(decoding: bytes[start(of: index)..<ends[index]], as: UTF8.self)
    }

    /// The UTF-8 bytes of a string, without making it.
    func withUTF8<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start(of: index)..<ends[index]])) }
    }

    private func start(of index: Int) -> Int {
        index == 0 ? 0 : ends[index - 1]
    }
}
