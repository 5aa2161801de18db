/// A granted exception (豁免): a failing result it covers is `waived`, shown and counted apart.
public struct Waiver: Hashable, Sendable {
    public var rule: String
    public var unit: String
    public var reason: String
    public var approvedBy: String
    public var document: String
    public var expires: CalendarDate
    public var location: SourceLocation?

    public init(
        rule: String, unit: String, reason: String, approvedBy: String, document: String,
        expires: CalendarDate, location: SourceLocation? = nil
    ) {
        self.rule = rule
        self.unit = unit
        self.reason = reason
        self.approvedBy = approvedBy
        self.document = document
        self.expires = expires
        self.location = location
    }

    /// A waiver applies on every day up to and including its expiry date.
    public func isValid(on date: CalendarDate) -> Bool {
        date <= expires
    }
}
