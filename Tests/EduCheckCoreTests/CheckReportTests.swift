import EduCheckCore
import Testing

@Suite("The report's summary and order")
struct CheckReportTests {
    @Test("the summary counts every status as the results have it")
    func summaryCounts() throws {
        let ruleset = try TestRuleset.load(rules: TestRuleset.rule("r", measure: "{value: t.whole}", target: ">= 1"))
        // 0 pass, 1 fail, 2 waived, … so that a status counted in another's place shows.
        let statuses = Outcome.Status.allCases.enumerated().flatMap { index, status in Array(repeating: status, count: index) }
        let results = statuses.enumerated().map { index, status in
            Outcome(rule: "r", unit: "u\(index)", scope: .unit, status: status, severity: .warning)
        }
        let options = CheckReport.Options(city: false, strict: false, asOf: CalendarDate(year: 2025, month: 11, day: 30), waivers: nil)
        let report = CheckReport(tool: .init(version: "t"), ruleset: ruleset, inputs: [], options: options, results: results, diagnostics: [], submittedUnits: [])
        for (index, status) in Outcome.Status.allCases.enumerated() {
            #expect(report.summary.count(status) == index, "\(status)")
        }
        #expect(report.summary.counts[.pass] == nil)
    }

    @Test("inputs come sorted by path, whatever order they are given in", arguments: [
        ["a/1.yaml", "a/2.yaml", "b.yaml"], ["b.yaml", "a/2.yaml", "a/1.yaml"], ["a/2.yaml", "a/1.yaml", "b.yaml"], ["a/1.yaml"], [],
    ])
    func inputsSorted(_ paths: [String]) throws {
        let ruleset = try TestRuleset.load(rules: TestRuleset.rule("r", measure: "{value: t.whole}", target: ">= 1"))
        let options = CheckReport.Options(city: false, strict: false, asOf: CalendarDate(year: 2025, month: 11, day: 30), waivers: nil)
        let inputs = paths.map { CheckReport.Input(path: $0, unit: nil, sha256: "") }
        let report = CheckReport(tool: .init(version: "t"), ruleset: ruleset, inputs: inputs, options: options, results: [], diagnostics: [], submittedUnits: [])
        #expect(report.inputs.map(\.path) == paths.sorted())
    }
}
