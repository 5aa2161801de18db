import ArgumentParser
import EduCheckCore
import EduCheckReports
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "核查填报文件 / Check submissions against a ruleset.",
        discussion: """
        Exit codes: 0 every error-severity target met; 1 a target missed, missing or invalid; \
        2 a file could not be read or drew an error diagnostic; 64 bad usage.
        Formats: \(ReportFormat.allCases.map(\.summary).joined(separator: "; ")).
        """
    )

    @Argument(help: "Submission files or folders (searched recursively for .yaml, .yml, .json, .csv).")
    var paths: [String] = []

    @OptionGroup var rules: RulesetOption

    @Option(help: "Report format for standard output or --output: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ReportFormat = .text

    @Option(help: "Write the --format report to this file (atomically) instead of standard output.")
    var output: String?

    @Option(name: .customLong("report"), help: ArgumentHelp("Also write a report: FORMAT=PATH (repeatable).", valueName: "format=path"))
    var reports: [ReportRequest] = []

    @Option(help: "Report language: zh (default) or en.")
    var lang: Language = .zh

    @Flag(help: "Warning-severity targets fail the run too.")
    var strict = false

    @Flag(help: "Evaluate city-scope rules on the aggregate of the units (automatic when every unit is given).")
    var city = false

    @Option(help: "Waiver file (default: waivers.yaml in the ruleset folder, if any).")
    var waivers: String?

    @Option(name: .customLong("as-of"), help: "Evaluation date for waivers, YYYY-MM-DD (default: today, or SOURCE_DATE_EPOCH's day).")
    var asOf: CalendarDate?

    @Option(help: "Read every input in this encoding: \(TextEncoding.allCases.map(\.rawValue).joined(separator: ", ")) (default: detected).")
    var encoding: TextEncoding?

    @Option(name: .customLong("max-file-size"), help: ArgumentHelp("Refuse input files larger than this: bytes, or 512K, 64M, 1G.", valueName: "size"))
    var maxFileSize = FileSize(bytes: Checker.Request.defaultMaxFileBytes)

    @Option(help: "Files read and evaluated at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "No progress bar on standard error.")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs 至少为 1 / --jobs must be at least 1") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let files = try rules.load()
        let request = Checker.Request(
            paths: paths, rules: files, waiversPath: waivers, city: city, strict: strict,
            asOf: asOf ?? Today.date(environment: environment), toolVersion: EduCheckVersion.current,
            maxFileBytes: maxFileSize.bytes, encoding: encoding, jobs: jobs)
        let bar = !quiet && Terminal.isStandardErrorTerminal ? ProgressBar(language: lang) : nil
        var progress: Checker.Progress?
        if let bar {
            progress = { done, total in bar.update(done: done, total: total) }
        }
        let report = await Checker.check(request, progress: progress)
        bar?.finish()

        var targets = reports.map { ($0.format, Optional($0.path)) }
        targets.insert((format, output), at: 0)
        // A report path that names no file yet cannot be an input; one that does is compared
        // with the inputs by identity: the device and inode each input had when it was read.
        let existing = targets.compactMap { target in target.1.flatMap { path in FileIdentity(path).map { (path, $0) } } }
        let inputs = existing.isEmpty ? [] : Set(report.inputs.compactMap(\.file))
        for (path, identity) in existing where inputs.contains(identity) {
            throw ValidationError("报告路径 \(path) 是输入文件之一，拒绝覆盖 / the report path \(path) is one of the inputs; refusing to overwrite it")
        }
        for (format, path) in targets {
            let colour = path == nil && Terminal.isStandardOutputTerminal && environment["NO_COLOR"].map(\.isEmpty) ?? true
            let context = ReportContext(language: lang, colour: format == .text && colour, jobs: jobs)
            let reporter = format.reporter
            if let path {
                do {
                    try ReportFile.save(to: path) { try reporter.write(report, context: context, to: &$0) }
                } catch {
                    StandardStream.error.write(Data("educheck: 无法写入 \(path) / cannot write \(path): \(error)\n".utf8))
                    throw ExitCode(ExitStatus.inputError.rawValue)
                }
            } else {
                var output = ReportOutput { StandardStream.output.write($0) }
                try reporter.write(report, context: context, to: &output)
            }
        }
        // Every report is written: end the process here rather than free a national run's
        // results one by one on the way out (~70 ms for 66,000 results), as compilers do.
        endProcess(report.summary.exitCode)
    }
}

/// `--report FORMAT=PATH`.
struct ReportRequest: ExpressibleByArgument {
    var format: ReportFormat
    var path: String

    init?(argument: String) {
        guard let equals = argument.firstIndex(of: "="),
              let format = ReportFormat(rawValue: String(argument[..<equals])) else { return nil }
        let path = String(argument[argument.index(after: equals)...])
        guard !path.isEmpty else { return nil }
        self.format = format
        self.path = path
    }
}

extension ReportFormat: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {}

extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}
