import EduCheckCore
@testable import EduCheckReports
import Testing

@Suite("CSV matrix")
struct CSVReporterTests {
    @Test("UTF-8 with BOM, CRLF line ends, one row per unit, the city last")
    func shape() throws {
        let csv = CanonicalReport.render(.csv)
        let bytes = Array(csv.utf8)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(csv.hasSuffix("\r\n"))
        // Every LF belongs to a CRLF.
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            #expect(index > 0 && bytes[index - 1] == 0x0D)
        }
        let rows = String(csv.dropFirst()).components(separatedBy: "\r\n").dropLast().map { $0.components(separatedBy: ",") }
        let report = CanonicalReport.report
        #expect(rows.first == ["单位代码", "单位"] + report.ruleset.rules.map(\.id))
        #expect(rows.map(\.first) == ["单位代码", "440100", "440103", "440104", "440106", "440100"])
        #expect(rows.last?[1] == "全市汇总")
        #expect(rows.allSatisfy { $0.count == report.ruleset.rules.count + 2 })
        let yuexiu = try #require(rows.first { $0.first == "440104" })
        #expect(yuexiu[2] == "未达标")
        #expect(rows.first { $0.first == "440106" }?[2] == "未提交")
    }

    @Test("RFC 4180 quoting and a guard against formulas")
    func fields() {
        #expect(CSVReporter.field("plain 文本") == "plain 文本")
        #expect(CSVReporter.field("a,b") == "\"a,b\"")
        #expect(CSVReporter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVReporter.field("line\nbreak") == "\"line\nbreak\"")
        #expect(CSVReporter.field("=SUM(A1)") == "'=SUM(A1)")
        #expect(CSVReporter.field("-1,2") == "\"'-1,2\"")
    }

    @Test("status labels follow the language")
    func english() {
        let csv = CanonicalReport.render(.csv, .en)
        #expect(csv.contains("unit code,unit,"))
        #expect(csv.contains("City total"))
        #expect(csv.contains("not submitted"))
    }
}
