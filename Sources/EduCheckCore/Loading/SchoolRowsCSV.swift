/// Reads a submission's school rows from a CSV file (`schools: schools-440104.csv`): a header of
/// field names (`code,name,stage,ownership,students,…`), then one school per record.
public enum SchoolRowsCSV {
    static let required = SchoolRowBuilder.identifyingFields

    /// The rows, or nil when the header makes the file unusable (a required column missing).
    public static func read(_ table: CSVTable, path: String) -> (rows: SchoolTable?, diagnostics: [Diagnostic]) {
        var reader = DocumentReader(path: path)
        guard let header = table.header else {
            reader.report(.error("missing-column", zh: "学校名单 CSV 是空的：需要表头 \(required.joined(separator: ","))…", en: "the school-rows CSV is empty: it needs a header \(required.joined(separator: ","))…", at: SourceLocation(path: path, line: 1, column: 1)))
            return (nil, reader.diagnostics)
        }
        let columns = CSVColumns(table, &reader)
        let missing = required.filter { columns.index(of: $0) == nil }
        if !missing.isEmpty {
            reader.report(.error(
                "missing-column",
                zh: "学校名单缺少列：\(missing.joined(separator: ", "))（表头应包含 \(required.joined(separator: ","))）",
                en: "the school rows have no column \(missing.joined(separator: ", ")) (the header needs \(required.joined(separator: ",")))",
                at: reader.location(header.fields[0].mark)))
            return (nil, reader.diagnostics)
        }

        var builder = SchoolRowBuilder(path: path)
        // Each CSV column read, with its column in the table: numbers apart from the names, so
        // that the loop over a row's cells does not copy (retain and release) a name per cell.
        let used = columns.used.map { (index: $0.index, field: builder.column($0.name)) }
        let usedNames = columns.used.map(\.name)
        builder.reserve(rows: table.records.count - 1)
        var notes = NoteTally()
        // Values repeat down a column (stages, ownerships, counts): each distinct text is typed
        // once per column. The cap keeps a column of unique values from growing the cache.
        var typed = [[String: ValueParser.Parsed]](repeating: [:], count: columns.names.count)
        // The identifying fields are text as written (codes and names nearly all distinct, so
        // caching them would only hash them).
        let identifying = columns.names.map { SchoolRowBuilder.identifyingFields.contains($0) }
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
                    builder.addUnusable(code: code, name: name, fieldNames: columns.names, reason: problem, at: mark)
                    continue
                }
                builder.beginRow()
                for (usedIndex, column) in used.enumerated() {
                    let span = spans[base + column.index]
                    // The field's bytes without the spaces and tabs around them; a field with
                    // doubled quotes goes through its text.
                    var start = span.start, end = span.end
                    while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
                    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
                    if start == end { continue }
                    let trimmed = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    if identifying[column.index] {
                        if span.hasDoubledQuotes {
                            builder.setIdentifying(column.field, CSVTable.text(span, in: bytes).trimmingSpaces, at: span.mark)
                        } else {
                            builder.setIdentifying(column.field, trimmed, at: span.mark)
                        }
                        continue
                    }
                    if !span.hasDoubledQuotes, let number = NumberSyntax.plainInteger(utf8: trimmed) {
                        builder.setNumber(column.field, Rational(number), at: span.mark)
                        continue
                    }
                    let text = span.hasDoubledQuotes ? CSVTable.text(span, in: bytes).trimmingSpaces : String(decoding: trimmed, as: UTF8.self)
                    let parsed: ValueParser.Parsed
                    if let known = typed[column.index][text] {
                        parsed = known
                    } else {
                        parsed = SchoolRowBuilder.value(usedNames[usedIndex], text: text, what: usedNames[usedIndex])
                        if typed[column.index].count < 4096 { typed[column.index][text] = parsed }
                    }
                    for note in parsed.diagnostics {
                        let cell = reader.location(span.mark)
                        if note.severity == Diagnostic.Severity.info {
                            notes.add(note, column: usedNames[usedIndex], at: cell)
                        } else {
                            reader.report(Diagnostic(note.severity, code: note.code, note.message, at: cell))
                        }
                    }
                    builder.set(column.field, SchoolTable.Cell(parsed.content, at: span.mark))
                }
                builder.endRow(at: mark, &reader)
            }
        }
        builder.checkLeadingZeros(&reader)
        reader.append(contentsOf: notes.diagnostics())
        return (builder.table(), Diagnostic.capped(reader.diagnostics, path: path))
    }
}
