/// How a measured value is compared with a target's number.
public enum Comparator: String, CaseIterable, Sendable, Codable {
    case atLeast = ">="
    case greaterThan = ">"
    case atMost = "<="
    case lessThan = "<"
    case equal = "="

    /// The sign shown in reports: `≥ > ≤ < =`.
    public var symbol: String {
        switch self {
        case .atLeast: "≥"
        case .greaterThan: ">"
        case .atMost: "≤"
        case .lessThan: "<"
        case .equal: "="
        }
    }

    /// Whether the target's own number meets the target (Civil Code art. 1259: 以上、以下、以内 include
    /// the number; 超过、不满 exclude it).
    public var includesBoundary: Bool {
        switch self {
        case .atLeast, .atMost, .equal: true
        case .greaterThan, .lessThan: false
        }
    }

    /// `value ⋚ bound`, exactly.
    public func holds(_ value: Rational, _ bound: Rational) -> Bool {
        switch self {
        case .atLeast: value >= bound
        case .greaterThan: value > bound
        case .atMost: value <= bound
        case .lessThan: value < bound
        case .equal: value == bound
        }
    }
}

/// A rule's target: a comparator and a number (a percent or a plain quantity) or a flag.
public struct Target: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        /// A percent is stored as its value (`99%` → 99/100) with `isPercent` set.
        case number(Rational, isPercent: Bool)
        case flag(Bool)
    }

    /// Where a statutory wording stands relative to its number.
    public enum WordingPosition: String, Hashable, Sendable, CaseIterable {
        /// Before the number: `超过55%`.
        case prefix
        /// After the number: `99%以上`.
        case suffix
        /// Alone, meaning `= 100%`: `全覆盖`.
        case standalone
    }

    public typealias StatutoryWording = (word: String, comparator: Comparator, position: WordingPosition)

    public var comparator: Comparator
    public var value: Value
    /// The target as written in the rule.
    public var text: String

    public init(comparator: Comparator, value: Value, text: String) {
        self.comparator = comparator
        self.value = value
        self.text = text
    }

    /// Longer target texts are refused outright.
    public static let maximumLength = 200

    /// The Chinese wordings a target may use and the comparator each means, after PRC Civil Code
    /// art. 1259 ("以上、以下、以内…包括本数；不满、超过…不包括本数") and SPEC 3.5. The single source
    /// for the target parser and for the linter that checks a rule's quote against its comparator.
    /// Standalone wordings mean `= 100%`.
    public static let statutoryWordings: [StatutoryWording] = [
        ("以上", .atLeast, .suffix),
        ("及以上", .atLeast, .suffix),
        ("达到", .atLeast, .prefix),
        ("不低于", .atLeast, .prefix),
        ("不少于", .atLeast, .prefix),
        ("至少", .atLeast, .prefix),
        ("超过", .greaterThan, .prefix),
        ("高于", .greaterThan, .prefix),
        ("多于", .greaterThan, .prefix),
        ("以下", .atMost, .suffix),
        ("以内", .atMost, .suffix),
        ("不超过", .atMost, .prefix),
        ("不高于", .atMost, .prefix),
        ("不多于", .atMost, .prefix),
        ("不满", .lessThan, .prefix),
        ("低于", .lessThan, .prefix),
        ("少于", .lessThan, .prefix),
        ("全覆盖", .equal, .standalone),
        ("全员", .equal, .standalone),
        ("配齐", .equal, .standalone),
    ]

    /// Measure words that may follow a plain number (`不少于12个`, `30对以上`); one is dropped.
    public static let measureWords: [Character] = ["个", "所", "名", "人", "对", "项", "家", "间", "门", "次", "场", "条"]

    /// The statutory wordings found in a text (a rule's quote), left to right, longest match first so
    /// that `不低于` is read as one wording and not as `低于`.
    public static func wordings(in quote: String) -> [StatutoryWording] {
        let scalars = Array(quote.unicodeScalars)
        var found: [StatutoryWording] = []
        var index = 0
        while index < scalars.count {
            if let wording = longestWording(in: scalars, at: index, positions: WordingPosition.allCases) {
                found.append(wording)
                index += wording.word.unicodeScalars.count
            } else {
                index += 1
            }
        }
        return found
    }

    /// The number of decimals needed to write a percent target exactly (`99.5%` → 1), nil for a
    /// quantity or flag target.
    public var percentDecimals: Int? {
        guard case .number(let number, true) = value else { return nil }
        return number.decimalPlaces.map { max(0, $0 - 2) } ?? 6
    }

    // MARK: - Evaluation

    /// Exact: does a measured number meet the target? Always false for a flag target.
    public func isMet(by measured: Rational) -> Bool {
        guard case .number(let bound, _) = value else { return false }
        return comparator.holds(measured, bound)
    }

    /// Does a measured flag meet the target? Always false for a number target.
    public func isMet(by flag: Bool) -> Bool {
        guard case .flag(let expected) = value, comparator == .equal else { return false }
        return flag == expected
    }

    // MARK: - Display

    /// `≥ 99%`, `> 55%`, `= 100%`, `≥ 60,000`, `= 是` / `= true`.
    public var display: LocalizedText {
        switch value {
        case .flag(let flag):
            return LocalizedText(zh: "= " + (flag ? "是" : "否"), en: "= " + (flag ? "true" : "false"))
        case .number(let number, let isPercent):
            let text = comparator.symbol + " " + (isPercent ? Target.percentText(number) : Target.quantityText(number))
            return LocalizedText(zh: text, en: text)
        }
    }

    /// The target's percent written exactly: 99/100 → `99%`, 199/200 → `99.5%`.
    static func percentText(_ number: Rational) -> String {
        let places = number.decimalPlaces.map { max(0, $0 - 2) } ?? 6
        return DecimalFormatting.text(
            numerator: Int128(number.numerator) * 100, denominator: Int128(number.denominator),
            places: places, rounding: .towardZero, groupingThousands: true
        ) + "%"
    }

    /// A quantity written exactly with thousands grouped: `60,000`, `1.5`.
    static func quantityText(_ number: Rational) -> String {
        DecimalFormatting.text(
            numerator: Int128(number.numerator), denominator: Int128(number.denominator),
            places: number.decimalPlaces ?? 6, rounding: .towardZero, groupingThousands: true
        )
    }
}

// MARK: - Parsing

/// Why a target text cannot be read. `offset` counts Unicode scalars from the start of the text,
/// so `column + offset` locates the problem in a YAML scalar.
public struct TargetSyntaxError: Error, Hashable, Sendable {
    public var offset: Int
    public var message: LocalizedText

    public init(offset: Int, message: LocalizedText) {
        self.offset = offset
        self.message = message
    }

    /// The forms every target error message names.
    public static let acceptedForms = LocalizedText(
        zh: "可用写法：>= 99%、≥ 99%、> 55%、= 100%、<= 5、< 3、>= 60000、= 0、= true；"
            + "或法定用语：99%以上、99%及以上、5以下、10以内、超过55%、高于、多于、达到100%、不低于70%、不少于12个、至少、"
            + "不超过、不高于、不多于、不满、低于、少于、全覆盖、全员、配齐；数字可带万/亿和量词（6万个、30对以上）。"
            + "按《民法典》第一千二百五十九条，以上、以下、以内包括本数；超过、不满（及高于、多于、低于、少于）不包括本数。",
        en: "Accepted forms: >= 99%, ≥ 99%, > 55%, = 100%, <= 5, < 3, >= 60000, = 0, = true; "
            + "or statutory wording: 99%以上, 99%及以上, 5以下, 10以内, 超过55%, 高于, 多于, 达到100%, 不低于70%, 不少于12个, 至少, "
            + "不超过, 不高于, 不多于, 不满, 低于, 少于, 全覆盖, 全员, 配齐; numbers may carry 万/亿 and a measure word (6万个, 30对以上). "
            + "Per Civil Code art. 1259, 以上/以下/以内 include the number; 超过/不满 (and 高于, 多于, 低于, 少于) exclude it."
    )

    static func make(_ offset: Int, zh: String, en: String) -> TargetSyntaxError {
        TargetSyntaxError(
            offset: offset,
            message: LocalizedText(
                zh: zh + "。" + acceptedForms.zh,
                en: en + ". " + acceptedForms.en
            )
        )
    }
}

extension Target {
    /// Reads a target written in a rule: symbolic (`>= 99%`, `≥ 99%`, `> 55%`, `== 100%`, `<= 5`,
    /// `= true`, a bare `true`/`false`) or statutory Chinese (`99%以上`, `超过55%`, `不少于12个`,
    /// `6万个以上`, `全覆盖`). A comparator before the number (sign or wording) and a suffix wording
    /// may both be written only when they agree (`达到99%以上`). A number with no comparator is
    /// ambiguous and refused. Full-width `％` is read as `%`; digits must be ASCII.
    public static func parse(_ text: String) -> Swift.Result<Target, TargetSyntaxError> {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count <= maximumLength else {
            return .failure(.make(
                maximumLength,
                zh: "目标写法过长（超过\(maximumLength)个字符）",
                en: "the target is longer than \(maximumLength) characters"
            ))
        }
        var scanner = TargetScanner(scalars: scalars)
        scanner.skipSpace()
        guard !scanner.atEnd else {
            return .failure(.make(0, zh: "目标为空", en: "the target is empty"))
        }

        var comparator: Comparator?
        let comparatorOffset = scanner.index
        var fromSymbol = false
        if let (symbolComparator, length) = scanner.symbol() {
            comparator = symbolComparator
            fromSymbol = true
            scanner.index += length
            scanner.skipSpace()
        } else if let wording = longestWording(in: scalars, at: scanner.index, positions: [.prefix]) {
            comparator = wording.comparator
            scanner.index += wording.word.unicodeScalars.count
            scanner.skipSpace()
        }

        if comparator == nil,
           let wording = longestWording(in: scalars, at: scanner.index, positions: [.standalone]) {
            scanner.index += wording.word.unicodeScalars.count
            scanner.skipSpace()
            guard scanner.atEnd else { return .failure(scanner.unexpected()) }
            return .success(Target(comparator: .equal, value: .number(.hundredPercent, isPercent: true), text: text))
        }

        if let (flag, length) = scanner.flagWord() {
            guard comparator == nil || (fromSymbol && comparator == .equal) else {
                return .failure(.make(
                    comparatorOffset,
                    zh: "是/否目标只能写成 = true、= false 或 true",
                    en: "a flag target can only be = true, = false or true"
                ))
            }
            scanner.index += length
            scanner.skipSpace()
            guard scanner.atEnd else { return .failure(scanner.unexpected()) }
            return .success(Target(comparator: .equal, value: .flag(flag), text: text))
        }

        let numberOffset = scanner.index
        let quantity: (value: Rational, isPercent: Bool)
        switch scanner.quantity() {
        case .success(let read): quantity = read
        case .failure(let error): return .failure(error)
        }
        scanner.skipSpace()

        if let wording = longestWording(in: scalars, at: scanner.index, positions: [.suffix]) {
            if let comparator, comparator != wording.comparator {
                return .failure(.make(
                    scanner.index,
                    zh: "“\(wording.word)”与前面的比较方式矛盾",
                    en: "“\(wording.word)” contradicts the comparator before the number"
                ))
            }
            comparator = wording.comparator
            scanner.index += wording.word.unicodeScalars.count
            scanner.skipSpace()
        }
        guard scanner.atEnd else { return .failure(scanner.unexpected()) }
        guard let comparator else {
            return .failure(.make(
                numberOffset,
                zh: "只有数字而没有比较方式，含义不明：请写成 >= 99% 或 99%以上 这样的形式",
                en: "a bare number is ambiguous: add a comparator, as in >= 99% or 99%以上"
            ))
        }
        return .success(Target(
            comparator: comparator,
            value: .number(quantity.value, isPercent: quantity.isPercent),
            text: text
        ))
    }

    /// The longest statutory wording with one of the given positions that starts at `index`.
    fileprivate static func longestWording(
        in scalars: [Unicode.Scalar], at index: Int, positions: [WordingPosition]
    ) -> StatutoryWording? {
        var best: StatutoryWording?
        var bestLength = 0
        for wording in statutoryWordings where positions.contains(wording.position) {
            let word = Array(wording.word.unicodeScalars)
            guard word.count > bestLength, index + word.count <= scalars.count else { continue }
            if scalars[index..<(index + word.count)].elementsEqual(word) {
                best = wording
                bestLength = word.count
            }
        }
        return best
    }
}

/// A cursor over a target's Unicode scalars.
private struct TargetScanner {
    let scalars: [Unicode.Scalar]
    var index = 0

    var atEnd: Bool { index >= scalars.count }

    /// ASCII blanks and line breaks, the ideographic space and the no-break space.
    private static let spaces: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r", "\u{3000}", "\u{A0}"]

    mutating func skipSpace() {
        while index < scalars.count, Self.spaces.contains(scalars[index]) {
            index += 1
        }
    }

    func starts(with word: String) -> Bool {
        let word = Array(word.unicodeScalars)
        guard index + word.count <= scalars.count else { return false }
        return scalars[index..<(index + word.count)].elementsEqual(word)
    }

    /// A comparator sign at the cursor and its length.
    func symbol() -> (Comparator, Int)? {
        let signs: [(String, Comparator)] = [
            (">=", .atLeast), ("<=", .atMost), ("==", .equal),
            ("≥", .atLeast), ("≤", .atMost), (">", .greaterThan), ("<", .lessThan), ("=", .equal),
        ]
        for (sign, comparator) in signs where starts(with: sign) {
            return (comparator, sign.unicodeScalars.count)
        }
        return nil
    }

    /// `true`, `false`, `是`, `否` at the cursor (a whole word) and its length.
    func flagWord() -> (Bool, Int)? {
        for (word, flag) in [("true", true), ("false", false), ("是", true), ("否", false)] where starts(with: word) {
            let end = index + word.unicodeScalars.count
            if end < scalars.count, scalars[end].properties.isAlphabetic || scalars[end].properties.numericType != nil {
                continue
            }
            return (flag, word.unicodeScalars.count)
        }
        return nil
    }

    /// A number under `NumberSyntax`, then `%`/`％`, or else an optional 万/亿 and measure word.
    mutating func quantity() -> Swift.Result<(value: Rational, isPercent: Bool), TargetSyntaxError> {
        let start = index
        var end = index
        if end < scalars.count, scalars[end] == "-" { end += 1 }
        while end < scalars.count, isDigit(scalars[end]) || scalars[end] == "." {
            end += 1
        }
        var isPercent = false
        if end < scalars.count, scalars[end] == "%" || scalars[end] == "％" {
            isPercent = true
        }
        guard end > start, isDigit(scalars[end - 1]) || scalars[end - 1] == "." else {
            return .failure(.make(
                start,
                zh: "此处应为比较方式或数字（用半角数字，如 99%、60000、1.5万）",
                en: "expected a comparator or a number here (ASCII digits, as in 99%, 60000, 1.5万)"
            ))
        }
        var numberText = String(String.UnicodeScalarView(scalars[start..<end]))
        if isPercent { numberText += "%" }
        let parsed: ParsedNumber
        switch NumberSyntax.parseResult(numberText) {
        case .success(let number):
            parsed = number
        case .failure(let error):
            return .failure(TargetSyntaxError(
                offset: start + (error.isOutOfRange ? 0 : error.offset),
                message: LocalizedText(
                    zh: error.message.zh + "。" + TargetSyntaxError.acceptedForms.zh,
                    en: error.message.en + ". " + TargetSyntaxError.acceptedForms.en
                )
            ))
        }
        index = end + (isPercent ? 1 : 0)
        var value = parsed.value
        if !isPercent {
            let multipliers: [(Unicode.Scalar, Rational)] = [("万", 10_000), ("亿", 100_000_000)]
            for (word, multiplier) in multipliers where index < scalars.count && scalars[index] == word {
                guard let scaled = try? value.multiplied(by: multiplier) else {
                    return .failure(.make(start, zh: "数值过大", en: "the number is too large"))
                }
                value = scaled
                index += 1
                break
            }
            if index < scalars.count, Target.measureWords.contains(Character(scalars[index])) {
                index += 1
            }
        }
        return .success((value, isPercent))
    }

    private func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }

    func unexpected() -> TargetSyntaxError {
        let found = String(String.UnicodeScalarView(scalars[index..<min(scalars.count, index + 8)]))
        return .make(index, zh: "无法识别“\(found)”", en: "unexpected “\(found)”")
    }
}
