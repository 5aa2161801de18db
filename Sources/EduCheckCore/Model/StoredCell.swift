/// How a `SchoolTable` keeps a cell: plain bits (a number or flag in place, text and the reason
/// for an unusable value as a number into the table's `texts`), so that making, copying and
/// freeing a national run's 3.6 million cells touches no reference counts. A `SchoolTable.Cell`
/// is made from it when asked for.
struct StoredCell: Sendable {
    enum Kind: UInt8, Sendable {
        /// The school has no value for the field.
        case absent
        case number
        case flag
        /// `text` numbers the text in the table's `texts`.
        case text
        /// Present but unusable; `text` numbers the reason in the table's `texts`.
        case invalid
    }

    var kind: Kind
    var flag: Bool
    var text: Int32
    var number: Rational
    var mark: SourceMark

    static let absent = StoredCell(kind: .absent, flag: false, text: 0, number: .zero, mark: SourceMark(line: 0, column: 0))

    static func number(_ value: Rational, at mark: SourceMark) -> StoredCell {
        StoredCell(kind: .number, flag: false, text: 0, number: value, mark: mark)
    }
}

/// A table's texts and reasons, kept apart from its cells.
enum CellText: Sendable {
    case text(String)
    case reason(LocalizedText)
}
