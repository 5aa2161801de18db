/// One of a ruleset's own tests (`cases/<rule-id>/<name>.yaml`): small submissions and the statuses
/// they must produce. Like `conftest verify`, a ruleset carries the proof that its rules say what
/// their authors meant.
public struct RulesetCase: Sendable {
    public struct Expectation: Sendable {
        public var rule: String
        public var unit: String
        public var scope: Rule.Scope
        public var status: Outcome.Status
        public var gap: Rational?
        public var location: SourceLocation
    }

    /// One expectation that did not hold.
    public struct Failure: Sendable {
        public var expectation: Expectation
        public var actual: Outcome?
        public var message: LocalizedText
    }

    public var path: String
    public var description: LocalizedText?
    public var submissions: [Submission]
    public var waivers: [Waiver]
    public var asOf: CalendarDate
    public var city: Bool
    public var expectations: [Expectation]

    /// Runs the case and returns the expectations that failed (empty when it passes).
    public func run(on ruleset: Ruleset) -> [Failure] {
        let evaluator = Evaluator(ruleset: ruleset, options: Evaluator.Options(city: city, asOf: asOf))
        let results = evaluator.evaluate(submissions, waivers: waivers).results
        var failures: [Failure] = []
        for expectation in expectations {
            let actual = results.first { $0.rule == expectation.rule && $0.unit == expectation.unit && $0.scope == expectation.scope }
            guard let actual else {
                failures.append(Failure(expectation: expectation, actual: nil, message: LocalizedText(
                    zh: "没有 \(expectation.rule) × \(expectation.unit)（\(expectation.scope.rawValue)）的结果",
                    en: "no result for \(expectation.rule) × \(expectation.unit) (\(expectation.scope.rawValue))")))
                continue
            }
            if actual.status != expectation.status {
                failures.append(Failure(expectation: expectation, actual: actual, message: LocalizedText(
                    zh: "应为 \(expectation.status.rawValue)，实际为 \(actual.status.rawValue)",
                    en: "expected \(expectation.status.rawValue), got \(actual.status.rawValue)")))
            } else if let gap = expectation.gap, actual.gap != gap {
                failures.append(Failure(expectation: expectation, actual: actual, message: LocalizedText(
                    zh: "差距应为 \(gap)，实际为 \(actual.gap.map(\.description) ?? "无")",
                    en: "expected a gap of \(gap), got \(actual.gap.map(\.description) ?? "none")")))
            }
        }
        return failures
    }

    // MARK: - Loading

    /// Every case of a ruleset, in path order, with the diagnostics of cases that could not be read.
    public static func load(from files: RulesetFiles, ruleset: Ruleset) -> (cases: [RulesetCase], diagnostics: [Diagnostic]) {
        var cases: [RulesetCase] = []
        var diagnostics: [Diagnostic] = []
        for relative in files.files.keys.sorted() where relative.hasPrefix("cases/") && (relative.hasSuffix(".yaml") || relative.hasSuffix(".yml")) {
            let path = files.displayPath(relative)
            let read = YAMLReader.read(files.files[relative]!, path: path)
            diagnostics.append(contentsOf: read.diagnostics)
            guard let root = read.root else { continue }
            var reader = DocumentReader(path: path)
            if let loaded = parse(root, &reader, ruleset: ruleset) { cases.append(loaded) }
            diagnostics.append(contentsOf: reader.diagnostics)
        }
        return (cases, diagnostics)
    }

    /// Diagnostics that bad values in a case's data draw by design.
    static let expectedDataCodes: Set<String> = [
        "negative-count", "wrong-type", "part-exceeds-whole", "below-minimum", "ambiguous-flag",
        "normalized-flag", "normalized-full-width", "normalized-thousands",
    ]

    static func parse(_ root: YAMLNode, _ reader: inout DocumentReader, ruleset: Ruleset) -> RulesetCase? {
        guard let fields = reader.mapping(root, "case") else { return nil }
        reader.checkKeys(fields, allowed: ["description", "as_of", "city", "submissions", "waivers", "expect"], in: "case")
        let description = root["description"].flatMap { reader.localized($0, "description") }
        let asOf = root["as_of"].flatMap { reader.date($0, "as_of") } ?? CalendarDate(year: ruleset.period, month: 12, day: 31)
        var city = false
        if let node = root["city"], let text = reader.text(node, "city") {
            guard text == "true" || text == "false" else {
                reader.error("wrong-type", zh: "city 应为 true 或 false", en: "city must be true or false", at: node.mark)
                return nil
            }
            city = text == "true"
        }
        var submissions: [Submission] = []
        if let list = reader.required("submissions", in: fields, at: root.mark, "case").flatMap({ reader.sequence($0, "submissions") }) {
            for node in list {
                // A case's data may be bad on purpose (that is what an `invalid` case tests), so
                // problems with values are expected; anything else about the data is a mistake
                // in the case and is reported.
                var data = DocumentReader(path: reader.path)
                if let submission = SubmissionLoader.read(node, &data, ruleset: ruleset) { submissions.append(submission) }
                for diagnostic in data.diagnostics where !expectedDataCodes.contains(diagnostic.code) {
                    reader.report(diagnostic)
                }
            }
        }
        let waivers = root["waivers"].map { WaiverLoader.readWaivers($0, &reader, ruleset: ruleset) } ?? []
        var expectations: [Expectation] = []
        if let list = reader.required("expect", in: fields, at: root.mark, "case").flatMap({ reader.sequence($0, "expect") }) {
            for node in list {
                guard let entries = reader.mapping(node, "expect") else { continue }
                reader.checkKeys(entries, allowed: ["rule", "unit", "scope", "status", "gap"], in: "expect")
                guard let ruleNode = reader.required("rule", in: entries, at: node.mark, "expect"), let rule = reader.text(ruleNode, "rule"),
                      let statusNode = reader.required("status", in: entries, at: node.mark, "expect"), let statusText = reader.text(statusNode, "status")
                else { continue }
                guard ruleset.rule(rule) != nil else {
                    let tail = Suggestion.tail(for: rule, in: ruleset.rules.map(\.id))
                    reader.error("unknown-rule", zh: "未知规则 “\(rule)”\(tail.zh)", en: "unknown rule '\(rule)'\(tail.en)", at: ruleNode.mark)
                    continue
                }
                guard let status = Outcome.Status(rawValue: statusText) else {
                    reader.error("bad-value", zh: "未知状态 “\(statusText)”", en: "unknown status '\(statusText)'", at: statusNode.mark)
                    continue
                }
                var scope = Rule.Scope.unit
                if let scopeNode = node["scope"], let text = reader.text(scopeNode, "scope") {
                    guard let value = Rule.Scope(rawValue: text) else {
                        reader.error("bad-value", zh: "scope 应为 unit 或 city", en: "scope must be unit or city", at: scopeNode.mark)
                        continue
                    }
                    scope = value
                }
                var unit: String
                if let unitNode = node["unit"] {
                    guard let code = reader.unitCode(unitNode, "unit", known: UnitCodes(ruleset.units.map(\.code) + [ruleset.city.code])) else { continue }
                    unit = code
                } else if scope == .city {
                    unit = ruleset.city.code
                } else if submissions.count == 1 {
                    unit = submissions[0].unit
                } else {
                    reader.error("missing-key", zh: "有多份填报时 expect 须写明 unit", en: "with several submissions an expectation needs a unit", at: node.mark)
                    continue
                }
                if node["scope"] == nil && unit == ruleset.city.code && node["unit"] != nil && submissions.allSatisfy({ $0.unit != unit }) {
                    scope = .city
                }
                var gap: Rational?
                if let gapNode = node["gap"], let text = reader.text(gapNode, "gap") {
                    guard let parsed = NumberSyntax.parse(text) else {
                        reader.error("wrong-type", zh: "gap 应为数字", en: "gap must be a number", at: gapNode.mark)
                        continue
                    }
                    gap = parsed.value
                }
                expectations.append(Expectation(rule: rule, unit: unit, scope: scope, status: status, gap: gap, location: reader.location(node.mark)))
            }
        }
        if expectations.isEmpty {
            reader.error("empty-case", zh: "用例没有任何 expect", en: "the case expects nothing", at: root.mark)
        }
        return RulesetCase(path: reader.path, description: description, submissions: submissions, waivers: waivers, asOf: asOf, city: city, expectations: expectations)
    }
}
