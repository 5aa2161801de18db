extension Diagnostic {
    /// The errors of one file beyond the first `limit`, folded into one: a 50,000-row file with
    /// the same mistake in every row is better told once with a count than 50,000 times.
    static func capped(_ diagnostics: [Diagnostic], path: String, limit: Int = 200) -> [Diagnostic] {
        var errors = 0
        var kept: [Diagnostic] = []
        var dropped: [Diagnostic] = []
        for diagnostic in diagnostics {
            if diagnostic.severity == .error {
                errors += 1
                if errors > limit {
                    dropped.append(diagnostic)
                    continue
                }
            }
            kept.append(diagnostic)
        }
        guard let first = dropped.first else { return kept }
        kept.append(Diagnostic(
            .error, code: "too-many-errors",
            LocalizedText(
                zh: "本文件错误过多，另有 \(dropped.count) 个错误未列出（第一个：\(first.message.zh)）",
                en: "too many errors in this file; \(dropped.count) more are not listed (the first: \(first.message.en))"),
            at: first.location))
        return kept
    }
}
