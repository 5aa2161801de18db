extension Expression {
    /// Parses an expression.
    ///
    /// Grammar, loosest binding first:
    /// ```
    /// or         := and (("or" | "||") and)*
    /// and        := not (("and" | "&&") not)*
    /// not        := ("not" | "!") not | comparison
    /// comparison := sum [ compare sum | ["not"] "in" list ]      — no chains: a < b < c is an error
    /// compare    := = | == | != | <> | ≠ | >= | ≥ | > | <= | ≤ | <
    /// sum        := product (("+" | "-") product)*
    /// product    := unary (("*" | "/") unary)*
    /// unary      := "-" unary | primary
    /// primary    := number | "string" | true | false | identifier | "(" or ")"
    /// list       := "[" [item ("," item)* [","]] "]"      — items: numbers, "strings", true/false,
    ///                                                       or bare words, which are text (stage names)
    /// identifier := [a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*
    /// ```
    /// Numbers follow `NumberSyntax` (`99%` is 99/100). Keywords (`and or not in true false`) are
    /// lower case and reserved. Texts longer than `maximumLength` scalars and nesting deeper than
    /// `maximumDepth` are refused with an error, never a crash.
    public static func parse(_ text: String) throws(ExpressionSyntaxError) -> Expression {
        // Cheap bound first: a text of more than 4 × maximumLength bytes has too many scalars.
        if text.utf8.count > maximumLength * 4 || text.unicodeScalars.count > maximumLength {
            throw .make(
                maximumLength,
                zh: "表达式过长（超过\(maximumLength)个字符）",
                en: "the expression is longer than \(maximumLength) characters"
            )
        }
        var lexer = ExpressionLexer(scalars: Array(text.unicodeScalars))
        let tokens = try lexer.tokens()
        var parser = ExpressionParser(tokens: tokens)
        return try parser.parseWhole()
    }
}

// MARK: - Tokens

struct ExpressionToken {
    enum Kind: Equatable {
        case number(Rational)
        case string(String)
        /// An identifier or keyword.
        case word(String)
        case symbol(Symbol)
        case end
    }

    enum Symbol: String {
        case openParenthesis = "("
        case closeParenthesis = ")"
        case openBracket = "["
        case closeBracket = "]"
        case comma = ","
        case plus = "+"
        case minus = "-"
        case star = "*"
        case slash = "/"
        case equal = "="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case andAnd = "&&"
        case orOr = "||"
        case bang = "!"
    }

    var kind: Kind
    /// Unicode-scalar offset of the token's first character.
    var offset: Int
}

struct ExpressionLexer {
    let scalars: [Unicode.Scalar]
    var index = 0

    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < scalars.count ? scalars[index + ahead] : nil
    }

    private static func isDigit(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return scalar.value >= 0x30 && scalar.value <= 0x39
    }

    private static func isWordStart(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return (scalar.value >= 0x61 && scalar.value <= 0x7A) || scalar == "_"
    }

    private static func isWordPart(_ scalar: Unicode.Scalar?) -> Bool {
        isWordStart(scalar) || isDigit(scalar)
    }

    private static func isUpperCase(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return scalar.value >= 0x41 && scalar.value <= 0x5A
    }

    mutating func tokens() throws(ExpressionSyntaxError) -> [ExpressionToken] {
        var tokens: [ExpressionToken] = []
        while true {
            while let scalar = peek(), scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                index += 1
            }
            guard let scalar = peek() else {
                tokens.append(ExpressionToken(kind: .end, offset: scalars.count))
                return tokens
            }
            let start = index
            if Self.isDigit(scalar) {
                tokens.append(ExpressionToken(kind: .number(try number()), offset: start))
            } else if Self.isWordStart(scalar) {
                tokens.append(ExpressionToken(kind: .word(try word()), offset: start))
            } else if scalar == "\"" {
                tokens.append(ExpressionToken(kind: .string(try string()), offset: start))
            } else {
                tokens.append(ExpressionToken(kind: .symbol(try symbol()), offset: start))
            }
        }
    }

    /// `[0-9]+(\.[0-9]+)?%?`, handed to `NumberSyntax` for its value.
    private mutating func number() throws(ExpressionSyntaxError) -> Rational {
        let start = index
        while Self.isDigit(peek()) { index += 1 }
        if peek() == ".", Self.isDigit(peek(1)) {
            index += 1
            while Self.isDigit(peek()) { index += 1 }
        }
        if peek() == "%" { index += 1 }
        if let next = peek(), Self.isWordPart(next) || Self.isUpperCase(next) || next == "." || next == "%" {
            throw .make(
                index,
                zh: "数字写法不正确：只接受 1520、0.5、99% 这样的十进制数（不接受 1e3、0x10、5.）",
                en: "malformed number: only decimals such as 1520, 0.5, 99% are accepted (not 1e3, 0x10, 5.)"
            )
        }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        switch NumberSyntax.parseResult(text) {
        case .success(let parsed):
            return parsed.value
        case .failure(let error):
            throw ExpressionSyntaxError(offset: start + (error.isOutOfRange ? 0 : error.offset), message: error.message)
        }
    }

    /// An identifier or keyword: `[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*`.
    private mutating func word() throws(ExpressionSyntaxError) -> String {
        let start = index
        while true {
            while Self.isWordPart(peek()) { index += 1 }
            guard peek() == "." else { break }
            guard Self.isWordStart(peek(1)) else {
                throw .make(
                    index + 1,
                    zh: "名称中的“.”后应为小写字母或下划线",
                    en: "a name needs a lower-case letter or underscore after “.”"
                )
            }
            index += 1
        }
        if Self.isUpperCase(peek()) || (peek().map { $0.value > 0x7F && $0.properties.isAlphabetic } ?? false) {
            throw .make(
                index,
                zh: "名称只能用小写字母、数字、下划线和“.”",
                en: "names use only lower-case letters, digits, underscores and “.”"
            )
        }
        return String(String.UnicodeScalarView(scalars[start..<index]))
    }

    /// A double-quoted string; `\"` and `\\` are the only escapes; no line breaks.
    private mutating func string() throws(ExpressionSyntaxError) -> String {
        let start = index
        index += 1
        var text = String.UnicodeScalarView()
        while let scalar = peek() {
            index += 1
            switch scalar {
            case "\"":
                return String(text)
            case "\\":
                guard let escaped = peek(), escaped == "\"" || escaped == "\\" else {
                    throw .make(index - 1, zh: "字符串中只能用 \\\" 和 \\\\ 转义", en: "only \\\" and \\\\ are escapes in a string")
                }
                text.append(escaped)
                index += 1
            case "\n", "\r":
                throw .make(start, zh: "字符串没有结束引号", en: "unterminated string")
            default:
                text.append(scalar)
            }
        }
        throw .make(start, zh: "字符串没有结束引号", en: "unterminated string")
    }

    private static let twoCharacterSymbols: [(Unicode.Scalar, Unicode.Scalar, ExpressionToken.Symbol)] = [
        ("=", "=", .equal), ("!", "=", .notEqual), ("<", ">", .notEqual), ("<", "=", .lessOrEqual),
        (">", "=", .greaterOrEqual), ("&", "&", .andAnd), ("|", "|", .orOr),
    ]

    private static let oneCharacterSymbols: [Unicode.Scalar: ExpressionToken.Symbol] = [
        "(": .openParenthesis, ")": .closeParenthesis, "[": .openBracket, "]": .closeBracket,
        ",": .comma, "+": .plus, "-": .minus, "*": .star, "/": .slash, "=": .equal, "<": .less,
        ">": .greater, "!": .bang, "≥": .greaterOrEqual, "≤": .lessOrEqual, "≠": .notEqual,
    ]

    private mutating func symbol() throws(ExpressionSyntaxError) -> ExpressionToken.Symbol {
        let scalar = scalars[index]
        let next = peek(1)
        for (first, second, symbol) in Self.twoCharacterSymbols where scalar == first && next == second {
            index += 2
            return symbol
        }
        if let symbol = Self.oneCharacterSymbols[scalar] {
            index += 1
            return symbol
        }
        if scalar == "." {
            throw .make(index, zh: "数字须以数字开头（写 0.5 而非 .5）", en: "a number starts with a digit (write 0.5, not .5)")
        }
        if scalar == "&" || scalar == "|" {
            throw .make(index, zh: "请用 and / or（或 && / ||）", en: "use and / or (or && / ||)")
        }
        if Self.isUpperCase(scalar) {
            throw .make(
                index,
                zh: "名称和关键字都是小写（true、false、and、or、not、in）",
                en: "names and keywords are lower case (true, false, and, or, not, in)"
            )
        }
        let shown = scalar.properties.isWhitespace ? "U+" + String(scalar.value, radix: 16, uppercase: true) : String(scalar)
        throw .make(index, zh: "不能识别的字符“\(shown)”", en: "unexpected character “\(shown)”")
    }
}

// MARK: - Parser

struct ExpressionParser {
    private let tokens: [ExpressionToken]
    private var position = 0
    private var depth = 0

    init(tokens: [ExpressionToken]) {
        self.tokens = tokens
    }

    private var current: ExpressionToken { tokens[position] }

    private func isSymbol(_ symbol: ExpressionToken.Symbol) -> Bool {
        current.kind == .symbol(symbol)
    }

    private func isWord(_ word: String, at offset: Int = 0) -> Bool {
        let index = min(position + offset, tokens.count - 1)
        return tokens[index].kind == .word(word)
    }

    private static let keywords: Set<String> = ["and", "or", "not", "in", "true", "false"]

    mutating func parseWhole() throws(ExpressionSyntaxError) -> Expression {
        if case .end = current.kind {
            throw .make(0, zh: "表达式为空", en: "the expression is empty")
        }
        let expression = try parseOr()
        guard case .end = current.kind else {
            throw unexpected(expecting: LocalizedText(zh: "运算符或表达式结尾", en: "an operator or the end"))
        }
        return expression
    }

    private mutating func enter() throws(ExpressionSyntaxError) {
        depth += 1
        if depth > Expression.maximumDepth {
            throw .make(
                current.offset,
                zh: "括号或一元运算嵌套超过\(Expression.maximumDepth)层",
                en: "parentheses and unary operators are nested more than \(Expression.maximumDepth) deep"
            )
        }
    }

    private mutating func parseOr() throws(ExpressionSyntaxError) -> Expression {
        var operands = [try parseAnd()]
        while isWord("or") || isSymbol(.orOr) {
            position += 1
            operands.append(try parseAnd())
        }
        return operands.count == 1 ? operands[0] : .or(operands)
    }

    private mutating func parseAnd() throws(ExpressionSyntaxError) -> Expression {
        var operands = [try parseNot()]
        while isWord("and") || isSymbol(.andAnd) {
            position += 1
            operands.append(try parseNot())
        }
        return operands.count == 1 ? operands[0] : .and(operands)
    }

    private mutating func parseNot() throws(ExpressionSyntaxError) -> Expression {
        guard isWord("not") || isSymbol(.bang) else { return try parseComparison() }
        try enter()
        position += 1
        let operand = try parseNot()
        depth -= 1
        return .not(operand)
    }

    private func comparisonOperator() -> Expression.ComparisonOperator? {
        guard case .symbol(let symbol) = current.kind else { return nil }
        switch symbol {
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        default: return nil
        }
    }

    private mutating func parseComparison() throws(ExpressionSyntaxError) -> Expression {
        let left = try parseSum()
        let result: Expression
        if let operation = comparisonOperator() {
            position += 1
            result = .comparison(left, operation, try parseSum())
        } else if isWord("in") {
            position += 1
            result = .membership(left, try parseList(), negated: false)
        } else if isWord("not") && isWord("in", at: 1) {
            position += 2
            result = .membership(left, try parseList(), negated: true)
        } else {
            return left
        }
        if comparisonOperator() != nil || isWord("in") || (isWord("not") && isWord("in", at: 1)) {
            throw .make(
                current.offset,
                zh: "比较不能连写（a < b < c）；请用 and 连接：a < b and b < c",
                en: "comparisons do not chain (a < b < c); join them with and: a < b and b < c"
            )
        }
        return result
    }

    private mutating func parseSum() throws(ExpressionSyntaxError) -> Expression {
        let first = try parseProduct()
        var steps: [Expression.ArithmeticStep] = []
        while isSymbol(.plus) || isSymbol(.minus) {
            let operation: Expression.ArithmeticOperator = isSymbol(.plus) ? .add : .subtract
            position += 1
            steps.append(Expression.ArithmeticStep(operation, try parseProduct()))
        }
        return steps.isEmpty ? first : .arithmetic(first, steps)
    }

    private mutating func parseProduct() throws(ExpressionSyntaxError) -> Expression {
        let first = try parseUnary()
        var steps: [Expression.ArithmeticStep] = []
        while isSymbol(.star) || isSymbol(.slash) {
            let operation: Expression.ArithmeticOperator = isSymbol(.star) ? .multiply : .divide
            position += 1
            steps.append(Expression.ArithmeticStep(operation, try parseUnary()))
        }
        return steps.isEmpty ? first : .arithmetic(first, steps)
    }

    private mutating func parseUnary() throws(ExpressionSyntaxError) -> Expression {
        guard isSymbol(.minus) else { return try parsePrimary() }
        try enter()
        position += 1
        let operand = try parseUnary()
        depth -= 1
        // A literal's sign is folded in: `-5` is the number -5. Literals have at most 18 digits, so
        // negating one cannot overflow.
        if case .number(let number) = operand, let negated = try? number.negated() {
            return .number(negated)
        }
        return .negation(operand)
    }

    private mutating func parsePrimary() throws(ExpressionSyntaxError) -> Expression {
        let token = current
        switch token.kind {
        case .number(let number):
            position += 1
            return .number(number)
        case .string(let text):
            position += 1
            return .text(text)
        case .word("true"):
            position += 1
            return .flag(true)
        case .word("false"):
            position += 1
            return .flag(false)
        case .word(let name) where !Self.keywords.contains(name):
            position += 1
            return .identifier(name)
        case .symbol(.openParenthesis):
            try enter()
            position += 1
            let inner = try parseOr()
            guard isSymbol(.closeParenthesis) else {
                throw unexpected(expecting: LocalizedText(zh: "“)”", en: "“)”"))
            }
            position += 1
            depth -= 1
            return inner
        case .symbol(.openBracket):
            throw .make(token.offset, zh: "列表只能写在 in 之后", en: "a list can only follow in")
        default:
            throw unexpected(expecting: LocalizedText(zh: "数值、名称、字符串或“(”", en: "a number, a name, a string or “(”"))
        }
    }

    /// `[primary, junior_secondary]`: literals of one kind; bare words are text.
    private mutating func parseList() throws(ExpressionSyntaxError) -> [ExpressionValue] {
        guard isSymbol(.openBracket) else {
            throw unexpected(expecting: LocalizedText(zh: "in 之后的“[”", en: "“[” after in"))
        }
        position += 1
        var items: [ExpressionValue] = []
        while !isSymbol(.closeBracket) {
            let token = current
            let item: ExpressionValue
            switch token.kind {
            case .number(let number):
                item = .number(number)
                position += 1
            case .symbol(.minus):
                position += 1
                guard case .number(let number) = current.kind, let negated = try? number.negated() else {
                    throw unexpected(expecting: LocalizedText(zh: "“-”之后的数字", en: "a number after “-”"))
                }
                item = .number(negated)
                position += 1
            case .string(let text):
                item = .text(text)
                position += 1
            case .word("true"):
                item = .flag(true)
                position += 1
            case .word("false"):
                item = .flag(false)
                position += 1
            case .word(let word):
                item = .text(word)
                position += 1
            default:
                throw unexpected(expecting: LocalizedText(zh: "列表项或“]”", en: "a list item or “]”"))
            }
            if let first = items.first, !first.hasSameKind(as: item) {
                throw .make(
                    token.offset,
                    zh: "列表中的值须为同一类（都是文本、都是数值或都是是/否值）",
                    en: "a list holds values of one kind (all text, all numbers or all flags)"
                )
            }
            items.append(item)
            if isSymbol(.comma) {
                position += 1
            } else if !isSymbol(.closeBracket) {
                throw unexpected(expecting: LocalizedText(zh: "“,”或“]”", en: "“,” or “]”"))
            }
        }
        position += 1
        return items
    }

    private func unexpected(expecting expected: LocalizedText) -> ExpressionSyntaxError {
        let found: LocalizedText
        switch current.kind {
        case .end: found = LocalizedText(zh: "表达式结尾", en: "the end")
        case .number(let number): found = LocalizedText(zh: "数字 \(number)", en: "the number \(number)")
        case .string: found = LocalizedText(zh: "字符串", en: "a string")
        case .word(let word): found = LocalizedText(zh: "“\(word)”", en: "“\(word)”")
        case .symbol(let symbol): found = LocalizedText(zh: "“\(symbol.rawValue)”", en: "“\(symbol.rawValue)”")
        }
        return .make(
            current.offset,
            zh: "此处应为\(expected.zh)，却是\(found.zh)",
            en: "expected \(expected.en), found \(found.en)"
        )
    }
}
