public import EduCheckCore

/// SARIF 2.1.0 for code scanning (GitHub, GitLab, editors). Every rule of the ruleset is a
/// `reportingDescriptor` whose help is its source quote and target; every result that needs
/// action is a SARIF result at the line and column of the value that decided it.
///
/// fail, missing and invalid → results at `error` level for binding rules and `warning` for
/// aspirations; waived → a result at the same level with an accepted external suppression whose
/// justification is the waiver, so viewers show it as dismissed with its approval rather than
/// hiding it; pass and not applicable → no result. Diagnostics are results of their own rules
/// (`educheck/duplicate-key`). Paths stay relative, as given, against `%SRCROOT%`.
///
/// GitHub code scanning refuses a whole upload when one result has no location, so a finding
/// with no place of its own (a city total missing a unit that sent nothing) is attached, without
/// a line, to the submission it concerns most: an affected unit's, else the first input.
public struct SARIFReporter: Reporter {
    public static let format = ReportFormat.sarif

    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The base every relative path is resolved against; code scanning reads it as the repository root.
    static let sourceRoot = "%SRCROOT%"

    public init() {}

    public func render(_ report: CheckReport, context: ReportContext) -> String {
        document(report, context: context).serialized()
    }

    public func write(_ report: CheckReport, context: ReportContext, to output: inout ReportOutput) throws {
        try document(report, context: context).write(to: &output, jobs: context.jobs)
    }

    public func document(_ report: CheckReport, context: ReportContext) -> JSONValue {
        let text = ReportText(report, context.language)
        let diagnosticCodes = Array(Set(report.diagnostics.map(\.code))).sorted()
        var ruleIndex: [String: Int] = [:]
        for (index, rule) in report.ruleset.rules.enumerated() { ruleIndex[rule.id] = index }
        for (offset, code) in diagnosticCodes.enumerated() { ruleIndex[Self.diagnosticRuleID(code)] = report.ruleset.rules.count + offset }
        let artifactIndex = Dictionary(report.inputs.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })

        let rules = report.ruleset.rules.map { descriptor($0, text: text) }
            + diagnosticCodes.map { diagnosticDescriptor($0, text: text) }
        var results: [JSONValue] = []
        for outcome in report.results where outcome.status != .pass && outcome.status != .notApplicable {
            results.append(result(outcome, report: report, text: text, ruleIndex: ruleIndex, artifactIndex: artifactIndex))
        }
        for diagnostic in report.diagnostics {
            results.append(result(diagnostic, report: report, text: text, ruleIndex: ruleIndex, artifactIndex: artifactIndex))
        }

        let driver: JSONValue = .object([
            ("name", .string(report.tool.name)),
            ("version", .string(report.tool.version)),
            ("rules", .array(rules)),
        ])
        let run: JSONValue = .object([
            ("tool", .object([("driver", driver)])),
            ("invocations", .array([.object([
                // The tool ran to the end; input errors are results, and the exit code says how it went.
                ("executionSuccessful", .bool(true)),
                ("exitCode", .int(report.summary.exitCode)),
            ])])),
            ("language", .string(context.language == .zh ? "zh-CN" : "en")),
            ("columnKind", .string("unicodeCodePoints")),
            ("artifacts", .array(report.inputs.map { input in
                .object([
                    ("location", artifactLocation(input.path, artifactIndex: [:])),
                    ("encoding", .string(input.encoding)),
                    ("hashes", .object([("sha-256", .string(input.sha256))])),
                ])
            })),
            ("results", .array(results)),
            ("properties", .object([
                ("ruleset", .object([
                    ("id", .string(report.ruleset.id)),
                    ("period", .int(report.ruleset.period)),
                    ("document", .string(report.ruleset.document.number)),
                    ("sha256", .string(report.ruleset.sha256)),
                ])),
                ("asOf", .string(report.options.asOf.description)),
                ("city", .bool(report.options.city)),
                ("strict", .bool(report.options.strict)),
                ("summary", .object(Outcome.Status.allCases.map { ($0.rawValue, .int(report.summary.count($0))) })),
            ])),
        ])
        return .object([
            ("$schema", .string(Self.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
    }

    // MARK: - Rules

    private func descriptor(_ rule: Rule, text: ReportText) -> JSONValue {
        let target = rule.target?.display.text(in: text.language) ?? text("填报值与计算值一致", "the reported and computed figures agree")
        let quote = text("\(rule.source.section)：“\(rule.source.quote)”", "\(rule.source.section): “\(rule.source.quote)”")
        var help = [text("依据 ", "Source ") + quote, text("目标：", "Target: ") + target]
        if let interpretation = rule.interpretation { help.append(text("口径：", "Reading: ") + interpretation.text(in: text.language)) }
        return .object([
            ("id", .string(rule.id)),
            ("shortDescription", .object([("text", .string(rule.title.text(in: text.language)))])),
            ("fullDescription", .object([("text", .string(quote + text("；目标 ", "; target ") + target))])),
            ("help", .object([("text", .string(help.joined(separator: "\n")))])),
            ("defaultConfiguration", .object([("level", .string(level(rule.severity)))])),
            ("properties", .object([
                ("tags", .array([.string("educheck"), .string(rule.severity.rawValue)] + rule.scopes.map { .string($0.rawValue) })),
                ("section", .string(rule.source.section)),
                ("target", .string(rule.target?.text ?? "")),
            ])),
        ])
    }

    static func diagnosticRuleID(_ code: String) -> String { "educheck/\(code)" }

    private func diagnosticDescriptor(_ code: String, text: ReportText) -> JSONValue {
        .object([
            ("id", .string(Self.diagnosticRuleID(code))),
            ("shortDescription", .object([("text", .string(text("输入文件问题：\(code)", "Problem in an input file: \(code)")))])),
            ("fullDescription", .object([("text", .string(text(
                "educheck 读取规则或填报文件时发现的问题（\(code)）；错误会使运行以退出码 2 结束。",
                "A problem educheck found while reading a rule or data file (\(code)); errors end the run with exit code 2.")))])),
            ("help", .object([("text", .string(text(
                "按消息修改所指位置的文件后重新运行 educheck check。",
                "Fix the file at the location shown, as the message says, and run educheck check again.")))])),
            ("properties", .object([("tags", .array([.string("educheck"), .string("input")]))])),
        ])
    }

    private func level(_ severity: Rule.Severity) -> String {
        severity == .error ? "error" : "warning"
    }

    // MARK: - Results

    private func result(_ outcome: Outcome, report: CheckReport, text: ReportText, ruleIndex: [String: Int], artifactIndex: [String: Int]) -> JSONValue {
        var members: [(String, JSONValue)] = [("ruleId", .string(outcome.rule))]
        if let index = ruleIndex[outcome.rule] { members.append(("ruleIndex", .int(index))) }
        members.append(("level", .string(level(outcome.severity))))
        let message = ([text.headline(outcome)] + text.details(outcome, rowLimit: 20)).joined(separator: "\n")
        members.append(("message", .object([("text", .string(message))])))
        if let place = report.place(of: outcome) ?? fallbackPlace(outcome, report: report) {
            members.append(("locations", .array([location(place, artifactIndex: artifactIndex, message: nil)])))
        }
        // The other values that decided it: the rest of the reported metrics and the schools
        // below the line. School rows that merely passed are left out.
        var related: [JSONValue] = []
        for evidence in outcome.evidence.dropFirst() where evidence.metric != nil {
            related.append(location(ReportPlace(evidence.location), artifactIndex: artifactIndex, message: evidence.metric))
        }
        for row in outcome.failingRows.dropFirst() {
            related.append(location(ReportPlace(row.location), artifactIndex: artifactIndex, message: "\(row.code) \(row.name)"))
        }
        if !related.isEmpty {
            members.append(("relatedLocations", .array(related.enumerated().map { index, value in
                guard case .object(let fields) = value else { return value }
                return .object([("id", .int(index + 1))] + fields)
            })))
        }
        members.append(("partialFingerprints", .object([
            ("educheck/v1", .string(fingerprint([outcome.rule, outcome.unit, outcome.scope.rawValue]))),
        ])))
        if let waiver = outcome.waiver {
            var suppression: [(String, JSONValue)] = [
                ("kind", .string("external")),
                ("status", .string("accepted")),
                ("justification", .string(text.waiver(waiver))),
            ]
            if let location = waiver.location {
                suppression.append(("location", self.location(ReportPlace(location), artifactIndex: artifactIndex, message: nil)))
            }
            members.append(("suppressions", .array([.object(suppression)])))
        }
        members.append(("properties", .object([
            ("unit", .string(outcome.unit)),
            ("scope", .string(outcome.scope.rawValue)),
            ("status", .string(outcome.status.rawValue)),
        ])))
        return .object(members)
    }

    private func fallbackPlace(_ outcome: Outcome, report: CheckReport) -> ReportPlace? {
        for unit in outcome.affectedUnits {
            if let input = report.input(for: unit) { return ReportPlace(path: input.path) }
        }
        let rule = report.ruleset.rule(outcome.rule)
        let concerned = report.inputs.first { input in
            guard let code = input.unit, let unit = report.ruleset.unit(code) else { return false }
            return rule?.appliesTo.includes(unit) ?? true
        }
        return (concerned ?? report.inputs.first).map { ReportPlace(path: $0.path) }
    }

    private func result(_ diagnostic: Diagnostic, report: CheckReport, text: ReportText, ruleIndex: [String: Int], artifactIndex: [String: Int]) -> JSONValue {
        let id = Self.diagnosticRuleID(diagnostic.code)
        var members: [(String, JSONValue)] = [("ruleId", .string(id))]
        if let index = ruleIndex[id] { members.append(("ruleIndex", .int(index))) }
        let level: String
        switch diagnostic.severity {
        case .error: level = "error"
        case .warning: level = "warning"
        case .info: level = "note"
        }
        members.append(("level", .string(level)))
        members.append(("message", .object([("text", .string(diagnostic.message.text(in: text.language)))])))
        if let place = diagnostic.place ?? report.inputs.first.map({ ReportPlace(path: $0.path) }) {
            members.append(("locations", .array([location(place, artifactIndex: artifactIndex, message: nil)])))
        }
        let related = diagnostic.notes.compactMap { note in
            note.location.map { location(ReportPlace($0), artifactIndex: artifactIndex, message: note.message.text(in: text.language)) }
        }
        if !related.isEmpty {
            members.append(("relatedLocations", .array(related.enumerated().map { index, value in
                guard case .object(let fields) = value else { return value }
                return .object([("id", .int(index + 1))] + fields)
            })))
        }
        // Lines move when a file is edited; the code, file and message name the problem.
        members.append(("partialFingerprints", .object([
            ("educheck/v1", .string(fingerprint([diagnostic.code, diagnostic.location?.path ?? "", diagnostic.message.en]))),
        ])))
        return .object(members)
    }

    private func location(_ place: ReportPlace, artifactIndex: [String: Int], message: String?) -> JSONValue {
        var physical: [(String, JSONValue)] = [("artifactLocation", artifactLocation(place.path, artifactIndex: artifactIndex))]
        if let line = place.line {
            var region: [(String, JSONValue)] = [("startLine", .int(line))]
            if let column = place.column { region.append(("startColumn", .int(column))) }
            physical.append(("region", .object(region)))
        }
        var members: [(String, JSONValue)] = [("physicalLocation", .object(physical))]
        if let message { members.append(("message", .object([("text", .string(message))]))) }
        return .object(members)
    }

    private func artifactLocation(_ path: String, artifactIndex: [String: Int]) -> JSONValue {
        var members: [(String, JSONValue)] = [("uri", .string(Self.uri(path)))]
        if !path.hasPrefix("/") { members.append(("uriBaseId", .string(Self.sourceRoot))) }
        if let index = artifactIndex[path] { members.append(("index", .int(index))) }
        return .object(members)
    }

    /// A path as a URI reference: unreserved characters and `/` as they are, everything else
    /// (spaces, `%`, Chinese file names) percent-encoded as UTF-8. An absolute path becomes a
    /// `file://` URI, since a bare absolute path is not a valid artifact location.
    static func uri(_ path: String) -> String {
        var out = path.hasPrefix("/") ? "file://" : ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// SHA-256 over the parts, each ended by a NUL so that ("ab", "c") and ("a", "bc") differ.
    private func fingerprint(_ parts: [String]) -> String {
        var hasher = SHA256()
        for part in parts {
            hasher.update(Array(part.utf8))
            hasher.update([0])
        }
        return hasher.finalize().hexString
    }
}
