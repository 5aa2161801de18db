/// One `educheck check` run, from paths to a report: the library entry point the command line
/// (and any other front end) calls.
public enum Checker {
    public struct Request: Sendable {
        /// 16 MiB: a year of a district's data is a few hundred kilobytes even with every school.
        public static let defaultMaxFileBytes = 16 << 20

        public var paths: [String]
        public var rules: RulesetFiles
        public var waiversPath: String?
        public var city: Bool
        public var strict: Bool
        public var asOf: CalendarDate
        public var toolVersion: String
        /// Files larger than this are refused before they are read (`file-too-large`).
        public var maxFileBytes: Int
        /// Read every input in this encoding instead of detecting it (`--encoding`).
        public var encoding: TextEncoding?
        /// The folder relative paths are read from (default: the process's working folder). Paths
        /// in the report stay as given.
        public var workingDirectory: String?

        public init(
            paths: [String], rules: RulesetFiles, waiversPath: String? = nil, city: Bool = false, strict: Bool = false,
            asOf: CalendarDate, toolVersion: String, maxFileBytes: Int = Request.defaultMaxFileBytes,
            encoding: TextEncoding? = nil, workingDirectory: String? = nil
        ) {
            self.paths = paths
            self.rules = rules
            self.waiversPath = waiversPath
            self.city = city
            self.strict = strict
            self.asOf = asOf
            self.toolVersion = toolVersion
            self.maxFileBytes = maxFileBytes
            self.encoding = encoding
            self.workingDirectory = workingDirectory
        }
    }

    public static func run(_ request: Request) -> CheckReport {
        run(request, ruleset: RulesetLoader.load(request.rules))
    }

    /// A run against a ruleset already loaded from `request.rules`, for callers that check many
    /// inputs against one ruleset (the fuzzer, a server).
    public static func run(_ request: Request, ruleset loaded: RulesetLoader.Result) -> CheckReport {
        var diagnostics = loaded.diagnostics
        let ruleset = loaded.ruleset ?? Ruleset.placeholder(origin: request.rules.origin, sha256: request.rules.sha256)
        let options = CheckReport.Options(city: request.city, strict: request.strict, asOf: request.asOf, waivers: request.waiversPath)
        let tool = CheckReport.Tool(version: request.toolVersion)
        guard loaded.ruleset != nil else {
            return CheckReport(tool: tool, ruleset: ruleset, inputs: [], options: options, results: [], diagnostics: diagnostics, submittedUnits: [])
        }

        let collected = InputCollector.collect(request.paths, in: request.workingDirectory)
        diagnostics.append(contentsOf: collected.diagnostics)
        if request.paths.isEmpty {
            diagnostics.append(.warning("no-input", zh: "没有指定要核查的文件", en: "no files to check were given", at: nil))
        }

        var collector = SubmissionCollector(ruleset: ruleset, options: InputDocument.Options(
            directory: request.workingDirectory, maxFileBytes: request.maxFileBytes, encoding: request.encoding))
        collector.collect(collected.files)
        diagnostics.append(contentsOf: collector.diagnostics)
        var inputs = collector.inputs
        let submissions = collector.submissions

        var waivers = ruleset.waivers
        if let waiversPath = request.waiversPath {
            switch InputCollector.read(waiversPath, in: request.workingDirectory, limit: request.maxFileBytes) {
            case .success(let bytes):
                inputs.append(CheckReport.Input(path: waiversPath, unit: nil, sha256: SHA256.hash(bytes).hexString))
                let loadedWaivers = WaiverLoader.load(bytes, path: waiversPath, ruleset: ruleset)
                waivers = loadedWaivers.waivers
                diagnostics.append(contentsOf: loadedWaivers.diagnostics)
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            }
        }

        let everyUnit = ruleset.units.allSatisfy { collector.firstByUnit[$0.code] != nil }
        let evaluator = Evaluator(ruleset: ruleset, options: Evaluator.Options(city: request.city || everyUnit, asOf: request.asOf))
        let evaluated = evaluator.evaluate(submissions, waivers: waivers)
        diagnostics.append(contentsOf: evaluated.diagnostics)
        var effective = options
        effective.city = request.city || everyUnit
        return CheckReport(
            tool: tool, ruleset: ruleset, inputs: inputs, options: effective, results: evaluated.results,
            diagnostics: diagnostics, submittedUnits: submissions.map(\.unit))
    }
}

extension Ruleset {
    /// Stands in for a ruleset that could not be loaded, so the run can still report why.
    static func placeholder(origin: String, sha256: String) -> Ruleset {
        Ruleset(
            id: "?", title: LocalizedText(zh: "（规则集无法读取）", en: "(the ruleset could not be read)"), period: 0,
            document: Document(number: "", title: LocalizedText(zh: "", en: ""), issuer: nil, issued: nil, text: nil),
            city: ReportingUnit(code: "440100", name: LocalizedText(zh: "全市", en: "City"), kind: .municipal, slug: "city"),
            units: [], domains: [], metrics: [], rules: [], origin: origin, sha256: sha256)
    }
}
