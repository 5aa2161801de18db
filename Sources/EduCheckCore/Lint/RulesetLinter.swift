/// Checks a ruleset for what the loader cannot see: quotes that are not in the source text,
/// comparators and severities that contradict the quote's own words (Civil Code art. 1259),
/// metrics nobody uses, city rules with no way to add units up, and targets that can never be
/// met or never be missed.
public enum RulesetLinter {
    public struct Result: Sendable {
        /// Load diagnostics first, then lint findings, each sorted by position.
        public var diagnostics: [Diagnostic]
        /// The ruleset could not be read at all (syntax errors, missing files).
        public var unreadable: Bool

        /// 0 clean, 1 findings, 2 unreadable.
        public var exitStatus: ExitStatus {
            if unreadable { return .inputError }
            return diagnostics.contains { $0.severity != .info } ? .targetsMissed : .success
        }
    }

    /// Codes that mean a file could not be read, as opposed to read and found wanting.
    static let unreadableCodes: Set<String> = [
        "yaml-syntax", "invalid-utf8", "nul-byte", "file-too-large", "yaml-depth", "yaml-alias",
        "yaml-multiple-documents", "yaml-too-many-errors", "missing-file", "empty-file",
    ]

    public static func lint(_ files: RulesetFiles) -> Result {
        let loaded = RulesetLoader.load(files)
        var diagnostics = loaded.diagnostics.sorted()
        let unreadable = loaded.ruleset == nil || diagnostics.contains { unreadableCodes.contains($0.code) }
        guard let ruleset = loaded.ruleset else { return Result(diagnostics: diagnostics, unreadable: true) }
        diagnostics += lint(ruleset).sorted()
        return Result(diagnostics: diagnostics, unreadable: unreadable)
    }

    public static func lint(_ ruleset: Ruleset) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        if ruleset.document.text == nil {
            findings.append(.warning("no-source-text", zh: "规则集没有附带来源文件全文（document.text），无法核对引文", en: "the ruleset ships no source text (document.text), so quotes cannot be checked", at: nil))
        }
        for rule in ruleset.rules {
            findings += lintQuote(rule, ruleset: ruleset)
            findings += lintTarget(rule, ruleset: ruleset)
            findings += lintCityAggregation(rule, ruleset: ruleset)
        }
        let used = Set(ruleset.rules.flatMap(\.measure.metricIDs))
        for metric in ruleset.metrics where !used.contains(metric.id) {
            findings.append(.warning("unused-metric", zh: "指标 \(metric.id) 未被任何规则使用", en: "metric \(metric.id) is not used by any rule", at: metric.location))
        }
        return findings
    }

    // MARK: - Quotes

    private static func lintQuote(_ rule: Rule, ruleset: Ruleset) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let quote = rule.source.quote
        let at = rule.source.quoteLocation ?? rule.location
        if let text = ruleset.document.text, !text.contains(quote) {
            findings.append(.error("quote-not-in-source", zh: "规则 \(rule.id) 的引文不在来源文件原文中（须逐字照抄，包括标点和空格）", en: "the quote of \(rule.id) is not in the source text (it must be copied verbatim, punctuation and spaces included)", at: at))
        }
        let aspiration = ["力争", "推动", "探索"].first { quote.contains($0) }
        if let aspiration, rule.severity == .error {
            findings.append(.error("severity-contradicts-quote", zh: "规则 \(rule.id) 的引文说“\(aspiration)”，属预期性目标，severity 应为 warning", en: "the quote of \(rule.id) says “\(aspiration)” (an aspiration), so its severity should be warning", at: rule.location))
        }
        guard let target = rule.target, case .number(let bound, let isPercent) = target.value else { return findings }
        for wording in QuoteWording.find(in: quote) {
            if wording.number == nil {
                // 全覆盖, 全员, 配齐: every one of them.
                if isPercent && !(target.comparator == .equal && bound == .one) {
                    findings.append(.error("comparator-contradicts-quote", zh: "规则 \(rule.id) 的引文说“\(wording.word)”（= 100%），目标却是 \(target.display.zh)", en: "the quote of \(rule.id) says “\(wording.word)” (= 100%) but the target is \(target.display.en)", at: at))
                }
                continue
            }
            guard let number = wording.number, wording.isPercent == isPercent, number == bound else { continue }
            if wording.comparator != target.comparator {
                findings.append(.error(
                    "comparator-contradicts-quote",
                    zh: "规则 \(rule.id) 的引文说“\(wording.word)”，按《民法典》第一千二百五十九条应为 \(wording.comparator.rawValue)，目标却是 \(target.comparator.rawValue)",
                    en: "the quote of \(rule.id) says “\(wording.word)”, which by Civil Code art. 1259 means \(wording.comparator.rawValue), but the target uses \(target.comparator.rawValue)",
                    at: at))
            }
        }
        return findings
    }

    // MARK: - Targets

    private static func lintTarget(_ rule: Rule, ruleset: Ruleset) -> [Diagnostic] {
        guard let target = rule.target else { return [] }
        let at = rule.location
        var findings: [Diagnostic] = []
        let isRatio: Bool
        var valueMetric: Metric?
        switch rule.measure {
        case .ratio, .coverage: isRatio = true
        case .value(let metric):
            isRatio = false
            valueMetric = ruleset.metric(metric)
        default: isRatio = false
        }
        switch target.value {
        case .flag:
            if let metric = valueMetric, metric.kind != .flag {
                findings.append(.error("target-type-mismatch", zh: "规则 \(rule.id) 的目标是是/否，但 \(metric.id) 是 \(metric.kind.rawValue)", en: "\(rule.id) has a yes/no target but \(metric.id) is a \(metric.kind.rawValue)", at: at))
            } else if valueMetric == nil, !(rule.measure.kindName == "expression") {
                findings.append(.error("target-type-mismatch", zh: "规则 \(rule.id) 的度量是数值，目标却是是/否", en: "\(rule.id) measures a number but its target is yes/no", at: at))
            }
            return findings
        case .number(let bound, let isPercent):
            if let metric = valueMetric, metric.kind == .flag {
                findings.append(.error("target-type-mismatch", zh: "规则 \(rule.id) 的目标是数值，但 \(metric.id) 是是/否", en: "\(rule.id) has a numeric target but \(metric.id) is yes/no", at: at))
                return findings
            }
            if isRatio && !isPercent {
                findings.append(.warning("target-type-mismatch", zh: "规则 \(rule.id) 度量比率，目标宜写成百分数", en: "\(rule.id) measures a ratio; write its target as a percentage", at: at))
            }
            if !isRatio, isPercent, let metric = valueMetric, metric.kind == .count {
                findings.append(.error("target-type-mismatch", zh: "规则 \(rule.id) 的 \(metric.id) 是计数，目标却是百分数", en: "\(rule.id): \(metric.id) is a count but the target is a percentage", at: at))
            }
            // The range a measure can take: a ratio lies in [0, 1]; a count is at least 0.
            let canBeNegative: Bool
            switch rule.measure {
            case .change, .expression: canBeNegative = true
            case .value(let id): canBeNegative = ruleset.metric(id)?.kind == .amount && ruleset.metric(id)?.minimum == nil
            case .sum: canBeNegative = false
            default: canBeNegative = false
            }
            let lower: Rational? = canBeNegative ? nil : .zero
            let upper: Rational? = isRatio ? .one : nil
            if let verdict = trivial(target.comparator, bound, lower: lower, upper: upper) {
                findings.append(verdict
                    ? .error("target-always-met", zh: "规则 \(rule.id) 的目标 \(target.display.zh) 永远达标，核查不出任何问题", en: "the target \(target.display.en) of \(rule.id) is always met, so it checks nothing", at: at)
                    : .error("target-never-met", zh: "规则 \(rule.id) 的目标 \(target.display.zh) 永远无法达到", en: "the target \(target.display.en) of \(rule.id) can never be met", at: at))
            }
        }
        return findings
    }

    /// Whether `x op bound` holds for every x in [lower, upper] (true), for none (false), or
    /// depends on x (nil).
    static func trivial(_ op: Comparator, _ bound: Rational, lower: Rational?, upper: Rational?) -> Bool? {
        switch op {
        case .atLeast:
            if let lower, lower >= bound { return true }
            if let upper, upper < bound { return false }
        case .greaterThan:
            if let lower, lower > bound { return true }
            if let upper, upper <= bound { return false }
        case .atMost:
            if let upper, upper <= bound { return true }
            if let lower, lower > bound { return false }
        case .lessThan:
            if let upper, upper < bound { return true }
            if let lower, lower >= bound { return false }
        case .equal:
            if let lower, lower > bound { return false }
            if let upper, upper < bound { return false }
        }
        return nil
    }

    // MARK: - City scope

    private static func lintCityAggregation(_ rule: Rule, ruleset: Ruleset) -> [Diagnostic] {
        guard rule.scopes.contains(.city) else { return [] }
        var findings: [Diagnostic] = []
        for id in rule.measure.metricIDs {
            guard let metric = ruleset.metric(id) else { continue }
            if metric.aggregation == .none {
                findings.append(.error("no-city-aggregation", zh: "规则 \(rule.id) 在全市层面核查，但指标 \(id) 的 aggregate 为 none，无法汇总", en: "\(rule.id) is checked at city scope but \(id) has aggregate: none, so there is no city figure", at: rule.location))
            }
        }
        if case .consistency = rule.measure {
            findings.append(.error("no-city-aggregation", zh: "一致性核对只在单位层面进行，规则 \(rule.id) 的 scope 不应含 city", en: "consistency checks are per unit; \(rule.id) should not have city scope", at: rule.location))
        }
        return findings
    }
}
