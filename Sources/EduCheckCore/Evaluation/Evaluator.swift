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
        return combine(ruleset.units.compactMap { byUnit[$0.code] }.map(evaluateUnit), waivers: waivers)
    }

    /// The run's results from its evaluated units (in unit order): theirs, the city's when
    /// `options.city` (its rules decided `jobs` at a time), then the waivers applied.
    public func combine(_ units: [UnitEvaluation], waivers: [Waiver], jobs: Int = 1) -> (results: [Outcome], diagnostics: [Diagnostic]) {
        // Made at their final size: growing a list of 66,000 results showed on the run's one core.
        var results: [Outcome] = []
        results.reserveCapacity(units.reduce(0) { $0 + $1.results.count } + (options.city ? ruleset.rules.count : 0))
        for index in units.indices { results += units[index].results }
        var diagnostics = units.flatMap(\.diagnostics)
        if options.city {
            let city = evaluateCity(units, jobs: jobs)
            results += city.results
            diagnostics += city.diagnostics
        }
        diagnostics += apply(waivers, to: &results)
        return (results, diagnostics)
    }

    /// What one unit's submission comes to: its own results, and its part of every city figure
    /// that is built from school rows, so that the rows can be let go once the unit is done.
    public struct UnitEvaluation: Sendable {
        public var unit: String
        /// Unit-scope results, in ruleset order.
        public var results: [Outcome]
        public var diagnostics: [Diagnostic]
        /// The submission without its school rows.
        public var submission: Submission
        /// By rule id: the unit's measured part of a city-scope rule over school rows.
        var rowContributions: [String: Measured]
    }

    /// Evaluates one unit on its own. Units are independent, so callers may run this in parallel.
    public func evaluateUnit(_ submission: Submission) -> UnitEvaluation {
        var evaluation = UnitEvaluation(unit: submission.unit, results: [], diagnostics: [], submission: submission, rowContributions: [:])
        evaluation.submission.schools = nil
        guard let unit = ruleset.unit(submission.unit) else { return evaluation }
        // One list for every rule: copying a submission into a new list per rule showed in profiles.
        let inputs: [Input] = [(unit, submission)]
        for rule in ruleset.rules {
            let applies = rule.appliesTo.includes(unit)
            let contributes = options.city && rule.scopes.contains(.city) && rule.measure.usesSchoolRows && applies
            guard rule.scopes.contains(.unit) || contributes else { continue }
            guard applies else {
                evaluation.results.append(Outcome(
                    rule: rule.id, unit: unit.code, scope: .unit, status: .notApplicable, severity: rule.severity,
                    target: rule.target,
                    reasons: [LocalizedText(zh: "本规则不适用于\(unit.name.zh)", en: "the rule does not apply to \(unit.name.en)")]))
                continue
            }
            let measured = measure(rule, scope: .unit, inputs: inputs)
            if contributes { evaluation.rowContributions[rule.id] = measured }
            if rule.scopes.contains(.unit) {
                let (outcome, found) = judge(rule, scope: .unit, outcomeUnit: unit.code, inputs: inputs, measured: measured)
                evaluation.results.append(outcome)
                evaluation.diagnostics += found
            }
        }
        return evaluation
    }

    /// City-scope results from the evaluated units, in ruleset order. Each rule reads every
    /// unit's figures and rules are independent: they are decided `jobs` at a time.
    public func evaluateCity(_ units: [UnitEvaluation], jobs: Int = 1) -> (results: [Outcome], diagnostics: [Diagnostic]) {
        let byUnit = Dictionary(units.map { ($0.unit, $0) }, uniquingKeysWith: { first, _ in first })
        let rules = ruleset.rules.filter { $0.scopes.contains(.city) }
        // Rules that apply to the same units share one list of units and one of inputs, found
        // once per distinct `applies_to` (a few in a ruleset): listing them for every rule went
        // through every unit, and keying the lists by their codes hashed thousands of codes.
        var groups: [(appliesTo: Rule.Applicability, units: [ReportingUnit], inputs: [Input])] = []
        let group = rules.map { rule in
            if let known = groups.firstIndex(where: { $0.appliesTo == rule.appliesTo }) { return known }
            let units = ruleset.units(for: rule)
            groups.append((rule.appliesTo, units, units.map { ($0, byUnit[$0.code]?.submission) }))
            return groups.count - 1
        }
        let applicable = group.map { groups[$0].units }
        let inputLists = group.map { groups[$0].inputs }
        let decided = ParallelWork.map(rules.indices, jobs: jobs) { index in
            let rule = rules[index]
            let applicable = applicable[index]
            let inputs = inputLists[index]
            let measured = rule.measure.usesSchoolRows
                ? combineRowContributions(applicable.map { ($0, byUnit[$0.code]?.rowContributions[rule.id]) })
                : measure(rule, scope: .city, inputs: inputs)
            return judge(rule, scope: .city, outcomeUnit: ruleset.city.code, inputs: inputs, measured: measured)
        }
        return (decided.map(\.0), decided.flatMap(\.1))
    }

    // MARK: - Waivers

    /// Turns failing results covered by a valid waiver into `waived`, and reports waivers that are
    /// expired or were not needed.
    private func apply(_ waivers: [Waiver], to results: inout [Outcome]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        guard !waivers.isEmpty else { return [] }
        // Only the results of rules that have a waiver are indexed.
        let waived = Set(waivers.map(\.rule))
        var index: [String: [Int]] = [:]
        for (position, result) in results.enumerated() where waived.contains(result.rule) {
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
