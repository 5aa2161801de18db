public import EduCheckCore

/// Everything about one rule for `educheck rules show`: where it comes from, what it measures in
/// plain words, which metrics it needs and who reports them, and the pass line worked out on an
/// example — so a clerk can see what "超过55%" means for their own numbers.
public enum RuleSheet {
    public static func render(_ rule: Rule, ruleset: Ruleset, language: Language) -> String {
        let zh = language == .zh
        func t(_ chinese: String, _ english: String) -> String { zh ? chinese : english }
        var out = "\(rule.id)  \(rule.title.text(in: language))\n\n"
        out += t("出处：", "Source: ") + "\(ruleset.document.number) \(rule.source.section)\n"
        out += t("原文：", "Quote: ") + "“\(rule.source.quote)”\n"
        if let target = rule.target {
            out += t("目标：", "Target: ") + target.display.text(in: language) + t("（\(target.text)）", " (\(target.text))") + boundaryNote(target, zh: zh) + "\n"
        } else {
            out += t("目标：填报的比率与按数量计算的比率一致\n", "Target: the reported rate agrees with the rate its counts give\n")
        }
        out += t("严重性：", "Severity: ") + (rule.severity == .error ? t("error（约束性目标，未达标时退出码为 1）", "error (binding: a miss exits 1)") : t("warning（预期性目标，--strict 时才使退出码为 1）", "warning (an aspiration: exits 1 only with --strict)")) + "\n"
        let units = ruleset.units(for: rule)
        out += t("适用：", "Applies to: ") + "\(applicability(rule.appliesTo, units: units, language: language))\n"
        out += t("层级：", "Scope: ") + rule.scopes.map { scopeText($0, zh: zh) }.joined(separator: t("；", "; ")) + "\n"
        out += t("度量：", "Measure: ") + measureText(rule.measure, ruleset: ruleset, language: language) + "\n"
        if let interpretation = rule.interpretation {
            out += t("解读：", "Interpretation: ") + interpretation.text(in: language) + "\n"
        }
        let metrics = rule.measure.metricIDs.compactMap { ruleset.metric($0) }
        if !metrics.isEmpty {
            out += "\n" + t("所需指标（由适用单位填报）：", "Metrics it needs (reported by the units it applies to):") + "\n"
            for metric in metrics {
                let unit = metric.unit.map { "，\($0.text(in: language))" } ?? ""
                out += "  \(metric.id)  \(metric.name.text(in: language))（\(metric.kind.rawValue)\(zh ? unit : unit.replacingAll("，", with: ", "))）\n"
            }
        }
        if rule.measure.usesSchoolRows {
            out += "\n" + t("所需学校名单字段：", "School-row fields it needs: ") + (["code", "name", "stage", "ownership"] + rule.measure.rowFields.filter { !["code", "name", "stage", "ownership"].contains($0) }).joined(separator: ", ") + "\n"
        }
        if let example = example(rule, ruleset: ruleset, language: language) {
            out += "\n" + t("示例：", "Example: ") + example + "\n"
        }
        return out
    }

    private static func boundaryNote(_ target: Target, zh: Bool) -> String {
        switch target.comparator {
        case .atLeast, .atMost: zh ? "，含本数" : ", the number itself included"
        case .greaterThan, .lessThan: zh ? "，不含本数" : ", the number itself excluded"
        case .equal: ""
        }
    }

    private static func scopeText(_ scope: Rule.Scope, zh: Bool) -> String {
        switch scope {
        case .unit: zh ? "各单位分别核查" : "each unit on its own"
        case .city: zh ? "全市汇总核查（代码 440100）" : "the city aggregate (code 440100)"
        }
    }

    private static func applicability(_ applicability: Rule.Applicability, units: [ReportingUnit], language: Language) -> String {
        let names = units.map { $0.name.text(in: language) }.joined(separator: language == .zh ? "、" : ", ")
        switch applicability {
        case .districts: return (language == .zh ? "11 个区：" : "the districts: ") + names
        case .municipal: return (language == .zh ? "市本级：" : "the municipal level: ") + names
        case .all: return (language == .zh ? "全部单位（含市本级）：" : "every unit, municipal level included: ") + names
        case .units: return names
        }
    }

    static func measureText(_ measure: Measure, ruleset: Ruleset, language: Language) -> String {
        let zh = language == .zh
        func name(_ id: String) -> String { (ruleset.metric(id)?.name.text(in: language) ?? id) + " (\(id))" }
        switch measure {
        case .value(let metric):
            return zh ? "\(name(metric)) 本身；全市为各单位按汇总方式（\(ruleset.metric(metric)?.aggregation.rawValue ?? "-")）合计" : "\(name(metric)) itself; the city figure by its aggregation (\(ruleset.metric(metric)?.aggregation.rawValue ?? "-"))"
        case .ratio(let numerator, let denominator):
            return zh ? "\(name(numerator)) ÷ \(name(denominator))；全市为各单位分子之和 ÷ 分母之和（不是各单位比率的平均）" : "\(name(numerator)) ÷ \(name(denominator)); for the city, the sum of numerators over the sum of denominators (never a mean of rates)"
        case .change(let metric):
            return zh ? "\(name(metric)) 本年度减上年度（previous）" : "\(name(metric)) this period minus the previous period"
        case .coverage(let rows, let meets):
            return zh ? "学校名单中满足 “\(rows.text)” 的学校里，满足 “\(meets.text)” 的比例" : "among school rows matching “\(rows.text)”, the share satisfying “\(meets.text)”"
        case .count(let rows):
            return zh ? "满足 “\(rows.text)” 的学校数" : "the number of school rows matching “\(rows.text)”"
        case .sum(let field, let rows):
            return zh ? "满足 “\(rows.text)” 的学校的 \(field) 之和" : "the sum of \(field) over school rows matching “\(rows.text)”"
        case .expression(let expression):
            return zh ? "表达式 \(expression.text)" : "the expression \(expression.text)"
        case .consistency(let reported, let numerator, let denominator, let rounding):
            return zh ? "填报的 \(name(reported)) 与 \(name(numerator)) ÷ \(name(denominator)) 在保留 \(rounding) 位小数时一致" : "the reported \(name(reported)) equals \(name(numerator)) ÷ \(name(denominator)) to \(rounding) decimal places"
        }
    }

    /// The pass line on a round example, with the boundary case spelled out.
    static func example(_ rule: Rule, ruleset: Ruleset, language: Language) -> String? {
        let zh = language == .zh
        guard let target = rule.target else { return nil }
        switch (rule.measure, target.value) {
        case (.ratio, .number), (.coverage, .number):
            let whole: Int64 = 1_000
            guard let line = Verdict.passLine(denominator: whole, target: target) else {
                return zh ? "任何比率都无法达到该目标" : "no ratio can meet this target"
            }
            let lineText = Verdict.displayNumber(Rational(line))
            let shown = (try? Rational(line, whole)).map { Verdict.displayPercent($0, target: target) } ?? ""
            var text = zh
                ? "若总数为 1,000，至少需 \(lineText) 才达标（\(lineText)/1,000 = \(shown)）"
                : "with a whole of 1,000, at least \(lineText) are needed (\(lineText)/1,000 = \(shown))"
            if target.comparator == .greaterThan, line > 0 {
                let below = Verdict.displayNumber(Rational(line - 1))
                text += zh ? "；\(below) 恰在线上，不达标（超过不含本数）" : "; \(below) is exactly on the line and fails (超过 excludes the number)"
            }
            if target.comparator == .equal, line == whole {
                text += zh ? "；差 1 个也不达标" : "; one short fails"
            }
            return text
        case (_, .number(let bound, _)):
            let display = Verdict.displayNumber(bound)
            switch target.comparator {
            case .atLeast: return zh ? "\(display) 达标，\(Verdict.displayNumber((try? bound.subtracting(.one)) ?? bound)) 不达标" : "\(display) passes, one less fails"
            case .greaterThan: return zh ? "\(display) 不达标（不含本数），须多于 \(display)" : "\(display) fails (the number itself is excluded); more is needed"
            case .atMost, .lessThan, .equal: return zh ? "目标为 \(target.display.zh)" : "the target is \(target.display.en)"
            }
        case (_, .flag(let flag)):
            return zh ? "填报 \(flag) 即达标" : "reporting \(flag) passes"
        }
    }
}
