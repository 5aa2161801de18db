import EduCheckCore
import Testing
@testable import EduCheckReports

@Suite("JSON Schemas follow the loaders")
struct JSONSchemasTests {
    static let builtin = SubmissionTemplateTests.builtin

    /// Texts as clerks and spreadsheets write them, for every numeric metric type.
    static let samples: [(Metric.Kind, String)] = [
        "1520", "1,520", "12,345,678", "１５２０", "１,５２０", "1，520", " 1520 ", "1520.00", "0", "0001520",
        "1,52", "78%", "1.5", "-3", "1e3", "abc", "", "1 520", "+5", ",520", "1,520.5",
    ].map { (.count, $0) } + [
        "78.95%", "100%", "0%", " 78.95% ", "７８．９５％", "-5%", "1,000%", "1,000.5%",
        "78.95", "78.95 %", "%", "abc", "78.%", ".5%", "1e2%",
    ].map { (.rate, $0) } + [
        "12.5", "-3", "1,234.5", "１２.５", "0",
        "12.5%", "1e3", "abc", "1.", "--3",
    ].map { (.amount, $0) }

    @Test("a text matches the schema's pattern exactly when the loader accepts it as the metric's type", arguments: samples)
    func patternsAgreeWithTheLoader(kind: Metric.Kind, text: String) throws {
        let pattern = switch kind {
        case .count: SubmissionSchema.countPattern
        case .rate: SubmissionSchema.ratePattern
        default: SubmissionSchema.amountPattern
        }
        let accepted: Bool
        switch ValueParser.parse(text, kind: kind, what: "m").content {
        case .invalid: accepted = false
        default: accepted = true
        }
        let matches = try Regex(pattern).wholeMatch(in: text) != nil
        #expect(matches == accepted, "\(kind.rawValue) '\(text)': loader \(accepted ? "accepts" : "refuses"), pattern \(matches ? "matches" : "does not match")")
    }

    func members(_ value: JSONValue, _ path: String...) -> [(String, JSONValue)]? {
        var current = value
        for key in path {
            guard case .object(let members) = current, let next = members.first(where: { $0.0 == key })?.1 else { return nil }
            current = next
        }
        if case .object(let members) = current { return members }
        return nil
    }

    @Test("the submission schema names every metric of the ruleset, in declaration order, and only those")
    func submissionMetrics() throws {
        let schema = JSONSchemas.document(.submission, ruleset: Self.builtin)
        let properties = try #require(members(schema, "$defs", "metrics", "properties"))
        #expect(properties.map(\.0) == Self.builtin.metrics.map(\.id))
        let metrics = try #require(members(schema, "$defs", "metrics"))
        #expect(metrics.first { $0.0 == "additionalProperties" }?.1 == .bool(false))
    }

    @Test("the submission schema's top-level keys are the loader's")
    func submissionKeys() throws {
        let schema = JSONSchemas.document(.submission, ruleset: Self.builtin)
        let properties = try #require(members(schema, "properties"))
        #expect(properties.map(\.0) == ["unit", "period", "ruleset", "metrics", "previous", "notes", "schools"])
        #expect(members(schema, "properties", "period")?.first { $0.0 == "const" }?.1 == .int(2025))
        #expect(members(schema, "properties", "previous", "properties", "period")?.first { $0.0 == "const" }?.1 == .int(2024))
    }

    @Test("the rules schema's rule keys are the loader's, and the measure kinds its kinds")
    func ruleKeys() throws {
        let schema = JSONSchemas.document(.rules, ruleset: Self.builtin)
        let properties = try #require(members(schema, "$defs", "rule", "properties"))
        #expect(properties.map(\.0) == ["id", "title", "source", "scope", "applies_to", "measure", "target", "severity", "interpretation", "gap"])
        guard case .array(let variants)? = members(schema, "$defs", "measure")?.first(where: { $0.0 == "oneOf" })?.1 else {
            Issue.record("the measure has no oneOf")
            return
        }
        let kinds = variants.compactMap { variant -> String? in
            guard case .object(let members) = variant, case .object(let properties)? = members.first(where: { $0.0 == "properties" })?.1 else { return nil }
            return properties.first?.0
        }
        #expect(kinds == ["value", "ratio", "change", "coverage", "count", "sum", "expression", "consistency"])
    }

    @Test("every schema has the 2020-12 dialect, its own $id and a bilingual title", arguments: JSONSchemas.Kind.allCases)
    func header(kind: JSONSchemas.Kind) throws {
        guard case .object(let members) = JSONSchemas.document(kind, ruleset: Self.builtin) else {
            Issue.record("not an object")
            return
        }
        #expect(members.first?.0 == "$schema")
        #expect(members.first?.1 == .string("https://json-schema.org/draft/2020-12/schema"))
        #expect(members.first { $0.0 == "$id" }?.1 == .string("https://educheck.invalid/schemas/\(kind.rawValue).json"))
        guard case .string(let title)? = members.first(where: { $0.0 == "title" })?.1 else {
            Issue.record("no title")
            return
        }
        // Chinese first, then English.
        let parts = title.split(separator: " / ")
        #expect(parts.count == 2)
        #expect(parts.first?.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } == true)
        #expect(parts.last?.unicodeScalars.allSatisfy(\.isASCII) == true)
    }

    // MARK: - What editors understand

    /// Keywords whose meaning is the same in draft-07 and 2020-12. The YAML language server (the
    /// VS Code YAML extension and most editors) implements draft-07; a schema kept to these
    /// keywords means the same to it as to a 2020-12 validator. `$defs` is only a place that
    /// `$ref` pointers lead to, which JSON Pointer resolves in any draft.
    static let portableKeywords: Set<String> = [
        "$schema", "$id", "$ref", "$defs", "title", "description", "examples", "default",
        "type", "enum", "const", "pattern", "minLength", "minimum", "maximum", "minItems", "uniqueItems",
        "properties", "required", "additionalProperties", "items", "anyOf", "oneOf", "not", "if", "then", "else",
    ]

    /// Every keyword used anywhere in a schema, walking only schema positions.
    func keywords(_ schema: JSONValue, into found: inout Set<String>, refSiblings: inout Set<String>) {
        guard case .object(let members) = schema else { return }
        if members.contains(where: { $0.0 == "$ref" }) {
            refSiblings.formUnion(members.map(\.0).filter { $0 != "$ref" })
        }
        for (keyword, value) in members {
            found.insert(keyword)
            switch keyword {
            case "properties", "$defs":
                if case .object(let named) = value { for (_, child) in named { keywords(child, into: &found, refSiblings: &refSiblings) } }
            case "anyOf", "oneOf":
                if case .array(let children) = value { for child in children { keywords(child, into: &found, refSiblings: &refSiblings) } }
            case "items", "not", "if", "then", "else", "additionalProperties":
                keywords(value, into: &found, refSiblings: &refSiblings)
            default:
                break
            }
        }
    }

    @Test("every schema keeps to keywords that mean the same in draft-07, for editors", arguments: JSONSchemas.Kind.allCases)
    func portable(kind: JSONSchemas.Kind) {
        var found = Set<String>()
        var refSiblings = Set<String>()
        keywords(JSONSchemas.document(kind, ruleset: Self.builtin), into: &found, refSiblings: &refSiblings)
        #expect(found.subtracting(Self.portableKeywords).isEmpty, "\(found.subtracting(Self.portableKeywords).sorted())")
        // Draft-07 ignores everything beside a $ref; only labels may stand there.
        #expect(refSiblings.isSubset(of: ["title", "description"]), "\(refSiblings.sorted())")
        #expect(found.contains("$ref"))
    }
}
