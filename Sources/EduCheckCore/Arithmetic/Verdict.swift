/// Pass lines, gaps, progress and the display of values next to a target. Everything is exact;
/// a display never contradicts the verdict it accompanies.
public enum Verdict {
    // MARK: - Pass line and gap

    /// For a count `n` out of `denominator`: the smallest `n` (for `>=`, `>`, `=`) or the largest
    /// `n` (for `<=`, `<`) in `0...denominator` such that `n / denominator` meets the target; nil if
    /// there is none (`> 100%`, `= 1/3` of 10), if the target is a flag, or if `denominator` ≤ 0
    /// (0 of 0 has nothing to measure).
    ///
    /// `> 55%` of 98,000 → 53,901; `>= 99%` of 1,520 → 1,505 (0.99 × 1,520 = 1,504.8).
    public static func passLine(denominator: Int64, target: Target) -> Int64? {
        guard denominator > 0, case .number(let bound, _) = target.value else { return nil }
        let whole = Int128(denominator)
        // n / whole ⋚ p / q  ⇔  n ⋚ p × whole / q   (q > 0, whole > 0)
        let product = Int128(bound.numerator) * whole
        let divisor = Int128(bound.denominator)
        let line: Int128
        switch target.comparator {
        case .atLeast:
            line = max(0, ceilingDivide(product, divisor))
            guard line <= whole else { return nil }
        case .greaterThan:
            line = max(0, floorDivide(product, divisor) + 1)
            guard line <= whole else { return nil }
        case .equal:
            guard product % divisor == 0 else { return nil }
            line = product / divisor
            guard line >= 0, line <= whole else { return nil }
        case .atMost:
            line = min(whole, floorDivide(product, divisor))
            guard line >= 0 else { return nil }
        case .lessThan:
            line = min(whole, ceilingDivide(product, divisor) - 1)
            guard line >= 0 else { return nil }
        }
        return Int64(line)
    }

    /// How many units a count `numerator` out of `denominator` is from meeting the target: 0 when
    /// it meets it; for `>=`/`>`/`=` the shortfall to the pass line; for `<=`/`<` the excess over
    /// it; for `=` the distance either way. nil when there is no pass line (see `passLine`).
    ///
    /// 4,400 of 8,000 against `> 55%` → 1; 799 of 800 against `= 100%` → 1; 2,970 of 3,000 against
    /// `>= 99%` → 0.
    public static func gap(numerator: Int64, denominator: Int64, target: Target) -> Int64? {
        guard denominator > 0, case .number(let bound, _) = target.value else { return nil }
        // Exact comparison of numerator/denominator with the bound, without building a Rational.
        let left = Int128(numerator) * Int128(bound.denominator)
        let right = Int128(bound.numerator) * Int128(denominator)
        let met: Bool
        switch target.comparator {
        case .atLeast: met = left >= right
        case .greaterThan: met = left > right
        case .atMost: met = left <= right
        case .lessThan: met = left < right
        case .equal: met = left == right
        }
        if met { return 0 }
        guard let line = passLine(denominator: denominator, target: target) else { return nil }
        let distance = (Int128(numerator) - Int128(line)).magnitude
        return distance <= UInt128(Int64.max) ? Int64(distance) : nil
    }

    /// How far a value is from meeting a number target, in the value's own units: 0 when met;
    /// `target - value` for `>=`; `value - target` for `<=`; `|value - target|` for `=`. For the
    /// strict `>` and `<`, when both value and target are integers (counts) the gap is the count
    /// needed to cross the line (`> 10` at 8 → 3); otherwise it is the distance to the line, which
    /// must then be exceeded. nil for a flag target or when the difference overflows.
    public static func gap(value: Rational, target: Target) -> Rational? {
        guard case .number(let bound, _) = target.value else { return nil }
        if target.isMet(by: value) { return .zero }
        let counts = value.isInteger && bound.isInteger
        do {
            switch target.comparator {
            case .atLeast: return try bound.subtracting(value)
            case .greaterThan: return try bound.subtracting(value).adding(counts ? .one : .zero)
            case .atMost: return try value.subtracting(bound)
            case .lessThan: return try value.subtracting(bound).adding(counts ? .one : .zero)
            case .equal: return try value.subtracting(bound).absoluteValue()
            }
        } catch {
            return nil
        }
    }

    /// Progress toward a `>=`, `>` or `=` target with a positive number: `value / target`
    /// (42,000 of 60,000 → 7/10). Not capped at 1. nil for other targets or on overflow.
    public static func progress(value: Rational, target: Target) -> Rational? {
        guard case .number(let bound, _) = target.value, bound > .zero else { return nil }
        switch target.comparator {
        case .atLeast, .greaterThan, .equal: return try? value.divided(by: bound)
        case .atMost, .lessThan: return nil
        }
    }

    // MARK: - Display

    /// A rate as a percent that never contradicts the verdict against `target`.
    ///
    /// Places: max(2, the decimals of the target's percent). Digits are truncated toward zero
    /// (1506/1520 → `99.07%`, 98.996% → `98.99%`), so a value below a line is never shown on it.
    /// When the truncated text would meet the target differently from the value itself (55.001%
    /// against `> 55%` truncates to `55.00%`), the value is rounded away from zero instead
    /// (`55.01%`); if that would show `100.00%` for a value that is not exactly 1, one more place
    /// is used instead (99.999% against `> 99.99%` → `99.999%`). Without a number target the value
    /// is simply truncated. The integer part is grouped (`1,250.00%`).
    public static func displayPercent(_ value: Rational, target: Target?) -> String {
        let base = max(2, min(target?.percentDecimals ?? 2, 12))
        let numerator = Int128(value.numerator) * 100
        let denominator = Int128(value.denominator)
        // Made only when it is the answer: usually the first place tried agrees with the status
        // and gives the same text (a national run shows 66,000 rates).
        func truncated() -> String {
            DecimalFormatting.text(
                numerator: numerator, denominator: denominator,
                places: base, rounding: .towardZero, groupingThousands: true
            ) + "%"
        }
        guard let target, case .number = target.value else { return truncated() }
        let verdict = target.isMet(by: value)
        let awayFromZero: Rational.Rounding = value.isNegative ? .down : .up
        var scale: Int128 = 1
        for _ in 0..<base { scale *= 10 }
        for places in base...(base + 6) {
            defer { scale *= 10 }
            for attempt in 0..<2 {
                let rounding = attempt == 0 ? Rational.Rounding.towardZero : awayFromZero
                let (scaled, overflow) = numerator.multipliedReportingOverflow(by: scale)
                guard !overflow else { return truncated() }
                let digits = DecimalFormatting.divide(scaled, by: denominator, rounding: rounding)
                guard let shown = try? Rational(reducing: digits, scale * 100) else { return truncated() }
                if rounding != .towardZero && shown == .hundredPercent && value != .hundredPercent { continue }
                if target.isMet(by: shown) == verdict {
                    return DecimalFormatting.text(
                        numerator: digits, denominator: scale,
                        places: places, rounding: .towardZero, groupingThousands: true
                    ) + "%"
                }
            }
        }
        return truncated()
    }

    /// A quantity: integers grouped (`60,000`, `-3`); other values exactly when they need at most
    /// two decimals (`1.5`, `0.25`), otherwise truncated toward zero to two (`1/3` → `0.33`).
    public static func displayNumber(_ value: Rational) -> String {
        let places = value.decimalPlaces.map { min($0, 2) } ?? 2
        return DecimalFormatting.text(
            numerator: Int128(value.numerator), denominator: Int128(value.denominator),
            places: places, rounding: .towardZero, groupingThousands: true
        )
    }

    /// `displayPercent` when the target is a percent, `displayNumber` otherwise.
    public static func display(_ value: Rational, target: Target?) -> String {
        if let target, case .number(_, true) = target.value {
            return displayPercent(value, target: target)
        }
        return displayNumber(value)
    }

    // MARK: - Helpers

    private static func floorDivide(_ a: Int128, _ b: Int128) -> Int128 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }

    private static func ceilingDivide(_ a: Int128, _ b: Int128) -> Int128 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) == (b < 0)) ? quotient + 1 : quotient
    }
}
