import EduCheckCore

/// The schema of the JSON report (SPEC 6.1) exactly as `JSONReporter` writes it. Objects are
/// closed, so a field the reporter gains without the schema fails the test that validates a real
/// report; the schema describes the report of this version of educheck.
public enum ReportSchema {
    public static func document() -> JSONValue {
        var members = JSONSchemas.header(
            .report,
            title: LocalizedText(zh: "educheck 核查报告（JSON）", en: "educheck report (JSON)"),
            description: LocalizedText(
                zh: "educheck check --format json 的输出。数值精确：整数为 JSON 数字，其余为精确的小数或分数文本。",
                en: "What educheck check --format json writes. Numbers are exact: integers as JSON numbers, anything else as an exact decimal or fraction string."))
        members += JSONSchemas.objectMembers(
            required: ["tool", "ruleset", "options", "inputs", "results", "diagnostics", "summary"],
            properties: [
                ("tool", closed([("name", .object([("const", .string("educheck"))])), ("version", string)])),
                ("ruleset", closed([
                    ("id", string), ("period", integer), ("sha256", reference("sha256")), ("title", string),
                    ("document", string), ("origin", string),
                ])),
                ("options", closed([
                    ("city", boolean), ("strict", boolean), ("as_of", reference("date")),
                    ("waivers", nullable(string)), ("lang", JSONSchemas.enumeration(Language.allCases.map(\.rawValue))),
                ])),
                ("inputs", array(closed([
                    ("path", string), ("unit", nullable(string)), ("sha256", reference("sha256")), ("encoding", string),
                ]))),
                ("results", array(reference("result"))),
                ("diagnostics", array(reference("diagnostic"))),
                ("summary", closed(
                    Outcome.Status.allCases.map { ($0.rawValue, count) }
                        + [("exit_code", .object([("enum", .array(reportedExitCodes.map { .int($0.rawValue) }))]))])),
            ])
        members.append(("$defs", .object([
            ("result", result()),
            ("measurement", measurement()),
            ("target", target()),
            ("diagnostic", diagnostic()),
            ("exact", exact),
            ("sha256", JSONSchemas.type("string", [("pattern", .string("^[0-9a-f]{64}$"))])),
            ("date", JSONSchemas.type("string", [("pattern", .string(JSONSchemas.datePattern))])),
        ])))
        return .object(members)
    }

    /// A report carries the exit code of the run it reports; usage errors (64) never get that far.
    private static let reportedExitCodes = ExitStatus.allCases.filter { $0 != .usage }

    // MARK: - Results

    private static func result() -> JSONValue {
        closed([
            ("rule", string),
            ("unit", string),
            ("scope", JSONSchemas.enumeration(Rule.Scope.allCases.map(\.rawValue))),
            ("status", JSONSchemas.enumeration(Outcome.Status.allCases.map(\.rawValue))),
            ("severity", JSONSchemas.enumeration(Rule.Severity.allCases.map(\.rawValue))),
            ("title", string),
            ("value", nullable(reference("measurement"))),
            ("target", nullable(reference("target"))),
            ("gap", nullable(reference("exact"))),
            ("gap_text", nullable(string)),
            ("pass_line", nullable(reference("exact"))),
            ("progress", nullable(string)),
            ("reasons", array(string)),
            ("units", array(string)),
            ("evidence", array(closed([
                ("path", string), ("line", position), ("column", position), ("unit", string), ("metric", nullable(string)),
            ]))),
            ("failing_rows", array(closed([
                ("unit", string), ("code", string), ("name", string),
                ("values", .object([("type", .string("object")), ("additionalProperties", string)])),
                ("path", string), ("line", position), ("column", position), ("problem", nullable(string)),
            ]))),
            ("notes", array(closed([("unit", string), ("text", string), ("path", string), ("line", position)]))),
            ("waiver", closed([
                ("reason", string), ("approved_by", string), ("document", string), ("expires", reference("date")),
            ])),
        ], optional: ["title", "units", "failing_rows", "notes", "waiver"])
    }

    private static func measurement() -> JSONValue {
        closed([
            ("kind", JSONSchemas.enumeration(measurementKinds)),
            ("numerator", reference("exact")),
            ("denominator", reference("exact")),
            ("number", reference("exact")),
            ("flag", boolean),
            ("reported", reference("exact")),
            ("display", string),
        ], optional: ["numerator", "denominator", "number", "flag", "reported"])
    }

    /// Every measurement kind. The switch stops compiling when a kind is added, so the schema
    /// cannot silently fall behind the reporter.
    static var measurementKinds: [String] {
        let kinds: [Outcome.Measurement.Kind] = [.ratio, .number, .flag, .consistency]
        return kinds.map { kind in
            switch kind {
            case .ratio, .number, .flag, .consistency: kind.rawValue
            }
        }
    }

    private static func target() -> JSONValue {
        let op = JSONSchemas.enumeration(Comparator.allCases.map(\.rawValue))
        return .object([("oneOf", .array([
            closed([
                ("op", op),
                ("value", JSONSchemas.type("string", [("pattern", .string(exactPattern))])),
                ("percent", boolean), ("display", string), ("text", string),
            ]),
            closed([("op", op), ("value", boolean), ("display", string), ("text", string)]),
        ]))])
    }

    private static func diagnostic() -> JSONValue {
        closed([
            ("severity", JSONSchemas.enumeration(Diagnostic.Severity.allCases.map(\.rawValue))),
            ("code", string),
            ("path", nullable(string)), ("line", nullable(position)), ("column", nullable(position)),
            ("message", string), ("message_zh", string), ("message_en", string),
            ("notes", array(closed([
                ("message", string), ("path", nullable(string)), ("line", nullable(position)), ("column", nullable(position)),
            ]))),
        ], optional: ["notes"])
    }

    // MARK: - Building blocks

    /// An exact number: an integer, or an exact decimal ("0.99") or fraction ("1/3") as text.
    private static let exactPattern = "^-?[0-9]+(\\.[0-9]+|/[0-9]+)?$"
    private static let exact = JSONValue.object([("anyOf", .array([
        JSONSchemas.type("integer"),
        JSONSchemas.type("string", [("pattern", .string(exactPattern))]),
    ]))])
    private static let string = JSONSchemas.type("string")
    private static let boolean = JSONSchemas.type("boolean")
    private static let integer = JSONSchemas.type("integer")
    private static let count = JSONSchemas.type("integer", [("minimum", .int(0))])
    /// 1-based line or column.
    private static let position = JSONSchemas.type("integer", [("minimum", .int(1))])

    private static func reference(_ name: String) -> JSONValue { JSONSchemas.reference(name) }

    private static func nullable(_ schema: JSONValue) -> JSONValue {
        .object([("anyOf", .array([schema, JSONSchemas.type("null")]))])
    }

    private static func array(_ items: JSONValue) -> JSONValue {
        .object([("type", .string("array")), ("items", items)])
    }

    /// A closed object whose members are all required unless listed as optional.
    private static func closed(_ properties: [(String, JSONValue)], optional: Set<String> = []) -> JSONValue {
        JSONSchemas.object(required: properties.map(\.0).filter { !optional.contains($0) }, properties: properties)
    }
}
