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
            ("inputs", .array(report.inputs.map { input in
                .object([
                    ("path", .string(input.path)),
                    ("unit", input.unit.map(JSONValue.string) ?? .null),
                    ("sha256", .string(input.sha256)),
                    ("encoding", .string(input.encoding)),
                ])
            })),
            ("results", .generated(count: report.results.count) { result(report, report.results[$0], language) }),
            ("diagnostics", .array(report.diagnostics.map { diagnostic($0, language) })),
            ("summary", .object(Outcome.Status.allCases.map { ($0.rawValue, .int(report.summary.count($0))) } + [("exit_code", .int(report.summary.exitCode))])),
        ])
    }

    private func result(_ report: CheckReport, _ outcome: Outcome, _ language: Language) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("rule", .string(outcome.rule)),
            ("unit", .string(outcome.unit)),
            ("scope", .string(outcome.scope.rawValue)),
            ("status", .string(outcome.status.rawValue)),
            ("severity", .string(outcome.severity.rawValue)),
        ]
        if let rule = report.ruleset.rule(outcome.rule) {
            members.append(("title", .string(rule.title.text(in: language))))
        }
        members.append(("value", outcome.measurement.map(measurement) ?? .null))
        members.append(("target", outcome.target.map { target in
            var fields: [(String, JSONValue)] = [("op", .string(target.comparator.rawValue))]
            switch target.value {
            case .number(let value, let isPercent):
                fields.append(("value", .string(value.exactText)))
                fields.append(("percent", .bool(isPercent)))
            case .flag(let flag):
                fields.append(("value", .bool(flag)))
            }
            fields.append(("display", .string(target.display.text(in: language))))
            fields.append(("text", .string(target.text)))
            return .object(fields)
        } ?? .null))
        members.append(("gap", outcome.gap.map(\.json) ?? .null))
        members.append(("gap_text", outcome.gapText.map { .string($0.text(in: language)) } ?? .null))
        members.append(("pass_line", outcome.passLine.map(\.json) ?? .null))
        members.append(("progress", outcome.progress.map { .string(Verdict.displayPercent($0, target: nil)) } ?? .null))
        members.append(("reasons", .array(outcome.reasons.map { .string($0.text(in: language)) })))
        if !outcome.affectedUnits.isEmpty {
            members.append(("units", .array(outcome.affectedUnits.map(JSONValue.string))))
        }
        members.append(("evidence", .array(outcome.evidence.map { evidence in
            .object([
                ("path", .string(evidence.location.path)),
                ("line", .int(evidence.location.line)),
                ("column", .int(evidence.location.column)),
                ("unit", .string(evidence.unit)),
                ("metric", evidence.metric.map(JSONValue.string) ?? .null),
            ])
        })))
        if !outcome.failingRows.isEmpty {
            members.append(("failing_rows", .array(outcome.failingRows.map { row in
                .object([
                    ("unit", .string(row.unit)),
                    ("code", .string(row.code)),
                    ("name", .string(row.name)),
                    ("values", .object(row.values.map { ($0.name, .string($0.display)) })),
                    ("path", .string(row.location.path)),
                    ("line", .int(row.location.line)),
                    ("column", .int(row.location.column)),
                    ("problem", row.problem.map { .string($0.text(in: language)) } ?? .null),
                ])
            })))
        }
        if !outcome.notes.isEmpty {
            members.append(("notes", .array(outcome.notes.keys.sorted().map { unit in
                let note = outcome.notes[unit]!
                return .object([
                    ("unit", .string(unit)),
                    ("text", .string(note.text)),
                    ("path", .string(note.location.path)),
                    ("line", .int(note.location.line)),
                ])
            })))
        }
        if let waiver = outcome.waiver {
            members.append(("waiver", .object([
                ("reason", .string(waiver.reason)),
                ("approved_by", .string(waiver.approvedBy)),
                ("document", .string(waiver.document)),
                ("expires", .string(waiver.expires.description)),
            ])))
        }
        return .object(members)
    }

    private func measurement(_ measurement: Outcome.Measurement) -> JSONValue {
        var fields: [(String, JSONValue)] = [("kind", .string(measurement.kind.rawValue))]
        if let value = measurement.numerator { fields.append(("numerator", value.json)) }
        if let value = measurement.denominator { fields.append(("denominator", value.json)) }
        if let value = measurement.number { fields.append(("number", value.json)) }
        if let value = measurement.flag { fields.append(("flag", .bool(value))) }
        if let value = measurement.reported { fields.append(("reported", value.json)) }
        fields.append(("display", .string(measurement.display)))
        return .object(fields)
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
    var json: JSONValue {
        isInteger ? .number(String(numerator)) : .string(exactText)
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
