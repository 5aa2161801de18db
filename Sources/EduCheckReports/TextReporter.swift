public import EduCheckCore

/// The report for people at a terminal: per unit, what needs doing first (failures, missing and
/// invalid data, with the gap in people or schools and the sentence of the source document), then
/// a count of what passed, then the file problems, then one summary line.
public struct TextReporter: Reporter {
    public static let format = ReportFormat.text

    public init() {}

    public func render(_ report: CheckReport, context: ReportContext) -> String {
        var out = ""
        let lang = context.language
        let style = Style(enabled: context.colour)
        func t(_ zh: String, _ en: String) -> String { lang == .zh ? zh : en }

        let ruleset = report.ruleset
        out += style.bold("educheck \(report.tool.version) · \(ruleset.id) \(ruleset.title.text(in: lang))")
        if !ruleset.document.number.isEmpty { out += t("（\(ruleset.document.number)）", " (\(ruleset.document.number))") }
        out += "\n"
        out += t("核查日期 \(report.options.asOf)", "as of \(report.options.asOf)")
        out += report.options.city ? t(" · 含全市汇总", " · with city totals") : ""
        out += report.options.strict ? t(" · 严格模式", " · strict") : ""
        out += "\n"

        let groups = groupByUnit(report.results)
        for group in groups {
            let unitName = group.scope == .city
                ? t("全市汇总", "City total") + " \(ruleset.city.code)"
                : (ruleset.unit(group.unit).map { "\($0.name.text(in: lang)) \($0.code)" } ?? group.unit)
            out += "\n" + style.bold(unitName)
            if group.scope == .unit, let input = report.input(for: group.unit) {
                out += "  " + style.dim(input.path)
            }
            out += "\n"
            let attention = group.results.filter { $0.status != .pass && $0.status != .notApplicable }
                .sorted { ReportText.rank($0) < ReportText.rank($1) }
            for outcome in attention {
                out += line(for: outcome, report: report, lang: lang, style: style)
            }
            let passed = group.results.filter { $0.status == .pass }.count
            let notApplicable = group.results.filter { $0.status == .notApplicable }.count
            out += "  " + style.green("✓") + " " + t("达标 \(passed) 项", "\(passed) passed")
            if notApplicable > 0 { out += t(" · 不适用 \(notApplicable) 项", " · \(notApplicable) not applicable") }
            out += "\n"
        }

        let shown = report.diagnostics
        if !shown.isEmpty {
            out += "\n" + style.bold(t("文件问题", "Problems in files")) + "\n"
            for diagnostic in shown {
                let place = diagnostic.location.map { "\($0): " } ?? ""
                let label: String
                switch diagnostic.severity {
                case .error: label = style.red(t("错误", "error"))
                case .warning: label = style.yellow(t("警告", "warning"))
                case .info: label = style.dim(t("提示", "info"))
                }
                out += "  \(place)\(label)[\(diagnostic.code)] \(diagnostic.message.text(in: lang))\n"
                for note in diagnostic.notes {
                    let notePlace = note.location.map { "\($0): " } ?? ""
                    out += "      \(notePlace)\(note.message.text(in: lang))\n"
                }
            }
        }

        out += "\n" + summaryLine(report, lang: lang) + "\n"
        return out
    }

    // MARK: - Parts

    private struct Group {
        var unit: String
        var scope: Rule.Scope
        var results: [Outcome]
    }

    private func groupByUnit(_ results: [Outcome]) -> [Group] {
        var groups: [Group] = []
        for result in results {
            if let last = groups.last, last.unit == result.unit, last.scope == result.scope {
                groups[groups.count - 1].results.append(result)
            } else {
                groups.append(Group(unit: result.unit, scope: result.scope, results: [result]))
            }
        }
        return groups
    }

    private func line(for outcome: Outcome, report: CheckReport, lang: Language, style: Style) -> String {
        func t(_ zh: String, _ en: String) -> String { lang == .zh ? zh : en }
        let rule = report.ruleset.rule(outcome.rule)
        let mark: String
        switch outcome.status {
        case .fail: mark = outcome.severity == .error ? style.red("✗") : style.yellow("✗")
        case .invalid: mark = style.red("!")
        case .missing: mark = style.yellow("?")
        case .waived: mark = style.cyan("~")
        default: mark = " "
        }
        let severity = outcome.severity == .warning ? t("（预期性）", " (aspiration)") : ""
        var out = "  \(mark) \(outcome.status.label.text(in: lang))\(severity)  \(outcome.rule)  \(rule?.title.text(in: lang) ?? "")\n"
        var facts: [String] = []
        if let measurement = outcome.measurement {
            var value = t("实际 ", "actual ") + measurement.display
            if measurement.kind == .ratio, let n = measurement.numerator, let d = measurement.denominator {
                value += "（\(Verdict.displayNumber(n))/\(Verdict.displayNumber(d))）"
            }
            facts.append(value)
        }
        if let target = outcome.target { facts.append(t("目标 ", "target ") + target.display.text(in: lang)) }
        if let gapText = outcome.gapText { facts.append(gapText.text(in: lang)) }
        if !facts.isEmpty { out += "      " + facts.joined(separator: t("；", "; ")) + "\n" }
        // A city result can have a reason per unit; the unit list below says the rest.
        for reason in outcome.reasons.prefix(3) { out += "      " + reason.text(in: lang) + "\n" }
        if outcome.reasons.count > 3 {
            out += "      " + t("……等 \(outcome.reasons.count) 项", "… \(outcome.reasons.count) in all") + "\n"
        }
        if !outcome.affectedUnits.isEmpty {
            let names = outcome.affectedUnits.map { report.ruleset.unit($0)?.name.text(in: lang) ?? $0 }
            out += "      " + t("涉及单位：", "units: ") + names.joined(separator: t("、", ", ")) + "\n"
        }
        if !outcome.failingRows.isEmpty {
            out += "      " + t("未达标学校 \(outcome.failingRows.count) 所：", "\(outcome.failingRows.count) schools below the line:") + "\n"
            for row in outcome.failingRows.prefix(10) {
                let values = row.values.map { "\($0.name)=\($0.display)" }.joined(separator: " ")
                let problem = row.problem.map { " — " + $0.text(in: lang) } ?? ""
                out += "        \(row.code.oneLine) \(row.name.oneLine) \(values.oneLine)\(problem)  " + style.dim("\(row.location)") + "\n"
            }
            if outcome.failingRows.count > 10 {
                out += "        " + t("……另有 \(outcome.failingRows.count - 10) 所（见 JSON 报告）", "… \(outcome.failingRows.count - 10) more (see the JSON report)") + "\n"
            }
        }
        if let rule {
            out += "      " + style.dim(t("依据：", "source: ") + "\(rule.source.section) “\(rule.source.quote)”") + "\n"
        }
        if let evidence = outcome.evidence.first, outcome.scope == .unit {
            out += "      " + style.dim(t("位置：", "at: ") + "\(evidence.location)") + "\n"
        }
        for unit in outcome.notes.keys.sorted() {
            let prefix = outcome.scope == .city ? "\(report.ruleset.unit(unit)?.name.text(in: lang) ?? unit)：" : ""
            // A note may span lines; keep them under the label rather than at the margin.
            let note = outcome.notes[unit]!.text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: "\n        ")
            out += "      " + t("情况说明：", "note: ") + prefix + note + "\n"
        }
        if let waiver = outcome.waiver {
            out += "      " + t("豁免：\(waiver.reason)（\(waiver.approvedBy) \(waiver.document)，有效期至 \(waiver.expires)）", "waiver: \(waiver.reason) (\(waiver.approvedBy), \(waiver.document), until \(waiver.expires))") + "\n"
        }
        return out
    }

    private func summaryLine(_ report: CheckReport, lang: Language) -> String {
        let counts = Outcome.Status.allCases.map { "\($0.label.text(in: lang)) \(report.summary.count($0))" }
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        let warnings = report.diagnostics.filter { $0.severity == .warning }.count
        if lang == .zh {
            return "合计：" + counts.joined(separator: " · ") + "；文件错误 \(errors)，警告 \(warnings)；退出码 \(report.summary.exitCode)"
        }
        return "Total: " + counts.joined(separator: " · ") + "; \(errors) file errors, \(warnings) warnings; exit code \(report.summary.exitCode)"
    }
}

extension String {
    /// Text from an input file on one line: a line break or tab inside a school name must not
    /// break the report's layout (or forge a line of it).
    var oneLine: String {
        guard contains(where: { $0.isNewline || $0 == "\t" }) else { return self }
        return String(map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}

/// ANSI styling that disappears entirely when colour is off.
struct Style {
    var enabled: Bool

    private func wrap(_ code: String, _ text: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func bold(_ text: String) -> String { wrap("1", text) }
    func dim(_ text: String) -> String { wrap("2", text) }
    func red(_ text: String) -> String { wrap("31", text) }
    func green(_ text: String) -> String { wrap("32", text) }
    func yellow(_ text: String) -> String { wrap("33", text) }
    func cyan(_ text: String) -> String { wrap("36", text) }
}
