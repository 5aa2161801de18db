public import EduCheckCore

/// The JSON Schemas (draft 2020-12) for educheck's file formats, so an editor can complete and
/// check rule files and submissions as they are typed, and a program can rely on the report.
///
/// The rules and submission schemas are made for one ruleset: they list its metric ids, unit codes
/// and rule ids, which is what the loader checks names against. Each schema is built from the
/// same model the loaders and the reporter use, so it follows them when they change.
public enum JSONSchemas {
    /// The documents `educheck schema` prints.
    public enum Kind: String, CaseIterable, Sendable {
        /// One rule file (`rules/*.yaml`).
        case rules
        /// One unit's submission.
        case submission
        /// The JSON report (`--format json`).
        case report

        /// The committed copy's name under `Schemas/`.
        public var fileName: String { "\(rawValue).schema.json" }

        public var id: String { "https://educheck.invalid/schemas/\(rawValue).json" }
    }

    public static func document(_ kind: Kind, ruleset: Ruleset) -> JSONValue {
        switch kind {
        case .rules: RulesSchema.document(ruleset)
        case .submission: SubmissionSchema.document(ruleset)
        case .report: ReportSchema.document()
        }
    }

    static let dialect = "https://json-schema.org/draft/2020-12/schema"

    // MARK: - Building blocks

    /// A schema document's opening members.
    static func header(_ kind: Kind, title: LocalizedText, description: LocalizedText) -> [(String, JSONValue)] {
        [
            ("$schema", .string(dialect)),
            ("$id", .string(kind.id)),
            ("title", text(title)),
            ("description", text(description)),
        ]
    }

    /// Bilingual text for titles and descriptions, Chinese first.
    static func text(_ text: LocalizedText) -> JSONValue {
        .string(text.zh == text.en ? text.zh : "\(text.zh) / \(text.en)")
    }

    static func text(_ zh: String, _ en: String) -> JSONValue {
        text(LocalizedText(zh: zh, en: en))
    }

    /// A closed object: every key named, the required ones listed, nothing else allowed.
    static func object(
        title: LocalizedText? = nil, description: LocalizedText? = nil, required: [String],
        properties: [(String, JSONValue)], additional: JSONValue = .bool(false)
    ) -> JSONValue {
        .object(objectMembers(title: title, description: description, required: required, properties: properties, additional: additional))
    }

    /// The members of `object(…)`, for a schema that adds keywords of its own.
    static func objectMembers(
        title: LocalizedText? = nil, description: LocalizedText? = nil, required: [String],
        properties: [(String, JSONValue)], additional: JSONValue = .bool(false)
    ) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        if let title { members.append(("title", text(title))) }
        if let description { members.append(("description", text(description))) }
        members.append(("type", .string("object")))
        if !required.isEmpty { members.append(("required", strings(required))) }
        members.append(("properties", .object(properties)))
        members.append(("additionalProperties", additional))
        return members
    }

    /// `{"type": name, …}`, with any title and description first, where a reader looks.
    static func type(_ name: String, _ more: [(String, JSONValue)] = []) -> JSONValue {
        let labels = more.filter { $0.0 == "title" || $0.0 == "description" }
        let rest = more.filter { $0.0 != "title" && $0.0 != "description" }
        return .object(labels + [("type", .string(name))] + rest)
    }

    static func strings(_ values: [String]) -> JSONValue {
        .array(values.map(JSONValue.string))
    }

    static func enumeration(_ values: [String], title: LocalizedText? = nil, description: LocalizedText? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let title { members.append(("title", text(title))) }
        if let description { members.append(("description", text(description))) }
        members.append(("type", .string("string")))
        members.append(("enum", strings(values)))
        return .object(members)
    }

    static func reference(_ name: String) -> JSONValue {
        .object([("$ref", .string("#/$defs/\(name)"))])
    }

    static func titled(_ schema: JSONValue, _ title: LocalizedText, description: LocalizedText? = nil) -> JSONValue {
        guard case .object(let members) = schema else { return schema }
        var head: [(String, JSONValue)] = [("title", text(title))]
        if let description { head.append(("description", text(description))) }
        return .object(head + members.filter { $0.0 != "title" && $0.0 != "description" })
    }

    /// `{zh, en}`: both required, as the loader requires for every bilingual text.
    static func localized(_ title: LocalizedText, description: LocalizedText? = nil) -> JSONValue {
        object(
            title: title, description: description, required: ["zh", "en"],
            properties: [("zh", type("string", [("title", .string("中文"))])), ("en", type("string", [("title", .string("English"))]))])
    }

    /// `YYYY-MM-DD`.
    static let datePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
}
