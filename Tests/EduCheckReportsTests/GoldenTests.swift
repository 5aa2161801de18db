import EduCheckCore
import EduCheckReports
import Foundation
import Testing

/// Every format, in both languages, against its golden copy in `Golden/`. Re-record with
/// `EDUCHECK_RECORD_GOLDEN=1 swift test --filter GoldenTests` and review the diff like code.
@Suite("Golden reports")
struct GoldenTests {
    static let cases: [(ReportFormat, Language)] = ReportFormat.allCases.flatMap { format in
        Language.allCases.map { (format, $0) }
    }

    static var recording: Bool {
        ProcessInfo.processInfo.environment["EDUCHECK_RECORD_GOLDEN"] == "1"
    }

    @Test("matches its golden file", arguments: cases)
    func golden(_ format: ReportFormat, _ language: Language) throws {
        let rendered = Array(CanonicalReport.render(format, language).utf8)
        let url = CanonicalReport.golden.appendingPathComponent(CanonicalReport.goldenName(format, language))
        if Self.recording {
            try Data(rendered).write(to: url)
            return
        }
        guard let stored = FileManager.default.contents(atPath: url.path) else {
            Issue.record("no golden file \(url.lastPathComponent); record it with EDUCHECK_RECORD_GOLDEN=1 and review it")
            return
        }
        if [UInt8](stored) != rendered {
            Issue.record("\(url.lastPathComponent) differs: \(Self.firstDifference(rendered, [UInt8](stored))); re-record with EDUCHECK_RECORD_GOLDEN=1 if the change is intended")
        }
    }

    @Test("rendering twice gives the same bytes", arguments: ReportFormat.allCases)
    func deterministic(_ format: ReportFormat) {
        let first = CanonicalReport.render(format)
        let second = format.reporter.render(CanonicalReport.report, context: ReportContext(language: .zh))
        #expect(Array(first.utf8) == Array(second.utf8))
    }

    @Test("the canonical report holds the hard cases")
    func hardCases() {
        let report = CanonicalReport.report
        #expect(report.ruleset.id == "report-test", "the test ruleset did not load: \(report.diagnostics.map(\.message.en))")
        let statuses = Set(report.results.map(\.status))
        #expect(statuses == Set(Outcome.Status.allCases))
        #expect(report.results.contains { $0.scope == .city && $0.status == .missing && $0.evidence.isEmpty && $0.affectedUnits == ["440106"] })
        #expect(report.results.contains { $0.status == .fail && $0.failingRows.contains { $0.name.contains("\n") && $0.name.contains("%") } })
        #expect(report.results.contains { $0.waiver != nil && !$0.notes.isEmpty })
        #expect(report.results.contains { $0.notes.values.contains { $0.text.contains("<script>") } })
        #expect(report.diagnostics.contains { $0.code == "duplicate-key" && $0.severity == .error })
        #expect(report.diagnostics.contains { $0.severity == .warning })
        #expect(report.inputs.contains { $0.path.unicodeScalars.contains { $0.value > 0x7F } })
        #expect(report.results.allSatisfy { !$0.rule.isEmpty })
    }

    private static func firstDifference(_ new: [UInt8], _ old: [UInt8]) -> String {
        let newLines = String(decoding: new, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let oldLines = String(decoding: old, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(newLines.count, oldLines.count) {
            let a = index < newLines.count ? String(newLines[index]) : "<end>"
            let b = index < oldLines.count ? String(oldLines[index]) : "<end>"
            if a != b { return "line \(index + 1): got «\(a)», golden «\(b)»" }
        }
        return "the bytes differ (line ends?)"
    }
}
