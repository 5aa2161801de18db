/// Writes pretty-printed JSON (two-space indentation, `"key": value`, `{}` and `[]` when empty)
/// straight into bytes: the one formatter behind `JSONValue` and the reports that write their
/// largest parts without building values first (a national JSON report is over 80 MB). A small
/// object can be written on one line from `literal` parts.
///
/// Containers are opened and closed in order; a value in an object follows `key(_:)`, one in an
/// array follows `element()`.
///
/// The bytes are kept in memory the writer owns, not in an `Array`: a report is written a few
/// bytes at a time, millions of times, and each append to an array checks that it is the array's
/// only owner (measured: a third of the time spent writing JSON). The writer cannot be copied, so
/// that no two writers share the memory.
public struct JSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    /// Bytes written so far.
    public private(set) var count = 0
    private var capacity: Int
    /// One flag per open container, outermost first: true until its first member or element.
    /// Kept in memory the writer owns, as the bytes are: in an array, every member written
    /// checked that the array had no other owner.
    private var empty: UnsafeMutablePointer<Bool>
    private var emptyCapacity = 16
    /// How many containers are open.
    private(set) var depth = 0

    public init(capacity: Int = 4096) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
        empty = .allocate(capacity: emptyCapacity)
    }

    /// A writer for the elements of an array `depth` levels deep that already holds elements
    /// (`isFirst` false) or none: a piece of a large array made apart from the rest.
    init(insideArrayAtDepth depth: Int, isFirst: Bool, capacity: Int) {
        self.init(capacity: capacity)
        for _ in 0..<depth { open(empty: false) }
        empty[depth - 1] = isFirst
    }

    deinit {
        base.deallocate()
        empty.deallocate()
    }

    /// A copy of the bytes written so far.
    public var bytes: [UInt8] {
        withBytes { Array($0) }
    }

    /// The bytes written so far, without copying them.
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Forgets the bytes written so far (they have been passed on), keeping the memory.
    mutating func removeAllBytes() {
        count = 0
    }

    // MARK: - Structure

    public mutating func beginObject() {
        append(UInt8(ascii: "{"))
        open(empty: true)
    }

    public mutating func endObject() {
        close(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        append(UInt8(ascii: "["))
        open(empty: true)
    }

    public mutating func endArray() {
        close(UInt8(ascii: "]"))
    }

    /// Starts a member of the open object.
    public mutating func key(named name: String) {
        separate()
        string(name)
        append(UInt8(ascii: ":"))
        append(UInt8(ascii: " "))
    }

    /// Starts a member whose name is written in the source: plain ASCII with nothing to
    /// escape, copied as it is (half of a report's strings are such names).
    public mutating func key(_ name: StaticString) {
        separate()
        name.withUTF8Buffer { name in
            assert(name.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") })
            reserve(name.count + 4)
            base[count] = UInt8(ascii: "\"")
            (base + count + 1).update(from: name.baseAddress!, count: name.count)
            count += name.count + 1
            base[count] = UInt8(ascii: "\"")
            base[count + 1] = UInt8(ascii: ":")
            base[count + 2] = UInt8(ascii: " ")
            count += 3
        }
    }

    /// Starts an element of the open array.
    public mutating func element() {
        separate()
    }

    /// Marks the open array as holding elements written elsewhere (pieces made in parallel).
    mutating func markNotEmpty() {
        empty[depth - 1] = false
    }

    // MARK: - Values

    public mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { writeString($0) }
    }

    public mutating func null() {
        append("null")
    }

    public mutating func bool(_ value: Bool) {
        append(value ? "true" : "false")
    }

    public mutating func int(_ value: Int64) {
        reserve(20)
        if value < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        var magnitude = value.magnitude
        var digits = 0
        var scan = magnitude
        repeat { digits += 1; scan /= 10 } while scan > 0
        var position = count + digits
        count = position
        repeat {
            position -= 1
            base[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
    }

    public mutating func int(_ value: Int) {
        int(Int64(value))
    }

    /// JSON text written in the source, copied as it is: the fixed parts of an object the caller
    /// lays out itself on one line (`{"path": `, `, "line": `, `}`), with the values between them
    /// written by `string`, `int` and `null`. For the small objects a report lists by the hundred
    /// thousand, such as evidence: each reads, greps and diffs as one line, and `beginObject`,
    /// `key` and `endObject` would keep count of every member. The caller keeps the result valid
    /// JSON.
    public mutating func literal(_ json: StaticString) {
        append(json)
    }

    /// Text already in JSON number syntax.
    public mutating func number(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// A newline, as at the end of a document.
    mutating func newline() {
        append(UInt8(ascii: "\n"))
    }

    /// Bytes made by another writer (a piece of a large array), as they are.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    // MARK: - Bytes

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    private mutating func open(empty isEmpty: Bool) {
        if depth == emptyCapacity {
            let larger = UnsafeMutablePointer<Bool>.allocate(capacity: 2 * emptyCapacity)
            larger.initialize(from: empty, count: depth)
            empty.deallocate()
            empty = larger
            emptyCapacity *= 2
        }
        (empty + depth).initialize(to: isEmpty)
        depth += 1
    }

    private mutating func separate() {
        let last = depth - 1
        let level = depth
        reserve(2 + 2 * level)
        if empty[last] {
            empty[last] = false
        } else {
            base[count] = UInt8(ascii: ",")
            count += 1
        }
        base[count] = UInt8(ascii: "\n")
        (base + count + 1).update(repeating: UInt8(ascii: " "), count: 2 * level)
        count += 1 + 2 * level
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if !empty[depth] {
            let level = depth
            reserve(1 + 2 * level)
            base[count] = UInt8(ascii: "\n")
            (base + count + 1).update(repeating: UInt8(ascii: " "), count: 2 * level)
            count += 1 + 2 * level
        }
        append(bracket)
    }

    /// RFC 8259 escaping; non-ASCII is written as UTF-8, which JSON allows and people can read.
    /// U+2028 and U+2029 are escaped too, since JavaScript string literals cannot hold them raw.
    private mutating func writeString(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(UInt8(ascii: "\""))
        // Copy runs that need no escaping in one go; most strings are one such run.
        var run = 0
        var index = 0
        while index < bytes.count {
            // Eight bytes at a time while none of them can start an escape (a control byte, a
            // quote, a backslash, or 0xE2, the first byte of U+2028 and U+2029).
            if let base = bytes.baseAddress {
                while index &+ 8 <= bytes.count, !Self.mayNeedEscaping(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                    index &+= 8
                }
                if index == bytes.count { break }
            }
            let byte = bytes[index]
            let separator = byte == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || separator else {
                index += 1
                continue
            }
            append(UnsafeBufferPointer(rebasing: bytes[run..<index]))
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case UInt8(ascii: "\n"): append("\\n")
            case UInt8(ascii: "\r"): append("\\r")
            case UInt8(ascii: "\t"): append("\\t")
            case 0xE2: append(bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029")
            default:
                let hex: StaticString = "0123456789abcdef"
                append("\\u00")
                hex.withUTF8Buffer { hex in
                    append(hex[Int(byte >> 4)])
                    append(hex[Int(byte & 0x0f)])
                }
            }
            index += separator ? 3 : 1
            run = index
        }
        append(UnsafeBufferPointer(rebasing: bytes[run..<bytes.count]))
        append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes is below 0x20, a quote, a backslash or 0xE2 (exact for
    /// "none": a true answer only sends the bytes to the byte-by-byte check).
    @inline(__always)
    private static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        // A byte below 0x20: subtracting 0x20 borrows into its high bit (for bytes below 0x80).
        let control = (word &- 0x2020_2020_2020_2020) & ~word & highs != 0
        return control || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C)) || hasZeroByte(word ^ (ones &* 0xE2))
    }

    /// `text` as a JSON string literal, appended to `out` (for text that is not part of a
    /// document, such as a YAML scalar in double quotes).
    static func writeString(_ text: String, to out: inout [UInt8]) {
        var writer = JSONWriter(capacity: text.utf8.count + 16)
        writer.string(text)
        writer.withBytes { out.append(contentsOf: $0) }
    }
}
