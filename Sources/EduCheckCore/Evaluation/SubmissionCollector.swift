/// Turns a run's input files into evaluated units: YAML and JSON submissions (with the school-row
/// CSV files they name), and metrics CSV files with one submission per unit. Each file is
/// listed in the report once, with its digest and encoding; each unit is taken from the first
/// file (by path) that submits it.
///
/// Files are processed one at a time and independently — read, loaded, and each unit evaluated
/// at once — so that school rows live only while their unit is evaluated (memory grows with the
/// largest unit, not with the batch) and so that files can be processed in parallel. What needs
/// the whole batch (a unit submitted twice, a school-rows file named twice) is settled afterwards,
/// in path order, so the outcome does not depend on which file finished first.
struct SubmissionCollector {
    let ruleset: Ruleset
    let evaluator: Evaluator
    let options: InputDocument.Options

    /// What one file came to.
    struct FileResult: Sendable {
        var path: String
        var inputs: [CheckReport.Input] = []
        var diagnostics: [Diagnostic] = []
        var units: [(evaluation: Evaluator.UnitEvaluation, location: SourceLocation)] = []
        /// The school-rows file this submission named, by file identity and by the path it was read
        /// from, with where it was named and the report line for that file.
        var schoolsFile: (key: FileKey, path: String, location: SourceLocation, input: CheckReport.Input?, diagnostics: [Diagnostic])?
    }

    /// The files to process, in two waves: YAML and JSON first (they say which CSV files are their
    /// school rows), then the CSV files no submission names.
    static func firstWave(_ files: [String]) -> [String] {
        files.filter { !InputDocument.isCSV($0) }
    }

    func secondWave(_ files: [String], after first: [FileResult]) -> [String] {
        // A CSV listed under the path it was read from is that file, with no `stat` to find out
        // (a national folder lists 3,000 of them); any other is compared by identity.
        let namedPaths = Set(first.compactMap { $0.schoolsFile?.path })
        let named = Set(first.compactMap { $0.schoolsFile?.key })
        return files.filter { InputDocument.isCSV($0) && !namedPaths.contains($0) && !named.contains(key($0)) }
    }

    /// Which file a path names: its identity, or the path when it cannot be found.
    enum FileKey: Hashable, Sendable {
        case file(FileIdentity)
        case path(String)
    }

    func key(_ path: String) -> FileKey {
        let resolved = InputCollector.resolve(path, in: options.directory)
        return FileIdentity(resolved).map(FileKey.file) ?? .path(InputCollector.canonical(resolved))
    }

    /// How a run's files are read.
    static func documentOptions(_ request: Checker.Request) -> InputDocument.Options {
        InputDocument.Options(directory: request.workingDirectory, maxFileBytes: request.maxFileBytes, encoding: request.encoding)
    }

    /// Reads one file and evaluates every unit it submits.
    func process(_ path: String) -> FileResult {
        process(InputDocument.read(path, options: options))
    }

    /// Evaluates every unit a file read already submits.
    func process(_ document: InputDocument) -> FileResult {
        let path = document.path
        var result = FileResult(path: path)
        result.diagnostics = document.diagnostics
        guard document.sha256 != nil else { return result }
        let start = SourceLocation(path: document.path, line: 1, column: 1)
        switch document.content {
        case .none:
            record(document, units: [], in: &result)
            if document.diagnostics.isEmpty {
                result.diagnostics.append(.warning("not-a-submission", zh: "空文件，已跳过", en: "empty file; skipped", at: start))
            }
        case .yaml(let root):
            processYAML(root, document, into: &result)
        case .csv(let utf8):
            let table: CSVTable
            switch CSVReader.read(utf8, path: document.path) {
            case .success(let parsed): table = parsed
            case .failure(let syntax):
                record(document, units: [], in: &result)
                result.diagnostics.append(syntax)
                return result
            }
            guard !table.records.isEmpty else {
                record(document, units: [], in: &result)
                result.diagnostics.append(.warning("not-a-submission", zh: "空文件，已跳过", en: "empty file; skipped", at: start))
                return result
            }
            guard MetricsCSVLoader.isMetricsHeader(table.header) else {
                record(document, units: [], in: &result)
                result.diagnostics.append(.warning(
                    "not-a-submission",
                    zh: "不是指标 CSV（表头不以 unit,period 开头），已跳过；学校名单 CSV 应由填报文件的 schools 引用",
                    en: "not a metrics CSV (the header does not start with unit,period); skipped. A school-rows CSV is read through the submission that names it (schools: FILE)",
                    at: start))
                return result
            }
            let loaded = MetricsCSVLoader.load(table, path: document.path, ruleset: ruleset)
            result.diagnostics += loaded.diagnostics
            record(document, units: loaded.submissions.map(\.submission.unit), in: &result)
            for unit in loaded.submissions {
                result.units.append((evaluator.evaluateUnit(unit.submission), unit.unitLocation))
            }
        }
        return result
    }

    private func processYAML(_ root: YAMLNode, _ document: InputDocument, into result: inout FileResult) {
        guard SubmissionLoader.looksLikeSubmission(root) else {
            record(document, units: [], in: &result)
            let isWaivers = root.sequence?.first?["rule"] != nil
            result.diagnostics.append(.warning(
                "not-a-submission",
                zh: isWaivers ? "这看起来是豁免文件，已跳过；请用 --waivers 指定" : "不是填报文件（没有 unit 和 period），已跳过",
                en: isWaivers ? "this looks like a waiver file and was skipped; pass it with --waivers" : "not a submission (no unit and period); skipped",
                at: root.mark.location(in: document.path)))
            return
        }
        let loaded = SubmissionLoader.read(root, path: document.path, ruleset: ruleset)
        result.diagnostics += loaded.diagnostics
        let unit = loaded.submission?.unit ?? root["unit"]?.scalar?.text
        record(document, units: unit.map { [$0] } ?? [], in: &result)
        var submission = loaded.submission
        if let file = loaded.schoolsFile {
            loadSchools(file, for: &submission, named: document, unit: unit, into: &result)
        }
        guard let submission else { return }
        let location = root["unit"]?.mark.location(in: document.path) ?? SourceLocation(path: document.path, line: 1, column: 1)
        result.units.append((evaluator.evaluateUnit(submission), location))
    }

    /// Reads the school-rows file a submission names (even when the submission itself is not
    /// usable, so that the file's own problems are reported too).
    private func loadSchools(_ file: SubmissionLoader.SchoolsFile, for submission: inout Submission?, named submissionDocument: InputDocument, unit: String?, into result: inout FileResult) {
        let target: String
        switch file.resolve(from: submissionDocument.path, in: options.directory, submissionFile: submissionDocument.file) {
        case .success(let resolved): target = resolved
        case .failure(let diagnostic):
            result.diagnostics.append(diagnostic)
            return
        }
        let document = InputDocument.read(target, options: options)
        var diagnostics = document.diagnostics
        // The file's identity as it was read, else (unreadable) by its path.
        defer { result.schoolsFile = (document.file.map(FileKey.file) ?? key(target), target, file.location, document.input(units: unit.map { [$0] } ?? []), diagnostics) }
        guard document.sha256 != nil, case .csv(let utf8) = document.content else { return }
        let read: (rows: SchoolTable?, diagnostics: [Diagnostic])
        switch SchoolRowsCSV.read(utf8: utf8, path: document.path) {
        case .success(let rows): read = rows
        case .failure(let syntax):
            diagnostics.append(syntax)
            return
        }
        diagnostics += read.diagnostics
        submission?.schools = read.rows
        submission?.files.append(document.path)
    }

    private func record(_ document: InputDocument, units: [String], in result: inout FileResult) {
        if let input = document.input(units: units) { result.inputs.append(input) }
    }

    /// The batch, settled in path order: the first submission of a unit is used and a later one
    /// is an error; a school-rows file named by a second submission is an error, and that
    /// submission is evaluated as having no school rows.
    func settle(_ results: [FileResult]) -> (inputs: [CheckReport.Input], diagnostics: [Diagnostic], units: [Evaluator.UnitEvaluation]) {
        var inputs: [CheckReport.Input] = []
        var diagnostics: [Diagnostic] = []
        var units: [Evaluator.UnitEvaluation] = []
        var firstByUnit: [String: SourceLocation] = [:]
        var schoolFiles: Set<FileKey> = []
        for result in results {
            inputs += result.inputs
            diagnostics += result.diagnostics
            var shared = false
            if let file = result.schoolsFile {
                if schoolFiles.insert(file.key).inserted {
                    if let input = file.input { inputs.append(input) }
                    diagnostics += file.diagnostics
                } else {
                    shared = true
                    diagnostics.append(.error("shared-schools-file", zh: "学校名单文件已被另一份填报文件引用", en: "the school-rows file is already named by another submission", at: file.location))
                }
            }
            for (evaluation, location) in result.units {
                if let first = firstByUnit[evaluation.unit] {
                    diagnostics.append(Diagnostic(
                        .error, code: "duplicate-submission",
                        LocalizedText(zh: "单位 \(evaluation.unit) 提交了不止一份数据；本份未核查", en: "unit \(evaluation.unit) has more than one submission; this one was not checked"),
                        at: location,
                        notes: [.init(LocalizedText(zh: "已采用的数据", en: "the submission used"), at: first)]))
                    continue
                }
                firstByUnit[evaluation.unit] = location
                // The rows were read before it was known that another submission owns them.
                units.append(shared ? evaluator.evaluateUnit(evaluation.submission) : evaluation)
            }
        }
        return (inputs, diagnostics, units)
    }
}
