import Testing
@testable import EduCheckCore

@Suite("Metrics CSV: long and wide form, one submission per unit, every mistake located")
struct MetricsCSVLoaderTests {
    let ruleset: Ruleset

    init() throws {
        ruleset = try TestRuleset.load(rules: TestRuleset.rule("r", measure: "{ratio: {numerator: t.part, denominator: t.whole}}", target: ">= 99%"))
    }

    func load(_ text: String) throws -> MetricsCSVLoader.Result {
        guard case .success(let table) = CSVReader.read(Array(text.utf8), path: "m.csv") else {
            throw TestRuleset.LoadFailure(diagnostics: [])
        }
        return MetricsCSVLoader.load(table, path: "m.csv", ruleset: ruleset)
    }

    func submission(_ result: MetricsCSVLoader.Result, _ unit: String) -> Submission? {
        result.submissions.first { $0.submission.unit == unit }?.submission
    }

    func errors(_ result: MetricsCSVLoader.Result) -> [String] {
        result.diagnostics.filter { $0.severity == .error }.map(\.code)
    }

    @Test("long form: many units in one file; last period's rows are `previous`; cells keep their place")
    func longForm() throws {
        let result = try load("""
        unit,period,metric,value
        440104,2025,t.whole,"1,520"
        440104,2025,t.part,1506
        440105,2025,t.whole,１０００
        440104,2024,t.places,80416
        440105,2025,t.flag,是
        """)
        #expect(errors(result).isEmpty)
        #expect(result.submissions.map(\.submission.unit) == ["440104", "440105"])
        let yuexiu = try #require(submission(result, "440104"))
        #expect(yuexiu.metrics["t.whole"]?.number == Rational(1520))
        #expect(yuexiu.metrics["t.whole"]?.location == SourceLocation(path: "m.csv", line: 2, column: 21))
        #expect(yuexiu.previousPeriod == 2024)
        #expect(yuexiu.previous["t.places"]?.number == Rational(80416))
        let haizhu = try #require(submission(result, "440105"))
        #expect(haizhu.metrics["t.whole"]?.number == Rational(1000))
        #expect(haizhu.metrics["t.flag"]?.flag == true)
        #expect(haizhu.previousPeriod == nil)
        #expect(result.submissions[1].unitLocation == SourceLocation(path: "m.csv", line: 4, column: 1))
        let notes = result.diagnostics.filter { $0.severity == .info }.map(\.code).sorted()
        #expect(notes == ["normalized-flag", "normalized-full-width", "normalized-thousands"])
    }

    @Test("wide form: one row per unit, metric ids in the header, blanks not reported")
    func wideForm() throws {
        let result = try load("""
        unit,period,t.whole,t.part,t.flag
        440104,2025,"1,520",1506,是
        440105,2025,1000,,否
        440105,2024,900,,
        """)
        #expect(errors(result).isEmpty)
        let haizhu = try #require(submission(result, "440105"))
        #expect(haizhu.metrics["t.part"] == nil)
        #expect(haizhu.metrics["t.flag"]?.flag == false)
        #expect(haizhu.previous["t.whole"]?.number == Rational(900))
        #expect(haizhu.metrics["t.whole"]?.location == SourceLocation(path: "m.csv", line: 3, column: 13))
    }

    @Test("what Excel does to values is refused, located at the cell and naming the column", arguments: [
        ("80%", "wrong-type", "percent"), ("1520.5", "wrong-type", "whole number"), ("1.10101E+17", "wrong-type", "scientific"), ("-3", "negative-count", "negative"),
    ])
    func refusedValues(value: String, code: String, words: String) throws {
        let result = try load("unit,period,t.whole\n440104,2025,\(value)\n")
        let diagnostic = try #require(result.diagnostics.first { $0.code == code })
        #expect(diagnostic.location == SourceLocation(path: "m.csv", line: 2, column: 13))
        #expect(diagnostic.message.en.contains("t.whole"))
        #expect(diagnostic.message.en.contains(words))
        guard case .invalid = submission(result, "440104")?.metrics["t.whole"]?.content else {
            Issue.record("\(value) should make the value invalid")
            return
        }
    }

    @Test("unit codes a spreadsheet mangled are refused as such", arguments: [
        ("4.40104E+5", "mangled-code"), ("440104.0", "mangled-code"), ("44010", "mangled-code"), ("440199", "unknown-unit"), ("", "missing-value"),
    ])
    func mangledUnitCodes(code: String, expected: String) throws {
        let result = try load("unit,period,metric,value\n\(code),2025,t.whole,1\n")
        #expect(errors(result) == [expected])
        #expect(result.submissions.isEmpty)
        #expect(result.diagnostics.first?.location == SourceLocation(path: "m.csv", line: 2, column: 1))
        #expect(result.diagnostics.first?.message.en.contains("'unit'") == true)
    }

    @Test("a row with the wrong number of fields is refused at the first extra field or where a missing one would start")
    func fieldCount() throws {
        let result = try load("unit,period,metric,value\n440104,2025,t.whole\n440104,2025,t.part,1,2\n")
        let found = result.diagnostics.filter { $0.code == "csv-field-count" }
        #expect(found.map(\.location) == [SourceLocation(path: "m.csv", line: 2, column: 20), SourceLocation(path: "m.csv", line: 3, column: 22)])
        #expect(found[0].message.en.contains("column 'value'"))
        #expect(found[1].message.en.contains("after column 'value'"))
        #expect(submission(result, "440104") == nil)
    }

    @Test("unknown metric ids have a did-you-mean, in the long form's cell and in the wide form's header")
    func unknownMetrics() throws {
        let long = try load("unit,period,metric,value\n440104,2025,t.wholee,1\n")
        #expect(long.diagnostics.first?.message.en.contains("did you mean t.whole?") == true)
        #expect(long.diagnostics.first?.location?.column == 13)
        let wide = try load("unit,period,t.wholee,t.part\n440104,2025,1,1\n")
        #expect(errors(wide) == ["unknown-metric"])
        #expect(wide.diagnostics.first?.location == SourceLocation(path: "m.csv", line: 1, column: 13))
        #expect(submission(wide, "440104")?.metrics.keys.sorted() == ["t.part"])
    }

    @Test("the same value twice, the same unit twice, a period that is neither this one nor the last")
    func duplicatesAndPeriods() throws {
        let twice = try load("unit,period,metric,value\n440104,2025,t.whole,1\n440104,2025,t.whole,2\n")
        #expect(errors(twice) == ["duplicate-metric"])
        #expect(submission(twice, "440104")?.metrics["t.whole"]?.number == Rational(1))
        let rows = try load("unit,period,t.whole\n440104,2025,1\n440104,2025,2\n")
        #expect(errors(rows) == ["duplicate-submission"])
        let period = try load("unit,period,t.whole\n440104,2023,1\n440105,２０２５,1\n440106,2025.5,1\n")
        #expect(errors(period) == ["period-mismatch", "wrong-type"])
        #expect(period.submissions.map(\.submission.unit) == ["440105"])
    }

    @Test("constraints of the data dictionary apply as in YAML: a part larger than its whole is invalid")
    func constraints() throws {
        let result = try load("unit,period,t.whole,t.part\n440104,2025,10,11\n")
        #expect(result.diagnostics.map(\.code) == ["part-exceeds-whole"])
        guard case .invalid = submission(result, "440104")?.metrics["t.part"]?.content else {
            Issue.record("t.part should be invalid")
            return
        }
    }

    @Test("beyond 200 errors or 200 notes in one file, the rest are folded into one with a count")
    func capped() throws {
        var text = "unit,period,metric,value\n440104,2025,t.whole,\"1,000\"\n"
        for _ in 0..<300 { text += "440104,2025,t.whole,\"1,000\"\n" }
        let result = try load(text)
        let codes = result.diagnostics.map(\.code)
        #expect(codes.filter { $0 == "duplicate-metric" }.count == 200)
        #expect(codes.filter { $0 == "normalized-thousands" }.count == 200)
        let folded = try #require(result.diagnostics.first { $0.code == "too-many-errors" })
        #expect(folded.message.en.contains("100 more"))
        #expect(folded.location?.line == 203)
        #expect(result.diagnostics.first { $0.code == "too-many-notes" }?.severity == .info)
    }

    @Test("headers are recognised by their first two columns; extra long-form columns are ignored with a note")
    func headers() throws {
        let read = { (text: String) -> CSVTable.Record? in
            guard case .success(let table) = CSVReader.read(Array(text.utf8), path: "m.csv") else { return nil }
            return table.header
        }
        #expect(MetricsCSVLoader.isMetricsHeader(read(" Unit , PERIOD ,x\n")))
        #expect(!MetricsCSVLoader.isMetricsHeader(read("code,name,stage\n")))
        #expect(!MetricsCSVLoader.isMetricsHeader(read("unit\n")))
        let described = try load("unit,period,metric,value,说明\n440104,2025,t.whole,1,总数\n")
        #expect(described.diagnostics.map(\.code) == ["ignored-column"])
        #expect(described.diagnostics.first?.severity == .info)
    }

    @Test("a national ruleset: 20,000 unit codes in applies_to, the units a rule names and 20,000 metrics-CSV records are each looked up, not searched for")
    func manyUnits() throws {
        let codes = (0..<20_000).map { String(100_000 + $0) }
        var units = "city: {code: \"440100\", name: {zh: 全国, en: Nation}}\nunits:\n"
        for code in codes { units += "  - {code: \"\(code)\", name: {zh: 县\(code), en: County \(code)}, kind: district, slug: c\(code)}\n" }
        let list = "[" + codes.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        let rules = TestRuleset.rule("r", measure: "{value: t.whole}", target: ">= 1", scope: "[unit]", appliesTo: list)
        let clock = ContinuousClock()
        var csv = "unit,period,t.whole\n"
        for code in codes { csv += "\(code),2025,1\n" }
        var loaded: MetricsCSVLoader.Result?
        let elapsed = try clock.measure {
            let result = RulesetLoader.load(TestRuleset.files(rules: rules, extra: ["units.yaml": units]))
            let national = try #require(result.ruleset, "\(result.diagnostics.map(\.message.en))")
            #expect(national.rules.first?.appliesTo == .units(UnitCodes(codes)))
            // Every unit asks whether the rule names it: looked up, not searched for.
            #expect(try national.units(for: #require(national.rules.first)).count == 20_000)
            guard case .success(let table) = CSVReader.read(Array(csv.utf8), path: "m.csv") else { return }
            loaded = MetricsCSVLoader.load(table, path: "m.csv", ruleset: national)
        }
        #expect(loaded?.submissions.count == 20_000)
        #expect(loaded?.diagnostics.isEmpty == true)
        // A scan of the unit list per code is 20,000 × 20,000 string comparisons for each of the
        // three: well over this in a debug build, where the lookups take well under a second.
        #expect(elapsed < .seconds(8))
    }
}
