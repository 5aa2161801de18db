/// Reads school rows listed inline in a submission.
enum SchoolRowReader {
    static func read(_ items: [YAMLNode], _ reader: inout DocumentReader) -> SchoolTable {
        var builder = SchoolRowBuilder(path: reader.path)
        for node in items {
            guard let entries = reader.mapping(node, "school") else { continue }
            var fields: [String: ReportedValue] = [:]
            for entry in entries {
                let valueLocation = reader.location(entry.value.mark)
                guard let scalar = entry.value.scalar else {
                    reader.wrongShape(entry.value, expected: LocalizedText(zh: "单个值", en: "scalar"), "schools.\(entry.key)")
                    fields[entry.key] = ReportedValue(.invalid(LocalizedText(zh: "不是单个值", en: "not a single value")), at: valueLocation)
                    continue
                }
                if scalar.isNull { continue }
                fields[entry.key] = ReportedValue(rowValue(entry.key, scalar, &reader, at: valueLocation), at: valueLocation)
            }
            builder.add(fields, at: reader.location(node.mark), &reader)
        }
        builder.checkLeadingZeros(&reader)
        return builder.table()
    }

    /// A quoted scalar that is not a number is text, whatever it spells (`"true"`, `"1.5E3"`);
    /// otherwise the value is typed from its text like a CSV cell.
    private static func rowValue(_ key: String, _ scalar: YAMLScalar, _ reader: inout DocumentReader, at location: SourceLocation) -> ReportedValue.Content {
        if scalar.style != .plain && NumberSyntax.parse(scalar.text.narrowingFullWidth) == nil {
            return .text(scalar.text)
        }
        let parsed = SchoolRowBuilder.value(key, text: scalar.text, what: "schools.\(key)")
        for note in parsed.diagnostics { reader.report(Diagnostic(note.severity, code: note.code, note.message, at: location)) }
        return parsed.content
    }
}

extension ReportedValue.Content {
    var number: Rational? {
        if case .number(let value) = self { return value }
        return nil
    }
}
