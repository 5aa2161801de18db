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
        get { storage.fields.path }
        _modify { makeUnique(); yield &storage.fields.path }
    }
    public var unit: String {
        get { storage.fields.unit }
        _modify { makeUnique(); yield &storage.fields.unit }
    }
    public var period: Int {
        get { storage.fields.period }
        _modify { makeUnique(); yield &storage.fields.period }
    }
    public var metrics: [String: ReportedValue] {
        get { storage.fields.metrics }
        _modify { makeUnique(); yield &storage.fields.metrics }
    }
    public var previousPeriod: Int? {
        get { storage.fields.previousPeriod }
        _modify { makeUnique(); yield &storage.fields.previousPeriod }
    }
    public var previous: [String: ReportedValue] {
        get { storage.fields.previous }
        _modify { makeUnique(); yield &storage.fields.previous }
    }
    public var notes: [String: UnitNote] {
        get { storage.fields.notes }
        _modify { makeUnique(); yield &storage.fields.notes }
    }
    /// `nil` when the submission has no school rows at all.
    public var schools: SchoolTable? {
        get { storage.fields.schools }
        _modify { makeUnique(); yield &storage.fields.schools }
    }
    /// The files this submission was read from (itself and its school-row file), for the report.
    public var files: [String] {
        get { storage.fields.files }
        _modify { makeUnique(); yield &storage.fields.files }
    }

    public init(
        path: String, unit: String, period: Int, metrics: [String: ReportedValue] = [:],
        previousPeriod: Int? = nil, previous: [String: ReportedValue] = [:],
        notes: [String: UnitNote] = [:], schools: SchoolTable? = nil, files: [String] = []
    ) {
        storage = Storage(Fields(
            path: path, unit: unit, period: period, metrics: metrics, previousPeriod: previousPeriod,
            previous: previous, notes: notes, schools: schools, files: files.isEmpty ? [path] : files))
    }

    /// The fields behind one reference, copied only when changed while shared (copy on write). A
    /// national run copies each submission several times (into the run's list, into the inputs of
    /// every city rule, 25 rules × 3,000 units), and copying nine fields' references each time
    /// was a sixth of the city rules' time (measured).
    private final class Storage: @unchecked Sendable {
        // Mutated only through `makeUnique()`, when this is the one reference: no other thread
        // can see it then and no two accesses can overlap (hence no run-time exclusivity check).
        @exclusivity(unchecked) var fields: Fields

        init(_ fields: Fields) {
            self.fields = fields
        }
    }

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

    private var storage: Storage

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
    }
}
