public import EduCheckCore

/// The printable audit report (SPEC 6.2): one self-contained HTML page, laid out for A4.
///
/// Sections: a cover (ruleset, source document, period, units, date, options, SHA-256 of every
/// input and of the ruleset); 一、the conclusion with counts, what needs action and the waivers
/// applied; 二、the unit × rule matrix, its statuses told by colour and by symbol and pattern so
/// a black-and-white copy reads the same; 三、per rule: quote, target, each unit's value, gap,
/// schools below the line, notes, waivers and an inline SVG chart; 四、problems in files;
/// 五、the sign-off block. Every string from an input is escaped; nothing is loaded from outside;
/// no clock is read.
public struct HTMLReporter: Reporter {
    public static let format = ReportFormat.html

    public init() {}

    public func render(_ report: CheckReport, context: ReportContext) -> String {
        let text = ReportText(report, context.language)
        var out = "<!DOCTYPE html>\n"
        out += "<html lang=\"\(context.language == .zh ? "zh-CN" : "en")\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"generator\" content=\"educheck \(Self.attribute(report.tool.version))\">\n"
        out += "<title>\(Self.escape(documentTitle(text)))</title>\n"
        out += "<style>\n\(stylesheet(text))</style>\n</head>\n<body>\n"
        out += cover(text)
        out += summary(text)
        out += matrix(text)
        out += findings(text)
        out += problems(text)
        out += signOff(text)
        out += "</body>\n</html>\n"
        return out
    }

    func documentTitle(_ text: ReportText) -> String {
        text.report.ruleset.title.text(in: text.language) + text(" 审核报告", " — audit report")
    }

    // MARK: - Cover

    private func cover(_ text: ReportText) -> String {
        let report = text.report
        let ruleset = report.ruleset
        let document = ruleset.document
        var out = "<section class=\"cover\">\n"
        if let issuer = document.issuer {
            out += "<p class=\"cover-issuer\">\(Self.escape(issuer.text(in: text.language)))</p>\n"
        }
        out += "<h1 class=\"cover-title\">\(Self.escape(ruleset.title.text(in: text.language)))<br><span>\(text("审核报告", "Audit report"))</span></h1>\n"
        if !document.number.isEmpty {
            out += "<p class=\"cover-basis\">" + text(
                "依据《\(Self.escape(document.title.zh))》（\(Self.escape(document.number))）",
                "Under “\(Self.escape(document.title.en))” (\(Self.escape(document.number)))") + "</p>\n"
        }

        var facts: [(String, String)] = []
        facts.append((text("规则集", "Ruleset"), "\(Self.escape(ruleset.title.text(in: text.language))) <code>\(Self.escape(ruleset.id))</code>"))
        if !document.number.isEmpty {
            var basis = Self.escape(document.number)
            if let issuer = document.issuer { basis += text("，", ", ") + Self.escape(issuer.text(in: text.language)) }
            if let issued = document.issued { basis += text("，\(issued) 印发", ", issued \(issued)") }
            facts.append((text("依据文件", "Source document"), basis))
        }
        facts.append((text("核查年度", "Period"), "\(ruleset.period)"))
        facts.append((text("核查日期", "As of"), "\(report.options.asOf)"))
        facts.append((text("覆盖单位", "Units covered"), unitsCovered(text)))
        facts.append((text("核查选项", "Options"), options(text)))
        facts.append((text("核查工具", "Tool"), "\(Self.escape(report.tool.name)) \(Self.escape(report.tool.version))"))
        facts.append((text("规则集来源", "Ruleset origin"), "<code>\(Self.escape(ruleset.origin))</code>"))
        facts.append((text("规则集 SHA-256", "Ruleset SHA-256"), "<code class=\"digest\">\(Self.escape(ruleset.sha256))</code>"))
        out += "<table class=\"facts\"><colgroup><col class=\"c-key\"><col></colgroup>\n<tbody>\n"
        for (key, value) in facts {
            out += "<tr><th scope=\"row\">\(key)</th><td>\(value)</td></tr>\n"
        }
        out += "</tbody></table>\n"

        out += "</section>\n<section class=\"inputs-section\">\n<h2 class=\"inputs-title\">\(text("输入文件及其 SHA-256", "Input files and their SHA-256"))</h2>\n"
        if report.inputs.isEmpty {
            out += "<p>\(text("（没有输入文件）", "(no input files)"))</p>\n"
        } else {
            out += "<table class=\"inputs\"><colgroup><col class=\"c-num\"><col class=\"c-path\"><col class=\"c-unit\"><col class=\"c-enc\"><col class=\"c-digest\"></colgroup>\n"
            out += "<thead><tr><th class=\"num\">\(text("序号", "No."))</th><th>\(text("文件", "File"))</th><th>\(text("单位", "Unit"))</th><th>\(text("编码", "Encoding"))</th><th>SHA-256</th></tr></thead>\n<tbody>\n"
            for (index, input) in report.inputs.enumerated() {
                let unit = input.unit.map { Self.escape(text.unitLabel($0, scope: .unit)) } ?? "—"
                out += "<tr><td class=\"num\">\(index + 1)</td><td><code>\(Self.escape(input.path))</code></td><td>\(unit)</td><td>\(Self.escape(input.encoding))</td><td><code class=\"digest\">\(Self.escape(input.sha256))</code></td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        out += "</section>\n"
        return out
    }

    private func unitsCovered(_ text: ReportText) -> String {
        let report = text.report
        let submitted = Set(report.submittedUnits)
        let names = report.ruleset.units.filter { submitted.contains($0.code) }.map { Self.escape($0.name.text(in: text.language)) }
        let absent = report.ruleset.units.filter { !submitted.contains($0.code) }.map { Self.escape($0.name.text(in: text.language)) }
        var out = text("\(names.count) / \(report.ruleset.units.count) 个单位", "\(names.count) of \(report.ruleset.units.count) units")
        if !names.isEmpty { out += text("：", ": ") + names.joined(separator: text.listSeparator) }
        if !absent.isEmpty {
            out += "<br>" + text("未提交：", "not submitted: ") + absent.joined(separator: text.listSeparator)
        }
        return out
    }

    private func options(_ text: ReportText) -> String {
        let options = text.report.options
        var parts = [
            text("全市汇总：", "city totals: ") + text.flag(value: options.city),
            text("严格模式：", "strict: ") + text.flag(value: options.strict),
            text("豁免文件：", "waivers: ") + (options.waivers.map { "<code>\(Self.escape($0))</code>" } ?? text("无", "none")),
        ]
        parts.append(text("报告语言：中文", "language: English"))
        return parts.joined(separator: text("；", "; "))
    }

    // MARK: - Summary

    private func summary(_ text: ReportText) -> String {
        let report = text.report
        var out = "<section class=\"summary\">\n<h2>\(text("一、核查结论", "1. Conclusion"))</h2>\n"
        out += "<p class=\"verdict \(report.summary.exitCode == 0 ? "verdict-pass" : "verdict-fail")\">\(verdict(text))</p>\n"

        out += "<table class=\"counts\"><colgroup><col class=\"c-mark\"><col class=\"c-status\"><col class=\"c-count\"><col></colgroup>\n"
        out += "<thead><tr><th>\(text("标记", "Mark"))</th><th>\(text("状态", "Status"))</th><th>\(text("项数", "Count"))</th><th>\(text("含义", "Meaning"))</th></tr></thead>\n<tbody>\n"
        for status in Outcome.Status.allCases {
            out += "<tr><td>\(Self.mark(status))</td><td>\(Self.escape(text.status(status)))</td><td class=\"num\">\(report.summary.count(status))</td><td>\(Self.meaning(status, text))</td></tr>\n"
        }
        out += "</tbody></table>\n"

        let attention = text.attention()
        out += "<h3>\(text("需要处理的事项（\(attention.count) 项）", "Results that need action (\(attention.count))"))</h3>\n"
        if attention.isEmpty {
            out += "<p>\(text("无。", "None."))</p>\n"
        } else {
            out += "<table class=\"attention\"><colgroup><col class=\"c-num\"><col class=\"c-unit\"><col class=\"c-rule\"><col class=\"c-status\"><col class=\"c-value\"><col class=\"c-target\"><col></colgroup>\n"
            out += "<thead><tr><th class=\"num\">\(text("序号", "No."))</th><th>\(text("单位", "Unit"))</th><th>\(text("规则", "Rule"))</th><th>\(text("状态", "Status"))</th><th>\(text("实际", "Actual"))</th><th>\(text("目标", "Target"))</th><th>\(text("差距或原因", "Gap or reason"))</th></tr></thead>\n<tbody>\n"
            for (index, outcome) in attention.enumerated() {
                out += "<tr><td class=\"num\">\(index + 1)</td><td>\(Self.escape(text.unitName(outcome.unit, scope: outcome.scope)))</td>"
                out += "<td><a href=\"#\(Self.anchor(outcome.rule))\">\(Self.escape(text.title(outcome.rule)))</a><br><code>\(Self.escape(outcome.rule))</code></td>"
                out += "<td>\(statusCell(outcome, text))</td>"
                out += "<td>\(valueCell(outcome, text))</td><td>\(Self.escape(text.target(outcome) ?? "—"))</td>"
                out += "<td>\(Self.escape(gapOrReason(outcome, text)))</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }

        let waived = report.results.filter { $0.waiver != nil }
        out += "<h3>\(text("适用的豁免（\(waived.count) 项）", "Waivers applied (\(waived.count))"))</h3>\n"
        if waived.isEmpty {
            out += "<p>\(text("无。", "None."))</p>\n"
        } else {
            out += "<table class=\"waivers\"><colgroup><col class=\"c-unit\"><col class=\"c-rule\"><col><col class=\"c-office\"><col class=\"c-docno\"><col class=\"c-date\"></colgroup>\n"
            out += "<thead><tr><th>\(text("单位", "Unit"))</th><th>\(text("规则", "Rule"))</th><th>\(text("事由", "Reason"))</th><th>\(text("批准机关", "Approved by"))</th><th>\(text("批准文号", "Document"))</th><th>\(text("有效期至", "Expires"))</th></tr></thead>\n<tbody>\n"
            for outcome in waived {
                let waiver = outcome.waiver!
                out += "<tr><td>\(Self.escape(text.unitName(outcome.unit, scope: outcome.scope)))</td><td><code>\(Self.escape(outcome.rule))</code></td><td>\(Self.escape(waiver.reason))</td><td>\(Self.escape(waiver.approvedBy))</td><td>\(Self.escape(waiver.document))</td><td>\(waiver.expires)</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }

        let errors = report.diagnostics.filter { $0.severity == .error }.count
        out += "<p class=\"problems-line\">" + text(
            "文件问题：错误 \(errors) 项，警告及提示 \(report.diagnostics.count - errors) 项\(report.diagnostics.isEmpty ? "。" : "，详见第四部分。")",
            "Problems in files: \(errors) errors, \(report.diagnostics.count - errors) warnings and notes\(report.diagnostics.isEmpty ? "." : "; see part 4.")") + "</p>\n"
        out += "</section>\n"
        return out
    }

    private func verdict(_ text: ReportText) -> String {
        let report = text.report
        let counts = text.counts()
        switch report.summary.exitCode {
        case 0:
            return text("结论：<strong>通过</strong>。所有约束性目标均已达标或已豁免。", "Conclusion: <strong>passed</strong>. Every binding target is met or waived.")
                + "<br><span class=\"tally\">\(Self.escape(counts))</span>"
        case 1:
            return text("结论：<strong>未通过</strong>。有约束性目标未达标、缺数据或数据矛盾（退出码 1）。", "Conclusion: <strong>not passed</strong>. A binding target is missed, missing or inconsistent (exit code 1).")
                + "<br><span class=\"tally\">\(Self.escape(counts))</span>"
        default:
            return text("结论：<strong>未通过</strong>。有文件无法读取或存在错误（退出码 \(report.summary.exitCode)），以下结果可能不完整。", "Conclusion: <strong>not passed</strong>. A file could not be read or has errors (exit code \(report.summary.exitCode)); the results below may be incomplete.")
                + "<br><span class=\"tally\">\(Self.escape(counts))</span>"
        }
    }

    /// The status mark and label; an aspiration that is not met says so on a line of its own.
    func statusCell(_ outcome: Outcome, _ text: ReportText) -> String {
        var cell = "\(Self.mark(outcome.status)) \(Self.escape(text.status(outcome.status)))"
        if outcome.severity == .warning, outcome.status != .pass, outcome.status != .notApplicable {
            cell += "<br><span class=\"aspiration\">\(text("预期性目标", "aspiration"))</span>"
        }
        return cell
    }

    /// The measured figure, with a ratio's counts on a line of their own so the column stays narrow.
    func valueCell(_ outcome: Outcome, _ text: ReportText) -> String {
        guard let measurement = outcome.measurement else { return "—" }
        if measurement.kind == .ratio, let numerator = measurement.numerator, let denominator = measurement.denominator, measurement.display != "0/0" {
            return "\(Self.escape(measurement.display))<br><span class=\"fraction\">\(Verdict.displayNumber(numerator))/\(Verdict.displayNumber(denominator))</span>"
        }
        return Self.escape(text.value(outcome) ?? measurement.display)
    }

    func gapOrReason(_ outcome: Outcome, _ text: ReportText) -> String {
        var parts = text.gapOrReasons(outcome)
        if let waiver = outcome.waiver { parts.append(text.waiver(waiver)) }
        return parts.isEmpty ? "—" : parts.joined(separator: text("；", "; "))
    }

    // MARK: - Marks

    static func symbol(_ status: Outcome.Status) -> String {
        switch status {
        case .pass: "√"
        case .fail: "×"
        case .waived: "△"
        case .missing: "？"
        case .invalid: "！"
        case .notApplicable: "／"
        }
    }

    static func cssName(_ status: Outcome.Status) -> String {
        switch status {
        case .notApplicable: "na"
        default: status.rawValue
        }
    }

    /// A status as the same swatch the matrix uses, for tables and headings.
    static func mark(_ status: Outcome.Status) -> String {
        "<span class=\"swatch s-\(cssName(status))\">\(symbol(status))</span>"
    }

    static func meaning(_ status: Outcome.Status, _ text: ReportText) -> String {
        switch status {
        case .pass: text("达到目标", "the target is met")
        case .fail: text("未达到目标", "the target is missed")
        case .waived: text("未达到目标，但有经批准且在有效期内的豁免；单列计数，不隐藏", "missed, but covered by an approved waiver in force; counted apart, never hidden")
        case .missing: text("规则所需的数据未填报", "a value the rule needs was not reported")
        case .invalid: text("数据已填报但相互矛盾（如部分大于整体、负数）", "values are reported but inconsistent (a part over its whole, a negative count)")
        case .notApplicable: text("规则不适用于该单位，或没有可核查的对象（0 之 0）", "the rule does not apply, or there is nothing to measure (0 of 0)")
        }
    }

    static func key(_ rule: String, _ unit: String, _ scope: Rule.Scope) -> String {
        rule + "\u{0}" + unit + "\u{0}" + scope.rawValue
    }

    /// Rule ids are lower kebab case by the ruleset's own check; anything else is hex-encoded so an
    /// id can never break out of an attribute or collide with another.
    static func anchor(_ ruleID: String) -> String {
        let plain = ruleID.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        return "rule-" + (plain ? ruleID : ruleID.utf8.map { String($0, radix: 16) }.joined())
    }

    // MARK: - Escaping

    static func escape(_ text: String) -> String { XMLEscaping.text(text) }
    static func attribute(_ text: String) -> String { XMLEscaping.attribute(text) }
}
