public import EduCheckCore

/// The unit × rule compliance matrix as CSV for Excel: one row per unit (the city total last), one
/// column per rule, the status label in each cell (达标, 未达标, 已豁免, 缺数据, 数据矛盾, 不适用).
/// An empty cell means the rule is not evaluated for that unit at all (a city-only rule). With
/// city totals, a unit that sent nothing gets a row of 未提交, so the bureau sees who is missing.
///
/// UTF-8 with a byte-order mark, so Excel on Chinese Windows does not read it as GB18030; RFC 4180
/// quoting; CRLF line ends.
public struct CSVReporter: Reporter {
    public static let format = ReportFormat.csv

    public init() {}

    public func render(_ report: CheckReport, context: ReportContext) -> String {
        let text = ReportText(report, context.language)
        let rules = report.ruleset.rules
        var rows: [[String]] = [[text("单位代码", "unit code"), text("单位", "unit")] + rules.map(\.id)]

        var byUnit: [String: [String: Outcome.Status]] = [:]
        var cityStatuses: [String: Outcome.Status] = [:]
        for outcome in report.results {
            if outcome.scope == .city {
                cityStatuses[outcome.rule] = outcome.status
            } else {
                byUnit[outcome.unit, default: [:]][outcome.rule] = outcome.status
            }
        }
        let submitted = Set(report.submittedUnits)
        for unit in report.ruleset.units {
            if let statuses = byUnit[unit.code] {
                rows.append([unit.code, unit.name.text(in: text.language)] + rules.map { statuses[$0.id].map(text.status) ?? "" })
            } else if report.options.city, !submitted.contains(unit.code) {
                let absent = text("未提交", "not submitted")
                rows.append([unit.code, unit.name.text(in: text.language)] + rules.map { rule in
                    rule.scopes.contains(.unit) && rule.appliesTo.includes(unit) ? absent : ""
                })
            }
        }
        if !cityStatuses.isEmpty {
            rows.append([report.ruleset.city.code, text.unitName(report.ruleset.city.code, scope: .city)] + rules.map { cityStatuses[$0.id].map(text.status) ?? "" })
        }
        return "\u{FEFF}" + rows.map { $0.map(Self.field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// One RFC 4180 field: quoted when it holds a comma, quote, CR or LF, with quotes doubled.
    /// A field Excel would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets a
    /// leading apostrophe, the usual guard against CSV injection.
    static func field(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            value = "'" + value
        }
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return value }
        return "\"" + value.replacingAll("\"", with: "\"\"") + "\""
    }
}
