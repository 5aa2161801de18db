extension Expression {
    /// Evaluates the expression; `lookup` gives the value of each identifier (nil: unknown or
    /// missing, reported through `ExpressionEvaluationError.missingIdentifier`).
    ///
    /// Exact: numbers are `Rational`; overflow and division by zero are errors. `and`/`or`
    /// stop at the first operand that decides them, so `y != 0 and x / y > 1` never divides by zero
    /// (and identifiers in skipped operands are not looked up). Text and flags compare only with
    /// `=`, `!=` and `in`; operands of different kinds are a type mismatch, never false.
    /// Parse once and evaluate many times: evaluation allocates nothing of its own.
    public func evaluate(_ lookup: (String) -> ExpressionValue?) throws(ExpressionEvaluationError) -> ExpressionValue {
        switch self {
        case .number(let number):
            return .number(number)
        case .flag(let flag):
            return .flag(flag)
        case .text(let text):
            return .text(text)
        case .identifier(let name):
            guard let value = lookup(name) else { throw .unknownIdentifier(name) }
            return value
        case .negation(let operand):
            let number = try operand.number(lookup, for: "-")
            do throws(ArithmeticError) {
                return .number(try number.negated())
            } catch {
                throw .arithmetic(error)
            }
        case .not(let operand):
            return .flag(!(try operand.flag(lookup, for: "not")))
        case .and(let operands):
            for operand in operands where !(try operand.flag(lookup, for: "and")) {
                return .flag(false)
            }
            return .flag(true)
        case .or(let operands):
            for operand in operands where try operand.flag(lookup, for: "or") {
                return .flag(true)
            }
            return .flag(false)
        case .arithmetic(let first, let steps):
            var accumulator = try first.number(lookup, for: steps.first?.operation.rawValue ?? "+")
            for step in steps {
                let operand = try step.operand.number(lookup, for: step.operation.rawValue)
                accumulator = try Expression.apply(step.operation, accumulator, operand)
            }
            return .number(accumulator)
        case .comparison(let left, let operation, let right):
            let leftValue = try left.evaluate(lookup)
            let rightValue = try right.evaluate(lookup)
            return .flag(try Expression.compare(leftValue, operation, rightValue))
        case .membership(let operand, let items, let negated):
            let value = try operand.evaluate(lookup)
            if let first = items.first, !first.hasSameKind(as: value) {
                throw .typeMismatch(negated ? "not in" : "in", expected: .sameKind, found: value)
            }
            return .flag(items.contains(value) != negated)
        }
    }

    /// Evaluates a condition (a filter or predicate): the result must be a flag.
    public func evaluateFlag(_ lookup: (String) -> ExpressionValue?) throws(ExpressionEvaluationError) -> Bool {
        try flag(lookup, for: "=")
    }

    /// Evaluates a quantity: the result must be a number.
    public func evaluateNumber(_ lookup: (String) -> ExpressionValue?) throws(ExpressionEvaluationError) -> Rational {
        try number(lookup, for: "=")
    }

    private func number(_ lookup: (String) -> ExpressionValue?, for operation: String) throws(ExpressionEvaluationError) -> Rational {
        if case .number(let number) = self { return number }
        let value = try evaluate(lookup)
        guard case .number(let number) = value else {
            throw .typeMismatch(operation, expected: .number, found: value)
        }
        return number
    }

    private func flag(_ lookup: (String) -> ExpressionValue?, for operation: String) throws(ExpressionEvaluationError) -> Bool {
        let value = try evaluate(lookup)
        guard case .flag(let flag) = value else {
            throw .typeMismatch(operation, expected: .flag, found: value)
        }
        return flag
    }

    /// One step of an arithmetic run; overflow and division by zero are errors.
    static func apply(_ operation: ArithmeticOperator, _ accumulator: Rational, _ operand: Rational) throws(ExpressionEvaluationError) -> Rational {
        do throws(ArithmeticError) {
            switch operation {
            case .add: return try accumulator.adding(operand)
            case .subtract: return try accumulator.subtracting(operand)
            case .multiply: return try accumulator.multiplied(by: operand)
            case .divide: return try accumulator.divided(by: operand)
            }
        } catch {
            throw .arithmetic(error)
        }
    }

    static func compare(
        _ left: ExpressionValue, _ operation: ComparisonOperator, _ right: ExpressionValue
    ) throws(ExpressionEvaluationError) -> Bool {
        switch (left, right) {
        case (.number(let a), .number(let b)):
            switch operation {
            case .equal: return a == b
            case .notEqual: return a != b
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            }
        case (.flag(let a), .flag(let b)) where operation == .equal || operation == .notEqual:
            return (a == b) == (operation == .equal)
        case (.text(let a), .text(let b)) where operation == .equal || operation == .notEqual:
            return (a == b) == (operation == .equal)
        default:
            let offending: ExpressionValue
            if case .number = left { offending = right } else { offending = left }
            throw .typeMismatch(operation.rawValue, expected: .sameKind, found: offending)
        }
    }
}
