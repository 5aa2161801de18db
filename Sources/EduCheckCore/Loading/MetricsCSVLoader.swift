/// Reads unit metrics from CSV (SPEC 3.4), one `Submission` per unit in the file:
///
/// - long form, header `unit,period,metric,value`: one value per record; further columns (a
///   description for people, say) are ignored;
/// - wide form, header `unit,period,<metric id>,<metric id>,…`: one unit per record.
///
/// In both, records whose period is the ruleset's period minus one are that unit's `previous`
/// values. A blank value is "not reported", as a blank value in YAML is.
public enum MetricsCSVLoader {
    public struct Loaded: Sendable {
        public var submission: Submission
        /// The unit's first cell, for messages about the unit (a duplicate submission).
        public var unitLocation: SourceLocation
    }

    public struct Result: Sendable {
        public var submissions: [Loaded]
        public var diagnostics: [Diagnostic]
    }

    /// Whether the header starts with `unit,period`, which is how a folder scan tells a metrics
    /// CSV from other CSV files. Case and surrounding spaces are ignored.
    public static func isMetricsHeader(_ header: CSVTable.Record?) -> Bool {
        guard let fields = header?.fields, fields.count >= 2 else { return false }
        return fields[0].text.trimmingSpaces.lowercased() == "unit" && fields[1].text.trimmingSpaces.lowercased() == "period"
    }

    static func isLongForm(_ header: CSVTable.Record) -> Bool {
        header.fields.count >= 4 && header.fields[2].text.trimmingSpaces.lowercased() == "metric"
            && header.fields[3].text.trimmingSpaces.lowercased() == "value"
    }

    public static func load(_ table: CSVTable, path: String, ruleset: Ruleset) -> Result {
        var reader = DocumentReader(path: path)
        guard let header = table.header, isMetricsHeader(header) else {
            reader.report(.error("missing-column", zh: "指标 CSV 的表头应以 unit,period 开头", en: "a metrics CSV's header must start with unit,period", at: SourceLocation(path: path, line: 1, column: 1)))
            return Result(submissions: [], diagnostics: reader.diagnostics)
        }
        var units = UnitTable()
        if isLongForm(header) {
            readLong(table, &units, &reader, ruleset: ruleset)
        } else {
            readWide(table, &units, &reader, ruleset: ruleset)
        }
        var loaded: [Loaded] = []
        for unit in units.order {
            guard var entry = units.entries[unit] else { continue }
            SubmissionLoader.applyConstraints(&entry.metrics, ruleset: ruleset, reader: &reader)
            SubmissionLoader.applyConstraints(&entry.previous, ruleset: ruleset, reader: &reader)
            let submission = Submission(
                path: path, unit: unit, period: ruleset.period, metrics: entry.metrics,
                previousPeriod: entry.hasPrevious ? ruleset.period - 1 : nil, previous: entry.previous)
            loaded.append(Loaded(submission: submission, unitLocation: entry.location))
        }
        return Result(submissions: loaded, diagnostics: Diagnostic.capped(reader.diagnostics, path: path))
    }

    // MARK: - Long form

    static func readLong(_ table: CSVTable, _ units: inout UnitTable, _ reader: inout DocumentReader, ruleset: Ruleset) {
        let columns = CSVColumns(table, &reader)
        for (index, name) in columns.used where index >= 4 {
            reader.report(.info("ignored-column", zh: "列 “\(name)” 不是 unit,period,metric,value 之一，已忽略", en: "column '\(name)' is not one of unit,period,metric,value and is ignored", at: reader.location(table.records[0].fields[index].mark)))
        }
        let known = ruleset.unitCodes
        for record in table.records.dropFirst() {
            guard let (unit, previous) = unitAndPeriod(record, columns, known: known, ruleset: ruleset, &reader) else { continue }
            let fields = record.fields
            let id = fields[2].text.trimmingSpaces
            guard let metric = knownMetric(id, at: fields[2], column: columns.names[2], ruleset: ruleset, &reader) else { continue }
            let location = reader.location(fields[0].mark)
            units.touch(unit, at: location, previous: previous)
            guard let value = value(fields[3], metric: metric, what: "\(columns.names[3]) (\(id))", &reader) else { continue }
            units.set(value, for: id, unit: unit, previous: previous, at: fields[3], &reader)
        }
    }

    // MARK: - Wide form

    static func readWide(_ table: CSVTable, _ units: inout UnitTable, _ reader: inout DocumentReader, ruleset: Ruleset) {
        var columns = CSVColumns(table, &reader)
        var metrics: [Int: Metric] = [:]
        for (index, name) in columns.used where index >= 2 {
            if let metric = knownMetric(name, at: table.records[0].fields[index], column: nil, ruleset: ruleset, &reader) {
                metrics[index] = metric
            } else {
                columns.drop(index)
            }
        }
        var seen: [String: SourceLocation] = [:]
        let known = ruleset.unitCodes
        for record in table.records.dropFirst() {
            guard let (unit, previous) = unitAndPeriod(record, columns, known: known, ruleset: ruleset, &reader) else { continue }
            let fields = record.fields
            let location = reader.location(fields[0].mark)
            let key = unit + (previous ? "-" : "")
            if let first = seen[key] {
                reader.report(Diagnostic(
                    .error, code: "duplicate-submission",
                    LocalizedText(zh: "单位 \(unit) 在本文件中有不止一行同年度数据；此行未核查", en: "unit \(unit) has more than one row for the same period in this file; this row was not checked"),
                    at: location, notes: [.init(LocalizedText(zh: "已采用的一行", en: "the row used"), at: first)]))
                continue
            }
            seen[key] = location
            units.touch(unit, at: location, previous: previous)
            for (index, name) in columns.used where index >= 2 {
                guard let metric = metrics[index], let value = value(fields[index], metric: metric, what: name, &reader) else { continue }
                units.set(value, for: name, unit: unit, previous: previous, at: fields[index], &reader)
            }
        }
    }

    // MARK: - Cells

    /// A record's unit (first column) and whether it is for the previous period (second); nil,
    /// with the reason reported, when its field count, unit or period is wrong.
    static func unitAndPeriod(_ record: CSVTable.Record, _ columns: CSVColumns, known: UnitCodes, ruleset: Ruleset, _ reader: inout DocumentReader) -> (unit: String, previous: Bool)? {
        guard columns.fieldCountProblem(record, &reader) == nil,
              let unit = CodeSyntax.unitCode(record.fields[0], column: columns.names[0], known: known, &reader),
              let previous = period(record.fields[1], column: columns.names[1], ruleset: ruleset, &reader)
        else { return nil }
        return (unit, previous)
    }

    /// Whether the record is for the previous period; nil (reported) for any other period.
    static func period(_ field: CSVTable.Field, column: String, ruleset: Ruleset, _ reader: inout DocumentReader) -> Bool? {
        let text = field.text.trimmingSpaces.narrowingFullWidth
        let location = reader.location(field.mark)
        guard let parsed = NumberSyntax.parse(text), parsed.value.isInteger, !parsed.isPercent, let period = Int(exactly: parsed.value.numerator) else {
            reader.report(.error("wrong-type", zh: "\(column) 列应为年度（整数），实际为 “\(field.text)”", en: "column '\(column)' must be a year (a whole number), found '\(field.text)'", at: location))
            return nil
        }
        if period == ruleset.period { return false }
        if period == ruleset.period - 1 { return true }
        reader.report(.error(
            "period-mismatch",
            zh: "\(column) 列的年度为 \(period)，规则集 \(ruleset.id) 的年度为 \(ruleset.period)（上一年度 \(ruleset.period - 1) 的数据作为 previous）；此行未核查",
            en: "column '\(column)' says \(period) but ruleset \(ruleset.id) is for \(ruleset.period) (rows for \(ruleset.period - 1) are the previous period's); this row was not checked",
            at: location))
        return nil
    }

    static func knownMetric(_ id: String, at field: CSVTable.Field, column: String?, ruleset: Ruleset, _ reader: inout DocumentReader) -> Metric? {
        if let metric = ruleset.metric(id) { return metric }
        let tail = Suggestion.tail(for: id, in: ruleset.metrics.map(\.id))
        let place = column.map { (zh: "\($0) 列：", en: "column '\($0)': ") } ?? (zh: "表头中", en: "in the header: ")
        reader.report(.error("unknown-metric", zh: "\(place.zh)未知指标 “\(id)”\(tail.zh)", en: "\(place.en)unknown metric '\(id)'\(tail.en)", at: reader.location(field.mark)))
        return nil
    }

    /// The cell's value for `metric`, normalisations noted; nil when blank (not reported).
    static func value(_ field: CSVTable.Field, metric: Metric, what: String, _ reader: inout DocumentReader) -> ReportedValue? {
        let text = metric.kind == .text ? field.text : field.text.trimmingSpaces
        if text.isEmpty { return nil }
        let location = reader.location(field.mark)
        let parsed = ValueParser.parse(text, kind: metric.kind, what: what)
        for note in parsed.diagnostics {
            reader.report(Diagnostic(note.severity, code: note.code, note.message, at: location))
        }
        return ReportedValue(parsed.content, at: location)
    }
}
