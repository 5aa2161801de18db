import Foundation
import Testing

/// Every file in `Fixtures/hostile/` (made by `Scripts/make-hostile.py`) is refused with its
/// expected diagnostic, at its expected place, with exit status 2, quickly.
@Suite("Hostile input is refused cleanly", .serialized)
struct HostileFixtureTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var code: String
        var status: Int32
        var location: String

        var testDescription: String { "\(file) → \(code)" }
    }

    static let folder = CLI.repositoryRoot.appendingPathComponent("Fixtures/hostile")

    static let cases: [Case] = {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("expected.tsv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().map { line in
            let columns = line.split(separator: "\t").map(String.init)
            return Case(file: columns[0], code: columns[1], status: Int32(columns[2]) ?? -1, location: columns[3])
        }
    }()

    /// Each file is refused in well under a second, debug build included (a run takes about
    /// 0.15 s); the suite runs one process at a time so that the bound measures the run.
    static let timeLimit = 1.0
    #if DEBUG
    /// An unoptimised build evaluates 50,000 rows some twenty times slower; this still catches
    /// anything quadratic.
    static let manyRowsLimit = 30.0
    #else
    static let manyRowsLimit = 1.0
    #endif

    static func located(_ run: CLI.Run, code: String) throws -> [String] {
        let diagnostics = try run.json()["diagnostics"] as? [[String: Any]] ?? []
        return diagnostics.filter { $0["code"] as? String == code }.map { diagnostic in
            "\(diagnostic["path"] as? String ?? "-"):\(diagnostic["line"] as? Int ?? 0):\(diagnostic["column"] as? Int ?? 0)"
        }
    }

    @Test("the list covers every file in the folder")
    func listIsComplete() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0 != "expected.tsv" && !$0.contains(".schools.") }
        #expect(Set(files) == Set(Self.cases.map(\.file)))
        #expect(Self.cases.count >= 30)
    }

    @Test("each file: its diagnostic at its place, exit 2, quickly", arguments: cases)
    func refused(_ hostile: Case) throws {
        let run = try CLI.run(["check", hostile.file, "--format", "json"], in: Self.folder)
        #expect(run.status == hostile.status)
        #expect(try Self.located(run, code: hostile.code).contains(hostile.location), "\(run.output.prefix(2000))")
        #expect(run.seconds < Self.timeLimit)
        let diagnostic = try #require((try run.json()["diagnostics"] as? [[String: Any]])?.first { $0["code"] as? String == hostile.code })
        #expect(!(diagnostic["message_zh"] as? String ?? "").isEmpty)
        #expect(!(diagnostic["message_en"] as? String ?? "").isEmpty)
    }

    @Test("all of them in one run with a good submission: every problem reported, the good file still evaluated")
    func togetherWithAGoodFile() throws {
        let good = CLI.repositoryRoot.appendingPathComponent("Fixtures/submissions/2025/440105-haizhu.yaml").path
        let alone = try CLI.run(["check", good, "--format", "json", "--as-of", "2025-11-30"])
        let mixed = try CLI.run(["check", ".", good, "--format", "json", "--as-of", "2025-11-30"], in: Self.folder)
        #expect(mixed.status == 2)
        let codes = Set((try mixed.json()["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String })
        #expect(codes.isSuperset(of: Self.cases.map(\.code)))
        let haizhu = { (run: CLI.Run) throws -> [String] in
            (try run.json()["results"] as? [[String: Any]] ?? []).filter { $0["unit"] as? String == "440105" }.map { "\($0["rule"] ?? "") \($0["status"] ?? "")" }
        }
        #expect(try haizhu(mixed) == (try haizhu(alone)))
        #expect(try !haizhu(alone).isEmpty)
    }

    @Test("a file over the size limit is refused before it is read; --max-file-size raises the limit")
    func hugeFile() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Sparse: 17 MiB on paper, no disk used.
        let huge = directory.appendingPathComponent("huge.yaml")
        _ = FileManager.default.createFile(atPath: huge.path, contents: nil)
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 17 << 20)
        try handle.close()
        let run = try CLI.run(["check", huge.path, "--format", "json"])
        #expect(run.status == 2)
        #expect(try Self.located(run, code: "file-too-large") == ["\(huge.path):1:1"])
        #expect(run.seconds < Self.timeLimit)
        // Raised, the file is read, and its NUL bytes are refused instead.
        let raised = try CLI.run(["check", huge.path, "--format", "json", "--max-file-size", "32M"])
        #expect(try Self.located(raised, code: "nul-byte") == ["\(huge.path):1:1"])
    }

    @Test("50,000 school rows of one unit, with a duplicate code at the very end: found, located, fast")
    func tensOfThousandsOfRows() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var rows = "code,name,stage,ownership,students,backbone_teachers\n"
        rows.reserveCapacity(3_000_000)
        for i in 0..<50_000 {
            rows += "44010\(400_000 + i),学校\(i),\(i % 3 == 0 ? "junior_secondary" : "primary"),public,\"1,\(100 + i % 900)\",\(12 + i % 9)\n"
        }
        rows += "44010400000,重复学校,primary,public,100,1\n"
        try rows.write(to: directory.appendingPathComponent("schools.csv"), atomically: true, encoding: .utf8)
        try "unit: \"440104\"\nperiod: 2025\nschools: schools.csv\n".write(to: directory.appendingPathComponent("440104.yaml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", "440104.yaml", "--format", "json"], in: directory)
        #expect(run.status == 2)
        #expect(try Self.located(run, code: "duplicate-school-code") == ["schools.csv:50002:1"])
        let results = try run.json()["results"] as? [[String: Any]] ?? []
        let coverage = try #require(results.first { $0["rule"] as? String == "backbone-teacher-coverage" })
        #expect((coverage["value"] as? [String: Any])?["denominator"] as? Int == 50_000)
        #expect(run.seconds < Self.manyRowsLimit)
    }
}
