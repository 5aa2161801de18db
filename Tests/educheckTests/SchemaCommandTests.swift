import Foundation
import Testing

/// The schemas judged by an independent validator (Python's jsonschema) and against the loaders
/// themselves: what the schema refuses, educheck refuses too.
@Suite("educheck schema, end to end")
struct SchemaCommandTests {
    static let kinds = ["rules", "submission", "report"]

    /// The schema as the command prints it, in a file for the validator.
    func schema(_ kind: String, in directory: URL) throws -> URL {
        let run = try CLI.run(["schema", kind])
        #expect(run.status == 0, "\(run.stderr)")
        let file = directory.appendingPathComponent("\(kind).schema.json")
        try Data(run.stdout).write(to: file)
        return file
    }

    func write(_ text: String, _ name: String, in directory: URL) throws -> URL {
        let file = directory.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    // MARK: - The committed copies

    /// Re-record with `EDUCHECK_RECORD_SCHEMAS=1 swift test --filter SchemaCommandTests`.
    @Test("Schemas/*.schema.json are what `educheck schema` prints for the built-in ruleset", arguments: kinds)
    func committedCopy(kind: String) throws {
        let run = try CLI.run(["schema", kind])
        #expect(run.status == 0)
        let path = CLI.repositoryRoot.appendingPathComponent("Schemas/\(kind).schema.json")
        if ProcessInfo.processInfo.environment["EDUCHECK_RECORD_SCHEMAS"] == "1" {
            try Data(run.stdout).write(to: path)
        }
        let committed = String(decoding: try Data(contentsOf: path), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let printed = run.output.split(separator: "\n", omittingEmptySubsequences: false)
        // Only the first difference, so a stale copy does not print two whole schemas.
        let line = zip(committed, printed).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(committed.count, printed.count)
        let same = committed == printed
        #expect(same, """
            Schemas/\(kind).schema.json is stale from line \(line + 1) (committed: \(line < committed.count ? committed[line] : "end of file"); \
            printed: \(line < printed.count ? printed[line] : "end of output")). \
            Re-record: EDUCHECK_RECORD_SCHEMAS=1 swift test --filter SchemaCommandTests
            """)
    }

    @Test("--rules DIR with the built-in ruleset's folder prints the same schema")
    func rulesFolder() throws {
        let builtin = try CLI.run(["schema", "submission"])
        let folder = try CLI.run(["schema", "submission", "--rules", "Rules/gz-2025"])
        #expect(folder.status == 0)
        #expect(folder.stdout == builtin.stdout)
    }

    @Test("an unknown schema is a usage error")
    func unknownKind() throws {
        #expect(try CLI.run(["schema", "waivers"]).status == 64)
    }

    // MARK: - Submissions

    @Test("the submission schema accepts every fixture and every template, filled in or not")
    func submissionsAccepted() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: CLI.repositoryRoot.appendingPathComponent("Fixtures/submissions/2025").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
            .map { CLI.repositoryRoot.appendingPathComponent("Fixtures/submissions/2025/\($0)") }
        #expect(fixtures.count == 12)
        var templates: [URL] = []
        for unit in TemplateFilling.builtin.units.map(\.code) {
            let template = try CLI.run(["template", "--unit", unit]).output
            templates.append(try write(template, "\(unit)-blank.yaml", in: directory))
            templates.append(try write(TemplateFilling.fill(template), "\(unit)-filled.yaml", in: directory))
        }
        let files = fixtures + templates
        let verdicts = try JSONSchemaValidator.validate(schema: try schema("submission", in: directory), instances: files)
        for (file, verdict) in zip(files, verdicts) {
            #expect(verdict == nil, "\(file.lastPathComponent): \(verdict ?? "")")
        }
        #expect(verdicts.count == files.count)
    }

    /// A submission that differs from a clean one in one way, what the schema says of it, and the
    /// diagnostic educheck gives it (nil: no warning or error at all).
    struct SubmissionCase: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        var schemaAccepts: Bool
        var loaderCode: String?

        var testDescription: String { name }

        static func metrics(_ name: String, _ lines: String, accepts: Bool, _ code: String?) -> SubmissionCase {
            SubmissionCase(name: name, yaml: "unit: \"440104\"\nperiod: 2025\nmetrics:\n\(lines)\n", schemaAccepts: accepts, loaderCode: code)
        }
    }

    static let submissionCases: [SubmissionCase] = [
        .metrics("spreadsheet forms are accepted and noted", """
          special_education.school_age_disabled_children: "1,520"
          special_education.enrolled_disabled_children: "１５０６"
          family_school.district_alliance: 是
          vocational.standard_rate_reported: "78.95%"
        """, accepts: true, nil),
        .metrics("a blank value is not reported", "  special_education.school_age_disabled_children: ~", accepts: true, nil),
        SubmissionCase(name: "an unquoted unit code", yaml: "unit: 440104\nperiod: 2025\n", schemaAccepts: true, loaderCode: nil),
        .metrics("an unknown metric", "  special_education.enroled_disabled_children: 3", accepts: false, "unknown-metric"),
        .metrics("a percent where a count is expected", "  fitness.students_tested: \"78%\"", accepts: false, "wrong-type"),
        .metrics("a negative count", "  fitness.students_tested: -3", accepts: false, "negative-count"),
        .metrics("a decimal count", "  fitness.students_tested: 1.5", accepts: false, "wrong-type"),
        .metrics("malformed thousands separators", "  fitness.students_tested: \"1,52\"", accepts: false, "wrong-type"),
        .metrics("a flag that is not true or false", "  family_school.district_alliance: maybe", accepts: false, "wrong-type"),
        .metrics("a rate without a percent sign", "  vocational.standard_rate_reported: \"78.95\"", accepts: false, "wrong-type"),
        .metrics("a list where a value is expected", "  fitness.students_tested: [1, 2]", accepts: false, "wrong-type"),
        SubmissionCase(name: "an unknown top-level key", yaml: "unit: \"440104\"\nperiod: 2025\nremarks: 无\n", schemaAccepts: false, loaderCode: "unknown-key"),
        SubmissionCase(name: "another period", yaml: "unit: \"440104\"\nperiod: 2024\n", schemaAccepts: false, loaderCode: "period-mismatch"),
        SubmissionCase(name: "an unknown unit", yaml: "unit: \"440199\"\nperiod: 2025\n", schemaAccepts: false, loaderCode: "unknown-unit"),
        SubmissionCase(name: "another ruleset", yaml: "unit: \"440104\"\nperiod: 2025\nruleset: gz-2024\n", schemaAccepts: false, loaderCode: "ruleset-mismatch"),
        SubmissionCase(name: "previous is not the year before", yaml: "unit: \"440104\"\nperiod: 2025\nprevious:\n  period: 2023\n  metrics: {}\n", schemaAccepts: false, loaderCode: "period-mismatch"),
        SubmissionCase(name: "previous without metrics", yaml: "unit: \"440104\"\nperiod: 2025\nprevious:\n  period: 2024\n", schemaAccepts: false, loaderCode: "missing-key"),
        SubmissionCase(
            name: "a school row with an unknown stage",
            yaml: "unit: \"440104\"\nperiod: 2025\nschools:\n  - {code: \"4401040001\", name: 华阳小学, stage: college, ownership: public, students: 1800, backbone_teachers: 21}\n",
            schemaAccepts: false, loaderCode: "bad-value"),
        SubmissionCase(
            name: "a school row without ownership",
            yaml: "unit: \"440104\"\nperiod: 2025\nschools:\n  - {code: \"4401040001\", name: 华阳小学, stage: primary, students: 1800}\n",
            schemaAccepts: false, loaderCode: "missing-key"),
        SubmissionCase(
            name: "a school row with a negative figure",
            yaml: "unit: \"440104\"\nperiod: 2025\nschools:\n  - {code: \"4401040001\", name: 华阳小学, stage: primary, ownership: public, students: -5}\n",
            schemaAccepts: false, loaderCode: "negative-count"),
        // Where the two differ by design: the loader only warns about a note for an unknown rule
        // (and drops it), which an editor should still flag; and a part larger than its whole
        // compares two values, which a schema cannot express.
        SubmissionCase(name: "a note for an unknown rule", yaml: "unit: \"440104\"\nperiod: 2025\nnotes:\n  disabled-children-enrolement: 说明\n", schemaAccepts: false, loaderCode: "unknown-rule"),
        .metrics("a part larger than its whole", """
          special_education.school_age_disabled_children: 10
          special_education.enrolled_disabled_children: 11
        """, accepts: true, "part-exceeds-whole"),
    ]

    @Test("the submission schema and educheck check agree on what is wrong", arguments: submissionCases)
    func submissionCase(_ testCase: SubmissionCase) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try write(testCase.yaml, "case.yaml", in: directory)
        let verdict = try #require(try JSONSchemaValidator.validate(schema: try schema("submission", in: directory), instances: [file]).first)
        #expect((verdict == nil) == testCase.schemaAccepts, "schema: \(verdict ?? "valid")")

        let run = try CLI.run(["check", file.path, "--format", "json"])
        let diagnostics = try #require(try run.json()["diagnostics"] as? [[String: Any]])
        let codes = diagnostics.filter { $0["severity"] as? String != "info" }.compactMap { $0["code"] as? String }
        if let code = testCase.loaderCode {
            #expect(codes.contains(code), "educheck check gave \(codes)")
        } else {
            #expect(codes.isEmpty, "educheck check gave \(codes)")
        }
    }

    // MARK: - Reports

    @Test("the report schema accepts real reports, and refuses one that was tampered with")
    func reports() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let city = try CLI.run(["check", "Fixtures/submissions/2025", "--city", "--waivers", "Fixtures/waivers-2025.yaml", "--as-of", "2025-11-30", "--format", "json"])
        let broken = try write("""
        unit: "440104"
        period: 2025
        metrics:
          special_education.school_age_disabled_children: 10
          special_education.enrolled_disabled_children: 11
          fitness.students_tseted: 3
        schools:
          - {code: "1", name: 甲, stage: primary, ownership: public, students: 100, backbone_teachers: 0}
          - {code: "1", name: 乙, stage: primary, ownership: public, students: 100, backbone_teachers: 1}
        """, "broken.yaml", in: directory)
        let diagnosed = try CLI.run(["check", broken.path, "--format", "json", "--lang", "en", "--strict"])
        let empty = try CLI.run(["check", "--format", "json"])
        // Two units alone, with --city: city results are missing and name the units left out.
        let partial = try CLI.run(["check", "Fixtures/submissions/2025/440104-yuexiu.yaml", "Fixtures/submissions/2025/440117-conghua.yaml", "--city", "--format", "json"])

        // The reports exercise the optional parts of the schema.
        let cityText = city.output
        for field in ["\"failing_rows\"", "\"waiver\"", "\"notes\"", "\"consistency\""] {
            #expect(cityText.contains(field), "the city report has no \(field)")
        }
        #expect(partial.output.contains("\"units\""), "the partial city report names no units")
        let notes = try #require(try diagnosed.json()["diagnostics"] as? [[String: Any]])
        #expect(notes.contains { $0["notes"] != nil })
        let unlocated = try #require(try empty.json()["diagnostics"] as? [[String: Any]])
        #expect(unlocated.contains { $0["path"] is NSNull })

        let first = try #require(cityText.range(of: "\"status\": \"pass\""))
        let tampered = cityText.replacingCharacters(in: first, with: "\"status\": \"passed\"")
        let reports = [
            try write(cityText, "city.json", in: directory),
            try write(diagnosed.output, "diagnosed.json", in: directory),
            try write(empty.output, "empty.json", in: directory),
            try write(partial.output, "partial.json", in: directory),
            try write(tampered, "tampered.json", in: directory),
        ]
        let verdicts = try JSONSchemaValidator.validate(schema: try schema("report", in: directory), instances: reports)
        #expect(verdicts.count == 5)
        for (file, verdict) in zip(reports.prefix(4), verdicts) {
            #expect(verdict == nil, "\(file.lastPathComponent): \(verdict ?? "")")
        }
        #expect(verdicts.last??.contains("passed") == true, "the tampered report was accepted")
    }

    // MARK: - Rules

    @Test("the rules schema accepts every rule file of the built-in ruleset")
    func ruleFilesAccepted() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = CLI.repositoryRoot.appendingPathComponent("Rules/gz-2025/rules")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted().map { folder.appendingPathComponent($0) }
        #expect(files.count >= 7)
        let verdicts = try JSONSchemaValidator.validate(schema: try schema("rules", in: directory), instances: files)
        for (file, verdict) in zip(files, verdicts) {
            #expect(verdict == nil, "\(file.lastPathComponent): \(verdict ?? "")")
        }
        #expect(verdicts.count == files.count)
    }

    static let validRule = """
    - id: extra-rule
      title: {zh: 测试规则, en: Test rule}
      source: {section: "2025 三、1", quote: "适龄残疾儿童义务教育阶段入学率保持在99%以上"}
      scope: [unit, city]
      applies_to: ["440104", "440115"]
      measure:
        value: special_education.enrolled_disabled_children
      target: ">= 1"
      severity: error

    """

    /// A rule that differs from a valid one in one way: (name, original text, replacement, valid?).
    static let ruleCases: [(String, String, String, Bool)] = [
        ("a valid rule", "", "", true),
        ("a school-row count with no filter", "value: special_education.enrolled_disabled_children", "count: {}", true),
        ("a bad severity", "severity: error", "severity: critical", false),
        ("no target", "  target: \">= 1\"\n", "", false),
        ("an unknown measure kind", "value: special_education", "median: special_education", false),
        ("two measure kinds", "    value: special_education.enrolled_disabled_children", "    value: special_education.enrolled_disabled_children\n    change: special_education.enrolled_disabled_children", false),
        ("an unknown metric", "value: special_education.enrolled_disabled_children", "value: special_education.enroled_children", false),
        ("a ratio of a flag", "value: special_education.enrolled_disabled_children", "ratio: {numerator: family_school.district_alliance, denominator: fitness.students_tested}", false),
        ("an id that is not kebab-case", "id: extra-rule", "id: Extra_Rule", false),
        ("an unknown scope", "scope: [unit, city]", "scope: region", false),
        ("an unknown unit in applies_to", "\"440115\"", "\"440199\"", false),
        ("an unknown key", "severity: error", "severity: error\n  notes: 无", false),
        ("a title without English", "title: {zh: 测试规则, en: Test rule}", "title: {zh: 测试规则}", false),
        ("a target on a consistency rule",
         "value: special_education.enrolled_disabled_children",
         "consistency: {reported: vocational.standard_rate_reported, computed: {ratio: {numerator: vocational.schools_meeting_standards, denominator: vocational.schools}}}",
         false),
        ("a consistency rule without target",
         "    value: special_education.enrolled_disabled_children\n  target: \">= 1\"",
         "    consistency: {reported: vocational.standard_rate_reported, computed: {ratio: {numerator: vocational.schools_meeting_standards, denominator: vocational.schools}}, rounding: 2}",
         true),
        ("rounding out of range",
         "    value: special_education.enrolled_disabled_children\n  target: \">= 1\"",
         "    consistency: {reported: vocational.standard_rate_reported, computed: {ratio: {numerator: vocational.schools_meeting_standards, denominator: vocational.schools}}, rounding: 9}",
         false),
    ]

    @Test("the rules schema and the ruleset loader agree on what is wrong", arguments: ruleCases)
    func ruleCase(name: String, original: String, replacement: String, valid: Bool) throws {
        let rule = original.isEmpty ? Self.validRule : Self.validRule.replacingOccurrences(of: original, with: replacement)
        #expect(original.isEmpty || rule != Self.validRule, "the case changes nothing")

        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try write(rule, "rule.yaml", in: directory)
        let verdict = try #require(try JSONSchemaValidator.validate(schema: try schema("rules", in: directory), instances: [file]).first)
        #expect((verdict == nil) == valid, "schema: \(verdict ?? "valid")")

        // The same rule added to a copy of the built-in ruleset, read by the loader.
        let ruleset = directory.appendingPathComponent("ruleset")
        let source = CLI.repositoryRoot.appendingPathComponent("Rules/gz-2025")
        try FileManager.default.createDirectory(at: ruleset, withIntermediateDirectories: true)
        for item in ["ruleset.yaml", "units.yaml", "metrics.yaml", "source.txt", "rules"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(item), to: ruleset.appendingPathComponent(item))
        }
        _ = try write(rule, "rules/99-extra.yaml", in: ruleset)
        let run = try CLI.run(["rules", "list", "--rules", ruleset.path])
        #expect(run.status == (valid ? 0 : 2), "educheck rules list: \(run.stderr)")
    }
}
