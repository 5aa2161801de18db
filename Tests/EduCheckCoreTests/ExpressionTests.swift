import EduCheckCore
import Testing

private func fraction(_ numerator: Int64, _ denominator: Int64) -> Rational {
    (try? Rational(numerator, denominator)) ?? .zero
}

/// A school row or a unit's metrics, as the lookup closure sees them.
private let row: [String: ExpressionValue] = [
    "stage": .text("primary"),
    "ownership": .text("public"),
    "students": .number(1800),
    "backbone_teachers": .number(21),
    "special_education.enrolled_disabled_children": .number(1506),
    "special_education.school_age_disabled_children": .number(1520),
    "mental_health.unified_hotline": .flag(true),
    "x": .number(5),
    "y": .number(0),
    "z": .number(fraction(1, 3)),
    "name": .text("华阳小学"),
    "big": .number(Rational(.max)),
]

private func evaluate(_ text: String, _ values: [String: ExpressionValue] = row) throws -> ExpressionValue {
    try Expression.parse(text).evaluate { values[$0] }
}

/// Parses (which must succeed) and evaluates, keeping the evaluation error typed.
private func evaluation(_ text: String) throws -> Swift.Result<ExpressionValue, ExpressionEvaluationError> {
    let expression = try Expression.parse(text)
    return Swift.Result { () throws(ExpressionEvaluationError) in try expression.evaluate { row[$0] } }
}

@Suite("Expression")
struct ExpressionTests {
    // MARK: - Evaluation

    @Test(arguments: [
        ("stage in [primary, junior_secondary, nine_year]", ExpressionValue.flag(true)),
        ("stage not in [primary, junior_secondary, nine_year]", .flag(false)),
        ("stage in [junior_secondary, nine_year, complete_secondary, twelve_year]", .flag(false)),
        ("stage in []", .flag(false)),
        ("stage in [\"primary\"]", .flag(true)),
        ("backbone_teachers * 100 >= students", .flag(true)),
        ("backbone_teachers * 100 >= students + 301", .flag(false)),
        ("special_education.enrolled_disabled_children / special_education.school_age_disabled_children >= 99%", .flag(true)),
        ("special_education.enrolled_disabled_children / special_education.school_age_disabled_children", .number(fraction(753, 760))),
        ("not mental_health.unified_hotline or x > 3 and y != 0", .flag(false)),
        ("not mental_health.unified_hotline or x > 3 and y = 0", .flag(true)),
        ("! mental_health.unified_hotline || x > 3 && y == 0", .flag(true)),
        ("not not mental_health.unified_hotline", .flag(true)),
        ("1 + 2 * 3", .number(7)),
        ("(1 + 2) * 3", .number(9)),
        ("10 - 4 - 3", .number(3)),
        ("10 - (4 - 3)", .number(9)),
        ("2 / 4 / 2", .number(fraction(1, 4))),
        ("-x + 2", .number(-3)),
        ("- -x", .number(5)),
        ("-(x * 2)", .number(-10)),
        ("x * -2", .number(-10)),
        ("z * 3 = 1", .flag(true)),
        ("0.1 + 0.2 = 0.3", .flag(true)),
        ("99% = 0.99", .flag(true)),
        ("55% < 0.55", .flag(false)),
        ("x <> 5", .flag(false)),
        ("x ≥ 5", .flag(true)),
        ("x ≤ 4", .flag(false)),
        ("x ≠ 4", .flag(true)),
        ("x in [1, 5, -3]", .flag(true)),
        ("-3 in [1, 5, -3]", .flag(true)),
        ("x not in [1.5, 2]", .flag(true)),
        ("mental_health.unified_hotline in [true]", .flag(true)),
        ("mental_health.unified_hotline = true", .flag(true)),
        ("mental_health.unified_hotline != false", .flag(true)),
        ("name = \"华阳小学\"", .flag(true)),
        ("\"say \\\"hi\\\"\"", .text("say \"hi\"")),
        ("ownership = \"private\"", .flag(false)),
        ("true and false or true", .flag(true)),
        ("true and (false or true)", .flag(true)),
        ("false and (false or true)", .flag(false)),
        ("0440104", .number(440104)),
        ("  x\n  >\t3  ", .flag(true)),
    ])
    func evaluates(text: String, expected: ExpressionValue) throws {
        #expect(try evaluate(text) == expected)
    }

    @Test func shortCircuitSkipsDivisionAndMissingNames() throws {
        #expect(try evaluate("y != 0 and x / y > 1") == .flag(false))
        #expect(try evaluate("y = 0 or x / y > 1") == .flag(true))
        #expect(try evaluate("false and missing.metric > 1") == .flag(false))
        #expect(try evaluate("true or missing.metric > 1") == .flag(true))
    }

    @Test func unknownIdentifierNamesTheMissingValue() throws {
        let expression = try Expression.parse("x + special_education.unknown_metric")
        do {
            _ = try expression.evaluate { row[$0] }
            Issue.record("evaluated with a missing value")
        } catch {
            #expect(error.missingIdentifier == "special_education.unknown_metric")
            #expect(error.message.en.contains("special_education.unknown_metric"))
            #expect(!error.isTypeMismatch)
        }
    }

    @Test(arguments: [
        "stage + 1",
        "stage < \"z\"",
        "stage = 1",
        "mental_health.unified_hotline > false",
        "mental_health.unified_hotline + 1",
        "not x",
        "x and true",
        "false or x",
        "-stage",
        "stage in [1, 2]",
        "x in [primary]",
        "x * (x > 1)",
        "name = true",
    ])
    func typeMismatches(text: String) throws {
        switch try evaluation(text) {
        case .success(let value):
            Issue.record("\(text) evaluated to \(value)")
        case .failure(let error):
            #expect(error.isTypeMismatch, "\(text)")
            #expect(error.missingIdentifier == nil)
            #expect(!error.message.zh.isEmpty && !error.message.en.isEmpty)
        }
    }

    @Test func evaluateFlagAndNumberCheckTheResultKind() throws {
        let predicate = try Expression.parse("backbone_teachers * 100 >= students")
        #expect(try predicate.evaluateFlag { row[$0] })
        #expect(throws: ExpressionEvaluationError.self) { try predicate.evaluateNumber { row[$0] } }
        let quantity = try Expression.parse("students / backbone_teachers")
        #expect(try quantity.evaluateNumber { row[$0] } == fraction(600, 7))
        #expect(throws: ExpressionEvaluationError.self) { try quantity.evaluateFlag { row[$0] } }
    }

    @Test(arguments: ["x / y", "x / (x - 5)", "1 / 0", "z / 0%"])
    func divisionByZeroIsAnError(text: String) throws {
        switch try evaluation(text) {
        case .success(let value):
            Issue.record("\(text) evaluated to \(value)")
        case .failure(let error):
            #expect(error.isDivisionByZero)
        }
    }

    @Test(arguments: [
        "big + 1",
        "big * 2",
        "-big - 2",
        "999999999999999999 * 999999999999999999",
        "1 / big + 1 / (big - 1)",
    ])
    func overflowIsAnErrorNotAWrap(text: String) throws {
        switch try evaluation(text) {
        case .success(let value):
            Issue.record("\(text) evaluated to \(value)")
        case .failure(let error):
            #expect(error.isOverflow, "\(text)")
        }
    }

    @Test func hugeComparisonsAreExact() throws {
        #expect(try evaluate("big / (big - 1) > (big - 1) / (big - 2)") == .flag(false))
        #expect(try evaluate("big - 1 < big") == .flag(true))
    }

    // MARK: - Identifiers

    @Test func identifiersAreSortedAndUnique() throws {
        let expression = try Expression.parse(
            "b.y + a * b.y > c and (stage in [primary, nine_year] or not flag) and a != 0"
        )
        #expect(expression.identifiers == ["a", "b.y", "c", "flag", "stage"])
        #expect(try Expression.parse("1 + 2").identifiers.isEmpty)
        #expect(try Expression.parse("stage in [x, y]").identifiers == ["stage"])
    }

    // MARK: - Syntax errors

    @Test(arguments: [
        ("", 0),
        ("   ", 0),
        ("1e3", 1),
        ("x +", 3),
        ("(x", 2),
        ("x)", 1),
        ("x y", 2),
        ("X > 1", 0),
        ("x > True", 4),
        ("stageX = 1", 5),
        ("stage in primary", 9),
        ("a < b < c", 6),
        ("a = b in [c]", 6),
        ("[1]", 0),
        ("1,520", 1),
        (".5", 0),
        ("5. + 1", 1),
        ("x = ", 4),
        ("\"abc", 0),
        ("a & b", 2),
        ("a | b", 2),
        ("x in [a, 1]", 9),
        ("x in [a b]", 8),
        ("x in [a,", 8),
        ("and", 0),
        ("x and", 5),
        ("x.", 2),
        ("x.1", 2),
        ("x..y", 2),
        ("12abc", 2),
        ("２ > 1", 0),
        ("x > 1 %", 6),
        ("1234567890123456789 > 0", 0),
        ("x = \"a\\n\"", 6),
        ("x ** 2", 3),
        ("x^2", 1),
        ("f(x)", 1),
        ("x;", 1),
        ("x = 1\u{3000}", 5),
        ("not in [a]", 4),
        ("x in (a)", 5),
    ])
    func syntaxErrors(text: String, offset: Int) {
        do {
            let expression = try Expression.parse(text)
            Issue.record("parsed \(text) as \(expression)")
        } catch {
            #expect(error.offset == offset, "\(text): \(error.message.en)")
            #expect(!error.message.zh.isEmpty && !error.message.en.isEmpty)
        }
    }

    // MARK: - Hostile input

    @Test func tenThousandParenthesesFailFast() {
        let text = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(throws: ExpressionSyntaxError.self) { try Expression.parse(text) }
        }
        #expect(elapsed < .seconds(1))
    }

    @Test func deepNestingWithinTheLengthLimitIsRefused() {
        let text = String(repeating: "(", count: 2_000) + "1" + String(repeating: ")", count: 2_000)
        #expect(text.count <= Expression.maximumLength)
        do {
            _ = try Expression.parse(text)
            Issue.record("parsed 2,000 nested parentheses")
        } catch {
            #expect(error.offset == Expression.maximumDepth)
            #expect(error.message.en.contains("64"))
        }
        #expect(throws: ExpressionSyntaxError.self) {
            try Expression.parse(String(repeating: "-", count: 3_000) + "1")
        }
        #expect(throws: ExpressionSyntaxError.self) {
            try Expression.parse(String(repeating: "not ", count: 1_000) + "true")
        }
        #expect(throws: ExpressionSyntaxError.self) {
            try Expression.parse(String(repeating: "!", count: 4_000) + "true")
        }
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let depth = Expression.maximumDepth
        let text = String(repeating: "(", count: depth) + "x" + String(repeating: ")", count: depth)
        #expect(try evaluate(text) == .number(5))
        let tooDeep = "(" + text + ")"
        #expect(throws: ExpressionSyntaxError.self) { try Expression.parse(tooDeep) }
    }

    @Test func oversizedTextIsRefused() {
        let text = String(repeating: "x + ", count: 25_000) + "x"   // 100 KB
        do {
            _ = try Expression.parse(text)
            Issue.record("parsed 100 KB")
        } catch {
            #expect(error.offset == Expression.maximumLength)
        }
        let wide = String(repeating: "字", count: Expression.maximumLength + 1)
        #expect(throws: ExpressionSyntaxError.self) { try Expression.parse(wide) }
    }

    @Test func longFlatChainsDoNotRecurse() throws {
        // 2,000 terms just under the length limit: a flat sum, not a 2,000-deep tree.
        let sum = String(repeating: "x + ", count: 1_000) + "x"
        #expect(try evaluate(sum) == .number(5_005))
        let conjunction = String(repeating: "x > 1 and ", count: 400) + "true"
        #expect(try evaluate(conjunction) == .flag(true))
        let product = String(repeating: "1 * ", count: 1_000) + "x"
        #expect(try evaluate(product) == .number(5))
    }

    // MARK: - Printing

    @Test(arguments: [
        "stage in [primary, junior_secondary, nine_year]",
        "backbone_teachers * 100 >= students",
        "not mental_health.unified_hotline or x > 3 and y != 0",
        "(a or b) and not (c = 1)",
        "a - (b - c)",
        "a / (b * c)",
        "-(a + b) * -2",
        "x not in [1.5, -2, 3]",
        "name in [\"华阳小学\", \"a b\", \"true\"]",
        "not not a",
        "(a = b) = (c = d)",
        "99% <= x / y",
        "a and (b or c) and d",
        "- - 5",
        "(a + b) + c",
        "(a * b) / c - (d - e)",
        "(a and b) and c",
    ])
    func descriptionParsesBackToTheSameExpression(text: String) throws {
        let expression = try Expression.parse(text)
        let printed = expression.description
        #expect(try Expression.parse(printed) == expression, "\(text) → \(printed)")
    }

    @Test func canonicalForms() throws {
        #expect(try Expression.parse("(a+b)*c").description == "(a + b) * c")
        #expect(try Expression.parse("((a))").description == "a")
        #expect(try Expression.parse("a && b || !c").description == "a and b or not c")
        #expect(try Expression.parse("x == 99%").description == "x = 0.99")
        #expect(try Expression.parse("x <> 1").description == "x != 1")
    }

    // MARK: - Throughput

    /// 600,000 school rows: parse once, evaluate per row.
    @Test func evaluatesSixHundredThousandRows() throws {
        let filter = try Expression.parse("stage in [primary, junior_secondary, nine_year, complete_secondary, twelve_year]")
        let predicate = try Expression.parse("backbone_teachers * 100 >= students")
        let stages: [ExpressionValue] = [.text("primary"), .text("junior_secondary"), .text("kindergarten")]
        var matching = 0
        var meeting = 0
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for index in 0..<600_000 {
                let stage = stages[index % 3]
                let students = ExpressionValue.number(Rational(Int64(1000 + index % 1000)))
                let teachers = ExpressionValue.number(Rational(Int64(index % 20)))
                let lookup: (String) -> ExpressionValue? = { name in
                    switch name {
                    case "stage": stage
                    case "students": students
                    case "backbone_teachers": teachers
                    default: nil
                    }
                }
                if try filter.evaluateFlag(lookup) {
                    matching += 1
                    if try predicate.evaluateFlag(lookup) { meeting += 1 }
                }
            }
        }
        #expect(matching == 400_000)
        #expect(meeting > 0 && meeting < matching)
        #expect(elapsed < .seconds(60))
    }
}
