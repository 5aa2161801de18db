import EduCheckCore
@testable import EduCheckReports
import Foundation
import Testing

@Suite("SARIF report")
struct SARIFReporterTests {
    /// The OASIS schema, beside the repository in `shared/schemas/`.
    static let schema = CanonicalReport.repositoryRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/schemas/sarif-schema-2.1.0.json")

    /// Validates with Python's `jsonschema` (the validator the schema's authors test with), using
    /// the draft the schema declares. Returns the errors, one line each; empty means valid.
    static func validate(_ document: String) throws -> [String] {
        try #require(FileManager.default.fileExists(atPath: schema.path),
                     "the SARIF schema is missing: expected \(schema.path) (shared/ beside the repository)")
        let script = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            print("python3 has no jsonschema module: install python3-jsonschema"); sys.exit(3)
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        document = json.loads(sys.stdin.read())
        validator = jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker())
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            print("/".join(str(p) for p in error.absolute_path) + ": " + error.message)
        sys.exit(1 if errors else 0)
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema.path]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(document.utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus != 3, "\(text)")
        try #require(process.terminationStatus == 0 || process.terminationStatus == 1, "the validator failed to run: \(text)")
        let errors = text.split(separator: "\n").map(String.init)
        if process.terminationStatus == 1 { try #require(!errors.isEmpty) }
        return errors
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("validates against the SARIF 2.1.0 schema", arguments: Language.allCases)
    func schemaValid(_ language: Language) throws {
        let errors = try Self.validate(CanonicalReport.render(.sarif, language))
        #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")
    }

    @Test("the validation is real: a broken document is refused")
    func validatorRefuses() throws {
        let broken = CanonicalReport.render(.sarif).replacingOccurrences(of: "\"startLine\": 7,", with: "\"startLine\": 0,")
        #expect(broken != CanonicalReport.render(.sarif))
        let errors = try Self.validate(broken)
        #expect(errors.contains { $0.contains("startLine") || $0.contains("minimum") })
    }

    @Test("rules carry non-empty descriptions and help: the quote and the target")
    func rules() throws {
        let document = try Self.json(CanonicalReport.render(.sarif))
        let run = try #require((document["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let report = CanonicalReport.report
        #expect(rules.count == report.ruleset.rules.count + Set(report.diagnostics.map(\.code)).count)
        for rule in rules {
            for key in ["shortDescription", "fullDescription", "help"] {
                let text = (rule[key] as? [String: Any])?["text"] as? String ?? ""
                #expect(!text.isEmpty, "\(rule["id"] ?? "?") has no \(key)")
            }
        }
        let enrolment = try #require(rules.first { $0["id"] as? String == "enrolment-rate" })
        let help = try #require((enrolment["help"] as? [String: Any])?["text"] as? String)
        #expect(help.contains("适龄残疾儿童义务教育阶段入学率保持在99%以上"))
        #expect(help.contains("≥ 99%"))
        #expect(rules.contains { $0["id"] as? String == "educheck/duplicate-key" })
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
    }

    @Test("results point at the line and column of the deciding value")
    func locations() throws {
        let document = try Self.json(CanonicalReport.render(.sarif))
        let run = try #require((document["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let report = CanonicalReport.report
        let actionable = report.results.filter { [.fail, .missing, .invalid, .waived].contains($0.status) }
        #expect(results.count == actionable.count + report.diagnostics.count)

        var checked = 0
        for result in results {
            let locations = try #require(result["locations"] as? [[String: Any]], "every result needs a location for code scanning")
            let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
            let artifact = try #require(physical["artifactLocation"] as? [String: Any])
            let uri = try #require(artifact["uri"] as? String)
            #expect(!uri.hasPrefix("/") && !uri.contains("://"), "paths stay relative: \(uri)")
            guard let region = physical["region"] as? [String: Any] else { continue }
            let line = try #require(region["startLine"] as? Int)
            let column = try #require(region["startColumn"] as? Int)
            #expect(line >= 1 && column >= 1)
            // The line holds the metric or school the result names, and the column is on it.
            let path = try #require(uri.removingPercentEncoding)
            let text = try String(contentsOf: CanonicalReport.fixtures.appendingPathComponent(path), encoding: .utf8)
            let source = text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
            #expect(column <= source.unicodeScalars.count + 1, "column \(column) is past the end of \(path):\(line)")
            if (result["ruleId"] as? String) == "enrolment-rate" {
                #expect(source.contains("t.enrolled") || source.contains("t.children"), "\(path):\(line) is «\(source)»")
            }
            if (result["ruleId"] as? String) == "backbone-coverage" {
                #expect(source.contains("backbone_teachers"), "\(path):\(line) is «\(source)»")
            }
            checked += 1
        }
        #expect(checked >= 6)
    }

    @Test("waived results are suppressed with the waiver as justification; fingerprints are stable and distinct")
    func suppressionsAndFingerprints() throws {
        let first = try Self.json(CanonicalReport.render(.sarif))
        let results = try #require(((first["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        let waived = results.filter { ($0["properties"] as? [String: Any])?["status"] as? String == "waived" }
        #expect(waived.count == 1)
        let suppression = try #require((waived.first?["suppressions"] as? [[String: Any]])?.first)
        #expect(suppression["kind"] as? String == "external")
        #expect((suppression["justification"] as? String)?.contains("测人〔2025〕3号") == true)

        let fingerprints = results.compactMap { ($0["partialFingerprints"] as? [String: String])?["educheck/v1"] }
        #expect(fingerprints.count == results.count)
        #expect(Set(fingerprints).count == fingerprints.count)
    }

    @Test("paths become URI references: non-ASCII and reserved characters percent-encoded")
    func uris() {
        #expect(SARIFReporter.uri("submissions/440104-越秀.yaml") == "submissions/440104-%E8%B6%8A%E7%A7%80.yaml")
        #expect(SARIFReporter.uri("a b/100%#x.yaml") == "a%20b/100%25%23x.yaml")
        #expect(SARIFReporter.uri("/abs/x.yaml") == "file:///abs/x.yaml")
    }
}
