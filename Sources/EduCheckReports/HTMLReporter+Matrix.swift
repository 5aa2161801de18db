import EduCheckCore

/// Part 二 of the audit report: the rule × unit matrix (rules down, units across, so thirteen
/// columns fit an A4 page in portrait) and its legend.
extension HTMLReporter {
    func matrix(_ text: ReportText) -> String {
        let report = text.report
        let columns = matrixColumns(text)
        var statuses: [String: Outcome.Status] = [:]
        for outcome in report.results {
            statuses[Self.key(outcome.rule, outcome.unit, outcome.scope)] = outcome.status
        }
        var out = "<section class=\"matrix-section\">\n<h2>\(text("二、单位 × 规则达标矩阵", "2. Unit × rule compliance matrix"))</h2>\n"
        out += legend(text)
        guard !columns.isEmpty else {
            return out + "<p>\(text("没有可列出的单位。", "No units to show."))</p>\n</section>\n"
        }
        out += "<table class=\"matrix\"><colgroup><col class=\"c-num\"><col class=\"c-rule\">"
        out += columns.map { $0.scope == .city ? "<col class=\"c-city\">" : "<col class=\"c-cell\">" }.joined() + "</colgroup>\n"
        out += "<thead><tr><th class=\"num\">\(text("序号", "No."))</th><th>\(text("规则", "Rule"))</th>"
        for column in columns {
            let absent = column.submitted ? "" : "<br><span class=\"absent\">\(text("未提交", "none sent"))</span>"
            out += "<th class=\"unit\(column.scope == .city ? " city" : "")\">\(Self.escape(column.name))\(absent)</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for (index, rule) in report.ruleset.rules.enumerated() {
            out += "<tr><td class=\"num\">\(index + 1)</td><td class=\"rule\"><a href=\"#\(Self.anchor(rule.id))\">\(Self.escape(rule.title.text(in: text.language)))</a><br><code>\(Self.escape(rule.id))</code></td>"
            for column in columns {
                if let status = statuses[Self.key(rule.id, column.code, column.scope)] {
                    out += "<td class=\"cell s-\(Self.cssName(status))\" title=\"\(Self.attribute(text.status(status)))\">\(Self.symbol(status))</td>"
                } else if !column.submitted, rule.scopes.contains(.unit), report.ruleset.unit(column.code).map(rule.appliesTo.includes) ?? false {
                    out += "<td class=\"cell s-absent\" title=\"\(Self.attribute(text("未提交", "not submitted")))\">—</td>"
                } else {
                    out += "<td class=\"cell s-none\"></td>"
                }
            }
            out += "</tr>\n"
        }
        out += "</tbody></table>\n</section>\n"
        return out
    }

    struct MatrixColumn {
        var code: String
        var name: String
        var scope: Rule.Scope
        var submitted: Bool
    }

    /// Every unit that has results; with city totals also the units that sent nothing (they are
    /// what a city total misses); the city total last.
    private func matrixColumns(_ text: ReportText) -> [MatrixColumn] {
        let report = text.report
        var withResults = Set<String>()
        var hasCity = false
        for outcome in report.results {
            if outcome.scope == .city { hasCity = true } else { withResults.insert(outcome.unit) }
        }
        let submitted = Set(report.submittedUnits)
        var columns: [MatrixColumn] = []
        for unit in report.ruleset.units where withResults.contains(unit.code) || (report.options.city && !submitted.contains(unit.code)) {
            columns.append(MatrixColumn(code: unit.code, name: unit.name.text(in: text.language), scope: .unit, submitted: submitted.contains(unit.code)))
        }
        if hasCity {
            columns.append(MatrixColumn(code: report.ruleset.city.code, name: text("全市汇总", "City total"), scope: .city, submitted: true))
        }
        return columns
    }

    private func legend(_ text: ReportText) -> String {
        var out = "<div class=\"legend\"><span class=\"legend-title\">\(text("图例", "Legend"))</span>"
        for status in Outcome.Status.allCases {
            out += "<span class=\"legend-item\"><span class=\"swatch s-\(Self.cssName(status))\">\(Self.symbol(status))</span>\(Self.escape(text.status(status)))</span>"
        }
        out += "<span class=\"legend-item\"><span class=\"swatch s-absent\">—</span>\(text("未提交", "not submitted"))</span>"
        out += "<span class=\"legend-item\"><span class=\"swatch s-none\">&#160;</span>\(text("不核查（规则无此层级）", "not evaluated (no such scope)"))</span>"
        out += "</div>\n<p class=\"legend-note\">\(text("符号与底纹在黑白打印时同样可辨：× 斜线底纹为未达标，！ 网格底纹为数据矛盾，？ 点状底纹为缺数据。", "Symbols and patterns read the same in black and white: × with hatching is a miss, ！ with cross-hatching is inconsistent data, ？ with dots is missing data."))</p>\n"
        return out
    }
}
