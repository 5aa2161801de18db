/// A number read by `NumberSyntax`: its exact value and how it was written.
public struct ParsedNumber: Hashable, Sendable {
    /// The exact value; a percent is already divided by 100 (`78.95%` → 7895/10000 = 1579/2000).
    public var value: Rational
    /// Written with a trailing `%`.
    public var isPercent: Bool
    /// Digits written after the decimal point, trailing zeros included (`78.950%` → 3, `12` → 0).
    public var decimals: Int

    public init(value: Rational, isPercent: Bool, decimals: Int) {
        self.value = value
        self.isPercent = isPercent
        self.decimals = decimals
    }
}

/// Why a text is not a number under `NumberSyntax`.
public struct NumberSyntaxError: Error, Hashable, Sendable {
    private enum Code: Hashable, Sendable {
        case empty
        case unexpectedCharacter
        case missingDigits
        case tooManyDigits
        case outOfRange
    }

    private let code: Code
    /// Unicode-scalar offset into the text where the problem starts.
    public let offset: Int

    private init(_ code: Code, at offset: Int) {
        self.code = code
        self.offset = offset
    }

    static func empty() -> NumberSyntaxError { NumberSyntaxError(.empty, at: 0) }
    static func unexpectedCharacter(at offset: Int) -> NumberSyntaxError { NumberSyntaxError(.unexpectedCharacter, at: offset) }
    static func missingDigits(at offset: Int) -> NumberSyntaxError { NumberSyntaxError(.missingDigits, at: offset) }
    static func tooManyDigits() -> NumberSyntaxError { NumberSyntaxError(.tooManyDigits, at: 0) }
    static func outOfRange() -> NumberSyntaxError { NumberSyntaxError(.outOfRange, at: 0) }

    /// The text is well formed but its value cannot be held exactly (more than 18 significant
    /// digits, or a denominator beyond 64 bits). Distinguishes "too big" from "not a number".
    public var isOutOfRange: Bool { code == .tooManyDigits || code == .outOfRange }

    public var message: LocalizedText {
        let grammar = LocalizedText(
            zh: "数字须写成 -?[0-9]+(.[0-9]+)?%? 的形式，例如 1520、-3、0.5、78.95%",
            en: "a number must look like -?[0-9]+(.[0-9]+)?%?, for example 1520, -3, 0.5, 78.95%"
        )
        switch code {
        case .empty:
            return LocalizedText(zh: "数字为空；" + grammar.zh, en: "the number is empty; " + grammar.en)
        case .unexpectedCharacter:
            return LocalizedText(
                zh: "数字中有不允许的字符（不接受科学计数法、千位分隔符、十六进制、前导+号、空格）；" + grammar.zh,
                en: "unexpected character in a number (no exponents, thousands separators, hex, leading + or spaces); "
                    + grammar.en
            )
        case .missingDigits:
            return LocalizedText(
                zh: "小数点前后都须有数字（写 0.5 而非 .5，写 5 而非 5.）；" + grammar.zh,
                en: "digits are needed on both sides of the decimal point (write 0.5, not .5; 5, not 5.); " + grammar.en
            )
        case .tooManyDigits:
            return LocalizedText(
                zh: "有效数字超过\(NumberSyntax.maximumSignificantDigits)位，无法精确表示",
                en: "more than \(NumberSyntax.maximumSignificantDigits) significant digits cannot be held exactly"
            )
        case .outOfRange:
            return LocalizedText(
                zh: "数值超出可精确表示的范围",
                en: "the value is outside the range that can be held exactly"
            )
        }
    }
}

/// The one strict grammar for numbers in data and rules: `-?[0-9]+(\.[0-9]+)?%?`.
///
/// ASCII digits only; leading zeros are allowed and the number is always decimal (`0440104` is
/// 440104, never octal). Rejected: exponents (`1e3`), separators (`1,520`), hex (`0x10`), ratios
/// (`1:20`), bare points (`.5`, `5.`), a plus sign, `inf`/`nan`, any space, full-width digits or
/// percent signs. Normalising human input (thousands separators, full-width digits) is the job of
/// the layer that reads files, which must report that it did so.
///
/// At most 18 significant digits (leading zeros and trailing fractional zeros do not count), so every
/// accepted text has an exact `Rational` value. A longer number is out of range: `parse` returns nil
/// and `parseResult` says `isOutOfRange`.
public enum NumberSyntax {
    public static let maximumSignificantDigits = 18

    /// Plain ASCII digits, as most reported numbers are (`1520`, `0012`): their value, read
    /// without the normalising passes; nil for anything else, which goes to the full parser.
    static func plainInteger(_ text: String) -> Int64? {
        plainInteger(utf8: text.utf8)
    }

    /// `plainInteger` of UTF-8 bytes.
    static func plainInteger(utf8 bytes: some Collection<UInt8>) -> Int64? {
        guard !bytes.isEmpty, bytes.count <= maximumSignificantDigits else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            let digit = byte &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
        }
        return value
    }

    /// The number, or nil when the text is not one (or is out of range).
    public static func parse(_ text: String) -> ParsedNumber? {
        try? parseResult(text).get()
    }

    /// The number, or why the text is not one.
    public static func parseResult(_ text: String) -> Swift.Result<ParsedNumber, NumberSyntaxError> {
        if let result = text.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0) }) {
            return result
        }
        return parse(bytes: Array(text.utf8))
    }

    /// The grammar over ASCII bytes. Offsets are byte offsets, which equal Unicode-scalar offsets
    /// because the first non-ASCII byte is already an error.
    static func parse<Bytes: RandomAccessCollection<UInt8>>(bytes: Bytes) -> Swift.Result<ParsedNumber, NumberSyntaxError>
    where Bytes.Index == Int {
        var index = bytes.startIndex
        let end = bytes.endIndex
        guard index < end else { return .failure(.empty()) }
        let start = index

        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }

        // The significant digits gathered so far; trailing fractional zeros are held back in
        // `pendingZeros` so that `1.50000` costs two digits, not six.
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var pendingZeros = 0
        var tooManyDigits = false
        var scale = 0

        func take(_ digit: UInt8, fractional: Bool) {
            if digit == 0 {
                if significantDigits == 0 {
                    if fractional { scale += 1 }
                    return
                }
                if fractional {
                    pendingZeros += 1
                    return
                }
            }
            for _ in 0..<(pendingZeros + 1) {
                if significantDigits == NumberSyntax.maximumSignificantDigits {
                    tooManyDigits = true
                    return
                }
                mantissa = mantissa * 10
                significantDigits += 1
            }
            mantissa += UInt64(digit)
            scale += fractional ? pendingZeros + 1 : 0
            pendingZeros = 0
        }

        let integerStart = index
        while index < end, bytes[index] &- 0x30 < 10 {
            take(bytes[index] &- 0x30, fractional: false)
            index += 1
        }
        guard index > integerStart else {
            if index < end, bytes[index] == UInt8(ascii: ".") { return .failure(.missingDigits(at: index - start)) }
            return .failure(index < end ? .unexpectedCharacter(at: index - start) : .missingDigits(at: index - start))
        }
        var decimals = 0
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < end, bytes[index] &- 0x30 < 10 {
                take(bytes[index] &- 0x30, fractional: true)
                index += 1
            }
            decimals = index - fractionStart
            guard decimals > 0 else { return .failure(.missingDigits(at: index - 1 - start)) }
        }
        var isPercent = false
        if index < end, bytes[index] == UInt8(ascii: "%") {
            isPercent = true
            index += 1
        }
        guard index == end else { return .failure(.unexpectedCharacter(at: index - start)) }
        guard !tooManyDigits else { return .failure(.tooManyDigits()) }

        if mantissa == 0 { return .success(ParsedNumber(value: .zero, isPercent: isPercent, decimals: decimals)) }
        if isPercent { scale += 2 }
        // 10^36 still fits in 128 bits; anything smaller than that cannot reduce to a 64-bit denominator.
        guard scale <= 36 else { return .failure(.outOfRange()) }
        var denominator: Int128 = 1
        for _ in 0..<scale { denominator *= 10 }
        let numerator = negative ? -Int128(mantissa) : Int128(mantissa)
        guard let value = try? Rational(reducing: numerator, denominator) else { return .failure(.outOfRange()) }
        return .success(ParsedNumber(value: value, isPercent: isPercent, decimals: decimals))
    }
}
