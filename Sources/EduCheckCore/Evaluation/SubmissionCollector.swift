/// Turns a run's input files into submissions: YAML and JSON submissions (with the school-row
/// CSV files they name), and metrics CSV files with one submission per unit. Each file is
/// listed in the report once, with its digest and encoding; each unit is taken from the first
/// file that submits it.
struct SubmissionCollector {
    let ruleset: Ruleset
    let options: InputDocument.Options
    private(set) var inputs: [CheckReport.Input] = []
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var submissions: [Submission] = []
    private(set) var firstByUnit: [String: SourceLocation] = [:]
    /// Documents by canonical path, so a school-rows file that is also among the paths given is
    /// read once.
    private var documents: [String: InputDocument] = [:]
    private var schoolFilesRead: Set<String> = []

    init(ruleset: Ruleset, options: InputDocument.Options) {
        self.ruleset = ruleset
        self.options = options
    }

    mutating func collect(_ files: [String]) {
        let read = files.map { InputDocument.read($0, options: options) }
        for document in read {
            documents[key(document.path)] = document
        }
        // School-row files are read through the submission that names them, never on their own.
        var named: Set<String> = []
        for document in read {
            guard case .yaml(let root) = document.content, SubmissionLoader.looksLikeSubmission(root),
                  let node = root["schools"], let scalar = node.scalar, !scalar.isNull else { continue }
            let file = SubmissionLoader.SchoolsFile(path: scalar.text, location: node.mark.location(in: document.path))
            if case .success(let target) = file.resolve(from: document.path, in: options.directory) {
                named.insert(key(target))
            }
        }
        for document in read where !(InputDocument.isCSV(document.path) && named.contains(key(document.path))) {
            load(document)
        }
    }

    private func key(_ path: String) -> String {
        InputCollector.canonical(InputCollector.resolve(path, in: options.directory))
    }

    private mutating func load(_ document: InputDocument) {
        diagnostics.append(contentsOf: document.diagnostics)
        guard document.sha256 != nil else { return }
        let start = SourceLocation(path: document.path, line: 1, column: 1)
        switch document.content {
        case .none:
            record(document, unit: nil)
            if document.diagnostics.isEmpty {
                diagnostics.append(.warning("not-a-submission", zh: "空文件，已跳过", en: "empty file; skipped", at: start))
            }
        case .yaml(let root):
            loadYAML(root, document)
        case .csv(let table):
            guard !table.records.isEmpty else {
                record(document, unit: nil)
                diagnostics.append(.warning("not-a-submission", zh: "空文件，已跳过", en: "empty file; skipped", at: start))
                return
            }
            guard MetricsCSVLoader.isMetricsHeader(table.header) else {
                record(document, unit: nil)
                diagnostics.append(.warning(
                    "not-a-submission",
                    zh: "不是指标 CSV（表头不以 unit,period 开头），已跳过；学校名单 CSV 应由填报文件的 schools 引用",
                    en: "not a metrics CSV (the header does not start with unit,period); skipped. A school-rows CSV is read through the submission that names it (schools: FILE)",
                    at: start))
                return
            }
            let result = MetricsCSVLoader.load(table, path: document.path, ruleset: ruleset)
            diagnostics.append(contentsOf: result.diagnostics)
            record(document, units: result.submissions.map(\.submission.unit))
            for loaded in result.submissions {
                add(loaded.submission, at: loaded.unitLocation)
            }
        }
    }

    private mutating func loadYAML(_ root: YAMLNode, _ document: InputDocument) {
        guard SubmissionLoader.looksLikeSubmission(root) else {
            record(document, unit: nil)
            let isWaivers = root.sequence?.first?["rule"] != nil
            diagnostics.append(.warning(
                "not-a-submission",
                zh: isWaivers ? "这看起来是豁免文件，已跳过；请用 --waivers 指定" : "不是填报文件（没有 unit 和 period），已跳过",
                en: isWaivers ? "this looks like a waiver file and was skipped; pass it with --waivers" : "not a submission (no unit and period); skipped",
                at: root.mark.location(in: document.path)))
            return
        }
        let result = SubmissionLoader.read(root, path: document.path, ruleset: ruleset)
        diagnostics.append(contentsOf: result.diagnostics)
        let unit = result.submission?.unit ?? root["unit"]?.scalar?.text
        record(document, unit: unit)
        var submission = result.submission
        if let file = result.schoolsFile {
            loadSchools(file, for: &submission, named: document.path, unit: unit)
        }
        guard let submission else { return }
        add(submission, at: root["unit"]?.mark.location(in: document.path) ?? SourceLocation(path: document.path, line: 1, column: 1))
    }

    /// Reads the school-rows file a submission names (even when the submission itself is not
    /// usable, so that the file's own problems are reported too).
    private mutating func loadSchools(_ file: SubmissionLoader.SchoolsFile, for submission: inout Submission?, named path: String, unit: String?) {
        let target: String
        switch file.resolve(from: path, in: options.directory) {
        case .success(let resolved): target = resolved
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return
        }
        let canonical = key(target)
        let document = documents[canonical] ?? InputDocument.read(target, options: options)
        guard schoolFilesRead.insert(canonical).inserted else {
            diagnostics.append(.error("shared-schools-file", zh: "学校名单文件 \(document.path) 已被另一份填报文件引用", en: "the school-rows file \(document.path) is already named by another submission", at: file.location))
            return
        }
        diagnostics.append(contentsOf: document.diagnostics)
        guard document.sha256 != nil else { return }
        record(document, unit: unit)
        guard case .csv(let table) = document.content else { return }
        let read = SchoolRowsCSV.read(table, path: document.path)
        diagnostics.append(contentsOf: read.diagnostics)
        submission?.schools = read.rows
        submission?.files.append(document.path)
    }

    private mutating func record(_ document: InputDocument, unit: String?) {
        record(document, units: unit.map { [$0] } ?? [])
    }

    private mutating func record(_ document: InputDocument, units: [String]) {
        if let input = document.input(units: units) { inputs.append(input) }
    }

    private mutating func add(_ submission: Submission, at location: SourceLocation) {
        if let first = firstByUnit[submission.unit] {
            diagnostics.append(Diagnostic(
                .error, code: "duplicate-submission",
                LocalizedText(zh: "单位 \(submission.unit) 提交了不止一份数据；本份未核查", en: "unit \(submission.unit) has more than one submission; this one was not checked"),
                at: location,
                notes: [.init(LocalizedText(zh: "已采用的数据", en: "the submission used"), at: first)]))
            return
        }
        firstByUnit[submission.unit] = location
        submissions.append(submission)
    }
}
