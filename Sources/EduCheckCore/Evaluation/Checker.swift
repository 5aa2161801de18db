import Synchronization

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
        /// How many files are read and evaluated at once (`--jobs`) by `check`.
        public var jobs: Int

        public init(
            paths: [String], rules: RulesetFiles, waiversPath: String? = nil, city: Bool = false, strict: Bool = false,
            asOf: CalendarDate, toolVersion: String, maxFileBytes: Int = Request.defaultMaxFileBytes,
            encoding: TextEncoding? = nil, workingDirectory: String? = nil, jobs: Int = 1
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
            self.jobs = max(1, jobs)
        }
    }

    /// Reports how far a run has got: files done of files in all.
    public typealias Progress = @Sendable (_ done: Int, _ total: Int) -> Void

    public static func run(_ request: Request) -> CheckReport {
        run(request, ruleset: RulesetLoader.load(request.rules))
    }

    /// A run against a ruleset already loaded from `request.rules`, one file after another, for
    /// callers that check many inputs against one ruleset (the fuzzer, a server).
    public static func run(_ request: Request, ruleset loaded: RulesetLoader.Result) -> CheckReport {
        let run = Run(request, loaded)
        guard let collector = run.collector else { return run.report(files: []) }
        let first = run.firstWave.map(collector.process)
        let second = collector.secondWave(run.files, after: first).map(collector.process)
        return run.report(files: first + second)
    }

    /// The same run with up to `request.jobs` files read and evaluated at once, the ruleset
    /// loaded from `request.rules` while the paths are listed: a national ruleset names thousands
    /// of units and a national folder holds thousands of files, and doing one after the other
    /// kept a core idle at the start.
    ///
    /// Once the paths are listed, the first submissions are read and parsed (which needs no
    /// ruleset) until the ruleset is loaded, so that the core which listed them does not wait:
    /// a national ruleset took 30 ms to load, a fortieth of the run on one core.
    public static func check(_ request: Request, progress: Progress? = nil) async -> CheckReport {
        let loading = Flag()
        async let early = listAndReadAhead(request, until: loading)
        let loaded = RulesetLoader.load(request.rules)
        loading.set()
        let (collected, readAhead) = await early
        return await check(request, ruleset: loaded, collected: collected, readAhead: readAhead, progress: progress)
    }

    /// The paths listed, then the documents of the first files a run reads (`firstWave`'s, in
    /// order) until `done` is set.
    static func listAndReadAhead(_ request: Request, until done: Flag) -> (InputCollector.Collected, [InputDocument]) {
        let collected = InputCollector.collect(request.paths, in: request.workingDirectory)
        let options = SubmissionCollector.documentOptions(request)
        var documents: [InputDocument] = []
        for path in SubmissionCollector.firstWave(collected.files) {
            if done.isSet { break }
            documents.append(InputDocument.read(path, options: options))
        }
        return (collected, documents)
    }

    /// Set once, read from any thread.
    final class Flag: Sendable {
        private let value = Atomic<Bool>(false)

        var isSet: Bool { value.load(ordering: .acquiring) }

        func set() {
            value.store(true, ordering: .releasing)
        }
    }

    /// The same run with up to `request.jobs` files read and evaluated at once. Each file is a
    /// child task; results are put back in path order, so the report is the same byte for byte
    /// whatever the number of jobs.
    public static func check(_ request: Request, ruleset loaded: RulesetLoader.Result, progress: Progress? = nil) async -> CheckReport {
        await check(request, ruleset: loaded, collected: nil, readAhead: [], progress: progress)
    }

    /// `collected`: the paths listed already, or nil to list them here; `readAhead`: the
    /// documents of the first files of `firstWave`, read already.
    static func check(
        _ request: Request, ruleset loaded: RulesetLoader.Result, collected: InputCollector.Collected?, readAhead: [InputDocument],
        progress: Progress?
    ) async -> CheckReport {
        let run = Run(request, loaded, collected: collected)
        guard let collector = run.collector else { return run.report(files: []) }
        let total = run.files.count
        let first = await parallelMap(run.firstWave, jobs: request.jobs, done: 0, total: total, progress: progress) { index, path in
            index < readAhead.count ? collector.process(readAhead[index]) : collector.process(path)
        }
        let secondFiles = collector.secondWave(run.files, after: first)
        let second = await parallelMap(secondFiles, jobs: request.jobs, done: first.count, total: first.count + secondFiles.count, progress: progress) {
            collector.process($1)
        }
        return run.report(files: first + second)
    }

    /// `transform` over `items` with at most `jobs` at once, results in the order of `items`.
    /// `jobs` workers each take the next item from a shared counter until none is left: a
    /// child task per item made every item wait for the parent to be woken and start the next
    /// one, which left the cores idle a sixth of the time in a national run.
    static func parallelMap<T: Sendable>(
        _ items: [String], jobs: Int, done: Int, total: Int, progress: Progress?, _ transform: @escaping @Sendable (_ index: Int, _ item: String) -> T
    ) async -> [T] {
        let next = Counter()
        let finished = Counter()
        let workers = min(jobs, items.count)
        var results = [T?](repeating: nil, count: items.count)
        await withTaskGroup(of: [(Int, T)].self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var mine: [(Int, T)] = []
                    while case let index = next.take(), index < items.count {
                        mine.append((index, transform(index, items[index])))
                        progress?(done + finished.take() + 1, total)
                    }
                    return mine
                }
            }
            for await part in group {
                for (index, value) in part { results[index] = value }
            }
        }
        // Moved out, not copied: a file's result holds a dozen references.
        return results.indices.map { results[$0].take()! }
    }

    /// Hands out 0, 1, 2, … to any number of threads.
    final class Counter: Sendable {
        private let value = Atomic<Int>(0)

        /// The next number.
        func take() -> Int {
            value.wrappingAdd(1, ordering: .relaxed).oldValue
        }
    }

    /// What a run needs before and after its files are processed.
    private struct Run {
        let request: Request
        let ruleset: Ruleset
        let files: [String]
        var diagnostics: [Diagnostic]
        let collector: SubmissionCollector?

        init(_ request: Request, _ loaded: RulesetLoader.Result, collected: InputCollector.Collected? = nil) {
            self.request = request
            ruleset = loaded.ruleset ?? Ruleset.placeholder(origin: request.rules.origin, sha256: request.rules.sha256)
            diagnostics = loaded.diagnostics
            guard loaded.ruleset != nil else {
                files = []
                collector = nil
                return
            }
            let collected = collected ?? InputCollector.collect(request.paths, in: request.workingDirectory)
            diagnostics += collected.diagnostics
            if request.paths.isEmpty {
                diagnostics.append(.warning("no-input", zh: "没有指定要核查的文件", en: "no files to check were given", at: nil))
            }
            files = collected.files
            // City rules are decided when every unit submitted; a unit's part of a city figure
            // is kept while it is evaluated, so ask for it unless the run cannot be a city run.
            let evaluator = Evaluator(ruleset: ruleset, options: Evaluator.Options(city: true, asOf: request.asOf))
            collector = SubmissionCollector(ruleset: ruleset, evaluator: evaluator, options: SubmissionCollector.documentOptions(request))
        }

        var firstWave: [String] { collector == nil ? [] : SubmissionCollector.firstWave(files) }

        func report(files results: [SubmissionCollector.FileResult]) -> CheckReport {
            var diagnostics = self.diagnostics
            let options = CheckReport.Options(city: request.city, strict: request.strict, asOf: request.asOf, waivers: request.waiversPath)
            let tool = CheckReport.Tool(version: request.toolVersion)
            guard let collector else {
                return CheckReport(tool: tool, ruleset: ruleset, inputs: [], options: options, results: [], diagnostics: diagnostics, submittedUnits: [])
            }
            // Path order (the order the paths were given and folders listed), whatever order
            // the files were processed in.
            let position = Dictionary(files.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            // Usually in order already.
            let settled = collector.settle(results.sortedUnlessInOrder { position[$0.path, default: 0] < position[$1.path, default: 0] })
            diagnostics += settled.diagnostics
            var inputs = settled.inputs
            let units = settled.units.sorted { $0.unit < $1.unit }

            var waivers = ruleset.waivers
            if let waiversPath = request.waiversPath {
                switch InputCollector.readFile(waiversPath, in: request.workingDirectory, limit: request.maxFileBytes) {
                case .success(let (bytes, file)):
                    inputs.append(CheckReport.Input(path: waiversPath, unit: nil, sha256: SHA256.hash(bytes).hexString, file: file))
                    let loadedWaivers = WaiverLoader.load(bytes, path: waiversPath, ruleset: ruleset)
                    waivers = loadedWaivers.waivers
                    diagnostics += loadedWaivers.diagnostics
                case .failure(let diagnostic):
                    diagnostics.append(diagnostic)
                }
            }

            let submitted = Set(units.map(\.unit))
            let city = request.city || ruleset.units.allSatisfy { submitted.contains($0.code) }
            let evaluator = Evaluator(ruleset: ruleset, options: Evaluator.Options(city: city, asOf: request.asOf))
            let combined = evaluator.combine(units, waivers: waivers, jobs: request.jobs)
            diagnostics += combined.diagnostics
            var effective = options
            effective.city = city
            return CheckReport(
                tool: tool, ruleset: ruleset, inputs: inputs, options: effective, results: combined.results,
                diagnostics: diagnostics, submittedUnits: units.map(\.unit))
        }
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
