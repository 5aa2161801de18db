import Testing
@testable import EduCheckCore

@Suite("Reported values: spreadsheet habits accepted, ambiguity refused")
struct ValueParserTests {
    @Test("counts", arguments: [
        ("1520", Rational(1520)), ("1,520", Rational(1520)), ("１５２０", Rational(1520)),
        ("12,345,678", Rational(12_345_678)), ("0", Rational(0)), ("0440104", Rational(440_104)),
    ])
    func counts(text: String, expected: Rational?) {
        let parsed = ValueParser.parse(text, kind: .count, what: "x")
        #expect(parsed.content.number == expected)
    }

    @Test("refused where a count is expected", arguments: ["80%", "12.5", "1.10101E+17", "1,52", "-3", "很多", "1 520"])
    func refusedCounts(text: String) {
        let parsed = ValueParser.parse(text, kind: .count, what: "x")
        guard case .invalid = parsed.content else {
            Issue.record("\(text) should be refused")
            return
        }
        #expect(parsed.diagnostics.contains { $0.severity == .error })
    }

    @Test("rates need a percent sign and keep every digit")
    func rates() throws {
        #expect(ValueParser.parse("78.95%", kind: .rate, what: "x").content.number == (try Rational(7895, 10000)))
        guard case .invalid = ValueParser.parse("0.7895", kind: .rate, what: "x").content else {
            Issue.record("a rate without % should be refused")
            return
        }
    }

    @Test("flags: true/false and 是/否, never yes/no", arguments: [("true", true), ("false", false), ("是", true), ("否", false)])
    func flags(text: String, value: Bool) {
        #expect(ValueParser.parse(text, kind: .flag, what: "x").content == .flag(value))
    }
}

@Suite("Rates with thousands separators")
struct RateSeparatorTests {
    @Test("\"1,000%\" groups like \"1,000.5%\"", arguments: [("1,000%", "10"), ("1,000.5%", "2001/200")])
    func grouped(text: String, expected: String) {
        #expect(ValueParser.parse(text, kind: .rate, what: "x").content.number?.description == expected)
    }

    @Test("trimming takes spaces and tabs off both ends only", arguments: [
        ("", ""), ("a", "a"), (" a ", "a"), ("\ta", "a"), ("a\t", "a"), ("越秀 ", "越秀"), (" 越秀", "越秀"),
        ("越 秀", "越 秀"), ("\u{3000}越秀", "\u{3000}越秀"), ("  ", ""),
    ])
    func trimming(_ text: String, _ trimmed: String) {
        #expect(text.trimmingSpaces == trimmed)
        #expect(Substring(text).description.trimmingSpaces == trimmed)
    }
}
