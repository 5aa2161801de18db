/// One `educheck check` run, from paths to a report: the library entry point the command line
/// (and any other front end) calls.
public enum Checker {
    public struct Request: Sendable {
        public var paths: [String]
        public var rules: RulesetFiles
        public var waiversPath: String?
        public var city: Bool
        public var strict: Bool
        public var asOf: CalendarDate
        public var toolVersion: String
        public var maxFileBytes: Int
        /// The folder relative paths are read from (default: the process's working folder). Paths
        /// in the report stay as given.
        public var workingDirectory: String?

        public init(
            paths: [String], rules: RulesetFiles, waiversPath: String? = nil, city: Bool = false, strict: Bool = false,
            asOf: CalendarDate, toolVersion: String, maxFileBytes: Int = 16 << 20, workingDirectory: String? = nil
        ) {
            self.paths = paths
            self.rules = rules
            self.waiversPath = waiversPath
            self.city = city
            self.strict = strict
            self.asOf = asOf
            self.toolVersion = toolVersion
            self.maxFileBytes = maxFileBytes
            self.workingDirectory = workingDirectory
        }
    }

    public static func run(_ request: Request) -> CheckReport {
        let loaded = RulesetLoader.load(request.rules)
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

        var inputs: [CheckReport.Input] = []
        var submissions: [Submission] = []
        var firstByUnit: [String: String] = [:]
        for path in collected.files {
            let bytes: [UInt8]
            switch InputCollector.read(path, in: request.workingDirectory, limit: request.maxFileBytes) {
            case .success(let read): bytes = read
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                continue
            }
            let digest = SHA256.hash(bytes).hexString
            if path.lowercased().hasSuffix(".csv") {
                inputs.append(CheckReport.Input(path: path, unit: nil, sha256: digest))
                diagnostics.append(.warning("unsupported-input", zh: "暂不支持 CSV 文件，已跳过", en: "CSV files are not supported yet; skipped", at: SourceLocation(path: path, line: 1, column: 1)))
                continue
            }
            let read = YAMLReader.read(bytes, path: path, limits: YAMLReader.Limits(maxBytes: request.maxFileBytes))
            diagnostics.append(contentsOf: read.diagnostics)
            guard let root = read.root else {
                inputs.append(CheckReport.Input(path: path, unit: nil, sha256: digest))
                if read.diagnostics.isEmpty {
                    diagnostics.append(.warning("not-a-submission", zh: "空文件，已跳过", en: "empty file; skipped", at: SourceLocation(path: path, line: 1, column: 1)))
                }
                continue
            }
            guard SubmissionLoader.looksLikeSubmission(root) else {
                inputs.append(CheckReport.Input(path: path, unit: nil, sha256: digest))
                let isWaivers = root.sequence?.first?["rule"] != nil
                diagnostics.append(.warning(
                    "not-a-submission",
                    zh: isWaivers ? "这看起来是豁免文件，已跳过；请用 --waivers 指定" : "不是填报文件（没有 unit 和 period），已跳过",
                    en: isWaivers ? "this looks like a waiver file and was skipped; pass it with --waivers" : "not a submission (no unit and period); skipped",
                    at: SourceLocation(path: path, line: root.mark.line, column: root.mark.column)))
                continue
            }
            let result = SubmissionLoader.read(root, path: path, ruleset: ruleset)
            diagnostics.append(contentsOf: result.diagnostics)
            inputs.append(CheckReport.Input(path: path, unit: result.submission?.unit ?? root["unit"]?.scalar?.text, sha256: digest))
            guard let submission = result.submission else { continue }
            if let first = firstByUnit[submission.unit] {
                diagnostics.append(Diagnostic(
                    .error, code: "duplicate-submission",
                    LocalizedText(zh: "单位 \(submission.unit) 提交了不止一份数据；本文件未核查", en: "unit \(submission.unit) has more than one submission; this one was not checked"),
                    at: root["unit"].map { SourceLocation(path: path, line: $0.mark.line, column: $0.mark.column) },
                    notes: [.init(LocalizedText(zh: "已采用的数据", en: "the submission used"), at: SourceLocation(path: first, line: 1, column: 1))]))
                continue
            }
            firstByUnit[submission.unit] = path
            submissions.append(submission)
        }

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

        let everyUnit = ruleset.units.allSatisfy { firstByUnit[$0.code] != nil }
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
