import Testing
@testable import EduCheckCore

@Suite("Evaluation: the examples the SPEC says must hold")
struct EvaluatorTests {
    static let ratio = "{ratio: {numerator: t.part, denominator: t.whole}}"

    func ratioRule(_ target: String) throws -> Ruleset {
        try TestRuleset.load(rules: TestRuleset.rule("r", measure: Self.ratio, target: target))
    }

    func unitResult(_ ruleset: Ruleset, part: String, whole: String, unit: String = "440104") throws -> Outcome {
        let submission = try TestRuleset.submission(unit: unit, ["t.part": part, "t.whole": whole], ruleset: ruleset)
        return try #require(TestRuleset.evaluate(ruleset, [submission]).results.result("r", unit: unit))
    }

    @Test("2,970 of 3,000 against 99%以上 passes")
    func ninetyNinePercentPasses() throws {
        let outcome = try unitResult(ratioRule("99%以上"), part: "2970", whole: "3000")
        #expect(outcome.status == .pass)
        #expect(outcome.gap == .zero)
        #expect(outcome.measurement?.display == "99.00%")
    }

    @Test("4,400 of 8,000 against 超过55% fails with a gap of 1")
    func exactlyAtStrictLineFails() throws {
        let outcome = try unitResult(ratioRule("超过55%"), part: "4400", whole: "8000")
        #expect(outcome.status == .fail)
        #expect(outcome.gap == Rational(1))
        #expect(outcome.passLine == Rational(4401))
        #expect(outcome.measurement?.display == "55.00%")
    }

    @Test("the pass line for > 55% of 98,000 is 53,901")
    func passLineOfStrictTarget() throws {
        let outcome = try unitResult(ratioRule("> 55%"), part: "53900", whole: "98000")
        #expect(outcome.status == .fail)
        #expect(outcome.passLine == Rational(53901))
        #expect(outcome.gap == Rational(1))
    }

    @Test("799 of 800 against 全员 fails with a gap of 1, shown as 99.87%")
    func allStaffTarget() throws {
        let outcome = try unitResult(ratioRule("全员"), part: "799", whole: "800")
        #expect(outcome.status == .fail)
        #expect(outcome.gap == Rational(1))
        #expect(outcome.measurement?.display == "99.87%")
        #expect(outcome.gapText?.zh.contains("1") == true)
    }

    @Test("a displayed rate never contradicts its status: 98.996% against ≥ 99% shows 98.99%")
    func displayNeverContradictsStatus() throws {
        let outcome = try unitResult(ratioRule(">= 99%"), part: "98996", whole: "100000")
        #expect(outcome.status == .fail)
        #expect(outcome.measurement?.display == "98.99%")
    }

    @Test("0 of 0 is not applicable; a non-zero part of a zero whole is invalid")
    func zeroWhole() throws {
        let ruleset = try ratioRule(">= 90%")
        #expect(try unitResult(ruleset, part: "0", whole: "0").status == .notApplicable)
        let submission = try TestRuleset.submission(unit: "440104", ["t.free_part": "3", "t.whole": "0"], ruleset: ruleset)
        let free = try TestRuleset.load(rules: TestRuleset.rule("r", measure: "{ratio: {numerator: t.free_part, denominator: t.whole}}", target: ">= 90%"))
        let outcome = try #require(TestRuleset.evaluate(free, [submission]).results.result("r", unit: "440104"))
        #expect(outcome.status == .invalid)
    }

    @Test("1,201 enrolled of 1,200 is invalid, whether or not at_most is declared")
    func partExceedsWhole() throws {
        #expect(try unitResult(ratioRule(">= 99%"), part: "1201", whole: "1200").status == .invalid)
        let free = try TestRuleset.load(rules: TestRuleset.rule("r", measure: "{ratio: {numerator: t.free_part, denominator: t.whole}}", target: ">= 99%"))
        let submission = try TestRuleset.submission(unit: "440104", ["t.free_part": "1201", "t.whole": "1200"], ruleset: free)
        #expect(TestRuleset.evaluate(free, [submission]).results.result("r", unit: "440104")?.status == .invalid)
    }

    @Test("a missing value makes the result missing and says which")
    func missingValue() throws {
        let ruleset = try ratioRule(">= 99%")
        let submission = try TestRuleset.submission(unit: "440104", ["t.whole": "100"], ruleset: ruleset)
        let outcome = try #require(TestRuleset.evaluate(ruleset, [submission]).results.result("r", unit: "440104"))
        #expect(outcome.status == .missing)
        #expect(outcome.reasons.contains { $0.en.contains("t.part") })
    }

    @Test("city ratio is Σ parts / Σ wholes: 50,000/100,000 and ten 700/1,000 give 57,000/110,000, not the mean of rates")
    func cityRatioIsSumOverSum() throws {
        let ruleset = try ratioRule("超过55%")
        var submissions = [try TestRuleset.submission(unit: "440103", ["t.part": "50000", "t.whole": "100000"], ruleset: ruleset)]
        for code in TestRuleset.districts.dropFirst() {
            submissions.append(try TestRuleset.submission(unit: code, ["t.part": "700", "t.whole": "1000"], ruleset: ruleset))
        }
        let results = TestRuleset.evaluate(ruleset, submissions, city: true).results
        let city = try #require(results.result("r", unit: "440100", scope: .city))
        #expect(city.measurement?.numerator == Rational(57000))
        #expect(city.measurement?.denominator == Rational(110_000))
        #expect(city.measurement?.display == "51.81%")
        // The mean of the rates, (50% + 10 × 70%) / 11 = 68.2%, would wrongly pass.
        #expect(city.status == .fail)
        #expect(city.passLine == Rational(60501))
        #expect(city.gap == Rational(3501))
        // Every unit's part, then its whole, in unit order.
        #expect(city.evidence.map(\.unit) == TestRuleset.districts.flatMap { [$0, $0] })
        #expect(city.evidence.map(\.metric) == TestRuleset.districts.flatMap { _ in ["t.part", "t.whole"] })
    }

    @Test("a city result names the units whose data is missing, and missing wins over invalid")
    func cityMissingNamesUnits() throws {
        let ruleset = try ratioRule(">= 50%")
        var submissions: [Submission] = []
        for code in TestRuleset.districts where code != "440105" {
            let part = code == "440106" ? "11" : "5"
            submissions.append(try TestRuleset.submission(unit: code, ["t.part": part, "t.whole": "10"], ruleset: ruleset))
        }
        let city = try #require(TestRuleset.evaluate(ruleset, submissions, city: true).results.result("r", unit: "440100", scope: .city))
        #expect(city.status == .missing)
        #expect(city.affectedUnits == ["440105"])

        submissions.append(try TestRuleset.submission(unit: "440105", ["t.part": "5", "t.whole": "10"], ruleset: ruleset))
        let complete = try #require(TestRuleset.evaluate(ruleset, submissions, city: true).results.result("r", unit: "440100", scope: .city))
        #expect(complete.status == .invalid)
        #expect(complete.affectedUnits == ["440106"])
    }

    @Test("a unit outside applies_to gets not_applicable")
    func appliesTo() throws {
        let ruleset = try ratioRule(">= 50%")
        let outcome = try unitResult(ruleset, part: "1", whole: "2", unit: "440100")
        #expect(outcome.status == .notApplicable)
    }

    @Test("a failing result under an unexpired waiver is waived; expired or unneeded waivers are reported")
    func waivers() throws {
        let ruleset = try ratioRule(">= 99%")
        let failing = try TestRuleset.submission(unit: "440117", ["t.part": "90", "t.whole": "100"], ruleset: ruleset)
        let passing = try TestRuleset.submission(unit: "440104", ["t.part": "100", "t.whole": "100"], ruleset: ruleset)
        let waiver = Waiver(rule: "r", unit: "440117", reason: "过渡期", approvedBy: "市教育局人事处", document: "穗教人〔2025〕12号", expires: CalendarDate(year: 2025, month: 12, day: 31))
        let unused = Waiver(rule: "r", unit: "440104", reason: "x", approvedBy: "y", document: "z", expires: CalendarDate(year: 2025, month: 12, day: 31))

        let valid = TestRuleset.evaluate(ruleset, [failing, passing], waivers: [waiver, unused], asOf: CalendarDate(year: 2025, month: 12, day: 31))
        #expect(valid.results.result("r", unit: "440117")?.status == .waived)
        #expect(valid.results.result("r", unit: "440117")?.waiver == waiver)
        #expect(valid.diagnostics.map(\.code) == ["waiver-unused"])
        #expect(ExitStatus.code(results: valid.results, diagnostics: valid.diagnostics, strict: false) == .success)

        let expired = TestRuleset.evaluate(ruleset, [failing], waivers: [waiver], asOf: CalendarDate(year: 2026, month: 1, day: 1))
        #expect(expired.results.result("r", unit: "440117")?.status == .fail)
        #expect(expired.diagnostics.map(\.code) == ["waiver-expired"])
    }

    @Test("notes travel with the result")
    func notes() throws {
        let ruleset = try ratioRule(">= 99%")
        let submission = try TestRuleset.submission(unit: "440104", ["t.part": "9", "t.whole": "10"], ruleset: ruleset, extra: "notes:\n  r: 新建学校9月开办\n")
        let outcome = try #require(TestRuleset.evaluate(ruleset, [submission]).results.result("r", unit: "440104"))
        #expect(outcome.notes["440104"]?.text == "新建学校9月开办")
        #expect(outcome.notes["440104"]?.location.line == 7)
    }

    @Test("evidence points at the line and column of each value")
    func evidence() throws {
        let ruleset = try ratioRule(">= 99%")
        let outcome = try unitResult(ruleset, part: "9", whole: "10")
        #expect(outcome.evidence.map(\.location.line) == [4, 5])
        #expect(outcome.evidence.map(\.location.column) == [11, 12])
    }
}

@Suite("Evaluation: every measure kind")
struct MeasureTests {
    @Test("value: a count against >= 60000, with gap and progress")
    func valueMeasure() throws {
        let ruleset = try TestRuleset.load(rules: TestRuleset.rule("v", measure: "{value: t.places}", target: "不少于6万个", scope: "[unit]"))
        let submission = try TestRuleset.submission(unit: "440104", ["t.places": "42000"], ruleset: ruleset)
        let outcome = try #require(TestRuleset.evaluate(ruleset, [submission]).results.result("v", unit: "440104"))
        #expect(outcome.status == .fail)
        #expect(outcome.gap == Rational(18000))
        #expect(outcome.progress == (try Rational(7, 10)))
        #expect(outcome.measurement?.display == "42,000")
    }

    @Test("value: a count that must be 0 states the excess")
    func zeroTarget() throws {
        let ruleset = try TestRuleset.load(rules: TestRuleset.rule("z", measure: "{value: t.incidents}", target: "= 0", scope: "[unit]"))
        let submission = try TestRuleset.submission(unit: "440104", ["t.incidents": "2"], ruleset: ruleset)
        let outcome = try #require(TestRuleset.evaluate(ruleset, [submission]).results.result("z", unit: "440104"))
        #expect(outcome.status == .fail)
        #expect(outcome.gap == Rational(2))
        #expect(outcome.gapText?.en.contains("over") == true)
    }

    @Test("value: flags, and the city flag from `all` and `municipal` aggregation")
    func flags() throws {
        let rules = TestRuleset.rule("f", measure: "{value: t.flag}", target: "= true")
            + "\n" + TestRuleset.rule("m", measure: "{value: t.city_flag}", target: "= true", scope: "[city]", appliesTo: "municipal")
        let ruleset = try TestRuleset.load(rules: rules)
        var submissions = try TestRuleset.districts.map { try TestRuleset.submission(unit: $0, ["t.flag": $0 == "440118" ? "false" : "true"], ruleset: ruleset) }
        submissions.append(try TestRuleset.submission(unit: "440100", ["t.city_flag": "true"], ruleset: ruleset))
        let results = TestRuleset.evaluate(ruleset, submissions, city: true).results
        #expect(results.result("f", unit: "440104")?.status == .pass)
        #expect(results.result("f", unit: "440118")?.status == .fail)
        #expect(results.result("f", unit: "440100", scope: .city)?.status == .fail)
        #expect(results.result("m", unit: "440100", scope: .city)?.status == .pass)
    }

    @Test("change: this period minus previous, missing without previous")
    func changeMeasure() throws {
        let ruleset = try TestRuleset.load(rules: TestRuleset.rule("c", measure: "{change: t.places}", target: ">= 10000", scope: "[unit]"))
        let with = try TestRuleset.submission(unit: "440104", ["t.places": "90416"], ruleset: ruleset, extra: "previous:\n  period: 2024\n  metrics:\n    t.places: 80416\n")
        let without = try TestRuleset.submission(unit: "440105", ["t.places": "90416"], ruleset: ruleset)
        let results = TestRuleset.evaluate(ruleset, [with, without]).results
        #expect(results.result("c", unit: "440104")?.status == .pass)
        #expect(results.result("c", unit: "440104")?.measurement?.number == Rational(10000))
        #expect(results.result("c", unit: "440105")?.status == .missing)
    }

    static let schools = """
    schools:
      - {code: "1", name: 甲小学, stage: primary, ownership: public, students: 1800, backbone_teachers: 21}
      - {code: "2", name: 乙小学, stage: primary, ownership: public, students: 1000, backbone_teachers: 9}
      - {code: "3", name: 丙幼儿园, stage: kindergarten, ownership: private, students: 300, backbone_teachers: 0}
      - {code: "4", name: 丁中学, stage: junior_secondary, ownership: public, students: 1000, backbone_teachers: 10}
    """

    @Test("coverage: share of matching rows meeting the predicate; failing rows named with their line")
    func coverageMeasure() throws {
        let measure = "{coverage: {rows: \"stage in [primary, junior_secondary]\", meets: \"backbone_teachers * 100 >= students\"}}"
        let ruleset = try TestRuleset.load(rules: TestRuleset.rule("cov", measure: measure, target: "全覆盖", scope: "[unit]"))
        let submission = try TestRuleset.submission(unit: "440104", [:], ruleset: ruleset, extra: Self.schools)
        let outcome = try #require(TestRuleset.evaluate(ruleset, [submission]).results.result("cov", unit: "440104"))
        #expect(outcome.status == .fail)
        #expect(outcome.measurement?.numerator == Rational(2))
        #expect(outcome.measurement?.denominator == Rational(3))
        #expect(outcome.gap == Rational(1))
        #expect(outcome.failingRows.map(\.code) == ["2"])
        #expect(outcome.failingRows.first?.location.line == 7)
        #expect(outcome.failingRows.first?.values.map(\.name) == ["backbone_teachers", "students"])
    }

    @Test("coverage over a unit with no school rows is missing; a bad row makes it invalid and names the row")
    func coverageProblems() throws {
        let measure = "{coverage: {rows: \"stage = primary\", meets: \"backbone_teachers * 100 >= students\"}}"
        let ruleset = try TestRuleset.load(rules: TestRuleset.rule("cov", measure: measure, target: "全覆盖", scope: "[unit]"))
        let none = try TestRuleset.submission(unit: "440104", [:], ruleset: ruleset)
        let bad = try TestRuleset.submission(unit: "440105", [:], ruleset: ruleset, extra: "schools:\n  - {code: \"9\", name: 戊小学, stage: primary, ownership: public, students: 很多, backbone_teachers: 3}\n")
        let results = TestRuleset.evaluate(ruleset, [none, bad]).results
        #expect(results.result("cov", unit: "440104")?.status == .missing)
        let invalid = try #require(results.result("cov", unit: "440105"))
        #expect(invalid.status == .invalid)
        #expect(invalid.failingRows.map(\.code) == ["9"])
    }

    @Test("count and sum over school rows")
    func countAndSum() throws {
        let rules = TestRuleset.rule("n", measure: "{count: {rows: \"ownership in [public]\"}}", target: ">= 3", scope: "[unit]")
            + "\n" + TestRuleset.rule("s", measure: "{sum: {field: students, rows: \"stage != \\\"kindergarten\\\"\"}}", target: ">= 4000", scope: "[unit]")
        let ruleset = try TestRuleset.load(rules: rules)
        let submission = try TestRuleset.submission(unit: "440104", [:], ruleset: ruleset, extra: Self.schools)
        let results = TestRuleset.evaluate(ruleset, [submission]).results
        #expect(results.result("n", unit: "440104")?.measurement?.number == Rational(3))
        #expect(results.result("n", unit: "440104")?.status == .pass)
        #expect(results.result("s", unit: "440104")?.measurement?.number == Rational(3800))
        #expect(results.result("s", unit: "440104")?.status == .fail)
        #expect(results.result("s", unit: "440104")?.gap == Rational(200))
    }

    @Test("expression: a safe formula over metrics, exact")
    func expressionMeasure() throws {
        let ruleset = try TestRuleset.load(rules: TestRuleset.rule("e", measure: "{expression: \"t.part / t.whole >= 99% and t.flag\"}", target: "= true", scope: "[unit]"))
        let pass = try TestRuleset.submission(unit: "440104", ["t.part": "1485", "t.whole": "1500", "t.flag": "true"], ruleset: ruleset)
        let fail = try TestRuleset.submission(unit: "440105", ["t.part": "1484", "t.whole": "1500", "t.flag": "true"], ruleset: ruleset)
        let results = TestRuleset.evaluate(ruleset, [pass, fail]).results
        #expect(results.result("e", unit: "440104")?.status == .pass)
        #expect(results.result("e", unit: "440105")?.status == .fail)
    }

    @Test("consistency: 78.95% agrees with 30 of 38; 78.94% and 79.00% do not", arguments: [("78.95%", true), ("78.947%", true), ("78.94%", false), ("79%", false)])
    func consistencyMeasure(reported: String, agrees: Bool) throws {
        let rule = """
        - id: k
          title: {zh: 一致, en: agrees}
          source: {section: "T", quote: "测试"}
          scope: unit
          applies_to: all
          measure: {consistency: {reported: t.rate, computed: {ratio: {numerator: t.part, denominator: t.whole}}, rounding: 2}}
          severity: error
        """
        let ruleset = try TestRuleset.load(rules: rule)
        let submission = try TestRuleset.submission(unit: "440104", ["t.rate": "\"\(reported)\"", "t.part": "30", "t.whole": "38"], ruleset: ruleset)
        let outcome = try #require(TestRuleset.evaluate(ruleset, [submission]).results.result("k", unit: "440104"))
        #expect(outcome.status == (agrees ? .pass : .fail))
    }
}
