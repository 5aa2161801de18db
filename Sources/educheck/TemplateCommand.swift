import ArgumentParser
import EduCheckCore
import EduCheckReports
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "生成填报模板 / Print a submission template for one unit.",
        discussion: """
        Lists every metric the unit reports under the ruleset, by chapter, with its Chinese and English \
        name, unit of measure and type; values are left blank (~). Fill it in and run educheck check on it.
        """
    )

    @Option(help: ArgumentHelp("Unit code from units.yaml, like 440104.", valueName: "code"))
    var unit: String

    @Option(help: "yaml: the submission with comments; csv: the long form unit,period,metric,value.")
    var format: SubmissionTemplate.Format = .yaml

    @OptionGroup var rules: RulesetOption

    @Option(help: "Language of the instructions; metric names are always in both.")
    var lang: Language = .zh

    func run() throws {
        let ruleset = try RulesetOption.usableRuleset(rules, language: lang)
        let unit: ReportingUnit
        switch SubmissionTemplate.unit(self.unit, in: ruleset) {
        case .success(let found): unit = found
        case .failure(let error): throw ValidationError(error.message.zh + " / " + error.message.en)
        }
        let template = SubmissionTemplate(ruleset: ruleset, unit: unit)
        StandardStream.output.write(Data(template.render(format, language: lang).utf8))
        if format == .csv, let header = template.schoolHeader {
            // The long form has no room for school rows; say where they go without spoiling the CSV.
            let zh = "学校明细另用 CSV 文件（在填报文件中写 schools: schools-\(unit.code).csv），表头：\(header)"
            let en = "school rows go in a CSV file of their own (schools: schools-\(unit.code).csv in the submission), header: \(header)"
            StandardStream.error.write(Data("educheck: \(lang == .zh ? zh : en)\n".utf8))
        }
    }
}

extension SubmissionTemplate.Format: ExpressibleByArgument {}

extension RulesetOption {
    /// The ruleset, or exit 2 with its diagnostics: a template or schema made from a ruleset with
    /// errors would silently leave out whatever the broken rules ask for.
    static func usableRuleset(_ option: RulesetOption, language: Language) throws -> Ruleset {
        let loaded = RulesetLoader.load(try option.load())
        guard let ruleset = loaded.ruleset, !loaded.diagnostics.contains(where: { $0.severity == .error }) else {
            Console.print(loaded.diagnostics, language: language)
            throw ExitCode(ExitStatus.inputError.rawValue)
        }
        return ruleset
    }
}
