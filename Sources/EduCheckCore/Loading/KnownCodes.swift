/// The unit codes a file may name: looked up by hash (a national ruleset has thousands, and a
/// run checks one per submission, per metrics-CSV record and per `applies_to` entry), listed in
/// order for the "did you mean" suggestion when a code is unknown.
struct KnownCodes: Sendable {
    let list: [String]
    private let set: Set<String>

    init(_ list: [String]) {
        self.list = list
        set = Set(list)
    }

    func contains(_ code: String) -> Bool {
        set.contains(code)
    }
}
