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

    @Test("the README's first setup command gives what the README says: exit 1, one miss waived, on any day")
    func setupCommand() throws {
        let readme = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let line = try #require(readme.split(separator: "\n").first { $0.hasPrefix("swift run educheck check ") })
        let arguments = line.dropFirst("swift run educheck ".count).split(separator: " ").map(String.init)
        #expect(arguments.contains("--as-of"), "without --as-of the result depends on the day it is run")
        let run = try CLI.run(arguments)
        #expect(run.status == 1)
        #expect(run.output.contains("已豁免 1"), "\(run.output.suffix(300))")
    }
}

@Suite("educheck rules, end to end")
struct RulesCommandTests {
    @Test("the built-in ruleset lints clean and its cases pass")
    func builtinIsClean() throws {
        let lint = try CLI.run(["rules", "lint"])
        #expect(lint.status == 0, "\(lint.output)")
        let test = try CLI.run(["rules", "test"])
        #expect(test.status == 0)
        #expect(test.output.hasSuffix(" 0 failed\n"))
        // Every case of the folder, though a check loads the built-in copy without them.
        let folder = try CLI.run(["rules", "test", CLI.repositoryRoot.appendingPathComponent("Rules/gz-2025").path])
        #expect(test.output == folder.output)
        #expect(!test.output.hasPrefix("0 passed"))
    }

    /// A copy of the built-in ruleset with one file changed by `edit`.
    func modifiedRuleset(_ file: String, _ edit: (String) -> String) throws -> URL {
        let directory = try CLI.temporaryDirectory()
        let copy = directory.appendingPathComponent("gz-2025")
        try FileManager.default.copyItem(at: CLI.repositoryRoot.appendingPathComponent("Rules/gz-2025"), to: copy)
        let path = copy.appendingPathComponent(file)
        let text = try String(contentsOf: path, encoding: .utf8)
        let edited = edit(text)
        #expect(edited != text, "the edit must change something")
        try edited.write(to: path, atomically: true, encoding: .utf8)
        return copy
    }

    @Test("lint fails a rule whose comparator contradicts its quote (超过 written as >=)")
    func lintCatchesComparator() throws {
        let ruleset = try modifiedRuleset("rules/01-moral-education.yaml") { $0.replacingOccurrences(of: "target: \"超过55%\"", with: "target: \">= 55%\"") }
        defer { try? FileManager.default.removeItem(at: ruleset.deletingLastPathComponent()) }
        let run = try CLI.run(["rules", "lint", ruleset.path, "--lang", "en"])
        #expect(run.status == 1)
        #expect(run.output.contains("comparator-contradicts-quote"))
    }

    @Test("rules test fails when a case's expectation is changed")
    func testCatchesChangedExpectation() throws {
        let ruleset = try modifiedRuleset("cases/fitness-good-rate/fail-at-line.yaml") { $0.replacingOccurrences(of: "status: fail", with: "status: pass") }
        defer { try? FileManager.default.removeItem(at: ruleset.deletingLastPathComponent()) }
        let run = try CLI.run(["rules", "test", ruleset.path])
        #expect(run.status == 1)
        #expect(run.output.contains("FAIL "))
        #expect(!run.output.hasSuffix(" 0 failed\n"))
    }

    @Test("rules show explains a rule with its pass line", arguments: [("zh", "不含本数"), ("en", "excludes the number")])
    func show(lang: String, phrase: String) throws {
        let run = try CLI.run(["rules", "show", "fitness-good-rate", "--lang", lang])
        #expect(run.status == 0)
        #expect(run.output.contains("2025 年体质健康优良率超过 55%"))
        #expect(run.output.contains("551"))
        #expect(run.output.contains(phrase))
    }

    @Test("rules list as JSON has every rule")
    func listJSON() throws {
        let run = try CLI.run(["rules", "list", "--format", "json"])
        let rules = try #require(try run.json()["rules"] as? [[String: Any]])
        #expect(rules.count == 35)
    }
}
