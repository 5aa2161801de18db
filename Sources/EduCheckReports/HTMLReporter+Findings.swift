import EduCheckCore

/// Parts 三 to 五 of the audit report: each rule's findings, the problems in files, the sign-off.
extension HTMLReporter {
    func findings(_ text: ReportText) -> String {
        let report = text.report
        var byRule: [String: [Outcome]] = [:]
        for outcome in report.results { byRule[outcome.rule, default: []].append(outcome) }
        var out = "<section class=\"findings\">\n<h2>\(text("三、逐条核查情况", "3. Findings by rule"))</h2>\n"
        for (index, rule) in report.ruleset.rules.enumerated() {
            out += finding(rule, number: index + 1, results: byRule[rule.id] ?? [], text: text)
        }
        out += "</section>\n"
        return out
    }

    private func finding(_ rule: Rule, number: Int, results: [Outcome], text: ReportText) -> String {
        var out = "<article class=\"rule\" id=\"\(Self.anchor(rule.id))\">\n"
        out += "<header class=\"rule-head\">\n<h3><span class=\"rule-num\">\(number).</span> \(Self.escape(rule.title.text(in: text.language)))</h3>\n"
        let target = rule.target?.display.text(in: text.language) ?? text("填报值与计算值一致", "reported and computed figures agree")
        let scopes = rule.scopes.map { $0 == .unit ? text("各单位", "each unit") : text("全市汇总", "city total") }.joined(separator: text("、", ", "))
        out += "<p class=\"rule-meta\"><code>\(Self.escape(rule.id))</code> · \(text("依据", "source")) \(Self.escape(rule.source.section)) · \(text.severity(rule.severity)) · \(text("核查范围", "scope")) \(scopes) · \(text("目标", "target")) <strong>\(Self.escape(target))</strong></p>\n"
        out += "<blockquote class=\"quote\">“\(Self.escape(rule.source.quote))”</blockquote>\n"
        if let interpretation = rule.interpretation {
            out += "<p class=\"interpretation\"><span class=\"label\">\(text("口径", "Reading"))</span>\(Self.escape(interpretation.text(in: text.language)))</p>\n"
        }
        out += "</header>\n"

        guard !results.isEmpty else {
            out += "<p class=\"empty\">\(text("本次未核查：没有单位或全市汇总适用此规则。", "Not evaluated in this run: no unit or city total it applies to."))</p>\n</article>\n"
            return out
        }

        out += "<table class=\"results\"><colgroup><col class=\"c-unit\"><col class=\"c-status\"><col class=\"c-value\"><col><col class=\"c-place\"></colgroup>\n"
        out += "<thead><tr><th>\(text("单位", "Unit"))</th><th>\(text("状态", "Status"))</th><th>\(text("实际值", "Actual"))</th><th>\(text("差距或说明", "Gap or explanation"))</th><th>\(text("数据位置", "Data at"))</th></tr></thead>\n<tbody>\n"
        for outcome in results {
            let unitClass = outcome.scope == .city ? " class=\"city\"" : ""
            out += "<tr\(unitClass)><td>\(Self.escape(text.unitName(outcome.unit, scope: outcome.scope)))</td>"
            out += "<td>\(statusCell(outcome, text))</td>"
            out += "<td>\(valueCell(outcome, text))</td>"
            out += "<td>\(Self.escape(outcome.status == .pass ? "—" : gapOrReason(outcome, text)))</td>"
            out += "<td><code>\(Self.escape(placeText(outcome, text)))</code></td></tr>\n"
        }
        out += "</tbody></table>\n"

        out += chart(rule, number: number, results: results, text: text)

        // A city total lists every district's schools again; each school is shown once, under
        // its own unit's result when there is one.
        let rows = results.flatMap { outcome in outcome.failingRows.map { (outcome, $0) } }.filter { outcome, row in
            outcome.scope == .unit || !results.contains { $0.scope == .unit && $0.unit == row.unit }
        }
        if !rows.isEmpty {
            out += "<h4>\(text("未达标或有问题的学校（\(rows.count) 所）", "Schools below the line or with bad values (\(rows.count))"))</h4>\n"
            out += "<table class=\"schools\"><colgroup><col class=\"c-unit\"><col class=\"c-code\"><col class=\"c-name\"><col><col class=\"c-place\"></colgroup>\n"
            out += "<thead><tr><th>\(text("单位", "Unit"))</th><th>\(text("学校代码", "Code"))</th><th>\(text("学校名称", "School"))</th><th>\(text("数值", "Values"))</th><th>\(text("位置", "At"))</th></tr></thead>\n<tbody>\n"
            for (_, row) in rows {
                var values = row.values.map { "\($0.name) = \($0.display)" }.joined(separator: text("，", ", "))
                if let problem = row.problem { values += " — " + problem.text(in: text.language) }
                out += "<tr><td>\(Self.escape(text.unitName(row.unit, scope: .unit)))</td><td><code>\(Self.escape(row.code))</code></td><td class=\"school\">\(Self.escape(row.name))</td><td>\(Self.escape(values))</td><td><code>\(Self.escape(shortPlace(ReportPlace(row.location), text.report)))</code></td></tr>\n"
            }
            out += "</tbody></table>\n"
        }

        var notes: [(String, UnitNote)] = []
        var seen = Set<String>()
        for outcome in results {
            for unit in outcome.notes.keys.sorted() where seen.insert(unit).inserted {
                notes.append((unit, outcome.notes[unit]!))
            }
        }
        if !notes.isEmpty {
            out += "<h4>\(text("情况说明", "Units’ notes"))</h4>\n<dl class=\"notes\">\n"
            for (unit, note) in notes {
                out += "<dt>\(Self.escape(text.unitName(unit, scope: .unit)))<span class=\"where\">\(Self.escape(shortPlace(ReportPlace(note.location), text.report)))</span></dt><dd>\(Self.escape(note.text))</dd>\n"
            }
            out += "</dl>\n"
        }

        let waivers = results.compactMap { outcome in outcome.waiver.map { (outcome, $0) } }
        if !waivers.isEmpty {
            out += "<h4>\(text("豁免", "Waivers"))</h4>\n<ul class=\"waiver-list\">\n"
            for (outcome, waiver) in waivers {
                out += "<li>\(Self.escape(text.unitName(outcome.unit, scope: outcome.scope) + text("：", ": ") + text.waiverTerms(waiver)))</li>\n"
            }
            out += "</ul>\n"
        }
        out += "</article>\n"
        return out
    }

    /// Where the deciding value stands. A city total adds up every unit's figure, so it points at
    /// no single line unless only one unit reported it (a municipal-level flag).
    private func placeText(_ outcome: Outcome, _ text: ReportText) -> String {
        if outcome.scope == .city, outcome.evidence.count > 1 {
            return text("汇总 \(Set(outcome.evidence.map(\.unit)).count) 个单位", "sum of \(Set(outcome.evidence.map(\.unit)).count) units")
        }
        return text.report.place(of: outcome).map { shortPlace($0, text.report) } ?? "—"
    }

    /// A place with just the file's name when no other input shares it: the cover lists every
    /// path in full, and a short name keeps table rows to one line.
    func shortPlace(_ place: ReportPlace, _ report: CheckReport) -> String {
        let name = Self.fileName(place.path)
        let clashes = report.inputs.filter { Self.fileName($0.path) == name }.count
        guard clashes == 1, report.inputs.contains(where: { $0.path == place.path }) else { return place.description }
        var short = place
        short.path = name
        return short.description
    }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
    }

    // MARK: - Problems and sign-off

    func problems(_ text: ReportText) -> String {
        let report = text.report
        var out = "<section class=\"problems\">\n<h2>\(text("四、文件问题", "4. Problems in files"))</h2>\n"
        guard !report.diagnostics.isEmpty else {
            return out + "<p>\(text("未发现文件问题。", "No problems were found in the files."))</p>\n</section>\n"
        }
        out += "<table class=\"diagnostics\"><colgroup><col class=\"c-severity\"><col class=\"c-code\"><col class=\"c-place\"><col></colgroup>\n"
        out += "<thead><tr><th>\(text("级别", "Severity"))</th><th>\(text("代码", "Code"))</th><th>\(text("位置", "At"))</th><th>\(text("说明", "Message"))</th></tr></thead>\n<tbody>\n"
        for diagnostic in report.diagnostics {
            var message = Self.escape(diagnostic.message.text(in: text.language))
            for note in diagnostic.notes {
                let place = note.location.map { "<code>\(Self.escape(ReportPlace($0).description))</code> " } ?? ""
                message += "<br><span class=\"note\">\(place)\(Self.escape(note.message.text(in: text.language)))</span>"
            }
            out += "<tr class=\"d-\(diagnostic.severity.rawValue)\"><td>\(text.diagnosticSeverity(diagnostic.severity))</td><td><code>\(Self.escape(diagnostic.code))</code></td><td><code>\(Self.escape(diagnostic.place?.description ?? "—"))</code></td><td>\(message)</td></tr>\n"
        }
        out += "</tbody></table>\n</section>\n"
        return out
    }

    func signOff(_ text: ReportText) -> String {
        var out = "<section class=\"signoff\">\n<h2>\(text("五、审核意见与签字", "5. Review and sign-off"))</h2>\n"
        out += "<table class=\"signoff-table\"><colgroup><col class=\"c-label\"><col><col class=\"c-label\"><col></colgroup>\n<tbody>\n"
        out += "<tr class=\"opinion\"><th scope=\"row\">\(text("审核意见", "Opinion"))</th><td colspan=\"3\"></td></tr>\n"
        out += "<tr><th scope=\"row\">\(text("审核人", "Reviewer"))</th><td></td><th scope=\"row\">\(text("日期", "Date"))</th><td class=\"date\">\(text("　　　　年　　月　　日", ""))</td></tr>\n"
        out += "<tr class=\"signature\"><th scope=\"row\">\(text("签字", "Signature"))</th><td colspan=\"3\"></td></tr>\n"
        out += "</tbody></table>\n"
        out += "<p class=\"colophon\">" + text(
            "本报告由 \(Self.escape(text.report.tool.name)) \(Self.escape(text.report.tool.version)) 按上列输入文件与规则集生成；输入、规则集与选项相同，报告逐字节相同，可据封面所列 SHA-256 复核。",
            "Generated by \(Self.escape(text.report.tool.name)) \(Self.escape(text.report.tool.version)) from the inputs and ruleset listed on the cover; the same inputs, ruleset and options give a byte-identical report, which the SHA-256 digests on the cover let anyone verify.") + "</p>\n"
        out += "</section>\n"
        return out
    }
}
