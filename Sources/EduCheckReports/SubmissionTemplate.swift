public import EduCheckCore

/// A submission skeleton for one unit: every metric the unit must report under a ruleset, and
/// nothing else, so a district clerk can fill it in without reading the rules.
///
/// A unit reports a metric when a rule that applies to it reads the metric: at unit scope always;
/// at city scope when the city figure is formed from the units' values (`sum`, `all`, `any`), or
/// when the unit is the municipal level and the figure is the municipal level's own (`municipal`).
/// A `none` metric has no city figure, so a city-only rule needs nobody's value.
public struct SubmissionTemplate: Sendable {
    /// The template's output formats. Closed, so an unknown `--format` is a usage error.
    public enum Format: String, CaseIterable, Sendable {
        /// The submission itself, with comments.
        case yaml
        /// The long-form metrics CSV of SPEC 3.4: `unit,period,metric,value`.
        case csv
    }

    /// One chapter of the template: a domain and its metrics, in declaration order.
    public struct Chapter: Sendable {
        public var domain: String
        public var name: LocalizedText?
        public var metrics: [Metric]
    }

    public let ruleset: Ruleset
    public let unit: ReportingUnit
    /// The rules that need something from this unit, in ruleset order.
    public let rules: [Rule]
    /// This period's metrics, grouped by the ruleset's domains in `metrics.yaml` order.
    public let chapters: [Chapter]
    /// Last period's metrics (read by `change` measures), in the same order.
    public let previousMetrics: [Metric]
    /// The school-row fields after `code,name,stage,ownership`; nil when no rule reads rows.
    public let schoolFields: [String]?
    /// The rules that read school rows.
    public let schoolRules: [Rule]

    public init(ruleset: Ruleset, unit: ReportingUnit) {
        self.ruleset = ruleset
        self.unit = unit
        var current = Set<String>()
        var previous = Set<String>()
        var rules: [Rule] = []
        var schoolRules: [Rule] = []
        var fields = Set<String>()
        for rule in ruleset.rules where rule.appliesTo.includes(unit) {
            let metrics = rule.measure.metricIDs.filter { id in
                ruleset.metric(id).map { Self.reports($0, for: rule, unit: unit) } ?? false
            }
            if rule.measure.usesSchoolRows {
                schoolRules.append(rule)
                fields.formUnion(rule.measure.rowFields)
            }
            guard !metrics.isEmpty || rule.measure.usesSchoolRows else { continue }
            rules.append(rule)
            current.formUnion(metrics)
            if case .change(let metric) = rule.measure, metrics.contains(metric) {
                previous.insert(metric)
            }
        }
        self.rules = rules
        self.schoolRules = schoolRules
        let identity = ["code", "name", "stage", "ownership"]
        schoolFields = schoolRules.isEmpty ? nil : fields.subtracting(identity).sorted()

        // Chapters follow the ruleset's domains; a metric whose domain is not declared still
        // appears, after them, under its domain id.
        let ordered = ruleset.domains.map(\.id) + ruleset.metrics.map(\.domain).filter { domain in
            !ruleset.domains.contains { $0.id == domain }
        }
        var chapters: [Chapter] = []
        var seen = Set<String>()
        for domain in ordered where seen.insert(domain).inserted {
            let metrics = ruleset.metrics.filter { $0.domain == domain && current.contains($0.id) }
            if !metrics.isEmpty {
                chapters.append(Chapter(domain: domain, name: ruleset.domainName(domain), metrics: metrics))
            }
        }
        self.chapters = chapters
        previousMetrics = chapters.flatMap(\.metrics).filter { previous.contains($0.id) }
    }

    /// Every metric of this period, in template order.
    public var metrics: [Metric] {
        chapters.flatMap(\.metrics)
    }

    /// Whether `unit` must report `metric` for `rule` (see the type's documentation).
    static func reports(_ metric: Metric, for rule: Rule, unit: ReportingUnit) -> Bool {
        if rule.scopes.contains(.unit) { return true }
        switch metric.aggregation {
        case .sum, .all, .any: return true
        case .municipal: return unit.kind == .municipal
        case .none: return false
        }
    }

    /// The header of a school-rows CSV file.
    public var schoolHeader: String? {
        schoolFields.map { (["code", "name", "stage", "ownership"] + $0).joined(separator: ",") }
    }

    public func render(_ format: Format, language: Language) -> String {
        switch format {
        case .yaml: yaml(language: language)
        case .csv: csv()
        }
    }

    // MARK: - CSV

    /// SPEC 3.4's long form: one row per metric, the value empty; last period's rows carry the
    /// previous period, which is how the CSV reader tells them apart.
    public func csv() -> String {
        var out = "unit,period,metric,value\n"
        for metric in metrics {
            out += "\(unit.code),\(ruleset.period),\(metric.id),\n"
        }
        for metric in previousMetrics {
            out += "\(unit.code),\(ruleset.period - 1),\(metric.id),\n"
        }
        return out
    }

    // MARK: - YAML

    public func yaml(language: Language) -> String {
        let words = Words(language)
        var out = ""
        func comment(_ text: String, indent: Int = 0) {
            out += String(repeating: " ", count: indent) + "# " + text.singleLine + "\n"
        }
        let unitName = unit.name.text(in: language)
        comment(words.title(unitName, unit.code, ruleset.period))
        comment(words.ruleset(ruleset.id, ruleset.title.text(in: language), ruleset.document.number))
        for line in words.instructions { comment(line) }
        out += "unit: \(Self.scalar(unit.code, forceQuotes: true))\n"
        out += "period: \(ruleset.period)\n"
        out += "ruleset: \(Self.scalar(ruleset.id))\n"

        out += "\nmetrics:\n"
        if chapters.isEmpty {
            comment(words.nothingToReport, indent: 2)
        }
        let width = metrics.map { $0.id.count }.max() ?? 0
        for (index, chapter) in chapters.enumerated() {
            if index > 0 { out += "\n" }
            comment("── " + (chapter.name.map(Self.bilingual) ?? chapter.domain) + " ──", indent: 2)
            for metric in chapter.metrics {
                metricLines(metric, indent: 2, width: width, words: words, into: &out)
            }
        }

        if !previousMetrics.isEmpty {
            out += "\n"
            comment(words.previous(ruleset.period - 1, rules: rules.filter(\.measure.isChange).map(\.id)))
            out += "previous:\n  period: \(ruleset.period - 1)\n  metrics:\n"
            let previousWidth = previousMetrics.map { $0.id.count }.max() ?? 0
            for metric in previousMetrics {
                metricLines(metric, indent: 4, width: previousWidth, words: words, into: &out)
            }
        }

        if let example = rules.first {
            out += "\n"
            for line in words.notes { comment(line) }
            out += "# notes:\n#   \(example.id): \(words.noteExample)\n"
        }

        if let schoolFields, let header = schoolHeader {
            out += "\n"
            for line in words.schools(rules: schoolRules.map(\.id), fields: schoolFields, csvName: "schools-\(unit.code).csv") { comment(line) }
            comment(header)
            let row = ["code: \(Self.scalar(unit.code + "0001", forceQuotes: true))", "name: \(words.exampleSchool)", "stage: primary", "ownership: public"]
                + schoolFields.map { "\($0): ~" }
            out += "# schools:\n#   - {\(row.joined(separator: ", "))}\n"
        }
        return out
    }

    private func metricLines(_ metric: Metric, indent: Int, width: Int, words: Words, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        var label = Self.bilingual(metric.name)
        if let unit = metric.unit {
            label += "（\(unit.zh == unit.en ? unit.zh : "\(unit.zh) · \(unit.en)")）"
        }
        out += pad + "# " + label.singleLine + "\n"
        let key = "\(metric.id): ~"
        let spacing = String(repeating: " ", count: width + 3 - key.count + 2)
        out += pad + key + spacing + "# " + words.hint(metric) + "\n"
    }

    static func bilingual(_ text: LocalizedText) -> String {
        text.zh == text.en ? text.zh : "\(text.zh) · \(text.en)"
    }

    /// A YAML scalar that every YAML reader takes as this exact text: plain when it cannot be
    /// mistaken for anything else, double-quoted (JSON escaping is valid YAML) otherwise.
    static func scalar(_ text: String, forceQuotes: Bool = false) -> String {
        let plain = !forceQuotes
            && text.unicodeScalars.first.map({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) }) == true
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }
            && !["y", "n", "yes", "no", "on", "off", "true", "false", "null"].contains(text.lowercased())
        if plain { return text }
        var out: [UInt8] = []
        JSONWriter.writeString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

// MARK: - Unit lookup

/// `--unit` named no unit of the ruleset.
public struct UnknownUnitError: Error, Sendable {
    public var message: LocalizedText
    /// The codes the user probably meant, in code order.
    public var suggestions: [String]
}

extension SubmissionTemplate {
    /// The unit with this code, or an error that suggests the likely ones and lists them all: the
    /// unit whose slug or name was given instead of its code, else every code one keystroke away
    /// (a digit wrong, missing or extra, or two neighbours swapped).
    public static func unit(_ text: String, in ruleset: Ruleset) -> Result<ReportingUnit, UnknownUnitError> {
        let given = text.trimmingSpaces
        if let unit = ruleset.unit(given) { return .success(unit) }
        let lowered = given.lowercased()
        let named = ruleset.units.filter { unit in
            let names = [unit.slug, unit.name.zh, unit.name.en, unit.name.zh.dropping(suffix: "区"), unit.name.en.dropping(suffix: " District")]
            return !lowered.isEmpty && names.map { $0.lowercased() }.contains(lowered)
        }
        let suggested = named.isEmpty ? ruleset.units.filter { isOneEdit(Array(given), Array($0.code)) } : named
        let known = LocalizedText(
            zh: ruleset.units.map { "\($0.code) \($0.name.zh)" }.joined(separator: "、"),
            en: ruleset.units.map { "\($0.code) \($0.name.en)" }.joined(separator: ", "))
        var hint = (zh: "", en: "")
        if !suggested.isEmpty {
            hint.zh = "（是否应为 " + suggested.map { "\($0.code) \($0.name.zh)" }.joined(separator: " 或 ") + "？）"
            hint.en = " (did you mean " + suggested.map { "\($0.code) \($0.name.en)" }.joined(separator: " or ") + "?)"
        }
        return .failure(UnknownUnitError(
            message: LocalizedText(
                zh: "未知的填报单位代码 “\(given)”\(hint.zh)；可用：\(known.zh)",
                en: "unknown unit code '\(given)'\(hint.en); known units: \(known.en)"),
            suggestions: suggested.map(\.code)))
    }

    /// Whether `a` becomes `b` with one substitution, insertion, deletion or swap of neighbours.
    static func isOneEdit(_ a: [Character], _ b: [Character]) -> Bool {
        if a.count == b.count {
            let differences = a.indices.filter { a[$0] != b[$0] }
            if differences.count == 1 { return true }
            return differences.count == 2 && differences[1] == differences[0] + 1
                && a[differences[0]] == b[differences[1]] && a[differences[1]] == b[differences[0]]
        }
        guard abs(a.count - b.count) == 1 else { return false }
        let (long, short) = a.count > b.count ? (a, b) : (b, a)
        guard let skip = short.indices.first(where: { short[$0] != long[$0] }) else { return true }
        return Array(long[(skip + 1)...]) == Array(short[skip...])
    }
}

// MARK: - Words

/// The template's own text in one language. Metric and chapter names are the data dictionary's
/// and always appear in both languages, Chinese first.
private struct Words {
    let language: Language

    init(_ language: Language) {
        self.language = language
    }

    private var zh: Bool { language == .zh }

    func title(_ unit: String, _ code: String, _ period: Int) -> String {
        zh ? "\(unit)（\(code)）\(period)年数据填报模板" : "Submission template: \(unit) (\(code)), \(period)"
    }

    func ruleset(_ id: String, _ title: String, _ number: String) -> String {
        zh ? "规则集：\(id) \(title)（\(number)）" : "Ruleset: \(id), \(title) (\(number))"
    }

    var instructions: [String] {
        zh ? [
            "填写方法：把每个 ~ 换成本单位的数值；暂时没有的数可以留 ~（未填报），用到它的目标结果为“缺数据”。",
            "写法：计数写整数（1520）；比率带百分号并加引号（\"78.95%\"）；是/否写 true 或 false。",
            "填好后核查：educheck check 本文件",
        ] : [
            "Replace every ~ with your unit's figure; a value you do not have yet may stay ~ (not reported), and the targets that need it are 'missing'.",
            "Counts are whole numbers (1520); rates carry a percent sign and quotes (\"78.95%\"); yes/no is true or false.",
            "Then check the file: educheck check FILE",
        ]
    }

    var nothingToReport: String {
        zh ? "本单位不需要填报指标" : "this unit reports no metrics"
    }

    func hint(_ metric: Metric) -> String {
        var text: String
        switch metric.kind {
        case .count: text = zh ? "整数" : "whole number"
        case .amount: text = zh ? "数值，如 12.5" : "a number, like 12.5"
        case .rate: text = zh ? "比率，带百分号并加引号，如 \"78.95%\"" : "a rate with a percent sign, quoted, like \"78.95%\""
        case .flag: text = zh ? "true 或 false" : "true or false"
        case .text: text = zh ? "文字" : "text"
        }
        if let minimum = metric.minimum {
            text += zh ? "，不小于 \(minimum)" : ", at least \(minimum)"
        }
        if let whole = metric.atMost {
            text += zh ? "，不大于 \(whole)" : ", at most \(whole)"
        }
        return text
    }

    func previous(_ period: Int, rules: [String]) -> String {
        let list = rules.joined(separator: ", ")
        return zh
            ? "上一年度（\(period)）的数值，用于与本年度比较的目标：\(list)"
            : "Last period's (\(period)) figures, for the targets that compare with this period: \(list)"
    }

    var notes: [String] {
        zh ? [
            "情况说明（可选）：按规则编号填写，随该规则的结果写入各类报告。去掉下面两行行首的 “# ” 即可启用。",
        ] : [
            "Notes (optional): an explanation per rule id, carried into every report beside that rule's result. Remove the leading '# ' of the two lines below to use them.",
        ]
    }

    var noteExample: String {
        zh ? "在此说明未达标或数据特殊的原因。" : "Explain here why a target is missed or a figure is unusual."
    }

    var exampleSchool: String {
        zh ? "示例小学" : "Example Primary School"
    }

    func schools(rules: [String], fields: [String], csvName: String) -> [String] {
        let stages = SchoolRow.stages.joined(separator: ", ")
        let ownerships = SchoolRow.ownerships.joined(separator: ", ")
        let list = rules.joined(separator: ", ")
        return zh ? [
            "学校明细（规则 \(list) 逐所核查）：去掉下面 schools 各行行首的 “# ”，每所学校写一行。",
            "学段 stage：\(stages)",
            "办学性质 ownership：\(ownerships)",
            fields.isEmpty ? "学校代码 code 加引号。" : "学校代码 code 加引号；\(fields.joined(separator: "、")) 填数值。",
            "学校较多时可另存为 CSV 文件，写 schools: \(csvName)；CSV 表头为：",
        ] : [
            "School rows (checked school by school by \(list)): remove the leading '# ' of the schools lines below and write one line per school.",
            "stage: \(stages)",
            "ownership: \(ownerships)",
            fields.isEmpty ? "Quote the school code." : "Quote the school code; \(fields.joined(separator: ", ")) are numbers.",
            "For many schools, keep them in a CSV file and write schools: \(csvName); its header is:",
        ]
    }
}

extension Measure {
    var isChange: Bool {
        if case .change = self { return true }
        return false
    }
}

extension String {
    /// Comments are one line each; a line break in a name must not end the comment.
    fileprivate var singleLine: String {
        replacingAll("\r\n", with: " ").replacingAll("\n", with: " ").replacingAll("\r", with: " ")
    }

    fileprivate func dropping(suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }

    fileprivate var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
