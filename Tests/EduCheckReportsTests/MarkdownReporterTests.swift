import EduCheckCore
@testable import EduCheckReports
import Testing

@Suite("Markdown report")
struct MarkdownReporterTests {
    @Test("input text cannot break a table, open HTML, or format itself")
    func escaping() {
        #expect(MarkdownReporter.inline("a|b <i>&x</i> *y* _z_ [l](u) @team `c` $m$ :x:") ==
                "a\\|b &lt;i&gt;&amp;x&lt;/i&gt; \\*y\\* \\_z\\_ \\[l\\](u) \\@team \\`c\\` \\$m\\$ :x:")
        #expect(MarkdownReporter.inline("第一行\n第二行") == "第一行<br>第二行")
        #expect(MarkdownReporter.code("a`b|c") == "``a`b\\|c``")
        #expect(MarkdownReporter.code("`x`") == "`` `x` ``")
    }

    @Test("every table row has as many cells as its header")
    func tables() {
        let markdown = CanonicalReport.render(.markdown)
        var columns: Int?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else { columns = nil; continue }
            // Cells are split on pipes that are not escaped.
            var cells = 0
            var escaped = false
            for character in line {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "|" {
                    cells += 1
                }
            }
            if let columns { #expect(cells == columns, "«\(line)»") } else { columns = cells }
        }
        #expect(!markdown.contains("<script"))
        #expect(markdown.contains("100%: 北区, 分校\\|二部<br>（筹）"))
    }

    @Test("the summary names every status and the failures carry gaps and quotes")
    func content() {
        let markdown = CanonicalReport.render(.markdown)
        for status in Outcome.Status.allCases {
            #expect(markdown.contains(status.label.zh))
        }
        #expect(markdown.contains("还需 8 名适龄残疾儿童入学"))
        #expect(markdown.contains("“适龄残疾儿童义务教育阶段入学率保持在99%以上”"))
        #expect(markdown.contains("豁免：新建校区过渡期 &lt;2025&gt; &amp; 师资调配"))
    }
}
