import EduCheckCore
import Foundation
import Testing

@Suite("educheck template, end to end")
struct TemplateCommandTests {
    static let ruleset = TemplateFilling.builtin
    static let units = ruleset.units.map(\.code)

    /// Runs `educheck check` on files and returns its JSON report.
    func check(_ paths: [String], city: Bool = false) throws -> (status: Int32, report: [String: Any]) {
        let run = try CLI.run(["check"] + paths + (city ? ["--city"] : []) + ["--format", "json", "--as-of", "2025-11-30"])
        return (run.status, try run.json())
    }

    func template(_ code: String, _ extra: [String] = []) throws -> String {
        let run = try CLI.run(["template", "--unit", code] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        return run.output
    }

    @Test("a filled-in template checks with no diagnostics at all, and no target it serves is missing", arguments: units)
    func filledIn(code: String) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("\(code).yaml")
        let filled = TemplateFilling.fill(try template(code))
        #expect(!filled.contains(": ~"))
        try filled.write(to: file, atomically: true, encoding: .utf8)

        let (status, report) = try check([file.path])
        let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0["message_en"] ?? "" })")
        #expect(status == 0 || status == 1)
        let results = try #require(report["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for result in results where result["scope"] as? String == "unit" {
            let status = result["status"] as? String ?? "?"
            #expect(status != "missing" && status != "invalid", "\(result["rule"] ?? "") is \(status)")
        }
    }

    @Test("all twelve filled-in templates together leave no city-level target missing")
    func cityComplete() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for code in Self.units {
            try TemplateFilling.fill(try template(code)).write(to: directory.appendingPathComponent("\(code).yaml"), atomically: true, encoding: .utf8)
        }
        let (_, report) = try check([directory.path], city: true)
        #expect((report["diagnostics"] as? [Any])?.isEmpty == true)
        let results = try #require(report["results"] as? [[String: Any]])
        let city = results.filter { $0["scope"] as? String == "city" }
        #expect(Set(city.compactMap { $0["rule"] as? String }) == Set(Self.ruleset.rules.filter { $0.scopes.contains(.city) }.map(\.id)))
        for result in city {
            let status = result["status"] as? String ?? "?"
            #expect(status != "missing" && status != "invalid", "\(result["rule"] ?? "") is \(status): \(result["reasons"] ?? "")")
        }
    }

    @Test("an untouched template is a valid submission: no diagnostics, its targets missing")
    func untouched() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("440105.yaml")
        try template("440105").write(to: file, atomically: true, encoding: .utf8)
        let (status, report) = try check([file.path])
        #expect(status == 1)
        #expect((report["diagnostics"] as? [Any])?.isEmpty == true)
        let results = try #require(report["results"] as? [[String: Any]])
        let unitResults = results.filter { $0["scope"] as? String == "unit" && $0["status"] as? String != "not_applicable" }
        #expect(!unitResults.isEmpty)
        #expect(unitResults.allSatisfy { $0["status"] as? String == "missing" })
    }

    @Test("440100's template lists only metrics that apply to the municipal level")
    func municipal() throws {
        let keys = TemplateFilling.metricKeys(try template("440100"))
        let municipal = try #require(Self.ruleset.unit("440100"))
        let applying = Set(Self.ruleset.rules.filter { $0.appliesTo.includes(municipal) }.flatMap(\.measure.metricIDs))
        #expect(!keys.isEmpty)
        for key in keys { #expect(applying.contains(key), "\(key) does not apply to 440100") }
        #expect(keys.contains("safety.command_centre"))
        #expect(!keys.contains("special_education.school_age_disabled_children"))
    }

    @Test("a district's template never lists a municipal-only metric", arguments: ruleset.units.filter { $0.kind == .district }.map(\.code))
    func district(code: String) throws {
        let keys = Set(TemplateFilling.metricKeys(try template(code)))
        let municipalOnly = Self.ruleset.metrics.map(\.id).filter { id in
            let readers = Self.ruleset.rules.filter { $0.measure.metricIDs.contains(id) }
            return !readers.isEmpty && readers.allSatisfy { $0.appliesTo == .municipal }
        }
        #expect(municipalOnly.count == 7)
        #expect(keys.isDisjoint(with: municipalOnly))
        #expect(keys.contains("special_education.enrolled_disabled_children"))
    }

    @Test("the output is byte-identical from run to run, in both formats", arguments: ["yaml", "csv"])
    func deterministic(format: String) throws {
        let first = try CLI.run(["template", "--unit", "440113", "--format", format])
        let second = try CLI.run(["template", "--unit", "440113", "--format", format])
        #expect(first.status == 0)
        #expect(!first.stdout.isEmpty)
        #expect(first.stdout == second.stdout)
    }

    @Test("--rules DIR with the built-in ruleset's folder gives the built-in template")
    func rulesFolder() throws {
        #expect(try template("440104", ["--rules", "Rules/gz-2025"]) == template("440104"))
    }

    @Test("the CSV form is the long form, and school rows are pointed to on standard error")
    func csv() throws {
        let run = try CLI.run(["template", "--unit", "440104", "--format", "csv"])
        #expect(run.status == 0)
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "unit,period,metric,value")
        #expect(lines.contains("440104,2025,special_education.enrolled_disabled_children,"))
        #expect(lines.contains("440104,2024,high_school.enrolment_plan_places,"))
        #expect(run.stderr.contains("code,name,stage,ownership,backbone_teachers,students"))
        let keys = TemplateFilling.metricKeys(try template("440104"))
        #expect(lines.dropFirst().map { $0.split(separator: ",")[2] }.map(String.init) == keys)
    }

    @Test("the instructions follow --lang; names are always in both languages")
    func language() throws {
        let english = try template("440104", ["--lang", "en"])
        #expect(english.hasPrefix("# Submission template: Yuexiu District (440104), 2025\n"))
        #expect(english.contains("# 适龄残疾儿童数 · School-age children with disabilities（人 · children）"))
        let chinese = try template("440104")
        #expect(chinese.hasPrefix("# 越秀区（440104）2025年数据填报模板\n"))
        #expect(chinese.contains("# 适龄残疾儿童数 · School-age children with disabilities（人 · children）"))
    }

    @Test("an unknown unit is a usage error with a did-you-mean", arguments: [
        ("440140", "440104"), ("yuexiu", "440104"), ("440018", "440118"),
    ])
    func unknownUnit(given: String, suggested: String) throws {
        let run = try CLI.run(["template", "--unit", given])
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("did you mean") && run.stderr.contains(suggested))
        #expect(run.stderr.contains("是否应为"))
    }

    @Test("bad usage exits 64", arguments: [["template"], ["template", "--unit", "440104", "--format", "xlsx"], ["template", "--unit", "440104", "--lang", "fr"]])
    func usage(arguments: [String]) throws {
        #expect(try CLI.run(arguments).status == 64)
    }

    @Test("a ruleset with errors gives neither template nor schema, and exits 2")
    func brokenRuleset() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = CLI.repositoryRoot.appendingPathComponent("Rules/gz-2025")
        for item in ["ruleset.yaml", "units.yaml", "metrics.yaml", "source.txt", "rules"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(item), to: directory.appendingPathComponent(item))
        }
        // A rule that reads a metric nobody reports would otherwise vanish from the template unnoticed.
        try """
        - id: broken
          title: {zh: 坏规则, en: broken rule}
          source: {section: "1", quote: "测试"}
          scope: unit
          measure: {value: special_education.no_such_metric}
          target: ">= 1"
          severity: error
        """.write(to: directory.appendingPathComponent("rules/99-broken.yaml"), atomically: true, encoding: .utf8)
        for arguments in [["template", "--unit", "440104"], ["schema", "submission"]] {
            let run = try CLI.run(arguments + ["--rules", directory.path])
            #expect(run.status == 2)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("unknown-metric"))
        }
    }
}
