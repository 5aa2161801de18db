import EduCheckCore

/// Fills in a YAML template the way a clerk would: a plausible value of each metric's type in
/// place of every `~`, the commented notes example switched on, and one school row when the
/// template has a schools section.
enum TemplateFilling {
    static let builtin: Ruleset = {
        guard let ruleset = RulesetLoader.load(BuiltinRuleset.files).ruleset else { fatalError("the built-in ruleset does not load") }
        return ruleset
    }()

    /// A value of the metric's type. Parts are 90 of wholes of 100, and a reported rate says
    /// 90.00%, so nothing is inconsistent.
    static func value(_ metric: Metric) -> String {
        switch metric.kind {
        case .count: metric.atMost == nil ? "100" : "90"
        case .amount: "12.5"
        case .rate: "\"90.00%\""
        case .flag: "true"
        case .text: "已填写"
        }
    }

    static func fill(_ template: String, ruleset: Ruleset = builtin) -> String {
        var out: [String] = []
        var uncommenting = false
        for line in template.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line == "# notes:" || line == "# schools:" {
                out.append(String(line.dropFirst(2)))
                uncommenting = true
                continue
            }
            if uncommenting, line.hasPrefix("#   ") {
                // The example school row: every field left blank becomes a number.
                out.append(String(line.dropFirst(2)).replacingOccurrences(of: ": ~", with: ": 100"))
                continue
            }
            uncommenting = false
            out.append(fillMetric(line, ruleset: ruleset))
        }
        return out.joined(separator: "\n")
    }

    /// `  some.metric: ~   # hint` with the value put in.
    private static func fillMetric(_ line: String, ruleset: Ruleset) -> String {
        let trimmed = line.drop { $0 == " " }
        guard !trimmed.hasPrefix("#"), let colon = trimmed.range(of: ": ~") else { return line }
        let id = String(trimmed[..<colon.lowerBound])
        guard let metric = ruleset.metric(id) else { return line }
        let indent = String(repeating: " ", count: line.count - trimmed.count)
        return indent + id + ": " + value(metric) + trimmed[colon.upperBound...]
    }

    /// The metric ids a YAML template lists (this period's and last period's).
    static func metricKeys(_ template: String) -> [String] {
        template.split(separator: "\n").compactMap { line in
            let trimmed = line.drop { $0 == " " }
            guard !trimmed.hasPrefix("#"), let colon = trimmed.range(of: ": ~") else { return nil }
            return String(trimmed[..<colon.lowerBound])
        }
    }
}
