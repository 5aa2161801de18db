/// One problem found in a rule, data or option: a value, never a thrown error, so that every
/// problem of a run is collected and reported together.
public struct Diagnostic: Hashable, Sendable {
    public enum Severity: String, CaseIterable, Sendable, Comparable, Codable {
        case info
        case warning
        case error

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// A secondary location that explains the primary one (for example the first occurrence of
    /// a duplicated key).
    public struct Note: Hashable, Sendable {
        public var message: LocalizedText
        public var location: SourceLocation?

        public init(_ message: LocalizedText, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    public var severity: Severity
    /// Stable, lower-kebab-case identifier (`duplicate-key`, `unknown-metric`); tools match on it.
    public var code: String
    public var message: LocalizedText
    public var location: SourceLocation?
    public var notes: [Note]

    public init(
        _ severity: Severity,
        code: String,
        _ message: LocalizedText,
        at location: SourceLocation?,
        notes: [Note] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.notes = notes
    }

    public static func error(_ code: String, zh: String, en: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.error, code: code, LocalizedText(zh: zh, en: en), at: location)
    }

    public static func warning(_ code: String, zh: String, en: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.warning, code: code, LocalizedText(zh: zh, en: en), at: location)
    }

    public static func info(_ code: String, zh: String, en: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.info, code: code, LocalizedText(zh: zh, en: en), at: location)
    }
}

extension Diagnostic: Comparable {
    /// Reports list diagnostics by file and position, then by code, so output is stable.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        let pa = a.location.map { ($0.path, $0.line, $0.column) } ?? ("", 0, 0)
        let pb = b.location.map { ($0.path, $0.line, $0.column) } ?? ("", 0, 0)
        if pa != pb { return pa < pb }
        if a.code != b.code { return a.code < b.code }
        return a.message.en < b.message.en
    }
}

/// A diagnostic can travel as an error where one problem ends an operation (reading a file).
extension Diagnostic: Error {}
