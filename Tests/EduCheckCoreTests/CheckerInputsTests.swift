import Foundation
import Testing
@testable import EduCheckCore

@Suite("A run's inputs: every file once, with its units and encoding")
struct CheckerInputsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    func run(_ paths: [String]) -> CheckReport {
        Checker.run(Checker.Request(
            paths: paths, rules: BuiltinRuleset.files, asOf: CalendarDate(year: 2025, month: 11, day: 30), toolVersion: "test",
            workingDirectory: Self.root))
    }

    @Test("a metrics CSV lists every unit it holds; a school-rows file belongs to its submission's unit")
    func units() throws {
        let report = run(["Fixtures/csv/districts-wide.csv", "Fixtures/csv/440104-yuexiu.yaml"])
        let wide = try #require(report.inputs.first { $0.path == "Fixtures/csv/districts-wide.csv" })
        #expect(wide.unit == nil)
        #expect(wide.units == ["440103", "440106", "440111"])
        let schools = try #require(report.inputs.first { $0.path == "Fixtures/csv/schools-440104.csv" })
        #expect(schools.units == ["440104"])
        #expect(report.inputs.count == 3)
        #expect(report.submittedUnits == ["440103", "440104", "440106", "440111"])
    }

    @Test("the encoding each file was read in", arguments: [
        ("Fixtures/csv/440105-metrics-gbk.csv", "GB18030"), ("Fixtures/csv/440112-unicode-text.csv", "UTF-16LE"),
        ("Fixtures/csv/districts-wide.csv", "UTF-8"), ("Fixtures/hostile/invalid-encoding.csv", "unknown"),
    ])
    func encodings(path: String, encoding: String) {
        #expect(run([path]).inputs.map(\.encoding) == [encoding])
    }

    @Test("--encoding applies to every input: forced GB18030, a UTF-16 file is unreadable")
    func forced() {
        var request = Checker.Request(
            paths: ["Fixtures/csv/440112-unicode-text.csv"], rules: BuiltinRuleset.files, asOf: CalendarDate(year: 2025, month: 11, day: 30),
            toolVersion: "test", encoding: .gb18030, workingDirectory: Self.root)
        #expect(Checker.run(request).diagnostics.contains { $0.code == "invalid-encoding" })
        request.encoding = .utf16LE
        #expect(Checker.run(request).diagnostics.filter { $0.severity == .error }.isEmpty)
    }

    /// `check` lists the paths while it loads the ruleset; what it finds, and what it cannot, is
    /// what the one-after-the-other run finds.
    @Test("the run that lists its paths while loading the ruleset reports what the plain run does", arguments: [1, 2])
    func concurrentListing(jobs: Int) async throws {
        let request = Checker.Request(
            paths: ["Fixtures/submissions/2025", "Fixtures/no-such-folder", "Fixtures/csv/districts-wide.csv"],
            rules: BuiltinRuleset.files, waiversPath: "Fixtures/waivers-2025.yaml", city: true,
            asOf: CalendarDate(year: 2025, month: 11, day: 30), toolVersion: "test", workingDirectory: Self.root, jobs: jobs)
        let concurrent = await Checker.check(request)
        let plain = Checker.run(request)
        #expect(concurrent.inputs.map(\.path) == plain.inputs.map(\.path))
        #expect(concurrent.inputs.count > 12)
        #expect(concurrent.results == plain.results)
        #expect(concurrent.diagnostics == plain.diagnostics)
        #expect(concurrent.diagnostics.contains { $0.code == "path-not-found" })
    }

    /// While the ruleset loads, `check` reads the first submissions ahead; however many it got
    /// to, each file is processed once, from what was read, and the report is the plain run's.
    @Test("submissions read ahead while the ruleset loads give the plain run's report", arguments: [(1, 0), (1, 3), (2, 5), (2, 1000)])
    func readAhead(jobs: Int, count: Int) async throws {
        let request = Checker.Request(
            paths: ["Fixtures/submissions/2025", "Fixtures/csv"], rules: BuiltinRuleset.files(includingCases: false),
            waiversPath: "Fixtures/waivers-2025.yaml", city: true, asOf: CalendarDate(year: 2025, month: 11, day: 30),
            toolVersion: "test", workingDirectory: Self.root, jobs: jobs)
        // A flag never set: every first-wave file read ahead; then as many as the case says.
        let (collected, documents) = Checker.listAndReadAhead(request, until: Checker.Flag())
        #expect(documents.count == collected.files.filter { !InputDocument.isCSV($0) }.count)
        #expect(documents.count > 12)
        let readAhead = Array(documents.prefix(count))
        let report = await Checker.check(
            request, ruleset: RulesetLoader.load(request.rules), collected: collected, readAhead: readAhead, progress: nil)
        let plain = Checker.run(request)
        #expect(report.inputs == plain.inputs)
        #expect(report.results == plain.results)
        #expect(report.diagnostics == plain.diagnostics)
        // A flag set before the listing: nothing read ahead.
        let done = Checker.Flag()
        done.set()
        #expect(Checker.listAndReadAhead(request, until: done).1.isEmpty)
    }

    /// A folder's CSV files named by its submissions are read as their school rows only, whether
    /// a submission names one as the folder lists it or through a link to it.
    @Test("school-rows files in the checked folder are read once, as the rows of the submission that names them", arguments: [1, 2])
    func namedCSVReadOnce(jobs: Int) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("educheck-named-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = "code,name,stage,ownership,students\n4401040001,甲,primary,public,10\n"
        try rows.write(to: folder.appendingPathComponent("rows-a.csv"), atomically: true, encoding: .utf8)
        try rows.write(to: folder.appendingPathComponent("rows-b.csv"), atomically: true, encoding: .utf8)
        try "unit: \"440104\"\nperiod: 2025\nschools: rows-a.csv\n".write(to: folder.appendingPathComponent("440104.yaml"), atomically: true, encoding: .utf8)
        // Named through a link: the folder lists both the link and the file it leads to.
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link-b.csv").path, withDestinationPath: "rows-b.csv")
        try "unit: \"440105\"\nperiod: 2025\nschools: link-b.csv\n".write(to: folder.appendingPathComponent("440105.yaml"), atomically: true, encoding: .utf8)
        let request = Checker.Request(
            paths: [folder.path], rules: BuiltinRuleset.files, asOf: CalendarDate(year: 2025, month: 11, day: 30), toolVersion: "test", jobs: jobs)
        let report = await Checker.check(request)
        let csvInputs = report.inputs.filter { $0.path.hasSuffix(".csv") }
        #expect(csvInputs.map { $0.path.split(separator: "/").last.map(String.init) } == ["link-b.csv", "rows-a.csv"])
        #expect(csvInputs.map(\.units) == [["440105"], ["440104"]])
        #expect(!report.diagnostics.contains { $0.location?.path.hasSuffix(".csv") == true && $0.severity != .info })
    }
}
