public import EduCheckCore

/// The output formats. Closed, so an unknown `--format` is a usage error, never a crash.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text
    case json
    case junit
    case sarif
    case github
    case markdown
    case csv
    case html

    public var reporter: any Reporter {
        switch self {
        case .text: TextReporter()
        case .json: JSONReporter()
        case .junit: JUnitReporter()
        case .sarif: SARIFReporter()
        case .github: GitHubReporter()
        case .markdown: MarkdownReporter()
        case .csv: CSVReporter()
        case .html: HTMLReporter()
        }
    }

    /// One line for `--help`.
    public var summary: String {
        switch self {
        case .text: "text: for people, per unit, failures first (default)"
        case .json: "json: every result with its evidence, for programs"
        case .junit: "junit: JUnit XML, one test case per rule and unit, for CI test reports"
        case .sarif: "sarif: SARIF 2.1.0, for code scanning (GitHub, GitLab, IDEs)"
        case .github: "github: GitHub Actions annotations (::error file=…)"
        case .markdown: "markdown: summary and failures, for a pull-request comment"
        case .csv: "csv: the unit × rule compliance matrix, for Excel (UTF-8 with BOM)"
        case .html: "html: the printable audit report (A4)"
        }
    }
}

/// What a reporter may know besides the report itself. Passed in, never read from globals, so
/// golden tests render exactly what users get.
public struct ReportContext: Sendable {
    public var language: Language
    /// ANSI colour, only when writing to a terminal and `NO_COLOR` is unset.
    public var colour: Bool
    /// How many pieces of a large report may be made at once (`--jobs`); the bytes are the same
    /// whatever the number.
    public var jobs: Int

    public init(language: Language = .zh, colour: Bool = false, jobs: Int = 1) {
        self.language = language
        self.colour = colour
        self.jobs = max(1, jobs)
    }
}

/// Renders a whole run in one format.
public protocol Reporter: Sendable {
    static var format: ReportFormat { get }
    func render(_ report: CheckReport, context: ReportContext) -> String
    /// Writes the report to `output` as it is made. The default writes `render`'s text; formats
    /// whose reports grow with the batch write piece by piece.
    func write(_ report: CheckReport, context: ReportContext, to output: inout ReportOutput) throws
}

extension Reporter {
    public func write(_ report: CheckReport, context: ReportContext, to output: inout ReportOutput) throws {
        try output.writeWhole(render(report, context: context))
        try output.finish()
    }
}
