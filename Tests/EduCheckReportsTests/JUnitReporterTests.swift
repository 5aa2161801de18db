import EduCheckCore
@testable import EduCheckReports
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("JUnit report")
struct JUnitReporterTests {
    /// The elements of a parsed document, with their attributes and text, in document order.
    final class Collector: NSObject, XMLParserDelegate {
        struct Element {
            var name: String
            var attributes: [String: String]
            var parent: String?
            var text = ""
        }

        var elements: [Element] = []
        private var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            elements.append(Element(name: name, attributes: attributes, parent: open.last.map { elements[$0].name }))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let index = open.last { elements[index].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func count(_ name: String, under parent: String) -> Int {
            elements.filter { $0.name == name && $0.parent == parent }.count
        }
    }

    static func parse(_ xml: String) throws -> Collector {
        let parser = XMLParser(data: Data(xml.utf8))
        let collector = Collector()
        parser.delegate = collector
        let ok = parser.parse()
        try #require(ok, "the JUnit report is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)")
        return collector
    }

    @Test("parses as XML and its counts match the results", arguments: Language.allCases)
    func countsMatch(_ language: Language) throws {
        let report = CanonicalReport.report
        let document = try Self.parse(CanonicalReport.render(.junit, language))
        let root = try #require(document.elements.first)
        #expect(root.name == "testsuites")

        let errorDiagnostics = report.diagnostics.filter { $0.severity == .error }.count
        let cases = document.elements.filter { $0.name == "testcase" }
        #expect(cases.count == report.results.count + errorDiagnostics)
        #expect(root.attributes["tests"] == String(report.results.count + errorDiagnostics))
        #expect(root.attributes["failures"] == String(report.summary.count(.fail)))
        #expect(root.attributes["errors"] == String(report.summary.count(.missing) + report.summary.count(.invalid) + errorDiagnostics))
        #expect(root.attributes["skipped"] == String(report.summary.count(.notApplicable)))
        #expect(document.count("failure", under: "testcase") == report.summary.count(.fail))
        #expect(document.elements.filter { $0.name == "error" && $0.attributes["type"] == "DataMissing" }.count == report.summary.count(.missing))
        #expect(document.elements.filter { $0.name == "error" && $0.attributes["type"] == "Invalid" }.count == report.summary.count(.invalid))
        #expect(document.count("skipped", under: "testcase") == report.summary.count(.notApplicable))

        // Each suite's own attributes add up to what its cases say.
        var index = 0
        let elements = document.elements
        while index < elements.count {
            defer { index += 1 }
            guard elements[index].name == "testsuite" else { continue }
            let suite = elements[index]
            var end = index + 1
            while end < elements.count, elements[end].name != "testsuite" { end += 1 }
            let members = elements[(index + 1)..<end]
            #expect(suite.attributes["tests"] == String(members.filter { $0.name == "testcase" }.count), "suite \(suite.attributes["name"] ?? "?")")
            #expect(suite.attributes["failures"] == String(members.filter { $0.name == "failure" }.count))
            #expect(suite.attributes["errors"] == String(members.filter { $0.name == "error" }.count))
            #expect(suite.attributes["skipped"] == String(members.filter { $0.name == "skipped" }.count))
        }
    }

    @Test("one case per rule × unit, named after the rule, in a class named after the unit")
    func naming() throws {
        let document = try Self.parse(CanonicalReport.render(.junit))
        let cases = document.elements.filter { $0.name == "testcase" }
        #expect(cases.contains { $0.attributes["classname"] == "440104 越秀区" && $0.attributes["name"] == "enrolment-rate" && $0.attributes["file"] == "submissions/440104-越秀.yaml" && $0.attributes["line"] == "7" })
        #expect(cases.contains { $0.attributes["classname"] == "440100 全市汇总" && $0.attributes["name"] == "enrolment-rate" && $0.attributes["file"] == nil })
        #expect(cases.contains { $0.attributes["classname"] == "440100 广州市本级" && $0.attributes["name"] == "sister-pairs" })
    }

    @Test("escaped text comes back exactly: school names and notes with markup, quotes and line breaks")
    func escaping() throws {
        let document = try Self.parse(CanonicalReport.render(.junit))
        let failure = try #require(document.elements.first { $0.name == "failure" && $0.attributes["message"]?.contains("33.33%") == true })
        #expect(failure.text.contains("A&B <实验> \"学校\""))
        #expect(failure.text.contains("100%: 北区, 分校|二部\n（筹）"))
        let note = try #require(document.elements.first { $0.name == "failure" && $0.text.contains("<script>") })
        #expect(note.text.contains("<script>alert(\"x\")</script> 20 名儿童送教上门 & 随班就读，\n第二行: 100%, 已核实|待复核"))
        let waived = try #require(document.elements.first { $0.name == "system-out" && $0.text.contains("测人〔2025〕3号") })
        #expect(waived.text.contains("新建校区过渡期 <2025> & 师资调配"))
    }

    @Test("characters XML cannot hold are replaced, line breaks in attributes survive")
    func xmlEscaping() {
        #expect(XMLEscaping.attribute("a\u{1}b\nc\"<&>") == "a\u{FFFD}b&#10;c&quot;&lt;&amp;&gt;")
        #expect(XMLEscaping.text("x\r\ny]]>") == "x&#13;\ny]]&gt;")
    }
}
