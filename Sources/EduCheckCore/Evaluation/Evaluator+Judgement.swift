/// Holding a measured figure against the rule's target: status, gap, pass line, progress and an
/// honest display.
extension Evaluator {
    func judge(_ rule: Rule, scope: Rule.Scope, outcomeUnit: String, inputs: [Input], measured: Measured) -> (Outcome, [Diagnostic]) {
        var outcome = Outcome(rule: rule.id, unit: outcomeUnit, scope: scope, status: .notApplicable, severity: rule.severity, target: rule.target)
        for index in inputs.indices {
            if let note = inputs[index].submission?.notes[rule.id] { outcome.notes[inputs[index].unit.code] = note }
        }
        var diagnostics: [Diagnostic] = []

        switch measured {
        case .notApplicable(let reason):
            outcome.status = .notApplicable
            outcome.reasons = [reason]

        case .problem(let figure, let rows):
            outcome.failingRows = rows
            outcome.evidence = figure.evidence
            switch figure {
            case .missing(let units, let reasons):
                outcome.status = .missing
                outcome.affectedUnits = scope == .city ? units : []
                outcome.reasons = reasons
            case .invalid(let units, let reasons, _):
                outcome.status = .invalid
                outcome.affectedUnits = scope == .city ? units : []
                outcome.reasons = reasons
                if reasons.contains(ArithmeticError.overflow.message) {
                    diagnostics.append(Diagnostic(.error, code: "arithmetic-overflow", ArithmeticError.overflow.message, at: figure.evidence.first?.location))
                }
            default:
                break
            }

        case .flag(let value, let evidence):
            outcome.evidence = evidence
            outcome.measurement = Outcome.Measurement(kind: .flag, flag: value, display: value ? "true" : "false")
            guard let target = rule.target, case .flag = target.value else {
                outcome.status = .invalid
                outcome.reasons = [LocalizedText(zh: "是/否值无法与数值目标比较", en: "a yes/no value cannot meet a numeric target")]
                break
            }
            outcome.status = target.isMet(by: value) ? .pass : .fail

        case .number(let value, let evidence):
            outcome.evidence = evidence
            guard let target = rule.target, case .number(let line, let isPercent) = target.value else {
                outcome.status = .invalid
                outcome.reasons = [LocalizedText(zh: "数值无法与是/否目标比较", en: "a number cannot meet a yes/no target")]
                break
            }
            let met = target.isMet(by: value)
            outcome.status = met ? .pass : .fail
            outcome.measurement = Outcome.Measurement(kind: .number, number: value, display: isPercent ? Verdict.displayPercent(value, target: target) : Verdict.displayNumber(value))
            outcome.gap = met ? .zero : Verdict.gap(value: value, target: target)
            outcome.passLine = line
            if (target.comparator == .atLeast || target.comparator == .greaterThan), line > .zero {
                outcome.progress = try? value.divided(by: line)
            }
            if !met, let gap = outcome.gap {
                outcome.gapText = gapText(rule, gap: gap, below: value < line, unit: unitOfMeasure(rule), isPercent: isPercent)
            }

        case .ratio(let numerator, let denominator, let evidence, let rows):
            outcome.evidence = evidence
            outcome.failingRows = rows
            if denominator == .zero {
                outcome.status = .notApplicable
                outcome.reasons = [LocalizedText(zh: "0 之 0：没有可核查的对象", en: "0 of 0: nothing to measure")]
                outcome.measurement = Outcome.Measurement(kind: .ratio, numerator: numerator, denominator: denominator, display: "0/0")
                break
            }
            guard let target = rule.target, case .number = target.value, let value = try? numerator.divided(by: denominator) else {
                outcome.status = .invalid
                outcome.reasons = [LocalizedText(zh: "比率无法与是/否目标比较", en: "a ratio cannot meet a yes/no target")]
                break
            }
            let met = target.isMet(by: value)
            outcome.status = met ? .pass : .fail
            outcome.measurement = Outcome.Measurement(kind: .ratio, numerator: numerator, denominator: denominator, display: Verdict.displayPercent(value, target: target))
            if numerator.isInteger, denominator.isInteger {
                let line = Verdict.passLine(denominator: denominator.numerator, target: target)
                outcome.passLine = line.map { Rational($0) }
                if let line, line > 0, target.comparator == .atLeast || target.comparator == .greaterThan || target.comparator == .equal {
                    outcome.progress = try? numerator.divided(by: Rational(line))
                }
                if let gap = Verdict.gap(numerator: numerator.numerator, denominator: denominator.numerator, target: target) {
                    outcome.gap = Rational(gap)
                    if !met { outcome.gapText = gapText(rule, gap: Rational(gap), below: target.comparator != .atMost && target.comparator != .lessThan, unit: unitOfMeasure(rule), isPercent: false) }
                }
            }

        case .consistency(let reported, let numerator, let denominator, let rounding, let evidence):
            outcome.evidence = evidence
            guard denominator != .zero else {
                outcome.status = .notApplicable
                outcome.reasons = [LocalizedText(zh: "0 之 0：没有可核查的对象", en: "0 of 0: nothing to measure")]
                break
            }
            let computed = (try? numerator.divided(by: denominator)) ?? .zero
            let agrees = Self.agrees(reported: reported, computed: computed, rounding: rounding)
            outcome.status = agrees ? .pass : .fail
            let shown = Verdict.displayPercent(computed, target: nil)
            outcome.measurement = Outcome.Measurement(
                kind: .consistency, numerator: numerator, denominator: denominator, reported: reported,
                display: "\(Verdict.displayPercent(reported, target: nil)) ≟ \(Verdict.displayNumber(numerator))/\(Verdict.displayNumber(denominator)) = \(shown)")
            if !agrees {
                outcome.reasons = [LocalizedText(
                    zh: "填报比率 \(Verdict.displayPercent(reported, target: nil)) 与按数量计算的 \(Verdict.displayNumber(numerator))/\(Verdict.displayNumber(denominator)) = \(shown) 不一致（保留 \(rounding) 位小数）",
                    en: "the reported rate \(Verdict.displayPercent(reported, target: nil)) disagrees with \(Verdict.displayNumber(numerator))/\(Verdict.displayNumber(denominator)) = \(shown) computed from the counts (to \(rounding) decimal places)")]
            }
        }
        return (outcome, diagnostics)
    }

    /// A reported percentage agrees with the computed one when they differ by at most half a unit
    /// in the last reported place: 78.95% for 30/38 (78.947…%) agrees to 2 places.
    static func agrees(reported: Rational, computed: Rational, rounding: Int) -> Bool {
        var scale: Int64 = 200   // percent (×100) and half a unit (×2)
        for _ in 0..<rounding { scale *= 10 }
        guard let tolerance = try? Rational(1, scale), let difference = try? reported.subtracting(computed) else { return false }
        let magnitude = difference < .zero ? ((try? Rational.zero.subtracting(difference)) ?? difference) : difference
        return magnitude <= tolerance
    }

    /// The unit a shortfall is counted in: schools for school-row measures, else the counted metric's.
    private func unitOfMeasure(_ rule: Rule) -> LocalizedText {
        switch rule.measure {
        case .coverage, .count: return LocalizedText(zh: "所学校", en: "schools")
        case .ratio(let numerator, _): return ruleset.metric(numerator)?.unit ?? LocalizedText(zh: "", en: "")
        case .value(let metric), .change(let metric): return ruleset.metric(metric)?.unit ?? LocalizedText(zh: "", en: "")
        default: return LocalizedText(zh: "", en: "")
        }
    }

    /// `below`: the value is under the line (a shortfall) rather than over a limit (an excess).
    private func gapText(_ rule: Rule, gap: Rational, below: Bool, unit: LocalizedText, isPercent: Bool) -> LocalizedText {
        let number = isPercent ? Verdict.displayPercent(gap, target: nil) : Verdict.displayNumber(gap)
        if let phrase = rule.gapPhrase {
            return LocalizedText(zh: phrase.zh.replacingAll("{n}", with: number), en: phrase.en.replacingAll("{n}", with: number))
        }
        let points = isPercent ? LocalizedText(zh: "个百分点", en: " percentage points") : unit
        let zhUnit = isPercent ? points.zh : unit.zh
        let enUnit = isPercent ? points.en : (unit.en.isEmpty ? "" : " " + unit.en)
        return below
            ? LocalizedText(zh: "还差 \(number)\(zhUnit)", en: "\(number)\(enUnit) short of the target")
            : LocalizedText(zh: "超出 \(number)\(zhUnit)", en: "\(number)\(enUnit) over the limit")
    }
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation needed for rule phrases and reports).
    public func replacingAll(_ target: String, with replacement: String) -> String {
        // Byte by byte: a valid UTF-8 text can only match at a character's first byte, and the
        // generic substring search cost microseconds a call (every failing result's gap text).
        let pattern = Array(target.utf8)
        guard let first = pattern.first else { return self }
        var source = self
        return source.withUTF8 { bytes -> String in
            var result: [UInt8] = []
            var copied = 0
            var index = 0
            while index + pattern.count <= bytes.count {
                if bytes[index] == first, pattern.indices.allSatisfy({ bytes[index + $0] == pattern[$0] }) {
                    result += UnsafeBufferPointer(rebasing: bytes[copied..<index])
                    result += replacement.utf8
                    index += pattern.count
                    copied = index
                } else {
                    index += 1
                }
            }
            guard copied > 0 else { return self }
            result += UnsafeBufferPointer(rebasing: bytes[copied...])
            return String(decoding: result, as: UTF8.self)
        }
    }
}
