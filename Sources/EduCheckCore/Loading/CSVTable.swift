/// A CSV file as records of fields, each field with the line and column where it starts.
///
/// The table keeps the file's bytes and, for each field, where its text lies in them: a field's
/// `text` is made only when asked for. A national run reads 600,000 school rows, and making
/// every field a `String` and every record an array was a fifth of the run (measured); the
/// school-row reader reads numbers and codes straight from the bytes instead.
public struct CSVTable: Sendable {
    /// Where one field's text lies in the file's bytes.
    struct Span: Sendable {
        /// The text's bytes: `start..<end`, quotes excluded.
        var start: Int
        var end: Int
        /// Where the field starts: its opening quote when quoted.
        var mark: SourceMark
        var isQuoted: Bool
        /// Quoted, with `""` inside that stands for one quote.
        var hasDoubledQuotes: Bool
    }

    final class Storage: Sendable {
        let bytes: [UInt8]
        /// Every field, record after record.
        let spans: [Span]
        /// Record `r`'s fields are `spans[recordStarts[r] ..< recordStarts[r + 1]]`.
        let recordStarts: [Int]
        /// Just after each record's last field.
        let recordEnds: [SourceMark]

        init(bytes: [UInt8], spans: [Span], recordStarts: [Int], recordEnds: [SourceMark]) {
            self.bytes = bytes
            self.spans = spans
            self.recordStarts = recordStarts
            self.recordEnds = recordEnds
        }

        func text(_ span: Span) -> String {
            bytes.withUnsafeBufferPointer { CSVTable.text(span, in: $0) }
        }
    }

    public struct Field: Sendable {
        let storage: Storage
        let span: Span

        /// The field's text, quotes removed and doubled quotes undone; not trimmed.
        public var text: String { storage.text(span) }
        /// Where the field starts: its opening quote when quoted.
        public var mark: SourceMark { span.mark }
        public var isQuoted: Bool { span.isQuoted }
    }

    /// One record's fields, in order.
    public struct Fields: RandomAccessCollection, Sendable {
        let storage: Storage
        /// The record's first field in `storage.spans`.
        let base: Int
        public let count: Int

        public var startIndex: Int { 0 }
        public var endIndex: Int { count }

        public subscript(position: Int) -> Field {
            precondition(position >= 0 && position < count, "field index out of range")
            return Field(storage: storage, span: storage.spans[base + position])
        }
    }

    public struct Record: Sendable {
        let storage: Storage
        let index: Int

        public var fields: Fields {
            Fields(storage: storage, base: storage.recordStarts[index], count: storage.recordStarts[index + 1] - storage.recordStarts[index])
        }
        /// Just after the record's last field, where a missing field would have been.
        public var end: SourceMark { storage.recordEnds[index] }

        public var line: Int {
            let first = storage.recordStarts[index]
            return first < storage.recordStarts[index + 1] ? storage.spans[first].mark.line : end.line
        }
    }

    /// The records, in order.
    public struct Records: RandomAccessCollection, Sendable {
        let storage: Storage

        public var startIndex: Int { 0 }
        public var endIndex: Int { storage.recordEnds.count }

        public subscript(position: Int) -> Record {
            Record(storage: storage, index: position)
        }
    }

    let storage: Storage
    /// `,` or, in Excel's "Unicode text", a tab.
    public let delimiter: UInt8

    /// The first record, the header, is `records[0]`. Blank lines (and lines of empty fields,
    /// which Excel writes for empty rows) are not records.
    public var records: Records { Records(storage: storage) }

    public var header: Record? { records.first }

    /// The file's bytes and every field's span, for readers that look at the bytes themselves.
    func withSpans<Result>(_ body: (_ bytes: UnsafeBufferPointer<UInt8>, _ spans: UnsafeBufferPointer<Span>, _ recordStarts: [Int]) throws -> Result) rethrows -> Result {
        try storage.bytes.withUnsafeBufferPointer { bytes in
            try storage.spans.withUnsafeBufferPointer { spans in try body(bytes, spans, storage.recordStarts) }
        }
    }

    /// A span's text, quotes removed and doubled quotes undone.
    static func text(_ span: Span, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[span.start..<span.end])
        guard span.hasDoubledQuotes else { return String(decoding: slice, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(slice.count)
        var k = 0
        while k < slice.count {
            unescaped.append(slice[k])
            k += slice[k] == CSVReader.quote ? 2 : 1
        }
        return String(decoding: unescaped, as: UTF8.self)
    }
}
