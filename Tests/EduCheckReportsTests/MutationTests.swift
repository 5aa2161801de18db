import EduCheckCore
import EduCheckReports
import Foundation
import Testing

/// Randomly damaged copies of the fixtures, checked in process: whatever the damage, the run
/// ends in a report, the JSON report is valid JSON, and the exit code is one of SPEC 6's. The
/// fuzzers (Scripts/fuzz.sh) do the same at a much larger scale; this keeps a seeded sample in
/// every `swift test`.
@Suite("Damaged inputs never crash a run or break a report")
struct MutationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let loaded = RulesetLoader.load(BuiltinRuleset.files)

    /// SplitMix64: the same damage on every machine and every run.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Bytes that matter to the readers: delimiters, quotes, line ends, YAML indicators, GBK and
    /// UTF-8 lead bytes, NUL.
    static let interesting: [UInt8] = Array(",\"\n\r\t:-[]{}&*!|>#%'. 0123456789".utf8) + [0x00, 0x80, 0xFF, 0xC3, 0xE5, 0xA3, 0x81, 0x30, 0xEF, 0xBB, 0xBF]

    static func mutate(_ bytes: [UInt8], _ generator: inout Generator) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<Int.random(in: 1...8, using: &generator) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0 where !bytes.isEmpty: bytes[position] = interesting.randomElement(using: &generator)!
            case 1: bytes.insert(interesting.randomElement(using: &generator)!, at: position)
            case 2 where !bytes.isEmpty: bytes.remove(at: position)
            case 3 where !bytes.isEmpty: bytes[position] = UInt8.random(in: 0...255, using: &generator)
            case 4 where bytes.count > 2:
                // Duplicate a stretch (a line, a row, a key).
                let end = min(bytes.count, position + Int.random(in: 1...80, using: &generator))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            case 5 where bytes.count > 2:
                bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...40, using: &generator)))
            default: break
            }
        }
        return bytes
    }

    static let fixtures = [
        "Fixtures/submissions/2025/440104-yuexiu.yaml", "Fixtures/submissions/2025/440105-haizhu.yaml",
        "Fixtures/csv/440105-metrics-gbk.csv", "Fixtures/csv/districts-wide.csv", "Fixtures/csv/440112-unicode-text.csv",
        "Fixtures/csv/schools-440104.csv",
    ]

    @Test("1,020 damaged fixtures (170 of each): a valid report every time", arguments: fixtures)
    func damaged(fixture: String) throws {
        let original = [UInt8](try Data(contentsOf: Self.root.appendingPathComponent(fixture)))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("educheck-mutations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A school-rows file is damaged in place and read through a fixed submission.
        let isSchools = fixture.contains("schools-")
        let name = isSchools ? "schools.csv" : URL(fileURLWithPath: fixture).lastPathComponent
        if isSchools {
            try Data("unit: \"440104\"\nperiod: 2025\nschools: schools.csv\n".utf8).write(to: folder.appendingPathComponent("440104.yaml"))
        }
        var generator = Generator(state: UInt64(truncatingIfNeeded: fixture.utf8.reduce(5381) { $0 &* 33 &+ Int($1) }))
        for round in 0..<170 {
            let damaged = Self.mutate(original, &generator)
            try Data(damaged).write(to: folder.appendingPathComponent(name))
            let report = Checker.run(Checker.Request(
                paths: [isSchools ? "440104.yaml" : name], rules: BuiltinRuleset.files,
                asOf: CalendarDate(year: 2025, month: 11, day: 30), toolVersion: "test", workingDirectory: folder.path), ruleset: Self.loaded)
            let json = JSONReporter().render(report, context: ReportContext(language: .en))
            let parsed = try? JSONSerialization.jsonObject(with: Data(json.utf8))
            #expect(parsed is [String: Any], "round \(round): the JSON report is not valid JSON")
            #expect([0, 1, 2].contains(report.summary.exitCode))
            #expect(report.diagnostics.allSatisfy { $0.location.map { $0.line >= 1 && $0.column >= 1 } ?? true })
            #expect(!TextReporter().render(report, context: ReportContext()).isEmpty)
        }
    }
}
