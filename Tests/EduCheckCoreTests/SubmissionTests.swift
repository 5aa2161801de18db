import EduCheckCore
import Testing

@Suite("Submission: a value, though its fields are shared between copies")
struct SubmissionTests {
    static let here = SourceLocation(path: "a.yaml", line: 3, column: 5)

    @Test("changing a copy, field by field, leaves the original as it was")
    func copiesAreIndependent() {
        let original = Submission(
            path: "a.yaml", unit: "440104", period: 2025, metrics: ["m": ReportedValue(.number(Rational(1)), at: Self.here)],
            previousPeriod: 2024, previous: ["m": ReportedValue(.number(Rational(2)), at: Self.here)],
            notes: ["r": UnitNote(text: "说明", location: Self.here)])
        var copy = original
        copy.path = "b.yaml"
        copy.unit = "440105"
        copy.period = 2026
        copy.metrics["m"] = ReportedValue(.flag(true), at: Self.here)
        copy.previousPeriod = nil
        copy.previous["n"] = ReportedValue(.text("x"), at: Self.here)
        copy.notes["r"]?.text = "改"
        copy.files.append("rows.csv")
        copy.schools = nil

        #expect(original.path == "a.yaml" && original.unit == "440104" && original.period == 2025)
        #expect(original.metrics["m"]?.number == Rational(1))
        #expect(original.previousPeriod == 2024 && original.previous.count == 1)
        #expect(original.notes["r"]?.text == "说明")
        #expect(original.files == ["a.yaml"])

        #expect(copy.path == "b.yaml" && copy.unit == "440105" && copy.period == 2026)
        #expect(copy.metrics["m"]?.flag == true)
        #expect(copy.previousPeriod == nil && copy.previous.count == 2)
        #expect(copy.notes["r"]?.text == "改")
        #expect(copy.files == ["a.yaml", "rows.csv"])
    }

    @Test("a submission changed in place keeps its changes")
    func inPlace() {
        var submission = Submission(path: "a.yaml", unit: "440104", period: 2025)
        for value in 0..<100 {
            submission.metrics["m\(value)"] = ReportedValue(.number(Rational(Int64(value))), at: Self.here)
        }
        #expect(submission.metrics.count == 100)
        #expect(submission.metrics["m42"]?.number == Rational(42))
    }
}
