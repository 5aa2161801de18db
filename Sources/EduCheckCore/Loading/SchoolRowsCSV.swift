/// Reads a submission's school rows from a CSV file (`schools: schools-440104.csv`): a header of
/// field names (`code,name,stage,ownership,students,…`), then one school per record.
public enum SchoolRowsCSV {
    static let required = SchoolRowBuilder.identifyingFields

    /// The rows of a school-rows file from its UTF-8 text, or the CSV syntax error that stops the
    /// read. A plain file is read straight from its bytes (`readPlain`); any other goes through
    /// `CSVReader`'s table, with the same rows and diagnostics either way (tested side by side,
    /// and fuzzed in `FuzzCSV`).
    public static func read(utf8: [UInt8], path: String, limits: CSVReader.Limits = CSVReader.Limits()) -> Result<(rows: SchoolTable?, diagnostics: [Diagnostic]), Diagnostic> {
        if let plain = utf8.withUnsafeBufferPointer({ readPlain($0, path: path, limits: limits) }) {
            return .success(plain)
        }
        return CSVReader.read(utf8, path: path, limits: limits).map { read($0, path: path) }
    }

    /// The rows, or nil when the header makes the file unusable (a required column missing).
    public static func read(_ table: CSVTable, path: String) -> (rows: SchoolTable?, diagnostics: [Diagnostic]) {
        var reader = DocumentReader(path: path)
        let columns = CSVColumns(table, &reader)
        guard var rows = RowReader(columns, header: table.header, rows: table.records.count - 1, path: path, &reader) else {
            return (nil, reader.diagnostics)
        }
        let width = columns.names.count
        table.withSpans { bytes, spans, recordStarts in
            for record in table.records.indices.dropFirst() {
                let base = recordStarts[record]
                let mark = SourceMark(line: spans[base].mark.line, column: 1)
                guard recordStarts[record + 1] - base == width else {
                    let record = table.records[record]
                    guard let problem = columns.fieldCountProblem(record, &reader) else { continue }
                    let code = columns.index(of: "code").flatMap { record.fields.indices.contains($0) ? record.fields[$0].text.trimmingSpaces : nil } ?? "?"
                    let name = columns.index(of: "name").flatMap { record.fields.indices.contains($0) ? record.fields[$0].text.trimmingSpaces : nil } ?? "?"
                    rows.builder.addUnusable(code: code, name: name, fieldNames: columns.names, reason: problem, at: mark)
                    continue
                }
                rows.builder.beginRow()
                for usedIndex in rows.used.indices {
                    let span = spans[base + rows.used[usedIndex].index]
                    if span.hasDoubledQuotes {
                        rows.set(usedIndex, text: CSVTable.text(span, in: bytes).trimmingSpaces, at: span.mark, &reader)
                    } else {
                        rows.set(usedIndex, bytes: bytes, span.start..<span.end, at: span.mark, &reader)
                    }
                }
                rows.builder.endRow(at: mark, &reader)
            }
        }
        return rows.finish(&reader)
    }

    /// The rows of a plain file, read from its bytes without making a table of every field first
    /// (the table took about a third of the time a national run spends on school rows): one
    /// record per line, ended by LF or CRLF, with no line break inside a quoted field; no blank
    /// lines; every record as wide as the header, which names every required column and leaves
    /// none blank; no NUL byte, no field over the limit, and no quote out of place. Nil for any
    /// other file, which `CSVReader` reads and reports on: a file that is not plain is given up
    /// on where that shows, and read again from the start.
    ///
    /// Cells are located as `CSVReader` locates them: a line's column counts characters, and a
    /// UTF-8 continuation byte (10xxxxxx) does not start one.
    static func readPlain(_ bytes: UnsafeBufferPointer<UInt8>, path: String, limits: CSVReader.Limits) -> (rows: SchoolTable?, diagnostics: [Diagnostic])? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        // The header, through the general reader: its problems are reported as for any file.
        var headerEnd = 0
        while headerEnd < count, bytes[headerEnd] != CSVReader.lineFeed, bytes[headerEnd] != CSVReader.carriageReturn {
            headerEnd += 1
        }
        guard case .success(let headerTable) = CSVReader.read(Array(bytes[..<headerEnd]), path: path, limits: limits),
              let header = headerTable.header, headerTable.records.count == 1 else { return nil }
        var p = headerEnd
        if p < count {
            if bytes[p] == CSVReader.carriageReturn {
                guard p + 1 < count, bytes[p + 1] == CSVReader.lineFeed else { return nil }
                p += 1
            }
            p += 1
        }
        var reader = DocumentReader(path: path)
        let columns = CSVColumns(headerTable, &reader)
        // A blank name is reported only over a column that holds something: the general reader
        // looks.
        guard !columns.names.contains(where: \.isEmpty) else { return nil }
        let delimiter = headerTable.delimiter
        let width = columns.names.count
        // An estimate, for reserving room: a school row is rarely shorter than 40 bytes. A header
        // without a required column is left to the general reader too, which reports a CSV
        // syntax error further down before it (the file is unreadable as CSV at all).
        guard var rows = RowReader(columns, header: header, rows: (count - p) / 40 + 1, path: path, &reader) else {
            return nil
        }

        let ones: UInt64 = 0x0101_0101_0101_0101
        let quotes = ones &* UInt64(CSVReader.quote)
        /// Steps `p` to the first NUL, LF, CR, quote or `other` byte (the delimiter repeated, or
        /// the quote again inside quotes), eight bytes at a time, counting the continuation
        /// bytes stepped over.
        func step(_ p: inout Int, continuations: inout Int, other: UInt64) {
            let highs: UInt64 = 0x8080_8080_8080_8080
            // The high bit of each zero byte of `x`; only the lowest is exact, and only it is used.
            func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
            while p &+ 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self))
                let stops = zeroBytes(word) | zeroBytes(word ^ other) | zeroBytes(word ^ (ones &* 0x0A))
                    | zeroBytes(word ^ (ones &* 0x0D)) | zeroBytes(word ^ quotes)
                let followers = word & ~(word << 1) & highs
                if stops != 0 {
                    let before = stops.trailingZeroBitCount / 8
                    let kept: UInt64 = before == 0 ? 0 : ~0 >> (64 - 8 * before)
                    continuations &+= CSVReader.Parser.highBitCount(followers & kept)
                    p &+= before
                    return
                }
                continuations &+= CSVReader.Parser.highBitCount(followers)
                p &+= 8
            }
            let last = UInt8(truncatingIfNeeded: other)
            while p < count {
                let byte = bytes[p]
                if byte == last || byte == CSVReader.lineFeed || byte == CSVReader.carriageReturn || byte == 0 || byte == CSVReader.quote { return }
                if byte & 0xC0 == 0x80 { continuations &+= 1 }
                p &+= 1
            }
        }

        let delimiters = ones &* UInt64(delimiter)
        // One record's fields: where each one's text lies, and where it starts.
        var spans = [CSVTable.Span](repeating: CSVTable.Span(start: 0, end: 0, mark: SourceMark(line: 0, column: 0), isQuoted: false, hasDoubledQuotes: false), count: width)
        var line = 2
        while p < count {
            let lineStart = p
            // Continuation bytes on this line before `p`.
            var continuations = 0
            var field = 0
            var blank = true
            while true {
                guard field < width else { return nil }
                let mark = SourceMark(line: line, column: 1 + (p - lineStart) - continuations)
                var span: CSVTable.Span
                if p < count, bytes[p] == CSVReader.quote {
                    p += 1
                    let start = p
                    var doubled = false
                    while true {
                        step(&p, continuations: &continuations, other: quotes)
                        guard p < count, bytes[p] == CSVReader.quote else { return nil }
                        guard p + 1 < count, bytes[p + 1] == CSVReader.quote else { break }
                        doubled = true
                        p += 2
                    }
                    span = CSVTable.Span(start: start, end: p, mark: mark, isQuoted: true, hasDoubledQuotes: doubled)
                    p += 1
                    blank = false
                } else {
                    let start = p
                    step(&p, continuations: &continuations, other: delimiters)
                    span = CSVTable.Span(start: start, end: p, mark: mark, isQuoted: false, hasDoubledQuotes: false)
                    if p > start { blank = false }
                }
                guard span.end - span.start <= limits.maxFieldBytes else { return nil }
                spans[field] = span
                field += 1
                guard p < count else { break }
                let byte = bytes[p]
                if byte == delimiter {
                    p += 1
                    // A delimiter at the very end opens an empty last field: the general reader.
                    guard p < count else { return nil }
                    continue
                }
                if byte == CSVReader.lineFeed {
                    p += 1
                    break
                }
                guard byte == CSVReader.carriageReturn, p + 1 < count, bytes[p + 1] == CSVReader.lineFeed else { return nil }
                p += 2
                break
            }
            guard field == width, !blank else { return nil }
            rows.builder.beginRow()
            for usedIndex in rows.used.indices {
                let span = spans[rows.used[usedIndex].index]
                if span.hasDoubledQuotes {
                    rows.set(usedIndex, text: CSVTable.text(span, in: bytes).trimmingSpaces, at: span.mark, &reader)
                } else {
                    rows.set(usedIndex, bytes: bytes, span.start..<span.end, at: span.mark, &reader)
                }
            }
            rows.builder.endRow(at: SourceMark(line: line, column: 1), &reader)
            line += 1
        }
        return rows.finish(&reader)
    }

    /// What reading the records needs, and the per-cell work that both readers share.
    struct RowReader {
        var builder: SchoolRowBuilder
        /// Each CSV column read, with its column in the table: numbers apart from the names, so
        /// that the loop over a row's cells does not copy (retain and release) a name per cell.
        let used: [(index: Int, field: Int)]
        let usedNames: [String]
        /// Values repeat down a column (stages, ownerships, counts): each distinct text is typed
        /// once per column. The cap keeps a column of unique values from growing the cache.
        private var typed: [[String: ValueParser.Parsed]]
        /// The identifying fields are text as written (codes and names nearly all distinct, so
        /// caching them would only hash them), by used column.
        private let identifying: [Bool]
        private var notes = NoteTally()

        /// Nil, with the reason reported, when the header makes the file unusable: there is no
        /// header, or a required column is missing.
        init?(_ columns: CSVColumns, header: CSVTable.Record?, rows: Int, path: String, _ reader: inout DocumentReader) {
            let required = SchoolRowsCSV.required
            guard let header else {
                reader.report(.error("missing-column", zh: "学校名单 CSV 是空的：需要表头 \(required.joined(separator: ","))…", en: "the school-rows CSV is empty: it needs a header \(required.joined(separator: ","))…", at: SourceLocation(path: path, line: 1, column: 1)))
                return nil
            }
            let missing = required.filter { columns.index(of: $0) == nil }
            if !missing.isEmpty {
                reader.report(.error(
                    "missing-column",
                    zh: "学校名单缺少列：\(missing.joined(separator: ", "))（表头应包含 \(required.joined(separator: ","))）",
                    en: "the school rows have no column \(missing.joined(separator: ", ")) (the header needs \(required.joined(separator: ",")))",
                    at: reader.location(header.fields[0].mark)))
                return nil
            }
            var builder = SchoolRowBuilder(path: path)
            used = columns.used.map { (index: $0.index, field: builder.column($0.name)) }
            usedNames = columns.used.map(\.name)
            builder.reserve(rows: rows)
            self.builder = builder
            typed = [[String: ValueParser.Parsed]](repeating: [:], count: columns.used.count)
            identifying = columns.used.map { SchoolRowBuilder.identifyingFields.contains($0.name) }
        }

        /// Sets a used column's cell of the row begun last from its bytes (valid UTF-8; no
        /// doubled quotes), without the spaces and tabs around them; blank leaves it absent.
        mutating func set(_ usedIndex: Int, bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, at mark: SourceMark, _ reader: inout DocumentReader) {
            var start = range.lowerBound, end = range.upperBound
            while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            if start == end { return }
            let trimmed = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if identifying[usedIndex] {
                builder.setIdentifying(used[usedIndex].field, trimmed, at: mark)
                return
            }
            if let number = NumberSyntax.plainInteger(utf8: trimmed) {
                builder.setNumber(used[usedIndex].field, Rational(number), at: mark)
                return
            }
            setTyped(usedIndex, String(decoding: trimmed, as: UTF8.self), at: mark, &reader)
        }

        /// The same from a field's text (trimmed), for a field that had doubled quotes.
        mutating func set(_ usedIndex: Int, text: String, at mark: SourceMark, _ reader: inout DocumentReader) {
            if text.isEmpty { return }
            if identifying[usedIndex] {
                builder.setIdentifying(used[usedIndex].field, text, at: mark)
                return
            }
            setTyped(usedIndex, text, at: mark, &reader)
        }

        private mutating func setTyped(_ usedIndex: Int, _ text: String, at mark: SourceMark, _ reader: inout DocumentReader) {
            let parsed: ValueParser.Parsed
            if let known = typed[usedIndex][text] {
                parsed = known
            } else {
                parsed = SchoolRowBuilder.value(usedNames[usedIndex], text: text, what: usedNames[usedIndex])
                if typed[usedIndex].count < 4096 { typed[usedIndex][text] = parsed }
            }
            for note in parsed.diagnostics {
                let cell = reader.location(mark)
                if note.severity == Diagnostic.Severity.info {
                    notes.add(note, column: usedNames[usedIndex], at: cell)
                } else {
                    reader.report(Diagnostic(note.severity, code: note.code, note.message, at: cell))
                }
            }
            builder.set(used[usedIndex].field, SchoolTable.Cell(parsed.content, at: mark))
        }

        /// The table and every diagnostic, once the last record is read.
        func finish(_ reader: inout DocumentReader) -> (rows: SchoolTable?, diagnostics: [Diagnostic]) {
            builder.checkLeadingZeros(&reader)
            reader.append(contentsOf: notes.diagnostics())
            return (builder.table(), Diagnostic.capped(reader.diagnostics, path: reader.path))
        }
    }
}
