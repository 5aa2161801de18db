import Testing
@testable import EduCheckCore

@Suite("Reading submissions: every mistake a clear diagnostic")
struct SubmissionLoaderTests {
    let ruleset: Ruleset

    init() throws {
        ruleset = try TestRuleset.load(rules: TestRuleset.rule("r", measure: "{ratio: {numerator: t.part, denominator: t.whole}}", target: ">= 99%"))
    }

    func diagnostics(_ yaml: String) -> [Diagnostic] {
        TestRuleset.submission(yaml, ruleset: ruleset).1
    }

    @Test("an unknown metric id is an error with a did-you-mean, at the key")
    func unknownMetric() throws {
        let found = diagnostics("unit: \"440104\"\nperiod: 2025\nmetrics:\n  t.wholee: 3\n")
        let diagnostic = try #require(found.first { $0.code == "unknown-metric" })
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.en.contains("did you mean t.whole?"))
        #expect(diagnostic.message.zh.contains("是否应为 t.whole"))
        #expect(diagnostic.location == SourceLocation(path: "sub.yaml", line: 4, column: 3))
    }

    @Test("a period mismatch is an error and the file is not evaluated")
    func periodMismatch() {
        let (submission, found) = TestRuleset.submission("unit: \"440104\"\nperiod: 2024\nmetrics: {}\n", ruleset: ruleset)
        #expect(submission == nil)
        #expect(found.map(\.code) == ["period-mismatch"])
        #expect(found.first?.location?.line == 2)
    }

    @Test("an unknown unit code is an error; 0440104 stays text and is not octal")
    func unknownUnit() {
        let found = diagnostics("unit: 0440104\nperiod: 2025\n")
        #expect(found.map(\.code) == ["unknown-unit"])
        #expect(found.first?.message.en.contains("'0440104'") == true)
    }

    @Test("a unit code a spreadsheet turned into a number is refused as such", arguments: ["4.40104E+5", "440104.0"])
    func mangledUnitCode(code: String) {
        let found = diagnostics("unit: \(code)\nperiod: 2025\n")
        #expect(found.map(\.code) == ["mangled-code"])
        #expect(found.first?.location == SourceLocation(path: "sub.yaml", line: 1, column: 7))
    }

    @Test("an unquoted unit code is accepted")
    func unquotedUnitCode() {
        let (submission, found) = TestRuleset.submission("unit: 440104\nperiod: 2025\n", ruleset: ruleset)
        #expect(found.isEmpty)
        #expect(submission?.unit == "440104")
    }

    @Test("YAML 1.1 booleans do not silently become flags", arguments: ["no", "on", "yes", "off"])
    func yaml11Booleans(word: String) throws {
        let flagRules = TestRuleset.rule("f", measure: "{value: t.flag}", target: "= true")
        let flags = try TestRuleset.load(rules: flagRules)
        let (submission, found) = TestRuleset.submission("unit: \"440104\"\nperiod: 2025\nmetrics:\n  t.flag: \(word)\n", ruleset: flags)
        #expect(found.map(\.code) == ["ambiguous-flag"])
        guard case .invalid = submission?.metrics["t.flag"]?.content else {
            Issue.record("\(word) should be an invalid flag")
            return
        }
    }

    @Test("wrong types are errors located at the value", arguments: [
        ("t.whole: 12.5", "wrong-type"), ("t.whole: \"80%\"", "wrong-type"), ("t.whole: -3", "negative-count"),
        ("t.whole: 1e3", "wrong-type"), ("t.whole: [1, 2]", "wrong-type"),
    ])
    func wrongTypes(line: String, code: String) throws {
        let found = diagnostics("unit: \"440104\"\nperiod: 2025\nmetrics:\n  \(line)\n")
        let diagnostic = try #require(found.first)
        #expect(diagnostic.code == code)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location?.line == 4)
        #expect(diagnostic.location?.column == 12)
    }

    @Test("spreadsheet habits are accepted and noted: 1,520 and full-width digits")
    func normalisations() throws {
        let (submission, found) = TestRuleset.submission("unit: \"440104\"\nperiod: 2025\nmetrics:\n  t.whole: \"1,520\"\n  t.part: １５０６\n", ruleset: ruleset)
        #expect(submission?.metrics["t.whole"]?.number == Rational(1520))
        #expect(submission?.metrics["t.part"]?.number == Rational(1506))
        #expect(Set(found.map(\.code)) == ["normalized-thousands", "normalized-full-width"])
        #expect(found.allSatisfy { $0.severity == .info })
    }

    @Test("a part larger than its declared whole is flagged at the part, pointing at the whole")
    func atMost() throws {
        let (submission, found) = TestRuleset.submission("unit: \"440104\"\nperiod: 2025\nmetrics:\n  t.whole: 1200\n  t.part: 1201\n", ruleset: ruleset)
        let diagnostic = try #require(found.first { $0.code == "part-exceeds-whole" })
        #expect(diagnostic.location?.line == 5)
        #expect(diagnostic.notes.first?.location?.line == 4)
        guard case .invalid = submission?.metrics["t.part"]?.content else {
            Issue.record("the part should be invalid")
            return
        }
    }

    @Test("duplicate keys, unknown keys and duplicate school codes are errors")
    func structuralErrors() {
        let found = diagnostics("""
        unit: "440104"
        period: 2025
        metric: {}
        metrics:
          t.whole: 1
          t.whole: 2
        schools:
          - {code: "1", name: 甲, stage: primary, ownership: public}
          - {code: "1", name: 乙, stage: primary, ownership: public}
        """)
        #expect(found.map(\.code).sorted() == ["duplicate-key", "duplicate-school-code", "unknown-key"])
        #expect(found.first { $0.code == "unknown-key" }?.message.en.contains("did you mean metrics?") == true)
    }

    @Test("notes for unknown rules are warned about, not lost silently")
    func unknownNote() {
        let found = diagnostics("unit: \"440104\"\nperiod: 2025\nnotes:\n  rr: 说明\n")
        #expect(found.map(\.code) == ["unknown-rule"])
        #expect(found.first?.severity == .warning)
    }
}
