/// A CSV file's header, read once: names trimmed, blank and repeated names reported, and the
/// columns to read by index. Every message about a cell names its column from here.
struct CSVColumns {
    /// Every header cell, trimmed, by position.
    let names: [String]
    /// The columns that are read: named, and the first of a repeated name.
    private(set) var used: [(index: Int, name: String)] = []
    private var byName: [String: Int] = [:]

    init(_ table: CSVTable, _ reader: inout DocumentReader) {
        let header = table.header.map { Array($0.fields) } ?? []
        names = header.map { $0.text.trimmingSpaces }
        for (index, name) in names.enumerated() {
            if name.isEmpty {
                // Excel leaves empty header cells over columns once used; they matter only if
                // something is written under them.
                if let cell = table.records.dropFirst().lazy.compactMap({ $0.fields.indices.contains(index) ? $0.fields[index] : nil }).first(where: { !$0.text.trimmingSpaces.isEmpty }) {
                    reader.report(.warning("unnamed-column", zh: "第 \(index + 1) 列没有列名，其中的数据被忽略", en: "column \(index + 1) has no name in the header; its values are ignored", at: reader.location(cell.mark)))
                }
                continue
            }
            if let first = byName[name] {
                reader.report(Diagnostic(
                    .error, code: "duplicate-column",
                    LocalizedText(zh: "列名 “\(name)” 重复；只读取第一列", en: "column '\(name)' appears twice; only the first is read"),
                    at: reader.location(header[index].mark),
                    notes: [.init(LocalizedText(zh: "第一次出现于此", en: "first here"), at: reader.location(header[first].mark))]))
                continue
            }
            byName[name] = index
            used.append((index, name))
        }
    }

    func index(of name: String) -> Int? { byName[name] }

    /// Stops using a column (an unknown metric id, already reported).
    mutating func drop(_ index: Int) {
        used.removeAll { $0.index == index }
    }

    /// A record with more or fewer fields than the header has columns: its fields cannot be
    /// matched to columns, so it is reported (`csv-field-count`, at the first extra field or
    /// where the first missing one would start) and the reason returned for the row's values.
    func fieldCountProblem(_ record: CSVTable.Record, _ reader: inout DocumentReader) -> LocalizedText? {
        let count = record.fields.count
        guard count != names.count else { return nil }
        let message: LocalizedText
        let mark: SourceMark
        if count > names.count {
            mark = record.fields[names.count].mark
            let last = names.last ?? ""
            message = LocalizedText(
                zh: "此行有 \(count) 个字段，表头只有 \(names.count) 列：多出的字段从这里开始（“\(last)” 列之后）；可能是某个值含有逗号却没有加引号",
                en: "this row has \(count) fields but the header has \(names.count) columns: the extra field starts here (after column '\(last)'); a value with a comma may be missing its quotes")
        } else {
            mark = record.end
            message = LocalizedText(
                zh: "此行只有 \(count) 个字段，表头有 \(names.count) 列：缺少 “\(names[count])” 列\(count + 1 < names.count ? "及之后的列" : "")",
                en: "this row has \(count) fields but the header has \(names.count) columns: column '\(names[count])'\(count + 1 < names.count ? " and those after it are" : " is") missing")
        }
        reader.report(Diagnostic(.error, code: "csv-field-count", message, at: reader.location(mark)))
        return LocalizedText(zh: "第 \(record.line) 行的字段数与表头不符", en: "line \(record.line) has the wrong number of fields")
    }
}
