/// Reads school rows listed inline in a submission.
enum SchoolRowReader {
    static func read(_ items: [YAMLNode], _ reader: inout DocumentReader) -> [SchoolRow] {
        var rows: [SchoolRow] = []
        rows.reserveCapacity(items.count)
        var firstCode: [String: SourceMark] = [:]
        for node in items {
            guard let entries = reader.mapping(node, "school") else { continue }
            let location = reader.location(node.mark)
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
            func text(_ key: String) -> String? {
                guard let value = fields[key] else {
                    reader.error("missing-key", zh: "学校行缺少 “\(key)”", en: "a school row has no '\(key)'", at: node.mark)
                    return nil
                }
                if case .text(let text) = value.content { return text }
                if case .number(let number) = value.content { return number.description }
                return nil
            }
            guard let code = text("code"), let name = text("name"), let stage = text("stage"), let ownership = text("ownership") else { continue }
            if !SchoolRow.stages.contains(stage), let value = fields["stage"] {
                let tail = Suggestion.tail(for: stage, in: SchoolRow.stages)
                reader.report(.error("bad-value", zh: "未知的学段 “\(stage)”\(tail.zh)；可用：\(SchoolRow.stages.joined(separator: ", "))", en: "unknown stage '\(stage)'\(tail.en); allowed: \(SchoolRow.stages.joined(separator: ", "))", at: value.location))
                fields["stage"]?.content = .invalid(LocalizedText(zh: "未知学段", en: "unknown stage"))
            }
            if !SchoolRow.ownerships.contains(ownership), let value = fields["ownership"] {
                reader.report(.error("bad-value", zh: "办学性质应为 public 或 private，实际为 “\(ownership)”", en: "ownership must be public or private, found '\(ownership)'", at: value.location))
                fields["ownership"]?.content = .invalid(LocalizedText(zh: "未知办学性质", en: "unknown ownership"))
            }
            if let first = firstCode[code] {
                reader.report(Diagnostic(.error, code: "duplicate-school-code", LocalizedText(zh: "学校代码 \(code) 重复", en: "duplicate school code \(code)"), at: fields["code"]?.location ?? location, notes: [.init(LocalizedText(zh: "首次出现于此", en: "first listed here"), at: reader.location(first))]))
                continue
            }
            firstCode[code] = node.mark
            rows.append(SchoolRow(code: code, name: name, stage: stage, ownership: ownership, fields: fields, location: location))
        }
        return rows
    }

    /// Row fields are not declared in the data dictionary, so their type comes from the text:
    /// identifying fields stay text; otherwise a number, a flag, or text for anything else.
    private static func rowValue(_ key: String, _ scalar: YAMLScalar, _ reader: inout DocumentReader, at location: SourceLocation) -> ReportedValue.Content {
        if ["code", "name", "stage", "ownership"].contains(key) || scalar.style != .plain && NumberSyntax.parse(scalar.text.narrowingFullWidth) == nil {
            return .text(scalar.text)
        }
        switch scalar.text {
        case "true", "false", "是", "否":
            return ValueParser.parse(scalar.text, kind: .flag, what: "schools.\(key)").content
        default:
            let parsed = ValueParser.parse(scalar.text, kind: .amount, what: "schools.\(key)")
            if case .invalid = parsed.content { return .text(scalar.text) }
            for note in parsed.diagnostics { reader.report(Diagnostic(note.severity, code: note.code, note.message, at: location)) }
            if let number = parsed.content.number, number < .zero {
                let message = LocalizedText(zh: "schools.\(key) 不能为负数：\(scalar.text)", en: "schools.\(key) cannot be negative: \(scalar.text)")
                reader.report(Diagnostic(.error, code: "negative-count", message, at: location))
                return .invalid(message)
            }
            return parsed.content
        }
    }
}

extension ReportedValue.Content {
    var number: Rational? {
        if case .number(let value) = self { return value }
        return nil
    }
}
