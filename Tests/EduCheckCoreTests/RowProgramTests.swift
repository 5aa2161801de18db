import Testing
@testable import EduCheckCore

/// A compiled row filter gives what the expression interpreter gives with a lookup of the row's
/// fields: the same value or the same error, on every row, for written and generated expressions.
@Suite("Row filters compiled against a table")
struct RowProgramTests {
    /// Rows with every kind of cell: numbers, text, flags, empty cells and bad values.
    static let table: SchoolTable = {
        let csv = """
        code,name,stage,ownership,students,backbone_teachers,boarding,note,ratio
        4401040001,甲小学,primary,public,1200,12,true,,0.5
        4401040002,乙中学,junior_secondary,private,0,0,否,有寄宿,7
        4401040003,丙学校,nine_year,public,800,-3,是,x,
        4401040004,丁学校,小学,public,9223372036854775807,2,maybe,,1
        4401040005,戊学校,special,public,,9,false,9,-2.5
        """
        guard case .success(let parsed) = CSVReader.read(Array(csv.utf8), path: "t.csv"),
              let table = SchoolRowsCSV.read(parsed, path: "t.csv").rows else {
            fatalError("the test table did not load")
        }
        return table
    }()

    static let written = [
        "stage in [primary, junior_secondary, nine_year, complete_secondary, twelve_year]",
        "backbone_teachers * 100 >= students",
        "stage not in [special]", "ownership = public and students > 0", "not boarding", "boarding or students / backbone_teachers > 50",
        "-students < 0", "students - backbone_teachers * 2 + 1 != 0", "code = \"4401040002\"", "name in [\"甲小学\", \"丁学校\"]",
        "ratio * ratio <= 1", "note = x", "missing_field > 1", "students in [0, 800]", "stage in [1, 2]", "boarding = 1",
        "students / 0 > 1", "students * students * students > 0", "true and (false or boarding)", "stage > primary",
    ]

    static func interpreted(_ expression: Expression, row: Int) -> Result<ExpressionValue, ExpressionEvaluationError> {
        let table = table
        do {
            return .success(try expression.evaluate { name in
                switch name {
                case "code": return .text(table.code(row: row))
                case "name": return .text(table.name(row: row))
                default:
                    switch table.field(name).flatMap({ table.cell(row: row, field: $0).content }) {
                    case .number(let value): return .number(value)
                    case .flag(let value): return .flag(value)
                    case .text(let value): return .text(value)
                    case .invalid, nil: return nil
                    }
                }
            })
        } catch {
            return .failure(error)
        }
    }

    static func compiled(_ expression: Expression, row: Int) -> Result<ExpressionValue, ExpressionEvaluationError> {
        let program = RowProgram(expression, table: table)
        return table.withCells { cells in
            do throws(ExpressionEvaluationError) {
                return .success(try program.evaluate(row: row, start: row * table.width, cells: cells))
            } catch {
                return .failure(error)
            }
        }
    }

    @Test("the table has every kind of cell")
    func tableHasEveryKind() {
        let contents = (0..<Self.table.count).flatMap { row in (0..<Self.table.width).map { Self.table.cell(row: row, field: $0).content } }
        #expect(contents.contains { if case .number = $0 { true } else { false } })
        #expect(contents.contains { if case .flag = $0 { true } else { false } })
        #expect(contents.contains { if case .text = $0 { true } else { false } })
        #expect(contents.contains { if case .invalid = $0 { true } else { false } })
        #expect(contents.contains { $0 == nil })
    }

    /// `stage in […]` is decided by the row's stage number; a wrong number would pass or drop the
    /// wrong schools.
    @Test("each row's stage number is where its stage is in the list of stages")
    func stageNumbers() {
        for row in 0..<Self.table.count {
            let stage = Self.table.stage(row: row)
            #expect(Self.table.stageIndex(row: row) == SchoolRow.stages.firstIndex(of: stage).map(UInt8.init) ?? SchoolTable.unknown, "\(stage)")
        }
        #expect(Self.table.stageIndex(row: 3) == SchoolTable.unknown)
    }

    @Test("written filters: the same value or error on every row", arguments: written)
    func writtenFilters(_ text: String) throws {
        let expression = try Expression.parse(text)
        for row in 0..<Self.table.count {
            #expect(Self.compiled(expression, row: row) == Self.interpreted(expression, row: row), "\(text), row \(row)")
        }
    }

    /// Expressions built from every kind of node over the table's fields, literals of each kind
    /// and a field no row has, to a depth of three.
    @Test("generated expressions: the same value or error on every row")
    func generated() {
        var generator = SplitMix(seed: 7)
        var checked = 0
        for _ in 0..<3_000 {
            let expression = Self.randomExpression(&generator, depth: 3)
            for row in 0..<Self.table.count {
                let compiled = Self.compiled(expression, row: row)
                let interpreted = Self.interpreted(expression, row: row)
                #expect(compiled == interpreted, "\(expression), row \(row)")
                checked += 1
            }
        }
        #expect(checked == 15_000)
    }

    static let fields = ["code", "name", "stage", "ownership", "students", "backbone_teachers", "boarding", "note", "ratio", "missing_field"]
    static let literals: [Expression] = [.number(Rational(0)), .number(Rational(100)), .number(Rational(-1)), .flag(true), .flag(false), .text("primary"), .text("x")]

    static func randomExpression(_ generator: inout SplitMix, depth: Int) -> Expression {
        let leaf = depth == 0 || generator.next(5) == 0
        if leaf {
            return generator.next(3) == 0 ? literals[generator.next(literals.count)] : .identifier(fields[generator.next(fields.count)])
        }
        let child = { (generator: inout SplitMix) in randomExpression(&generator, depth: depth - 1) }
        switch generator.next(7) {
        case 0: return .negation(child(&generator))
        case 1: return .not(child(&generator))
        case 2: return .and([child(&generator), child(&generator)])
        case 3: return .or([child(&generator), child(&generator), child(&generator)])
        case 4:
            let operations = Expression.ArithmeticOperator.allCases
            return .arithmetic(child(&generator), [
                Expression.ArithmeticStep(operations[generator.next(4)], child(&generator)),
                Expression.ArithmeticStep(operations[generator.next(4)], child(&generator)),
            ])
        case 5:
            let operations = Expression.ComparisonOperator.allCases
            return .comparison(child(&generator), operations[generator.next(operations.count)], child(&generator))
        default:
            let lists: [[ExpressionValue]] = [[.text("primary"), .text("nine_year")], [.number(Rational(0)), .number(Rational(800))], [.flag(true)], []]
            return .membership(child(&generator), lists[generator.next(lists.count)], negated: generator.next(2) == 0)
        }
    }
}

/// A small deterministic generator, so a failure can be replayed.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
