/// Decides every rule for every applicable unit, and for the city when asked.
public struct Evaluator: Sendable {
    public struct Options: Hashable, Sendable {
        /// Evaluate city-scope rules on the aggregate of the units.
        public var city: Bool
        /// The day waivers are judged against.
        public var asOf: CalendarDate

        public init(city: Bool, asOf: CalendarDate) {
            self.city = city
            self.asOf = asOf
        }
    }

    public let ruleset: Ruleset
    public let options: Options

    public init(ruleset: Ruleset, options: Options) {
        self.ruleset = ruleset
        self.options = options
    }

    /// One submission per unit (the caller reports duplicates); waivers already checked against
    /// the ruleset. Results come sorted: by unit code, rules in ruleset order, the city last.
    public func evaluate(_ submissions: [Submission], waivers: [Waiver]) -> (results: [Outcome], diagnostics: [Diagnostic]) {
        let byUnit = Dictionary(submissions.map { ($0.unit, $0) }, uniquingKeysWith: { first, _ in first })
        var results: [Outcome] = []
        var diagnostics: [Diagnostic] = []

        for unit in ruleset.units {
            guard let submission = byUnit[unit.code] else { continue }
            for rule in ruleset.rules where rule.scopes.contains(.unit) {
                guard rule.appliesTo.includes(unit) else {
                    results.append(Outcome(
                        rule: rule.id, unit: unit.code, scope: .unit, status: .notApplicable, severity: rule.severity,
                        target: rule.target,
                        reasons: [LocalizedText(zh: "本规则不适用于\(unit.name.zh)", en: "the rule does not apply to \(unit.name.en)")]))
                    continue
                }
                let (outcome, found) = judge(rule, scope: .unit, outcomeUnit: unit.code, inputs: [(unit, submission)])
                results.append(outcome)
                diagnostics.append(contentsOf: found)
            }
        }

        if options.city {
            for rule in ruleset.rules where rule.scopes.contains(.city) {
                let inputs = ruleset.units(for: rule).map { ($0, byUnit[$0.code]) }
                let (outcome, found) = judge(rule, scope: .city, outcomeUnit: ruleset.city.code, inputs: inputs)
                results.append(outcome)
                diagnostics.append(contentsOf: found)
            }
        }

        diagnostics.append(contentsOf: apply(waivers, to: &results))
        return (results, diagnostics)
    }

    // MARK: - Waivers

    /// Turns failing results covered by a valid waiver into `waived`, and reports waivers that are
    /// expired or were not needed.
    private func apply(_ waivers: [Waiver], to results: inout [Outcome]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var index: [String: [Int]] = [:]
        for (position, result) in results.enumerated() {
            index[result.rule + "\u{0}" + result.unit, default: []].append(position)
        }
        for waiver in waivers {
            let positions = index[waiver.rule + "\u{0}" + waiver.unit] ?? []
            let failing = positions.filter { results[$0].status == .fail }
            guard waiver.isValid(on: options.asOf) else {
                diagnostics.append(.warning(
                    "waiver-expired",
                    zh: "\(waiver.rule) × \(waiver.unit) 的豁免（\(waiver.document)）已于 \(waiver.expires) 到期，未予适用",
                    en: "the waiver for \(waiver.rule) × \(waiver.unit) (\(waiver.document)) expired on \(waiver.expires) and was not applied",
                    at: waiver.location))
                continue
            }
            if failing.isEmpty {
                diagnostics.append(.warning(
                    "waiver-unused",
                    zh: "\(waiver.rule) × \(waiver.unit) 的豁免（\(waiver.document)）未被使用：该项没有未达标的结果",
                    en: "the waiver for \(waiver.rule) × \(waiver.unit) (\(waiver.document)) was not used: there is no failing result for it",
                    at: waiver.location))
                continue
            }
            for position in failing {
                results[position].status = .waived
                results[position].waiver = waiver
            }
        }
        return diagnostics
    }
}
