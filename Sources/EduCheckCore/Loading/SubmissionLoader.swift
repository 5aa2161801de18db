/// Reads one unit's submission (YAML, or JSON with the same structure) and validates it against
/// the ruleset's data dictionary.
public enum SubmissionLoader {
    public struct Result: Sendable {
        /// nil when the file is not usable as a submission at all (no unit, wrong period…).
        public var submission: Submission?
        public var diagnostics: [Diagnostic]
        /// `schools: FILE`: the school rows are in a CSV file, which the caller reads.
        public var schoolsFile: SchoolsFile?
    }

    /// A submission's `schools: schools-440104.csv`, as written.
    public struct SchoolsFile: Sendable, Hashable {
        public var path: String
        public var location: SourceLocation
    }

    static let keys = ["unit", "period", "ruleset", "metrics", "previous", "notes", "schools"]

    /// Whether a document looks like a submission (a mapping with `unit` and `period`), so a folder
    /// scan can tell submissions from other YAML files.
    public static func looksLikeSubmission(_ root: YAMLNode) -> Bool {
        root["unit"] != nil && (root["period"] != nil || root["metrics"] != nil)
    }

    public static func read(_ root: YAMLNode, path: String, ruleset: Ruleset) -> Result {
        var reader = DocumentReader(path: path)
        var schoolsFile: SchoolsFile?
        let submission = read(root, &reader, ruleset: ruleset, schoolsFile: &schoolsFile)
        return Result(submission: submission, diagnostics: reader.diagnostics, schoolsFile: schoolsFile)
    }

    /// For submissions inside another file (a ruleset's cases), where there is no folder for a
    /// school-rows file to be in.
    static func read(_ root: YAMLNode, _ reader: inout DocumentReader, ruleset: Ruleset) -> Submission? {
        var schoolsFile: SchoolsFile?
        let submission = read(root, &reader, ruleset: ruleset, schoolsFile: &schoolsFile)
        if let schoolsFile {
            reader.report(.error("unsupported-input", zh: "这里的学校名单须逐行列出，不能引用 CSV 文件", en: "school rows must be listed here; a CSV file cannot be referred to", at: schoolsFile.location))
        }
        return submission
    }

    static func read(_ root: YAMLNode, _ reader: inout DocumentReader, ruleset: Ruleset, schoolsFile: inout SchoolsFile?) -> Submission? {
        guard let entries = reader.mapping(root, "submission") else { return nil }
        reader.checkKeys(entries, allowed: keys, in: "submission")
        let unit = reader.required("unit", in: entries, at: root.mark, "submission").flatMap {
            reader.unitCode($0, "unit", known: ruleset.unitCodes)
        }
        var periodOK = true
        let periodNode = reader.required("period", in: entries, at: root.mark, "submission")
        let period = periodNode.flatMap { reader.integer($0, "period") }
        if let period, let periodNode, period != ruleset.period {
            reader.error(
                "period-mismatch",
                zh: "填报年度为 \(period)，与规则集 \(ruleset.id) 的年度 \(ruleset.period) 不一致；本文件未核查",
                en: "the submission is for \(period) but ruleset \(ruleset.id) is for \(ruleset.period); the file was not checked",
                at: periodNode.mark)
            periodOK = false
        }
        if let rulesetNode = root["ruleset"], let id = reader.text(rulesetNode, "ruleset"), id != ruleset.id {
            reader.error("ruleset-mismatch", zh: "文件声明的规则集为 “\(id)”，当前规则集为 “\(ruleset.id)”；本文件未核查", en: "the file names ruleset '\(id)' but the ruleset in use is '\(ruleset.id)'; the file was not checked", at: rulesetNode.mark)
            periodOK = false
        }

        var metrics: [String: ReportedValue] = [:]
        if let metricsNode = root["metrics"], let values = reader.mapping(metricsNode, "metrics") {
            metrics = readMetricValues(values, &reader, ruleset: ruleset, section: "metrics")
        }

        var previousPeriod: Int?
        var previous: [String: ReportedValue] = [:]
        if let previousNode = root["previous"], let fields = reader.mapping(previousNode, "previous") {
            reader.checkKeys(fields, allowed: ["period", "metrics"], in: "previous")
            if let periodNode = reader.required("period", in: fields, at: previousNode.mark, "previous"),
               let value = reader.integer(periodNode, "previous.period") {
                previousPeriod = value
                if let period, value != period - 1 {
                    reader.error("period-mismatch", zh: "previous.period 应为上一年度 \(period - 1)，实际为 \(value)", en: "previous.period must be the year before (\(period - 1)), found \(value)", at: periodNode.mark)
                    previousPeriod = nil
                }
            }
            if let metricsNode = reader.required("metrics", in: fields, at: previousNode.mark, "previous"),
               let values = reader.mapping(metricsNode, "previous.metrics"), previousPeriod != nil {
                previous = readMetricValues(values, &reader, ruleset: ruleset, section: "previous.metrics")
            }
        }

        var notes: [String: UnitNote] = [:]
        if let notesNode = root["notes"], let fields = reader.mapping(notesNode, "notes") {
            let ids = ruleset.rules.map(\.id)
            for entry in fields {
                guard let text = reader.text(entry.value, "notes.\(entry.key)") else { continue }
                if ruleset.rule(entry.key) == nil {
                    let tail = Suggestion.tail(for: entry.key, in: ids)
                    reader.warning("unknown-rule", zh: "情况说明针对未知规则 “\(entry.key)”\(tail.zh)", en: "a note is attached to an unknown rule '\(entry.key)'\(tail.en)", at: entry.keyMark)
                    continue
                }
                notes[entry.key] = UnitNote(text: text, location: reader.location(entry.value.mark))
            }
        }

        var schools: SchoolTable?
        if let schoolsNode = root["schools"] {
            if let items = schoolsNode.sequence {
                schools = SchoolRowReader.read(items, &reader)
            } else if schoolsNode.scalar != nil {
                if let text = reader.text(schoolsNode, "schools") {
                    schoolsFile = SchoolsFile(path: text, location: reader.location(schoolsNode.mark))
                }
            } else {
                reader.wrongShape(schoolsNode, expected: LocalizedText(zh: "列表", en: "sequence"), "schools")
            }
        }

        guard let unit, let period, periodOK else { return nil }
        return Submission(
            path: reader.path, unit: unit, period: period, metrics: metrics, previousPeriod: previousPeriod,
            previous: previous, notes: notes, schools: schools)
    }

    /// Typed values by metric id, with the data dictionary's constraints (`min`, `at_most`) applied.
    static func readMetricValues(_ entries: [YAMLMappingEntry], _ reader: inout DocumentReader, ruleset: Ruleset, section: String) -> [String: ReportedValue] {
        var values: [String: ReportedValue] = [:]
        values.reserveCapacity(entries.count)
        for entry in entries {
            guard let metric = ruleset.metric(entry.key) else {
                let tail = Suggestion.tail(for: entry.key, in: ruleset.metrics.map(\.id))
                reader.error("unknown-metric", zh: "未知指标 “\(entry.key)”\(tail.zh)", en: "unknown metric '\(entry.key)'\(tail.en)", at: entry.keyMark)
                continue
            }
            guard let scalar = entry.value.scalar else {
                reader.wrongShape(entry.value, expected: LocalizedText(zh: "单个值", en: "scalar"), "\(section).\(entry.key)")
                values[metric.id] = ReportedValue(.invalid(LocalizedText(zh: "不是单个值", en: "not a single value")), at: reader.location(entry.value.mark))
                continue
            }
            // A blank value means "not reported": the rule that needs it is `missing`.
            if scalar.isNull { continue }
            let location = reader.location(entry.value.mark)
            let parsed = ValueParser.parse(scalar.text, kind: metric.kind, what: entry.key)
            for note in parsed.diagnostics {
                reader.report(Diagnostic(note.severity, code: note.code, note.message, at: location))
            }
            // Keyed by the ruleset's copy of the id: one string for every unit, not one each.
            values[metric.id] = ReportedValue(parsed.content, at: location)
        }
        applyConstraints(&values, ruleset: ruleset, reader: &reader)
        return values
    }

    /// Marks values that break `min` or `at_most` as invalid, so every rule using them says so.
    static func applyConstraints(_ values: inout [String: ReportedValue], ruleset: Ruleset, reader: inout DocumentReader) {
        // In id order, as before; only the metrics that have a constraint can break one (sorting
        // every submission's keys showed in profiles of national runs).
        for metric in ruleset.constrainedMetrics {
            let id = metric.id
            guard let value = values[id], let number = value.number else { continue }
            if let minimum = metric.minimum, number < minimum {
                let message = LocalizedText(zh: "\(id) 不能小于 \(minimum)", en: "\(id) cannot be below \(minimum)")
                reader.report(Diagnostic(.error, code: "below-minimum", message, at: value.location))
                values[id]?.content = .invalid(message)
                continue
            }
            if let wholeID = metric.atMost, let whole = values[wholeID], let wholeNumber = whole.number, number > wholeNumber {
                let message = LocalizedText(
                    zh: "\(id)（\(number)）大于其总数 \(wholeID)（\(wholeNumber)）",
                    en: "\(id) (\(number)) exceeds its whole \(wholeID) (\(wholeNumber))")
                reader.report(Diagnostic(
                    .warning, code: "part-exceeds-whole", message, at: value.location,
                    notes: [.init(LocalizedText(zh: "总数在此", en: "the whole is here"), at: whole.location)]))
                values[id]?.content = .invalid(message)
            }
        }
    }
}
