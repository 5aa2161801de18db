import EduCheckCore

/// Where a finding points in the inputs: a file, and the line and column when the value that
/// decided the result has one. CI formats need a file to attach an annotation to even when the
/// decisive value is absent, so a missing value points at the file it should be added to.
struct ReportPlace: Hashable, Sendable, CustomStringConvertible {
    var path: String
    var line: Int?
    var column: Int?

    init(path: String, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
    }

    init(_ location: SourceLocation) {
        // Positions are 1-based; a 0 from a file-level diagnostic still means "the file".
        self.init(path: location.path, line: max(1, location.line), column: max(1, location.column))
    }

    var description: String {
        guard let line else { return path }
        guard let column else { return "\(path):\(line)" }
        return "\(path):\(line):\(column)"
    }
}

extension CheckReport {
    /// The place of the value that decided a result: for a school-row measure the first school
    /// below the line (the row to fix), otherwise the first evidence; failing that, for a unit's
    /// own missing value, the unit's submission (where the value belongs). A city total with no
    /// evidence, and a rule that does not apply, have no place.
    func place(of outcome: Outcome) -> ReportPlace? {
        if let row = outcome.failingRows.first { return ReportPlace(row.location) }
        if let evidence = outcome.evidence.first { return ReportPlace(evidence.location) }
        if outcome.status == .missing, outcome.scope == .unit, let input = input(for: outcome.unit) {
            return ReportPlace(path: input.path)
        }
        return nil
    }
}

extension Diagnostic {
    var place: ReportPlace? { location.map(ReportPlace.init) }
}
