/// Writes pretty-printed JSON (two-space indentation, `"key": value`, `{}` and `[]` when empty)
/// straight into bytes: the one formatter behind `JSONValue` and the reports that write their
/// largest parts without building values first (a national JSON report is ~100 MB).
///
/// Containers are opened and closed in order; a value in an object follows `key(_:)`, one in an
/// array follows `element()`.
public struct JSONWriter {
    public var bytes: [UInt8] = []
    /// One entry per open container: true until its first member or element.
    private var empty: [Bool]

    public init() {
        empty = []
    }

    /// A writer for the elements of an array `depth` levels deep that already holds elements
    /// (`isFirst` false) or none: a piece of a large array made apart from the rest.
    init(insideArrayAtDepth depth: Int, isFirst: Bool) {
        empty = [Bool](repeating: false, count: depth)
        empty[depth - 1] = isFirst
    }

    public mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        empty.append(true)
    }

    public mutating func endObject() {
        close(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        bytes.append(UInt8(ascii: "["))
        empty.append(true)
    }

    public mutating func endArray() {
        close(UInt8(ascii: "]"))
    }

    /// Starts a member of the open object.
    public mutating func key(named name: String) {
        separate()
        Self.writeString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
    }

    /// Starts a member whose name is written in the source: plain ASCII with nothing to
    /// escape, copied as it is (half of a report's strings are such names).
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { name in
            assert(name.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") })
            bytes.append(contentsOf: name)
        }
        bytes.append(contentsOf: "\": ".utf8)
    }


    /// Starts an element of the open array.
    public mutating func element() {
        separate()
    }

    /// Marks the open array as holding elements written elsewhere (pieces made in parallel).
    mutating func markNotEmpty() {
        empty[empty.count - 1] = false
    }

    var depth: Int { empty.count }

    public mutating func string(_ text: String) {
        Self.writeString(text, to: &bytes)
    }

    public mutating func null() {
        bytes.append(contentsOf: "null".utf8)
    }

    public mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func int(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
        }
    }

    public mutating func int(_ value: Int) {
        int(Int64(value))
    }

    /// Text already in JSON number syntax.
    public mutating func number(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func separate() {
        let last = empty.count - 1
        if empty[last] {
            empty[last] = false
            bytes.append(UInt8(ascii: "\n"))
        } else {
            bytes.append(UInt8(ascii: ","))
            bytes.append(UInt8(ascii: "\n"))
        }
        Self.writeIndent(empty.count, to: &bytes)
    }

    private mutating func close(_ bracket: UInt8) {
        if !empty.removeLast() {
            bytes.append(UInt8(ascii: "\n"))
            Self.writeIndent(empty.count, to: &bytes)
        }
        bytes.append(bracket)
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    private static func writeIndent(_ level: Int, to out: inout [UInt8]) {
        var left = 2 * level
        // From a buffer pointer: appending an array slice took a slower, generic path.
        spaces.withUnsafeBufferPointer { spaces in
            while left > 0 {
                let take = min(left, spaces.count)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: spaces[0..<take]))
                left -= take
            }
        }
    }

    /// RFC 8259 escaping; non-ASCII is written as UTF-8, which JSON allows and people can read.
    /// U+2028 and U+2029 are escaped too, since JavaScript string literals cannot hold them raw.
    static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Copy runs that need no escaping in one go; most strings are one such run.
            var run = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let separator = byte == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || separator else {
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
                case UInt8(ascii: "\n"): out.append(contentsOf: "\\n".utf8)
                case UInt8(ascii: "\r"): out.append(contentsOf: "\\r".utf8)
                case UInt8(ascii: "\t"): out.append(contentsOf: "\\t".utf8)
                case 0xE2: out.append(contentsOf: (bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0x0f)])
                }
                index += separator ? 3 : 1
                run = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
