extension Diagnostic {
    /// One file's diagnostics with at most `limit` of each severity; the rest of a severity are
    /// folded into one that says how many there were and what the first said. A 50,000-row file
    /// with the same mistake in every row is better told once with a count than 50,000 times.
    static func capped(_ diagnostics: [Diagnostic], path: String, limit: Int = 200) -> [Diagnostic] {
        var counts: [Severity: Int] = [:]
        var kept: [Diagnostic] = []
        var dropped: [Severity: (first: Diagnostic, count: Int)] = [:]
        for diagnostic in diagnostics {
            counts[diagnostic.severity, default: 0] += 1
            if counts[diagnostic.severity]! <= limit {
                kept.append(diagnostic)
            } else if let existing = dropped[diagnostic.severity] {
                dropped[diagnostic.severity] = (existing.first, existing.count + 1)
            } else {
                dropped[diagnostic.severity] = (diagnostic, 1)
            }
        }
        for severity in Severity.allCases.reversed() {
            guard let (first, count) = dropped[severity] else { continue }
            let what = severity == .error ? (zh: "错误", en: "errors") : severity == .warning ? (zh: "警告", en: "warnings") : (zh: "提示", en: "notes")
            kept.append(Diagnostic(
                severity, code: severity == .error ? "too-many-errors" : "too-many-notes",
                LocalizedText(
                    zh: "本文件\(what.zh)过多，另有 \(count) 个未列出（第一个：\(first.message.zh)）",
                    en: "too many \(what.en) in this file; \(count) more are not listed (the first: \(first.message.en))"),
                at: first.location))
        }
        return kept
    }
}
