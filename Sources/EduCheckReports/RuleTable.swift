public import EduCheckCore

/// The table of a ruleset's rules (id, title, target, scope, severity), as the README shows it.
public enum RuleTable {
    public static func markdown(_ ruleset: Ruleset, language: Language) -> String {
        let zh = language == .zh
        var out = zh
            ? "| 规则 | 条文 | 目标 | 适用 | 层级 | 严重性 | 出处 |\n| --- | --- | --- | --- | --- | --- | --- |\n"
            : "| rule | title | target | applies to | scope | severity | section |\n| --- | --- | --- | --- | --- | --- | --- |\n"
        for rule in ruleset.rules {
            let cells = [
                "`\(rule.id)`",
                rule.title.text(in: language),
                rule.target?.display.text(in: language) ?? (zh ? "填报比率与数量一致" : "reported rate agrees with counts"),
                rule.appliesTo.text,
                rule.scopes.map(\.rawValue).joined(separator: ", "),
                rule.severity.rawValue,
                rule.source.section,
            ]
            out += "| " + cells.map(escapeCell).joined(separator: " | ") + " |\n"
        }
        return out
    }

    public static func text(_ ruleset: Ruleset, language: Language) -> String {
        var out = "\(ruleset.id) \(ruleset.title.text(in: language)) (\(ruleset.document.number))\n"
        let width = ruleset.rules.map(\.id.count).max() ?? 0
        for rule in ruleset.rules {
            let target = rule.target?.display.text(in: language) ?? "≟"
            let padding = String(repeating: " ", count: width - rule.id.count)
            out += "\(rule.id)\(padding)  \(rule.severity == .error ? "E" : "W")  \(rule.scopes.map(\.rawValue).joined(separator: "+"))  \(target)  \(rule.title.text(in: language))\n"
        }
        return out
    }

    static func escapeCell(_ text: String) -> String {
        text.replacingAll("|", with: "\\|").replacingAll("\n", with: " ")
    }
}

extension RuleTable {
    /// The rules as data, for scripts: every field a rule has, in ruleset order.
    public static func json(_ ruleset: Ruleset, language: Language) -> JSONValue {
        .object([
            ("ruleset", .string(ruleset.id)),
            ("period", .int(ruleset.period)),
            ("document", .string(ruleset.document.number)),
            ("rules", .array(ruleset.rules.map { rule in
                .object([
                    ("id", .string(rule.id)),
                    ("title", .object([("zh", .string(rule.title.zh)), ("en", .string(rule.title.en))])),
                    ("section", .string(rule.source.section)),
                    ("quote", .string(rule.source.quote)),
                    ("target", rule.target.map { .string($0.display.text(in: language)) } ?? .null),
                    ("measure", .string(rule.measure.kindName)),
                    ("metrics", .array(rule.measure.metricIDs.map(JSONValue.string))),
                    ("applies_to", .string(rule.appliesTo.text)),
                    ("scope", .array(rule.scopes.map { .string($0.rawValue) })),
                    ("severity", .string(rule.severity.rawValue)),
                ])
            })),
        ])
    }
}
