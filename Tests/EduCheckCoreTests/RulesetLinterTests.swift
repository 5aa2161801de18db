import Testing
@testable import EduCheckCore

@Suite("rules lint: what the loader cannot see")
struct RulesetLinterTests {
    static let source = "体质健康优良率超过55%。适龄残疾儿童入学率保持在99%以上。力争新增学位1万个。每百名学生拥有1名区级以上骨干教师的学校100%全覆盖。"

    func lint(_ rules: String, source: String = source) -> [Diagnostic] {
        let files = TestRuleset.files(rules: rules, extra: ["source.txt": source])
        return RulesetLinter.lint(files).diagnostics
    }

    func rule(_ id: String, quote: String, target: String, measure: String = "{ratio: {numerator: t.part, denominator: t.whole}}", severity: String = "error") -> String {
        """
        - id: \(id)
          title: {zh: 测试, en: test}
          source: {section: "T", quote: "\(quote)"}
          scope: [unit]
          applies_to: districts
          measure: \(measure)
          target: "\(target)"
          severity: \(severity)
        """
    }

    /// Uses every metric of the test ruleset once, so only the finding under test remains.
    var otherMetrics: String {
        ["t.free_part", "t.places", "t.incidents"].enumerated().map { index, metric in
            rule("other-\(index)", quote: "力争新增学位1万个", target: ">= 1", measure: "{value: \(metric)}", severity: "warning")
        }.joined(separator: "\n")
            + "\n" + rule("flag-rule", quote: "力争新增学位1万个", target: "= true", measure: "{value: t.flag}", severity: "warning")
            + "\n" + rule("city-flag-rule", quote: "力争新增学位1万个", target: "= true", measure: "{value: t.city_flag}", severity: "warning")
            + "\n" + """
            - id: rate-rule
              title: {zh: 一致, en: agrees}
              source: {section: "T", quote: "力争新增学位1万个"}
              scope: unit
              applies_to: all
              measure: {consistency: {reported: t.rate, computed: {ratio: {numerator: t.part, denominator: t.whole}}}}
              severity: warning
            """
    }

    func codes(_ rules: String) -> [String] {
        lint(rules + "\n" + otherMetrics).map(\.code)
    }

    @Test("a clean rule draws nothing")
    func clean() {
        #expect(codes(rule("ok", quote: "体质健康优良率超过55%", target: "超过55%")) == [])
    }

    @Test("超过 encoded as >= and 以上 encoded as > contradict the Civil Code", arguments: [
        ("体质健康优良率超过55%", ">= 55%"), ("适龄残疾儿童入学率保持在99%以上", "> 99%"),
    ])
    func comparatorContradictsQuote(quote: String, target: String) {
        #expect(codes(rule("bad", quote: quote, target: target)) == ["comparator-contradicts-quote"])
    }

    @Test("全覆盖 means = 100%")
    func standaloneWording() {
        #expect(codes(rule("cover", quote: "每百名学生拥有1名区级以上骨干教师的学校100%全覆盖", target: ">= 90%")) == ["comparator-contradicts-quote"])
        #expect(codes(rule("cover", quote: "每百名学生拥有1名区级以上骨干教师的学校100%全覆盖", target: "全覆盖")) == [])
    }

    @Test("a quote saying 力争 must be a warning")
    func severityContradictsQuote() {
        #expect(codes(rule("aspire", quote: "力争新增学位1万个", target: ">= 10000", measure: "{value: t.places}")) == ["severity-contradicts-quote"])
    }

    @Test("a quote not in the source text is an error at the quote")
    func quoteNotInSource() throws {
        let found = lint(rule("q", quote: "体质健康优良率超过56%", target: "> 56%") + "\n" + otherMetrics)
        let diagnostic = try #require(found.first)
        #expect(found.map(\.code) == ["quote-not-in-source"])
        #expect(diagnostic.location?.line == 3)
    }

    @Test("targets that can never be missed or never be met", arguments: [
        (">= 0%", "target-always-met"), ("<= 100%", "target-always-met"), ("> 100%", "target-never-met"), ("< 0%", "target-never-met"),
    ])
    func trivialRatioTargets(target: String, code: String) {
        #expect(codes(rule("t", quote: "体质健康优良率超过55%", target: target)).contains(code))
    }

    @Test("a count target of >= 0 checks nothing")
    func trivialCount() {
        #expect(codes(rule("c", quote: "力争新增学位1万个", target: ">= 0", measure: "{value: t.places}", severity: "warning")) == ["target-always-met"])
    }

    @Test("an unused metric is a warning at its declaration")
    func unusedMetric() {
        let found = lint(rule("ok", quote: "体质健康优良率超过55%", target: "超过55%"))
        #expect(Set(found.map(\.code)) == ["unused-metric"])
        #expect(found.allSatisfy { $0.severity == .warning && $0.location != nil })
    }

    @Test("exit status: 0 clean, 1 findings, 2 unreadable")
    func exitStatus() {
        let clean = RulesetLinter.lint(TestRuleset.files(rules: rule("ok", quote: "体质健康优良率超过55%", target: "超过55%") + "\n" + otherMetrics, extra: ["source.txt": Self.source]))
        #expect(clean.exitStatus == .success)
        let finding = RulesetLinter.lint(TestRuleset.files(rules: rule("bad", quote: "体质健康优良率超过55%", target: ">= 55%") + "\n" + otherMetrics, extra: ["source.txt": Self.source]))
        #expect(finding.exitStatus == .targetsMissed)
        let broken = RulesetLinter.lint(TestRuleset.files(rules: "- id: [unclosed", extra: ["source.txt": Self.source]))
        #expect(broken.exitStatus == .inputError)
    }

    @Test("wording is read only next to its number", arguments: [
        ("体质健康优良率超过55%", [">"]), ("入学率保持在99%以上", [">="]), ("建成不少于50所窗口学校", [">="]),
        ("新增缔结30对以上姊妹学校", [">="]), ("区级以上骨干教师", []), ("新增学位6万个", []), ("达到70%以上", [">=", ">="]),
    ])
    func quoteWording(quote: String, comparators: [String]) {
        #expect(QuoteWording.find(in: quote).filter { $0.number != nil }.map(\.comparator.rawValue) == comparators)
    }
}

@Suite("Rule shapes the loader must not drop silently")
struct RuleShapeTests {
    func codes(_ rule: String) -> [String] {
        RulesetLoader.load(TestRuleset.files(rules: rule)).diagnostics.map(\.code)
    }

    @Test("an empty scope, an empty applies_to and unknown keys under consistency.computed are errors", arguments: [
        TestRuleset.rule("r", measure: "{ratio: {numerator: t.part, denominator: t.whole}}", target: ">= 90%", scope: "[]"),
        TestRuleset.rule("r", measure: "{ratio: {numerator: t.part, denominator: t.whole}}", target: ">= 90%", appliesTo: "[]"),
        """
        - id: k
          title: {zh: 一致, en: agrees}
          source: {section: "T", quote: "测试"}
          scope: unit
          applies_to: all
          measure: {consistency: {reported: t.rate, computed: {ratio: {numerator: t.part, denominator: t.whole, extra: 1}}}}
          severity: error
        """,
    ])
    func silentShapes(rule: String) {
        #expect(codes(rule).contains { $0 == "bad-value" || $0 == "unknown-key" }, "\(codes(rule))")
    }

    @Test("a rows filter that does not parse drops the rule instead of counting every row")
    func badRowsFilter() throws {
        let rule = TestRuleset.rule("n", measure: "{count: {rows: \"stage in [primary\"}}", target: ">= 1", scope: "[unit]")
        let loaded = RulesetLoader.load(TestRuleset.files(rules: rule))
        #expect(loaded.diagnostics.map(\.code) == ["bad-expression"])
        #expect(loaded.ruleset?.rule("n") == nil)
    }
}
