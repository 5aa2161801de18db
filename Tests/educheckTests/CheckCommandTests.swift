import Foundation
import Testing

@Suite("educheck check, end to end", .serialized)
struct CheckCommandTests {
    static let fixtures = "Fixtures/submissions/2025"

    @Test("the city run over the fixtures: JSON report, every rule, exit code from the results")
    func cityRun() throws {
        let run = try CLI.run(["check", Self.fixtures, "--city", "--waivers", "Fixtures/waivers-2025.yaml", "--as-of", "2025-11-30", "--format", "json"])
        let report = try run.json()
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(run.status == Int32(summary["exit_code"] as? Int ?? -1))
        let results = try #require(report["results"] as? [[String: Any]])
        let ruleIDs = Set(results.map { $0["rule"] as? String ?? "" })
        #expect(ruleIDs.count >= 34)
        #expect(results.contains { $0["status"] as? String == "waived" })
        #expect(results.contains { $0["unit"] as? String == "440100" && $0["scope"] as? String == "city" })
        let inputs = try #require(report["inputs"] as? [[String: Any]])
        #expect(inputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
    }

    @Test("the same inputs give byte-identical reports")
    func deterministic() throws {
        let arguments = ["check", Self.fixtures, "--city", "--as-of", "2025-11-30", "--format", "json"]
        let first = try CLI.run(arguments)
        let second = try CLI.run(arguments)
        #expect(first.stdout == second.stdout)
        #expect(!first.stdout.isEmpty)
    }

    @Test("any number of jobs gives the same bytes", arguments: ["2", "3", "8"])
    func jobsDoNotChangeTheReport(jobs: String) throws {
        let arguments = ["check", Self.fixtures, "Fixtures/csv", "--city", "--waivers", "Fixtures/waivers-2025.yaml", "--as-of", "2025-11-30", "--format", "json"]
        let one = try CLI.run(arguments + ["--jobs", "1"])
        let many = try CLI.run(arguments + ["--jobs", jobs])
        #expect(one.stdout == many.stdout)
        #expect(one.status == many.status)
        #expect(!one.stdout.isEmpty)
    }

    @Test("no progress bar when standard error is not a terminal")
    func noProgressOffTerminal() throws {
        let run = try CLI.run(["check", Self.fixtures, "--as-of", "2025-11-30", "--format", "json"])
        #expect(run.stderr.isEmpty)
    }

    @Test("SOURCE_DATE_EPOCH sets the default evaluation date")
    func sourceDateEpoch() throws {
        let run = try CLI.run(["check", "\(Self.fixtures)/440104-yuexiu.yaml", "--format", "json"], environment: ["SOURCE_DATE_EPOCH": "1764460800"])
        let options = try #require(try run.json()["options"] as? [String: Any])
        #expect(options["as_of"] as? String == "2025-11-30")
    }

    @Test("a passing submission exits 0; English is available with --lang en")
    func passingSubmission() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("ok.yaml")
        try """
        unit: "440104"
        period: 2025
        metrics:
          special_education.school_age_disabled_children: 3000
          special_education.enrolled_disabled_children: 2970
        """.write(to: file, atomically: true, encoding: .utf8)
        let rulesArgs = ["--rules", CLI.repositoryRoot.appendingPathComponent("Rules/gz-2025").path]
        let run = try CLI.run(["check", file.path, "--lang", "en", "--format", "json"] + rulesArgs)
        let results = try #require(try run.json()["results"] as? [[String: Any]])
        let enrolment = try #require(results.first { $0["rule"] as? String == "disabled-children-enrolment" })
        #expect(enrolment["status"] as? String == "pass")
        let text = try CLI.run(["check", file.path, "--lang", "en"] + rulesArgs)
        #expect(text.output.contains("Total:"))
    }

    /// Files made to break a parser, by name; built here so test names stay readable.
    static func hostileBytes(_ name: String) -> [UInt8] {
        switch name {
        case "alias-bomb":
            var text = "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
            let names = Array("abcdefghi")
            for index in 1..<names.count {
                let previous = "*\(names[index - 1])"
                text += "\(names[index]): &\(names[index]) [" + Array(repeating: previous, count: 9).joined(separator: ",") + "]\n"
            }
            return Array((text + "unit: \"440104\"\nperiod: 2025\n").utf8)
        case "deep":
            return Array(String(repeating: "[", count: 100_000).utf8)
        case "duplicate":
            return Array("unit: \"440104\"\nperiod: 2025\nunit: \"440105\"\n".utf8)
        default:
            // A lone byte that is not UTF-8 (and, here, not GB18030 text either).
            return Array("unit: \"440104\"\nperiod: 2025\nmetrics: {a: \"".utf8) + [0xC3, 0x28] + Array("\"}\n".utf8)
        }
    }

    @Test("hostile YAML ends in exit 2 with a located diagnostic, quickly", arguments: [
        ("alias-bomb", "yaml-alias"), ("deep", "yaml-depth"), ("duplicate", "duplicate-key"), ("invalid-utf8", "invalid-encoding"),
    ])
    func hostile(name: String, code: String) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("\(name).yaml")
        try Data(Self.hostileBytes(name)).write(to: file)
        let run = try CLI.run(["check", file.path, "--format", "json"])
        #expect(run.status == 2)
        #expect(run.seconds < 5)
        let diagnostics = try #require(try run.json()["diagnostics"] as? [[String: Any]])
        let found = try #require(diagnostics.first { $0["code"] as? String == code })
        #expect((found["line"] as? Int ?? 0) >= 1)
        #expect((found["column"] as? Int ?? 0) >= 1)
        #expect(!(found["message_zh"] as? String ?? "").isEmpty)
        #expect(!(found["message_en"] as? String ?? "").isEmpty)
    }

    @Test("bad usage exits 64", arguments: [["check", "--format", "pdf"], ["check", "--lang", "fr"], ["check", "--as-of", "2025-02-30"], ["check", "--report", "nonsense"], ["check", "--jobs", "0"]])
    func usage(arguments: [String]) throws {
        #expect(try CLI.run(arguments).status == 64)
    }

    @Test("--output and --report write files atomically; a report path that is an input is refused")
    func outputs() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let submission = directory.appendingPathComponent("440104.yaml")
        try FileManager.default.copyItem(at: CLI.repositoryRoot.appendingPathComponent("\(Self.fixtures)/440104-yuexiu.yaml"), to: submission)
        let original = try Data(contentsOf: submission)
        let json = directory.appendingPathComponent("report.json")
        let text = directory.appendingPathComponent("report.txt")
        let run = try CLI.run(["check", submission.path, "--format", "json", "--output", json.path, "--report", "text=\(text.path)", "--as-of", "2025-11-30"])
        #expect(run.stdout.isEmpty)
        #expect(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) is [String: Any])
        #expect(try String(contentsOf: text, encoding: .utf8).contains("越秀区"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".educheck-") }
        #expect(leftovers.isEmpty)

        let refused = try CLI.run(["check", submission.path, "--output", submission.path])
        #expect(refused.status == 64)
        #expect(try Data(contentsOf: submission) == original)
    }

    @Test("the built-in ruleset works from any folder, with no --rules")
    func builtinRuleset() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try CLI.run(["rules", "list"], in: directory)
        #expect(run.status == 0)
        #expect(run.output.contains("disabled-children-enrolment"))
    }
}
