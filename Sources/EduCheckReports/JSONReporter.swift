public import EduCheckCore

/// The machine report of SPEC 6.1. Field order is fixed; numbers are exact (integers as JSON
/// numbers, anything else as an exact decimal or fraction string), never binary floating point.
public struct JSONReporter: Reporter {
    public static let format = ReportFormat.json

    public init() {}

    public func render(_ report: CheckReport, context: ReportContext) -> String {
        document(report, context: context).serialized()
    }

    public func write(_ report: CheckReport, context: ReportContext, to output: inout ReportOutput) throws {
        try document(report, context: context).write(to: &output, jobs: context.jobs)
    }

    public func document(_ report: CheckReport, context: ReportContext) -> JSONValue {
        let language = context.language
        let rules = Dictionary(report.ruleset.rules.map { ($0.id, RuleText($0, language)) }, uniquingKeysWith: { first, _ in first })
        return .object([
            ("tool", .object([("name", .string(report.tool.name)), ("version", .string(report.tool.version))])),
            ("ruleset", .object([
                ("id", .string(report.ruleset.id)),
                ("period", .int(report.ruleset.period)),
                ("sha256", .string(report.ruleset.sha256)),
                ("title", .string(report.ruleset.title.text(in: language))),
                ("document", .string(report.ruleset.document.number)),
                ("origin", .string(report.ruleset.origin)),
            ])),
            ("options", .object([
                ("city", .bool(report.options.city)),
                ("strict", .bool(report.options.strict)),
                ("as_of", .string(report.options.asOf.description)),
                ("waivers", report.options.waivers.map(JSONValue.string) ?? .null),
                ("lang", .string(language.rawValue)),
            ])),
            // Written directly, as the results are: a national run reads thousands of files.
            ("inputs", .written(count: report.inputs.count) { index, w in
                let input = report.inputs[index]
                w.beginObject()
                w.key("path"); w.string(input.path)
                w.key("unit")
                if let unit = input.unit { w.string(unit) } else { w.null() }
                w.key("sha256"); w.string(input.sha256)
                w.key("encoding"); w.string(input.encoding)
                w.endObject()
            }),
            ("results", .written(count: report.results.count, weight: { index in
                let outcome = report.results[index]
                return 1 + outcome.evidence.count / 4 + outcome.failingRows.count / 2
            }) { index, writer in
                write(report.results[index], rules: rules, language, to: &writer)
            }),
            ("diagnostics", .array(report.diagnostics.map { diagnostic($0, language) })),
            ("summary", .object(Outcome.Status.allCases.map { ($0.rawValue, .int(report.summary.count($0))) } + [("exit_code", .int(report.summary.exitCode))])),
        ])
    }

    /// What every result of a rule repeats, made once per report rather than once per result: the
    /// title, and the target as the JSON a result holds (formatting the display showed in profiles
    /// of a national report, 66,000 results of 30 rules).
    private struct RuleText: Sendable {
        let title: String
        let severity: Rule.Severity
        /// The `severity` and `title` members of a result of the rule, as written at
        /// `resultDepth` after other members.
        let severityAndTitleJSON: [UInt8]
        let target: Target?
        /// `target`'s object as written at `resultDepth`: copied into each result of the rule.
        let targetJSON: [UInt8]?

        /// Matched by pattern: `==` on the enum may compare its raw strings.
        func hasSeverity(_ other: Rule.Severity) -> Bool {
            switch (severity, other) {
            case (.error, .error), (.warning, .warning): true
            default: false
            }
        }

        init(_ rule: Rule, _ language: Language) {
            title = rule.title.text(in: language)
            severity = rule.severity
            var members = JSONWriter(insideArrayAtDepth: JSONReporter.resultDepth, isFirst: false, capacity: 256)
            members.key("severity"); members.string(rule.severity.rawValue)
            members.key("title"); members.string(title)
            severityAndTitleJSON = members.bytes
            target = rule.target
            targetJSON = rule.target.map { target in
                var w = JSONWriter(insideArrayAtDepth: JSONReporter.resultDepth, isFirst: false, capacity: 256)
                JSONReporter.write(target, language, to: &w)
                return w.bytes
            }
        }
    }

    /// How many containers are open inside a result: the document, `results`, the result.
    static let resultDepth = 3

    /// A target's object.
    private static func write(_ target: Target, _ language: Language, to w: inout JSONWriter) {
        w.beginObject()
        w.key("op"); w.string(target.comparator.rawValue)
        switch target.value {
        case .number(let value, let isPercent):
            w.key("value"); w.string(value.exactText)
            w.key("percent"); w.bool(isPercent)
        case .flag(let flag):
            w.key("value"); w.bool(flag)
        }
        w.key("display"); w.string(target.display.text(in: language))
        w.key("text"); w.string(target.text)
        w.endObject()
    }

    /// One result, written directly: a national report has tens of thousands.
    private func write(_ outcome: Outcome, rules: [String: RuleText], _ language: Language, to w: inout JSONWriter) {
        let rule = rules[outcome.rule]
        w.beginObject()
        w.key("rule"); w.string(outcome.rule)
        w.key("unit"); w.string(outcome.unit)
        w.key("scope"); w.string(outcome.scope.rawValue)
        w.key("status"); w.string(outcome.status.rawValue)
        if let rule, w.depth == Self.resultDepth, rule.hasSeverity(outcome.severity) {
            rule.severityAndTitleJSON.withUnsafeBufferPointer { w.append($0) }
        } else {
            w.key("severity"); w.string(outcome.severity.rawValue)
            if let rule {
                w.key("title"); w.string(rule.title)
            }
        }
        w.key("value")
        if let measurement = outcome.measurement {
            w.beginObject()
            w.key("kind"); w.string(measurement.kind.rawValue)
            if let value = measurement.numerator { w.key("numerator"); value.write(to: &w) }
            if let value = measurement.denominator { w.key("denominator"); value.write(to: &w) }
            if let value = measurement.number { w.key("number"); value.write(to: &w) }
            if let value = measurement.flag { w.key("flag"); w.bool(value) }
            if let value = measurement.reported { w.key("reported"); value.write(to: &w) }
            w.key("display"); w.string(measurement.display)
            w.endObject()
        } else {
            w.null()
        }
        w.key("target")
        if let target = outcome.target {
            // The rule's own target, as results have it, at the usual depth: written already.
            if let made = rule?.targetJSON, rule?.target == target, w.depth == Self.resultDepth {
                made.withUnsafeBufferPointer { w.append($0) }
            } else {
                Self.write(target, language, to: &w)
            }
        } else {
            w.null()
        }
        w.key("gap"); write(outcome.gap, to: &w)
        w.key("gap_text")
        if let text = outcome.gapText { w.string(text.text(in: language)) } else { w.null() }
        w.key("pass_line"); write(outcome.passLine, to: &w)
        w.key("progress")
        if let progress = outcome.progress { w.string(Verdict.displayPercent(progress, target: nil)) } else { w.null() }
        w.key("reasons")
        w.beginArray()
        for reason in outcome.reasons {
            w.element(); w.string(reason.text(in: language))
        }
        w.endArray()
        if !outcome.affectedUnits.isEmpty {
            w.key("units")
            w.beginArray()
            for unit in outcome.affectedUnits {
                w.element(); w.string(unit)
            }
            w.endArray()
        }
        w.key("evidence")
        w.beginArray()
        // Each entry on one line, from its fixed parts: a national report has 217,000 entries;
        // seven lines each made 13 of its 96 MB indentation, and counting their members as
        // `key` does was a tenth of writing it.
        for evidence in outcome.evidence {
            w.element()
            w.literal(#"{"path": "#); w.string(evidence.location.path)
            w.literal(#", "line": "#); w.int(evidence.location.line)
            w.literal(#", "column": "#); w.int(evidence.location.column)
            w.literal(#", "unit": "#); w.string(evidence.unit)
            w.literal(#", "metric": "#)
            if let metric = evidence.metric { w.string(metric) } else { w.null() }
            w.literal("}")
        }
        w.endArray()
        if !outcome.failingRows.isEmpty {
            w.key("failing_rows")
            w.beginArray()
            for row in outcome.failingRows {
                w.element()
                w.beginObject()
                w.key("unit"); w.string(row.unit)
                w.key("code"); w.string(row.code)
                w.key("name"); w.string(row.name)
                w.key("values")
                w.beginObject()
                for field in row.values {
                    w.key(named: field.name); w.string(field.display)
                }
                w.endObject()
                w.key("path"); w.string(row.location.path)
                w.key("line"); w.int(row.location.line)
                w.key("column"); w.int(row.location.column)
                w.key("problem")
                if let problem = row.problem { w.string(problem.text(in: language)) } else { w.null() }
                w.endObject()
            }
            w.endArray()
        }
        if !outcome.notes.isEmpty {
            w.key("notes")
            w.beginArray()
            for unit in outcome.notes.keys.sorted() {
                let note = outcome.notes[unit]!
                w.element()
                w.beginObject()
                w.key("unit"); w.string(unit)
                w.key("text"); w.string(note.text)
                w.key("path"); w.string(note.location.path)
                w.key("line"); w.int(note.location.line)
                w.endObject()
            }
            w.endArray()
        }
        if let waiver = outcome.waiver {
            w.key("waiver")
            w.beginObject()
            w.key("reason"); w.string(waiver.reason)
            w.key("approved_by"); w.string(waiver.approvedBy)
            w.key("document"); w.string(waiver.document)
            w.key("expires"); w.string(waiver.expires.description)
            w.endObject()
        }
        w.endObject()
    }

    private func write(_ value: Rational?, to w: inout JSONWriter) {
        if let value { value.write(to: &w) } else { w.null() }
    }

    private func diagnostic(_ diagnostic: Diagnostic, _ language: Language) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("severity", .string(diagnostic.severity.rawValue)),
            ("code", .string(diagnostic.code)),
            ("path", diagnostic.location.map { .string($0.path) } ?? .null),
            ("line", diagnostic.location.map { .int($0.line) } ?? .null),
            ("column", diagnostic.location.map { .int($0.column) } ?? .null),
            ("message", .string(diagnostic.message.text(in: language))),
            ("message_zh", .string(diagnostic.message.zh)),
            ("message_en", .string(diagnostic.message.en)),
        ]
        if !diagnostic.notes.isEmpty {
            fields.append(("notes", .array(diagnostic.notes.map { note in
                .object([
                    ("message", .string(note.message.text(in: language))),
                    ("path", note.location.map { .string($0.path) } ?? .null),
                    ("line", note.location.map { .int($0.line) } ?? .null),
                    ("column", note.location.map { .int($0.column) } ?? .null),
                ])
            })))
        }
        return .object(fields)
    }
}

extension Rational {
    /// Integers as JSON numbers; anything else as an exact string, so no reader rounds it.
    func write(to writer: inout JSONWriter) {
        if isInteger { writer.int(numerator) } else { writer.string(exactText) }
    }

    /// A terminating decimal written out exactly ("0.99"), else the fraction ("1/3").
    var exactText: String {
        if isInteger { return String(numerator) }
        var d = denominator
        var twos = 0
        var fives = 0
        while d % 2 == 0 { d /= 2; twos += 1 }
        while d % 5 == 0 { d /= 5; fives += 1 }
        guard d == 1 else { return "\(numerator)/\(denominator)" }
        return decimalText(places: max(twos, fives), rounding: .towardZero)
    }
}
