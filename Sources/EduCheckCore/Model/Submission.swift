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
    public var path: String {
        get { storage.value.path }
        _modify { yield &storage.value.path }
    }
    public var unit: String {
        get { storage.value.unit }
        _modify { yield &storage.value.unit }
    }
    public var period: Int {
        get { storage.value.period }
        _modify { yield &storage.value.period }
    }
    public var metrics: [String: ReportedValue] {
        get { storage.value.metrics }
        _modify { yield &storage.value.metrics }
    }
    public var previousPeriod: Int? {
        get { storage.value.previousPeriod }
        _modify { yield &storage.value.previousPeriod }
    }
    public var previous: [String: ReportedValue] {
        get { storage.value.previous }
        _modify { yield &storage.value.previous }
    }
    public var notes: [String: UnitNote] {
        get { storage.value.notes }
        _modify { yield &storage.value.notes }
    }
    /// `nil` when the submission has no school rows at all.
    public var schools: SchoolTable? {
        get { storage.value.schools }
        _modify { yield &storage.value.schools }
    }
    /// The files this submission was read from (itself and its school-row file), for the report.
    public var files: [String] {
        get { storage.value.files }
        _modify { yield &storage.value.files }
    }

    public init(
        path: String, unit: String, period: Int, metrics: [String: ReportedValue] = [:],
        previousPeriod: Int? = nil, previous: [String: ReportedValue] = [:],
        notes: [String: UnitNote] = [:], schools: SchoolTable? = nil, files: [String] = []
    ) {
        storage = CopyOnWrite(Fields(
            path: path, unit: unit, period: period, metrics: metrics, previousPeriod: previousPeriod,
            previous: previous, notes: notes, schools: schools, files: files.isEmpty ? [path] : files))
    }

    /// The fields behind one reference shared by copies until one of them changes: a national run
    /// copies each submission into the inputs of every city rule (25 rules × 3,000 units), and
    /// copying nine fields' references each time was a sixth of the city rules' time (measured).
    private struct Fields {
        var path: String
        var unit: String
        var period: Int
        var metrics: [String: ReportedValue]
        var previousPeriod: Int?
        var previous: [String: ReportedValue]
        var notes: [String: UnitNote]
        var schools: SchoolTable?
        var files: [String]
    }

    private var storage: CopyOnWrite<Fields>
}
