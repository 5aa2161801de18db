/// An arithmetic result that cannot be represented exactly: a value outside `Rational`'s range, or a
/// division by zero. Exact arithmetic never wraps and never rounds silently; it throws this instead.
public struct ArithmeticError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case overflow
        case divisionByZero
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// The exact result does not fit in a `Rational` (64-bit numerator and denominator).
    public static let overflow = ArithmeticError(.overflow)
    /// A division (or a fraction) whose divisor is zero.
    public static let divisionByZero = ArithmeticError(.divisionByZero)

    public var message: LocalizedText {
        switch code {
        case .overflow:
            LocalizedText(
                zh: "数值超出可精确计算的范围（分子、分母须为64位整数）",
                en: "the value is outside the range of exact arithmetic (64-bit numerator and denominator)"
            )
        case .divisionByZero:
            LocalizedText(zh: "除数为零", en: "division by zero")
        }
    }

    public var description: String { message.en }
}

/// An exact rational number: a reduced fraction with the sign on the numerator and a positive
/// denominator, both 64-bit. Every operation is exact; a result that does not fit throws
/// `ArithmeticError.overflow` rather than wrapping or rounding.
///
/// Intermediate results are computed in 128 bits and reduced before the range check, so an
/// operation throws only when its *reduced* result does not fit.
public struct Rational: Hashable, Sendable {
    /// The reduced numerator; carries the sign.
    public let numerator: Int64
    /// The reduced denominator; always > 0.
    public let denominator: Int64

    /// A fraction already in lowest terms with a positive denominator.
    private init(reduced numerator: Int64, _ denominator: Int64) {
        self.numerator = numerator
        self.denominator = denominator
    }

    public init(_ integer: Int64) {
        self.init(reduced: integer, 1)
    }

    /// `numerator / denominator`, reduced. Throws on a zero denominator, or when the reduced
    /// fraction does not fit (only possible with `Int64.min`, whose magnitude has no positive
    /// 64-bit counterpart, as in `1 / Int64.min`).
    public init(_ numerator: Int64, _ denominator: Int64) throws(ArithmeticError) {
        guard denominator != 0 else { throw .divisionByZero }
        if denominator == 1 {
            self.init(reduced: numerator, 1)
            return
        }
        try self.init(reducing: Int128(numerator), Int128(denominator))
    }

    /// `numerator / denominator` from 128-bit parts, reduced; throws unless the result fits.
    init(reducing numerator: Int128, _ denominator: Int128) throws(ArithmeticError) {
        guard denominator != 0 else { throw .divisionByZero }
        let negative = (numerator < 0) != (denominator < 0)
        var n = numerator.magnitude
        var d = denominator.magnitude
        let divisor = binaryGCD(n, d)
        if divisor > 1 {
            n /= divisor
            d /= divisor
        }
        if n == 0 {
            self.init(reduced: 0, 1)
            return
        }
        guard d <= UInt128(Int64.max) else { throw .overflow }
        if negative {
            guard n <= UInt128(Int64.max) + 1 else { throw .overflow }
            self.init(reduced: Int64(-Int128(n)), Int64(d))
        } else {
            guard n <= UInt128(Int64.max) else { throw .overflow }
            self.init(reduced: Int64(n), Int64(d))
        }
    }

    public static let zero = Rational(0)
    public static let one = Rational(1)
    /// 100% as a value: a rate of one.
    public static let hundredPercent = Rational(1)

    public var isInteger: Bool { denominator == 1 }
    public var isZero: Bool { numerator == 0 }
    public var isNegative: Bool { numerator < 0 }

    /// -1, 0 or 1.
    public var signum: Int { numerator < 0 ? -1 : (numerator == 0 ? 0 : 1) }

    // MARK: - Arithmetic

    public func adding(_ other: Rational) throws(ArithmeticError) -> Rational {
        if denominator == 1 && other.denominator == 1 {
            let (sum, overflow) = numerator.addingReportingOverflow(other.numerator)
            guard !overflow else { throw .overflow }
            return Rational(reduced: sum, 1)
        }
        if denominator == other.denominator {
            return try Rational(reducing: Int128(numerator) + Int128(other.numerator), Int128(denominator))
        }
        return try Rational(
            reducing: Int128(numerator) * Int128(other.denominator) + Int128(other.numerator) * Int128(denominator),
            Int128(denominator) * Int128(other.denominator)
        )
    }

    public func subtracting(_ other: Rational) throws(ArithmeticError) -> Rational {
        if denominator == 1 && other.denominator == 1 {
            let (difference, overflow) = numerator.subtractingReportingOverflow(other.numerator)
            guard !overflow else { throw .overflow }
            return Rational(reduced: difference, 1)
        }
        if denominator == other.denominator {
            return try Rational(reducing: Int128(numerator) - Int128(other.numerator), Int128(denominator))
        }
        return try Rational(
            reducing: Int128(numerator) * Int128(other.denominator) - Int128(other.numerator) * Int128(denominator),
            Int128(denominator) * Int128(other.denominator)
        )
    }

    public func multiplied(by other: Rational) throws(ArithmeticError) -> Rational {
        if denominator == 1 && other.denominator == 1 {
            let (product, overflow) = numerator.multipliedReportingOverflow(by: other.numerator)
            guard !overflow else { throw .overflow }
            return Rational(reduced: product, 1)
        }
        return try Rational(
            reducing: Int128(numerator) * Int128(other.numerator),
            Int128(denominator) * Int128(other.denominator)
        )
    }

    public func divided(by other: Rational) throws(ArithmeticError) -> Rational {
        guard other.numerator != 0 else { throw .divisionByZero }
        return try Rational(
            reducing: Int128(numerator) * Int128(other.denominator),
            Int128(denominator) * Int128(other.numerator)
        )
    }

    /// `-self`; throws only for `Int64.min`.
    public func negated() throws(ArithmeticError) -> Rational {
        guard numerator != .min else { throw .overflow }
        return Rational(reduced: -numerator, denominator)
    }

    /// `|self|`; throws only for `Int64.min`.
    public func absoluteValue() throws(ArithmeticError) -> Rational {
        numerator < 0 ? try negated() : self
    }

    // MARK: - Integer parts

    /// The greatest integer ≤ self.
    public func floor() -> Int64 {
        let quotient = numerator / denominator
        return (numerator % denominator != 0 && numerator < 0) ? quotient - 1 : quotient
    }

    /// The least integer ≥ self.
    public func ceiling() -> Int64 {
        let quotient = numerator / denominator
        return (numerator % denominator != 0 && numerator > 0) ? quotient + 1 : quotient
    }

    /// The number of decimal places needed to write the value exactly (`0.125` → 3, `42` → 0), or
    /// nil when its decimal expansion does not terminate (`1/3`).
    public var decimalPlaces: Int? {
        var d = denominator
        var twos = 0
        var fives = 0
        while d % 2 == 0 { d /= 2; twos += 1 }
        while d % 5 == 0 { d /= 5; fives += 1 }
        return d == 1 ? max(twos, fives) : nil
    }
}

// MARK: - Rounding and decimal text

extension Rational {
    /// How a value that falls between two decimals is brought to one of them.
    public enum Rounding: Hashable, Sendable, CaseIterable {
        /// Toward negative infinity (floor).
        case down
        /// Toward positive infinity (ceiling).
        case up
        /// Toward zero (truncation): never overstates the magnitude.
        case towardZero
        /// To the nearest; halves away from zero (the school rule: 78.945 → 78.95).
        case toNearestOrAwayFromZero
    }

    /// The exact decimal text of the value with exactly `places` digits after the point (none and
    /// no point when `places` ≤ 0), rounded in the given direction: `753/760` with 4 places and
    /// `.towardZero` is `"0.9907"`. A result that rounds to zero has no minus sign. Any number of
    /// places works: digits are generated by long division, never through floating point.
    public func decimalText(places: Int, rounding: Rounding) -> String {
        DecimalFormatting.text(
            numerator: Int128(numerator), denominator: Int128(denominator),
            places: places, rounding: rounding, groupingThousands: false
        )
    }

    /// The value rounded to `places` decimal places (0...18), as an exact rational. Used to compare a
    /// reported rate with a computed one "to the stated decimal places".
    public func rounded(places: Int, rounding: Rounding) throws(ArithmeticError) -> Rational {
        guard (0...18).contains(places) else { throw .overflow }
        var scale: Int128 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = DecimalFormatting.divide(Int128(numerator) * scale, by: Int128(denominator), rounding: rounding)
        return try Rational(reducing: scaled, scale)
    }
}

// MARK: - Comparison, description, literals

extension Rational: Comparable {
    /// Exact: cross-multiplication in 128 bits, which cannot overflow for 64-bit parts.
    public static func < (a: Rational, b: Rational) -> Bool {
        if a.denominator == b.denominator { return a.numerator < b.numerator }
        return Int128(a.numerator) * Int128(b.denominator) < Int128(b.numerator) * Int128(a.denominator)
    }
}

extension Rational: CustomStringConvertible {
    /// `"753/760"`, `"-3/4"`, `"42"`.
    public var description: String {
        denominator == 1 ? String(numerator) : "\(numerator)/\(denominator)"
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) {
        self.init(value)
    }
}

// MARK: - Helpers

/// Stein's binary GCD: shifts and subtractions only, fast on 128-bit values. gcd(0, x) = x.
func binaryGCD<T: FixedWidthInteger & UnsignedInteger>(_ a: T, _ b: T) -> T {
    if a == 0 { return b }
    if b == 0 { return a }
    let shift = (a | b).trailingZeroBitCount
    var u = a >> a.trailingZeroBitCount
    var v = b
    repeat {
        v >>= v.trailingZeroBitCount
        if u > v { swap(&u, &v) }
        v -= u
    } while v != 0
    return u << shift
}

/// Exact decimal rendering shared by `Rational` and the verdict display.
enum DecimalFormatting {
    /// `numerator / denominator` rounded to an integer in the given direction. `denominator` > 0.
    static func divide(_ numerator: Int128, by denominator: Int128, rounding: Rational.Rounding) -> Int128 {
        let quotient = numerator / denominator
        let remainder = numerator % denominator
        guard remainder != 0 else { return quotient }
        let negative = numerator < 0
        guard roundsAwayFromZero(remainder: remainder.magnitude, of: denominator.magnitude, negative: negative, rounding) else { return quotient }
        return negative ? quotient - 1 : quotient + 1
    }

    /// Whether a division that left a non-zero `remainder` of `divisor` rounds away from zero.
    static func roundsAwayFromZero(remainder: UInt128, of divisor: UInt128, negative: Bool, _ rounding: Rational.Rounding) -> Bool {
        switch rounding {
        case .towardZero: false
        case .down: negative
        case .up: !negative
        case .toNearestOrAwayFromZero: remainder >= divisor - remainder
        }
    }

    /// Long division into decimal digits; works for any number of places. `denominator` > 0.
    ///
    /// The text is built in one buffer and made into a string once: every displayed value of a
    /// national run (hundreds of thousands) comes through here, and building it from strings and
    /// arrays cost six allocations a value.
    static func text(
        numerator: Int128, denominator: Int128, places: Int,
        rounding: Rational.Rounding, groupingThousands: Bool
    ) -> String {
        let negative = numerator < 0
        let divisor = denominator.magnitude
        let dividend = numerator.magnitude
        var integerPart = dividend / divisor
        var remainder = dividend % divisor
        let placeCount = max(0, places)
        // A sign, 39 digits and 12 separators at most before the point; the point and the places.
        let integerRoom = 1 + 39 + 12
        let capacity = integerRoom + 1 + placeCount
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            // The places go after the point, as long division gives them.
            let point = integerRoom
            var anyPlace = false
            for place in 0..<placeCount {
                remainder *= 10
                let digit = UInt8(remainder / divisor)
                buffer[point + 1 + place] = digit
                anyPlace = anyPlace || digit != 0
                remainder %= divisor
            }
            if remainder != 0, roundsAwayFromZero(remainder: remainder, of: divisor, negative: negative, rounding) {
                var place = placeCount - 1
                var carry = true
                while carry && place >= 0 {
                    if buffer[point + 1 + place] == 9 {
                        buffer[point + 1 + place] = 0
                        place -= 1
                    } else {
                        buffer[point + 1 + place] += 1
                        carry = false
                    }
                }
                if carry { integerPart += 1 }
                // A carry out of the places left them all 0; one that stopped made a digit non-zero.
                anyPlace = !carry
            }
            for place in 0..<placeCount { buffer[point + 1 + place] += UInt8(ascii: "0") }
            buffer[point] = UInt8(ascii: ".")
            // The integer part, right to left from the point.
            var start = point
            var digits = 0
            func digit(_ value: UInt8) {
                if groupingThousands && digits > 0 && digits % 3 == 0 {
                    start -= 1
                    buffer[start] = UInt8(ascii: ",")
                }
                start -= 1
                buffer[start] = UInt8(ascii: "0") + value
                digits += 1
            }
            let isZero = integerPart == 0 && !anyPlace
            while integerPart > UInt128(UInt64.max) {
                let (quotient, last) = integerPart.quotientAndRemainder(dividingBy: 10)
                digit(UInt8(last))
                integerPart = quotient
            }
            var small = UInt64(integerPart)
            repeat {
                let (quotient, last) = small.quotientAndRemainder(dividingBy: 10)
                digit(UInt8(last))
                small = quotient
            } while small > 0
            if negative && !isZero {
                start -= 1
                buffer[start] = UInt8(ascii: "-")
            }
            let end = placeCount > 0 ? point + 1 + placeCount : point
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
        }
    }
}
