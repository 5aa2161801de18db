public import EduCheckCore

/// The output formats. Closed, so an unknown `--format` is a usage error, never a crash.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text
    case json

    public var reporter: any Reporter {
        switch self {
        case .text: TextReporter()
        case .json: JSONReporter()
        }
    }

    /// One line for `--help`.
    public var summary: String {
        switch self {
        case .text: "text: for people, per unit, failures first (default)"
        case .json: "json: every result with its evidence, for programs"
        }
    }
}

/// What a reporter may know besides the report itself. Passed in, never read from globals, so
/// golden tests render exactly what users get.
public struct ReportContext: Sendable {
    public var language: Language
    /// ANSI colour, only when writing to a terminal and `NO_COLOR` is unset.
    public var colour: Bool

    public init(language: Language = .zh, colour: Bool = false) {
        self.language = language
        self.colour = colour
    }
}

/// Renders a whole run in one format.
public protocol Reporter: Sendable {
    static var format: ReportFormat { get }
    func render(_ report: CheckReport, context: ReportContext) -> String
}
