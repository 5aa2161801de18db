/// A loaded ruleset: the units, the data dictionary and the rules, with where they came from.
public struct Ruleset: Sendable {
    /// The document a ruleset's targets come from.
    public struct Document: Hashable, Sendable {
        public var number: String
        public var title: LocalizedText
        public var issuer: LocalizedText?
        public var issued: CalendarDate?
        /// The document's full text, so quotes can be checked against it.
        public var text: String?

        public init(number: String, title: LocalizedText, issuer: LocalizedText?, issued: CalendarDate?, text: String?) {
            self.number = number
            self.title = title
            self.issuer = issuer
            self.issued = issued
            self.text = text
        }
    }

    public var id: String
    public var title: LocalizedText
    public var period: Int
    public var document: Document
    /// The code city-scope results carry.
    public var city: ReportingUnit
    /// Sorted by code.
    public private(set) var units: [ReportingUnit]
    /// Chapter headings by domain, in document order.
    public var domains: [(id: String, name: LocalizedText)]
    /// In declaration order.
    public private(set) var metrics: [Metric]
    /// In file-name, then declaration order.
    public var rules: [Rule]
    /// Where the ruleset was read from: a folder, or `builtin:gz-2025`.
    public var origin: String
    /// SHA-256 over the ruleset's files (path and content, in path order).
    public var sha256: String
    /// Waivers shipped with the ruleset (`waivers.yaml`), if any.
    public var waivers: [Waiver]

    private var metricIndex: [String: Int]
    private var unitIndex: [String: Int]
    /// The units' codes (not the city's), as submissions may name them.
    private(set) var unitCodes: UnitCodes
    /// The metrics with a `min` or an `at_most`, by id: the ones a submission's values are
    /// checked against.
    private(set) var constrainedMetrics: [Metric]
    private var ruleIndex: [String: Int]

    public init(
        id: String, title: LocalizedText, period: Int, document: Document, city: ReportingUnit,
        units: [ReportingUnit], domains: [(id: String, name: LocalizedText)], metrics: [Metric],
        rules: [Rule], origin: String, sha256: String, waivers: [Waiver] = []
    ) {
        self.id = id
        self.title = title
        self.period = period
        self.document = document
        self.city = city
        self.units = units.sorted { $0.code < $1.code }
        self.domains = domains
        self.metrics = metrics
        self.rules = rules
        self.origin = origin
        self.sha256 = sha256
        self.waivers = waivers
        metricIndex = Dictionary(metrics.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        unitIndex = Dictionary(self.units.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        unitCodes = UnitCodes(self.units.map(\.code))
        constrainedMetrics = metrics.filter { $0.minimum != nil || $0.atMost != nil }.sorted { $0.id < $1.id }
        ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func metric(_ id: String) -> Metric? {
        metricIndex[id].map { metrics[$0] }
    }

    public func unit(_ code: String) -> ReportingUnit? {
        unitIndex[code].map { units[$0] }
    }

    public func rule(_ id: String) -> Rule? {
        ruleIndex[id].map { rules[$0] }
    }

    /// The units a rule applies to, by code.
    public func units(for rule: Rule) -> [ReportingUnit] {
        units.filter { rule.appliesTo.includes($0) }
    }

    public func domainName(_ id: String) -> LocalizedText? {
        domains.first { $0.id == id }?.name
    }
}
