/// Unit and school codes are text. A spreadsheet that takes them for numbers writes them back
/// changed: `440104` as `4.40104E+5` or `440104.0`, `0012345678` as `12345678`. Those spellings
/// are refused with a message that says what happened, never read as some other code.
enum CodeSyntax {
    static func isDigits(_ text: String) -> Bool {
        // Over the contiguous bytes: the UTF-8 view's iterator showed in profiles (every school
        // code is checked twice).
        var text = text
        return text.withUTF8(isDigits)
    }

    static func isDigits(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        !utf8.isEmpty && utf8.allSatisfy { $0 &- 0x30 < 10 }
    }

    /// What a spreadsheet did to `code`, if it looks like a number rather than a code:
    /// scientific notation, or digits with a decimal part.
    static func mangling(of code: String) -> LocalizedText? {
        // Plain digits, as nearly every code is: nothing was done to it (and no copy is made).
        if isDigits(code) { return nil }
        let bytes = Array(code.utf8)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            return i - start
        }
        guard digits() > 0 else { return nil }
        var fraction = false
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return nil }
            fraction = true
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "E") || bytes[i] == UInt8(ascii: "e") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0, i == bytes.count else { return nil }
            return LocalizedText(
                zh: "是科学计数法：表格软件把代码当成了数字；请把代码列设为文本后重新填写",
                en: "is in scientific notation: a spreadsheet took the code for a number; format the column as text and enter the code again")
        }
        guard fraction, i == bytes.count else { return nil }
        return LocalizedText(
            zh: "带有小数部分：表格软件把代码当成了数字；请把代码列设为文本",
            en: "has a decimal part: a spreadsheet took the code for a number; format the column as text")
    }

    /// A unit code from a CSV cell: one of `known`, or a located error that says why not.
    static func unitCode(_ field: CSVTable.Field, column: String, known: UnitCodes, _ reader: inout DocumentReader) -> String? {
        let code = field.text.trimmingSpaces
        let location = reader.location(field.mark)
        if known.contains(code) { return code }
        if code.isEmpty {
            reader.report(.error("missing-value", zh: "\(column) 列没有填写单位代码", en: "column '\(column)' has no unit code", at: location))
            return nil
        }
        if let mangling = mangling(of: code) {
            reader.report(.error("mangled-code", zh: "\(column) 列的单位代码 “\(code)” \(mangling.zh)", en: "column '\(column)': unit code '\(code)' \(mangling.en)", at: location))
            return nil
        }
        if isDigits(code), code.utf8.count < 6 {
            reader.report(.error(
                "mangled-code",
                zh: "\(column) 列的单位代码 “\(code)” 只有 \(code.utf8.count) 位，应为 6 位（如 440104）：代码可能被表格软件截断或去掉了开头的 0",
                en: "column '\(column)': unit code '\(code)' has \(code.utf8.count) digits, not 6 (like 440104): a spreadsheet may have cut it or dropped leading zeros",
                at: location))
            return nil
        }
        let tail = Suggestion.tail(for: code, in: known.list)
        reader.report(.error("unknown-unit", zh: "\(column) 列：未知的填报单位代码 “\(code)”\(tail.zh)", en: "column '\(column)': unknown unit code '\(code)'\(tail.en)", at: location))
        return nil
    }
}
