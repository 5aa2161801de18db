/// Computing a measure's figure for one unit or for the city aggregate.
extension Evaluator {
    typealias Input = (unit: ReportingUnit, submission: Submission?)

    /// What a measure came to, before it is held against the target.
    enum Measured: Sendable {
        case ratio(numerator: Rational, denominator: Rational, evidence: [Outcome.Evidence], rows: [Outcome.RowFinding])
        case number(Rational, evidence: [Outcome.Evidence])
        case flag(Bool, evidence: [Outcome.Evidence])
        case consistency(reported: Rational, numerator: Rational, denominator: Rational, rounding: Int, evidence: [Outcome.Evidence])
        case problem(Figure, rows: [Outcome.RowFinding])
        case notApplicable(LocalizedText)
    }

    func measure(_ rule: Rule, scope: Rule.Scope, inputs: [Input]) -> Measured {
        switch rule.measure {
        case .value(let metric):
            switch aggregate(metric, scope: scope, inputs: inputs) {
            case .number(let value, let evidence): return .number(value, evidence: evidence)
            case .flag(let value, let evidence): return .flag(value, evidence: evidence)
            case .text(_, let evidence):
                return .problem(.invalid(units: inputs.map(\.unit.code), reasons: [LocalizedText(zh: "\(metric) 是文本，无法与目标比较", en: "\(metric) is text and cannot be compared with a target")], evidence: evidence), rows: [])
            case let other: return problemOrNotApplicable(other)
            }

        case .ratio(let numerator, let denominator):
            return ratio(numerator, denominator, inputs: inputs)

        case .change(let metric):
            var parts: [Figure] = []
            for input in inputs {
                parts.append(unitFigure(metric, input))
                parts.append(input.submission.map { Figure.read(metric, of: input.unit.code, in: $0.previous, previous: true) } ?? notSubmitted(input.unit))
            }
            if let problem = Figure.problem(in: parts) { return .problem(problem, rows: []) }
            var change = Rational.zero
            do {
                for (index, part) in parts.enumerated() {
                    guard case .number(let value, _) = part else {
                        return .problem(.invalid(units: inputs.map(\.unit.code), reasons: [LocalizedText(zh: "\(metric) 不是数值", en: "\(metric) is not a number")], evidence: part.evidence), rows: [])
                    }
                    change = try index % 2 == 0 ? change.adding(value) : change.subtracting(value)
                }
            } catch {
                return overflow(inputs, evidence: parts.flatMap(\.evidence))
            }
            return .number(change, evidence: parts.flatMap(\.evidence))

        case .coverage(let rows, let meets):
            return schoolRows(inputs, filter: rows) { matching in
                var meeting: Int64 = 0
                var total: Int64 = 0
                var failing: [Outcome.RowFinding] = []
                var problems: [Outcome.RowFinding] = []
                for part in matching {
                    let predicate = RowLookup(meets, part.table)
                    total += Int64(part.rows.count)
                    part.table.withCells { cells in
                        for row in part.rows {
                            switch evaluateRow(predicate, row, unit: part.unit, cells: cells) {
                            case .success(.flag(true)): meeting += 1
                            case .success(.flag(false)): failing.append(finding(part.table, row, unit: part.unit, fields: meets.identifiers))
                            case .success: problems.append(finding(part.table, row, unit: part.unit, fields: meets.identifiers, problem: LocalizedText(zh: "条件 “\(meets.text)” 的结果不是是/否", en: "'\(meets.text)' is not a yes/no condition")))
                            case .failure(let problem): problems.append(problem)
                            }
                        }
                    }
                }
                if !problems.isEmpty { return .problem(rowProblem(problems), rows: problems) }
                // The rows below the line say where to look; listing every row would not.
                return .ratio(numerator: Rational(meeting), denominator: Rational(total), evidence: [], rows: failing)
            }

        case .count(let rows):
            return schoolRows(inputs, filter: rows) { matching in
                .number(Rational(Int64(matching.reduce(0) { $0 + $1.rows.count })), evidence: [])
            }

        case .sum(let field, let rows):
            return schoolRows(inputs, filter: rows) { matching in
                var total = Rational.zero
                var problems: [Outcome.RowFinding] = []
                for part in matching {
                    let column = part.table.field(field)
                    for row in part.rows {
                        guard let column, let content = part.table.cell(row: row, field: column).content else {
                            problems.append(finding(part.table, row, unit: part.unit, fields: [field], problem: LocalizedText(zh: "缺少字段 \(field)", en: "no \(field)")))
                            continue
                        }
                        guard case .number(let number) = content else {
                            problems.append(finding(part.table, row, unit: part.unit, fields: [field], problem: LocalizedText(zh: "\(field) 不是数字", en: "\(field) is not a number")))
                            continue
                        }
                        do { total = try total.adding(number) } catch {
                            return overflow(inputs, evidence: [])
                        }
                    }
                }
                if !problems.isEmpty { return .problem(rowProblem(problems), rows: problems) }
                return .number(total, evidence: [])
            }

        case .expression(let source):
            var values: [String: ExpressionValue] = [:]
            var figures: [Figure] = []
            for metric in source.identifiers {
                let figure = aggregate(metric, scope: scope, inputs: inputs)
                figures.append(figure)
                switch figure {
                case .number(let value, _): values[metric] = .number(value)
                case .flag(let value, _): values[metric] = .flag(value)
                case .text(let value, _): values[metric] = .text(value)
                default: break
                }
            }
            if let problem = Figure.problem(in: figures) { return .problem(problem, rows: []) }
            let evidence = figures.flatMap(\.evidence)
            do {
                switch try source.expression.evaluate({ values[$0] }) {
                case .number(let value): return .number(value, evidence: evidence)
                case .flag(let value): return .flag(value, evidence: evidence)
                case .text:
                    return .problem(.invalid(units: inputs.map(\.unit.code), reasons: [LocalizedText(zh: "表达式的结果是文本", en: "the expression gives text")], evidence: evidence), rows: [])
                }
            } catch {
                return .problem(.invalid(units: inputs.map(\.unit.code), reasons: [error.message], evidence: evidence), rows: [])
            }

        case .consistency(let reported, let numerator, let denominator, let rounding):
            guard scope == .unit, let input = inputs.first else {
                return .notApplicable(LocalizedText(zh: "填报比率的一致性只在单位层面核对", en: "a reported rate is checked per unit only"))
            }
            let figures = [unitFigure(reported, input), unitFigure(numerator, input), unitFigure(denominator, input)]
            if let problem = Figure.problem(in: figures) { return .problem(problem, rows: []) }
            guard case .number(let rate, _) = figures[0], case .number(let n, _) = figures[1], case .number(let d, _) = figures[2] else {
                return .problem(.invalid(units: [input.unit.code], reasons: [LocalizedText(zh: "一致性核对需要数值", en: "a consistency check needs numbers")], evidence: figures.flatMap(\.evidence)), rows: [])
            }
            if let check = checkPair(n, d, unit: input.unit.code, numerator: numerator, denominator: denominator, evidence: figures.flatMap(\.evidence)) { return check }
            return .consistency(reported: rate, numerator: n, denominator: d, rounding: rounding, evidence: figures.flatMap(\.evidence))
        }
    }

    // MARK: - Metric figures

    private func notSubmitted(_ unit: ReportingUnit) -> Figure {
        .missing(units: [unit.code], reasons: [LocalizedText(zh: "\(unit.name.zh)未提交数据", en: "\(unit.name.en) has not submitted")])
    }

    private func unitFigure(_ metric: String, _ input: Input) -> Figure {
        // Read in place: binding the submission to a name copied it (a reference per field).
        guard input.submission != nil else { return notSubmitted(input.unit) }
        return Figure.read(metric, of: input.unit.code, in: input.submission?.metrics)
    }

    /// The metric's figure at the given scope: the unit's own value, or the city figure formed by
    /// the metric's declared aggregation over the units the rule applies to.
    func aggregate(_ metricID: String, scope: Rule.Scope, inputs: [Input]) -> Figure {
        guard scope == .city else { return inputs.first.map { unitFigure(metricID, $0) } ?? .missing(units: [], reasons: []) }
        let aggregation = ruleset.metric(metricID)?.aggregation ?? .none
        switch aggregation {
        case .none:
            return .missing(units: [], reasons: [LocalizedText(zh: "指标 \(metricID) 没有全市汇总方式", en: "\(metricID) has no city aggregation")])
        case .municipal:
            guard let municipal = inputs.first(where: { $0.unit.kind == .municipal }) ?? ruleset.units.first(where: { $0.kind == .municipal }).map({ ($0, nil) }) else {
                return .missing(units: [], reasons: [LocalizedText(zh: "没有市本级单位", en: "there is no municipal unit")])
            }
            return unitFigure(metricID, municipal)
        case .sum, .all, .any:
            let figures = inputs.indices.map { unitFigure(metricID, inputs[$0]) }
            if let problem = Figure.problem(in: figures) { return problem }
            let evidence = figures.flatMap(\.evidence)
            if aggregation == .sum {
                var total = Rational.zero
                for figure in figures {
                    guard case .number(let value, _) = figure else {
                        return .invalid(units: inputs.map(\.unit.code), reasons: [LocalizedText(zh: "\(metricID) 不是数值", en: "\(metricID) is not a number")], evidence: evidence)
                    }
                    do { total = try total.adding(value) } catch {
                        return .invalid(units: inputs.map(\.unit.code), reasons: [ArithmeticError.overflow.message], evidence: evidence)
                    }
                }
                return .number(total, evidence: evidence)
            }
            var flags: [Bool] = []
            for figure in figures {
                guard case .flag(let value, _) = figure else {
                    return .invalid(units: inputs.map(\.unit.code), reasons: [LocalizedText(zh: "\(metricID) 不是是/否值", en: "\(metricID) is not yes/no")], evidence: evidence)
                }
                flags.append(value)
            }
            let value = aggregation == .all ? !flags.contains(false) : flags.contains(true)
            return .flag(value, evidence: evidence)
        }
    }

    private func problemOrNotApplicable(_ figure: Figure) -> Measured {
        if case .missing(let units, let reasons) = figure, units.isEmpty {
            return .notApplicable(reasons.first ?? LocalizedText(zh: "没有可核查的数据", en: "nothing to measure"))
        }
        return .problem(figure, rows: [])
    }

    // MARK: - Ratios

    /// Σ numerators / Σ denominators, after checking every unit's own pair: a unit whose part
    /// exceeds its whole makes the aggregate invalid even when the sums would look fine.
    private func ratio(_ numerator: String, _ denominator: String, inputs: [Input]) -> Measured {
        if let plain = plainRatio(numerator, denominator, inputs: inputs) { return plain }
        var figures: [Figure] = []
        figures.reserveCapacity(2 * inputs.count)
        // By index: `for input in inputs` copied every unit and submission it passed.
        for index in inputs.indices {
            figures.append(unitFigure(numerator, inputs[index]))
            figures.append(unitFigure(denominator, inputs[index]))
        }
        if let problem = Figure.problem(in: figures) { return .problem(problem, rows: []) }
        var n = Rational.zero
        var d = Rational.zero
        var invalid: [Measured] = []
        for index in inputs.indices {
            let unit = inputs[index].unit.code
            guard case .number(let part, _) = figures[2 * index], case .number(let whole, _) = figures[2 * index + 1] else {
                return .problem(.invalid(units: [unit], reasons: [LocalizedText(zh: "比率的分子分母应为数值", en: "a ratio needs numbers")], evidence: figures.flatMap(\.evidence)), rows: [])
            }
            if let problem = checkPair(part, whole, unit: unit, numerator: numerator, denominator: denominator, evidence: figures[2 * index].evidence + figures[2 * index + 1].evidence) {
                invalid.append(problem)
                continue
            }
            do {
                n = try n.adding(part)
                d = try d.adding(whole)
            } catch {
                return overflow(inputs, evidence: figures.flatMap(\.evidence))
            }
        }
        if !invalid.isEmpty {
            let problems: [Figure] = invalid.compactMap { if case .problem(let figure, _) = $0 { figure } else { nil } }
            return .problem(Figure.problem(in: problems)!, rows: [])
        }
        return .ratio(numerator: n, denominator: d, evidence: figures.flatMap(\.evidence), rows: [])
    }

    /// The usual case, read straight from the submissions without a figure (and an array of
    /// evidence) per value: every unit reported both numbers, they make a sound pair, and the
    /// sums fit. The result is what the general way gives; anything else (nil) goes that way,
    /// which says what is wrong. A city ratio reads 6,000 values in a national run.
    private func plainRatio(_ numerator: String, _ denominator: String, inputs: [Input]) -> Measured? {
        var evidence: [Outcome.Evidence] = []
        evidence.reserveCapacity(2 * inputs.count)
        var n = Rational.zero
        var d = Rational.zero
        for index in inputs.indices {
            guard let part = inputs[index].submission?.metrics[numerator], let whole = inputs[index].submission?.metrics[denominator],
                  case .number(let partNumber) = part.content, case .number(let wholeNumber) = whole.content,
                  Self.isSoundPair(partNumber, wholeNumber),
                  let sumN = try? n.adding(partNumber), let sumD = try? d.adding(wholeNumber)
            else { return nil }
            let unit = inputs[index].unit.code
            evidence.append(Outcome.Evidence(location: part.location, unit: unit, metric: numerator))
            evidence.append(Outcome.Evidence(location: whole.location, unit: unit, metric: denominator))
            n = sumN
            d = sumD
        }
        return .ratio(numerator: n, denominator: d, evidence: evidence, rows: [])
    }

    /// Neither negative, the part no larger than its whole, and no part of a zero whole.
    private static func isSoundPair(_ part: Rational, _ whole: Rational) -> Bool {
        !(part < .zero || whole < .zero) && !(whole == .zero && part > .zero) && !(part > whole)
    }

    /// A part larger than its whole, a negative figure, or a non-zero part of a zero whole.
    private func checkPair(_ part: Rational, _ whole: Rational, unit: String, numerator: String, denominator: String, evidence: [Outcome.Evidence]) -> Measured? {
        guard !Self.isSoundPair(part, whole) else { return nil }
        let reason: LocalizedText
        if part < .zero || whole < .zero {
            reason = LocalizedText(zh: "\(numerator) 或 \(denominator) 为负数", en: "\(numerator) or \(denominator) is negative")
        } else if whole == .zero && part > .zero {
            reason = LocalizedText(zh: "\(numerator) 为 \(part)，而总数 \(denominator) 为 0", en: "\(numerator) is \(part) of a zero \(denominator)")
        } else {
            // Unsound and neither of the above: the part exceeds its whole.
            reason = LocalizedText(zh: "\(numerator)（\(part)）大于总数 \(denominator)（\(whole)）", en: "\(numerator) (\(part)) exceeds its whole \(denominator) (\(whole))")
        }
        return .problem(.invalid(units: [unit], reasons: [reason], evidence: evidence), rows: [])
    }

    private func overflow(_ inputs: [Input], evidence: [Outcome.Evidence]) -> Measured {
        .problem(.invalid(units: inputs.map(\.unit.code), reasons: [ArithmeticError.overflow.message], evidence: evidence), rows: [])
    }

    // MARK: - School rows

    /// A city figure over school rows from each unit's part: Σ meeting / Σ matching for coverage,
    /// Σ for counts and sums. A unit with no part (no submission) is missing.
    func combineRowContributions(_ parts: [(unit: ReportingUnit, part: Measured?)]) -> Measured {
        var problems: [Figure] = []
        var problemRows: [Outcome.RowFinding] = []
        var failingRows: [Outcome.RowFinding] = []
        var numerator = Rational.zero
        var denominator = Rational.zero
        var total = Rational.zero
        var isRatio = false
        do {
            for (unit, part) in parts {
                switch part {
                case nil:
                    problems.append(notSubmitted(unit))
                case .problem(let figure, let rows)?:
                    problems.append(figure)
                    problemRows += rows
                case .ratio(let n, let d, _, let rows)?:
                    isRatio = true
                    numerator = try numerator.adding(n)
                    denominator = try denominator.adding(d)
                    failingRows += rows
                case .number(let value, _)?:
                    total = try total.adding(value)
                case .flag?, .consistency?, .notApplicable?:
                    break
                }
            }
        } catch {
            return overflow(parts.map(\.unit).map { ($0, nil) }, evidence: [])
        }
        if let problem = Figure.problem(in: problems) {
            if case .missing = problem { return .problem(problem, rows: []) }
            return .problem(problem, rows: problemRows)
        }
        return isRatio
            ? .ratio(numerator: numerator, denominator: denominator, evidence: [], rows: failingRows)
            : .number(total, evidence: [])
    }

    /// The rows of one unit's table that a filter matched.
    private struct MatchingRows {
        var unit: String
        var table: SchoolTable
        var rows: [Int]
    }

    private func schoolRows(_ inputs: [Input], filter: RowFilter, _ body: ([MatchingRows]) -> Measured) -> Measured {
        var missing: [Figure] = []
        var matching: [MatchingRows] = []
        var problems: [Outcome.RowFinding] = []
        for input in inputs {
            guard let submission = input.submission else {
                missing.append(notSubmitted(input.unit))
                continue
            }
            guard let table = submission.schools else {
                missing.append(.missing(units: [input.unit.code], reasons: [LocalizedText(zh: "\(input.unit.name.zh)没有提供学校名单", en: "\(input.unit.name.en) has no school rows")]))
                continue
            }
            let unit = input.unit.code
            let lookup = RowLookup(filter, table)
            var rows: [Int] = []
            rows.reserveCapacity(table.count)
            table.withCells { cells in
                for row in table.indices {
                    switch evaluateRow(lookup, row, unit: unit, cells: cells) {
                    case .success(.flag(true)): rows.append(row)
                    case .success(.flag(false)): break
                    case .success: problems.append(finding(table, row, unit: unit, fields: filter.identifiers, problem: LocalizedText(zh: "筛选条件 “\(filter.text)” 的结果不是是/否", en: "the filter '\(filter.text)' is not a yes/no condition")))
                    case .failure(let problem): problems.append(problem)
                    }
                }
            }
            matching.append(MatchingRows(unit: unit, table: table, rows: rows))
        }
        if let problem = Figure.problem(in: missing) { return .problem(problem, rows: []) }
        if !problems.isEmpty { return .problem(rowProblem(problems), rows: problems) }
        return body(matching)
    }

    private func rowProblem(_ problems: [Outcome.RowFinding]) -> Figure {
        let units = problems.map(\.unit).uniqueSorted
        let reasons = problems.prefix(20).map { finding in
            LocalizedText(
                zh: "学校 \(finding.code) \(finding.name)（\(finding.location)）：\(finding.problem?.zh ?? "")",
                en: "school \(finding.code) \(finding.name) (\(finding.location)): \(finding.problem?.en ?? "")")
        }
        let more = problems.count > 20 ? [LocalizedText(zh: "另有 \(problems.count - 20) 所学校的数据有误", en: "\(problems.count - 20) more schools have bad values")] : []
        return .invalid(units: units, reasons: reasons + more, evidence: problems.map { Outcome.Evidence(location: $0.location, unit: $0.unit, metric: nil) })
    }

    /// A filter or predicate compiled against a table, once per table.
    private struct RowLookup {
        let filter: RowFilter
        let table: SchoolTable
        let program: RowProgram
        /// The columns whose cells are checked for bad values before the filter runs.
        let columns: [Int]

        init(_ filter: RowFilter, _ table: SchoolTable) {
            self.filter = filter
            self.table = table
            program = RowProgram(filter.expression, table: table)
            columns = filter.identifiers.compactMap { table.field($0) }
        }
    }

    // Inlined into the row loops, as it was before cells were stored as plain bits (called, it
    // returned its result through memory: 1.5% of a national run).
    @inline(__always)
    private func evaluateRow(_ lookup: RowLookup, _ row: Int, unit: String, cells: UnsafeBufferPointer<StoredCell>) -> Swift.Result<ExpressionValue, Outcome.RowFinding> {
        let start = row * lookup.table.width
        for column in lookup.columns where cells[start + column].kind == .invalid {
            return .failure(finding(lookup.table, row, unit: unit, fields: lookup.filter.identifiers, problem: lookup.table.reason(of: cells[start + column])))
        }
        do {
            return .success(try lookup.program.evaluate(row: row, start: start, cells: cells))
        } catch {
            let message = error.missingIdentifier.map { LocalizedText(zh: "缺少字段 \($0)", en: "no \($0)") } ?? error.message
            return .failure(finding(lookup.table, row, unit: unit, fields: lookup.filter.identifiers, problem: message))
        }
    }

    private func finding(_ table: SchoolTable, _ row: Int, unit: String, fields: [String], problem: LocalizedText? = nil) -> Outcome.RowFinding {
        let values = fields.filter { !["code", "name"].contains($0) }.map { field -> Outcome.RowFinding.Field in
            let display: String
            switch table.field(field).flatMap({ table.cell(row: row, field: $0).content }) {
            case .number(let value): display = Verdict.displayNumber(value)
            case .flag(let value): display = value ? "true" : "false"
            case .text(let value): display = value
            case .invalid: display = "?"
            case nil: display = "—"
            }
            return Outcome.RowFinding.Field(name: field, display: display)
        }
        return Outcome.RowFinding(unit: unit, code: table.code(row: row), name: table.name(row: row), values: values, location: table.location(row: row), problem: problem)
    }
}

extension Swift.Result where Failure == Outcome.RowFinding {}
extension Outcome.RowFinding: Error {}
