/// A quantity a unit reports, declared in `metrics.yaml`. Metric ids are the data contract with
/// the units: `domain.name` in lower snake case.
public struct Metric: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// A whole number of people, schools, places; never negative.
        case count
        /// An exact decimal quantity.
        case amount
        /// A percentage, written with a percent sign (`"78.95%"`).
        case rate
        /// Yes or no.
        case flag
        /// Free text.
        case text
    }

    /// How the city figure is formed from the units a rule applies to.
    public enum Aggregation: String, CaseIterable, Sendable {
        case sum
        /// True when every unit's flag is true.
        case all
        /// True when at least one unit's flag is true.
        case any
        /// The municipal level's own value is the city's.
        case municipal
        /// No city figure.
        case none
    }

    public var id: String
    public var name: LocalizedText
    public var kind: Kind
    public var unit: LocalizedText?
    public var aggregation: Aggregation
    public var minimum: Rational?
    /// The whole this metric is a part of: its value may never exceed that metric's.
    public var atMost: String?
    public var location: SourceLocation?

    public init(
        id: String, name: LocalizedText, kind: Kind, unit: LocalizedText?, aggregation: Aggregation,
        minimum: Rational? = nil, atMost: String? = nil, location: SourceLocation? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.unit = unit
        self.aggregation = aggregation
        self.minimum = minimum
        self.atMost = atMost
        self.location = location
    }

    /// The domain part of the id (`special_education` for `special_education.enrolled_…`).
    public var domain: String {
        String(id.prefix { $0 != "." })
    }

    public var isNumeric: Bool {
        kind == .count || kind == .amount || kind == .rate
    }
}
