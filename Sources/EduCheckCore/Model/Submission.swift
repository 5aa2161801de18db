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
    public var schools: SchoolTable?
    /// The files this submission was read from (itself and its school-row file), for the report.
    public var files: [String]

    public init(
        path: String, unit: String, period: Int, metrics: [String: ReportedValue] = [:],
        previousPeriod: Int? = nil, previous: [String: ReportedValue] = [:],
        notes: [String: UnitNote] = [:], schools: SchoolTable? = nil, files: [String] = []
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
