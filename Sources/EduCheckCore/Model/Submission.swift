/// A value as a unit reported it, with where it stands in the file.
public struct ReportedValue: Hashable, Sendable {
    public enum Content: Hashable, Sendable {
        case number(Rational)
        case flag(Bool)
        case text(String)
        /// Present but unusable: the wrong type, a negative count, a part larger than its whole.
        /// The reason is also a diagnostic; results that use the value are `invalid`.
        case invalid(LocalizedText)
    }

    public var content: Content
    public var location: SourceLocation

    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    public var number: Rational? {
        if case .number(let value) = content { return value }
        return nil
    }

    public var flag: Bool? {
        if case .flag(let value) = content { return value }
        return nil
    }
}

/// One school in a unit's submission.
public struct SchoolRow: Hashable, Sendable {
    /// The row's values live in one shared, immutable object: a row is copied for every filter
    /// and predicate evaluated on it, and copying one reference is far cheaper than copying four
    /// strings, a dictionary and a location (measured: a fifth of a national run went to retain
    /// and release).
    private final class Storage: Sendable {
        let code: String
        let name: String
        let stage: String
        let ownership: String
        let fields: [String: ReportedValue]
        let location: SourceLocation

        init(code: String, name: String, stage: String, ownership: String, fields: [String: ReportedValue], location: SourceLocation) {
            self.code = code
            self.name = name
            self.stage = stage
            self.ownership = ownership
            self.fields = fields
            self.location = location
        }
    }

    private let storage: Storage

    public var code: String { storage.code }
    public var name: String { storage.name }
    public var stage: String { storage.stage }
    public var ownership: String { storage.ownership }
    /// Every field of the row by name, including `code`, `name`, `stage` and `ownership` as text.
    public var fields: [String: ReportedValue] { storage.fields }
    public var location: SourceLocation { storage.location }

    public init(code: String, name: String, stage: String, ownership: String, fields: [String: ReportedValue], location: SourceLocation) {
        storage = Storage(code: code, name: name, stage: stage, ownership: ownership, fields: fields, location: location)
    }

    public static func == (a: SchoolRow, b: SchoolRow) -> Bool {
        a.storage === b.storage || (a.code == b.code && a.name == b.name && a.stage == b.stage
            && a.ownership == b.ownership && a.fields == b.fields && a.location == b.location)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(location)
    }

    public static let stages = [
        "kindergarten", "primary", "junior_secondary", "senior_secondary", "nine_year",
        "complete_secondary", "twelve_year", "vocational", "special",
    ]
    public static let ownerships = ["public", "private"]
}

/// A unit's explanation (情况说明) attached to a rule.
public struct UnitNote: Hashable, Sendable {
    public var text: String
    public var location: SourceLocation

    public init(text: String, location: SourceLocation) {
        self.text = text
        self.location = location
    }
}

/// One unit's data for one period.
public struct Submission: Sendable {
    public var path: String
    public var unit: String
    public var period: Int
    public var metrics: [String: ReportedValue]
    public var previousPeriod: Int?
    public var previous: [String: ReportedValue]
    public var notes: [String: UnitNote]
    /// `nil` when the submission has no school rows at all.
    public var schools: [SchoolRow]?
    /// The files this submission was read from (itself and its school-row file), for the report.
    public var files: [String]

    public init(
        path: String, unit: String, period: Int, metrics: [String: ReportedValue] = [:],
        previousPeriod: Int? = nil, previous: [String: ReportedValue] = [:],
        notes: [String: UnitNote] = [:], schools: [SchoolRow]? = nil, files: [String] = []
    ) {
        self.path = path
        self.unit = unit
        self.period = period
        self.metrics = metrics
        self.previousPeriod = previousPeriod
        self.previous = previous
        self.notes = notes
        self.schools = schools
        self.files = files.isEmpty ? [path] : files
    }
}
