/// A parsed expression of the safe expression language used by `expression:` measures and by
/// school-row filters and predicates (`stage in [primary, nine_year]`,
/// `backbone_teachers * 100 >= students`).
///
/// The language has literals, identifiers, arithmetic, comparisons, list membership and
/// and/or/not; no functions, no loops, no assignment. Evaluation visits each node at most once, so
/// its cost is bounded by the size of the text (at most `maximumLength` characters), and every
/// number is an exact `Rational`.
///
/// Runs of the same operator are kept flat (`a + b - c` is one `.arithmetic` node, `a and b and c`
/// one `.and` node), so a long sum does not make a deep tree; depth comes only from parentheses
/// and unary operators, limited to `maximumDepth`.
public indirect enum Expression: Hashable, Sendable {
    case number(Rational)
    case flag(Bool)
    case text(String)
    /// A metric id or school-row field, resolved by the caller's lookup at evaluation time.
    case identifier(String)
    /// Unary minus.
    case negation(Expression)
    case not(Expression)
    /// Two or more operands; evaluated left to right, stopping at the first false.
    case and([Expression])
    /// Two or more operands; evaluated left to right, stopping at the first true.
    case or([Expression])
    /// `first` followed by operations of one precedence level, applied left to right:
    /// `a - b + c` is `.arithmetic(a, [- b, + c])`.
    case arithmetic(Expression, [ArithmeticStep])
    case comparison(Expression, ComparisonOperator, Expression)
    /// `value in [a, b]`, or `value not in [...]` when `negated`. List items are literals of one kind.
    case membership(Expression, [ExpressionValue], negated: Bool)

    public enum ArithmeticOperator: String, Hashable, Sendable, CaseIterable {
        case add = "+"
        case subtract = "-"
        case multiply = "*"
        case divide = "/"
    }

    public enum ComparisonOperator: String, Hashable, Sendable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
    }

    public struct ArithmeticStep: Hashable, Sendable {
        public var operation: ArithmeticOperator
        public var operand: Expression

        public init(_ operation: ArithmeticOperator, _ operand: Expression) {
            self.operation = operation
            self.operand = operand
        }
    }

    /// Longer texts are refused before they are read (in Unicode scalars).
    public static let maximumLength = 4_096
    /// The deepest nesting of parentheses and unary operators (`-`, `not`, `!`) accepted.
    public static let maximumDepth = 64
}

/// A value an expression computes or an identifier stands for.
public enum ExpressionValue: Hashable, Sendable, CustomStringConvertible {
    case number(Rational)
    case flag(Bool)
    case text(String)

    /// `number`, `flag` or `text`: used in messages.
    public var kindName: LocalizedText {
        switch self {
        case .number: LocalizedText(zh: "数值", en: "number")
        case .flag: LocalizedText(zh: "是/否值", en: "flag")
        case .text: LocalizedText(zh: "文本", en: "text")
        }
    }

    public var description: String {
        switch self {
        case .number(let number): number.description
        case .flag(let flag): flag ? "true" : "false"
        case .text(let text): Expression.quoted(text)
        }
    }

    func hasSameKind(as other: ExpressionValue) -> Bool {
        switch (self, other) {
        case (.number, .number), (.flag, .flag), (.text, .text): true
        default: false
        }
    }
}

// MARK: - Errors

/// Why an expression text cannot be parsed. `offset` counts Unicode scalars from the start of the
/// text, so `column + offset` locates it in a YAML scalar on one line.
public struct ExpressionSyntaxError: Error, Hashable, Sendable {
    public var offset: Int
    public var message: LocalizedText

    public init(offset: Int, message: LocalizedText) {
        self.offset = offset
        self.message = message
    }

    static func make(_ offset: Int, zh: String, en: String) -> ExpressionSyntaxError {
        ExpressionSyntaxError(offset: offset, message: LocalizedText(zh: zh, en: en))
    }
}

/// Why an expression could not be evaluated against one set of values.
public struct ExpressionEvaluationError: Error, Hashable, Sendable {
    /// What an operation needed, for messages.
    enum Expected: Hashable, Sendable {
        case number
        case flag
        case sameKind

        var name: LocalizedText {
            switch self {
            case .number: LocalizedText(zh: "数值", en: "a number")
            case .flag: LocalizedText(zh: "是/否值", en: "a flag")
            case .sameKind: LocalizedText(zh: "两边同类的值（文本、是/否值只能比较相等）", en: "values of one kind (text and flags compare only with = and !=)")
            }
        }
    }

    private enum Code: Hashable, Sendable {
        case unknownIdentifier(String)
        case typeMismatch(operation: String, expected: Expected, found: ExpressionValue?)
        case divisionByZero
        case overflow
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    static func unknownIdentifier(_ name: String) -> ExpressionEvaluationError {
        ExpressionEvaluationError(.unknownIdentifier(name))
    }

    /// `found` is the offending value; only its kind goes into the message.
    static func typeMismatch(_ operation: String, expected: Expected, found: ExpressionValue?) -> ExpressionEvaluationError {
        ExpressionEvaluationError(.typeMismatch(operation: operation, expected: expected, found: found))
    }

    static func arithmetic(_ error: ArithmeticError) -> ExpressionEvaluationError {
        ExpressionEvaluationError(error == .divisionByZero ? .divisionByZero : .overflow)
    }

    /// The identifier the lookup had no value for: the caller decides whether that makes the
    /// result `missing`.
    public var missingIdentifier: String? {
        if case .unknownIdentifier(let name) = code { return name }
        return nil
    }

    public var isTypeMismatch: Bool {
        if case .typeMismatch = code { return true }
        return false
    }

    public var isDivisionByZero: Bool { code == .divisionByZero }
    public var isOverflow: Bool { code == .overflow }

    public var message: LocalizedText {
        switch code {
        case .unknownIdentifier(let name):
            return LocalizedText(zh: "没有“\(name)”的值", en: "no value for “\(name)”")
        case .typeMismatch(let operation, let expected, let found):
            return LocalizedText(
                zh: "“\(operation)”需要\(expected.name.zh)，得到的是\(found.map(\.kindName.zh) ?? "空值")",
                en: "“\(operation)” needs \(expected.name.en), got \(found.map { "a " + $0.kindName.en } ?? "nothing")"
            )
        case .divisionByZero:
            return ArithmeticError.divisionByZero.message
        case .overflow:
            return ArithmeticError.overflow.message
        }
    }

}

// MARK: - Inspection and printing

extension Expression {
    /// Every identifier the expression refers to, sorted and without repeats, so callers can check
    /// that each names a known metric or field before evaluating anything.
    public var identifiers: [String] {
        var names = Set<String>()
        collectIdentifiers(into: &names)
        return names.sorted()
    }

    private func collectIdentifiers(into names: inout Set<String>) {
        switch self {
        case .number, .flag, .text:
            break
        case .identifier(let name):
            names.insert(name)
        case .negation(let operand), .not(let operand), .membership(let operand, _, _):
            operand.collectIdentifiers(into: &names)
        case .and(let operands), .or(let operands):
            for operand in operands { operand.collectIdentifiers(into: &names) }
        case .arithmetic(let first, let steps):
            first.collectIdentifiers(into: &names)
            for step in steps { step.operand.collectIdentifiers(into: &names) }
        case .comparison(let left, _, let right):
            left.collectIdentifiers(into: &names)
            right.collectIdentifiers(into: &names)
        }
    }

    /// Binding strength, loosest first; parentheses are printed where a child binds looser than its
    /// place requires.
    private var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .not: 3
        case .comparison, .membership: 4
        case .arithmetic(_, let steps):
            (steps.first?.operation == .add || steps.first?.operation == .subtract) ? 5 : 6
        case .negation: 7
        case .number(let number): number.decimalPlaces == nil ? 6 : (number.isNegative ? 7 : 8)
        case .flag, .text, .identifier: 8
        }
    }

    private func printed(minimumPrecedence: Int) -> String {
        let text = printedBare
        return precedence < minimumPrecedence ? "(" + text + ")" : text
    }

    private var printedBare: String {
        switch self {
        case .number(let number):
            if let places = number.decimalPlaces {
                return number.decimalText(places: places, rounding: .towardZero)
            }
            return "\(number.numerator) / \(number.denominator)"
        case .flag(let flag):
            return flag ? "true" : "false"
        case .text(let text):
            return Expression.quoted(text)
        case .identifier(let name):
            return name
        case .negation(let operand):
            return "-" + operand.printed(minimumPrecedence: 7)
        case .not(let operand):
            return "not " + operand.printed(minimumPrecedence: 3)
        case .and(let operands):
            return operands.map { $0.printed(minimumPrecedence: 3) }.joined(separator: " and ")
        case .or(let operands):
            return operands.map { $0.printed(minimumPrecedence: 2) }.joined(separator: " or ")
        case .arithmetic(let first, let steps):
            // Operands of the same level are parenthesised on both sides so that the printed text
            // parses back to the same tree: `(a + b) + c` stays two nodes.
            let level = precedence
            var text = first.printed(minimumPrecedence: level + 1)
            for step in steps {
                text += " \(step.operation.rawValue) " + step.operand.printed(minimumPrecedence: level + 1)
            }
            return text
        case .comparison(let left, let operation, let right):
            return left.printed(minimumPrecedence: 5) + " \(operation.rawValue) " + right.printed(minimumPrecedence: 5)
        case .membership(let operand, let items, let negated):
            let list = items.map { item -> String in
                if case .text(let word) = item, Expression.isBareWord(word) { return word }
                if case .number(let number) = item, let places = number.decimalPlaces {
                    return number.decimalText(places: places, rounding: .towardZero)
                }
                return item.description
            }
            return operand.printed(minimumPrecedence: 5) + (negated ? " not in [" : " in [") + list.joined(separator: ", ") + "]"
        }
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }

    /// A word that reads back as the same text inside a list without quotes.
    static func isBareWord(_ word: String) -> Bool {
        guard word != "true", word != "false" else { return false }
        var expectStart = true
        for scalar in word.unicodeScalars {
            switch scalar {
            case "a"..."z", "_":
                expectStart = false
            case "0"..."9":
                if expectStart { return false }
            case ".":
                if expectStart { return false }
                expectStart = true
            default:
                return false
            }
        }
        return !expectStart
    }
}

extension Expression: CustomStringConvertible {
    /// The expression in canonical form, with only the parentheses it needs; parsing it gives back
    /// an equal expression. Percent literals print as decimals (`99%` → `0.99`).
    public var description: String { printedBare }
}
