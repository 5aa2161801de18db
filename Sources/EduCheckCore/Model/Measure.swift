/// What a rule measures. Each case documents itself with an example in `Docs/ruleset-format.md`.
public indirect enum Measure: Hashable, Sendable {
    /// The metric itself: `value: school_places.new_public_places`.
    case value(metric: String)
    /// Part over whole; at city scope Σ parts / Σ wholes, never a mean of rates.
    case ratio(numerator: String, denominator: String)
    /// This period's value minus the submission's `previous` value.
    case change(metric: String)
    /// Share of school rows matching `rows` that satisfy `meets`.
    case coverage(rows: RowFilter, meets: RowFilter)
    /// Number of school rows matching `rows`.
    case count(rows: RowFilter)
    /// Sum of `field` over the school rows matching `rows`.
    case sum(field: String, rows: RowFilter)
    /// A safe expression over metrics.
    case expression(SourceExpression)
    /// A rate the unit reports must agree with the rate its own counts give, to `rounding` decimal
    /// places of a percent.
    case consistency(reported: String, numerator: String, denominator: String, rounding: Int)

    /// The metric ids this measure reads, in a stable order.
    public var metricIDs: [String] {
        switch self {
        case .value(let metric), .change(let metric):
            [metric]
        case .ratio(let numerator, let denominator):
            [numerator, denominator]
        case .consistency(let reported, let numerator, let denominator, _):
            [reported, numerator, denominator]
        case .expression(let expression):
            expression.identifiers
        case .coverage, .count, .sum:
            []
        }
    }

    /// Whether the measure reads school rows.
    public var usesSchoolRows: Bool {
        switch self {
        case .coverage, .count, .sum: true
        default: false
        }
    }

    /// The school-row fields this measure reads.
    public var rowFields: [String] {
        switch self {
        case .coverage(let rows, let meets):
            Array(Set(rows.identifiers + meets.identifiers)).sorted()
        case .count(let rows):
            rows.identifiers
        case .sum(let field, let rows):
            Array(Set([field] + rows.identifiers)).sorted()
        default:
            []
        }
    }

    public var kindName: String {
        switch self {
        case .value: "value"
        case .ratio: "ratio"
        case .change: "change"
        case .coverage: "coverage"
        case .count: "count"
        case .sum: "sum"
        case .expression: "expression"
        case .consistency: "consistency"
        }
    }
}

/// An expression kept with the text it was parsed from, so reports can show what the rule says.
public struct SourceExpression: Hashable, Sendable {
    public let text: String
    public let expression: Expression
    /// The names the expression reads, worked out once: a row filter runs on every school row.
    public let identifiers: [String]

    public init(text: String, expression: Expression) {
        self.text = text
        self.expression = expression
        identifiers = expression.identifiers
    }
}

/// A school-row filter or predicate: an expression over a row's fields.
public typealias RowFilter = SourceExpression

extension SourceExpression {
    /// The filter of a measure that names no `rows:`.
    public static let everyRow = SourceExpression(text: "true", expression: .flag(true))
}
