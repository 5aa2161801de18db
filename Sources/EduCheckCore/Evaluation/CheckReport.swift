/// Everything a run produced, in the stable order every reporter prints it: the single value
/// reporters render, so no reporter reads a global or the clock.
public struct CheckReport: Sendable {
    public struct Tool: Hashable, Sendable {
        public var name: String
        public var version: String

        public init(name: String = "educheck", version: String) {
            self.name = name
            self.version = version
        }
    }

    /// An input file and its digest, so an audit can prove what was checked.
    public struct Input: Hashable, Sendable {
        public var path: String
        /// The unit the file is for; nil when it is for none or for several (a metrics CSV).
        public var unit: String?
        /// Every unit the file holds data for, by code.
        public var units: [String]
        public var sha256: String
        /// How the bytes were decoded ("UTF-8", "UTF-16LE", "GB18030").
        public var encoding: String
        /// Which file was read (device and inode, when read): a report must not overwrite it,
        /// whatever path names it.
        public var file: FileIdentity?

        public init(path: String, unit: String?, sha256: String, encoding: String = "UTF-8", units: [String]? = nil, file: FileIdentity? = nil) {
            self.path = path
            self.unit = unit
            self.units = units ?? unit.map { [$0] } ?? []
            self.sha256 = sha256
            self.encoding = encoding
            self.file = file
        }
    }

    /// The options that shaped the verdicts, printed so a reader can reproduce the run.
    public struct Options: Hashable, Sendable {
        public var city: Bool
        public var strict: Bool
        public var asOf: CalendarDate
        public var waivers: String?

        public init(city: Bool, strict: Bool, asOf: CalendarDate, waivers: String?) {
            self.city = city
            self.strict = strict
            self.asOf = asOf
            self.waivers = waivers
        }
    }

    public struct Summary: Hashable, Sendable {
        public var counts: [Outcome.Status: Int]
        public var exitCode: Int32

        public func count(_ status: Outcome.Status) -> Int { counts[status] ?? 0 }
    }

    public var tool: Tool
    public var ruleset: Ruleset
    /// Sorted by path.
    public let inputs: [Input]
    /// The first input (by path) of each unit, so reporters find a unit's file without a scan.
    private let inputIndex: [String: Int]
    public var options: Options
    /// Sorted by unit code (the city last), then rule order, then scope.
    public var results: [Outcome]
    /// Sorted by file and position.
    public var diagnostics: [Diagnostic]
    /// The units that submitted, by code.
    public var submittedUnits: [String]
    public var summary: Summary

    /// The file a unit's data came from (its submission, or the CSV that holds it).
    public func input(for unit: String) -> Input? {
        inputIndex[unit].map { inputs[$0] }
    }

    public init(
        tool: Tool, ruleset: Ruleset, inputs: [Input], options: Options, results: [Outcome],
        diagnostics: [Diagnostic], submittedUnits: [String]
    ) {
        self.tool = tool
        self.ruleset = ruleset
        // In path order already when no submission names a school-rows file (files come in the
        // order folders are listed in). A file a submission names is listed after it, so runs
        // with school-rows files are sorted here.
        self.inputs = inputs.sortedUnlessInOrder { $0.path < $1.path }
        var index: [String: Int] = [:]
        for (position, input) in self.inputs.enumerated() {
            for unit in input.units where index[unit] == nil { index[unit] = position }
        }
        inputIndex = index
        self.options = options
        self.results = results
        self.diagnostics = diagnostics.sorted()
        self.submittedUnits = submittedUnits.sorted()
        // Tallied by position, not by hashing each of a national run's 66,000 statuses.
        let statuses = Outcome.Status.allCases
        var tally = [Int](repeating: 0, count: statuses.count)
        for result in results { tally[result.status.position] += 1 }
        var counts: [Outcome.Status: Int] = [:]
        for (position, status) in statuses.enumerated() where tally[position] > 0 { counts[status] = tally[position] }
        summary = Summary(
            counts: counts,
            exitCode: ExitStatus.code(results: results, diagnostics: diagnostics, strict: options.strict).rawValue
        )
    }
}

/// The process exit codes of SPEC 6. Where several apply, the highest wins.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Every error-severity rule passed (warnings allowed unless strict).
    case success = 0
    /// At least one error-severity rule is fail, missing or invalid.
    case targetsMissed = 1
    /// A rule or data file could not be read, is malformed, or drew an error diagnostic.
    case inputError = 2
    /// Bad command-line usage.
    case usage = 64

    public static func code(results: [Outcome], diagnostics: [Diagnostic], strict: Bool) -> ExitStatus {
        if diagnostics.contains(where: { $0.severity == .error }) { return .inputError }
        if results.contains(where: { $0.status.failsRun(severity: $0.severity, strict: strict) }) { return .targetsMissed }
        return .success
    }
}
