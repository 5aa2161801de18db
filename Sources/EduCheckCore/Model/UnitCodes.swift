/// Unit codes in the order they were listed, looked up by hash: the codes a rule names
/// (`applies_to: ["440104", …]`) and the codes a ruleset knows (`units.yaml`). A national ruleset
/// has thousands of units and names a thousand in one rule; every submission, metrics-CSV record
/// and `applies_to` entry is checked against the known codes, and every unit of a run against the
/// codes of each rule that names its units (a scan of the list was 4.8 million string comparisons
/// in the national benchmark). The order serves reports and the "did you mean" suggestion.
public struct UnitCodes: Hashable, Sendable, RandomAccessCollection, ExpressibleByArrayLiteral {
    /// As listed.
    public let list: [String]
    private let set: Set<String>

    public init(_ list: [String]) {
        self.list = list
        set = Set(list)
    }

    public init(arrayLiteral codes: String...) {
        self.init(codes)
    }

    public func contains(_ code: String) -> Bool {
        set.contains(code)
    }

    public var startIndex: Int { list.startIndex }
    public var endIndex: Int { list.endIndex }
    public subscript(position: Int) -> String { list[position] }

    public static func == (a: UnitCodes, b: UnitCodes) -> Bool {
        a.list == b.list
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(list)
    }
}
