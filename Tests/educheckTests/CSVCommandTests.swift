import Foundation
import Testing

@Suite("educheck check with CSV input, end to end", .serialized)
struct CSVCommandTests {
    static let submissions = "Fixtures/submissions/2025"
    static let asOf = ["--as-of", "2025-11-30"]

    /// What a result says, without where its values stand (which differs between a YAML file and
    /// the CSV that mirrors it).
    static func verdicts(_ report: [String: Any], units: [String]) -> [String] {
        let results = report["results"] as? [[String: Any]] ?? []
        return results.filter { units.contains($0["unit"] as? String ?? "") }.map { result in
            let value = result["value"] as? [String: Any]
            let target = result["target"] as? [String: Any]
            return [
                result["rule"], result["unit"], result["scope"], result["status"], value?["display"], value?["numerator"],
                value?["denominator"], target?["display"], result["gap"], result["gap_text"], result["progress"],
                (result["failing_rows"] as? [[String: Any]])?.map { $0["code"] as? String ?? "" }.joined(separator: " "),
            ].map { "\($0 ?? "-")" }.joined(separator: " | ")
        }.sorted()
    }

    static func diagnostics(_ report: [String: Any]) -> [[String: Any]] {
        report["diagnostics"] as? [[String: Any]] ?? []
    }

    static func codes(_ report: [String: Any], severity: String = "error") -> [String] {
        diagnostics(report).filter { $0["severity"] as? String == severity }.map { $0["code"] as? String ?? "" }
    }

    @Test("a CSV saved by Excel evaluates exactly like the YAML it mirrors", arguments: [
        (["440105-haizhu.yaml"], "Fixtures/csv/440105-metrics-gbk.csv", ["440105"], "GB18030"),
        (["440103-liwan.yaml", "440106-tianhe.yaml", "440111-baiyun.yaml"], "Fixtures/csv/districts-wide.csv", ["440103", "440106", "440111"], "UTF-8"),
        (["440112-huangpu.yaml"], "Fixtures/csv/440112-unicode-text.csv", ["440112"], "UTF-16LE"),
        (["440104-yuexiu.yaml"], "Fixtures/csv/440104-yuexiu.yaml", ["440104"], "UTF-8"),
    ])
    func mirrors(yaml: [String], csv: String, units: [String], encoding: String) throws {
        let fromYAML = try CLI.run(["check"] + yaml.map { "\(Self.submissions)/\($0)" } + ["--format", "json"] + Self.asOf)
        let fromCSV = try CLI.run(["check", csv, "--format", "json"] + Self.asOf)
        let report = try fromCSV.json()
        // A metrics CSV has no school rows, while the YAML fixtures list their schools: compare
        // every other rule, and require the row-based one to say the rows are missing.
        let metricsOnly = !csv.hasSuffix(".yaml")
        let rowRule = "backbone-teacher-coverage"
        func comparable(_ lines: [String]) -> [String] {
            metricsOnly ? lines.filter { !$0.hasPrefix(rowRule + " |") } : lines
        }
        let expected = comparable(Self.verdicts(try fromYAML.json(), units: units))
        #expect(expected.count >= 20 * units.count)
        #expect(comparable(Self.verdicts(report, units: units)) == expected)
        if metricsOnly {
            let rowResults = (report["results"] as? [[String: Any]] ?? []).filter { $0["rule"] as? String == rowRule && $0["scope"] as? String == "unit" }
            #expect(rowResults.count == units.count)
            #expect(rowResults.allSatisfy { $0["status"] as? String == "missing" })
        } else {
            #expect(fromCSV.status == fromYAML.status)
        }
        #expect(Self.codes(report).isEmpty)
        let inputs = report["inputs"] as? [[String: Any]] ?? []
        #expect(inputs.first { $0["path"] as? String == csv }?["encoding"] as? String == encoding)
        let noted = Self.diagnostics(report).contains { $0["code"] as? String == "non-utf8-encoding" }
        #expect(noted == (encoding != "UTF-8"))
    }

    @Test("Excel's habits are noted at the cell: thousands separators, full-width digits, 是/否")
    func habitsNoted() throws {
        let report = try CLI.run(["check", "Fixtures/csv/440105-metrics-gbk.csv", "--format", "json"] + Self.asOf).json()
        let notes = Set(Self.codes(report, severity: "info"))
        #expect(notes.isSuperset(of: ["normalized-thousands", "normalized-full-width", "normalized-flag", "non-utf8-encoding"]))
        let thousands = try #require(Self.diagnostics(report).first { $0["code"] as? String == "normalized-thousands" })
        #expect(thousands["line"] as? Int == 8)
        #expect(thousands["column"] as? Int == 42)
    }

    @Test("a folder: school-row files are read through their submission; another CSV is skipped with a warning")
    func folderScan() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(at: CLI.repositoryRoot.appendingPathComponent("Fixtures/csv"), to: directory.appendingPathComponent("csv"))
        try "名称,数量\n甲,1\n".write(to: directory.appendingPathComponent("csv/notes.csv"), atomically: true, encoding: .utf8)
        let report = try CLI.run(["check", directory.path, "--format", "json"] + Self.asOf).json()
        let warnings = Self.diagnostics(report).filter { $0["code"] as? String == "not-a-submission" }
        #expect(warnings.map { URL(fileURLWithPath: $0["path"] as? String ?? "").lastPathComponent } == ["notes.csv"])
        #expect(warnings.first?["line"] as? Int == 1)
        let units = Set((report["results"] as? [[String: Any]] ?? []).compactMap { $0["unit"] as? String })
        #expect(units.isSuperset(of: ["440103", "440104", "440105", "440106", "440111", "440112"]))
        let schools = (report["inputs"] as? [[String: Any]] ?? []).first { ($0["path"] as? String ?? "").hasSuffix("schools-440104.csv") }
        #expect(schools?["unit"] as? String == "440104")
    }

    @Test("a unit in a CSV and in a YAML file is a duplicate submission")
    func duplicateAcrossInputs() throws {
        let run = try CLI.run(["check", "Fixtures/csv/440105-metrics-gbk.csv", "\(Self.submissions)/440105-haizhu.yaml", "--format", "json"] + Self.asOf)
        #expect(run.status == 2)
        let duplicate = try #require(Self.diagnostics(try run.json()).first { $0["code"] as? String == "duplicate-submission" })
        #expect(duplicate["path"] as? String == "\(Self.submissions)/440105-haizhu.yaml")
        #expect(duplicate["line"] as? Int == 3)
    }

    @Test("a school-rows file reached through a symbolic link out of the submission's folder is refused")
    func symlinkOut() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inside = directory.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        try "code,name,stage,ownership\n1,甲,primary,public\n".write(to: directory.appendingPathComponent("outside.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: inside.appendingPathComponent("schools.csv").path, withDestinationPath: "../outside.csv")
        try "unit: \"440104\"\nperiod: 2025\nschools: schools.csv\n".write(to: inside.appendingPathComponent("440104.yaml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", inside.path, "--format", "json"])
        #expect(run.status == 2)
        #expect(Self.codes(try run.json()).contains("unsafe-path"))
    }

    @Test("a school-rows file reached through a symbolic link that stays inside the folder is read")
    func symlinkInside() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("in/data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try "code,name,stage,ownership\n1,甲,primary,public\n".write(to: data.appendingPathComponent("rows.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("in/schools.csv").path, withDestinationPath: "data/rows.csv")
        try "unit: \"440104\"\nperiod: 2025\nschools: schools.csv\n".write(to: directory.appendingPathComponent("in/440104.yaml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", directory.appendingPathComponent("in/440104.yaml").path, "--format", "json"])
        let codes = Self.codes(try run.json())
        #expect(!codes.contains("unsafe-path"))
        #expect(!codes.contains("path-not-found"))
    }

    @Test("--encoding forces one encoding; an unknown one is a usage error")
    func forcedEncoding() throws {
        let file = "Fixtures/csv/440105-metrics-gbk.csv"
        let utf8 = try CLI.run(["check", file, "--encoding", "utf-8", "--format", "json"])
        #expect(utf8.status == 2)
        let refused = try #require(Self.diagnostics(try utf8.json()).first { $0["code"] as? String == "invalid-encoding" })
        #expect(refused["line"] as? Int == 1)
        // 说 in GBK (CB B5) happens to be valid UTF-8; 明 (C3 F7) is not.
        #expect(refused["column"] as? Int == 27)
        let gb18030 = try CLI.run(["check", file, "--encoding", "gb18030", "--format", "json"] + Self.asOf)
        #expect(Self.codes(try gb18030.json()).isEmpty)
        #expect(try CLI.run(["check", file, "--encoding", "latin1"]).status == 64)
    }

    @Test("--max-file-size refuses larger files before reading them, and raises the limit", arguments: [("1K", 2), ("4K", 1), ("4096", 1), ("12X", 64), ("0", 64)] as [(String, Int32)])
    func maxFileSize(size: String, status: Int32) throws {
        let run = try CLI.run(["check", "Fixtures/csv/440105-metrics-gbk.csv", "--max-file-size", size, "--format", "json"] + Self.asOf)
        #expect(run.status == status)
        if status == 2 {
            #expect(Self.codes(try run.json()) == ["file-too-large"])
        }
    }
}

@Suite("Nothing written where it must not be", .serialized)
struct WriteSafetyTests {
    static func digests(_ directory: URL) throws -> [String: Data] {
        var found: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        while let name = enumerator?.nextObject() as? String {
            let url = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                found[name] = try Data(contentsOf: url)
            }
        }
        return found
    }

    @Test("no input is ever written: every file is byte-identical after a run that writes reports beside them")
    func inputsUntouched() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for folder in ["Fixtures/csv", "Fixtures/hostile", "Fixtures/submissions/2025"] {
            try FileManager.default.copyItem(at: CLI.repositoryRoot.appendingPathComponent(folder), to: directory.appendingPathComponent(URL(fileURLWithPath: folder).lastPathComponent))
        }
        let before = try Self.digests(directory)
        let reports = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: reports) }
        let run = try CLI.run(["check", directory.path, "--output", reports.appendingPathComponent("r.txt").path, "--report", "json=\(reports.path)/r.json"])
        #expect(run.status == 2)
        #expect(try Self.digests(directory) == before)
        #expect(before.count > 40)
    }

    @Test("a report path that is an input is refused, for a metrics CSV and for a school-rows CSV read through its submission", arguments: [
        ("440105-metrics-gbk.csv", "440105-metrics-gbk.csv"), ("440104-yuexiu.yaml", "schools-440104.csv"),
    ])
    func reportOverInput(input: String, report: String) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(at: CLI.repositoryRoot.appendingPathComponent("Fixtures/csv"), to: directory.appendingPathComponent("csv"))
        let before = try Self.digests(directory)
        let target = directory.appendingPathComponent("csv/\(report)").path
        for arguments in [["--output", target], ["--report", "json=\(target)"]] {
            let run = try CLI.run(["check", directory.appendingPathComponent("csv/\(input)").path] + arguments)
            #expect(run.status == 64)
            #expect(run.stderr.contains("refusing to overwrite"))
        }
        #expect(try Self.digests(directory) == before)
    }

    @Test("a report path that names an input another way (a link, ./ and ..) is refused")
    func reportOverInputByAnotherName() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(at: CLI.repositoryRoot.appendingPathComponent("Fixtures/csv"), to: directory.appendingPathComponent("csv"))
        let input = directory.appendingPathComponent("csv/440105-metrics-gbk.csv").path
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("link.csv").path, withDestinationPath: input)
        let before = try Self.digests(directory.appendingPathComponent("csv"))
        for target in [directory.appendingPathComponent("link.csv").path, directory.path + "/csv/./../csv/440105-metrics-gbk.csv"] {
            let run = try CLI.run(["check", input, "--output", target])
            #expect(run.status == 64, "\(target)")
            #expect(run.stderr.contains("refusing to overwrite"))
        }
        #expect(try Self.digests(directory.appendingPathComponent("csv")) == before)
    }

    @Test("a report that cannot be written (the path is a folder) fails with exit 2 and leaves nothing behind")
    func unwritableReport() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.appendingPathComponent("report.json")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "kept".write(to: folder.appendingPathComponent("inside.txt"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", "Fixtures/csv/440105-metrics-gbk.csv", "--format", "json", "--output", folder.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot write"))
        #expect(try String(contentsOf: folder.appendingPathComponent("inside.txt"), encoding: .utf8) == "kept")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.json"])
    }

    @Test("a run killed while writing its report leaves the previous report intact")
    func interruptedWrite() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = directory.appendingPathComponent("report.json")
        let previous = Data("{\"previous\": true}\n".utf8)
        try previous.write(to: report)
        // A file size limit of one block: writing the (larger) report raises SIGXFSZ, which ends
        // the process mid-write as a crash would, or, where the signal is ignored (the test
        // runner may ignore it, and the child inherits that), makes the write fail with EFBIG.
        let command = "ulimit -f 1; exec \"$0\" check Fixtures/submissions/2025 --format json --output \"$1\""
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command, CLI.executable.path, report.path]
        process.currentDirectoryURL = CLI.repositoryRoot
        try process.run()
        process.waitUntilExit()
        let killed = process.terminationReason == .uncaughtSignal
        #expect(killed || process.terminationStatus == 2)
        #expect(try Data(contentsOf: report) == previous)
        if !killed {
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.json"])
        }
    }
}
