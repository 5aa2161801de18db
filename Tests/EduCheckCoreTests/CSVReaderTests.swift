import Testing
@testable import EduCheckCore

@Suite("CSVReader: RFC 4180, with the line and column of every field")
struct CSVReaderTests {
    func read(_ text: String, limits: CSVReader.Limits = CSVReader.Limits()) -> Result<CSVTable, Diagnostic> {
        CSVReader.read(Array(text.utf8), path: "t.csv", limits: limits)
    }

    func table(_ text: String) throws -> CSVTable {
        switch read(text) {
        case .success(let table): return table
        case .failure(let diagnostic): throw diagnostic
        }
    }

    func texts(_ table: CSVTable) -> [[String]] {
        table.records.map { $0.fields.map(\.text) }
    }

    @Test("LF, CRLF and CR end records; a final line break adds no record", arguments: ["a,b\n1,2\n", "a,b\r\n1,2\r\n", "a,b\r1,2", "a,b\n1,2"])
    func lineEndings(text: String) throws {
        #expect(texts(try table(text)) == [["a", "b"], ["1", "2"]])
    }

    @Test("quoted fields hold delimiters, doubled quotes and line breaks")
    func quoting() throws {
        let parsed = try table("name,value\n\"华阳,小学\",\"1,520\"\n\"说\"\"明\",\"两\r\n行\"\nlast,x\n")
        #expect(texts(parsed) == [["name", "value"], ["华阳,小学", "1,520"], ["说\"明", "两\r\n行"], ["last", "x"]])
        #expect(parsed.records[1].fields.map(\.isQuoted) == [true, true])
        // A record that spans lines starts where it starts; the next one is counted after it.
        #expect(parsed.records[2].line == 3)
        #expect(parsed.records[3].line == 5)
    }

    @Test("every field knows its line and its column in characters, quotes included")
    func positions() throws {
        let parsed = try table("unit,period\n440104,\"学校\",x\n华阳小学,,y")
        #expect(parsed.records[1].fields.map(\.mark) == [SourceMark(line: 2, column: 1), SourceMark(line: 2, column: 8), SourceMark(line: 2, column: 13)])
        #expect(parsed.records[2].fields.map(\.mark) == [SourceMark(line: 3, column: 1), SourceMark(line: 3, column: 6), SourceMark(line: 3, column: 7)])
        #expect(parsed.records[2].end == SourceMark(line: 3, column: 8))
    }

    @Test("blank lines and lines of empty fields (Excel's empty rows) are not records; a trailing delimiter is an empty field")
    func blankLines() throws {
        let parsed = try table("a,b\n\n,\n1,\n\r\n")
        #expect(texts(parsed) == [["a", "b"], ["1", ""]])
        #expect(texts(try table("a,b\n1,")) == [["a", "b"], ["1", ""]])
        #expect(texts(try table("a,b\n\"\",\n")) == [["a", "b"], ["", ""]])
    }

    @Test("a tab-separated header (Excel's Unicode text) makes tab the delimiter")
    func tabs() throws {
        let parsed = try table("unit\tperiod\n440104\t\"a,b\"\n")
        #expect(parsed.delimiter == 0x09)
        #expect(texts(parsed) == [["unit", "period"], ["440104", "a,b"]])
        #expect(try table("a,b\tc\n").delimiter == 0x2C)
    }

    @Test("broken quoting is refused where it breaks", arguments: [
        ("a,b\n1,\"2\n", "csv-syntax", SourceMark(line: 2, column: 3)),
        ("a,b\n1,2\"x\n", "csv-syntax", SourceMark(line: 2, column: 4)),
        ("a,b\n\"1\" ,2\n", "csv-syntax", SourceMark(line: 2, column: 4)),
        ("a,b\n1,学\0\n", "nul-byte", SourceMark(line: 2, column: 4)),
        ("a,b\n\"1\0\",2\n", "nul-byte", SourceMark(line: 2, column: 3)),
    ])
    func refused(text: String, code: String, mark: SourceMark) throws {
        guard case .failure(let diagnostic) = read(text) else {
            Issue.record("should be refused: \(text.debugDescription)")
            return
        }
        #expect(diagnostic.code == code)
        #expect(diagnostic.location == mark.location(in: "t.csv"))
        #expect(!diagnostic.message.zh.isEmpty && !diagnostic.message.en.isEmpty)
    }

    @Test("an overlong field and too many fields are refused at the field")
    func limits() throws {
        let limits = CSVReader.Limits(maxFieldBytes: 8, maxFields: 3)
        guard case .failure(let long) = read("a,b\nx,123456789\n", limits: limits),
              case .failure(let wide) = read("a,b,c,d\n", limits: limits),
              case .success = read("a,b\nx,12345678\n", limits: limits)
        else {
            Issue.record("limits not applied")
            return
        }
        #expect(long.code == "value-too-long")
        #expect(long.location == SourceLocation(path: "t.csv", line: 2, column: 3))
        #expect(wide.code == "csv-too-many-fields")
        #expect(wide.location == SourceLocation(path: "t.csv", line: 1, column: 7))
    }

    @Test("an empty file is a table with no records")
    func empty() throws {
        #expect(try table("").records.isEmpty)
        #expect(try table("\n\n").records.isEmpty)
    }

    @Test("100,000 records read quickly")
    func large() throws {
        var text = "code,name,stage,ownership,students,backbone_teachers\n"
        text.reserveCapacity(10_000_000)
        for i in 0..<100_000 { text += "44010\(100_000 + i),学校\(i),primary,public,\"1,\(100 + i % 900)\",\(i % 30)\n" }
        let bytes = Array(text.utf8)
        let clock = ContinuousClock()
        var count = 0
        let elapsed = clock.measure {
            if case .success(let table) = CSVReader.read(bytes, path: "big.csv") { count = table.records.count }
        }
        #expect(count == 100_001)
        // Debug builds are several times slower than release; the bound is for both.
        #expect(elapsed < .seconds(10))
    }

    @Test("fields of every length, in ASCII, CJK and emoji, keep their text and the column of their first character")
    func columnsOfLongFields() throws {
        let pieces = ["x", "", "12345678", "abcdefghijklmnopqrstuvwxyz", "学校名称很长的一所学校", "😀😀a😀", "荷城区东河镇梅林外国语小学", " 8 spaces ", "é"]
        var generator = SystemRandomNumberGenerator()
        var lines: [[String]] = []
        for _ in 0..<300 {
            lines.append((0..<Int.random(in: 1...6, using: &generator)).map { _ in
                (0..<Int.random(in: 1...3, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            })
        }
        // Every record has a field that is not empty, so none is dropped as blank.
        for index in lines.indices { lines[index][0] = "r\(index)" + lines[index][0] }
        let parsed = try table(lines.map { $0.joined(separator: ",") }.joined(separator: "\n"))
        #expect(parsed.records.count == lines.count)
        for (number, fields) in lines.enumerated() {
            let record = parsed.records[number]
            #expect(record.fields.map(\.text) == fields)
            var column = 1
            for (index, field) in fields.enumerated() {
                #expect(record.fields[index].mark == SourceMark(line: number + 1, column: column), "line \(number + 1) field \(index)")
                column += field.unicodeScalars.count + 1
            }
            #expect(record.end == SourceMark(line: number + 1, column: column - 1))
        }
    }

    @Test("a field is refused one byte past the limit, whatever the limit and however the field is read", arguments: 1...40)
    func fieldLimitAtEveryLength(limit: Int) {
        let limits = CSVReader.Limits(maxFieldBytes: limit, maxFields: 10)
        for length in max(0, limit - 9)...(limit + 9) {
            let field = String(repeating: "7", count: length)
            let result = read("a,b\nx," + field + ",z\n", limits: limits)
            if length <= limit {
                guard case .success(let parsed) = result else {
                    Issue.record("a field of \(length) bytes was refused at a limit of \(limit)")
                    continue
                }
                #expect(parsed.records[1].fields[1].text == field)
                #expect(parsed.records[1].fields[2].mark.column == 4 + length)
            } else {
                guard case .failure(let diagnostic) = result else {
                    Issue.record("a field of \(length) bytes was read at a limit of \(limit)")
                    continue
                }
                #expect(diagnostic.code == "value-too-long")
                #expect(diagnostic.location == SourceLocation(path: "t.csv", line: 2, column: 3))
            }
        }
    }

    @Test("counting the bytes with their high bit set agrees with a bit count, on every byte pattern of the kind")
    func highBitCount() {
        // Words whose only set bits are high bits of bytes: all 256 patterns of eight such bits.
        for pattern in 0..<256 {
            var word: UInt64 = 0
            for byte in 0..<8 where pattern >> byte & 1 == 1 { word |= 0x80 << (8 * UInt64(byte)) }
            #expect(CSVReader.Parser.highBitCount(word) == word.nonzeroBitCount, "\(String(word, radix: 16))")
        }
    }
}
