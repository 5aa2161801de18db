internal import EduCheckCore

/// A JSON document with object keys in the order they were added, written byte-for-byte the same
/// every time: the JSON and SARIF reports depend on it for determinism.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number already in JSON syntax (integers only here; exact fractions go as strings).
    case number(String)
    case string(String)
    case array([JSONValue])
    /// An array whose elements write themselves, without being made into values at all: a report
    /// with tens of thousands of results never holds them as values. `weight` tells roughly how
    /// much each element writes (1 for a small one), so that the pieces made in parallel are of
    /// even size, not of even count.
    case written(count: Int, weight: @Sendable (Int) -> Int = { _ in 1 }, element: @Sendable (Int, inout JSONWriter) -> Void)
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        a.serialized() == b.serialized()
    }

    public static func int(_ value: some BinaryInteger) -> JSONValue {
        .number(String(value))
    }

    /// Pretty-printed with two-space indentation and a final newline.
    public func serialized() -> String {
        var writer = JSONWriter()
        write(to: &writer)
        writer.newline()
        return writer.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes the document, pretty-printed with a final newline, passing it on a piece at a time.
    /// The elements of a written array are made `jobs` pieces at a time, each piece
    /// apart, and written in order, so the bytes do not depend on `jobs`.
    public func write(to output: inout ReportOutput, jobs: Int) throws {
        var writer = JSONWriter(capacity: 1 << 16)
        try write(to: &writer, output: &output, jobs: jobs)
        writer.newline()
        writer.withBytes { output.write($0) }
        try output.finish()
    }

    /// Streams: objects member by member, large arrays piece by piece.
    private func write(to writer: inout JSONWriter, output: inout ReportOutput, jobs: Int) throws {
        switch self {
        case .object(let members):
            writer.beginObject()
            for (key, value) in members {
                writer.key(named: key)
                try value.write(to: &writer, output: &output, jobs: jobs)
            }
            writer.endObject()
        case .written(let count, let weight, let element):
            try JSONValue.writePieces(count: count, weight: weight, to: &writer, output: &output, jobs: jobs, element)
        default:
            write(to: &writer)
        }
    }

    /// The whole value into the writer.
    func write(to writer: inout JSONWriter) {
        switch self {
        case .null: writer.null()
        case .bool(let value): writer.bool(value)
        case .number(let text): writer.number(text)
        case .string(let text): writer.string(text)
        case .array(let items):
            writer.beginArray()
            for item in items {
                writer.element()
                item.write(to: &writer)
            }
            writer.endArray()
        case .written(let count, _, let element):
            writer.beginArray()
            for index in 0..<count {
                writer.element()
                element(index, &writer)
            }
            writer.endArray()
        case .object(let members):
            writer.beginObject()
            for (key, value) in members {
                writer.key(named: key)
                value.write(to: &writer)
            }
            writer.endObject()
        }
    }

    /// Elements of about this much weight in all make one piece of a large array.
    private static let pieceWeight = 256

    private static func writePieces(
        count: Int, weight: @escaping @Sendable (Int) -> Int, to writer: inout JSONWriter, output: inout ReportOutput, jobs: Int,
        _ element: @escaping @Sendable (Int, inout JSONWriter) -> Void
    ) throws {
        writer.beginArray()
        let depth = writer.depth
        // Each element's weight, found `jobs` at a time: reading it reaches every element of a
        // national report (66,000 results scattered over the heap), 10 ms on one core.
        let chunk = 4096
        let weights = ParallelWork.map(0..<(count + chunk - 1) / chunk, jobs: jobs) { part in
            (part * chunk..<min(count, (part + 1) * chunk)).map { max(1, weight($0)) }
        }
        // Where each piece starts; an element heavier than a piece is a piece of its own.
        var starts: [Int] = []
        var load = pieceWeight
        for (index, heft) in weights.joined().enumerated() {
            if load + heft > pieceWeight {
                starts.append(index)
                load = 0
            }
            load += heft
        }
        starts.append(count)
        let pieces = starts.count - 1
        // Pieces are made a batch at a time (a few per job, so a slow piece does not hold up the
        // others for long) and written in order, each batch while the next is made: waiting to
        // write a batch before making the next left a core idle a quarter of the time.
        let batch = jobs > 1 ? jobs * 4 : 1
        var made: [[UInt8]] = []
        var failure: (any Error)?
        var first = 0
        while first < pieces || !made.isEmpty {
            let last = min(pieces, first + batch)
            let ready = made
            made = ParallelWork.map(first..<last, jobs: jobs, alongside: {
                guard failure == nil else { return }
                do {
                    for bytes in ready {
                        bytes.withUnsafeBufferPointer { writer.append($0) }
                        if output.isFull(writer.count) {
                            try writer.withBytes { try output.passOn($0) }
                            writer.removeAllBytes()
                        }
                    }
                } catch {
                    failure = error
                }
            }) { [starts] piece -> [UInt8] in
                var part = JSONWriter(insideArrayAtDepth: depth, isFirst: piece == 0, capacity: 64 << 10)
                for index in starts[piece]..<starts[piece + 1] {
                    part.element()
                    element(index, &part)
                }
                return part.bytes
            }
            if let failure { throw failure }
            first = last
        }
        if count > 0 { writer.markNotEmpty() }
        writer.endArray()
    }
}
