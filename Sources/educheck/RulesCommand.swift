import ArgumentParser
import EduCheckCore
import EduCheckReports
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "查看规则集 / Inspect a ruleset.",
        subcommands: [ListRules.self, ShowRule.self, LintRules.self, TestRules.self]
    )
}

struct ListRules: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "列出规则 / List the rules.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case markdown
        case json
    }

    @OptionGroup var rules: RulesetOption

    @Option(help: "text, markdown or json.")
    var format: Format = .text

    @Option(help: "zh (default) or en.")
    var lang: Language = .zh

    func run() throws {
        let (ruleset, _, diagnostics) = try rules.loadRuleset(language: lang)
        let text: String
        switch format {
        case .text: text = RuleTable.text(ruleset, language: lang)
        case .markdown: text = RuleTable.markdown(ruleset, language: lang)
        case .json: text = RuleTable.json(ruleset, language: lang).serialized()
        }
        StandardStream.output.write(Data(text.utf8))
        if diagnostics.contains(where: { $0.severity == .error }) {
            Console.print(diagnostics, language: lang)
            throw ExitCode(ExitStatus.inputError.rawValue)
        }
    }
}

struct ShowRule: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "显示一条规则的全部信息 / Everything about one rule.")

    @Argument(help: "Rule id, e.g. fitness-good-rate.")
    var id: String

    @OptionGroup var rules: RulesetOption

    @Option(help: "zh (default) or en.")
    var lang: Language = .zh

    func run() throws {
        let (ruleset, _, _) = try rules.loadRuleset(language: lang)
        guard let rule = ruleset.rule(id) else {
            let tail = Suggestion.tail(for: id, in: ruleset.rules.map(\.id))
            throw ValidationError("未知规则 \(id)\(tail.zh) / unknown rule \(id)\(tail.en)")
        }
        StandardStream.output.write(Data(RuleSheet.render(rule, ruleset: ruleset, language: lang).utf8))
    }
}

struct LintRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "检查规则集 / Lint a ruleset.",
        discussion: "Schema errors with positions; quotes verbatim in the source text; comparators and severities that agree with the quote's wording (Civil Code art. 1259: 超过 is >, 以上 is >=; 力争/推动 are warnings); unknown or unused metrics; unknown units; duplicate ids; targets that can never be met or missed. Exit 0 clean, 1 findings, 2 unreadable."
    )

    @Argument(help: "Ruleset folder (default: the built-in gz-2025).")
    var directory: String?

    @Option(help: "zh (default) or en.")
    var lang: Language = .zh

    func run() throws {
        let result = RulesetLinter.lint(try RulesetOption(directory: directory).load())
        for diagnostic in result.diagnostics {
            StandardStream.output.write(Data(Console.line(diagnostic, language: lang).utf8))
        }
        let errors = result.diagnostics.filter { $0.severity == .error }.count
        let warnings = result.diagnostics.filter { $0.severity == .warning }.count
        StandardStream.output.write(Data((lang == .zh ? "\(errors) 个错误，\(warnings) 个警告\n" : "\(errors) errors, \(warnings) warnings\n").utf8))
        if result.exitStatus != .success { throw ExitCode(result.exitStatus.rawValue) }
    }
}

struct TestRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "运行规则集自带的用例 / Run the ruleset's own cases (cases/<rule-id>/*.yaml).",
        discussion: "Prints one line per failed expectation and 'N passed, N failed'. Exit 0 when all pass, 1 when any fails, 2 when the ruleset or a case cannot be read."
    )

    @Argument(help: "Ruleset folder (default: the built-in gz-2025).")
    var directory: String?

    @Option(help: "zh (default) or en.")
    var lang: Language = .zh

    func run() throws {
        var (ruleset, files, diagnostics) = try RulesetOption(directory: directory).loadRuleset(language: lang, cases: true)
        let cases = RulesetCase.load(from: files, ruleset: ruleset)
        diagnostics += cases.diagnostics
        var passed = 0
        var failed = 0
        for ruleCase in cases.cases {
            let failures = ruleCase.run(on: ruleset)
            for failure in failures {
                let expectation = failure.expectation
                StandardStream.output.write(Data("FAIL \(expectation.location): \(expectation.rule) × \(expectation.unit) (\(expectation.scope.rawValue)): \(failure.message.text(in: lang))\n".utf8))
                failed += 1
            }
            passed += ruleCase.expectations.count - failures.count
        }
        Console.print(diagnostics, language: lang)
        StandardStream.output.write(Data("\(passed) passed, \(failed) failed\n".utf8))
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(ExitStatus.inputError.rawValue) }
        if failed > 0 { throw ExitCode(ExitStatus.targetsMissed.rawValue) }
    }
}

/// Diagnostics for people, on standard error: `file:line:col: severity[code] message`.
enum Console {
    static func print(_ diagnostics: [Diagnostic], language: Language) {
        for diagnostic in diagnostics.sorted() {
            StandardStream.error.write(Data(line(diagnostic, language: language).utf8))
        }
    }

    /// `file:line:col: severity[code] message`, the form editors and CI logs recognise.
    static func line(_ diagnostic: Diagnostic, language: Language) -> String {
        let place = diagnostic.location.map { "\($0): " } ?? ""
        return "\(place)\(diagnostic.severity.rawValue)[\(diagnostic.code)] \(diagnostic.message.text(in: language))\n"
    }
}
