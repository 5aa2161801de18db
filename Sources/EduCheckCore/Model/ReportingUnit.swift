/// A reporting unit (填报单位): a district, or the municipal level. Identified by its GB/T 2260 code,
/// which is always text — `0440104` must never become a number.
public struct ReportingUnit: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case district
        case municipal
    }

    public var code: String
    public var name: LocalizedText
    public var kind: Kind
    /// Short latin name used in file names (`440104-yuexiu.yaml`).
    public var slug: String

    public init(code: String, name: LocalizedText, kind: Kind, slug: String) {
        self.code = code
        self.name = name
        self.kind = kind
        self.slug = slug
    }
}
