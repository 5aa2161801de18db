import Foundation
import Testing

/// The engine against an independent oracle: `Scripts/fixtures_oracle.py` evaluates the same
/// fixtures with Python's exact fractions and shares no code with the engine. When the two
/// disagree, one of them is wrong.
@Suite("Fixtures against the independent oracle")
struct OracleTests {
    @Test("every status and gap of the city run matches Fixtures/expected/city-2025.tsv")
    func matchesOracle() throws {
        let run = try CLI.run([
            "check", "Fixtures/submissions/2025", "--city", "--waivers", "Fixtures/waivers-2025.yaml",
            "--as-of", "2025-11-30", "--format", "json", "--lang", "en",
        ])
        let results = try #require(try run.json()["results"] as? [[String: Any]])
        var actual: [String] = []
        for result in results {
            let reasons = result["reasons"] as? [String] ?? []
            // The oracle lists only units a rule applies to.
            if result["status"] as? String == "not_applicable", reasons.contains(where: { $0.contains("does not apply") }) { continue }
            let gap: String
            switch result["gap"] {
            case let number as Int: gap = String(number)
            case let text as String: gap = text
            default: gap = ""
            }
            actual.append([result["rule"], result["unit"], result["scope"], result["status"]].map { $0 as? String ?? "?" }.joined(separator: "\t") + "\t" + gap)
        }
        let expected = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("Fixtures/expected/city-2025.tsv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map(String.init)
        #expect(actual.sorted() == expected.sorted())
        #expect(actual.count == expected.count)
    }
}

@Suite("The README stays true")
struct ReadmeTests {
    @Test("the README's rule table is what `educheck rules list --format markdown` prints")
    func ruleTableIsCurrent() throws {
        let readme = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- rules:begin -->\n"))
        let end = try #require(readme.range(of: "<!-- rules:end -->"))
        let table = String(readme[begin.upperBound..<end.lowerBound])
        let run = try CLI.run(["rules", "list", "--format", "markdown"])
        #expect(run.status == 0)
        #expect(table == run.output, "regenerate with: educheck rules list --format markdown")
    }
}
