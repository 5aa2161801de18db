import EduCheckCore
@testable import EduCheckReports
import Foundation
import Testing

@Suite("HTML audit report")
struct HTMLReporterTests {
    static let html = CanonicalReport.render(.html)

    @Test("every input string is escaped: no markup from a school name or a note gets through")
    func escaping() {
        let html = Self.html
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 20 名儿童送教上门 &amp; 随班就读"))
        #expect(html.contains("A&amp;B &lt;实验&gt; &quot;学校&quot;"))
        #expect(html.contains("新建校区过渡期 &lt;2025&gt; &amp; 师资调配"))
        #expect(html.contains("关于报告格式测试的通知 &lt;附件&gt; &amp; “引号”"))
        // Outside the stylesheet, every < opens one of the report's own tags.
        let body = html[html.range(of: "</style>")!.upperBound...]
        let tags = Set(body.split(separator: "<").dropFirst().map { $0.prefix { $0.isLetter || $0 == "/" || $0.isNumber } })
        let allowed: Set<Substring> = [
            "/head", "a", "/a", "article", "/article", "blockquote", "/blockquote", "body", "/body", "br", "code", "/code",
            "col", "colgroup", "/colgroup", "dd", "/dd", "defs", "/defs", "div", "/div", "dl", "/dl", "dt", "/dt",
            "figcaption", "/figcaption", "figure", "/figure", "h1", "/h1", "h2", "/h2", "h3", "/h3", "h4", "/h4",
            "header", "/header", "html", "/html", "li", "/li", "line", "p", "/p", "pattern", "/pattern", "rect", "circle",
            "section", "/section", "span", "/span", "strong", "/strong", "svg", "/svg", "table", "/table",
            "tbody", "/tbody", "td", "/td", "text", "/text", "th", "/th", "thead", "/thead", "title", "/title",
            "tr", "/tr", "ul", "/ul",
        ]
        #expect(tags.subtracting(allowed).isEmpty, "unexpected tags: \(tags.subtracting(allowed).sorted())")
    }

    @Test("the stylesheet cannot be ended by input text")
    func cssStrings() {
        #expect(HTMLReporter.cssString("a</style>\"\\") == "\"a\\3c \\2f style\\3e \\22 \\5c \"")
        #expect(HTMLReporter.cssString("穗教发〔2025〕7号") == "\"穗教发\\3014 2025\\3015 7号\"")
    }

    @Test("self-contained: no scripts, no external fonts, styles or images")
    func selfContained() {
        let html = Self.html
        for needle in ["<script", "<link", "@import", "url(http", "src=", "href=\"http", "//fonts."] {
            #expect(!html.contains(needle), "found \(needle)")
        }
        // The only URI is the SVG namespace, which is a name, not a resource.
        let uris = html.components(separatedBy: "http").dropFirst().map { $0.prefix(30) }
        #expect(uris.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg") })
    }

    @Test("A4 pages with 第 X 页 共 Y 页, page breaks between sections, tables that wrap")
    func printLayout() {
        let html = Self.html
        #expect(html.contains("size: A4"))
        #expect(html.contains("\"第 \" counter(page) \" 页 共 \" counter(pages) \" 页\""))
        #expect(html.contains("section + section { break-before: page; }"))
        #expect(html.contains("table-layout: fixed"))
        #expect(html.contains("thead { display: table-header-group; }"))
        #expect(CanonicalReport.render(.html, .en).contains("\"Page \" counter(page) \" of \" counter(pages)"))
    }

    @Test("the cover, the matrix with a legend, per-rule findings, a chart per rule, the sign-off")
    func sections() {
        let html = Self.html
        let report = CanonicalReport.report
        for heading in ["审核报告", "一、核查结论", "二、单位 × 规则达标矩阵", "图例", "三、逐条核查情况", "四、文件问题", "五、审核意见与签字", "审核人", "日期", "签字"] {
            #expect(html.contains(heading), "no \(heading)")
        }
        #expect(html.contains(report.ruleset.sha256))
        for input in report.inputs { #expect(html.contains(input.sha256)) }
        #expect(html.contains("测试〔2025〕1号"))
        #expect(html.contains("2025-11-30"))
        // One chart per rule, except the consistency check, which has no target line.
        #expect(html.components(separatedBy: "<figure class=\"chart\">").count - 1 == report.ruleset.rules.count - 1)
        #expect(html.contains("◆ 全市汇总"))
        // Every status has its symbol in the legend, so black-and-white copies read the same.
        for status in Outcome.Status.allCases {
            #expect(html.contains("<span class=\"swatch s-\(HTMLReporter.cssName(status))\">\(HTMLReporter.symbol(status))</span>"))
        }
        #expect(html.contains("未提交"))
    }

    @Test("axis ends are round numbers with round steps")
    func axis() {
        #expect(HTMLReporter.roundUp(0) == (1, 5))
        #expect(HTMLReporter.roundUp(3) == (5, 5))
        #expect(HTMLReporter.roundUp(108) == (200, 4))
        #expect(HTMLReporter.roundUp(600) == (1000, 5))
        #expect(HTMLReporter.roundUp(2_400) == (2500, 5))
        #expect(HTMLReporter.roundUp(60_000) == (100_000, 5))
    }
}
