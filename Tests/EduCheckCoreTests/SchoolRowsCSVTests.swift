import Testing
@testable import EduCheckCore

@Suite("School rows from CSV: the same checks as inline rows, located by cell")
struct SchoolRowsCSVTests {
    static let header = "code,name,stage,ownership,students,backbone_teachers\n"

    /// A submission of unit 440104 with these school rows listed inline (`  - {code: …}` lines).
    func inline(_ rows: String) throws -> (submission: Submission?, diagnostics: [Diagnostic]) {
        let ruleset = try TestRuleset.load(rules: TestRuleset.rule("r", measure: "{value: t.whole}", target: ">= 1"))
        return TestRuleset.submission("unit: \"440104\"\nperiod: 2025\nschools:\n" + rows, ruleset: ruleset)
    }

    /// The rows as a check reads them (straight from the bytes when the file is plain), which
    /// must be what the general reader makes of them.
    func read(_ text: String) throws -> (rows: SchoolTable?, diagnostics: [Diagnostic]) {
        guard case .success(let read) = SchoolRowsCSV.read(utf8: Array(text.utf8), path: "s.csv"),
              case .success(let table) = CSVReader.read(Array(text.utf8), path: "s.csv") else {
            throw TestRuleset.LoadFailure(diagnostics: [])
        }
        let general = SchoolRowsCSV.read(table, path: "s.csv")
        #expect(PlainSchoolRowsTests.dump(read.rows) == PlainSchoolRowsTests.dump(general.rows))
        #expect(read.diagnostics == general.diagnostics)
        return read
    }

    @Test("rows with typed fields, Excel's thousands separators undone and noted once per column")
    func rows() throws {
        let (rows, diagnostics) = try read(Self.header + """
        4401040001,"华阳小学,东校区",primary,public,"1,800",21
        4401040002,东山小学,primary,private,"1,200",是
        4401040003,启智学校,special,public,"2,400",
        """)
        let schools = try #require(rows)
        #expect(schools.map(\.code) == ["4401040001", "4401040002", "4401040003"])
        #expect(schools[0].name == "华阳小学,东校区")
        #expect(schools[0].fields["students"]?.number == Rational(1800))
        #expect(schools[0].fields["students"]?.location == SourceLocation(path: "s.csv", line: 2, column: 38))
        #expect(schools[0].location == SourceLocation(path: "s.csv", line: 2, column: 1))
        #expect(schools[1].fields["backbone_teachers"]?.flag == true)
        #expect(schools[2].fields["backbone_teachers"] == nil)
        let thousands = diagnostics.filter { $0.code == "normalized-thousands" }
        #expect(thousands.count == 1)
        #expect(thousands.first?.message.en.contains("2 more cells of column 'students'") == true)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
    }

    @Test("a missing identifying column makes the file unusable, said at the header")
    func missingColumn() throws {
        let (rows, diagnostics) = try read("code,name,ownership\n1,甲,public\n")
        #expect(rows == nil)
        #expect(diagnostics.map(\.code) == ["missing-column"])
        #expect(diagnostics.first?.message.en.contains("stage") == true)
    }

    /// Stages and ownerships are matched on their bytes, length and first byte first: text that
    /// shares those with a known name (or is a known name in another case, or cut short) is not it.
    @Test("a stage or ownership is known only when every byte matches", arguments: [
        ("primary", "public", true), ("special", "private", true), ("junior_secondary", "public", true),
        ("senior_secondary", "private", true), ("complete_secondary", "public", true),
        ("primarz", "public", false), ("sprcial", "public", false), ("junior_secondarx", "public", false),
        ("Primary", "public", false), ("primar", "public", false), ("p", "public", false),
        ("primary", "publik", false), ("primary", "privatE", false), ("primary", "pub", false),
    ])
    func knownStagesAndOwnerships(_ stage: String, _ ownership: String, _ known: Bool) throws {
        let (rows, diagnostics) = try read(Self.header + "4401040001,甲,\(stage),\(ownership),100,1\n")
        let table = try #require(rows)
        #expect(table.count == 1)
        #expect(diagnostics.contains { $0.code == "bad-value" } == !known)
        let stageIsKnown = table.stageIndex(row: 0) != SchoolTable.unknown
        #expect(stageIsKnown == SchoolRow.stages.contains(stage))
        if stageIsKnown { #expect(SchoolRow.stages[Int(table.stageIndex(row: 0))] == stage) }
        #expect(table.cell(row: 0, field: 2).content == (stageIsKnown ? .text(stage) : .invalid(LocalizedText(zh: "未知学段", en: "unknown stage"))))
        // Known or not, the text is the row's own.
        #expect(table.stage(row: 0) == stage)
        #expect(table.ownership(row: 0) == ownership)
        let ownershipIsKnown = SchoolRow.ownerships.contains(ownership)
        #expect(table.cell(row: 0, field: 3).content == (ownershipIsKnown ? .text(ownership) : .invalid(LocalizedText(zh: "未知办学性质", en: "unknown ownership"))))
    }

    @Test("duplicate codes, unknown stages, numbers Excel rewrote and negative counts are errors at the cell")
    func cellErrors() throws {
        let (rows, diagnostics) = try read(Self.header + """
        4401040001,甲,primary,public,100,1
        4401040001,乙,primary,public,100,1
        4401040002,丙,primry,public,100,1
        4.40104E+9,丁,primary,public,100,1
        4401040004,戊,primary,public,1.10101E+17,1
        4401040005,己,primary,public,85%,1
        4401040006,庚,primary,public,-5,1
        """)
        #expect(diagnostics.map(\.code) == ["duplicate-school-code", "bad-value", "mangled-code", "wrong-type", "wrong-type", "negative-count"])
        #expect(diagnostics[0].location == SourceLocation(path: "s.csv", line: 3, column: 1))
        #expect(diagnostics[0].notes.first?.location?.line == 2)
        #expect(diagnostics[1].message.en.contains("did you mean primary?"))
        #expect(diagnostics[3].location == SourceLocation(path: "s.csv", line: 6, column: 29))
        #expect(diagnostics[3].message.en.contains("students"))
        #expect(rows?.count == 6)
    }

    @Test("codes that lost their leading zeros, where the others have them")
    func leadingZeros() throws {
        let (_, lost) = try read(Self.header + "0044010001,甲,primary,public,1,1\n44010002,乙,primary,public,1,1\n0044010003,丙,primary,public,1,1\n")
        #expect(lost.map(\.code) == ["mangled-code"])
        #expect(lost.first?.location?.line == 3)
        let (_, plain) = try read(Self.header + "1,甲,primary,public,1,1\n22,乙,primary,public,1,1\n333,丙,primary,public,1,1\n")
        #expect(plain.isEmpty)
    }

    @Test("a row with the wrong number of fields stays in the list, unusable, so results over it are invalid and name it")
    func fieldCount() throws {
        let ruleset = try TestRuleset.load(rules: TestRuleset.rule(
            "cov", measure: "{coverage: {rows: \"stage in [primary]\", meets: \"backbone_teachers * 100 >= students\"}}", target: "全覆盖", scope: "[unit]"))
        let (rows, diagnostics) = try read(Self.header + "1,甲,primary,public,100,1\n2,乙,小学,primary,public,100,1\n")
        #expect(diagnostics.map(\.code) == ["csv-field-count"])
        #expect(diagnostics.first?.location == SourceLocation(path: "s.csv", line: 3, column: 27))
        #expect(diagnostics.first?.message.en.contains("after column 'backbone_teachers'") == true)
        let submission = Submission(path: "u.yaml", unit: "440104", period: 2025, schools: rows)
        let outcome = try #require(TestRuleset.evaluate(ruleset, [submission]).results.result("cov", unit: "440104"))
        #expect(outcome.status == .invalid)
        #expect(outcome.failingRows.map(\.code) == ["2"])
    }

    @Test("repeated and unnamed columns")
    func columns() throws {
        let (rows, diagnostics) = try read("code,name,stage,ownership,students,students,\n1,甲,primary,public,10,20,x\n")
        #expect(diagnostics.map(\.code) == ["duplicate-column", "unnamed-column"])
        #expect(rows?.first?.fields["students"]?.number == Rational(10))
    }

    @Test("inline YAML rows get the same checks: a number Excel rewrote is refused, not read as text")
    func inlineRows() throws {
        let (_, diagnostics) = try inline("""
          - {code: "1", name: 甲, stage: primary, ownership: public, students: 1.8E+3}
          - {code: "2", name: 乙, stage: primary, ownership: public, students: 很多}
        """)
        #expect(diagnostics.map(\.code) == ["wrong-type"])
        #expect(diagnostics.first?.location?.line == 4)
    }

    @Test("50,000 rows of one unit load quickly")
    func manyRows() throws {
        var text = Self.header
        text.reserveCapacity(3_000_000)
        for i in 0..<50_000 { text += "44010\(100_000 + i),学校\(i),primary,public,\"1,\(100 + i % 900)\",\(i % 30)\n" }
        let bytes = Array(text.utf8)
        let clock = ContinuousClock()
        var count = 0
        let elapsed = clock.measure {
            guard case .success(let table) = CSVReader.read(bytes, path: "s.csv") else { return }
            count = SchoolRowsCSV.read(table, path: "s.csv").rows?.count ?? 0
        }
        #expect(count == 50_000)
        #expect(elapsed < .seconds(10))
    }

    @Test("the plain-digits shortcut reads a cell as the full parser does, or leaves it to the parser",
          arguments: ["0", "7", "0012", "1309", "999999999999999999", "1000000000000000000", "", "1,800", "１２", "12.0", "-3", "+3", "1e3", "是", "85%", " 12"])
    func plainIntegerMatchesTheParser(_ text: String) {
        let parsed = SchoolRowBuilder.value("students", text: text, what: "students")
        if let number = NumberSyntax.plainInteger(text) {
            // The full number syntax (which the shortcut skips) reads the same value.
            let full = try? NumberSyntax.parseResult(text).get()
            #expect(full?.value == Rational(number))
            #expect(full?.isPercent == false)
            #expect(parsed.content == .number(Rational(number)))
            #expect(parsed.diagnostics.isEmpty)
        } else {
            // Anything else is left to the parser: not plain ASCII digits, or too long to be exact.
            #expect(text.isEmpty || text.utf8.count > 18 || !text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 })
        }
    }

    @Test("cells read from the file's bytes hold what the field's trimmed text reads as", arguments: [
        "4401040001,甲,primary,public,1309,17",
        " 4401040002 ,\t乙 ,\tnine_year , private\t, 0012 ,\t7\t",
        "\"4401040003\",\"丙,东校区\",\"primary\",\"public\",\" 1,800 \",\"\"",
        "4401040004,\"说\"\"丁\"\"\",\" special \",public,\"1\"\"2\",是",
        "4401040005,戊,primary,public,１２,85%",
        "4401040006,己,primary,public,-3,true",
        "4401040007,庚,primary,public,999999999999999999,1000000000000000000",
        "4401040008,辛,primary,public, ,很多",
    ])
    func bytesReadAsText(_ line: String) throws {
        guard case .success(let csv) = CSVReader.read(Array((Self.header + line).utf8), path: "s.csv") else {
            Issue.record("the CSV does not parse")
            return
        }
        let table = try #require(SchoolRowsCSV.read(csv, path: "s.csv").rows)
        #expect(table.count == 1)
        let fields = csv.records[1].fields
        for (index, name) in Self.header.dropLast().split(separator: ",").map(String.init).enumerated() {
            let text = fields[index].text.trimmingSpaces
            let expected: ReportedValue.Content? = text.isEmpty ? nil : SchoolRowBuilder.value(name, text: text, what: name).content
            let column = try #require(table.field(name))
            #expect(table.cell(row: 0, field: column).content == expected, "\(name): '\(fields[index].text)'")
            if expected != nil { #expect(table.cell(row: 0, field: column).mark == fields[index].mark) }
        }
    }

    @Test("rows are stored by column: cells keep their place, absent cells are nil, the path is kept once")
    func storedByColumn() throws {
        let (rows, _) = try read(Self.header + "4401040001,甲,primary,public,100,\n4401040002,乙,nine_year,private,200,3\n")
        let table = try #require(rows)
        #expect(table.count == 2)
        #expect(table.fieldNames.prefix(4) == ["code", "name", "stage", "ownership"])
        let students = try #require(table.field("students"))
        let backbone = try #require(table.field("backbone_teachers"))
        #expect(table.cell(row: 1, field: students).content == .number(Rational(200)))
        #expect(table.location(of: table.cell(row: 1, field: students)) == SourceLocation(path: "s.csv", line: 3, column: 32))
        #expect(table.cell(row: 0, field: backbone).content == nil)
        #expect(table[0].fields["backbone_teachers"] == nil)
        #expect(table.stage(row: 1) == "nine_year")
        #expect(table.field("no_such_field") == nil)
    }

    /// Text cells and the reasons of unusable ones are numbers into a list kept beside the cells:
    /// a dropped row must take its texts with it, and no row may read another's.
    @Test("each kept row's text and unusable cells are its own, whatever was dropped before it")
    func textCellsAfterDroppedRows() throws {
        let (rows, _) = try read("code,name,stage,ownership,note,students\n" + """
        4401040001,甲,primary,public,一,85%
        4401040001,重复,primary,public,二,1.5E3
        4401040002,乙,小学,public,三,-1
        4401040003,丙,primary,,四,很多
        4401040004,丁,special,private,五,7
        4401040005,戊,primary,public,六,1.10101E+17
        """)
        let table = try #require(rows)
        #expect(table.map(\.code) == ["4401040001", "4401040002", "4401040004", "4401040005"])
        let note = try #require(table.field("note")), students = try #require(table.field("students"))
        #expect((0..<table.count).map { table.cell(row: $0, field: note).content } == ["一", "三", "五", "六"].map { .text($0) })
        let kinds = (0..<table.count).map { row -> String in
            switch table.cell(row: row, field: students).content {
            case .number(let value): "\(value)"
            case .invalid(let reason): "invalid: \(reason.en)"
            default: "?"
            }
        }
        #expect(kinds[2] == "7")
        #expect(kinds[0].hasPrefix("invalid") && kinds[1].hasPrefix("invalid") && kinds[3].hasPrefix("invalid"), "\(kinds)")
        #expect(table.cell(row: 1, field: 2).content == .invalid(LocalizedText(zh: "未知学段", en: "unknown stage")))
        #expect(table.cell(row: 1, field: 2).mark == SourceMark(line: 4, column: 14))
    }

    /// Names are kept one after another, apart from the cells: a row dropped after its name was
    /// read must not leave its name to the next row.
    @Test("each kept row has its own name, whatever was dropped before it, and its name cell says where it stands")
    func namesAfterDroppedRows() throws {
        let (rows, _) = try read(Self.header + #"""
        4401040001,华阳小学,primary,public,1,
        4401040001,重复的学校,primary,public,2,
        4401040002,,primary,public,3,
        4401040003,"启智""学校""",special,public,4,
        4401040004,没有学段的学校,,public,5,
        4401040005,  东山小学	,primary,private,6,
        4401040006,少一列的学校,primary
        4401040007,😀 Emoji 学校,primary,public,7,
        """#)
        let table = try #require(rows)
        let names = ["华阳小学", "启智\"学校\"", "东山小学", "少一列的学校", "😀 Emoji 学校"]
        #expect(table.map(\.code) == ["4401040001", "4401040003", "4401040005", "4401040006", "4401040007"])
        #expect(table.map(\.name) == names)
        for (row, name) in names.enumerated() {
            #expect(table.cell(row: row, field: 1).content == .text(name))
            #expect(table[row].fields["name"]?.content == .text(name))
        }
        #expect(table.location(of: table.cell(row: 0, field: 1)) == SourceLocation(path: "s.csv", line: 2, column: 12))
        #expect(table.location(of: table.cell(row: 2, field: 1)) == SourceLocation(path: "s.csv", line: 7, column: 12))
    }

    @Test("inline rows keep their own names too, after a row dropped for a missing stage")
    func inlineNames() throws {
        let (submission, _) = try inline("""
          - {code: "1", name: 甲校, ownership: public}
          - {code: "2", name: 乙校, stage: primary, ownership: public}
          - {code: "3", name: 1234, stage: primary, ownership: public}
        """)
        let table = try #require(submission?.schools)
        #expect(table.map(\.name) == ["乙校", "1234"])
        #expect(table.cell(row: 1, field: 1).content == .text("1234"))
    }

    /// Codes that ascend are compared only with the one before; the first that does not ascend
    /// sends them all to a table. Whatever the order, a row is kept exactly when its code was not
    /// listed before, and a duplicate points at the first listing.
    @Test("duplicates are found in ascending, descending and shuffled lists, before and after the order breaks", arguments: 0..<60)
    func duplicatesInAnyOrder(seed: UInt64) throws {
        var generator = SplitMix(seed: seed)
        let count = 1 + generator.next(40)
        // Mostly ascending runs with breaks and repeats, codes of a few lengths.
        var codes: [String] = []
        var next = 100
        for _ in 0..<count {
            switch generator.next(6) {
            case 0 where !codes.isEmpty: codes.append(codes[generator.next(codes.count)])
            case 1: next -= generator.next(20)
            case 2: codes.append(String(generator.next(3) == 0 ? next % 10 : next * 10))
            default: break
            }
            next += 1 + generator.next(3)
            codes.append(String(max(next, 0)))
        }
        let (rows, diagnostics) = try read(Self.header + codes.enumerated().map { "\($1),校\($0),primary,public,1," }.joined(separator: "\n") + "\n")
        let table = try #require(rows)
        var firstLine: [String: Int] = [:]
        var kept: [String] = []
        var duplicates: [(line: Int, first: Int)] = []
        for (index, code) in codes.enumerated() {
            if let first = firstLine[code] {
                duplicates.append((index + 2, first))
            } else {
                firstLine[code] = index + 2
                kept.append(code)
            }
        }
        #expect(table.map(\.code) == kept, "\(codes)")
        let found = diagnostics.filter { $0.code == "duplicate-school-code" }
        #expect(found.map { $0.location?.line } == duplicates.map(\.line), "\(codes)")
        #expect(found.map { $0.notes.first?.location?.line } == duplicates.map(\.first), "\(codes)")
    }

    /// Codes of up to 15 digits are compared as numbers that keep their length; longer ones and
    /// any other codes as text. The two ways must agree on what a duplicate is.
    @Test("a code is a duplicate exactly when its text is", arguments: [
        ("4401040001", "4401040001", true), ("0012", "12", false), ("12", "012", false), ("0", "00", false),
        ("123456789012345", "123456789012345", true), ("123456789012345", "023456789012345", false),
        ("1234567890123456", "1234567890123456", true), ("1234567890123456", "1234567890123457", false),
        ("99999999999999999999", "99999999999999999999", true), ("A12", "A12", true), ("A12", "12", false),
        ("12", "12 ", true), ("１２", "12", false), ("4.40104E+5", "440104", false),
    ])
    func duplicateCodes(first: String, second: String, duplicate: Bool) throws {
        let (rows, diagnostics) = try read(Self.header + "\(first),甲,primary,public,1,\n\(second),乙,primary,public,2,\n")
        let table = try #require(rows)
        #expect(diagnostics.contains { $0.code == "duplicate-school-code" } == duplicate)
        #expect(table.count == (duplicate ? 1 : 2))
        #expect(table.first?.name == "甲")
    }
}
