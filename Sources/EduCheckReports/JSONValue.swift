/// A JSON document with object keys in the order they were added, written byte-for-byte the same
/// every time: the JSON and SARIF reports depend on it for determinism.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number already in JSON syntax (integers only here; exact fractions go as strings).
    case number(String)
    case string(String)
    case array([JSONValue])
    /// An array whose elements are made as they are written, so a report with tens of thousands
    /// of results never holds them all as values at once.
    case generated(count: Int, element: @Sendable (Int) -> JSONValue)
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        a.serialized() == b.serialized()
    }

    public static func int(_ value: some BinaryInteger) -> JSONValue {
        .number(String(value))
    }

    /// Pretty-printed with two-space indentation and a final newline.
    public func serialized() -> String {
        var output = ReportOutput()
        output.buffer.reserveCapacity(4096)
        // An output without a destination never throws.
        try? write(to: &output, jobs: 1)
        return String(decoding: output.buffer, as: UTF8.self)
    }

    /// Writes the document, pretty-printed with a final newline, passing it on a piece at a time.
    /// The elements of a `.generated` array are made `jobs` at a time, in pieces written in order,
    /// so the bytes do not depend on `jobs`.
    public func write(to output: inout ReportOutput, jobs: Int) throws {
        try write(to: &output, indent: 0, jobs: jobs)
        output.buffer.append(UInt8(ascii: "\n"))
        try output.finish()
    }

    // Bytes, not String appends: a national report is tens of megabytes of JSON.
    private func write(to output: inout ReportOutput, indent: Int, jobs: Int) throws {
        switch self {
        case .generated(let count, let element):
            try JSONValue.writeArray(count: count, element: element, to: &output, indent: indent, jobs: jobs)
        case .object(let members):
            if members.isEmpty {
                output.buffer.append(contentsOf: "{}".utf8)
                return
            }
            output.buffer.append(contentsOf: "{\n".utf8)
            for (index, (key, value)) in members.enumerated() {
                JSONValue.writeIndent(indent + 1, to: &output.buffer)
                JSONValue.writeString(key, to: &output.buffer)
                output.buffer.append(contentsOf: ": ".utf8)
                try value.write(to: &output, indent: indent + 1, jobs: jobs)
                output.buffer.append(contentsOf: (index == members.count - 1 ? "\n" : ",\n").utf8)
            }
            JSONValue.writeIndent(indent, to: &output.buffer)
            output.buffer.append(UInt8(ascii: "}"))
        default:
            write(to: &output.buffer, indent: indent)
        }
    }

    /// The value into a byte array; generated arrays are made here one element at a time.
    private func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let text): JSONValue.writeString(text, to: &out)
        case .array(let items):
            JSONValue.writeArray(count: items.count, element: { items[$0] }, to: &out, indent: indent)
        case .generated(let count, let element):
            JSONValue.writeArray(count: count, element: element, to: &out, indent: indent)
        case .object(let members):
            if members.isEmpty {
                out.append(contentsOf: "{}".utf8)
                return
            }
            out.append(contentsOf: "{\n".utf8)
            for (index, (key, value)) in members.enumerated() {
                JSONValue.writeIndent(indent + 1, to: &out)
                JSONValue.writeString(key, to: &out)
                out.append(contentsOf: ": ".utf8)
                value.write(to: &out, indent: indent + 1)
                out.append(contentsOf: (index == members.count - 1 ? "\n" : ",\n").utf8)
            }
            JSONValue.writeIndent(indent, to: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Elements this many at a time make one piece of a large array.
    private static let elementsPerPiece = 256

    private static func writeArray(
        count: Int, element: @escaping @Sendable (Int) -> JSONValue, to output: inout ReportOutput, indent: Int, jobs: Int
    ) throws {
        guard count > 0 else {
            output.buffer.append(contentsOf: "[]".utf8)
            return
        }
        output.buffer.append(contentsOf: "[\n".utf8)
        let pieces = (count + elementsPerPiece - 1) / elementsPerPiece
        // Pieces are made a batch at a time (a few per job, so a slow piece does not hold up the
        // others for long) and written in order.
        let batch = jobs > 1 ? jobs * 4 : 1
        var first = 0
        while first < pieces {
            let last = min(pieces, first + batch)
            let made = ParallelPieces.make(first..<last, jobs: jobs) { piece -> [UInt8] in
                var bytes: [UInt8] = []
                bytes.reserveCapacity(elementsPerPiece * 1024)
                let range = piece * elementsPerPiece..<min(count, (piece + 1) * elementsPerPiece)
                writeElements(range, of: count, element: element, to: &bytes, indent: indent)
                return bytes
            }
            for bytes in made {
                output.buffer.append(contentsOf: bytes)
                try output.passOnIfFull()
            }
            first = last
        }
        writeIndent(indent, to: &output.buffer)
        output.buffer.append(UInt8(ascii: "]"))
    }

    /// An array's brackets and elements into a byte array.
    private static func writeArray(count: Int, element: (Int) -> JSONValue, to out: inout [UInt8], indent: Int) {
        guard count > 0 else {
            out.append(contentsOf: "[]".utf8)
            return
        }
        out.append(contentsOf: "[\n".utf8)
        writeElements(0..<count, of: count, element: element, to: &out, indent: indent)
        writeIndent(indent, to: &out)
        out.append(UInt8(ascii: "]"))
    }

    /// The elements in `range` of an array of `count`, each on its own lines.
    private static func writeElements(_ range: Range<Int>, of count: Int, element: (Int) -> JSONValue, to out: inout [UInt8], indent: Int) {
        for index in range {
            writeIndent(indent + 1, to: &out)
            element(index).write(to: &out, indent: indent + 1)
            out.append(contentsOf: (index == count - 1 ? "\n" : ",\n").utf8)
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    private static func writeIndent(_ level: Int, to out: inout [UInt8]) {
        var left = 2 * level
        while left > 0 {
            let take = min(left, spaces.count)
            out.append(contentsOf: spaces[0..<take])
            left -= take
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
