@testable import EduCheckCore

/// A small ruleset written inline, loaded through the real loader, so evaluation tests state their
/// rule and data side by side.
enum TestRuleset {
    static let units = """
    city: {code: "440100", name: {zh: 广州市, en: Guangzhou}}
    units:
      - {code: "440100", name: {zh: 广州市本级, en: Municipal level}, kind: municipal, slug: shiben}
      - {code: "440103", name: {zh: 荔湾区, en: Liwan}, kind: district, slug: liwan}
      - {code: "440104", name: {zh: 越秀区, en: Yuexiu}, kind: district, slug: yuexiu}
      - {code: "440105", name: {zh: 海珠区, en: Haizhu}, kind: district, slug: haizhu}
      - {code: "440106", name: {zh: 天河区, en: Tianhe}, kind: district, slug: tianhe}
      - {code: "440111", name: {zh: 白云区, en: Baiyun}, kind: district, slug: baiyun}
      - {code: "440112", name: {zh: 黄埔区, en: Huangpu}, kind: district, slug: huangpu}
      - {code: "440113", name: {zh: 番禺区, en: Panyu}, kind: district, slug: panyu}
      - {code: "440114", name: {zh: 花都区, en: Huadu}, kind: district, slug: huadu}
      - {code: "440115", name: {zh: 南沙区, en: Nansha}, kind: district, slug: nansha}
      - {code: "440117", name: {zh: 从化区, en: Conghua}, kind: district, slug: conghua}
      - {code: "440118", name: {zh: 增城区, en: Zengcheng}, kind: district, slug: zengcheng}
    """

    static let districts = ["440103", "440104", "440105", "440106", "440111", "440112", "440113", "440114", "440115", "440117", "440118"]

    static let metrics = """
    domains:
      t: {zh: 测试, en: Test}
    metrics:
      - {id: t.whole, name: {zh: 总数, en: whole}, type: count, unit: {zh: 人, en: people}, aggregate: sum}
      - {id: t.part, name: {zh: 部分, en: part}, type: count, unit: {zh: 人, en: people}, aggregate: sum, at_most: t.whole}
      - {id: t.free_part, name: {zh: 未声明上限的部分, en: undeclared part}, type: count, unit: {zh: 人, en: people}, aggregate: sum}
      - {id: t.places, name: {zh: 学位, en: places}, type: count, unit: {zh: 个, en: places}, aggregate: sum}
      - {id: t.flag, name: {zh: 是否, en: flag}, type: flag, aggregate: all}
      - {id: t.city_flag, name: {zh: 市级是否, en: city flag}, type: flag, aggregate: municipal}
      - {id: t.rate, name: {zh: 填报比率, en: reported rate}, type: rate, aggregate: none}
      - {id: t.incidents, name: {zh: 事故, en: incidents}, type: count, unit: {zh: 起, en: incidents}, aggregate: sum}
    """

    static func rule(_ id: String, measure: String, target: String?, scope: String = "[unit, city]", appliesTo: String = "districts", severity: String = "error") -> String {
        """
        - id: \(id)
          title: {zh: 测试规则 \(id), en: test rule \(id)}
          source: {section: "T 1", quote: "测试"}
          scope: \(scope)
          applies_to: \(appliesTo)
          measure: \(measure)
        \(target.map { "  target: \"\($0)\"" } ?? "")
          severity: \(severity)
        """
    }

    static func files(rules: String, extra: [String: String] = [:]) -> RulesetFiles {
        var files: [String: [UInt8]] = [
            "ruleset.yaml": Array("""
            id: test
            title: {zh: 测试规则集, en: Test ruleset}
            period: 2025
            document: {number: 测〔2025〕1号, title: {zh: 测试文件, en: Test document}, text: source.txt}
            """.utf8),
            "units.yaml": Array(units.utf8),
            "metrics.yaml": Array(metrics.utf8),
            "rules/rules.yaml": Array(rules.utf8),
            "source.txt": Array("测试".utf8),
        ]
        for (path, text) in extra { files[path] = Array(text.utf8) }
        return RulesetFiles(origin: "test", files: files)
    }

    /// Loads the ruleset, failing the calling test on any diagnostic.
    static func load(rules: String) throws -> Ruleset {
        let result = RulesetLoader.load(files(rules: rules))
        guard result.diagnostics.isEmpty, let ruleset = result.ruleset else {
            throw LoadFailure(diagnostics: result.diagnostics)
        }
        return ruleset
    }

    struct LoadFailure: Error, CustomStringConvertible {
        var diagnostics: [Diagnostic]
        var description: String {
            diagnostics.map { "\($0.location.map(\.description) ?? "-"): [\($0.code)] \($0.message.en)" }.joined(separator: "\n")
        }
    }

    /// Reads a submission written as YAML.
    static func submission(_ yaml: String, ruleset: Ruleset, path: String = "sub.yaml") -> (Submission?, [Diagnostic]) {
        let read = YAMLReader.read(Array(yaml.utf8), path: path)
        guard let root = read.root else { return (nil, read.diagnostics) }
        let result = SubmissionLoader.read(root, path: path, ruleset: ruleset)
        return (result.submission, read.diagnostics + result.diagnostics)
    }

    /// A submission of the given metric values (YAML text values) for a unit.
    static func submission(unit: String, _ metrics: [String: String], ruleset: Ruleset, extra: String = "") throws -> Submission {
        let body = metrics.keys.sorted().map { "  \($0): \(metrics[$0]!)" }.joined(separator: "\n")
        let yaml = "unit: \"\(unit)\"\nperiod: 2025\nmetrics:\n\(body.isEmpty ? "  {}" : body)\n\(extra)"
        let (submission, diagnostics) = submission(yaml, ruleset: ruleset, path: "\(unit).yaml")
        guard let submission else { throw LoadFailure(diagnostics: diagnostics) }
        return submission
    }

    static func evaluate(_ ruleset: Ruleset, _ submissions: [Submission], city: Bool = false, waivers: [Waiver] = [], asOf: CalendarDate = CalendarDate(year: 2025, month: 6, day: 30)) -> (results: [Outcome], diagnostics: [Diagnostic]) {
        Evaluator(ruleset: ruleset, options: .init(city: city, asOf: asOf)).evaluate(submissions, waivers: waivers)
    }
}

extension [Outcome] {
    func result(_ rule: String, unit: String, scope: Rule.Scope = .unit) -> Outcome? {
        first { $0.rule == rule && $0.unit == unit && $0.scope == scope }
    }
}
