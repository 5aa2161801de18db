import EduCheckCore
import Testing

private func fraction(_ numerator: Int64, _ denominator: Int64) -> Rational {
    (try? Rational(numerator, denominator)) ?? .zero
}

private func target(_ text: String) throws -> Target {
    try Target.parse(text).get()
}

@Suite("Verdict")
struct VerdictTests {
    // MARK: - The spec's examples

    @Test func disabledChildrenEnrolment2970Of3000Passes() throws {
        let rule = try target("99%以上")
        #expect(rule.isMet(by: fraction(2970, 3000)))
        #expect(Verdict.gap(numerator: 2970, denominator: 3000, target: rule) == 0)
        #expect(Verdict.passLine(denominator: 3000, target: rule) == 2970)
    }

    /// 0.99 × 1,520 = 1,504.8, so 1,505 is the pass line: 1,505 passes, 1,504 fails by one.
    @Test func ninetyNinePercentOf1520() throws {
        let rule = try target(">= 99%")
        #expect(Verdict.passLine(denominator: 1520, target: rule) == 1505)
        #expect(rule.isMet(by: fraction(1505, 1520)))
        #expect(Verdict.gap(numerator: 1505, denominator: 1520, target: rule) == 0)
        #expect(!rule.isMet(by: fraction(1504, 1520)))
        #expect(Verdict.gap(numerator: 1504, denominator: 1520, target: rule) == 1)
        #expect(Verdict.gap(numerator: 1496, denominator: 1520, target: rule) == 9)
        #expect(Verdict.displayPercent(fraction(1506, 1520), target: rule) == "99.07%")
        #expect(Verdict.displayPercent(fraction(1505, 1520), target: rule) == "99.01%")
        #expect(Verdict.displayPercent(fraction(1504, 1520), target: rule) == "98.94%")
    }

    @Test func fitnessGoodRate4400Of8000FailsByOne() throws {
        let rule = try target("超过55%")
        #expect(!rule.isMet(by: fraction(4400, 8000)))
        #expect(Verdict.gap(numerator: 4400, denominator: 8000, target: rule) == 1)
        #expect(Verdict.passLine(denominator: 8000, target: rule) == 4401)
        #expect(Verdict.displayPercent(fraction(4400, 8000), target: rule) == "55.00%")
        #expect(Verdict.displayPercent(fraction(4401, 8000), target: rule) == "55.01%")
    }

    @Test func fitnessPassLineOf98000Is53901() throws {
        let rule = try target("> 55%")
        #expect(Verdict.passLine(denominator: 98_000, target: rule) == 53_901)
        #expect(!rule.isMet(by: fraction(53_900, 98_000)))
        #expect(rule.isMet(by: fraction(53_901, 98_000)))
        #expect(Verdict.gap(numerator: 53_900, denominator: 98_000, target: rule) == 1)
        #expect(Verdict.gap(numerator: 50_000, denominator: 98_000, target: rule) == 3_901)
        #expect(Verdict.gap(numerator: 53_901, denominator: 98_000, target: rule) == 0)
        // 53,901 / 98,000 = 55.0010…%: truncated it would read 55.00% and seem to fail.
        #expect(Verdict.displayPercent(fraction(53_901, 98_000), target: rule) == "55.01%")
    }

    @Test func everyone799Of800FailsByOne() throws {
        let rule = try target("全员")
        #expect(!rule.isMet(by: fraction(799, 800)))
        #expect(Verdict.gap(numerator: 799, denominator: 800, target: rule) == 1)
        #expect(rule.isMet(by: fraction(800, 800)))
        #expect(Verdict.gap(numerator: 800, denominator: 800, target: rule) == 0)
        #expect(Verdict.displayPercent(fraction(799, 800), target: rule) == "99.87%")
        #expect(Verdict.displayPercent(fraction(99_999, 100_000), target: rule) == "99.99%")
        #expect(Verdict.displayPercent(.one, target: rule) == "100.00%")
    }

    @Test func exactBoundaries() throws {
        #expect(try target("99%以上").isMet(by: fraction(99, 100)))
        #expect(Verdict.gap(numerator: 99, denominator: 100, target: try target("99%以上")) == 0)
        #expect(!(try target("超过55%").isMet(by: fraction(55, 100))))
        #expect(Verdict.gap(numerator: 55, denominator: 100, target: try target("超过55%")) == 1)
        #expect(Verdict.gap(numerator: 11, denominator: 20, target: try target("超过55%")) == 1)
    }

    // MARK: - Pass line

    @Test(arguments: [
        (Int64(1520), ">= 99%", Optional(Int64(1505))),
        (98_000, "> 55%", 53_901),
        (800, "= 100%", 800),
        (800, "全员", 800),
        (3, "= 50%", nil),
        (10, "= 50%", 5),
        (10, "> 100%", nil),
        (10, ">= 100%", 10),
        (10, "<= 20%", 2),
        (10, "< 20%", 1),
        (9, "< 20%", 1),
        (10, "< 0%", nil),
        (10, "<= 0%", 0),
        (0, ">= 99%", nil),
        (-5, ">= 99%", nil),
        (7, ">= 0%", 0),
        (7, "> 0%", 1),
        (7, ">= -10%", 0),
        (7, "<= 200%", 7),
        (38, ">= 90%", 35),
        (3000, "99%以上", 2970),
        (.max, ">= 99%", 9_131_138_316_486_228_049),
        (.max, "= 100%", .max),
    ] as [(Int64, String, Int64?)])
    func passLine(denominator: Int64, targetText: String, expected: Int64?) throws {
        let rule = try target(targetText)
        let line = Verdict.passLine(denominator: denominator, target: rule)
        #expect(line == expected)
        // The line meets the target and its neighbour outside does not.
        if let line {
            #expect(rule.isMet(by: fraction(line, denominator)))
            let ascending = [Comparator.atLeast, .greaterThan, .equal].contains(rule.comparator)
            let neighbour = ascending ? line - 1 : line + 1
            if (0...denominator).contains(neighbour) {
                #expect(!rule.isMet(by: fraction(neighbour, denominator)))
            }
        }
    }

    @Test func passLineForAFlagIsNil() throws {
        #expect(Verdict.passLine(denominator: 10, target: try target("= true")) == nil)
        #expect(Verdict.gap(numerator: 1, denominator: 10, target: try target("= true")) == nil)
        #expect(Verdict.gap(value: 1, target: try target("= true")) == nil)
    }

    // MARK: - Gap

    @Test(arguments: [
        (Int64(0), Int64(10), ">= 50%", Optional(Int64(5))),
        (3, 10, "<= 20%", 1),
        (2, 10, "< 20%", 1),
        (5, 10, "= 50%", 0),
        (7, 10, "= 50%", 2),
        (1, 3, "= 50%", nil),
        (10, 10, "> 100%", nil),
        (30, 38, ">= 90%", 5),
        (0, 0, ">= 90%", nil),
    ] as [(Int64, Int64, String, Int64?)])
    func gapInCounts(numerator: Int64, denominator: Int64, targetText: String, expected: Int64?) throws {
        #expect(Verdict.gap(numerator: numerator, denominator: denominator, target: try target(targetText)) == expected)
    }

    @Test(arguments: [
        (Rational(42_000), ">= 60000", Optional(Rational(18_000))),
        (60_000, ">= 60000", 0),
        (8, "> 10", 3),
        (11, "> 10", 0),
        (10, "> 10", 1),
        (3, "= 0", 3),
        (-3, "= 0", 3),
        (7, "<= 5", 2),
        (6, "< 5", 2),
        (5, "< 5", 1),
        (fraction(1, 2), "> 1", fraction(1, 2)),
        (8, "不少于12个", 4),
        (25, "30对以上", 5),
        (9_000, "6万以上", 51_000),
    ] as [(Rational, String, Rational?)])
    func gapInValues(value: Rational, targetText: String, expected: Rational?) throws {
        #expect(Verdict.gap(value: value, target: try target(targetText)) == expected)
    }

    @Test func gapOverflowIsNilNotAWrap() throws {
        #expect(Verdict.gap(value: Rational(.min), target: try target(">= 5")) == nil)
        #expect(Verdict.gap(numerator: .min, denominator: 1, target: try target(">= 50%")) == nil)
    }

    // MARK: - Progress

    @Test func progressTowardACount() throws {
        let rule = try target(">= 60000")
        let progress = try #require(Verdict.progress(value: 42_000, target: rule))
        #expect(progress == fraction(7, 10))
        #expect(Verdict.displayPercent(progress, target: nil) == "70.00%")
        #expect(Verdict.progress(value: 90_000, target: rule) == fraction(3, 2))
        #expect(Verdict.progress(value: 3, target: try target("= 0")) == nil)
        #expect(Verdict.progress(value: 3, target: try target("<= 5")) == nil)
        #expect(Verdict.progress(value: 3, target: try target("= true")) == nil)
    }

    // MARK: - Display

    @Test(arguments: [
        (fraction(1506, 1520), Optional(">= 99%"), "99.07%"),
        (fraction(98_996, 100_000), ">= 99%", "98.99%"),
        (fraction(55_001, 100_000), "> 55%", "55.01%"),
        (fraction(55, 100), "> 55%", "55.00%"),
        (fraction(99_999, 100_000), "= 100%", "99.99%"),
        (1, "= 100%", "100.00%"),
        (fraction(100_001, 100_000), "= 100%", "100.01%"),
        (fraction(99_999, 100_000), "> 99.99%", "99.999%"),
        (fraction(199, 200), ">= 99.5%", "99.50%"),
        (fraction(99_124, 100_000), ">= 99.125%", "99.124%"),
        (fraction(99_125, 100_000), ">= 99.125%", "99.125%"),
        (fraction(50_001, 1_000_000), "<= 5%", "5.01%"),
        (fraction(5, 100), "<= 5%", "5.00%"),
        (fraction(49_999, 1_000_000), "< 5%", "4.99%"),
        (fraction(2, 3), nil, "66.66%"),
        (fraction(25, 2), nil, "1,250.00%"),
        (0, ">= 99%", "0.00%"),
        (fraction(-1, 1_000_000), nil, "0.00%"),
        (fraction(-50_001, 1_000_000), ">= -5%", "-5.01%"),
        (fraction(9, 10), ">= 60000", "90.00%"),
        (fraction(9, 10), "= true", "90.00%"),
    ] as [(Rational, String?, String)])
    func displayPercent(value: Rational, targetText: String?, expected: String) throws {
        let rule = try targetText.map(target)
        #expect(Verdict.displayPercent(value, target: rule) == expected)
    }

    /// Exhaustively over small wholes: the percent shown meets the target exactly when the value
    /// does, and a value below 100% is never shown as 100%.
    @Test(arguments: [">= 99%", "> 55%", "= 100%", "<= 5%", "< 3%", "99.5%以上", "超过99.99%", ">= 99.125%",
                      "不满50%", "> 0%", "< 100%", "不低于70%", "达到100%", "> 33.33%"])
    func displayNeverContradictsTheVerdict(targetText: String) throws {
        let rule = try target(targetText)
        var checked = 0
        for denominator: Int64 in [1, 2, 3, 7, 38, 800, 1520, 3001, 8000] {
            for numerator in 0...denominator {
                let value = fraction(numerator, denominator)
                let shown = Verdict.displayPercent(value, target: rule)
                let parsed = try #require(NumberSyntax.parse(shown.replacingCommas()), "\(shown)")
                #expect(parsed.isPercent)
                #expect(rule.isMet(by: parsed.value) == rule.isMet(by: value), "\(numerator)/\(denominator) → \(shown)")
                if value < .one { #expect(parsed.value < .one, "\(numerator)/\(denominator) → \(shown)") }
                checked += 1
            }
        }
        // Near the pass line of a large whole.
        let whole: Int64 = 98_000
        if let line = Verdict.passLine(denominator: whole, target: rule) {
            for numerator in max(0, line - 50)...min(whole, line + 50) {
                let value = fraction(numerator, whole)
                let shown = Verdict.displayPercent(value, target: rule)
                let parsed = try #require(NumberSyntax.parse(shown.replacingCommas()))
                #expect(rule.isMet(by: parsed.value) == rule.isMet(by: value), "\(numerator)/\(whole) → \(shown)")
                checked += 1
            }
        }
        #expect(checked > 13_000)
    }

    @Test(arguments: [
        (Rational(60_000), "60,000"),
        (-3, "-3"),
        (0, "0"),
        (fraction(3, 2), "1.5"),
        (fraction(1, 4), "0.25"),
        (fraction(1, 3), "0.33"),
        (fraction(-1, 3), "-0.33"),
        (fraction(2, 3), "0.66"),
        (1_234_567, "1,234,567"),
        (-1_234_567, "-1,234,567"),
        (999, "999"),
        (1000, "1,000"),
        (fraction(123_456_789, 100), "1,234,567.89"),
        (Rational(.max), "9,223,372,036,854,775,807"),
        (Rational(.min), "-9,223,372,036,854,775,808"),
    ] as [(Rational, String)])
    func displayNumber(value: Rational, expected: String) {
        #expect(Verdict.displayNumber(value) == expected)
    }

    @Test func displayPicksPercentOrNumberFromTheTarget() throws {
        #expect(Verdict.display(fraction(1506, 1520), target: try target("99%以上")) == "99.07%")
        #expect(Verdict.display(42_000, target: try target(">= 60000")) == "42,000")
        #expect(Verdict.display(42_000, target: nil) == "42,000")
    }
}

extension String {
    fileprivate func replacingCommas() -> String {
        String(filter { $0 != "," })
    }

    @Test("gap phrases: every {n} replaced, left to right, other text untouched", arguments: [
        ("还需 {n} 名适龄残疾儿童入学", "{n}", "9", "还需 9 名适龄残疾儿童入学"),
        ("{n}{n} and {n}", "{n}", "42", "4242 and 42"),
        ("aaa", "aa", "X", "Xa"),
        ("no placeholder", "{n}", "1", "no placeholder"),
        ("", "{n}", "1", ""),
        ("学校\\名单\\a.csv", "\\", "/", "学校/名单/a.csv"),
        ("{n", "{n}", "1", "{n"),
        ("é{n}é", "{n}", "越秀", "é越秀é"),
    ])
    func replacingAll(_ text: String, _ target: String, _ replacement: String, _ expected: String) {
        #expect(text.replacingAll(target, with: replacement) == expected)
    }
}
