import EduCheckCore
import Testing
@testable import EduCheckReports

@Suite("Submission templates: what each unit reports, and only that")
struct SubmissionTemplateTests {
    static let builtin: Ruleset = {
        guard let ruleset = RulesetLoader.load(BuiltinRuleset.files).ruleset else { fatalError("the built-in ruleset does not load") }
        return ruleset
    }()

    static let districts = builtin.units.filter { $0.kind == .district }.map(\.code)

    /// Metrics that only the municipal level reports in gz-2025 (SPEC 7: rules that apply to `municipal`).
    static let municipalOnly = [
        "mental_health.unified_hotline", "vocational.long_programme_industry_fields",
        "vocational.municipal_bachelor_institutions", "higher_education.tech_transfer_subcentres",
        "international.new_dse_exam_centres", "safety.visitor_booking_system", "safety.command_centre",
    ]

    /// Metrics that only districts report in gz-2025 (SPEC 7: rules that apply to `districts` or to listed districts).
    static let districtOnly = [
        "arts_sports.sports_team_programmes", "arts_sports.arts_team_programmes", "family_school.district_alliance",
        "preschool.benefit_district_application", "compulsory.balanced_district_application",
        "compulsory.priority_schools", "compulsory.priority_schools_in_groups",
        "special_education.school_age_disabled_children", "special_education.enrolled_disabled_children",
    ]

    func template(_ code: String, in ruleset: Ruleset = builtin) throws -> SubmissionTemplate {
        SubmissionTemplate(ruleset: ruleset, unit: try #require(ruleset.unit(code)))
    }

    @Test("the municipal level's template has its own metrics and no district-only one")
    func municipal() throws {
        let ids = try template("440100").metrics.map(\.id)
        for id in Self.municipalOnly { #expect(ids.contains(id), "\(id)") }
        for id in Self.districtOnly { #expect(!ids.contains(id), "\(id)") }
        #expect(try template("440100").schoolFields == nil)
    }

    @Test("a district's template never lists a municipal-only metric", arguments: districts)
    func district(code: String) throws {
        let template = try template(code)
        let ids = Set(template.metrics.map(\.id))
        #expect(ids.isDisjoint(with: Self.municipalOnly))
        #expect(ids.contains("special_education.enrolled_disabled_children"))
        // Only the four districts the document names are creating preschool benefit districts.
        #expect(ids.contains("preschool.benefit_district_application") == ["440104", "440105", "440106", "440113"].contains(code))
        #expect(template.schoolHeader == "code,name,stage,ownership,backbone_teachers,students")
        #expect(template.previousMetrics.map(\.id) == ["high_school.enrolment_plan_places"])
    }

    @Test("every metric a unit-scope rule reads from the unit is in its template", arguments: builtin.units.map(\.code))
    func complete(code: String) throws {
        let template = try template(code)
        let unit = try #require(Self.builtin.unit(code))
        let ids = Set(template.metrics.map(\.id))
        for rule in Self.builtin.rules where rule.appliesTo.includes(unit) && rule.scopes.contains(.unit) {
            for id in rule.measure.metricIDs {
                #expect(ids.contains(id), "\(rule.id) reads \(id)")
            }
        }
    }

    @Test("chapters follow the ruleset's domain order, metrics their declaration order")
    func order() throws {
        let template = try template("440104")
        let domainOrder = Self.builtin.domains.map(\.id)
        let positions = template.chapters.map { chapter in domainOrder.firstIndex(of: chapter.domain) ?? .max }
        #expect(positions == positions.sorted())
        let declared = Self.builtin.metrics.map(\.id)
        for chapter in template.chapters {
            let indices = chapter.metrics.map { declared.firstIndex(of: $0.id) ?? .max }
            #expect(indices == indices.sorted())
        }
    }

    @Test("the CSV form is SPEC 3.4's long form: one row per metric, values empty, last period for previous values")
    func csv() throws {
        let template = try template("440111")
        let lines = template.csv().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "unit,period,metric,value")
        #expect(lines.last == "")
        let rows = lines.dropFirst().dropLast()
        #expect(rows.count == template.metrics.count + template.previousMetrics.count)
        #expect(rows.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 4 && $0.hasSuffix(",") && $0.hasPrefix("440111,") })
        #expect(rows.contains("440111,2024,high_school.enrolment_plan_places,"))
        #expect(rows.contains("440111,2025,high_school.enrolment_plan_places,"))
    }

    // MARK: - City scope and aggregation

    /// A city-only rule over every unit reads each metric by its aggregation: summed metrics from
    /// everyone, a `municipal` metric from the municipal level only, a `none` metric from nobody.
    static let aggregationRuleset: Ruleset = {
        let rules = ["t.summed", "t.municipal", "t.nowhere"].enumerated().map { index, metric in
            """
            - id: city-rule-\(index)
              title: {zh: 规则, en: rule}
              source: {section: "1", quote: "测试"}
              scope: city
              applies_to: all
              measure: {value: \(metric)}
              target: ">= 1"
              severity: error
            """
        }.joined(separator: "\n")
        let files: [String: String] = [
            "ruleset.yaml": "id: t\ntitle: {zh: 测试, en: Test}\nperiod: 2025\ndocument: {number: 测1号, title: {zh: 测试, en: Test}}\n",
            "units.yaml": """
            units:
              - {code: "440100", name: {zh: 市本级, en: Municipal level}, kind: municipal}
              - {code: "440104", name: {zh: 越秀区, en: Yuexiu District}, kind: district, slug: yuexiu}
            """,
            "metrics.yaml": """
            metrics:
              - {id: t.summed, name: {zh: 相加, en: summed}, type: count, aggregate: sum}
              - {id: t.municipal, name: {zh: 市本级, en: municipal}, type: count, aggregate: municipal}
              - {id: t.nowhere, name: {zh: 无汇总, en: no city figure}, type: count, aggregate: none}
            """,
            "rules/r.yaml": rules,
        ]
        let loaded = RulesetLoader.load(RulesetFiles(origin: "test", files: files.mapValues { Array($0.utf8) }))
        guard let ruleset = loaded.ruleset, loaded.diagnostics.isEmpty else { fatalError("\(loaded.diagnostics)") }
        return ruleset
    }()

    @Test("at city scope a unit reports only what the city figure is made of", arguments: [
        ("440100", ["t.summed", "t.municipal"]), ("440104", ["t.summed"]),
    ])
    func cityScope(code: String, expected: [String]) throws {
        #expect(try template(code, in: Self.aggregationRuleset).metrics.map(\.id) == expected)
    }

    @Test("a metric whose domain has no heading still appears, under its domain id")
    func undeclaredDomain() throws {
        let template = try template("440100", in: Self.aggregationRuleset)
        #expect(template.chapters.map(\.domain) == ["t"])
        #expect(template.yaml(language: .en).contains("# ── t ──"))
    }

    // MARK: - Unit lookup

    @Test("an unknown unit suggests what was probably meant", arguments: [
        ("440140", ["440100", "440104"]), ("44014", ["440104", "440114"]), ("4401044", ["440104"]),
        ("yuexiu", ["440104"]), ("越秀区", ["440104"]), ("越秀", ["440104"]), ("Yuexiu District", ["440104"]),
        ("999999", []), ("", []),
    ])
    func suggestions(given: String, expected: [String]) {
        switch SubmissionTemplate.unit(given, in: Self.builtin) {
        case .success(let unit):
            Issue.record("'\(given)' was taken as \(unit.code)")
        case .failure(let error):
            #expect(error.suggestions == expected)
            #expect(error.message.zh.contains("未知的填报单位代码"))
            #expect(error.message.en.contains("known units: 440100 Municipal level"))
            if let first = expected.first {
                #expect(error.message.en.contains("did you mean \(first)"))
            }
        }
    }

    @Test("a known code is found, with surrounding spaces ignored", arguments: ["440104", " 440104 "])
    func known(given: String) throws {
        #expect(try SubmissionTemplate.unit(given, in: Self.builtin).get().code == "440104")
    }

    @Test("one edit: a substitution, insertion, deletion or swap of neighbours, and nothing more", arguments: [
        ("440104", "440105", true), ("440104", "440140", true), ("44014", "440104", true), ("4401044", "440104", true),
        ("440104", "441014", false), ("440104", "440104", false), ("440", "440104", false), ("401404", "440104", false),
    ])
    func oneEdit(a: String, b: String, expected: Bool) {
        #expect(SubmissionTemplate.isOneEdit(Array(a), Array(b)) == expected)
    }
}
