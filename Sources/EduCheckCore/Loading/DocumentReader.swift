/// Reads typed values out of one YAML document, collecting a diagnostic (with file, line and column)
/// for everything that is not what the format expects. Loaders use it so every format gets the same
/// messages for the same mistakes.
struct DocumentReader {
    let path: String
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String) {
        self.path = path
    }

    func location(_ mark: SourceMark) -> SourceLocation {
        mark.location(in: path)
    }

    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    mutating func error(_ code: String, zh: String, en: String, at mark: SourceMark) {
        diagnostics.append(.error(code, zh: zh, en: en, at: location(mark)))
    }

    mutating func warning(_ code: String, zh: String, en: String, at mark: SourceMark) {
        diagnostics.append(.warning(code, zh: zh, en: en, at: location(mark)))
    }

    mutating func info(_ code: String, zh: String, en: String, at mark: SourceMark) {
        diagnostics.append(.info(code, zh: zh, en: en, at: location(mark)))
    }

    mutating func append(contentsOf more: [Diagnostic]) {
        diagnostics.append(contentsOf: more)
    }

    // MARK: - Shapes

    mutating func mapping(_ node: YAMLNode, _ what: String) -> [YAMLMappingEntry]? {
        if let entries = node.mapping { return entries }
        wrongShape(node, expected: LocalizedText(zh: "映射", en: "mapping"), what)
        return nil
    }

    mutating func sequence(_ node: YAMLNode, _ what: String) -> [YAMLNode]? {
        if let items = node.sequence { return items }
        wrongShape(node, expected: LocalizedText(zh: "列表", en: "sequence"), what)
        return nil
    }

    mutating func wrongShape(_ node: YAMLNode, expected: LocalizedText, _ what: String) {
        error(
            "wrong-type",
            zh: "\(what) 应为\(expected.zh)，实际为\(node.kindName.zh)",
            en: "\(what) must be a \(expected.en), found a \(node.kindName.en)",
            at: node.mark
        )
    }

    /// Reports every key that is not one of `allowed`, with a suggestion.
    mutating func checkKeys(_ entries: [YAMLMappingEntry], allowed: [String], in what: String) {
        for entry in entries where !allowed.contains(entry.key) {
            let tail = Suggestion.tail(for: entry.key, in: allowed)
            error(
                "unknown-key",
                zh: "\(what) 中有未知的键 “\(entry.key)”\(tail.zh)；可用的键：\(allowed.joined(separator: ", "))",
                en: "unknown key '\(entry.key)' in \(what)\(tail.en); allowed: \(allowed.joined(separator: ", "))",
                at: entry.keyMark
            )
        }
    }

    /// The value of a required key, or a `missing-key` diagnostic at the mapping.
    mutating func required(_ key: String, in entries: [YAMLMappingEntry], at mark: SourceMark, _ what: String) -> YAMLNode? {
        if let node = entries.first(where: { $0.key == key })?.value { return node }
        error(
            "missing-key",
            zh: "\(what) 缺少必填的键 “\(key)”",
            en: "\(what) is missing the required key '\(key)'",
            at: mark
        )
        return nil
    }

    // MARK: - Scalars

    /// Non-null scalar text.
    mutating func text(_ node: YAMLNode, _ what: String) -> String? {
        guard let scalar = node.scalar else {
            wrongShape(node, expected: LocalizedText(zh: "文本", en: "scalar"), what)
            return nil
        }
        if scalar.isNull {
            error("missing-value", zh: "\(what) 没有填写值", en: "\(what) has no value", at: node.mark)
            return nil
        }
        return scalar.text
    }

    /// `{zh: …, en: …}`; both languages are required, since every report is bilingual.
    mutating func localized(_ node: YAMLNode, _ what: String) -> LocalizedText? {
        guard let entries = mapping(node, what) else { return nil }
        checkKeys(entries, allowed: ["zh", "en"], in: what)
        guard let zhNode = required("zh", in: entries, at: node.mark, what),
              let enNode = required("en", in: entries, at: node.mark, what),
              let zh = text(zhNode, "\(what).zh"), let en = text(enNode, "\(what).en")
        else { return nil }
        return LocalizedText(zh: zh, en: en)
    }

    /// A whole number written in digits.
    mutating func integer(_ node: YAMLNode, _ what: String) -> Int? {
        guard let text = text(node, what) else { return nil }
        if let parsed = NumberSyntax.parse(text), parsed.value.isInteger, !parsed.isPercent,
           let value = Int(exactly: parsed.value.numerator) {
            return value
        }
        error("wrong-type", zh: "\(what) 应为整数，实际为 “\(text)”", en: "\(what) must be a whole number, found '\(text)'", at: node.mark)
        return nil
    }

    mutating func date(_ node: YAMLNode, _ what: String) -> CalendarDate? {
        guard let text = text(node, what) else { return nil }
        if let date = CalendarDate(text) { return date }
        error("wrong-type", zh: "\(what) 应为日期（YYYY-MM-DD），实际为 “\(text)”", en: "\(what) must be a date (YYYY-MM-DD), found '\(text)'", at: node.mark)
        return nil
    }

    /// A unit code: six digits, as text. An unquoted number is accepted (it is text to the reader).
    mutating func unitCode(_ node: YAMLNode, _ what: String, known: UnitCodes) -> String? {
        guard let code = text(node, what) else { return nil }
        if known.contains(code) { return code }
        if let mangling = CodeSyntax.mangling(of: code) {
            error("mangled-code", zh: "单位代码 “\(code)” \(mangling.zh)", en: "unit code '\(code)' \(mangling.en)", at: node.mark)
            return nil
        }
        let tail = Suggestion.tail(for: code, in: known.list)
        error(
            "unknown-unit",
            zh: "未知的填报单位代码 “\(code)”\(tail.zh)",
            en: "unknown unit code '\(code)'\(tail.en)",
            at: node.mark
        )
        return nil
    }
}
