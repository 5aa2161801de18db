/// Loads and validates a ruleset. Every problem becomes a diagnostic; a ruleset with errors is
/// still returned where possible, so one bad rule does not hide the others' verdicts.
public enum RulesetLoader {
    public struct Result: Sendable {
        /// nil only when the ruleset's own identity (`ruleset.yaml`, `units.yaml`) is unusable.
        public var ruleset: Ruleset?
        public var diagnostics: [Diagnostic]
    }

    public static func load(_ files: RulesetFiles) -> Result {
        var diagnostics: [Diagnostic] = []

        func document(_ relative: String, required: Bool = true) -> (YAMLNode, DocumentReader)? {
            let path = files.displayPath(relative)
            guard let bytes = files.files[relative] else {
                if required {
                    diagnostics.append(.error("missing-file", zh: "规则集缺少文件 \(relative)", en: "the ruleset has no \(relative)", at: SourceLocation(path: path, line: 1, column: 1)))
                }
                return nil
            }
            let read = YAMLReader.read(bytes, path: path)
            diagnostics.append(contentsOf: read.diagnostics)
            guard let root = read.root else {
                if read.diagnostics.isEmpty {
                    diagnostics.append(.error("empty-file", zh: "\(relative) 是空文件", en: "\(relative) is empty", at: SourceLocation(path: path, line: 1, column: 1)))
                }
                return nil
            }
            return (root, DocumentReader(path: path))
        }

        // ruleset.yaml
        guard let (rulesetRoot, rulesetReaderStart) = document("ruleset.yaml") else {
            return Result(ruleset: nil, diagnostics: diagnostics)
        }
        var header = rulesetReaderStart
        let identity = readIdentity(rulesetRoot, &header, files: files)
        diagnostics.append(contentsOf: header.diagnostics)

        // units.yaml
        var units: [ReportingUnit] = []
        var city = ReportingUnit(code: "440100", name: LocalizedText(zh: "全市", en: "City"), kind: .municipal, slug: "city")
        if let (root, start) = document("units.yaml") {
            var reader = start
            (units, city) = readUnits(root, &reader, defaultCity: city)
            diagnostics.append(contentsOf: reader.diagnostics)
        }

        // metrics.yaml
        var metrics: [Metric] = []
        var domains: [(id: String, name: LocalizedText)] = []
        if let (root, start) = document("metrics.yaml") {
            var reader = start
            (metrics, domains) = readMetrics(root, &reader)
            diagnostics.append(contentsOf: reader.diagnostics)
        }

        // rules/*.yaml
        var rules: [Rule] = []
        let ruleFiles = files.files.keys.filter { $0.hasPrefix("rules/") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }.sorted()
        if ruleFiles.isEmpty {
            diagnostics.append(.error("missing-file", zh: "规则集没有规则文件（rules/*.yaml）", en: "the ruleset has no rule files (rules/*.yaml)", at: SourceLocation(path: files.displayPath("rules"), line: 1, column: 1)))
        }
        let metricIDs = Set(metrics.map(\.id))
        let unitCodes = UnitCodes(units.map(\.code))
        var firstRule: [String: SourceLocation] = [:]
        let context = RuleReader.Context(metrics: Dictionary(metrics.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }), metricIDs: metricIDs, unitCodes: unitCodes)
        for relative in ruleFiles {
            guard let (root, start) = document(relative) else { continue }
            var reader = start
            for rule in RuleReader.readRules(root, &reader, context: context) {
                if let first = firstRule[rule.id] {
                    reader.report(Diagnostic(
                        .error, code: "duplicate-rule-id",
                        LocalizedText(zh: "规则编号 “\(rule.id)” 重复", en: "duplicate rule id '\(rule.id)'"),
                        at: rule.location,
                        notes: [.init(LocalizedText(zh: "首次定义于此", en: "first defined here"), at: first)]))
                    continue
                }
                firstRule[rule.id] = rule.location
                rules.append(rule)
            }
            diagnostics.append(contentsOf: reader.diagnostics)
        }

        guard let identity else { return Result(ruleset: nil, diagnostics: diagnostics) }

        var documentText: String?
        if let textPath = identity.textPath {
            if let bytes = files.files[textPath] {
                documentText = String(decoding: bytes, as: UTF8.self)
            } else {
                diagnostics.append(.error("missing-file", zh: "找不到来源文件全文 \(textPath)", en: "the source document text \(textPath) is missing", at: identity.textLocation))
            }
        }

        var ruleset = Ruleset(
            id: identity.id, title: identity.title, period: identity.period,
            document: Ruleset.Document(number: identity.number, title: identity.documentTitle, issuer: identity.issuer, issued: identity.issued, text: documentText),
            city: city, units: units, domains: domains, metrics: metrics, rules: rules,
            origin: files.origin, sha256: files.sha256)

        if let (root, start) = document("waivers.yaml", required: false) {
            var reader = start
            ruleset.waivers = WaiverLoader.readWaivers(root, &reader, ruleset: ruleset)
            diagnostics.append(contentsOf: reader.diagnostics)
        }
        return Result(ruleset: ruleset, diagnostics: diagnostics)
    }

    // MARK: - ruleset.yaml

    private struct Identity {
        var id: String
        var title: LocalizedText
        var period: Int
        var number: String
        var documentTitle: LocalizedText
        var issuer: LocalizedText?
        var issued: CalendarDate?
        var textPath: String?
        var textLocation: SourceLocation?
    }

    private static func readIdentity(_ root: YAMLNode, _ reader: inout DocumentReader, files: RulesetFiles) -> Identity? {
        guard let entries = reader.mapping(root, "ruleset.yaml") else { return nil }
        reader.checkKeys(entries, allowed: ["id", "title", "period", "document"], in: "ruleset.yaml")
        let id = reader.required("id", in: entries, at: root.mark, "ruleset.yaml").flatMap { reader.text($0, "id") }
        let title = reader.required("title", in: entries, at: root.mark, "ruleset.yaml").flatMap { reader.localized($0, "title") }
        let period = reader.required("period", in: entries, at: root.mark, "ruleset.yaml").flatMap { reader.integer($0, "period") }
        var number = ""
        var documentTitle = LocalizedText(zh: "", en: "")
        var issuer: LocalizedText?
        var issued: CalendarDate?
        var textPath: String?
        var textLocation: SourceLocation?
        if let documentNode = reader.required("document", in: entries, at: root.mark, "ruleset.yaml"),
           let document = reader.mapping(documentNode, "document") {
            reader.checkKeys(document, allowed: ["number", "title", "issuer", "issued", "text"], in: "document")
            number = reader.required("number", in: document, at: documentNode.mark, "document").flatMap { reader.text($0, "document.number") } ?? ""
            documentTitle = reader.required("title", in: document, at: documentNode.mark, "document").flatMap { reader.localized($0, "document.title") } ?? documentTitle
            issuer = documentNode["issuer"].flatMap { reader.localized($0, "document.issuer") }
            issued = documentNode["issued"].flatMap { reader.date($0, "document.issued") }
            if let textNode = documentNode["text"] {
                textPath = reader.text(textNode, "document.text")
                textLocation = reader.location(textNode.mark)
            }
        }
        guard let id, let title, let period else { return nil }
        return Identity(id: id, title: title, period: period, number: number, documentTitle: documentTitle, issuer: issuer, issued: issued, textPath: textPath, textLocation: textLocation)
    }

    // MARK: - units.yaml

    private static func readUnits(_ root: YAMLNode, _ reader: inout DocumentReader, defaultCity: ReportingUnit) -> ([ReportingUnit], ReportingUnit) {
        guard let entries = reader.mapping(root, "units.yaml") else { return ([], defaultCity) }
        reader.checkKeys(entries, allowed: ["city", "units"], in: "units.yaml")
        var city = defaultCity
        if let cityNode = root["city"], let cityEntries = reader.mapping(cityNode, "city") {
            reader.checkKeys(cityEntries, allowed: ["code", "name"], in: "city")
            if let code = reader.required("code", in: cityEntries, at: cityNode.mark, "city").flatMap({ reader.text($0, "city.code") }),
               let name = reader.required("name", in: cityEntries, at: cityNode.mark, "city").flatMap({ reader.localized($0, "city.name") }) {
                city = ReportingUnit(code: code, name: name, kind: .municipal, slug: "city")
            }
        }
        guard let list = reader.required("units", in: entries, at: root.mark, "units.yaml").flatMap({ reader.sequence($0, "units") }) else {
            return ([], city)
        }
        var units: [ReportingUnit] = []
        var seen: [String: SourceMark] = [:]
        for node in list {
            guard let fields = reader.mapping(node, "unit") else { continue }
            reader.checkKeys(fields, allowed: ["code", "name", "kind", "slug"], in: "unit")
            guard let codeNode = reader.required("code", in: fields, at: node.mark, "unit"),
                  let code = reader.text(codeNode, "code"),
                  let name = reader.required("name", in: fields, at: node.mark, "unit").flatMap({ reader.localized($0, "name") }),
                  let kindText = reader.required("kind", in: fields, at: node.mark, "unit").flatMap({ reader.text($0, "kind") })
            else { continue }
            guard code.count == 6, code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                reader.error("bad-unit-code", zh: "单位代码应为 6 位数字，实际为 “\(code)”", en: "a unit code is six digits, found '\(code)'", at: codeNode.mark)
                continue
            }
            guard let kind = ReportingUnit.Kind(rawValue: kindText) else {
                reader.error("bad-value", zh: "kind 应为 district 或 municipal，实际为 “\(kindText)”", en: "kind must be district or municipal, found '\(kindText)'", at: node["kind"]!.mark)
                continue
            }
            if let first = seen[code] {
                reader.report(Diagnostic(.error, code: "duplicate-unit", LocalizedText(zh: "单位代码 \(code) 重复", en: "duplicate unit code \(code)"), at: reader.location(codeNode.mark), notes: [.init(LocalizedText(zh: "首次出现于此", en: "first listed here"), at: reader.location(first))]))
                continue
            }
            seen[code] = codeNode.mark
            let slug = node["slug"].flatMap { reader.text($0, "slug") } ?? code
            units.append(ReportingUnit(code: code, name: name, kind: kind, slug: slug))
        }
        return (units, city)
    }

    // MARK: - metrics.yaml

    private static func readMetrics(_ root: YAMLNode, _ reader: inout DocumentReader) -> ([Metric], [(id: String, name: LocalizedText)]) {
        guard let entries = reader.mapping(root, "metrics.yaml") else { return ([], []) }
        reader.checkKeys(entries, allowed: ["domains", "metrics"], in: "metrics.yaml")
        var domains: [(id: String, name: LocalizedText)] = []
        if let domainNode = root["domains"], let domainEntries = reader.mapping(domainNode, "domains") {
            for entry in domainEntries {
                if let name = reader.localized(entry.value, "domains.\(entry.key)") {
                    domains.append((entry.key, name))
                }
            }
        }
        guard let list = reader.required("metrics", in: entries, at: root.mark, "metrics.yaml").flatMap({ reader.sequence($0, "metrics") }) else {
            return ([], domains)
        }
        var metrics: [Metric] = []
        var seen: [String: SourceMark] = [:]
        var atMostNodes: [(metric: String, target: String, mark: SourceMark)] = []
        for node in list {
            guard let fields = reader.mapping(node, "metric") else { continue }
            reader.checkKeys(fields, allowed: ["id", "name", "type", "unit", "aggregate", "min", "at_most", "description"], in: "metric")
            guard let idNode = reader.required("id", in: fields, at: node.mark, "metric"),
                  let id = reader.text(idNode, "id"),
                  let name = reader.required("name", in: fields, at: node.mark, "metric \(id)").flatMap({ reader.localized($0, "name") }),
                  let typeNode = reader.required("type", in: fields, at: node.mark, "metric \(id)"),
                  let typeText = reader.text(typeNode, "type")
            else { continue }
            guard MetricID.isValid(id) else {
                reader.error("bad-metric-id", zh: "指标编号应为 domain.name 形式的小写下划线名称，实际为 “\(id)”", en: "a metric id is domain.name in lower snake case, found '\(id)'", at: idNode.mark)
                continue
            }
            guard let kind = Metric.Kind(rawValue: typeText) else {
                let allowed = Metric.Kind.allCases.map(\.rawValue)
                let tail = Suggestion.tail(for: typeText, in: allowed)
                reader.error("bad-value", zh: "未知的指标类型 “\(typeText)”\(tail.zh)；可用：\(allowed.joined(separator: ", "))", en: "unknown metric type '\(typeText)'\(tail.en); allowed: \(allowed.joined(separator: ", "))", at: typeNode.mark)
                continue
            }
            var aggregation = Metric.Aggregation.none
            if let aggregateNode = node["aggregate"], let text = reader.text(aggregateNode, "aggregate") {
                if let value = Metric.Aggregation(rawValue: text) {
                    aggregation = value
                } else {
                    let allowed = Metric.Aggregation.allCases.map(\.rawValue)
                    reader.error("bad-value", zh: "未知的汇总方式 “\(text)”；可用：\(allowed.joined(separator: ", "))", en: "unknown aggregation '\(text)'; allowed: \(allowed.joined(separator: ", "))", at: aggregateNode.mark)
                }
            }
            if (aggregation == .all || aggregation == .any) && kind != .flag {
                reader.error("bad-value", zh: "汇总方式 \(aggregation.rawValue) 只适用于 flag 指标", en: "aggregation \(aggregation.rawValue) applies to flag metrics only", at: node["aggregate"]!.mark)
            }
            if aggregation == .sum && !(kind == .count || kind == .amount) {
                reader.error("bad-value", zh: "汇总方式 sum 只适用于 count 或 amount 指标", en: "aggregation sum applies to count and amount metrics only", at: node["aggregate"]!.mark)
            }
            var minimum: Rational?
            if let minNode = node["min"], let text = reader.text(minNode, "min") {
                if let parsed = NumberSyntax.parse(text) { minimum = parsed.value } else {
                    reader.error("wrong-type", zh: "min 应为数字，实际为 “\(text)”", en: "min must be a number, found '\(text)'", at: minNode.mark)
                }
            }
            var atMost: String?
            if let atMostNode = node["at_most"], let target = reader.text(atMostNode, "at_most") {
                atMost = target
                atMostNodes.append((id, target, atMostNode.mark))
            }
            if let first = seen[id] {
                reader.report(Diagnostic(.error, code: "duplicate-metric", LocalizedText(zh: "指标编号 “\(id)” 重复", en: "duplicate metric id '\(id)'"), at: reader.location(idNode.mark), notes: [.init(LocalizedText(zh: "首次定义于此", en: "first defined here"), at: reader.location(first))]))
                continue
            }
            seen[id] = idNode.mark
            let unit = node["unit"].flatMap { reader.localized($0, "unit") }
            metrics.append(Metric(id: id, name: name, kind: kind, unit: unit, aggregation: aggregation, minimum: minimum, atMost: atMost, location: reader.location(idNode.mark)))
        }
        let byID = Dictionary(metrics.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for link in atMostNodes {
            guard let whole = byID[link.target] else {
                let tail = Suggestion.tail(for: link.target, in: byID.keys)
                reader.error("unknown-metric", zh: "at_most 引用了未知指标 “\(link.target)”\(tail.zh)", en: "at_most names an unknown metric '\(link.target)'\(tail.en)", at: link.mark)
                continue
            }
            if let part = byID[link.metric], !(part.isNumeric && whole.isNumeric) {
                reader.error("wrong-type", zh: "at_most 只能用于数值指标", en: "at_most applies to numeric metrics only", at: link.mark)
            }
        }
        return (metrics, domains)
    }
}

/// The shape of a metric id: `domain.name`, lower snake case.
public enum MetricID {
    public static func isValid(_ id: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { part in
            guard let first = part.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
            return part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        }
    }
}
