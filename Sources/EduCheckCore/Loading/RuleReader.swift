/// Reads the rules of one rule file, checking every name a rule uses against the ruleset.
enum RuleReader {
    struct Context {
        var metrics: [String: Metric]
        var metricIDs: Set<String>
        var unitCodes: UnitCodes
    }

    static let keys = ["id", "title", "source", "scope", "applies_to", "measure", "target", "severity", "interpretation", "gap"]

    static func readRules(_ root: YAMLNode, _ reader: inout DocumentReader, context: Context) -> [Rule] {
        guard let list = reader.sequence(root, "rule file") else { return [] }
        return list.compactMap { readRule($0, &reader, context: context) }
    }

    private static func readRule(_ node: YAMLNode, _ reader: inout DocumentReader, context: Context) -> Rule? {
        guard let fields = reader.mapping(node, "rule") else { return nil }
        guard let idNode = reader.required("id", in: fields, at: node.mark, "rule"), let id = reader.text(idNode, "id") else { return nil }
        let what = "rule \(id)"
        reader.checkKeys(fields, allowed: keys, in: what)
        if !isKebabCase(id) {
            reader.error("bad-rule-id", zh: "规则编号应为小写连字符形式（如 fitness-good-rate），实际为 “\(id)”", en: "a rule id is lower-kebab-case (like fitness-good-rate), found '\(id)'", at: idNode.mark)
        }
        let title = reader.required("title", in: fields, at: node.mark, what).flatMap { reader.localized($0, "\(what).title") }

        var citation: Rule.Citation?
        if let sourceNode = reader.required("source", in: fields, at: node.mark, what), let source = reader.mapping(sourceNode, "\(what).source") {
            reader.checkKeys(source, allowed: ["section", "quote"], in: "\(what).source")
            if let section = reader.required("section", in: source, at: sourceNode.mark, "\(what).source").flatMap({ reader.text($0, "source.section") }),
               let quoteNode = reader.required("quote", in: source, at: sourceNode.mark, "\(what).source"),
               let quote = reader.text(quoteNode, "source.quote") {
                citation = Rule.Citation(section: section, quote: quote, quoteLocation: reader.location(quoteNode.mark))
            }
        }

        var scopes: [Rule.Scope] = []
        if let scopeNode = reader.required("scope", in: fields, at: node.mark, what) {
            let items = scopeNode.sequence ?? [scopeNode]
            for item in items {
                guard let text = reader.text(item, "\(what).scope") else { continue }
                if let scope = Rule.Scope(rawValue: text) {
                    if !scopes.contains(scope) { scopes.append(scope) }
                } else {
                    reader.error("bad-value", zh: "scope 应为 unit 或 city，实际为 “\(text)”", en: "scope must be unit or city, found '\(text)'", at: item.mark)
                }
            }
            scopes.sort()
            if items.isEmpty {
                reader.error("bad-value", zh: "scope 不能为空：写 unit、city 或两者", en: "scope cannot be empty: write unit, city or both", at: scopeNode.mark)
            }
        }

        var applicability = Rule.Applicability.all
        if let node = node["applies_to"] {
            if let items = node.sequence {
                if items.isEmpty {
                    reader.error("bad-value", zh: "applies_to 不能为空列表", en: "applies_to cannot be an empty list", at: node.mark)
                }
                var codes: [String] = []
                for item in items {
                    if let code = reader.unitCode(item, "\(what).applies_to", known: context.unitCodes) { codes.append(code) }
                }
                applicability = .units(UnitCodes(codes))
            } else if let text = reader.text(node, "\(what).applies_to") {
                switch text {
                case "districts": applicability = .districts
                case "municipal": applicability = .municipal
                case "all": applicability = .all
                default:
                    if let code = reader.unitCode(node, "\(what).applies_to", known: context.unitCodes) {
                        applicability = .units([code])
                    }
                }
            }
        }

        var severity = Rule.Severity.error
        if let severityNode = reader.required("severity", in: fields, at: node.mark, what), let text = reader.text(severityNode, "\(what).severity") {
            if let value = Rule.Severity(rawValue: text) { severity = value } else {
                reader.error("bad-value", zh: "severity 应为 error 或 warning，实际为 “\(text)”", en: "severity must be error or warning, found '\(text)'", at: severityNode.mark)
            }
        }

        let measure = reader.required("measure", in: fields, at: node.mark, what).flatMap { readMeasure($0, &reader, what: what, context: context) }

        var target: Target?
        if let targetNode = node["target"], let text = reader.text(targetNode, "\(what).target") {
            switch Target.parse(text) {
            case .success(let parsed): target = parsed
            case .failure(let error):
                // Point into the text: a quoted scalar starts one column after its quote mark.
                let quoted = targetNode.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
                let mark = SourceMark(line: targetNode.mark.line, column: targetNode.mark.column + error.offset + (quoted ? 1 : 0))
                reader.report(Diagnostic(.error, code: "bad-target", LocalizedText(zh: "无法识别的目标 “\(text)”：\(error.message.zh)", en: "cannot read target '\(text)': \(error.message.en)"), at: reader.location(mark)))
            }
        }
        if let measure {
            if case .consistency = measure {
                if let targetNode = node["target"] {
                    reader.error("unexpected-target", zh: "一致性核对规则不需要 target", en: "a consistency rule takes no target", at: targetNode.mark)
                }
            } else if target == nil, node["target"] == nil {
                reader.error("missing-key", zh: "\(what) 缺少必填的键 “target”", en: "\(what) is missing the required key 'target'", at: node.mark)
            }
        }

        let interpretation = node["interpretation"].flatMap { reader.localized($0, "\(what).interpretation") }
        let gapPhrase = node["gap"].flatMap { reader.localized($0, "\(what).gap") }

        guard let title, let citation, !scopes.isEmpty, let measure, target != nil || measure.isConsistency else { return nil }
        return Rule(
            id: id, title: title, source: citation, scopes: scopes, appliesTo: applicability, measure: measure,
            target: target, severity: severity, interpretation: interpretation, gapPhrase: gapPhrase,
            location: reader.location(idNode.mark))
    }

    static func isKebabCase(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first), !id.hasSuffix("-"), !id.contains("--") else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    // MARK: - Measures

    private static let measureKinds = ["value", "ratio", "change", "coverage", "count", "sum", "expression", "consistency"]

    private static func readMeasure(_ node: YAMLNode, _ reader: inout DocumentReader, what: String, context: Context) -> Measure? {
        guard let entries = reader.mapping(node, "\(what).measure") else { return nil }
        reader.checkKeys(entries, allowed: measureKinds, in: "\(what).measure")
        guard entries.count == 1, let entry = entries.first else {
            reader.error("bad-measure", zh: "measure 应恰好包含一种度量（\(measureKinds.joined(separator: ", "))）", en: "a measure has exactly one kind (\(measureKinds.joined(separator: ", ")))", at: node.mark)
            return nil
        }
        let body = entry.value
        func metric(_ node: YAMLNode, _ label: String, numeric: Bool = true) -> String? {
            guard let id = reader.text(node, label) else { return nil }
            guard let metric = context.metrics[id] else {
                let tail = Suggestion.tail(for: id, in: context.metricIDs)
                reader.error("unknown-metric", zh: "未知指标 “\(id)”\(tail.zh)", en: "unknown metric '\(id)'\(tail.en)", at: node.mark)
                return nil
            }
            if numeric && !metric.isNumeric {
                reader.error("wrong-type", zh: "\(label) 需要数值指标，“\(id)” 的类型是 \(metric.kind.rawValue)", en: "\(label) needs a numeric metric; '\(id)' is a \(metric.kind.rawValue)", at: node.mark)
                return nil
            }
            return id
        }
        /// The one required key of a single-key mapping such as `computed: {ratio: …}`.
        /// `allowed`: the mapping's keys, checked once (nil when an earlier call checked them).
        func field(_ key: String, in parent: YAMLNode, _ label: String, allowed: [String]?) -> YAMLNode? {
            guard let entries = reader.mapping(parent, label) else { return nil }
            if let allowed { reader.checkKeys(entries, allowed: allowed, in: label) }
            return reader.required(key, in: entries, at: parent.mark, label)
        }
        func rowExpression(_ node: YAMLNode, _ label: String) -> SourceExpression? {
            expression(node, label, allowed: nil)
        }
        /// `rows:` is optional and means every row when absent; a `rows:` that does not parse
        /// drops the measure rather than quietly counting every row.
        func rowsFilter(_ body: YAMLNode, _ label: String) -> SourceExpression? {
            guard let node = body["rows"] else { return .everyRow }
            return rowExpression(node, "\(label).rows")
        }
        func expression(_ node: YAMLNode, _ label: String, allowed: Set<String>?) -> SourceExpression? {
            guard let text = reader.text(node, label) else { return nil }
            let parsed: Expression
            do {
                parsed = try Expression.parse(text)
            } catch {
                let quoted = node.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
                let mark = SourceMark(line: node.mark.line, column: node.mark.column + error.offset + (quoted ? 1 : 0))
                reader.report(Diagnostic(.error, code: "bad-expression", LocalizedText(zh: "表达式有误：\(error.message.zh)", en: "bad expression: \(error.message.en)"), at: reader.location(mark)))
                return nil
            }
            if let allowed {
                for name in parsed.identifiers where !allowed.contains(name) {
                    let tail = Suggestion.tail(for: name, in: allowed)
                    reader.error("unknown-metric", zh: "表达式引用了未知指标 “\(name)”\(tail.zh)", en: "the expression names an unknown metric '\(name)'\(tail.en)", at: node.mark)
                    return nil
                }
            }
            return SourceExpression(text: text, expression: parsed)
        }
        let label = "\(what).measure.\(entry.key)"
        switch entry.key {
        case "value":
            return metric(body, label, numeric: false).map { .value(metric: $0) }
        case "change":
            return metric(body, label).map { .change(metric: $0) }
        case "ratio":
            guard let fields = reader.mapping(body, label) else { return nil }
            reader.checkKeys(fields, allowed: ["numerator", "denominator"], in: label)
            guard let n = reader.required("numerator", in: fields, at: body.mark, label).flatMap({ metric($0, "\(label).numerator") }),
                  let d = reader.required("denominator", in: fields, at: body.mark, label).flatMap({ metric($0, "\(label).denominator") })
            else { return nil }
            return .ratio(numerator: n, denominator: d)
        case "coverage":
            guard let fields = reader.mapping(body, label) else { return nil }
            reader.checkKeys(fields, allowed: ["rows", "meets"], in: label)
            guard let rows = rowsFilter(body, label) else { return nil }
            guard let meets = reader.required("meets", in: fields, at: body.mark, label).flatMap({ rowExpression($0, "\(label).meets") }) else { return nil }
            return .coverage(rows: rows, meets: meets)
        case "count":
            guard let fields = reader.mapping(body, label) else { return nil }
            reader.checkKeys(fields, allowed: ["rows"], in: label)
            guard let rows = rowsFilter(body, label) else { return nil }
            return .count(rows: rows)
        case "sum":
            guard let fields = reader.mapping(body, label) else { return nil }
            reader.checkKeys(fields, allowed: ["field", "rows"], in: label)
            guard let fieldName = reader.required("field", in: fields, at: body.mark, label).flatMap({ reader.text($0, "\(label).field") }) else { return nil }
            guard let rows = rowsFilter(body, label) else { return nil }
            return .sum(field: fieldName, rows: rows)
        case "expression":
            return expression(body, label, allowed: context.metricIDs).map { .expression($0) }
        case "consistency":
            guard let fields = reader.mapping(body, label) else { return nil }
            reader.checkKeys(fields, allowed: ["reported", "computed", "rounding"], in: label)
            guard let reported = reader.required("reported", in: fields, at: body.mark, label).flatMap({ metric($0, "\(label).reported") }),
                  let computedNode = reader.required("computed", in: fields, at: body.mark, label),
                  let ratioNode = field("ratio", in: computedNode, "\(label).computed", allowed: ["ratio"]),
                  let n = field("numerator", in: ratioNode, "\(label).computed.ratio", allowed: ["numerator", "denominator"]).flatMap({ metric($0, "\(label).computed.ratio.numerator") }),
                  let d = field("denominator", in: ratioNode, "\(label).computed.ratio", allowed: nil).flatMap({ metric($0, "\(label).computed.ratio.denominator") })
            else { return nil }
            var rounding = 2
            if let roundingNode = body["rounding"], let places = reader.integer(roundingNode, "\(label).rounding") {
                guard (0...6).contains(places) else {
                    reader.error("bad-value", zh: "rounding 应在 0 到 6 之间", en: "rounding must be between 0 and 6", at: roundingNode.mark)
                    return nil
                }
                rounding = places
            }
            return .consistency(reported: reported, numerator: n, denominator: d, rounding: rounding)
        default:
            return nil
        }
    }
}

extension Measure {
    var isConsistency: Bool {
        if case .consistency = self { return true }
        return false
    }
}
