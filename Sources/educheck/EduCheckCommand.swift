import ArgumentParser
import EduCheckCore

@main
struct EduCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "educheck",
        abstract: "核查教育数据是否达到政策目标 / Check education data against policy targets.",
        version: EduCheckVersion.current,
        subcommands: [CheckCommand.self, RulesCommand.self, TemplateCommand.self, SchemaCommand.self],
        defaultSubcommand: CheckCommand.self
    )
}
