/// Normalisation notes of a long CSV, one per column and kind: "students: thousands separators
/// removed in 48,000 cells (first at line 2)" says as much as 48,000 notes and can be read.
struct NoteTally {
    typealias Note = (code: String, severity: Diagnostic.Severity, message: LocalizedText)

    private struct Key: Hashable {
        var column: String
        var code: String
    }

    private struct Entry {
        var note: Note
        var location: SourceLocation
        var count: Int
    }

    private var entries: [Key: Entry] = [:]
    private var order: [Key] = []

    mutating func add(_ note: Note, column: String, at location: SourceLocation) {
        let key = Key(column: column, code: note.code)
        if entries[key] != nil {
            entries[key]?.count += 1
            return
        }
        entries[key] = Entry(note: note, location: location, count: 1)
        order.append(key)
    }

    func diagnostics() -> [Diagnostic] {
        order.compactMap { key in
            guard let entry = entries[key] else { return nil }
            let more = entry.count > 1
                ? LocalizedText(zh: "（\(key.column) 列共 \(entry.count) 处同样处理，此为第一处）", en: " (and the same in \(entry.count - 1) more cells of column '\(key.column)')")
                : LocalizedText(zh: "", en: "")
            return Diagnostic(entry.note.severity, code: entry.note.code, LocalizedText(zh: entry.note.message.zh + more.zh, en: entry.note.message.en + more.en), at: entry.location)
        }
    }
}
