/// A row filter or predicate compiled against one school table: each identifier is bound once to
/// its column (or to the row's code or name), so a row is evaluated by reading its cells, not by
/// looking each name up through a closure. The results and errors are those of
/// `Expression.evaluate` with a lookup of the row's fields (tested side by side on generated
/// expressions and rows); the interpreter stays the definition.
struct RowProgram {
    typealias Cells = UnsafeBufferPointer<StoredCell>
    private typealias Node = (_ cells: Cells, _ start: Int, _ row: Int) throws(ExpressionEvaluationError) -> ExpressionValue
    private typealias NumberNode = (_ cells: Cells, _ start: Int, _ row: Int) throws(ExpressionEvaluationError) -> Rational
    private typealias FlagNode = (_ cells: Cells, _ start: Int, _ row: Int) throws(ExpressionEvaluationError) -> Bool

    private let root: Node

    init(_ expression: Expression, table: SchoolTable) {
        root = Self.compile(expression, table)
    }

    /// The value for the row whose cells start at `start` in `cells` (the table's cells).
    func evaluate(row: Int, start: Int, cells: Cells) throws(ExpressionEvaluationError) -> ExpressionValue {
        try root(cells, start, row)
    }

    private static func compile(_ expression: Expression, _ table: SchoolTable) -> Node {
        switch expression {
        case .number(let number):
            let value = ExpressionValue.number(number)
            return { _, _, _ throws(ExpressionEvaluationError) in value }
        case .flag(let flag):
            let value = ExpressionValue.flag(flag)
            return { _, _, _ throws(ExpressionEvaluationError) in value }
        case .text(let text):
            let value = ExpressionValue.text(text)
            return { _, _, _ throws(ExpressionEvaluationError) in value }
        case .identifier(let name):
            return identifier(name, table)
        case .negation(let operand):
            let number = number(operand, table, for: "-")
            return { cells, start, row throws(ExpressionEvaluationError) in
                let value = try number(cells, start, row)
                do throws(ArithmeticError) {
                    return .number(try value.negated())
                } catch {
                    throw .arithmetic(error)
                }
            }
        case .not(let operand):
            let flag = flag(operand, table, for: "not")
            return { cells, start, row throws(ExpressionEvaluationError) in .flag(!(try flag(cells, start, row))) }
        case .and(let operands):
            let flags = operands.map { flag($0, table, for: "and") }
            return { cells, start, row throws(ExpressionEvaluationError) in
                for flag in flags where !(try flag(cells, start, row)) { return .flag(false) }
                return .flag(true)
            }
        case .or(let operands):
            let flags = operands.map { flag($0, table, for: "or") }
            return { cells, start, row throws(ExpressionEvaluationError) in
                for flag in flags where try flag(cells, start, row) { return .flag(true) }
                return .flag(false)
            }
        case .arithmetic(let first, let steps):
            let firstNumber = number(first, table, for: steps.first?.operation.rawValue ?? "+")
            let operations = steps.map { ($0.operation, number($0.operand, table, for: $0.operation.rawValue)) }
            return { cells, start, row throws(ExpressionEvaluationError) in
                var accumulator = try firstNumber(cells, start, row)
                for (operation, operand) in operations {
                    accumulator = try Expression.apply(operation, accumulator, try operand(cells, start, row))
                }
                return .number(accumulator)
            }
        case .comparison(let left, let operation, let right):
            let leftNode = compile(left, table)
            let rightNode = compile(right, table)
            return { cells, start, row throws(ExpressionEvaluationError) in
                let leftValue = try leftNode(cells, start, row)
                let rightValue = try rightNode(cells, start, row)
                return .flag(try Expression.compare(leftValue, operation, rightValue))
            }
        case .membership(.identifier("stage"), let items, let negated) where items.allSatisfy({ $0.hasSameKind(as: .text("")) }):
            // The commonest filter (`stage in [primary, …]`) by the row's stage number: which known
            // stages are among the items is decided once per table, not by comparing strings per row.
            let listed = SchoolRow.stages.map { items.contains(.text($0)) }
            let stage = identifier("stage", table)
            return { cells, start, row throws(ExpressionEvaluationError) in
                let index = table.stageIndex(row: row)
                // A known stage is never an unusable cell; an unknown one goes the long way.
                guard index != SchoolTable.unknown else {
                    return .flag(items.contains(try stage(cells, start, row)) != negated)
                }
                return .flag(listed[Int(index)] != negated)
            }
        case .membership(let operand, let items, let negated):
            let node = compile(operand, table)
            return { cells, start, row throws(ExpressionEvaluationError) in
                let value = try node(cells, start, row)
                if let first = items.first, !first.hasSameKind(as: value) {
                    throw .typeMismatch(negated ? "not in" : "in", expected: .sameKind, found: value)
                }
                return .flag(items.contains(value) != negated)
            }
        }
    }

    /// A field of the row, as `Evaluator`'s row lookup reads it: code and name from the row, any
    /// other field from its cell; a field the row lacks or holds a bad value in is unknown.
    private static func identifier(_ name: String, _ table: SchoolTable) -> Node {
        switch name {
        case "code":
            return { _, _, row throws(ExpressionEvaluationError) in .text(table.code(row: row)) }
        case "name":
            return { _, _, row throws(ExpressionEvaluationError) in .text(table.name(row: row)) }
        case "stage", "ownership":
            // Their cells hold only where they stand, or why the value is unusable.
            let column = name == "stage" ? 2 : 3
            return { cells, start, row throws(ExpressionEvaluationError) in
                if cells[start + column].kind == .invalid { throw .unknownIdentifier(name) }
                return .text(column == 2 ? table.stage(row: row) : table.ownership(row: row))
            }
        default:
            guard let column = table.field(name) else {
                return { _, _, _ throws(ExpressionEvaluationError) in throw .unknownIdentifier(name) }
            }
            return { cells, start, _ throws(ExpressionEvaluationError) in
                let cell = cells[start + column]
                switch cell.kind {
                case .number: return .number(cell.number)
                case .flag: return .flag(cell.flag)
                case .text: return .text(table.text(of: cell))
                case .invalid, .absent: throw .unknownIdentifier(name)
                }
            }
        }
    }

    private static func number(_ expression: Expression, _ table: SchoolTable, for operation: String) -> NumberNode {
        if case .number(let number) = expression {
            return { _, _, _ throws(ExpressionEvaluationError) in number }
        }
        let node = compile(expression, table)
        return { cells, start, row throws(ExpressionEvaluationError) in
            let value = try node(cells, start, row)
            guard case .number(let number) = value else {
                throw .typeMismatch(operation, expected: .number, found: value)
            }
            return number
        }
    }

    private static func flag(_ expression: Expression, _ table: SchoolTable, for operation: String) -> FlagNode {
        let node = compile(expression, table)
        return { cells, start, row throws(ExpressionEvaluationError) in
            let value = try node(cells, start, row)
            guard case .flag(let flag) = value else {
                throw .typeMismatch(operation, expected: .flag, found: value)
            }
            return flag
        }
    }
}
