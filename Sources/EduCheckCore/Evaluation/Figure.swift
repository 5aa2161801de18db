/// A quantity on its way to a verdict: a value with the places it came from, or the reason there
/// is none. Unit-scope and city-scope evaluation share it, so a city figure is missing or invalid
/// by exactly the rules a unit figure is.
enum Figure {
    case number(Rational, evidence: [Outcome.Evidence])
    case flag(Bool, evidence: [Outcome.Evidence])
    case text(String, evidence: [Outcome.Evidence])
    case missing(units: [String], reasons: [LocalizedText])
    case invalid(units: [String], reasons: [LocalizedText], evidence: [Outcome.Evidence])

    var evidence: [Outcome.Evidence] {
        switch self {
        case .number(_, let evidence), .flag(_, let evidence), .text(_, let evidence), .invalid(_, _, let evidence): evidence
        case .missing: []
        }
    }

    /// Reads one metric of one unit's submission.
    static func read(_ metric: String, of unit: String, in values: [String: ReportedValue]?, previous: Bool = false) -> Figure {
        guard let value = values?[metric] else {
            let what = previous ? LocalizedText(zh: "上年度", en: "previous period ") : LocalizedText(zh: "", en: "")
            return .missing(units: [unit], reasons: [LocalizedText(zh: "缺少\(what.zh)指标 \(metric)", en: "no \(what.en)value for \(metric)")])
        }
        let evidence = [Outcome.Evidence(location: value.location, unit: unit, metric: metric)]
        switch value.content {
        case .number(let number): return .number(number, evidence: evidence)
        case .flag(let flag): return .flag(flag, evidence: evidence)
        case .text(let text): return .text(text, evidence: evidence)
        case .invalid(let reason): return .invalid(units: [unit], reasons: [reason], evidence: evidence)
        }
    }

    /// Missing wins over invalid (SPEC 4): the first thing a unit must do is report the value.
    static func problem(in figures: [Figure]) -> Figure? {
        var missingUnits: [String] = []
        var missingReasons: [LocalizedText] = []
        var invalidUnits: [String] = []
        var invalidReasons: [LocalizedText] = []
        var invalidEvidence: [Outcome.Evidence] = []
        for figure in figures {
            switch figure {
            case .missing(let units, let reasons):
                missingUnits.append(contentsOf: units)
                missingReasons.append(contentsOf: reasons)
            case .invalid(let units, let reasons, let evidence):
                invalidUnits.append(contentsOf: units)
                invalidReasons.append(contentsOf: reasons)
                invalidEvidence.append(contentsOf: evidence)
            default:
                break
            }
        }
        if !missingUnits.isEmpty {
            return .missing(units: missingUnits.uniqueSorted, reasons: missingReasons.uniqueInOrder)
        }
        if !invalidUnits.isEmpty {
            return .invalid(units: invalidUnits.uniqueSorted, reasons: invalidReasons.uniqueInOrder, evidence: invalidEvidence)
        }
        return nil
    }
}

extension Array where Element: Hashable & Comparable {
    var uniqueSorted: [Element] { Array(Set(self)).sorted() }
}

extension Array where Element: Hashable {
    var uniqueInOrder: [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
