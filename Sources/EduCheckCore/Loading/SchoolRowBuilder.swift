/// Turns the typed fields of school rows, from inline YAML or a CSV file, into `SchoolRow`s with
/// the same checks for both: the four identifying fields, known stages and ownerships, unique
/// codes, and codes that a spreadsheet turned into numbers.
struct SchoolRowBuilder {
    private(set) var rows: [SchoolRow] = []
    private var firstCode: [String: SourceLocation] = [:]

    static let identifyingFields = ["code", "name", "stage", "ownership"]

    /// Adds a row whose fields are typed (`value(_:text:what:)`); reports what is wrong with it.
    mutating func add(_ fields: [String: ReportedValue], at location: SourceLocation, _ reader: inout DocumentReader) {
        var fields = fields
        func text(_ key: String) -> String? {
            guard let value = fields[key] else {
                reader.report(.error("missing-key", zh: "学校行缺少 “\(key)”", en: "a school row has no '\(key)'", at: location))
                return nil
            }
            if case .text(let text) = value.content { return text }
            if case .number(let number) = value.content { return number.description }
            return nil
        }
        let identity = Self.identifyingFields.map { text($0) }
        guard let code = identity[0], let name = identity[1], let stage = identity[2], let ownership = identity[3] else { return }
        if !SchoolRow.stages.contains(stage), let value = fields["stage"] {
            let tail = Suggestion.tail(for: stage, in: SchoolRow.stages)
            reader.report(.error("bad-value", zh: "未知的学段 “\(stage)”\(tail.zh)；可用：\(SchoolRow.stages.joined(separator: ", "))", en: "unknown stage '\(stage)'\(tail.en); allowed: \(SchoolRow.stages.joined(separator: ", "))", at: value.location))
            fields["stage"]?.content = .invalid(LocalizedText(zh: "未知学段", en: "unknown stage"))
        }
        if !SchoolRow.ownerships.contains(ownership), let value = fields["ownership"] {
            reader.report(.error("bad-value", zh: "办学性质应为 public 或 private，实际为 “\(ownership)”", en: "ownership must be public or private, found '\(ownership)'", at: value.location))
            fields["ownership"]?.content = .invalid(LocalizedText(zh: "未知办学性质", en: "unknown ownership"))
        }
        let codeLocation = fields["code"]?.location ?? location
        if let first = firstCode[code] {
            reader.report(Diagnostic(.error, code: "duplicate-school-code", LocalizedText(zh: "学校代码 \(code) 重复", en: "duplicate school code \(code)"), at: codeLocation, notes: [.init(LocalizedText(zh: "首次出现于此", en: "first listed here"), at: first)]))
            return
        }
        if let mangling = CodeSyntax.mangling(of: code) {
            reader.report(Diagnostic(.error, code: "mangled-code", LocalizedText(zh: "学校代码 “\(code)” \(mangling.zh)", en: "school code '\(code)' \(mangling.en)"), at: codeLocation))
        }
        firstCode[code] = location
        rows.append(SchoolRow(code: code, name: name, stage: stage, ownership: ownership, fields: fields, location: location))
    }

    /// Adds a row that cannot be trusted field by field (a CSV row with the wrong number of
    /// fields): it stays in the list so that every result over it is `invalid` and names it,
    /// rather than silently counting one school fewer.
    mutating func addUnusable(code: String, name: String, fieldNames: [String], reason: LocalizedText, at location: SourceLocation) {
        var fields: [String: ReportedValue] = [:]
        for field in fieldNames where field != "code" && field != "name" {
            fields[field] = ReportedValue(.invalid(reason), at: location)
        }
        fields["code"] = ReportedValue(.text(code), at: location)
        fields["name"] = ReportedValue(.text(name), at: location)
        rows.append(SchoolRow(code: code, name: name, stage: "", ownership: "", fields: fields, location: location))
    }

    /// Codes that lost their leading zeros: in a list where codes of the usual length start with
    /// 0, an all-digit code that is shorter is what a spreadsheet makes of `0012345678`.
    func checkLeadingZeros(_ reader: inout DocumentReader) {
        var lengths: [Int: Int] = [:]
        var zeroLed: Set<Int> = []
        for row in rows where CodeSyntax.isDigits(row.code) {
            lengths[row.code.utf8.count, default: 0] += 1
            if row.code.hasPrefix("0") { zeroLed.insert(row.code.utf8.count) }
        }
        guard let usual = lengths.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key, zeroLed.contains(usual) else { return }
        for row in rows where CodeSyntax.isDigits(row.code) && row.code.utf8.count < usual {
            reader.report(Diagnostic(
                .error, code: "mangled-code",
                LocalizedText(
                    zh: "学校代码 “\(row.code)” 只有 \(row.code.utf8.count) 位，其他代码为 \(usual) 位且以 0 开头：开头的 0 可能被表格软件去掉了；请把代码列设为文本",
                    en: "school code '\(row.code)' has \(row.code.utf8.count) digits where the others have \(usual) and start with 0: a spreadsheet probably dropped its leading zeros; format the code column as text"),
                at: row.fields["code"]?.location ?? row.location))
        }
    }

    // MARK: - Values

    /// A row field's value from its text. Row fields are not declared in the data dictionary, so
    /// the type comes from the text: identifying fields stay text; `true`/`false`/`是`/`否` are
    /// flags; a number (spreadsheet habits undone, each noted) is a number; text that looks like
    /// a number but is not one (`1.10101E+17`, `85%`) is refused; anything else is text.
    /// `what` names the field in messages (`schools.students`, or the CSV column).
    static func value(_ key: String, text: String, what: String) -> ValueParser.Parsed {
        if identifyingFields.contains(key) {
            return ValueParser.Parsed(content: .text(text), diagnostics: [])
        }
        switch text {
        case "true", "false", "是", "否":
            return ValueParser.parse(text, kind: .flag, what: what)
        default:
            var parsed = ValueParser.parse(text, kind: .amount, what: what)
            if case .invalid = parsed.content {
                return looksNumeric(text) ? parsed : ValueParser.Parsed(content: .text(text), diagnostics: [])
            }
            if let number = parsed.content.number, number < .zero {
                let message = LocalizedText(zh: "\(what) 不能为负数：\(text)", en: "\(what) cannot be negative: \(text)")
                parsed.content = .invalid(message)
                parsed.diagnostics.append(("negative-count", .error, message))
            }
            return parsed
        }
    }

    /// Starts like a number: a digit (ASCII or full-width), a sign or a decimal point.
    static func looksNumeric(_ text: String) -> Bool {
        guard let first = text.trimmingSpaces.unicodeScalars.first else { return false }
        return ("0"..."9").contains(first) || ("０"..."９").contains(first) || first == "-" || first == "+" || first == "."
    }
}
