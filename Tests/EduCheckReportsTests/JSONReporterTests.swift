import EduCheckCore
import EduCheckReports
import Foundation
import Testing

@Suite("JSON report")
struct JSONReporterTests {
    /// Titles and target texts are made once per rule; a result whose target is not its rule's
    /// (a report built by another program, say) still shows its own.
    @Test("a result's own target is written, also when it is not its rule's", arguments: [Language.zh, .en])
    func ownTarget(_ language: Language) throws {
        var report = CanonicalReport.report
        let index = try #require(report.results.firstIndex { $0.target != nil && $0.scope == .unit })
        let rule = try #require(report.ruleset.rule(report.results[index].rule))
        let other = try Target.parse(">= 12.5%").get()
        #expect(rule.target != other)
        report.results[index].target = other

        let text = JSONReporter().render(report, context: ReportContext(language: language))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let results = try #require(document["results"] as? [[String: Any]])
        let changed = try #require(results[index]["target"] as? [String: Any])
        #expect(changed["display"] as? String == other.display.text(in: language))
        #expect(changed["value"] as? String == "0.125")
        #expect(results[index]["title"] as? String == rule.title.text(in: language))
        // Its neighbours of the same rule keep the rule's.
        let same = try #require(results.indices.first { $0 != index && results[$0]["rule"] as? String == rule.id && results[$0]["target"] is [String: Any] })
        let kept = try #require(results[same]["target"] as? [String: Any])
        #expect(kept["display"] as? String == rule.target?.display.text(in: language))
    }
}
