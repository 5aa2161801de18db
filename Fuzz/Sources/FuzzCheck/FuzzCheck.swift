import EduCheckCore
import EduCheckReports
import Foundation

/// The first byte says what the rest is: a YAML submission, a metrics CSV, or the school-rows CSV
/// of a fixed submission (so that path is reached too). It is written to a private folder in
/// memory and checked as a user's file would be.
let folder: String = {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let path = base + "/educheck-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try? Data("unit: \"440104\"\nperiod: 2025\nschools: schools.csv\n".utf8).write(to: URL(fileURLWithPath: path + "/440104.yaml"))
    return path
}()
let files = BuiltinRuleset.files
let loaded = RulesetLoader.load(files)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheck(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Data(bytes: data + 1, count: size - 1)
    let kind = data[0] % 3
    let name = ["input.yaml", "input.csv", "schools.csv"][Int(kind)]
    let paths = kind == 2 ? ["440104.yaml"] : [name]
    try? FileManager.default.removeItem(atPath: folder + "/schools.csv")
    try? FileManager.default.removeItem(atPath: folder + "/input.yaml")
    try? FileManager.default.removeItem(atPath: folder + "/input.csv")
    guard (try? bytes.write(to: URL(fileURLWithPath: folder + "/" + name))) != nil else { fatalError("cannot write the input") }
    let report = Checker.run(Checker.Request(
        paths: paths, rules: files, asOf: CalendarDate(year: 2025, month: 11, day: 30), toolVersion: "fuzz",
        workingDirectory: folder), ruleset: loaded)
    let json = JSONReporter().render(report, context: ReportContext(language: .en))
    guard (try? JSONSerialization.jsonObject(with: Data(json.utf8))) is [String: Any] else {
        fatalError("the JSON report is not valid JSON")
    }
    let text = TextReporter().render(report, context: ReportContext(language: .zh))
    guard !text.isEmpty else { fatalError("an empty text report") }
    return 0
}
