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

/// Reads CSV (RFC 4180) from UTF-8 bytes, byte by byte: fields are separated by the delimiter,
/// records end with CRLF, LF or CR, and a quoted field may hold delimiters, doubled quotes and
/// line breaks. A quote inside an unquoted field, text after a closing quote, a quote that is
/// never closed, a NUL byte, a field longer than `maxFieldBytes` and a record of more than
/// `maxFields` fields each end the read with an error at the place: a file like that is
/// damaged or hostile, and half of it would be worse than none.
public enum CSVReader {
    public struct Limits: Sendable {
        public var maxFieldBytes: Int
        public var maxFields: Int

        public init(maxFieldBytes: Int = 64 << 10, maxFields: Int = 1024) {
            self.maxFieldBytes = maxFieldBytes
            self.maxFields = maxFields
        }
    }

    static let quote: UInt8 = 0x22
    static let comma: UInt8 = 0x2C
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D

    public static func read(_ utf8: [UInt8], path: String, limits: Limits = Limits()) -> Result<CSVTable, Diagnostic> {
        utf8.withUnsafeBufferPointer { bytes in
            var parser = Parser(bytes: bytes, delimiter: delimiter(of: bytes), limits: limits)
            do throws(Failure) {
                try parser.run()
                let storage = CSVTable.Storage(bytes: utf8, spans: parser.spans, recordStarts: parser.recordStarts, recordEnds: parser.recordEnds)
                return .success(CSVTable(storage: storage, delimiter: parser.delimiter))
            } catch {
                return .failure(.error(error.code, zh: error.zh, en: error.en, at: error.mark.location(in: path)))
            }
        }
    }

    /// A tab when the first line has tabs and no commas (Excel's "Unicode text"), else a comma.
    static func delimiter(of bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var tabs = 0
        var commas = 0
        for byte in bytes {
            if byte == lineFeed || byte == carriageReturn { break }
            if byte == tab { tabs += 1 } else if byte == comma { commas += 1 }
        }
        return tabs > 0 && commas == 0 ? tab : comma
    }

    struct Failure: Error {
        var code: String
        var zh: String
        var en: String
        var mark: SourceMark
    }

    struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        let delimiter: UInt8
        let limits: Limits
        var i = 0
        var line = 1
        var column = 1

        init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, limits: Limits) {
            self.bytes = bytes
            self.delimiter = delimiter
            self.limits = limits
        }

        var mark: SourceMark { SourceMark(line: line, column: column) }

        /// Every field, record after record; see `CSVTable.Storage`.
        var spans: [CSVTable.Span] = []
        var recordStarts: [Int] = [0]
        var recordEnds: [SourceMark] = []

        mutating func run() throws(Failure) {
            let count = bytes.count
            // Roughly: a field is seldom shorter than 6 bytes.
            spans.reserveCapacity(count / 6 + 1)
            var fieldCount = 0
            while i < count || fieldCount > 0 {
                spans.append(try field())
                fieldCount += 1
                if fieldCount > limits.maxFields {
                    throw Failure(
                        code: "csv-too-many-fields",
                        zh: "一行中的字段超过 \(limits.maxFields) 个", en: "a row has more than \(limits.maxFields) fields",
                        mark: spans[spans.count - 1].mark)
                }
                if i < count && bytes[i] == delimiter {
                    i += 1
                    column += 1
                    // A delimiter at the very end still opens one last (empty) field.
                    if i == count {
                        spans.append(CSVTable.Span(start: i, end: i, mark: mark, isQuoted: false, hasDoubledQuotes: false))
                        fieldCount += 1
                    } else {
                        continue
                    }
                }
                let end = mark
                if i < count { lineBreak() }
                let first = spans.count - fieldCount
                if spans[first...].allSatisfy({ !$0.isQuoted && $0.start == $0.end }) {
                    spans.removeLast(fieldCount)
                } else {
                    recordStarts.append(spans.count)
                    recordEnds.append(end)
                }
                fieldCount = 0
            }
        }

        /// Steps over the CR, LF or CRLF at `i`.
        mutating func lineBreak() {
            if bytes[i] == CSVReader.carriageReturn, i + 1 < bytes.count, bytes[i + 1] == CSVReader.lineFeed { i += 1 }
            i += 1
            line += 1
            column = 1
        }

        mutating func field() throws(Failure) -> CSVTable.Span {
            let start = mark
            let count = bytes.count
            guard i < count, bytes[i] == CSVReader.quote else {
                let first = i
                while i < count {
                    let byte = bytes[i]
                    if byte == delimiter || byte == CSVReader.lineFeed || byte == CSVReader.carriageReturn { break }
                    if byte == CSVReader.quote {
                        throw Failure(
                            code: "csv-syntax",
                            zh: "CSV 格式错误：未加引号的字段中出现引号（字段中的引号应写成两个引号，并给整个字段加引号）",
                            en: "CSV syntax error: a quote inside an unquoted field (quote the field and double the quote)",
                            mark: mark)
                    }
                    try check(byte, fieldStart: start, length: i - first)
                    i += 1
                }
                return CSVTable.Span(start: first, end: i, mark: start, isQuoted: false, hasDoubledQuotes: false)
            }
            i += 1
            column += 1
            let first = i
            var doubled = false
            while true {
                guard i < count else {
                    throw Failure(
                        code: "csv-syntax",
                        zh: "CSV 格式错误：从这里开始的引号没有闭合", en: "CSV syntax error: the quote opened here is never closed",
                        mark: start)
                }
                let byte = bytes[i]
                if byte == CSVReader.quote {
                    if i + 1 < count && bytes[i + 1] == CSVReader.quote {
                        doubled = true
                        i += 2
                        column += 2
                        continue
                    }
                    break
                }
                if byte == CSVReader.lineFeed || byte == CSVReader.carriageReturn {
                    lineBreak()
                    continue
                }
                try check(byte, fieldStart: start, length: i - first)
                i += 1
            }
            let end = i
            i += 1
            column += 1
            if i < count, bytes[i] != delimiter, bytes[i] != CSVReader.lineFeed, bytes[i] != CSVReader.carriageReturn {
                throw Failure(
                    code: "csv-syntax",
                    zh: "CSV 格式错误：闭合引号后还有文字", en: "CSV syntax error: text after the closing quote",
                    mark: mark)
            }
            return CSVTable.Span(start: first, end: end, mark: start, isQuoted: true, hasDoubledQuotes: doubled)
        }

        /// Counts the byte into the column and refuses NUL bytes and overlong fields.
        mutating func check(_ byte: UInt8, fieldStart: SourceMark, length: Int) throws(Failure) {
            if byte == 0 {
                throw Failure(code: "nul-byte", zh: "文件含有 NUL 字节（0x00），不是文本文件或已损坏", en: "the file contains a NUL byte (0x00); it is not a text file or is damaged", mark: mark)
            }
            if length >= limits.maxFieldBytes {
                throw Failure(
                    code: "value-too-long",
                    zh: "字段过长（超过 \(limits.maxFieldBytes) 字节）", en: "a field is longer than \(limits.maxFieldBytes) bytes",
                    mark: fieldStart)
            }
            if byte & 0xC0 != 0x80 { column += 1 }
        }
    }
}
