/// The verdict of one rule on one unit (or on the city aggregate).
public struct Outcome: Hashable, Sendable {
    public enum Status: String, CaseIterable, Sendable, Codable {
        case pass
        case fail
        /// Failed, but covered by a valid waiver: shown and counted apart, never hidden.
        case waived
        /// A value the rule needs is absent.
        case missing
        /// Values are present but inconsistent (part > whole, negative count, a bad school row).
        case invalid
        /// The rule does not apply to the unit, or there is nothing to measure (0 of 0).
        case notApplicable = "not_applicable"

        /// The status's place in `allCases`.
        var position: Int {
            switch self {
            case .pass: 0
            case .fail: 1
            case .waived: 2
            case .missing: 3
            case .invalid: 4
            case .notApplicable: 5
            }
        }

        public var label: LocalizedText {
            switch self {
            case .pass: LocalizedText(zh: "达标", en: "pass")
            case .fail: LocalizedText(zh: "未达标", en: "fail")
            case .waived: LocalizedText(zh: "已豁免", en: "waived")
            case .missing: LocalizedText(zh: "缺数据", en: "missing")
            case .invalid: LocalizedText(zh: "数据矛盾", en: "invalid")
            case .notApplicable: LocalizedText(zh: "不适用", en: "not applicable")
            }
        }

        /// Whether this status, on a rule of the given severity, makes the run fail.
        public func failsRun(severity: Rule.Severity, strict: Bool) -> Bool {
            guard severity == .error || strict else { return false }
            return self == .fail || self == .missing || self == .invalid
        }
    }

    /// What was measured.
    public struct Measurement: Hashable, Sendable {
        public enum Kind: String, Sendable {
            /// A part of a whole: ratio, coverage.
            case ratio
            /// A single number: value, change, count, sum, a numeric expression.
            case number
            /// Yes or no.
            case flag
            /// A reported rate against the rate its counts give.
            case consistency
        }

        public var kind: Kind
        public var numerator: Rational?
        public var denominator: Rational?
        public var number: Rational?
        public var flag: Bool?
        /// For consistency checks: the rate as reported.
        public var reported: Rational?
        /// The figure as shown, never contradicting the status ("98.99%", "42,000", "true").
        public var display: String

        public init(
            kind: Kind, numerator: Rational? = nil, denominator: Rational? = nil, number: Rational? = nil,
            flag: Bool? = nil, reported: Rational? = nil, display: String
        ) {
            self.kind = kind
            self.numerator = numerator
            self.denominator = denominator
            self.number = number
            self.flag = flag
            self.reported = reported
            self.display = display
        }
    }

    /// Where a value that decided the outcome stands.
    public struct Evidence: Hashable, Sendable {
        public var location: SourceLocation
        public var unit: String
        public var metric: String?

        public init(location: SourceLocation, unit: String, metric: String?) {
            self.location = location
            self.unit = unit
            self.metric = metric
        }
    }

    /// A school row that does not meet a coverage predicate, or that holds a bad value.
    public struct RowFinding: Hashable, Sendable {
        public var unit: String
        public var code: String
        public var name: String
        /// The values the predicate used, by field, in field order.
        public var values: [Field]
        public var location: SourceLocation
        /// Set when the row itself is the problem (a bad value), not merely below the line.
        public var problem: LocalizedText?

        public struct Field: Hashable, Sendable {
            public var name: String
            public var display: String

            public init(name: String, display: String) {
                self.name = name
                self.display = display
            }
        }

        public init(unit: String, code: String, name: String, values: [Field], location: SourceLocation, problem: LocalizedText? = nil) {
            self.unit = unit
            self.code = code
            self.name = name
            self.values = values
            self.location = location
            self.problem = problem
        }
    }

    public var rule: String {
        get { storage.value.rule }
        _modify {
            yield &storage.value.rule
        }
    }
    public var unit: String {
        get { storage.value.unit }
        _modify {
            yield &storage.value.unit
        }
    }
    public var scope: Rule.Scope {
        get { storage.value.scope }
        _modify {
            yield &storage.value.scope
        }
    }
    public var status: Status {
        get { storage.value.status }
        _modify {
            yield &storage.value.status
        }
    }
    public var severity: Rule.Severity {
        get { storage.value.severity }
        _modify {
            yield &storage.value.severity
        }
    }
    public var measurement: Measurement? {
        get { storage.value.measurement }
        _modify {
            yield &storage.value.measurement
        }
    }
    public var target: Target? {
        get { storage.value.target }
        _modify {
            yield &storage.value.target
        }
    }
    /// The shortfall, in the domain's units (people, schools, places); 0 when the target is met.
    public var gap: Rational? {
        get { storage.value.gap }
        _modify {
            yield &storage.value.gap
        }
    }
    /// The shortfall in words ("还需 9 名适龄残疾儿童入学").
    public var gapText: LocalizedText? {
        get { storage.value.gapText }
        _modify {
            yield &storage.value.gapText
        }
    }
    /// The value at which the target is met (the pass line: 53,901 of 98,000 against > 55%).
    public var passLine: Rational? {
        get { storage.value.passLine }
        _modify {
            yield &storage.value.passLine
        }
    }
    /// How far toward the target, as a share (42,000 of 60,000 places: 7/10).
    public var progress: Rational? {
        get { storage.value.progress }
        _modify {
            yield &storage.value.progress
        }
    }
    /// Why the outcome is missing, invalid or not applicable, one line each.
    public var reasons: [LocalizedText] {
        get { storage.value.reasons }
        _modify {
            yield &storage.value.reasons
        }
    }
    /// At city scope: the units whose data is missing or invalid.
    public var affectedUnits: [String] {
        get { storage.value.affectedUnits }
        _modify {
            yield &storage.value.affectedUnits
        }
    }
    public var evidence: [Evidence] {
        get { storage.value.evidence }
        _modify {
            yield &storage.value.evidence
        }
    }
    public var failingRows: [RowFinding] {
        get { storage.value.failingRows }
        _modify {
            yield &storage.value.failingRows
        }
    }
    /// The unit's explanation (情况说明), or at city scope every unit's, by unit code.
    public var notes: [String: UnitNote] {
        get { storage.value.notes }
        _modify {
            yield &storage.value.notes
        }
    }
    /// The waiver applied, if any.
    public var waiver: Waiver? {
        get { storage.value.waiver }
        set { storage.value.waiver = newValue }
    }

    /// Every field, in one object shared by the copies of a result until one of them changes: a
    /// result is a few hundred bytes with a dozen references.
    private struct Values: Hashable {
        var rule: String
        var unit: String
        var scope: Rule.Scope
        var status: Status
        var severity: Rule.Severity
        var measurement: Measurement?
        var target: Target?
        var gap: Rational?
        var gapText: LocalizedText?
        var passLine: Rational?
        var progress: Rational?
        var reasons: [LocalizedText]
        var affectedUnits: [String]
        var evidence: [Evidence]
        var failingRows: [RowFinding]
        var notes: [String: UnitNote]
        var waiver: Waiver?
    }

    private var storage: CopyOnWrite<Values>

    public static func == (a: Outcome, b: Outcome) -> Bool {
        a.storage.shares(with: b.storage) || a.storage.value == b.storage.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.value)
    }

    public init(
        rule: String, unit: String, scope: Rule.Scope, status: Status, severity: Rule.Severity,
        measurement: Measurement? = nil, target: Target? = nil, gap: Rational? = nil,
        gapText: LocalizedText? = nil, passLine: Rational? = nil, progress: Rational? = nil,
        reasons: [LocalizedText] = [], affectedUnits: [String] = [], evidence: [Evidence] = [],
        failingRows: [RowFinding] = [], notes: [String: UnitNote] = [:], waiver: Waiver? = nil
    ) {
        storage = CopyOnWrite(Values(
            rule: rule, unit: unit, scope: scope, status: status, severity: severity, measurement: measurement,
            target: target, gap: gap, gapText: gapText, passLine: passLine, progress: progress, reasons: reasons,
            affectedUnits: affectedUnits, evidence: evidence, failingRows: failingRows, notes: notes, waiver: waiver))
    }
}
