import EduCheckCore

/// The wording every report shares, in the report's language: how a unit, a status, a finding and
/// a waiver are named. One place, so a result reads the same in an annotation, a test report and
/// the printed audit.
struct ReportText {
    let report: CheckReport
    let language: Language

    init(_ report: CheckReport, _ language: Language) {
        self.report = report
        self.language = language
    }

    /// Picks the phrase for the report's language.
    func callAsFunction(_ zh: String, _ en: String) -> String {
        language == .zh ? zh : en
    }

    var listSeparator: String { self("、", ", ") }

    // MARK: - Units

    /// The unit's name, or for a city-scope result the city total. The municipal level and the
    /// city total share code 440100, so the scope, not the code, tells them apart.
    func unitName(_ code: String, scope: Rule.Scope) -> String {
        if scope == .city { return self("全市汇总", "City total") }
        return report.ruleset.unit(code)?.name.text(in: language) ?? code
    }

    /// "越秀区（440104）", "Yuexiu District (440104)".
    func unitLabel(_ code: String, scope: Rule.Scope) -> String {
        self("\(unitName(code, scope: scope))（\(code)）", "\(unitName(code, scope: scope)) (\(code))")
    }

    func unitLabel(_ outcome: Outcome) -> String {
        unitLabel(outcome.unit, scope: outcome.scope)
    }

    // MARK: - Rules and statuses

    func title(_ ruleID: String) -> String {
        report.ruleset.rule(ruleID)?.title.text(in: language) ?? ruleID
    }

    func status(_ status: Outcome.Status) -> String {
        status.label.text(in: language)
    }

    func severity(_ severity: Rule.Severity) -> String {
        switch severity {
        case .error: self("约束性", "binding")
        case .warning: self("预期性", "aspiration")
        }
    }

    /// A status as a verdict on the rule, naming aspirations as such so a missed 力争 target does
    /// not read like a broken binding one.
    func verdict(_ outcome: Outcome) -> String {
        let label = status(outcome.status)
        guard outcome.severity == .warning, outcome.status != .pass, outcome.status != .notApplicable else { return label }
        return self("\(label)（预期性目标）", "\(label) (aspiration)")
    }

    // MARK: - Findings

    /// "98.38%（1,220/1,240）", "是", or nil when nothing was measured.
    func value(_ outcome: Outcome) -> String? {
        guard let measurement = outcome.measurement else { return nil }
        switch measurement.kind {
        case .ratio:
            guard let numerator = measurement.numerator, let denominator = measurement.denominator,
                  measurement.display != "0/0" else { return measurement.display }
            return self(
                "\(measurement.display)（\(Verdict.displayNumber(numerator))/\(Verdict.displayNumber(denominator))）",
                "\(measurement.display) (\(Verdict.displayNumber(numerator))/\(Verdict.displayNumber(denominator)))")
        case .flag:
            return measurement.flag.map { flag(value: $0) } ?? measurement.display
        case .number, .consistency:
            return measurement.display
        }
    }

    func flag(value: Bool) -> String {
        value ? self("是", "yes") : self("否", "no")
    }

    func target(_ outcome: Outcome) -> String? {
        (outcome.target ?? report.ruleset.rule(outcome.rule)?.target)?.display.text(in: language)
    }

    /// What was measured against what, and by how much it fell short: one clause each.
    func facts(_ outcome: Outcome) -> [String] {
        var facts: [String] = []
        if let value = value(outcome) { facts.append(self("实际 ", "actual ") + value) }
        if let target = target(outcome), outcome.status != .notApplicable { facts.append(self("目标 ", "target ") + target) }
        if let gap = outcome.gapText, outcome.status == .fail || outcome.status == .waived {
            facts.append(gap.text(in: language))
        }
        return facts
    }

    /// Why a result is missing, invalid or not applicable, with the units concerned at city scope.
    func reasons(_ outcome: Outcome) -> [String] {
        var lines = outcome.reasons.map { $0.text(in: language) }
        if !outcome.affectedUnits.isEmpty {
            let names = outcome.affectedUnits.map { unitName($0, scope: .unit) }
            lines.append(self("涉及单位：", "units: ") + names.joined(separator: listSeparator))
        }
        return lines
    }

    /// For a miss, the shortfall (or, where there is no number to make up, as in a consistency
    /// check, why it fails); for missing, invalid or not applicable, the reasons.
    func gapOrReasons(_ outcome: Outcome) -> [String] {
        if outcome.status == .fail || outcome.status == .waived, let gap = outcome.gapText {
            return [gap.text(in: language)]
        }
        return reasons(outcome)
    }

    /// The one line a result is known by: who, what, and the decisive facts.
    /// "越秀区（440104）未达标：实际 98.38%（1,220/1,240）；目标 ≥ 99%；还需 8 名适龄残疾儿童入学"
    func headline(_ outcome: Outcome) -> String {
        var clauses = facts(outcome)
        if outcome.status == .missing || outcome.status == .invalid || outcome.status == .notApplicable {
            clauses = reasons(outcome) + clauses
        }
        let lead = self("\(unitLabel(outcome))\(verdict(outcome))", "\(unitLabel(outcome)) — \(verdict(outcome))")
        guard !clauses.isEmpty else { return lead }
        return lead + self("：", ": ") + clauses.joined(separator: self("；", "; "))
    }

    func citation(_ ruleID: String) -> String? {
        guard let rule = report.ruleset.rule(ruleID) else { return nil }
        return self("依据 \(rule.source.section)：“\(rule.source.quote)”", "source \(rule.source.section): “\(rule.source.quote)”")
    }

    func row(_ row: Outcome.RowFinding) -> String {
        let values = row.values.map { "\($0.name)=\($0.display)" }.joined(separator: " ")
        let problem = row.problem.map { " — " + $0.text(in: language) } ?? ""
        return "\(row.code) \(row.name) \(values)\(problem) (\(row.location))"
    }

    func note(_ unit: String, _ note: UnitNote, scope: Rule.Scope) -> String {
        let owner = scope == .city ? unitName(unit, scope: .unit) + self("：", ": ") : ""
        return self("情况说明：", "note: ") + owner + note.text
    }

    func waiver(_ waiver: Waiver) -> String {
        self("豁免：", "waiver: ") + waiverTerms(waiver)
    }

    /// "新建学校师资调配过渡期（市教育局人事处 穗教人〔2025〕12号，有效期至 2025-12-31）".
    func waiverTerms(_ waiver: Waiver) -> String {
        self(
            "\(waiver.reason)（\(waiver.approvedBy) \(waiver.document)，有效期至 \(waiver.expires)）",
            "\(waiver.reason) (\(waiver.approvedBy), \(waiver.document), until \(waiver.expires))")
    }

    /// Everything a reader needs besides the headline, one line each: the source sentence, the
    /// schools below the line (at most `rowLimit`), the units' notes and the waiver.
    func details(_ outcome: Outcome, rowLimit: Int) -> [String] {
        var lines: [String] = []
        if outcome.status == .fail || outcome.status == .waived {
            lines.append(contentsOf: reasons(outcome))
        }
        if let citation = citation(outcome.rule) { lines.append(citation) }
        if !outcome.failingRows.isEmpty {
            let count = outcome.failingRows.count
            lines.append(outcome.status == .invalid
                ? self("有问题的学校 \(count) 所：", "\(count) schools with bad values:")
                : self("未达标学校 \(count) 所：", "\(count) schools below the line:"))
            for finding in outcome.failingRows.prefix(rowLimit) { lines.append("  " + row(finding)) }
            if count > rowLimit {
                lines.append("  " + self("……另有 \(count - rowLimit) 所", "… \(count - rowLimit) more"))
            }
        }
        for unit in outcome.notes.keys.sorted() {
            lines.append(note(unit, outcome.notes[unit]!, scope: outcome.scope))
        }
        if let waiver = outcome.waiver { lines.append(self.waiver(waiver)) }
        return lines
    }

    // MARK: - Totals

    /// "达标 4 · 未达标 2 · …" in status order.
    func counts() -> String {
        Outcome.Status.allCases.map { "\(status($0)) \(report.summary.count($0))" }.joined(separator: " · ")
    }

    /// The results that need a reader's attention, the binding ones first; within a severity,
    /// failures, then bad data, then missing data, then waivers; otherwise in report order.
    func attention() -> [Outcome] {
        let ranked = report.results.enumerated().filter { $0.element.status != .pass && $0.element.status != .notApplicable }
        return ranked.sorted { a, b in
            let ra = Self.rank(a.element), rb = Self.rank(b.element)
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }

    /// Errors before warnings; within each, fail, invalid, missing, waived.
    static func rank(_ outcome: Outcome) -> Int {
        let status: Int
        switch outcome.status {
        case .fail: status = 0
        case .invalid: status = 1
        case .missing: status = 2
        case .waived: status = 3
        case .pass, .notApplicable: status = 4
        }
        return (outcome.severity == .error ? 0 : 10) + status
    }

    func diagnosticSeverity(_ severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: self("错误", "error")
        case .warning: self("警告", "warning")
        case .info: self("提示", "info")
        }
    }
}
