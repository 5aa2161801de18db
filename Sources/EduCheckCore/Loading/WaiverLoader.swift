/// Reads a waiver file (a list of granted exceptions) and checks that each names a real rule and unit.
public enum WaiverLoader {
    public static func load(_ bytes: [UInt8], path: String, ruleset: Ruleset) -> (waivers: [Waiver], diagnostics: [Diagnostic]) {
        let read = YAMLReader.read(bytes, path: path)
        var reader = DocumentReader(path: path)
        reader.append(contentsOf: read.diagnostics)
        guard let root = read.root else { return ([], reader.diagnostics) }
        let waivers = readWaivers(root, &reader, ruleset: ruleset)
        return (waivers, reader.diagnostics)
    }

    static let keys = ["rule", "unit", "reason", "approved_by", "document", "expires"]

    static func readWaivers(_ root: YAMLNode, _ reader: inout DocumentReader, ruleset: Ruleset) -> [Waiver] {
        guard let list = reader.sequence(root, "waivers") else { return [] }
        var waivers: [Waiver] = []
        var seen: [String: SourceMark] = [:]
        for node in list {
            guard let fields = reader.mapping(node, "waiver") else { continue }
            reader.checkKeys(fields, allowed: keys, in: "waiver")
            var values: [String: String] = [:]
            for key in keys where key != "expires" {
                if let value = reader.required(key, in: fields, at: node.mark, "waiver").flatMap({ reader.text($0, "waiver.\(key)") }) {
                    values[key] = value
                }
            }
            let expires = reader.required("expires", in: fields, at: node.mark, "waiver").flatMap { reader.date($0, "waiver.expires") }
            guard let rule = values["rule"], let unit = values["unit"], let reason = values["reason"],
                  let approvedBy = values["approved_by"], let document = values["document"], let expires
            else { continue }
            var known = true
            if ruleset.rule(rule) == nil {
                let tail = Suggestion.tail(for: rule, in: ruleset.rules.map(\.id))
                reader.error("waiver-unknown-rule", zh: "豁免引用了未知规则 “\(rule)”\(tail.zh)", en: "the waiver names an unknown rule '\(rule)'\(tail.en)", at: node["rule"]!.mark)
                known = false
            }
            if ruleset.unit(unit) == nil {
                let tail = Suggestion.tail(for: unit, in: ruleset.units.map(\.code))
                reader.error("waiver-unknown-unit", zh: "豁免引用了未知单位 “\(unit)”\(tail.zh)", en: "the waiver names an unknown unit '\(unit)'\(tail.en)", at: node["unit"]!.mark)
                known = false
            }
            let key = rule + "\u{0}" + unit
            if let first = seen[key] {
                reader.report(Diagnostic(.error, code: "duplicate-waiver", LocalizedText(zh: "同一规则和单位的豁免重复", en: "a second waiver for the same rule and unit"), at: reader.location(node.mark), notes: [.init(LocalizedText(zh: "首次出现于此", en: "first granted here"), at: reader.location(first))]))
                continue
            }
            seen[key] = node.mark
            guard known else { continue }
            waivers.append(Waiver(rule: rule, unit: unit, reason: reason, approvedBy: approvedBy, document: document, expires: expires, location: reader.location(node.mark)))
        }
        return waivers
    }
}
