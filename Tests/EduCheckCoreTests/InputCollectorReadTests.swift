import Foundation
import Testing
@testable import EduCheckCore

@Suite("Reading an input file: every byte, or a located refusal")
struct InputCollectorReadTests {
    static func codes(_ result: Result<[UInt8], Diagnostic>) -> String? {
        if case .failure(let diagnostic) = result { return diagnostic.code }
        return nil
    }

    @Test("a file up to the limit is read whole; one byte more is refused before reading")
    func limit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("educheck-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = folder.appendingPathComponent("data.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try InputCollector.read(path, limit: 10_000).get() == bytes)
        #expect(Self.codes(InputCollector.read(path, limit: 9_999)) == "file-too-large")
        // Relative to a folder, as --rules and the tests' working folders use it.
        #expect(try InputCollector.read("data.csv", in: folder.path, limit: 10_000).get() == bytes)
        let empty = folder.appendingPathComponent("empty.yaml").path
        try Data().write(to: URL(fileURLWithPath: empty))
        #expect(try InputCollector.read(empty, limit: 10).get() == [])
    }

    @Test("a stream with no size is read until it ends, and refused once it passes the limit")
    func streams() throws {
        #expect(try InputCollector.read("/dev/null", limit: 10).get() == [])
        #expect(Self.codes(InputCollector.read("/dev/zero", limit: 100_000)) == "file-too-large")
    }

    @Test("a folder or a missing file is unreadable", arguments: ["/", "/no/such/file.yaml"])
    func unreadable(_ path: String) {
        #expect(Self.codes(InputCollector.read(path, limit: 1_000)) == "unreadable-file")
    }

    @Test("a folder's files are inputs by their extension after the last dot, in any case", arguments: [
        ("440104.yaml", true), ("440104.YAML", true), ("a.Yml", true), ("a.json", true), ("学校名单.csv", true), ("a.b.CsV", true),
        ("a.txt", false), ("yaml", false), ("a.yaml.bak", false), ("a.csvx", false), ("a.cs", false), ("a.", false),
        ("a.ya ml", false), ("a.jso@", false), ("a.ｃｓｖ", false),
    ])
    func inputExtensions(_ name: String, _ isInput: Bool) {
        #expect(InputCollector.hasInputExtension(name) == isInput)
    }

    /// CSV files are told apart by the bytes of their extension, as the folder listing tells
    /// inputs apart: what the lowercased path's suffix said before.
    @Test("a path is a CSV file when it ends in .csv, in any case", arguments: [
        ("a.csv", true), ("A.CSV", true), ("dir/数据.Csv", true), (".csv", true), ("a.yaml.csv", true),
        ("dir.csv/a.yaml", false), ("a.csvx", false), ("acsv", false), ("a.", false), ("a", false),
        ("a.c.s.v", false), ("a.csv ", false), ("a.ｃｓｖ", false), ("", false),
    ])
    func csvPaths(_ path: String, _ isCSV: Bool) {
        #expect(InputDocument.isCSV(path) == isCSV)
        #expect(InputDocument.isCSV(path) == path.lowercased().hasSuffix(".csv"))
    }

    @Test("a folder is walked for submissions: nested folders and links followed, hidden and other files skipped, paths sorted")
    func walk() throws {
        let manager = FileManager.default
        let root = manager.temporaryDirectory.appendingPathComponent("educheck-walk-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: root) }
        let data = root.appendingPathComponent("data")
        let elsewhere = root.appendingPathComponent("elsewhere")
        for folder in ["data/b", "data/a/deep", "data/.hidden", "elsewhere/more"] {
            try manager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in ["data/z.yaml", "data/b/m.CSV", "data/a/deep/x.yml", "data/a/readme.txt", "data/.hidden/h.yaml",
                     "data/.dot.yaml", "data/noextension", "elsewhere/linked.json", "elsewhere/more/y.yaml"] {
            try Data("unit: x".utf8).write(to: root.appendingPathComponent(file))
        }
        try manager.createSymbolicLink(atPath: data.appendingPathComponent("file-link.yaml").path, withDestinationPath: elsewhere.appendingPathComponent("linked.json").path)
        try manager.createSymbolicLink(atPath: data.appendingPathComponent("folder-link").path, withDestinationPath: elsewhere.appendingPathComponent("more").path)
        try manager.createSymbolicLink(atPath: data.appendingPathComponent("dangling.yaml").path, withDestinationPath: root.appendingPathComponent("gone.yaml").path)
        let found = InputCollector.collect(["data"], in: root.path)
        #expect(found.diagnostics.isEmpty)
        #expect(found.files == ["data/a/deep/x.yml", "data/b/m.CSV", "data/file-link.yaml", "data/folder-link/y.yaml", "data/z.yaml"])
    }

    @Test("a school-rows path that is the submission itself through a link is refused, with or without the submission's identity at hand")
    func schoolsFileThroughALinkToTheSubmission() throws {
        let manager = FileManager.default
        let folder = manager.temporaryDirectory.appendingPathComponent("educheck-self-\(UUID().uuidString)")
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: folder) }
        let submission = folder.appendingPathComponent("440104.yaml").path
        try Data("unit: \"440104\"\n".utf8).write(to: URL(fileURLWithPath: submission))
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("rows.csv").path, withDestinationPath: submission)
        try Data("code,name\n".utf8).write(to: folder.appendingPathComponent("other.csv"))
        let location = SourceLocation(path: submission, line: 3, column: 10)
        let read = try InputCollector.readFile(submission, limit: 1_000).get()
        for known in [nil, read.file] {
            let linked = SubmissionLoader.SchoolsFile(path: "rows.csv", location: location).resolve(from: submission, in: nil, submissionFile: known)
            guard case .failure(let diagnostic) = linked else {
                Issue.record("a link to the submission was accepted")
                continue
            }
            #expect(diagnostic.code == "self-reference")
            let other = SubmissionLoader.SchoolsFile(path: "other.csv", location: location).resolve(from: submission, in: nil, submissionFile: known)
            #expect((try? other.get()) == folder.appendingPathComponent("other.csv").path)
        }
    }
}
