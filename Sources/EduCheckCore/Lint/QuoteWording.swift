/// What a quote's own words say about its target: the statutory wording next to a number
/// ("超过55%", "99%以上", "不少于50所"), or a word meaning all of them (全覆盖, 全员, 配齐).
/// Words not next to a number are not target wording: "区级以上骨干教师" is a kind of teacher.
public struct QuoteWording: Hashable, Sendable {
    public var word: String
    public var comparator: Comparator
    /// The number the wording governs, when it has one.
    public var number: Rational?
    public var isPercent: Bool

    public static func find(in quote: String) -> [QuoteWording] {
        let scalars = Array(quote.unicodeScalars)
        var taken = [Bool](repeating: false, count: scalars.count)
        var found: [(index: Int, wording: QuoteWording)] = []
        // Longest wordings first, so 不低于 is not also read as 低于, nor 及以上 as 以上.
        for wording in Target.statutoryWordings.sorted(by: { $0.word.unicodeScalars.count > $1.word.unicodeScalars.count }) {
            let word = Array(wording.word.unicodeScalars)
            var start = 0
            while let index = firstIndex(of: word, in: scalars, from: start) {
                start = index + 1
                guard !taken[index..<(index + word.count)].contains(true) else { continue }
                for position in index..<(index + word.count) { taken[position] = true }
                let governed: (Rational, Bool)?
                switch wording.position {
                case .prefix: governed = number(after: index + word.count, in: scalars)
                case .suffix: governed = number(before: index, in: scalars)
                case .standalone:
                    found.append((index, QuoteWording(word: wording.word, comparator: wording.comparator, number: nil, isPercent: true)))
                    continue
                }
                if let (number, isPercent) = governed {
                    found.append((index, QuoteWording(word: wording.word, comparator: wording.comparator, number: number, isPercent: isPercent)))
                }
            }
        }
        return found.sorted { $0.index < $1.index }.map(\.wording)
    }

    private static func firstIndex(of word: [Unicode.Scalar], in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard !word.isEmpty, scalars.count >= word.count, start <= scalars.count - word.count else { return nil }
        for index in start...(scalars.count - word.count) where Array(scalars[index..<(index + word.count)]) == word {
            return index
        }
        return nil
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || scalar == "."
    }

    /// The number starting at `index` (spaces allowed before it), with a percent sign after it.
    private static func number(after index: Int, in scalars: [Unicode.Scalar]) -> (Rational, Bool)? {
        var position = index
        while position < scalars.count, scalars[position] == " " { position += 1 }
        var end = position
        while end < scalars.count, isDigit(scalars[end]) { end += 1 }
        guard end > position else { return nil }
        var text = String(String.UnicodeScalarView(scalars[position..<end]))
        var multiplier: Int64 = 1
        if end < scalars.count, scalars[end] == "万" { multiplier = 10_000 }
        let isPercent = end < scalars.count && (scalars[end] == "%" || scalars[end] == "％")
        if isPercent { text += "%" }
        guard let parsed = NumberSyntax.parse(text), let value = try? parsed.value.multiplied(by: Rational(multiplier)) else { return nil }
        return (value, isPercent)
    }

    /// The number ending just before `index`, skipping one measure word, a percent sign and spaces.
    private static func number(before index: Int, in scalars: [Unicode.Scalar]) -> (Rational, Bool)? {
        var end = index
        while end > 0, scalars[end - 1] == " " { end -= 1 }
        if end > 0, Target.measureWords.contains(Character(scalars[end - 1])) { end -= 1 }
        var multiplier: Int64 = 1
        if end > 0, scalars[end - 1] == "万" {
            multiplier = 10_000
            end -= 1
        }
        let isPercent = end > 0 && (scalars[end - 1] == "%" || scalars[end - 1] == "％")
        if isPercent { end -= 1 }
        while end > 0, scalars[end - 1] == " " { end -= 1 }
        var start = end
        while start > 0, isDigit(scalars[start - 1]) { start -= 1 }
        guard start < end else { return nil }
        let text = String(String.UnicodeScalarView(scalars[start..<end])) + (isPercent ? "%" : "")
        guard let parsed = NumberSyntax.parse(text), let value = try? parsed.value.multiplied(by: Rational(multiplier)) else { return nil }
        return (value, isPercent)
    }
}
