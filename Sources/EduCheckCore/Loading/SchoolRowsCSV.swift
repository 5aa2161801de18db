/// Reads a submission's school rows from a CSV file (`schools: schools-440104.csv`): a header of
/// field names (`code,name,stage,ownership,students,…`), then one school per record.
public enum SchoolRowsCSV {
    static let required = SchoolRowBuilder.identifyingFields

    /// The rows, or nil when the header makes the file unusable (a required column missing).
    public static func read(_ table: CSVTable, path: String) -> (rows: [SchoolRow]?, diagnostics: [Diagnostic]) {
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

        var builder = SchoolRowBuilder()
        var notes = NoteTally()
        // Values repeat down a column (stages, ownerships, counts): each distinct text is typed
        // once per column. The cap keeps a column of unique values from growing the cache.
        var typed = [[String: ValueParser.Parsed]](repeating: [:], count: columns.names.count)
        // Codes and names are text and nearly all distinct: caching them would only hash them.
        let identifying = columns.names.map { SchoolRowBuilder.identifyingFields.contains($0) && $0 != "stage" && $0 != "ownership" }
        for record in table.records.dropFirst() {
            let location = SourceLocation(path: path, line: record.line, column: 1)
            if let problem = columns.fieldCountProblem(record, &reader) {
                let code = columns.index(of: "code").flatMap { record.fields.indices.contains($0) ? record.fields[$0].text.trimmingSpaces : nil } ?? "?"
                let name = columns.index(of: "name").flatMap { record.fields.indices.contains($0) ? record.fields[$0].text.trimmingSpaces : nil } ?? "?"
                builder.addUnusable(code: code, name: name, fieldNames: columns.names, reason: problem, at: location)
                continue
            }
            var fields: [String: ReportedValue] = [:]
            fields.reserveCapacity(columns.used.count)
            for (index, name) in columns.used {
                let field = record.fields[index]
                let text = field.text.trimmingSpaces
                if text.isEmpty { continue }
                let cell = reader.location(field.mark)
                let parsed: ValueParser.Parsed
                if identifying[index] {
                    fields[name] = ReportedValue(.text(text), at: cell)
                    continue
                } else if let known = typed[index][text] {
                    parsed = known
                } else {
                    parsed = SchoolRowBuilder.value(name, text: text, what: name)
                    if typed[index].count < 4096 { typed[index][text] = parsed }
                }
                for note in parsed.diagnostics {
                    if note.severity == Diagnostic.Severity.info {
                        notes.add(note, column: name, at: cell)
                    } else {
                        reader.report(Diagnostic(note.severity, code: note.code, note.message, at: cell))
                    }
                }
                fields[name] = ReportedValue(parsed.content, at: cell)
            }
            builder.add(fields, at: location, &reader)
        }
        builder.checkLeadingZeros(&reader)
        reader.append(contentsOf: notes.diagnostics())
        return (builder.rows, Diagnostic.capped(reader.diagnostics, path: path))
    }
}
