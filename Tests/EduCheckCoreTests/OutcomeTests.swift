import Testing
@testable import EduCheckCore

@Suite("Outcome: a value, though its fields are shared between copies")
struct OutcomeTests {
    static func sample() -> Outcome {
        Outcome(
            rule: "class-teacher-b-certificate", unit: "440104", scope: .unit, status: .fail, severity: .error,
            gap: Rational(3), reasons: [LocalizedText(zh: "缺少", en: "missing")],
            evidence: [Outcome.Evidence(location: SourceLocation(path: "440104.yaml", line: 3, column: 5), unit: "440104", metric: "t.whole")])
    }

    @Test("changing a copy, in any way, leaves the original as it was")
    func copiesAreIndependent() {
        let original = Self.sample()
        var copy = original
        #expect(copy == original)
        copy.status = .waived
        copy.reasons.append(LocalizedText(zh: "另一条", en: "another"))
        copy.evidence[0].location.line = 99
        copy.notes["440104"] = nil
        copy.waiver = Waiver(rule: "class-teacher-b-certificate", unit: "440104", reason: "r", approvedBy: "a", document: "d", expires: CalendarDate(year: 2025, month: 12, day: 31))
        #expect(original.status == .fail)
        #expect(original.reasons.count == 1)
        #expect(original.evidence[0].location.line == 3)
        #expect(original.waiver == nil)
        #expect(copy.status == .waived && copy.reasons.count == 2 && copy.evidence[0].location.line == 99 && copy.waiver != nil)
        #expect(copy != original)
    }

    @Test("equal results are equal and hash alike, whether or not they share their fields")
    func equality() {
        let shared = Self.sample()
        let separate = Self.sample()
        var changedBack = shared
        changedBack.gap = Rational(4)
        changedBack.gap = Rational(3)
        for other in [shared, separate, changedBack] {
            #expect(other == shared)
            #expect(other.hashValue == shared.hashValue)
        }
        var different = separate
        different.unit = "440105"
        #expect(different != shared)
    }
}
