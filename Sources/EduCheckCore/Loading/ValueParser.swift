/// Turns the text of a reported value into a typed value for a metric, by the one strict grammar
/// (`NumberSyntax`) after undoing what spreadsheets do to numbers. Each undoing is noted, so a
/// clerk sees that "１,５２０" was read as 1520.
public enum ValueParser {
    public struct Parsed: Sendable {
        public var content: ReportedValue.Content
        /// Errors (the value is `invalid`) and notes about normalisations.
        public var diagnostics: [(code: String, severity: Diagnostic.Severity, message: LocalizedText)]
    }

    /// Reads `text` as a value of `kind`. `isQuoted` tells a YAML `"true"` from `true`; both are
    /// accepted for flags, but only plain `true`/`false` go unremarked.
    public static func parse(_ text: String, kind: Metric.Kind, what: String) -> Parsed {
        var notes: [(code: String, severity: Diagnostic.Severity, message: LocalizedText)] = []
        func invalid(_ code: String, _ zh: String, _ en: String) -> Parsed {
            let message = LocalizedText(zh: zh, en: en)
            return Parsed(content: .invalid(message), diagnostics: notes + [(code, .error, message)])
        }
        switch kind {
        case .text:
            return Parsed(content: .text(text), diagnostics: [])
        case .flag:
            switch text {
            case "true", "True", "TRUE": return Parsed(content: .flag(true), diagnostics: [])
            case "false", "False", "FALSE": return Parsed(content: .flag(false), diagnostics: [])
            case "是", "否":
                notes.append(("normalized-flag", .info, LocalizedText(
                    zh: "\(what) 的 “\(text)” 按 \(text == "是" ? "true" : "false") 读取",
                    en: "\(what): '\(text)' read as \(text == "是" ? "true" : "false")")))
                return Parsed(content: .flag(text == "是"), diagnostics: notes)
            case "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N":
                return invalid(
                    "ambiguous-flag",
                    "\(what) 的 “\(text)” 含义不明确（YAML 1.1 会把它当作是/否）；请写 true 或 false",
                    "\(what): '\(text)' is ambiguous (YAML 1.1 reads it as a boolean); write true or false")
            default:
                return invalid("wrong-type", "\(what) 应为 true 或 false，实际为 “\(text)”", "\(what) must be true or false, found '\(text)'")
            }
        case .count, .amount, .rate:
            // Most cells are plain digits: read them without the normalising passes below.
            if kind != .rate, let number = NumberSyntax.plainInteger(text) {
                return Parsed(content: .number(Rational(number)), diagnostics: [])
            }
            var normalized = text.trimmingSpaces
            let widened = normalized.narrowingFullWidth
            if widened != normalized {
                notes.append(("normalized-full-width", .info, LocalizedText(
                    zh: "\(what) 中的全角字符 “\(normalized)” 按 “\(widened)” 读取",
                    en: "\(what): full-width '\(normalized)' read as '\(widened)'")))
                normalized = widened
            }
            if normalized.utf8.contains(UInt8(ascii: ",")), let plain = normalized.removingThousandsSeparators {
                notes.append(("normalized-thousands", .info, LocalizedText(
                    zh: "\(what) 中的千位分隔符已去除：“\(normalized)” 按 \(plain) 读取",
                    en: "\(what): thousands separators removed, '\(normalized)' read as \(plain)")))
                normalized = plain
            }
            guard let number = NumberSyntax.parse(normalized) else {
                if normalized.utf8.contains(UInt8(ascii: "e")) || normalized.utf8.contains(UInt8(ascii: "E")) {
                    return invalid("wrong-type",
                        "\(what) 的 “\(text)” 是科学计数法（常见于 Excel 改写的长数字），请填写完整数字",
                        "\(what): '\(text)' is scientific notation (often a number Excel rewrote); write the full number")
                }
                return invalid("wrong-type", "\(what) 应为数字，实际为 “\(text)”", "\(what) must be a number, found '\(text)'")
            }
            switch kind {
            case .count:
                if number.isPercent {
                    return invalid("wrong-type", "\(what) 应为人数/个数等计数，不能带百分号：“\(text)”", "\(what) is a count and cannot carry a percent sign: '\(text)'")
                }
                if !number.value.isInteger {
                    return invalid("wrong-type", "\(what) 应为整数，实际为 “\(text)”", "\(what) must be a whole number, found '\(text)'")
                }
                if number.value < .zero {
                    return invalid("negative-count", "\(what) 不能为负数：\(text)", "\(what) cannot be negative: \(text)")
                }
            case .rate:
                if !number.isPercent {
                    return invalid("wrong-type", "\(what) 是比率，应带百分号（如 “78.95%”），实际为 “\(text)”", "\(what) is a rate and must be written with a percent sign (like \"78.95%\"), found '\(text)'")
                }
            default:
                if number.isPercent {
                    return invalid("wrong-type", "\(what) 不是比率，不能带百分号：“\(text)”", "\(what) is not a rate and cannot carry a percent sign: '\(text)'")
                }
            }
            return Parsed(content: .number(number.value), diagnostics: notes)
        }
    }
}

extension String {
    var trimmingSpaces: String {
        // Most texts have nothing to trim: look at the two end bytes in place, without walking
        // the view (its `last` steps back through the UTF-8, which showed in profiles of CSV
        // reading).
        var text = self
        let padded = text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last else { return false }
            return first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
        }
        guard padded else { return self }
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }

    /// Full-width digits, signs and the full-width percent and comma (what Chinese input methods
    /// type) as their ASCII forms — the part of NFKC that matters for numbers.
    var narrowingFullWidth: String {
        // Full-width forms are EF BC 81 – EF BD 9E in UTF-8; text without an EF byte has none.
        guard utf8.contains(0xEF), unicodeScalars.contains(where: { $0.value >= 0xFF01 && $0.value <= 0xFF5E }) else { return self }
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar.value >= 0xFF01, scalar.value <= 0xFF5E, let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                result.append(ascii)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// `1,520` or `-12,345.5` without its separators; nil unless the groups are well formed, so
    /// that `1,52` (a decimal comma?) is not silently read as 152.
    var removingThousandsSeparators: String? {
        // A percent sign is kept aside, so "1,000%" groups like "1,000.5%" does.
        if hasSuffix("%") { return String(dropLast()).removingThousandsSeparators.map { $0 + "%" } }
        let bytes = Array(utf8)
        var i = bytes.first == UInt8(ascii: "-") ? 1 : 0
        var out: [UInt8] = Array(bytes[..<i])
        var group = 0
        var groups = 0
        while i < bytes.count, bytes[i] != UInt8(ascii: ".") {
            let byte = bytes[i]
            if byte == UInt8(ascii: ",") {
                // The first group has one to three digits, every later one exactly three.
                guard groups == 0 ? (1...3).contains(group) : group == 3 else { return nil }
                groups += 1
                group = 0
            } else {
                guard byte &- 0x30 < 10 else { return nil }
                out.append(byte)
                group += 1
            }
            i += 1
        }
        guard groups > 0, group == 3 else { return nil }
        out.append(contentsOf: bytes[i...])
        return String(decoding: out, as: UTF8.self)
    }
}
