public import EduCheckCore

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message` for what a
/// binding rule or an input error needs, `::warning` for aspirations and warning diagnostics.
///
/// fail, missing, invalid → `::error` (binding rule) or `::warning` (aspiration); waived and
/// passed results, and info diagnostics, are not annotated but counted in the closing line.
/// The runner shows at most ten error and ten warning annotations per step and drops the rest
/// silently, so at most ten of each are written, the most urgent first, and a `::notice` then
/// lists what was left out and points to the full reports.
public struct GitHubReporter: Reporter {
    public static let format = ReportFormat.github

    /// Per step, per level, as the runner enforces it.
    public static let annotationLimit = 10

    public init() {}

    public func render(_ report: CheckReport, context: ReportContext) -> String {
        let text = ReportText(report, context.language)
        var annotations: [Annotation] = []
        // Order of urgency: input errors (nothing else can be trusted until they are fixed),
        // then results as the other reports rank them, then warning diagnostics.
        for diagnostic in report.diagnostics where diagnostic.severity == .error {
            annotations.append(annotation(diagnostic, text: text))
        }
        for outcome in text.attention() where outcome.status != .waived {
            annotations.append(annotation(outcome, report: report, text: text))
        }
        for diagnostic in report.diagnostics where diagnostic.severity == .warning {
            annotations.append(annotation(diagnostic, text: text))
        }

        var out = ""
        var left: [Annotation] = []
        var shown: [Annotation.Level: Int] = [:]
        for annotation in annotations {
            if shown[annotation.level, default: 0] < Self.annotationLimit {
                shown[annotation.level, default: 0] += 1
                out += annotation.command + "\n"
            } else {
                left.append(annotation)
            }
        }
        if !left.isEmpty {
            out += notice(left, text: text) + "\n"
        }
        out += "educheck \(report.ruleset.id): " + text.counts()
            + text("；退出码 \(report.summary.exitCode)", "; exit code \(report.summary.exitCode)") + "\n"
        return out
    }

    // MARK: - Annotations

    struct Annotation {
        enum Level: String {
            case error
            case warning
            case notice
        }

        var level: Level
        var place: ReportPlace?
        var title: String
        var message: String

        var command: String {
            var properties: [String] = []
            if let place {
                properties.append("file=" + GitHubReporter.escapeProperty(place.path))
                if let line = place.line { properties.append("line=\(line)") }
                if let column = place.column { properties.append("col=\(column)") }
            }
            properties.append("title=" + GitHubReporter.escapeProperty(title))
            return "::\(level.rawValue) \(properties.joined(separator: ","))::\(GitHubReporter.escapeData(message))"
        }
    }

    private func annotation(_ outcome: Outcome, report: CheckReport, text: ReportText) -> Annotation {
        let level: Annotation.Level = outcome.severity == .error ? .error : .warning
        let title = "\(text.verdict(outcome)) \(outcome.rule) · \(text.unitName(outcome.unit, scope: outcome.scope))"
        let message = ([text.headline(outcome), text.title(outcome.rule)] + text.details(outcome, rowLimit: 10)).joined(separator: "\n")
        return Annotation(level: level, place: report.place(of: outcome), title: title, message: message)
    }

    private func annotation(_ diagnostic: Diagnostic, text: ReportText) -> Annotation {
        let notes = diagnostic.notes.map { note in
            (note.location.map { "\(ReportPlace($0)): " } ?? "") + note.message.text(in: text.language)
        }
        return Annotation(
            level: diagnostic.severity == .error ? .error : .warning,
            place: diagnostic.place,
            title: "educheck \(diagnostic.code)",
            message: ([diagnostic.message.text(in: text.language)] + notes).joined(separator: "\n"))
    }

    /// What the runner would have dropped, one line each, and where to read it all.
    private func notice(_ left: [Annotation], text: ReportText) -> String {
        let errors = left.filter { $0.level == .error }.count
        let warnings = left.filter { $0.level == .warning }.count
        var lines = [text(
            "另有 \(errors) 项错误、\(warnings) 项警告未作为注释显示（GitHub 每个步骤最多显示 \(Self.annotationLimit) 个错误注释和 \(Self.annotationLimit) 个警告注释）：",
            "\(errors) more errors and \(warnings) more warnings are not shown as annotations (GitHub shows at most \(Self.annotationLimit) error and \(Self.annotationLimit) warning annotations per step):")]
        for annotation in left {
            let place = annotation.place.map { "\($0) " } ?? ""
            lines.append("- \(annotation.level.rawValue) \(place)\(annotation.title)")
        }
        lines.append(text(
            "完整结果见同一次运行的其他报告，例如 --report sarif=educheck.sarif --report junit=educheck.xml --report markdown=educheck.md。",
            "See the run's other reports for everything, e.g. --report sarif=educheck.sarif --report junit=educheck.xml --report markdown=educheck.md."))
        let summary = Annotation(level: .notice, place: nil, title: text("educheck：未显示的结果", "educheck: results not shown"), message: lines.joined(separator: "\n"))
        return summary.command
    }

    // MARK: - Escaping

    /// The message after `::`, escaped as the runner unescapes it: `%`, CR and LF.
    public static func escapeData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A property value: as data, and `:` and `,`, which would otherwise end the property.
    public static func escapeProperty(_ text: String) -> String {
        var out = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
