import EduCheckCore
import Testing

/// `n/d` for test data that is known to be valid.
private func fraction(_ numerator: Int64, _ denominator: Int64) -> Rational {
    do {
        return try Rational(numerator, denominator)
    } catch {
        Issue.record("invalid test fraction \(numerator)/\(denominator)")
        return .zero
    }
}

@Suite("Rational")
struct RationalTests {
    @Test func reducesWithSignOnNumerator() throws {
        let rate = try Rational(1506, 1520)
        #expect(rate.numerator == 753)
        #expect(rate.denominator == 760)
        #expect(rate.description == "753/760")
        #expect(try Rational(3, -4).description == "-3/4")
        #expect(try Rational(-3, -4).description == "3/4")
        #expect(try Rational(0, -7) == .zero)
        #expect(try Rational(0, -7).denominator == 1)
        #expect(Rational(42).description == "42")
        #expect(try Rational(84, 2).description == "42")
    }

    @Test func equalValuesAreEqualAndHashAlike() throws {
        let a = try Rational(2, 4)
        let b = try Rational(-5, -10)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b, Rational(1)]).count == 2)
    }

    @Test func zeroDenominatorThrows() {
        #expect(throws: ArithmeticError.divisionByZero) { try Rational(1, 0) }
        #expect(throws: ArithmeticError.divisionByZero) { try Rational(1).divided(by: .zero) }
        #expect(ArithmeticError.divisionByZero.message.en.contains("division by zero"))
        #expect(ArithmeticError.overflow.message.zh.contains("范围"))
    }

    @Test func int64MinEdges() throws {
        #expect(throws: ArithmeticError.overflow) { try Rational(1, .min) }
        #expect(throws: ArithmeticError.overflow) { try Rational(.min, -1) }
        #expect(try Rational(.min, .min) == .one)
        #expect(try Rational(.min, 2).numerator == .min / 2)
        #expect(try Rational(.min, 1).numerator == .min)
        #expect(throws: ArithmeticError.overflow) { try Rational(.min).negated() }
        #expect(throws: ArithmeticError.overflow) { try Rational(.min).absoluteValue() }
    }

    @Test func arithmetic() throws {
        let half = fraction(1, 2)
        let third = fraction(1, 3)
        #expect(try half.adding(third) == fraction(5, 6))
        #expect(try half.subtracting(third) == fraction(1, 6))
        #expect(try third.subtracting(half) == fraction(-1, 6))
        #expect(try half.multiplied(by: third) == fraction(1, 6))
        #expect(try half.divided(by: third) == fraction(3, 2))
        #expect(try half.divided(by: fraction(-1, 3)) == fraction(-3, 2))
        #expect(try fraction(1, 6).adding(fraction(1, 3)) == half)
        #expect(try Rational(7).adding(Rational(-9)) == Rational(-2))
        #expect(try fraction(3, 4).negated() == fraction(-3, 4))
        #expect(try fraction(-3, 4).absoluteValue() == fraction(3, 4))
    }

    @Test func overflowThrowsInsteadOfWrapping() {
        #expect(throws: ArithmeticError.overflow) { try Rational(.max).adding(.one) }
        #expect(throws: ArithmeticError.overflow) { try Rational(.min).subtracting(.one) }
        #expect(throws: ArithmeticError.overflow) { try Rational(.max).multiplied(by: Rational(2)) }
        #expect(throws: ArithmeticError.overflow) { try Rational(Int64.max / 2 + 1).multiplied(by: Rational(-2)).subtracting(.one) }
        #expect(throws: ArithmeticError.overflow) { try Rational(.max).divided(by: fraction(1, 2)) }
        // Coprime denominators near the limit: the exact sum's denominator needs 126 bits.
        #expect(throws: ArithmeticError.overflow) {
            try fraction(1, .max).adding(fraction(1, .max - 1))
        }
        #expect(throws: ArithmeticError.overflow) { try fraction(.max, 3).adding(fraction(.max, 3)) }
    }

    @Test func reductionAvoidsNeedlessOverflow() throws {
        // Every intermediate product exceeds 64 bits, but every reduced result fits.
        #expect(try Rational(.max).multiplied(by: fraction(1, .max)) == .one)
        #expect(try fraction(.max, 2).multiplied(by: fraction(2, .max)) == .one)
        #expect(try fraction(.max - 1, .max).divided(by: fraction(.max - 1, .max)) == .one)
        #expect(try fraction(1, .max).adding(fraction(-1, .max)) == .zero)
        #expect(try fraction(.max, 6).adding(fraction(.max, 3)) == fraction(.max, 2))
        #expect(try Rational(.min).adding(Rational(.max)) == Rational(-1))
    }

    @Test func comparisonOfHugeRationalsIsExact() {
        let a = fraction(.max, .max - 1)          // 1 + 1/(max-1)
        let b = fraction(.max - 1, .max - 2)      // 1 + 1/(max-2): larger
        #expect(a < b)
        #expect(!(b < a))
        #expect(a != b)
        // A difference far below Double's precision near 1.
        let c = fraction(.max - 1, .max)
        let d = fraction(.max - 2, .max - 1)
        #expect(d < c)
        #expect(fraction(.min, .max) < fraction(-1, 1))
        #expect(Rational(.min) < Rational(.max))
        #expect(fraction(1, .max) > .zero)
        #expect(fraction(-1, .max) < .zero)
        #expect([fraction(1, 2), fraction(1, 3), fraction(-1, 2), Rational(0)].sorted() ==
                [fraction(-1, 2), Rational(0), fraction(1, 3), fraction(1, 2)])
    }

    @Test(arguments: [
        (Int64(7), Int64(2), Int64(3), Int64(4)),
        (-7, 2, -4, -3),
        (6, 3, 2, 2),
        (-1, 3, -1, 0),
        (1, 3, 0, 1),
        (0, 5, 0, 0),
        (.min, 1, .min, .min),
        (.max, 2, .max / 2, .max / 2 + 1),
    ])
    func floorAndCeiling(numerator: Int64, denominator: Int64, floor: Int64, ceiling: Int64) throws {
        let value = try Rational(numerator, denominator)
        #expect(value.floor() == floor)
        #expect(value.ceiling() == ceiling)
        #expect(value.isInteger == (floor == ceiling))
    }

    @Test(arguments: [
        (Int64(753), Int64(760), 4, Rational.Rounding.towardZero, "0.9907"),
        (2, 3, 2, .down, "0.66"),
        (2, 3, 2, .up, "0.67"),
        (2, 3, 2, .towardZero, "0.66"),
        (2, 3, 2, .toNearestOrAwayFromZero, "0.67"),
        (-2, 3, 2, .down, "-0.67"),
        (-2, 3, 2, .up, "-0.66"),
        (-2, 3, 2, .towardZero, "-0.66"),
        (-2, 3, 2, .toNearestOrAwayFromZero, "-0.67"),
        (-1, 1000, 2, .towardZero, "0.00"),
        (-1, 1000, 2, .up, "0.00"),
        (-1, 1000, 2, .down, "-0.01"),
        (999, 1000, 2, .up, "1.00"),
        (999, 1000, 2, .towardZero, "0.99"),
        (-999, 1000, 2, .down, "-1.00"),
        (5, 1, 0, .up, "5"),
        (11, 2, 0, .down, "5"),
        (11, 2, 0, .up, "6"),
        (11, 2, 0, .toNearestOrAwayFromZero, "6"),
        (1, 8, 3, .towardZero, "0.125"),
        (1, 8, 5, .towardZero, "0.12500"),
        (1, 200, 2, .toNearestOrAwayFromZero, "0.01"),
        (-1, 200, 2, .toNearestOrAwayFromZero, "-0.01"),
        (1, 201, 2, .toNearestOrAwayFromZero, "0.00"),
        (3947, 50, 1, .towardZero, "78.9"),
        (.max, 1, 2, .towardZero, "9223372036854775807.00"),
        (.min, 1, 0, .towardZero, "-9223372036854775808"),
        (1, .max, 20, .up, "0.00000000000000000011"),
    ] as [(Int64, Int64, Int, Rational.Rounding, String)])
    func decimalText(numerator: Int64, denominator: Int64, places: Int, rounding: Rational.Rounding, expected: String) throws {
        #expect(try Rational(numerator, denominator).decimalText(places: places, rounding: rounding) == expected)
    }

    @Test func decimalTextManyPlaces() throws {
        let third = try Rational(1, 3)
        #expect(third.decimalText(places: 40, rounding: .towardZero) == "0." + String(repeating: "3", count: 40))
        #expect(third.decimalText(places: 40, rounding: .up) == "0." + String(repeating: "3", count: 39) + "4")
    }

    @Test func roundedToPlaces() throws {
        // 30 of 38 schools: 78.947…% → 78.95% to two places of a percent (four of the rate).
        let rate = try Rational(30, 38)
        #expect(try rate.rounded(places: 4, rounding: .toNearestOrAwayFromZero) == Rational(7895, 10000))
        #expect(try rate.rounded(places: 4, rounding: .towardZero) == Rational(7894, 10000))
        #expect(try Rational(-5, 2).rounded(places: 0, rounding: .toNearestOrAwayFromZero) == Rational(-3))
        #expect(throws: ArithmeticError.overflow) { try rate.rounded(places: 19, rounding: .down) }
    }

    @Test(arguments: [
        (Int64(1), Int64(8), Optional(3)),
        (42, 1, 0),
        (1, 3, nil),
        (99, 100, 2),
        (1, 40, 3),
        (7, 12, nil),
    ] as [(Int64, Int64, Int?)])
    func decimalPlaces(numerator: Int64, denominator: Int64, places: Int?) throws {
        #expect(try Rational(numerator, denominator).decimalPlaces == places)
    }

    @Test func integerLiteralAndConstants() {
        let five: Rational = 5
        #expect(five == Rational(5))
        #expect(Rational.hundredPercent == .one)
        #expect(Rational.zero.isZero)
        #expect(fraction(-1, 2).isNegative)
        #expect(fraction(-1, 2).signum == -1)
        #expect(Rational.zero.signum == 0)
    }
}

@Suite("NumberSyntax")
struct NumberSyntaxTests {
    @Test(arguments: [
        ("0", Rational(0), false, 0),
        ("42", 42, false, 0),
        ("-3", -3, false, 0),
        ("-0", 0, false, 0),
        ("0440104", 440104, false, 0),
        ("78.95%", fraction(1579, 2000), true, 2),
        ("78.950%", fraction(1579, 2000), true, 3),
        ("1.50", fraction(3, 2), false, 2),
        ("0.001", fraction(1, 1000), false, 3),
        ("99%", fraction(99, 100), true, 0),
        ("100%", 1, true, 0),
        ("-0.5%", fraction(-1, 200), true, 1),
        ("999999999999999999", 999_999_999_999_999_999, false, 0),
        ("-999999999999999999", -999_999_999_999_999_999, false, 0),
        ("0.000000000000000001", fraction(1, 1_000_000_000_000_000_000), false, 18),
        ("1.000000000000000000000000000", 1, false, 27),
        ("000000000000000000000000001", 1, false, 0),
        ("0.0000000000000000000000000000000000000000", 0, false, 40),
        ("1520", 1520, false, 0),
    ] as [(String, Rational, Bool, Int)])
    func accepts(text: String, value: Rational, isPercent: Bool, decimals: Int) throws {
        let parsed = try #require(NumberSyntax.parse(text))
        #expect(parsed.value == value)
        #expect(parsed.isPercent == isPercent)
        #expect(parsed.decimals == decimals)
    }

    @Test(arguments: [
        "", "1e3", "1E3", "1,520", "0x10", "1:20", ".5", "5.", "+5", "inf", "nan", "-inf", " 5", "5 ", "5\n",
        "５", "１２", "٣", "1.2.3", "--5", "-", "%", "5%%", "5 %", "1_000", "5％", "½", "1/2", "- 5", "0b1", "1.", "-.5",
    ])
    func rejects(text: String) {
        #expect(NumberSyntax.parse(text) == nil)
        if case .failure(let error) = NumberSyntax.parseResult(text) {
            #expect(!error.isOutOfRange)
            #expect(!error.message.zh.isEmpty && !error.message.en.isEmpty)
        } else {
            Issue.record("accepted \(text)")
        }
    }

    @Test(arguments: [
        "1234567890123456789",
        "-1234567890123456789",
        "99999999999999999999%",
        "0.0000000000000000001",
        "0.000000000000000001%",
        "1.0000000000000000001",
        "100000000000000000000000",
    ])
    func outOfRangeIsDistinct(text: String) {
        #expect(NumberSyntax.parse(text) == nil)
        guard case .failure(let error) = NumberSyntax.parseResult(text) else {
            Issue.record("accepted \(text)")
            return
        }
        #expect(error.isOutOfRange)
    }

    @Test func errorOffsets() {
        let cases: [(String, Int)] = [("1e3", 1), ("12,5", 2), ("5.", 1), (".5", 0), ("+5", 0), ("5 %", 1), ("", 0)]
        for (text, offset) in cases {
            guard case .failure(let error) = NumberSyntax.parseResult(text) else {
                Issue.record("accepted \(text)")
                continue
            }
            #expect(error.offset == offset, "\(text)")
        }
    }
}

/// Decimal text against the plain long division it replaced (strings and arrays, no shared
/// buffer), on values at every scale: the two must agree digit for digit.
@Suite("Decimal text")
struct DecimalTextTests {
    /// The reference: long division, one string per part.
    static func reference(_ numerator: Int128, _ denominator: Int128, places: Int, rounding: Rational.Rounding, grouping: Bool) -> String {
        let negative = numerator < 0
        let divisor = denominator.magnitude
        var integerPart = numerator.magnitude / divisor
        var remainder = numerator.magnitude % divisor
        var fraction: [UInt8] = []
        for _ in 0..<max(0, places) {
            remainder *= 10
            fraction.append(UInt8(remainder / divisor))
            remainder %= divisor
        }
        let awayFromZero: Bool
        switch rounding {
        case .towardZero: awayFromZero = false
        case .down: awayFromZero = negative
        case .up: awayFromZero = !negative
        case .toNearestOrAwayFromZero: awayFromZero = remainder >= divisor - remainder
        }
        if remainder != 0 && awayFromZero {
            var index = fraction.count - 1
            while index >= 0 && fraction[index] == 9 {
                fraction[index] = 0
                index -= 1
            }
            if index >= 0 { fraction[index] += 1 } else { integerPart += 1 }
        }
        var digits = String(integerPart)
        if grouping {
            var grouped = ""
            for (index, character) in digits.enumerated() {
                if index > 0 && (digits.count - index) % 3 == 0 { grouped += "," }
                grouped.append(character)
            }
            digits = grouped
        }
        let isZero = integerPart == 0 && fraction.allSatisfy { $0 == 0 }
        return (negative && !isZero ? "-" : "") + digits + (places > 0 ? "." + fraction.map { String($0) }.joined() : "")
    }

    static let roundings: [Rational.Rounding] = [.down, .up, .towardZero, .toNearestOrAwayFromZero]

    @Test("decimalText agrees with long division", arguments: 0..<8)
    func decimalText(places: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let edges: [Int64] = [0, 1, -1, 9, 10, 99, 999, 1_000, -1_000, 999_999, .max, .min + 1, .max - 1]
        for _ in 0..<2_000 {
            let scale = Int64.random(in: 0...18, using: &generator)
            var magnitude: Int64 = 1
            for _ in 0..<scale { magnitude *= 10 }
            let numerator = Bool.random() ? edges.randomElement()! : Int64.random(in: -magnitude...magnitude)
            let denominator = Bool.random() ? edges.filter { $0 > 0 }.randomElement()! : Int64.random(in: 1...magnitude)
            let value = try Rational(numerator, denominator)
            for rounding in Self.roundings {
                let expected = Self.reference(Int128(value.numerator), Int128(value.denominator), places: places, rounding: rounding, grouping: false)
                #expect(value.decimalText(places: places, rounding: rounding) == expected, "\(numerator)/\(denominator)")
            }
        }
    }

    @Test("grouped displays agree with long division, beyond 64 bits too")
    func grouped() throws {
        var generator = SystemRandomNumberGenerator()
        let values = try (0..<3_000).map { _ in
            try Rational(Int64.random(in: .min + 1 ... .max, using: &generator), Int64.random(in: 1...1_000, using: &generator))
        } + [Rational(Int64.max), Rational(-Int64.max), Rational(0), Rational(999), Rational(1_000), Rational(-1_000_000)]
        for value in values {
            let number = Self.reference(Int128(value.numerator), Int128(value.denominator), places: value.decimalPlaces.map { min($0, 2) } ?? 2, rounding: .towardZero, grouping: true)
            #expect(Verdict.displayNumber(value) == number)
            // A percent multiplies by 100: numerators past 64 bits.
            let percent = Self.reference(Int128(value.numerator) * 100, Int128(value.denominator), places: 2, rounding: .towardZero, grouping: true) + "%"
            #expect(Verdict.displayPercent(value, target: nil) == percent)
        }
        #expect(Verdict.displayPercent(Rational(Int64.max), target: nil) == "922,337,203,685,477,580,700.00%")
    }
}
