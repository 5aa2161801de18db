/// The units of one metrics CSV in the order they first appear, with their values so far.
struct UnitTable {
    struct Entry {
        var location: SourceLocation
        var metrics: [String: ReportedValue] = [:]
        var previous: [String: ReportedValue] = [:]
        var hasPrevious = false
    }

    private(set) var entries: [String: Entry] = [:]
    private(set) var order: [String] = []

    mutating func touch(_ unit: String, at location: SourceLocation, previous: Bool) {
        if entries[unit] == nil {
            entries[unit] = Entry(location: location)
            order.append(unit)
        }
        if previous { entries[unit]?.hasPrevious = true }
    }

    /// Sets a value; a second value for the same unit, period and metric is an error and the
    /// first is kept, as with a duplicated key in YAML.
    mutating func set(_ value: ReportedValue, for id: String, unit: String, previous: Bool, at field: CSVTable.Field, _ reader: inout DocumentReader) {
        let existing = previous ? entries[unit]?.previous[id] : entries[unit]?.metrics[id]
        if let existing {
            reader.report(Diagnostic(
                .error, code: "duplicate-metric",
                LocalizedText(zh: "单位 \(unit) 的指标 \(id) 填了两次；采用第一次的值", en: "unit \(unit) reports \(id) twice; the first value is used"),
                at: value.location, notes: [.init(LocalizedText(zh: "第一次在此", en: "first here"), at: existing.location)]))
            return
        }
        if previous { entries[unit]?.previous[id] = value } else { entries[unit]?.metrics[id] = value }
    }
}
