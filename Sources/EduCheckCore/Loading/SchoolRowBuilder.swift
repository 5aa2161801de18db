/// Turns the typed fields of school rows, from inline YAML or a CSV file, into a `SchoolTable`
/// with the same checks for both: the four identifying fields, known stages and ownerships,
/// unique codes, and codes that a spreadsheet turned into numbers.
struct SchoolRowBuilder {
    typealias Cell = SchoolTable.Cell

    static let identifyingFields = ["code", "name", "stage", "ownership"]

    let path: String
    private(set) var fieldNames = identifyingFields
    private var fieldIndex = Dictionary(uniqueKeysWithValues: identifyingFields.enumerated().map { ($1, $0) })
    /// Row after row, `fieldNames.count` cells each.
    private var cells: [StoredCell] = []
    /// The texts and reasons the cells number; the row begun last's start at `rowTextStart`.
    private var texts: [CellText] = []
    private var rowTextStart = 0
    /// Every kept row's code and name; the row begun last's are the pending ones.
    private var codes = PackedStrings()
    private var names = PackedStrings()
    /// The identifying fields of the row begun last, kept apart from its cells (which keep where
    /// they stand): `endRow` checks them without reading a cell back or making a string.
    private var rowHasCode = false
    private var rowHasName = false
    private var rowDigitKey: UInt64?
    /// The stage's and ownership's places in `SchoolRow.stages` and `SchoolRow.ownerships`,
    /// `SchoolTable.unknown` with the text beside it when they are not there.
    private var rowStage: UInt8?
    private var rowOtherStage = ""
    private var rowOwnership: UInt8?
    private var rowOtherOwnership = ""
    private var stages: [UInt8] = []
    private var ownerships: [UInt8] = []
    /// The stages and ownerships that are not known ones, by row.
    private var otherStages: [Int: String] = [:]
    private var otherOwnerships: [Int: String] = [:]
    private var rowMarks: [SourceMark] = []
    /// Where each code seen so far was first listed: all-digit codes of up to 15 digits (nearly
    /// all) by `digitKey`, which hashes as one word where a string's bytes hash one by one (the
    /// check was 1.7% of a national run), any other code by its text.
    private var firstDigitCode: [UInt64: SourceMark] = [:]
    /// While the all-digit codes come in ascending order (a list sorted by code), each is only
    /// compared with the one before, as none can repeat an earlier one: they are kept here, in
    /// order, and moved into `firstDigitCode` at the first that does not ascend.
    private var ascendingDigitCodes: [(key: UInt64, mark: SourceMark)] = []
    private var digitCodesAscend = true
    private var firstCode: [String: SourceMark] = [:]

    init(path: String) {
        self.path = path
    }

    var count: Int { codes.count }

    /// The rows so far, as a table.
    func table() -> SchoolTable {
        SchoolTable(SchoolTable.Storage(
            path: path, fieldNames: fieldNames, codes: codes.committed, names: names.committed,
            stages: stages, otherStages: otherStages, ownerships: ownerships, otherOwnerships: otherOwnerships,
            rowMarks: rowMarks, cells: cells, texts: texts.count == rowTextStart ? texts : Array(texts[..<rowTextStart])))
    }

    /// The column number of a field, added (absent from the rows so far) when it is new.
    mutating func column(_ name: String) -> Int {
        if let index = fieldIndex[name] { return index }
        let width = fieldNames.count
        fieldIndex[name] = width
        fieldNames.append(name)
        if count > 0 {
            // Only inline rows bring new fields after the first row; there are few of those.
            var widened: [StoredCell] = []
            widened.reserveCapacity(count * (width + 1))
            for row in 0..<count {
                widened += cells[row * width..<(row + 1) * width]
                widened.append(.absent)
            }
            cells = widened
        }
        return width
    }

    /// Adds a row given as fields by name (inline YAML rows, whose fields vary from row to row).
    mutating func add(_ fields: [String: ReportedValue], at location: SourceLocation, _ reader: inout DocumentReader) {
        let sorted = fields.sorted { $0.key < $1.key }
        // Every column first: a new one widens the rows already in the table.
        let columns = sorted.map { column($0.key) }
        beginRow()
        for (index, (_, value)) in zip(columns, sorted) {
            let mark = SourceMark(line: value.location.line, column: value.location.column)
            switch (index, value.content) {
            case (0...3, .text(let text)): setIdentifying(index, text, at: mark)
            case (0...3, .number(let number)): setIdentifying(index, number.description, at: mark)
            default: set(index, Cell(value.content, at: mark))
            }
        }
        endRow(at: SourceMark(line: location.line, column: location.column), &reader)
    }

    /// Room for this many rows, when the caller knows (a CSV file's records).
    mutating func reserve(rows: Int) {
        cells.reserveCapacity(rows * fieldNames.count)
        codes.reserve(strings: rows, bytesEach: 10)
        names.reserve(strings: rows, bytesEach: 32)
        stages.reserveCapacity(rows)
        ownerships.reserveCapacity(rows)
        rowMarks.reserveCapacity(rows)
        ascendingDigitCodes.reserveCapacity(rows)
    }

    /// Starts a row at the end of the table, every cell absent; `set` fills it and `endRow`
    /// checks it. Cells are written in place: a national run adds 600,000 rows.
    mutating func beginRow() {
        for _ in 0..<fieldNames.count { cells.append(.absent) }
        rowHasCode = false
        rowHasName = false
        rowStage = nil
        rowOwnership = nil
    }

    /// Fills a cell of the row begun last (`field` from `column(_:)`). The values of the four
    /// identifying fields are kept apart by `setIdentifying`; here they get only why they are
    /// unusable.
    mutating func set(_ field: Int, _ cell: Cell) {
        let stored: StoredCell
        switch cell.content {
        case nil: stored = StoredCell(kind: .absent, flag: false, text: 0, number: .zero, mark: cell.mark)
        case .number(let value): stored = .number(value, at: cell.mark)
        case .flag(let value): stored = StoredCell(kind: .flag, flag: value, text: 0, number: .zero, mark: cell.mark)
        case .text(let text):
            stored = StoredCell(kind: .text, flag: false, text: Int32(texts.count), number: .zero, mark: cell.mark)
            texts.append(.text(text))
        case .invalid(let reason):
            stored = StoredCell(kind: .invalid, flag: false, text: Int32(texts.count), number: .zero, mark: cell.mark)
            texts.append(.reason(reason))
        }
        cells[count * fieldNames.count + field] = stored
    }

    /// A number cell of the row begun last: the commonest cell, set without a `Cell` made first.
    mutating func setNumber(_ field: Int, _ value: Rational, at mark: SourceMark) {
        assert(field > 3, "code, name, stage and ownership are set with setIdentifying")
        cells[count * fieldNames.count + field] = .number(value, at: mark)
    }

    /// Sets the code (0), name (1), stage (2) or ownership (3) of the row begun last from its
    /// text's bytes (valid UTF-8, trimmed); its cell keeps only where it stands. Code and name
    /// replace any set before (set twice, or left by a row dropped since); a known stage or
    /// ownership is kept as its place in the list, anything else as text.
    mutating func setIdentifying(_ field: Int, _ utf8: UnsafeBufferPointer<UInt8>, at mark: SourceMark) {
        switch field {
        case 0:
            codes.setPending(utf8)
            rowHasCode = true
            rowDigitKey = Self.digitKey(utf8)
        case 1:
            names.setPending(utf8)
            rowHasName = true
        case 2:
            if let known = Self.index(of: utf8, in: stageNames) {
                rowStage = UInt8(known)
            } else {
                rowStage = SchoolTable.unknown
                rowOtherStage = String(decoding: utf8, as: UTF8.self)
            }
        default:
            assert(field == 3)
            if let known = Self.index(of: utf8, in: ownershipNames) {
                rowOwnership = UInt8(known)
            } else {
                rowOwnership = SchoolTable.unknown
                rowOtherOwnership = String(decoding: utf8, as: UTF8.self)
            }
        }
        cells[count * fieldNames.count + field].mark = mark
    }

    mutating func setIdentifying(_ field: Int, _ text: String, at mark: SourceMark) {
        var text = text
        text.withUTF8 { setIdentifying(field, $0, at: mark) }
    }

    /// The known stages' and ownerships' bytes, for comparing a row's bytes without making a string.
    private let stageNames = SchoolRow.stages.map { Array($0.utf8) }
    private let ownershipNames = SchoolRow.ownerships.map { Array($0.utf8) }

    /// Where `utf8` is in `names`: length and first byte first (which tell the stages apart),
    /// then every byte.
    private static func index(of utf8: UnsafeBufferPointer<UInt8>, in names: [[UInt8]]) -> Int? {
        guard let first = utf8.first else { return nil }
        for index in names.indices where names[index].count == utf8.count && names[index][0] == first {
            if names[index].withUnsafeBufferPointer({ name in (1..<name.count).allSatisfy { name[$0] == utf8[$0] } }) {
                return index
            }
        }
        return nil
    }

    /// Checks the row begun last and keeps it, or drops it with the reason reported: the four
    /// identifying fields, known stages and ownerships (a bad one becomes an invalid cell),
    /// unique codes, codes a spreadsheet turned into numbers.
    mutating func endRow(at mark: SourceMark, _ reader: inout DocumentReader) {
        let base = count * fieldNames.count
        let location = mark.location(in: path)
        /// Whether the row has the identifying field; a missing one is reported. One that is
        /// there but not text (a list in YAML, already reported) drops the row as a missing one
        /// does.
        func has(_ column: Int, _ isSet: Bool) -> Bool {
            if isSet { return true }
            if cells[base + column].kind == .absent {
                let key = Self.identifyingFields[column]
                reader.report(.error("missing-key", zh: "学校行缺少 “\(key)”", en: "a school row has no '\(key)'", at: location))
            }
            return false
        }
        let hasCode = has(0, rowHasCode), hasName = has(1, rowHasName), hasStage = has(2, rowStage != nil), hasOwnership = has(3, rowOwnership != nil)
        guard hasCode, hasName, hasStage, hasOwnership else {
            drop()
            return
        }
        if rowStage == SchoolTable.unknown {
            let stage = rowOtherStage
            let tail = Suggestion.tail(for: stage, in: SchoolRow.stages)
            reader.report(.error("bad-value", zh: "未知的学段 “\(stage)”\(tail.zh)；可用：\(SchoolRow.stages.joined(separator: ", "))", en: "unknown stage '\(stage)'\(tail.en); allowed: \(SchoolRow.stages.joined(separator: ", "))", at: cells[base + 2].mark.location(in: path)))
            set(2, Cell(.invalid(LocalizedText(zh: "未知学段", en: "unknown stage")), at: cells[base + 2].mark))
        }
        if rowOwnership == SchoolTable.unknown {
            let ownership = rowOtherOwnership
            reader.report(.error("bad-value", zh: "办学性质应为 public 或 private，实际为 “\(ownership)”", en: "ownership must be public or private, found '\(ownership)'", at: cells[base + 3].mark.location(in: path)))
            set(3, Cell(.invalid(LocalizedText(zh: "未知办学性质", en: "unknown ownership")), at: cells[base + 3].mark))
        }
        let codeMark = cells[base].mark
        // One hash per row: the first row with a code keeps its place.
        let first: SourceMark?
        if let digitKey = rowDigitKey {
            first = firstListing(ofDigitCode: digitKey, at: mark)
        } else {
            let code = codes.pending
            first = firstCode.updateValue(mark, forKey: code)
            if let first { firstCode[code] = first }
        }
        if let first {
            let code = codes.pending
            reader.report(Diagnostic(.error, code: "duplicate-school-code", LocalizedText(zh: "学校代码 \(code) 重复", en: "duplicate school code \(code)"), at: codeMark.location(in: path), notes: [.init(LocalizedText(zh: "首次出现于此", en: "first listed here"), at: first.location(in: path))]))
            drop()
            return
        }
        // Plain digits are a code as written; anything else may be what a spreadsheet made of one.
        if rowDigitKey == nil, case let code = codes.pending, let mangling = CodeSyntax.mangling(of: code) {
            reader.report(Diagnostic(.error, code: "mangled-code", LocalizedText(zh: "学校代码 “\(code)” \(mangling.zh)", en: "school code '\(code)' \(mangling.en)"), at: codeMark.location(in: path)))
        }
        commit(at: mark)
    }

    /// Adds a row that cannot be trusted field by field (a CSV row with the wrong number of
    /// fields): it stays in the list so that every result over it is `invalid` and names it,
    /// rather than silently counting one school fewer.
    mutating func addUnusable(code: String, name: String, fieldNames names: [String], reason: LocalizedText, at mark: SourceMark) {
        let invalid = names.filter { $0 != "code" && $0 != "name" && !$0.isEmpty }.map { column($0) }
        beginRow()
        for field in invalid { set(field, Cell(.invalid(reason), at: mark)) }
        setIdentifying(0, code, at: mark)
        setIdentifying(1, name, at: mark)
        rowStage = SchoolTable.unknown
        rowOtherStage = ""
        rowOwnership = SchoolTable.unknown
        rowOtherOwnership = ""
        commit(at: mark)
    }

    /// Where an all-digit code was first listed, or nil when this is its first listing (which is
    /// recorded).
    private mutating func firstListing(ofDigitCode key: UInt64, at mark: SourceMark) -> SourceMark? {
        if digitCodesAscend {
            guard let last = ascendingDigitCodes.last, key <= last.key else {
                ascendingDigitCodes.append((key, mark))
                return nil
            }
            digitCodesAscend = false
            firstDigitCode.reserveCapacity(2 * ascendingDigitCodes.count)
            for code in ascendingDigitCodes { firstDigitCode[code.key] = code.mark }
            ascendingDigitCodes = []
        }
        let first = firstDigitCode.updateValue(mark, forKey: key)
        if let first { firstDigitCode[key] = first }
        return first
    }

    /// Forgets the row begun last: its cells and texts.
    private mutating func drop() {
        cells.removeLast(fieldNames.count)
        texts.removeSubrange(rowTextStart...)
    }

    /// Keeps the row begun last: its code, name, stage and ownership are set.
    private mutating func commit(at mark: SourceMark) {
        let row = count
        codes.commitPending()
        names.commitPending()
        let stage = rowStage ?? SchoolTable.unknown, ownership = rowOwnership ?? SchoolTable.unknown
        stages.append(stage)
        if stage == SchoolTable.unknown { otherStages[row] = rowOtherStage }
        ownerships.append(ownership)
        if ownership == SchoolTable.unknown { otherOwnerships[row] = rowOtherOwnership }
        rowMarks.append(mark)
        rowTextStart = texts.count
    }

    /// Codes that lost their leading zeros: in a list where codes of the usual length start with
    /// 0, an all-digit code that is shorter is what a spreadsheet makes of `0012345678`.
    func checkLeadingZeros(_ reader: inout DocumentReader) {
        // By length: how many all-digit codes have it, and whether one of them starts with 0.
        var lengths: [(count: Int, zeroLed: Bool)] = []
        func digits(_ row: Int) -> (length: Int, zeroLed: Bool)? {
            codes.withUTF8(row) { CodeSyntax.isDigits($0) ? ($0.count, $0[0] == UInt8(ascii: "0")) : nil }
        }
        for row in 0..<count {
            guard let (length, zeroLed) = digits(row) else { continue }
            if length >= lengths.count { lengths += repeatElement((count: 0, zeroLed: false), count: length + 1 - lengths.count) }
            lengths[length].count += 1
            if zeroLed { lengths[length].zeroLed = true }
        }
        // The most common length (the shortest of equally common ones).
        var usual = 0
        for length in lengths.indices where lengths[length].count > lengths[usual].count { usual = length }
        guard !lengths.isEmpty, lengths[usual].count > 0, lengths[usual].zeroLed else { return }
        for row in 0..<count where (digits(row)?.length ?? usual) < usual {
            let code = codes[row]
            reader.report(Diagnostic(
                .error, code: "mangled-code",
                LocalizedText(
                    zh: "学校代码 “\(code)” 只有 \(code.utf8.count) 位，其他代码为 \(usual) 位且以 0 开头：开头的 0 可能被表格软件去掉了；请把代码列设为文本",
                    en: "school code '\(code)' has \(code.utf8.count) digits where the others have \(usual) and start with 0: a spreadsheet probably dropped its leading zeros; format the code column as text"),
                at: cells[row * fieldNames.count].mark.location(in: path)))
        }
    }

    /// An all-digit code of 1 to 15 digits as one number that keeps its length (`0012` and `12`
    /// stay apart); nil for any other code.
    static func digitKey(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard (1...15).contains(bytes.count) else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value &* 10 &+ UInt64(digit)
        }
        // Below 10^15 < 2^50: the length sits above the value.
        return value | UInt64(bytes.count) << 56
    }

    // MARK: - Values

    /// A row field's value from its text. Row fields are not declared in the data dictionary, so
    /// the type comes from the text: identifying fields stay text; `true`/`false`/`是`/`否` are
    /// flags; a number (spreadsheet habits undone, each noted) is a number; text that looks like
    /// a number but is not one (`1.10101E+17`, `85%`) is refused; anything else is text.
    /// `what` names the field in messages (`schools.students`, or the CSV column).
    static func value(_ key: String, text: String, what: String) -> ValueParser.Parsed {
        if identifyingFields.contains(key) {
            return ValueParser.Parsed(content: .text(text), diagnostics: [])
        }
        switch text {
        case "true", "false", "是", "否":
            return ValueParser.parse(text, kind: .flag, what: what)
        default:
            var parsed = ValueParser.parse(text, kind: .amount, what: what)
            if case .invalid = parsed.content {
                return looksNumeric(text) ? parsed : ValueParser.Parsed(content: .text(text), diagnostics: [])
            }
            if let number = parsed.content.number, number < .zero {
                let message = LocalizedText(zh: "\(what) 不能为负数：\(text)", en: "\(what) cannot be negative: \(text)")
                parsed.content = .invalid(message)
                parsed.diagnostics.append(("negative-count", .error, message))
            }
            return parsed
        }
    }

    /// Starts like a number: a digit (ASCII or full-width), a sign or a decimal point.
    static func looksNumeric(_ text: String) -> Bool {
        guard let first = text.trimmingSpaces.unicodeScalars.first else { return false }
        return ("0"..."9").contains(first) || ("０"..."９").contains(first) || first == "-" || first == "+" || first == "."
    }
}
