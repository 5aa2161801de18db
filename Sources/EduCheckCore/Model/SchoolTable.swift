/// A unit's school rows as a table of cells: a national run reads hundreds of thousands of rows,
/// and a row as a dictionary of located values cost a hash, an allocation and a copy of the file's
/// path for every cell (measured: loading rows that way was a quarter of the run). Here a cell is
/// its typed value and its line and column, in one array for the table; the path is kept once; a
/// filter resolves its field names to column numbers once per table.
///
/// A collection of `SchoolRow`s, for code that wants one school at a time.
public struct SchoolTable: RandomAccessCollection, Sendable {
    /// One field of one school: its value (nil when the school has none) and where it stands.
    public struct Cell: Sendable {
        public var content: ReportedValue.Content?
        public var mark: SourceMark

        public init(_ content: ReportedValue.Content?, at mark: SourceMark) {
            self.content = content
            self.mark = mark
        }
    }

    /// Immutable once built, so that copying a submission copies one reference.
    final class Storage: Sendable {
        let path: String
        let fieldNames: [String]
        let fieldIndex: [String: Int]
        let codes: PackedStrings
        let names: PackedStrings
        /// Each row's stage and ownership by their place in `SchoolRow.stages` and
        /// `SchoolRow.ownerships`; `SchoolTable.unknown` for any other, whose text is in
        /// `otherStages` or `otherOwnerships` by row.
        let stages: [UInt8]
        let otherStages: [Int: String]
        let ownerships: [UInt8]
        let otherOwnerships: [Int: String]
        let rowMarks: [SourceMark]
        /// Row after row: the cell of `row` in `field` is at `row * fieldNames.count + field`.
        let cells: [StoredCell]
        /// The texts and reasons the cells number.
        let texts: [CellText]

        init(
            path: String, fieldNames: [String], codes: PackedStrings, names: PackedStrings, stages: [UInt8], otherStages: [Int: String],
            ownerships: [UInt8], otherOwnerships: [Int: String], rowMarks: [SourceMark], cells: [StoredCell], texts: [CellText]
        ) {
            self.path = path
            self.fieldNames = fieldNames
            fieldIndex = Dictionary(fieldNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            self.codes = codes
            self.names = names
            self.stages = stages
            self.otherStages = otherStages
            self.ownerships = ownerships
            self.otherOwnerships = otherOwnerships
            self.rowMarks = rowMarks
            self.cells = cells
            self.texts = texts
        }
    }

    let storage: Storage

    init(_ storage: Storage) {
        self.storage = storage
    }

    /// The file the rows were read from.
    public var path: String { storage.path }
    /// Every field any row has, by column number; `code`, `name`, `stage` and `ownership` first.
    public var fieldNames: [String] { storage.fieldNames }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.codes.count }

    public subscript(row: Int) -> SchoolRow {
        SchoolRow(table: self, row: row)
    }

    /// The column number of a field, nil when no row has it.
    public func field(_ name: String) -> Int? {
        storage.fieldIndex[name]
    }

    /// The cell of a row's field. Code, name, stage and ownership are kept apart from the cells
    /// (their cells hold only where they stand, or why a stage or ownership is unusable); their
    /// cell here is the text and where it stands.
    public func cell(row: Int, field: Int) -> Cell {
        let stored = storage.cells[row * storage.fieldNames.count + field]
        let cell = Cell(content(of: stored), at: stored.mark)
        guard field < 4, cell.content == nil else { return cell }
        let text = switch field {
        case 0: code(row: row)
        case 1: name(row: row)
        case 2: stage(row: row)
        default: ownership(row: row)
        }
        return Cell(.text(text), at: cell.mark)
    }

    /// The number of fields: a row's cells are `row * width ..< (row + 1) * width`.
    public var width: Int { storage.fieldNames.count }

    /// Every cell as stored, row after row (`row * width + field`), for loops over many rows that
    /// should not pay for an array access per cell. The values of the four identifying fields are
    /// not among them (an unusable stage or ownership is): read `code(row:)`, `name(row:)`,
    /// `stage(row:)` and `ownership(row:)`.
    func withCells<Result>(_ body: (UnsafeBufferPointer<StoredCell>) throws -> Result) rethrows -> Result {
        try storage.cells.withUnsafeBufferPointer(body)
    }

    /// A stored cell's value.
    func content(of cell: StoredCell) -> ReportedValue.Content? {
        switch cell.kind {
        case .absent: nil
        case .number: .number(cell.number)
        case .flag: .flag(cell.flag)
        case .text: .text(text(of: cell))
        case .invalid: .invalid(reason(of: cell))
        }
    }

    /// The text of a `.text` cell.
    func text(of cell: StoredCell) -> String {
        guard case .text(let text) = storage.texts[Int(cell.text)] else { preconditionFailure("a text cell numbers a text") }
        return text
    }

    /// Why an `.invalid` cell is unusable.
    func reason(of cell: StoredCell) -> LocalizedText {
        guard case .reason(let reason) = storage.texts[Int(cell.text)] else { preconditionFailure("an invalid cell numbers a reason") }
        return reason
    }

    public func code(row: Int) -> String { storage.codes[row] }
    public func name(row: Int) -> String { storage.names[row] }

    public func stage(row: Int) -> String {
        let index = storage.stages[row]
        return index == Self.unknown ? storage.otherStages[row] ?? "" : SchoolRow.stages[Int(index)]
    }

    /// Where the row's stage is in `SchoolRow.stages`; `unknown` when it is not there.
    public func stageIndex(row: Int) -> UInt8 { storage.stages[row] }

    /// The place of a stage or ownership that is not a known one.
    public static let unknown = UInt8.max

    public func ownership(row: Int) -> String {
        let index = storage.ownerships[row]
        return index == Self.unknown ? storage.otherOwnerships[row] ?? "" : SchoolRow.ownerships[Int(index)]
    }

    /// Where the row starts.
    public func location(row: Int) -> SourceLocation {
        storage.rowMarks[row].location(in: storage.path)
    }

    /// Where a cell stands.
    public func location(of cell: Cell) -> SourceLocation {
        cell.mark.location(in: storage.path)
    }
}

/// One school in a unit's submission: a row of a `SchoolTable`.
public struct SchoolRow: Sendable {
    public let table: SchoolTable
    public let row: Int

    public var code: String { table.code(row: row) }
    public var name: String { table.name(row: row) }
    public var stage: String { table.stage(row: row) }
    public var ownership: String { table.ownership(row: row) }
    public var location: SourceLocation { table.location(row: row) }

    /// Every field of the row by name, including `code`, `name`, `stage` and `ownership` as text.
    /// Built on each call: evaluation reads cells by column instead.
    public var fields: [String: ReportedValue] {
        var fields: [String: ReportedValue] = [:]
        for (index, name) in table.fieldNames.enumerated() {
            let cell = table.cell(row: row, field: index)
            if let content = cell.content { fields[name] = ReportedValue(content, at: table.location(of: cell)) }
        }
        return fields
    }

    public static let stages = [
        "kindergarten", "primary", "junior_secondary", "senior_secondary", "nine_year",
        "complete_secondary", "twelve_year", "vocational", "special",
    ]
    public static let ownerships = ["public", "private"]
}
