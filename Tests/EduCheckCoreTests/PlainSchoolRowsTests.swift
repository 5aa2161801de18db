import Testing
@testable import EduCheckCore

/// `SchoolRowsCSV.readPlain` reads most school-row files without `CSVReader`'s table. It must
/// give exactly the rows, cells, places and diagnostics the general reader gives, and leave
/// every file it cannot read that way to it.
@Suite("School rows read straight from the bytes: the general reader's result, or none")
struct PlainSchoolRowsTests {
    static let header = "code,name,stage,ownership,students,backbone_teachers"

    /// Everything a table holds, one line per cell: for comparing two tables.
    static func dump(_ table: SchoolTable?) -> [String] {
        guard let table else { return ["no table"] }
        var lines = ["fields \(table.fieldNames)"]
        for row in table.indices {
            lines.append("row \(row): \(table.code(row: row)) \(table.name(row: row)) \(table.stage(row: row)) \(table.ownership(row: row)) at \(table.location(row: row))")
            for field in table.fieldNames.indices {
                let cell = table.cell(row: row, field: field)
                lines.append("  \(table.fieldNames[field]): \(String(describing: cell.content)) at \(cell.mark.line):\(cell.mark.column)")
            }
        }
        return lines
    }

    /// What the general reader makes of the text: its rows and diagnostics, or its syntax error.
    static func general(_ text: [UInt8], limits: CSVReader.Limits = CSVReader.Limits()) -> [String] {
        switch CSVReader.read(text, path: "s.csv", limits: limits) {
        case .success(let table):
            let read = SchoolRowsCSV.read(table, path: "s.csv")
            return dump(read.rows) + read.diagnostics.map { "\($0)" }
        case .failure(let diagnostic):
            return ["syntax \(diagnostic)"]
        }
    }

    static func plain(_ text: [UInt8], limits: CSVReader.Limits = CSVReader.Limits()) -> [String]? {
        text.withUnsafeBufferPointer { SchoolRowsCSV.readPlain($0, path: "s.csv", limits: limits) }.map { read in
            dump(read.rows) + read.diagnostics.map { "\($0)" }
        }
    }

    @Test("a plain file is read from its bytes, to the general reader's rows and diagnostics", arguments: [
        header + "\n4401040001,华阳小学,primary,public,1800,21\n4401040002,东山小学,primary,private,1200,是\n",
        // Quoted fields: a comma, doubled quotes, nothing, spaces; a name with an emoji.
        header + "\n4401040001,\"华阳小学,东校区\",primary,public,\"1,800\",21\n4401040002,\"说\"\"丁\"\"\",\" special \",public,\"\",\n4401040003,😀 学校,primary,public,7,1",
        // CRLF, spaces and tabs around fields, no line break at the end.
        header + "\r\n 4401040002 ,\t乙 ,\tnine_year , private\t, 0012 ,\t7\t\r\n4401040003,丙,primary,public,１２,85%",
        // Duplicate codes, an unknown stage and ownership, a missing name, codes that lost zeros.
        header + "\n0012345678,甲,primary,public,1,\n0012345678,乙,primary,public,2,\n12345678,丙,小学,公办,3,\n0012345679,,primary,public,4,\n",
        // Columns in another order, an extra column no rule reads, a repeated column.
        "name,code,note,stage,ownership,students,students\n甲,4401040001,好,primary,public,5,6\n",
        // Tabs for delimiters (Excel's "Unicode text").
        "code\tname\tstage\townership\tstudents\n4401040001\t甲,乙\tprimary\tpublic\t9\n",
        // A header only; a header without its line break.
        header + "\n", header,
        // Text, flags and numbers a spreadsheet mangled, repeated down a column.
        header + "\n4401040001,甲,primary,public,1.10101E+17,很多\n4401040002,乙,primary,public,-3,true\n4401040003,丙,primary,public,\"2,400\",否\n",
    ])
    func plainFiles(_ text: String) throws {
        let bytes = Array(text.utf8)
        let plain = try #require(Self.plain(bytes), "the file was left to the general reader")
        #expect(plain == Self.general(bytes))
    }

    @Test("a file that is not plain is left to the general reader, which reports on it", arguments: [
        header + "\r4401040001,甲,primary,public,1,2\n",                         // a CR alone ends the header
        header + "\n4401040001,甲,primary,public,1,2\r4401040002,乙,primary,public,1,2\n",
        header + "\n4401040001,甲,primary,public,1,2\n\n4401040002,乙,primary,public,1,2\n", // a blank line
        header + "\n,,,,,\n",                                                     // a line of empty fields
        "\n" + header + "\n4401040001,甲,primary,public,1,2\n",                  // a blank first line
        header + "\n4401040001,甲,primary,public,1,2,3\n",                         // a field too many
        header + "\n4401040001,甲,primary,public,1\n",                             // a field too few
        header + "\n4401040001,甲\"乙,primary,public,1,2\n",                      // a quote in an unquoted field
        header + "\n4401040001,\"甲\"乙,primary,public,1,2\n",                   // text after the closing quote
        header + "\n4401040001,\"甲\n乙\",primary,public,1,2\n",                // a line break inside quotes
        header + "\n4401040001,\"甲,primary,public,1,2\n",                        // a quote never closed
        header + "\n4401040001,甲\u{0},primary,public,1,2\n",                     // a NUL byte
        header + "\n4401040001,甲,primary,public,1,",                               // a delimiter at the very end
        "code,name,,stage,ownership\n4401040001,甲,,primary,public\n",             // a blank column name
        "code,\"name\nx\",stage,ownership\n1,甲,primary,public\n",              // a header across lines
        "code,name,ownership\n1,甲,public\n",                                      // a required column missing
        "code,name,ownership\n1,甲\"乙,public\n",                                 // … and a syntax error below it
        "",
    ])
    func filesThatAreNotPlain(_ text: String) throws {
        let bytes = Array(text.utf8)
        #expect(Self.plain(bytes) == nil)
        // What a check reads: the general reader's rows, or its syntax error.
        let read: [String]
        switch SchoolRowsCSV.read(utf8: bytes, path: "s.csv") {
        case .success(let rows): read = Self.dump(rows.rows) + rows.diagnostics.map { "\($0)" }
        case .failure(let diagnostic): read = ["syntax \(diagnostic)"]
        }
        #expect(read == Self.general(bytes))
    }

    @Test("a field over the limit is left to the general reader, one at the limit is not")
    func fieldLimit() throws {
        let limits = CSVReader.Limits(maxFieldBytes: 12, maxFields: 1024)
        let header = "code,name,stage,ownership,n\n"
        for atLimit in [header + "440104,甲乙丙丁,primary,public,123456789012\n", header + "440104,\"甲乙丙丁\",primary,public,\"123456789012\"\n"] {
            let bytes = Array(atLimit.utf8)
            let plain = try #require(Self.plain(bytes, limits: limits), "\(atLimit)")
            #expect(plain == Self.general(bytes, limits: limits))
        }
        for over in [header + "440104,甲乙丙丁戊,primary,public,1\n", header + "440104,甲,primary,public,\"1234567890123\"\n"] {
            let bytes = Array(over.utf8)
            #expect(Self.plain(bytes, limits: limits) == nil, "\(over)")
            #expect(Self.general(bytes, limits: limits).first?.contains("value-too-long") == true)
        }
    }

    /// Files made of pieces that move columns and lines about (multi-byte characters, quotes,
    /// doubled quotes, spaces, tabs, line breaks, delimiters): wherever the plain reader takes a
    /// file, it must place every cell where the general reader does.
    @Test("random files: the plain reader agrees with the general reader on every file it takes", arguments: 0..<8)
    func randomFiles(batch: UInt64) {
        let pieces = ["4401040001", "12", "0", "甲", "华阳小学", "😀", "é", " ", "\t", "\u{1}", "\u{1F}", ",", "\"", "\"\"", "\n", "\r\n", "\r", "primary", "public", "1,800", "-3", "是", "85%"]
        var generator = SplitMix(seed: 0x5EED_0000 + batch)
        var taken = 0
        for _ in 0..<400 {
            var text = Self.header + "\n"
            for _ in 0..<(1 + generator.next(6)) {
                // Mostly well-formed rows, with a random piece here and there.
                var fields = ["44010400\(10 + generator.next(90))", "校\(generator.next(9))", "primary", "public", "\(generator.next(500))", "\(generator.next(30))"]
                for _ in 0..<generator.next(3) {
                    let at = generator.next(fields.count)
                    let piece = pieces[generator.next(pieces.count)]
                    fields[at] = generator.next(2) == 0 ? fields[at] + piece : "\"" + fields[at] + piece + "\""
                }
                text += fields.joined(separator: ",") + (generator.next(5) == 0 ? "\r\n" : "\n")
            }
            let bytes = Array(text.utf8)
            guard let plain = Self.plain(bytes) else { continue }
            taken += 1
            #expect(plain == Self.general(bytes), "\(text.debugDescription)")
        }
        // The pieces are meant to be mostly plain: a reader that gave up on everything would
        // pass the comparison above without reading anything.
        #expect(taken > 100, "the plain reader took only \(taken) of 400 files")
    }
}
