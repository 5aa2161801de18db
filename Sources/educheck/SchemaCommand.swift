import ArgumentParser
import EduCheckCore
import EduCheckReports
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "输出 JSON Schema / Print a JSON Schema (draft 2020-12) for editors and programs.",
        discussion: """
        rules: a rule file (rules/*.yaml); submission: a unit's submission; report: the JSON report. \
        The rules and submission schemas list the ruleset's metrics, units and rules. \
        Copies for the built-in ruleset are kept in Schemas/; see Docs/editor-setup.md.
        """
    )

    @Argument(help: ArgumentHelp("Which schema.", valueName: "kind"))
    var kind: JSONSchemas.Kind

    @OptionGroup var rules: RulesetOption

    func run() throws {
        let ruleset = try RulesetOption.usableRuleset(rules, language: .zh)
        StandardStream.output.write(Data(JSONSchemas.document(kind, ruleset: ruleset).serialized().utf8))
    }
}

extension JSONSchemas.Kind: ExpressibleByArgument {}
