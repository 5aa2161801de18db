import EduCheckCore
import EduCheckReports
import Foundation
import Testing

/// Reports written piece by piece (to a file or standard output) are the bytes `render` gives,
/// whatever the piece size and the number of jobs making them.
@Suite("Reports written piece by piece")
struct ReportOutputTests {
    /// The twelve fixture submissions with the city: 294 results, more than one piece of the
    /// results array (pieces hold about 256 small results), so pieces made in parallel meet.
    static let cityReport: CheckReport = Checker.run(Checker.Request(
        paths: ["Fixtures/submissions/2025"], rules: BuiltinRuleset.files, waiversPath: "Fixtures/waivers-2025.yaml", city: true,
        asOf: CalendarDate(year: 2025, month: 11, day: 30), toolVersion: "test",
        workingDirectory: CanonicalReport.repositoryRoot.path))

    static func written(_ format: ReportFormat, _ report: CheckReport, jobs: Int, pieceSize: Int) throws -> (bytes: [UInt8], pieces: Int) {
        var bytes: [UInt8] = []
        var pieces = 0
        var output = ReportOutput(pieceSize: pieceSize) { piece in
            bytes += piece
            pieces += 1
        }
        try format.reporter.write(report, context: ReportContext(language: .zh, jobs: jobs), to: &output)
        return (bytes, pieces)
    }

    @Test("the city report has more results than one piece holds")
    func cityReportIsLarge() {
        #expect(Self.cityReport.results.count > 256)
        #expect(Self.cityReport.results.contains { $0.scope == .city })
    }

    @Test("written = rendered, for every format, piece size and job count", arguments: ReportFormat.allCases, [1, 3])
    func writtenIsRendered(_ format: ReportFormat, jobs: Int) throws {
        let rendered = Array(format.reporter.render(Self.cityReport, context: ReportContext(language: .zh)).utf8)
        for pieceSize in [1, 4096, 1 << 20] {
            let written = try Self.written(format, Self.cityReport, jobs: jobs, pieceSize: pieceSize)
            #expect(written.bytes == rendered, "\(format) with pieces of \(pieceSize) bytes and \(jobs) jobs")
            if format == .json, pieceSize == 4096 {
                // Streamed: results are passed on every 256 of them, not in one buffer at the end.
                #expect(written.pieces >= Self.cityReport.results.count / 256 + 1)
            }
        }
    }

    struct DiskFull: Error {}

    @Test("a destination that fails stops the writing with its error", arguments: [1, 2])
    func failingDestination(jobs: Int) {
        var calls = 0
        var output = ReportOutput(pieceSize: 4096) { _ in
            calls += 1
            throw DiskFull()
        }
        #expect(throws: DiskFull.self) {
            try ReportFormat.json.reporter.write(Self.cityReport, context: ReportContext(jobs: jobs), to: &output)
        }
        #expect(calls == 1)
    }

    /// A fresh folder holding `report.json` with "old" in it; the caller removes it.
    static func folderWithOldReport() throws -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("educheck-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("report.json").path
        try ReportFile.save("old\n", to: path)
        return (folder, path)
    }

    @Test("a report that fails half-way leaves the old report in place")
    func failedSaveKeepsOldReport() throws {
        let (folder, path) = try Self.folderWithOldReport()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: DiskFull.self) {
            try ReportFile.save(to: path) { output in
                output.write(String(repeating: "x", count: 3 << 20))
                try output.passOnIfFull()
                throw DiskFull()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
        try ReportFile.save(to: path) { try ReportFormat.json.reporter.write(Self.cityReport, context: ReportContext(jobs: 2), to: &$0) }
        let saved = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(Array(saved) == Array(ReportFormat.json.reporter.render(Self.cityReport, context: ReportContext()).utf8))
    }

    @Test("a report of many megabytes, written out while it is made, is saved byte for byte")
    func largeSave() throws {
        let (folder, path) = try Self.folderWithOldReport()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 25 MB in uneven pieces, so the writes cross the points where the writeback starts.
        var expected: [UInt8] = []
        try ReportFile.save(to: path) { output in
            for piece in 0..<100 {
                let bytes = [UInt8](repeating: UInt8(ascii: "a") + UInt8(piece % 26), count: 250_000 + piece * 7)
                expected += bytes
                output.write(bytes)
                try output.passOnIfFull()
            }
        }
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
    }
}
