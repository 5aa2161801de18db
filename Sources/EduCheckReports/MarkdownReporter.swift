public import EduCheckCore

/// GitHub-flavoured Markdown for a pull-request comment or a job summary: the verdict, a table of
/// counts, a table of what needs action, then each finding with its gap, source quote, schools,
/// notes and waiver, then the problems in files.
///
/// pass and not applicable are counted only; fail, missing, invalid and waived are listed and
/// detailed (waived ones marked with their approval). Text from input files is escaped so that
/// it can neither break a table (`|`), nor become HTML, a link or emphasis.
public struct MarkdownReporter: Reporter {
    public static let format = ReportFormat.markdown

    /// A comment stays readable; the JSON and HTML reports list every school.
    static let rowLimit = 20

    public init() {}

    public func render(_ report: CheckReport, context: ReportContext) -> String {
        let text = ReportText(report, context.language)
        let ruleset = report.ruleset
        var out = "## " + text("educheck 核查结果：", "educheck results: ") + Self.inline(ruleset.title.text(in: text.language))
        if !ruleset.document.number.isEmpty { out += text("（\(Self.inline(ruleset.document.number))）", " (\(Self.inline(ruleset.document.number)))") }
        out += "\n\n"

        out += "> " + verdict(report, text: text) + "\n\n"

        out += "| \(text("状态", "status")) | \(text("数量", "count")) |\n| --- | ---: |\n"
        for status in Outcome.Status.allCases {
            out += "| \(Self.symbol(status)) \(text.status(status)) | \(report.summary.count(status)) |\n"
        }
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        let warnings = report.diagnostics.filter { $0.severity == .warning }.count
        out += "| 📄 \(text("文件错误 / 警告", "file errors / warnings")) | \(errors) / \(warnings) |\n\n"

        var facts = [
            text("规则集 ", "ruleset ") + Self.code(ruleset.id),
            text("核查日期 ", "as of ") + report.options.asOf.description,
            text("填报单位 \(report.submittedUnits.count) 个", "\(report.submittedUnits.count) units submitted"),
        ]
        if report.options.city { facts.append(text("含全市汇总", "with city totals")) }
        if report.options.strict { facts.append(text("严格模式", "strict")) }
        facts.append("educheck \(Self.inline(report.tool.version))")
        out += facts.joined(separator: " · ") + "\n"

        let attention = text.attention()
        if !attention.isEmpty {
            out += "\n### " + text("需要处理的结果（\(attention.count)）", "Results that need action (\(attention.count))") + "\n\n"
            out += "| \(text("单位", "unit")) | \(text("规则", "rule")) | \(text("状态", "status")) | \(text("实际", "actual")) | \(text("目标", "target")) | \(text("差距或原因", "gap or reason")) |\n"
            out += "| --- | --- | --- | --- | --- | --- |\n"
            for outcome in attention {
                let gap = text.gapOrReasons(outcome).joined(separator: text("；", "; "))
                let cells = [
                    Self.inline(text.unitLabel(outcome)),
                    Self.code(outcome.rule),
                    "\(Self.symbol(outcome.status)) " + Self.inline(text.verdict(outcome)),
                    Self.inline(text.value(outcome) ?? "—"),
                    Self.inline(text.target(outcome) ?? "—"),
                    Self.inline(gap.isEmpty ? "—" : gap),
                ]
                out += "| " + cells.joined(separator: " | ") + " |\n"
            }
            for outcome in attention {
                out += "\n" + finding(outcome, report: report, text: text)
            }
        }

        if !report.diagnostics.isEmpty {
            out += "\n### " + text("文件问题（\(report.diagnostics.count)）", "Problems in files (\(report.diagnostics.count))") + "\n\n"
            for diagnostic in report.diagnostics {
                let mark = diagnostic.severity == .error ? "❌" : (diagnostic.severity == .warning ? "⚠️" : "ℹ️")
                let place = diagnostic.place.map { Self.code($0.description) + " " } ?? ""
                out += "- \(mark) \(place)\(Self.code(diagnostic.code)) \(Self.inline(diagnostic.message.text(in: text.language)))\n"
                for note in diagnostic.notes {
                    let notePlace = note.location.map { Self.code(ReportPlace($0).description) + " " } ?? ""
                    out += "  - \(notePlace)\(Self.inline(note.message.text(in: text.language)))\n"
                }
            }
        }
        return out
    }

    // MARK: - Parts

    private func verdict(_ report: CheckReport, text: ReportText) -> String {
        switch report.summary.exitCode {
        case 0:
            return "✅ " + text("**通过**：所有约束性目标均已达标或已豁免。", "**Passed**: every binding target is met or waived.")
        case 1:
            return "❌ " + text("**未通过**：有约束性目标未达标、缺数据或数据矛盾（退出码 1）。", "**Failed**: a binding target is missed, missing or invalid (exit code 1).")
        default:
            return "❌ " + text("**未通过**：有文件无法读取或存在错误（退出码 \(report.summary.exitCode)），结果可能不完整。", "**Failed**: a file could not be read or has errors (exit code \(report.summary.exitCode)); the results may be incomplete.")
        }
    }

    private func finding(_ outcome: Outcome, report: CheckReport, text: ReportText) -> String {
        var out = "#### \(Self.symbol(outcome.status)) " + Self.inline(text.unitLabel(outcome)) + " · " + Self.code(outcome.rule) + " " + Self.inline(text.title(outcome.rule)) + "\n\n"
        var items: [String] = []
        let facts = text.facts(outcome).map(Self.inline)
        items.append("**\(Self.inline(text.verdict(outcome)))**" + (facts.isEmpty ? "" : text("：", ": ") + facts.joined(separator: text("；", "; "))))
        if outcome.status != .fail && outcome.status != .waived {
            items.append(contentsOf: text.reasons(outcome).map(Self.inline))
        } else if !outcome.affectedUnits.isEmpty {
            items.append(contentsOf: text.reasons(outcome).map(Self.inline))
        }
        if let rule = report.ruleset.rule(outcome.rule) {
            items.append(text("依据 ", "source ") + Self.inline(rule.source.section) + text("：", ": ") + "“" + Self.inline(rule.source.quote) + "”")
        }
        if let place = report.place(of: outcome) { items.append(text("位置：", "at: ") + Self.code(place.description)) }
        for unit in outcome.notes.keys.sorted() {
            items.append(Self.inline(text.note(unit, outcome.notes[unit]!, scope: outcome.scope)))
        }
        if let waiver = outcome.waiver { items.append(Self.inline(text.waiver(waiver))) }
        out += items.map { "- " + $0 + "\n" }.joined()

        if !outcome.failingRows.isEmpty {
            let count = outcome.failingRows.count
            let summary = outcome.status == .invalid
                ? text("有问题的学校 \(count) 所", "\(count) schools with bad values")
                : text("未达标学校 \(count) 所", "\(count) schools below the line")
            out += "\n<details><summary>\(XMLEscaping.text(summary))</summary>\n\n"
            out += "| \(text("学校代码", "code")) | \(text("学校名称", "school")) | \(text("数值", "values")) | \(text("位置", "at")) |\n| --- | --- | --- | --- |\n"
            for row in outcome.failingRows.prefix(Self.rowLimit) {
                var values = row.values.map { "\($0.name)=\($0.display)" }.joined(separator: " ")
                if let problem = row.problem { values += " — " + problem.text(in: text.language) }
                out += "| " + [Self.code(row.code), Self.inline(row.name), Self.inline(values), Self.code(ReportPlace(row.location).description)].joined(separator: " | ") + " |\n"
            }
            if count > Self.rowLimit {
                out += "\n" + text("……另有 \(count - Self.rowLimit) 所，见 JSON 或 HTML 报告。", "… \(count - Self.rowLimit) more; see the JSON or HTML report.") + "\n"
            }
            out += "\n</details>\n"
        }
        return out
    }

    static func symbol(_ status: Outcome.Status) -> String {
        switch status {
        case .pass: "✅"
        case .fail: "❌"
        case .waived: "🟡"
        case .missing: "❔"
        case .invalid: "⚠️"
        case .notApplicable: "➖"
        }
    }

    // MARK: - Escaping

    /// Text from an input as inline Markdown that renders literally: ASCII punctuation that
    /// Markdown or GitHub gives a meaning (emphasis, links, tables, mentions, math) is
    /// backslash-escaped; `<`, `>` and `&` become entities so nothing turns into HTML; line breaks
    /// become `<br>` so a multi-line note stays inside its table cell or list item.
    static func inline(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\r": continue
            case "\n": out += "<br>"
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~", "@", "$":
                out += "\\"
                out.unicodeScalars.append(scalar)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A code span that holds any text: fenced with more backticks than the longest run inside,
    /// `|` escaped (GitHub reads it as a cell border even inside code), line breaks as spaces.
    static func code(_ text: String) -> String {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        var body = text.replacingAll("\r\n", with: " ").replacingAll("\n", with: " ").replacingAll("\r", with: " ").replacingAll("|", with: "\\|")
        if body.hasPrefix("`") || body.hasSuffix("`") { body = " " + body + " " }
        return fence + body + fence
    }
}
