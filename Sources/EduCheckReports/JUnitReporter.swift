public import EduCheckCore

/// JUnit XML for CI test reports (GitLab, Jenkins, GitHub test-report actions): one test suite
/// per unit (the city total last), one test case per rule × unit.
///
/// pass → a passed case; waived → a passed case whose `<system-out>` names the waiver; fail →
/// `<failure>`; missing → `<error type="DataMissing">`; invalid → `<error type="Invalid">`;
/// not applicable → `<skipped>`. Error diagnostics become `<error>` cases of a last suite, so a
/// run that exits 2 never shows green; warnings are listed in that suite's `<system-out>`.
/// No timestamps or host names: the same run gives the same bytes.
public struct JUnitReporter: Reporter {
    public static let format = ReportFormat.junit

    public init() {}

    public func render(_ report: CheckReport, context: ReportContext) -> String {
        let text = ReportText(report, context.language)
        var suites: [Suite] = []
        for outcome in report.results {
            if let last = suites.last, last.unit == outcome.unit, last.scope == outcome.scope {
                suites[suites.count - 1].results.append(outcome)
            } else {
                suites.append(Suite(unit: outcome.unit, scope: outcome.scope, results: [outcome]))
            }
        }
        let errors = report.diagnostics.filter { $0.severity == .error }
        let others = report.diagnostics.filter { $0.severity != .error }

        let totals = Counts(results: report.results, diagnosticErrors: errors.count)
        let name = "educheck \(report.ruleset.id) \(report.ruleset.title.text(in: context.language))"
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(XMLEscaping.attribute(name))\"\(totals.attributes)>\n"
        for suite in suites {
            out += render(suite, report: report, text: text)
        }
        if !report.diagnostics.isEmpty {
            out += renderDiagnostics(errors: errors, others: others, text: text)
        }
        out += "</testsuites>\n"
        return out
    }

    // MARK: - Suites

    private struct Suite {
        var unit: String
        var scope: Rule.Scope
        var results: [Outcome]
    }

    private struct Counts {
        var tests = 0
        var failures = 0
        var errors = 0
        var skipped = 0

        init(results: [Outcome], diagnosticErrors: Int = 0) {
            tests = results.count + diagnosticErrors
            errors = diagnosticErrors
            for result in results {
                switch result.status {
                case .fail: failures += 1
                case .missing, .invalid: errors += 1
                case .notApplicable: skipped += 1
                case .pass, .waived: break
                }
            }
        }

        var attributes: String {
            " tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"0\""
        }
    }

    private func render(_ suite: Suite, report: CheckReport, text: ReportText) -> String {
        // The class name a CI groups cases by: the unit's code and name, e.g. "440104 越秀区".
        let className = "\(suite.unit) \(text.unitName(suite.unit, scope: suite.scope))"
        var out = "  <testsuite name=\"\(XMLEscaping.attribute(className))\"\(Counts(results: suite.results).attributes)>\n"
        for outcome in suite.results {
            out += "    <testcase classname=\"\(XMLEscaping.attribute(className))\" name=\"\(XMLEscaping.attribute(outcome.rule))\""
            if let place = report.place(of: outcome) {
                out += " file=\"\(XMLEscaping.attribute(place.path))\""
                if let line = place.line { out += " line=\"\(line)\"" }
            }
            let headline = text.headline(outcome)
            let body = text.details(outcome, rowLimit: Int.max)
                + (report.place(of: outcome).map { [text("位置：", "at: ") + $0.description] } ?? [])
            var content = ""
            switch outcome.status {
            case .fail:
                content += element("failure", type: outcome.severity == .error ? "TargetMissed" : "AspirationMissed", message: headline, body: body)
            case .missing:
                content += element("error", type: "DataMissing", message: headline, body: body)
            case .invalid:
                content += element("error", type: "Invalid", message: headline, body: body)
            case .notApplicable:
                content += "      <skipped message=\"\(XMLEscaping.attribute(text.reasons(outcome).joined(separator: text("；", "; "))))\"/>\n"
            case .pass, .waived:
                // A passed case says why it passed when that is not the plain reading: a waiver,
                // or a unit's note beside it.
                let notes = outcome.notes.keys.sorted().map { text.note($0, outcome.notes[$0]!, scope: outcome.scope) }
                let lines = (outcome.status == .waived ? [headline] : []) + notes + (outcome.waiver.map { [text.waiver($0)] } ?? [])
                if !lines.isEmpty {
                    content += "      <system-out>\(XMLEscaping.text(lines.joined(separator: "\n")))</system-out>\n"
                }
            }
            out += content.isEmpty ? " time=\"0\"/>\n" : " time=\"0\">\n" + content + "    </testcase>\n"
        }
        out += "  </testsuite>\n"
        return out
    }

    private func element(_ name: String, type: String, message: String, body: [String]) -> String {
        "      <\(name) type=\"\(type)\" message=\"\(XMLEscaping.attribute(message))\">"
            + XMLEscaping.text(([message] + body).joined(separator: "\n"))
            + "</\(name)>\n"
    }

    private func renderDiagnostics(errors: [Diagnostic], others: [Diagnostic], text: ReportText) -> String {
        let suiteName = text("文件问题", "Problems in files")
        var out = "  <testsuite name=\"\(XMLEscaping.attribute(suiteName))\" tests=\"\(errors.count)\" failures=\"0\" errors=\"\(errors.count)\" skipped=\"0\" time=\"0\">\n"
        for diagnostic in errors {
            out += "    <testcase classname=\"\(XMLEscaping.attribute(suiteName))\" name=\"\(XMLEscaping.attribute(diagnostic.code))\""
            if let place = diagnostic.place {
                out += " file=\"\(XMLEscaping.attribute(place.path))\""
                if let line = place.line { out += " line=\"\(line)\"" }
            }
            out += " time=\"0\">\n"
            out += element("error", type: diagnostic.code, message: describe(diagnostic, text: text), body: notes(diagnostic, text: text))
            out += "    </testcase>\n"
        }
        if !others.isEmpty {
            let lines = others.map { "\(text.diagnosticSeverity($0.severity)) " + describe($0, text: text) }
            out += "    <system-out>\(XMLEscaping.text(lines.joined(separator: "\n")))</system-out>\n"
        }
        out += "  </testsuite>\n"
        return out
    }

    private func describe(_ diagnostic: Diagnostic, text: ReportText) -> String {
        let place = diagnostic.place.map { "\($0): " } ?? ""
        return "\(place)[\(diagnostic.code)] \(diagnostic.message.text(in: text.language))"
    }

    private func notes(_ diagnostic: Diagnostic, text: ReportText) -> [String] {
        diagnostic.notes.map { note in
            (note.location.map { "\(ReportPlace($0)): " } ?? "") + note.message.text(in: text.language)
        }
    }
}
