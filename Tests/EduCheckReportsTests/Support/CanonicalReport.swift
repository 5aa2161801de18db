import EduCheckCore
import EduCheckReports
import Foundation

/// The one report every golden file renders: a small ruleset and three submissions under
/// `Fixtures/` holding the hard cases — non-ASCII names and a non-ASCII file name; text that needs
/// escaping in every format (`<`, `&`, `"`, `%`, `:`, `,`, a line break, `|`); a result with no
/// location (a city total missing a unit that sent nothing); a missing value; an inconsistent
/// value; a waiver applied and one unused; notes; a failing coverage with school rows; an error
/// and a warning diagnostic. Paths are relative to the fixtures folder, so output does not depend
/// on where the repository is checked out.
enum CanonicalReport {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = testsFolder.appendingPathComponent("Fixtures")
    static let golden = testsFolder.appendingPathComponent("Golden")
    static let repositoryRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

    static let asOf = CalendarDate(year: 2025, month: 11, day: 30)

    /// Loaded once: every test renders the same value.
    static let report: CheckReport = {
        // A folder that cannot be read leaves an empty ruleset, whose diagnostics fail the tests
        // that check the hard cases, rather than crashing the whole test run.
        var files = (try? InputCollector.rulesetFiles(at: fixtures.appendingPathComponent("ruleset").path).get()) ?? RulesetFiles(origin: "ruleset", files: [:])
        // The folder's absolute path would leak into the reports; name it as a user would.
        files.origin = "ruleset"
        return Checker.run(Checker.Request(
            paths: ["submissions"], rules: files, waiversPath: "waivers.yaml", city: true,
            asOf: asOf, toolVersion: "0.0.0-test", workingDirectory: fixtures.path))
    }()

    static func render(_ format: ReportFormat, _ language: Language = .zh) -> String {
        format.reporter.render(report, context: ReportContext(language: language, colour: false))
    }

    /// The file a format's golden copy lives in: `junit.xml`, `html.en.html`.
    static func goldenName(_ format: ReportFormat, _ language: Language) -> String {
        let ext: String
        switch format {
        case .text, .github: ext = "txt"
        case .json: ext = "json"
        case .junit: ext = "xml"
        case .sarif: ext = "sarif"
        case .markdown: ext = "md"
        case .csv: ext = "csv"
        case .html: ext = "html"
        }
        return language == .zh ? "\(format.rawValue).\(ext)" : "\(format.rawValue).\(language.rawValue).\(ext)"
    }
}
