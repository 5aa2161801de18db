/// One policy target.
public struct Rule: Hashable, Sendable {
    public enum Scope: String, CaseIterable, Sendable, Comparable, Codable {
        /// Evaluated on each applicable unit's own submission.
        case unit
        /// Evaluated once on the aggregate of the units the rule applies to.
        case city

        public static func < (a: Scope, b: Scope) -> Bool {
            a == .unit && b == .city
        }
    }

    public enum Severity: String, CaseIterable, Sendable, Codable {
        /// A binding target (实现, 确保, 保持, 达到, 配齐).
        case error
        /// An aspiration (力争, 推动, 探索).
        case warning
    }

    /// Which units a rule applies to.
    public enum Applicability: Hashable, Sendable {
        case districts
        case municipal
        case all
        case units(UnitCodes)

        public func includes(_ unit: ReportingUnit) -> Bool {
            // Kinds matched by pattern: `==` on an enum with raw values can resolve to the
            // raw-value comparison, which compared the two strings (seen in profiles).
            switch (self, unit.kind) {
            case (.districts, .district), (.municipal, .municipal), (.all, _): true
            case (.units(let codes), _): codes.contains(unit.code)
            default: false
            }
        }

        public var text: String {
            switch self {
            case .districts: "districts"
            case .municipal: "municipal"
            case .all: "all"
            case .units(let codes): codes.joined(separator: ", ")
            }
        }
    }

    /// Where in the source document a rule comes from.
    public struct Citation: Hashable, Sendable {
        public var section: String
        /// The sentence, copied verbatim from the source document.
        public var quote: String
        public var quoteLocation: SourceLocation?

        public init(section: String, quote: String, quoteLocation: SourceLocation? = nil) {
            self.section = section
            self.quote = quote
            self.quoteLocation = quoteLocation
        }
    }

    public var id: String
    public var title: LocalizedText
    public var source: Citation
    public var scopes: [Scope]
    public var appliesTo: Applicability
    public var measure: Measure
    /// Absent only for consistency measures, which pass when the figures agree.
    public var target: Target?
    public var severity: Severity
    public var interpretation: LocalizedText?
    /// How a shortfall is phrased, with `{n}` standing for the number.
    public var gapPhrase: LocalizedText?
    public var location: SourceLocation?

    public init(
        id: String, title: LocalizedText, source: Citation, scopes: [Scope], appliesTo: Applicability,
        measure: Measure, target: Target?, severity: Severity, interpretation: LocalizedText? = nil,
        gapPhrase: LocalizedText? = nil, location: SourceLocation? = nil
    ) {
        self.id = id
        self.title = title
        self.source = source
        self.scopes = scopes
        self.appliesTo = appliesTo
        self.measure = measure
        self.target = target
        self.severity = severity
        self.interpretation = interpretation
        self.gapPhrase = gapPhrase
        self.location = location
    }
}
