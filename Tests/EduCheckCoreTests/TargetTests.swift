import EduCheckCore
import Testing

private func fraction(_ numerator: Int64, _ denominator: Int64) -> Rational {
    (try? Rational(numerator, denominator)) ?? .zero
}

private func target(_ text: String) throws -> Target {
    try Target.parse(text).get()
}

@Suite("Target")
struct TargetTests {
    @Test(arguments: [
        (">= 99%", Comparator.atLeast, fraction(99, 100), true),
        ("≥ 99%", .atLeast, fraction(99, 100), true),
        (">99%", .greaterThan, fraction(99, 100), true),
        ("> 55%", .greaterThan, fraction(55, 100), true),
        ("= 100%", .equal, 1, true),
        ("== 100%", .equal, 1, true),
        ("<= 5", .atMost, 5, false),
        ("≤ 5", .atMost, 5, false),
        ("< 3", .lessThan, 3, false),
        (">= 60000", .atLeast, 60000, false),
        ("= 0", .equal, 0, false),
        (">= -5", .atLeast, -5, false),
        ("  >=   99%  ", .atLeast, fraction(99, 100), true),
        (">= 99.5%", .atLeast, fraction(995, 1000), true),
        (">= 0440104", .atLeast, 440104, false),
        ("99%以上", .atLeast, fraction(99, 100), true),
        ("99%及以上", .atLeast, fraction(99, 100), true),
        ("99％以上", .atLeast, fraction(99, 100), true),
        ("99% 以上", .atLeast, fraction(99, 100), true),
        ("5以下", .atMost, 5, false),
        ("10以内", .atMost, 10, false),
        ("30对以上", .atLeast, 30, false),
        ("超过55%", .greaterThan, fraction(55, 100), true),
        ("高于50%", .greaterThan, fraction(1, 2), true),
        ("多于3", .greaterThan, 3, false),
        ("达到100%", .atLeast, 1, true),
        ("不低于70%", .atLeast, fraction(7, 10), true),
        ("不低于 70%", .atLeast, fraction(7, 10), true),
        ("不少于12个", .atLeast, 12, false),
        ("至少3所", .atLeast, 3, false),
        ("不超过5", .atMost, 5, false),
        ("不高于5%", .atMost, fraction(1, 20), true),
        ("不多于3名", .atMost, 3, false),
        ("不满18", .lessThan, 18, false),
        ("低于5%", .lessThan, fraction(1, 20), true),
        ("少于3人", .lessThan, 3, false),
        ("全覆盖", .equal, 1, true),
        ("全员", .equal, 1, true),
        ("配齐", .equal, 1, true),
        (" 全覆盖 ", .equal, 1, true),
        ("6万以上", .atLeast, 60000, false),
        ("6万个以上", .atLeast, 60000, false),
        ("不少于6万个", .atLeast, 60000, false),
        (">= 1.5万", .atLeast, 15000, false),
        ("1.5亿以下", .atMost, 150_000_000, false),
        ("达到99%以上", .atLeast, fraction(99, 100), true),
        ("不少于12项以上", .atLeast, 12, false),
        ("9个以上", .atLeast, 9, false),
        (">= 10000", .atLeast, 10000, false),
    ] as [(String, Comparator, Rational, Bool)])
    func parsesNumberTargets(text: String, comparator: Comparator, value: Rational, isPercent: Bool) throws {
        let parsed = try target(text)
        #expect(parsed.comparator == comparator)
        #expect(parsed.value == .number(value, isPercent: isPercent))
        #expect(parsed.text == text)
    }

    @Test(arguments: [
        ("= true", true), ("== true", true), ("true", true), ("=true", true),
        ("= false", false), ("false", false), ("= 是", true), ("否", false),
    ])
    func parsesFlagTargets(text: String, flag: Bool) throws {
        let parsed = try target(text)
        #expect(parsed.comparator == .equal)
        #expect(parsed.value == .flag(flag))
        #expect(parsed.isMet(by: flag))
        #expect(!parsed.isMet(by: !flag))
        #expect(!parsed.isMet(by: Rational.one))
    }

    @Test(arguments: [
        ("99%", 0),                   // bare number: ambiguous
        ("60000", 0),
        ("", 0),
        ("   ", 0),
        ("abc", 0),
        (">= ", 3),
        (">=", 2),
        ("超过55%以上", 5),           // contradicts itself
        ("= 100%以上", 6),
        ("> true", 0),
        ("超过true", 0),
        (">= 1e3", 4),
        (">= 1,520", 4),
        (">= 99 %", 6),
        ("≥ ９９%", 2),
        ("99%个以上", 3),
        (">= 5万%", 5),
        ("=> 5", 1),
        ("!= 5", 0),
        (">= 0x10", 4),
        ("全覆盖 100%", 4),
        ("以上", 0),
        (">= .5", 3),
        (">= 5.", 4),
        (">= +5", 3),
        ("> = 5", 2),
        ("超过 99999999999亿", 3),
        (">= 1234567890123456789", 3),
        ("不足5", 0),
        ("truely", 0),
        ("= trueish", 2),
        ("5万万", 2),
    ])
    func rejects(text: String, offset: Int) {
        switch Target.parse(text) {
        case .success(let parsed):
            Issue.record("accepted \(text) as \(parsed)")
        case .failure(let error):
            #expect(error.offset == offset, "\(text): \(error.message.en)")
            #expect(error.message.zh.contains("99%以上"))
            #expect(error.message.en.contains("Accepted forms"))
        }
    }

    @Test func bareNumberMessageSaysAmbiguous() throws {
        guard case .failure(let error) = Target.parse("99%") else {
            Issue.record("accepted a bare number")
            return
        }
        #expect(error.message.en.contains("ambiguous"))
        #expect(error.message.zh.contains("含义不明"))
    }

    @Test func tooLongIsRefused() {
        let text = ">= " + String(repeating: "9", count: 300)
        guard case .failure(let error) = Target.parse(text) else {
            Issue.record("accepted a 300-character target")
            return
        }
        #expect(error.offset == Target.maximumLength)
    }

    @Test(arguments: [
        (">= 99%", "≥ 99%", "≥ 99%"),
        ("99%以上", "≥ 99%", "≥ 99%"),
        ("超过55%", "> 55%", "> 55%"),
        ("全员", "= 100%", "= 100%"),
        ("= 100%", "= 100%", "= 100%"),
        (">= 60000", "≥ 60,000", "≥ 60,000"),
        ("6万个以上", "≥ 60,000", "≥ 60,000"),
        ("1.5万以上", "≥ 15,000", "≥ 15,000"),
        ("99.5%以上", "≥ 99.5%", "≥ 99.5%"),
        ("<= 0.5", "≤ 0.5", "≤ 0.5"),
        ("不满18", "< 18", "< 18"),
        ("= 0", "= 0", "= 0"),
        ("= true", "= 是", "= true"),
        ("false", "= 否", "= false"),
        (">= -1500", "≥ -1,500", "≥ -1,500"),
    ])
    func display(text: String, zh: String, en: String) throws {
        let display = try target(text).display
        #expect(display.zh == zh)
        #expect(display.en == en)
    }

    @Test func percentDecimals() throws {
        #expect(try target(">= 99%").percentDecimals == 0)
        #expect(try target(">= 99.5%").percentDecimals == 1)
        #expect(try target(">= 99.125%").percentDecimals == 3)
        #expect(try target(">= 60000").percentDecimals == nil)
        #expect(try target("= true").percentDecimals == nil)
    }

    @Test func displayParsesBackToTheSameTarget() throws {
        // Grouped thousands (`≥ 60,000`) are display only and deliberately not target syntax.
        for text in [">= 99%", "超过55%", "全员", ">= 600", "不满18", "99.5%以上", "<= 0.5", "= true", "false"] {
            let original = try target(text)
            for display in [original.display.en, original.display.zh] {
                let reparsed = try target(display)
                #expect(reparsed.comparator == original.comparator, "\(text)")
                #expect(reparsed.value == original.value, "\(text)")
            }
        }
        #expect(throws: TargetSyntaxError.self) { try target("≥ 60,000") }
    }

    // MARK: - Statutory wording table

    @Test func wordingTableIsTheSpecTable() {
        let table = Target.statutoryWordings
        #expect(table.count == 20)
        #expect(Set(table.map(\.word)).count == table.count)
        func words(_ comparator: Comparator) -> Set<String> {
            Set(table.filter { $0.comparator == comparator }.map(\.word))
        }
        #expect(words(.atLeast) == ["以上", "及以上", "达到", "不低于", "不少于", "至少"])
        #expect(words(.greaterThan) == ["超过", "高于", "多于"])
        #expect(words(.atMost) == ["以下", "以内", "不超过", "不高于", "不多于"])
        #expect(words(.lessThan) == ["不满", "低于", "少于"])
        #expect(words(.equal) == ["全覆盖", "全员", "配齐"])
        #expect(table.filter { $0.position == .standalone }.allSatisfy { $0.comparator == .equal })
        #expect(Set(table.filter { $0.position == .suffix }.map(\.word)) == ["以上", "及以上", "以下", "以内"])
    }

    /// Civil Code art. 1259 at the boundary: 500 of 1,000 against 50%, and one either side
    /// (standalone wordings mean 100%: 999, 1,000, 1,001 of 1,000). Expected outcomes are written
    /// out by hand, independently of the table.
    @Test(arguments: [
        ("以上", [false, true, true]),
        ("及以上", [false, true, true]),
        ("达到", [false, true, true]),
        ("不低于", [false, true, true]),
        ("不少于", [false, true, true]),
        ("至少", [false, true, true]),
        ("超过", [false, false, true]),
        ("高于", [false, false, true]),
        ("多于", [false, false, true]),
        ("以下", [true, true, false]),
        ("以内", [true, true, false]),
        ("不超过", [true, true, false]),
        ("不高于", [true, true, false]),
        ("不多于", [true, true, false]),
        ("不满", [true, false, false]),
        ("低于", [true, false, false]),
        ("少于", [true, false, false]),
        ("全覆盖", [false, true, false]),
        ("全员", [false, true, false]),
        ("配齐", [false, true, false]),
    ])
    func everyWordingAtTheBoundary(word: String, expected: [Bool]) throws {
        let wording = try #require(Target.statutoryWordings.first { $0.word == word })
        let text: String
        let line: Int64
        switch wording.position {
        case .prefix: text = word + "50%"; line = 500
        case .suffix: text = "50%" + word; line = 500
        case .standalone: text = word; line = 1000
        }
        let parsed = try target(text)
        #expect(parsed.comparator == wording.comparator)
        let outcomes = [line - 1, line, line + 1].map { parsed.isMet(by: fraction($0, 1000)) }
        #expect(outcomes == expected, "\(text)")
        // The same boundary with a count and a measure word.
        if wording.position != .standalone {
            let counted = try target(wording.position == .prefix ? word + "50个" : "50个" + word)
            #expect([49, 50, 51].map { counted.isMet(by: Rational($0)) } == expected, "\(word) count")
        }
    }

    @Test func exactBoundariesFromTheSpec() throws {
        #expect(try target("99%以上").isMet(by: fraction(99, 100)))
        #expect(try target("99%以上").isMet(by: fraction(990, 1000)))
        #expect(!(try target("超过55%").isMet(by: fraction(55, 100))))
        #expect(!(try target("超过55%").isMet(by: fraction(4400, 8000))))
        #expect(try target("超过55%").isMet(by: fraction(4401, 8000)))
        #expect(!(try target(">= 99%").isMet(by: true)))
    }

    @Test func wordingsInAQuote() {
        #expect(Target.wordings(in: "适龄残疾儿童义务教育阶段入学率保持在99%以上").map(\.word) == ["以上"])
        #expect(Target.wordings(in: "专职思政课教师配备比例不低于70%").map(\.word) == ["不低于"])
        #expect(Target.wordings(in: "体质健康优良率超过55%").map(\.word) == ["超过"])
        #expect(Target.wordings(in: "不超过5人").map(\.word) == ["不超过"])
        #expect(Target.wordings(in: "95%及以上").map(\.word) == ["及以上"])
        #expect(Target.wordings(in: "初高中专职思政课教师配齐，实施全员导师制").map(\.word) == ["配齐", "全员"])
        #expect(Target.wordings(in: "新增基础教育公办学位6万个").isEmpty)
    }

    @Test func comparatorBasics() {
        #expect(Comparator(rawValue: ">=") == .atLeast)
        #expect(Comparator.allCases.map(\.symbol) == ["≥", ">", "≤", "<", "="])
        #expect(Comparator.allCases.filter(\.includesBoundary) == [.atLeast, .atMost, .equal])
    }
}
