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
                skipPlainWords(fieldStart: first)
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

        /// Steps over an unquoted field's bytes eight at a time, up to the first that ends the field
        /// or needs a look (delimiter, line break, quote, NUL), while the field stays within its
        /// limit, counting the characters into the column; the byte loop does the rest. Most fields
        /// are shorter than eight bytes: the word that holds the first such byte takes `i` to it,
        /// rather than leaving every byte of a short field to the byte loop.
        mutating func skipPlainWords(fieldStart first: Int) {
            guard let base = bytes.baseAddress else { return }
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            // The high bit of each zero byte of `x`. Above the lowest zero byte a 0x01 byte can be
            // flagged too, but the lowest flag is exact, and that is the only one used.
            func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
            let delimiters = ones &* UInt64(delimiter)
            while i &+ 8 <= bytes.count, i &+ 8 &- first <= limits.maxFieldBytes {
                // The first byte in memory as the lowest, on any machine.
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                let stops = zeroBytes(word) | zeroBytes(word ^ delimiters) | zeroBytes(word ^ (ones &* 0x0A))
                    | zeroBytes(word ^ (ones &* 0x0D)) | zeroBytes(word ^ (ones &* 0x22))
                // UTF-8 continuation bytes (10xxxxxx) do not start a character.
                let continuations = word & ~(word << 1) & highs
                if stops != 0 {
                    let before = stops.trailingZeroBitCount / 8
                    let kept: UInt64 = before == 0 ? 0 : ~0 >> (64 - 8 * before)
                    column &+= before &- Self.highBitCount(continuations & kept)
                    i &+= before
                    return
                }
                column &+= 8 &- Self.highBitCount(continuations)
                i &+= 8
            }
        }

        /// How many bytes of `word` have their high bit set, for a word with no other bits set:
        /// each such byte shifted down to 1, and all eight summed into the top byte by one
        /// multiplication. `nonzeroBitCount` is a dozen instructions on x86-64 builds for CPUs
        /// without POPCNT (Swift's default target), and this count ran once per eight bytes.
        @inline(__always)
        static func highBitCount(_ word: UInt64) -> Int {
            Int(truncatingIfNeeded: ((word >> 7) &* 0x0101_0101_0101_0101) >> 56)
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
