import EduCheckCore
import EduCheckReports
import Testing

@Suite("GitHub annotations")
struct GitHubReporterTests {
    /// A workflow command as the Actions runner reads it (ActionCommand.TryParseV2): `::`, the
    /// command up to a space, comma-separated `key=value` properties up to the next `::`, then the
    /// message; escapes undone in the reverse order of escaping.
    struct Command {
        var name: String
        var properties: [String: String]
        var message: String

        init?(_ line: Substring) {
            guard line.hasPrefix("::") else { return nil }
            let rest = line.dropFirst(2)
            guard let end = rest.range(of: "::") else { return nil }
            let info = rest[..<end.lowerBound]
            message = Self.unescape(String(rest[end.upperBound...]), property: false)
            let space = info.firstIndex(of: " ")
            name = String(info[..<(space ?? info.endIndex)])
            properties = [:]
            if let space {
                for pair in info[info.index(after: space)...].split(separator: ",") {
                    guard let equals = pair.firstIndex(of: "=") else { continue }
                    properties[String(pair[..<equals])] = Self.unescape(String(pair[pair.index(after: equals)...]), property: true)
                }
            }
        }

        static func unescape(_ value: String, property: Bool) -> String {
            var mappings = [("%", "%25"), ("\r", "%0D"), ("\n", "%0A")]
            if property { mappings += [(":", "%3A"), (",", "%2C")] }
            var out = value
            for (token, replacement) in mappings.reversed() {
                out = out.replacingOccurrences(of: replacement, with: token)
            }
            return out
        }
    }

    static func commands(_ output: String) -> [Command] {
        output.split(separator: "\n").compactMap(Command.init)
    }

    @Test("data escapes %, CR and LF; properties also : and ,")
    func escaping() {
        #expect(GitHubReporter.escapeData("100%: a, b\r\nc") == "100%25: a, b%0D%0Ac")
        #expect(GitHubReporter.escapeProperty("100%: a, b\r\nc") == "100%25%3A a%2C b%0D%0Ac")
        #expect(GitHubReporter.escapeData("%0A") == "%250A")
    }

    @Test("school names with %, :, , and line breaks survive the runner's parsing")
    func roundTrip() throws {
        let output = CanonicalReport.render(.github)
        // Each command is one physical line: no raw line break escaped the message.
        for line in output.split(separator: "\n") where !line.hasPrefix("::") {
            #expect(line.hasPrefix("educheck "), "a stray line: «\(line)»")
        }
        let commands = Self.commands(output)
        let coverage = try #require(commands.first { $0.properties["title"]?.contains("backbone-coverage") == true && $0.properties["line"] == "16" && $0.name == "error" })
        #expect(coverage.message.contains("100%: 北区, 分校|二部\n（筹）"))
        #expect(coverage.message.contains("A&B <实验> \"学校\""))
        #expect(coverage.properties["file"] == "submissions/440104-越秀.yaml")
        #expect(coverage.properties["col"] == "5")
        let note = try #require(commands.first { $0.message.contains("<script>") && $0.properties["file"] != nil })
        #expect(note.message.contains("随班就读，\n第二行: 100%, 已核实|待复核"))
        // A city total with no place is still annotated, without a file.
        #expect(commands.contains { $0.properties["file"] == nil && $0.message.contains("天河区") && $0.name == "error" })
        // Waived results are not errors.
        #expect(!commands.contains { $0.message.contains("测人〔2025〕3号") })
    }

    @Test("at most ten errors and ten warnings, then a notice of what was left out")
    func limits() throws {
        let base = CanonicalReport.report
        let template = try #require(base.results.first { $0.status == .fail && $0.rule == "enrolment-rate" })
        var results: [Outcome] = []
        for index in 0..<13 {
            var outcome = template
            outcome.unit = "X:\(index),%"
            outcome.evidence = [Outcome.Evidence(location: SourceLocation(path: "data/a,b:c%.yaml", line: index + 1, column: 3), unit: outcome.unit, metric: "t.enrolled")]
            results.append(outcome)
        }
        for index in 0..<11 {
            var outcome = template
            outcome.unit = "W\(index)"
            outcome.severity = .warning
            results.append(outcome)
        }
        let report = CheckReport(tool: base.tool, ruleset: base.ruleset, inputs: [], options: base.options, results: results, diagnostics: [], submittedUnits: [])
        let output = GitHubReporter().render(report, context: ReportContext(language: .zh))
        let commands = Self.commands(output)
        #expect(commands.filter { $0.name == "error" }.count == 10)
        #expect(commands.filter { $0.name == "warning" }.count == 10)
        let notice = try #require(commands.last)
        #expect(notice.name == "notice")
        #expect(notice.message.contains("另有 3 项错误、1 项警告"))
        #expect(notice.message.contains("data/a,b:c%.yaml:11:3"))
        #expect(notice.message.contains("--report sarif="))
        let first = try #require(commands.first)
        #expect(first.properties["file"] == "data/a,b:c%.yaml")
        #expect(first.properties["line"] == "1")
        #expect(first.properties["title"]?.contains("X:0,%") == true)
    }

    @Test("nothing left out, no notice")
    func noNotice() {
        #expect(!CanonicalReport.render(.github).contains("::notice"))
    }
}
