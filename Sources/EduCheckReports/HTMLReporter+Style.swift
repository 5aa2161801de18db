import EduCheckCore

/// The audit report's stylesheet: A4 pages with page-margin boxes for the running header and
/// "第 X 页 共 Y 页", system CJK fonts only, tables that wrap instead of overflowing, and status
/// colours that print (with symbols and patterns carrying the same meaning in black and white).
extension HTMLReporter {
    func stylesheet(_ text: ReportText) -> String {
        let ruleset = text.report.ruleset
        let header = Self.cssString(ruleset.title.text(in: text.language) + text(" 审核报告", " — audit report"))
        let number = Self.cssString(ruleset.document.number)
        let pageNumber = text.language == .zh
            ? "\"第 \" counter(page) \" 页 共 \" counter(pages) \" 页\""
            : "\"Page \" counter(page) \" of \" counter(pages)"
        return """
        @page {
          size: A4;
          margin: 22mm 18mm 20mm 20mm;
          @top-left { content: \(header); font: 8pt \(Self.sans); color: #555; vertical-align: bottom; padding-bottom: 3mm; }
          @top-right { content: \(number); font: 8pt \(Self.sans); color: #555; vertical-align: bottom; padding-bottom: 3mm; }
          @bottom-center { content: \(pageNumber); font: 9pt \(Self.sans); color: #333; }
        }
        @page :first {
          @top-left { content: none; }
          @top-right { content: none; }
        }
        :root { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        * { box-sizing: border-box; }
        html { background: #e9e9e6; }
        body {
          font-family: \(Self.serif); font-size: 10.5pt; line-height: 1.65; color: #141414;
          background: #fff; max-width: 210mm; margin: 8mm auto; padding: 18mm 18mm 20mm 20mm;
          box-shadow: 0 0 3mm rgba(0,0,0,.18);
        }
        @media print {
          html { background: none; }
          body { max-width: none; margin: 0; padding: 0; box-shadow: none; }
          section + section { break-before: page; }
          section.signoff { break-before: auto; margin-top: 12mm; }
          a { color: inherit; text-decoration: none; }
        }
        h1, h2, h3, h4, th, .rule-meta, .legend, figcaption, .verdict, .cover-issuer, .cover-basis {
          font-family: \(Self.sans);
        }
        h2 { font-size: 15pt; font-weight: 700; margin: 0 0 5mm; padding-bottom: 1.5mm; border-bottom: 1.2pt solid #1f3a5f; color: #1f3a5f; break-after: avoid; }
        h3 { font-size: 11.5pt; font-weight: 700; margin: 6mm 0 2mm; break-after: avoid; }
        h4 { font-size: 10pt; font-weight: 700; margin: 4mm 0 1.5mm; color: #333; break-after: avoid; }
        p { margin: 0 0 2.5mm; orphans: 2; widows: 2; }
        code { font-family: \(Self.mono); font-size: 0.88em; overflow-wrap: anywhere; }
        code.digest { font-size: 7.2pt; letter-spacing: 0; }
        a { color: #1f3a5f; }
        table { width: 100%; border-collapse: collapse; table-layout: fixed; font-family: \(Self.sans); font-size: 8.5pt; line-height: 1.45; margin: 0 0 4mm; }
        th, td { border: 0.6pt solid #8c8c8c; padding: 1.1mm 1.6mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; word-break: normal; }
        th { background: #e8edf3; font-weight: 700; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        th.num { font-size: 7pt; padding-left: 0.6mm; padding-right: 0.6mm; text-align: center; }
        .school, dd { white-space: pre-line; }

        /* Cover */
        .cover { padding-top: 28mm; }
        .cover-issuer { text-align: center; font-size: 13pt; letter-spacing: 0.3em; color: #333; margin-bottom: 10mm; }
        .cover-title { text-align: center; font-size: 21pt; line-height: 1.45; margin: 0 0 6mm; color: #111; }
        .cover-title span { display: block; font-size: 26pt; letter-spacing: 0.35em; margin-top: 3mm; }
        .cover-basis { text-align: center; font-size: 10.5pt; color: #333; max-width: 140mm; margin: 0 auto 14mm; text-wrap: balance; }
        table.facts { font-size: 9pt; }
        table.facts th { width: 32mm; background: #f2f4f7; }
        table.facts col.c-key { width: 32mm; }
        table.inputs col.c-num { width: 9mm; } table.inputs col.c-path { width: 56mm; }
        table.inputs col.c-unit { width: 27mm; } table.inputs col.c-enc { width: 14mm; }

        /* Summary */
        .verdict { border: 1pt solid #1f3a5f; border-left-width: 4pt; padding: 3mm 4mm; background: #f3f6fa; font-size: 10.5pt; }
        .verdict-fail { border-color: #8e1f17; background: #fbf0ef; }
        .verdict .tally { font-size: 9pt; color: #333; }
        table.counts col.c-mark { width: 12mm; } table.counts col.c-status { width: 22mm; } table.counts col.c-count { width: 14mm; }
        table.attention col.c-num { width: 9mm; } table.attention col.c-unit { width: 18mm; } table.attention col.c-rule { width: 48mm; }
        table.attention col.c-status { width: 19mm; } table.attention col.c-value { width: 26mm; } table.attention col.c-target { width: 14mm; }
        td code { font-size: 6.8pt; }
        .aspiration, .fraction { font-size: 7.2pt; color: #555; }
        table.waivers col.c-unit { width: 20mm; } table.waivers col.c-rule { width: 32mm; } table.waivers col.c-office { width: 26mm; }
        table.waivers col.c-docno { width: 26mm; } table.waivers col.c-date { width: 20mm; }
        .problems-line { font-size: 9.5pt; color: #333; }

        /* Status marks: colour, symbol and pattern say the same thing. */
        .swatch { display: inline-block; min-width: 5.2mm; padding: 0 0.8mm; text-align: center; border: 0.6pt solid #777; font-family: \(Self.sans); font-weight: 700; line-height: 1.35; }
        .s-pass { background-color: #e3f1e6; color: #1d6b35; }
        .s-fail { background-color: #f8d7d3; color: #8e1f17; background-image: repeating-linear-gradient(45deg, rgba(142,31,23,.30) 0 0.5mm, transparent 0.5mm 1.6mm); }
        .s-waived { background-color: #fcefcc; color: #7a5200; }
        .s-missing { background-color: #eeeeee; color: #333; background-image: radial-gradient(rgba(0,0,0,.35) 0.25mm, transparent 0.3mm); background-size: 1.4mm 1.4mm; }
        .s-invalid { background-color: #efe0f0; color: #6b1f6e; background-image: repeating-linear-gradient(0deg, rgba(107,31,110,.28) 0 0.35mm, transparent 0.35mm 1.5mm), repeating-linear-gradient(90deg, rgba(107,31,110,.28) 0 0.35mm, transparent 0.35mm 1.5mm); }
        .s-na { background-color: #fff; color: #777; }
        .s-absent { background-color: #fff; color: #333; }
        .s-none { background-color: #fff; }

        /* Matrix */
        .legend { display: flex; flex-wrap: wrap; gap: 1.5mm 4mm; align-items: center; font-size: 8.5pt; margin-bottom: 1.5mm; }
        .legend-title { font-weight: 700; }
        .legend-item .swatch { margin-right: 1mm; }
        .legend-note { font-size: 8pt; color: #444; margin-bottom: 3mm; }
        table.matrix { font-size: 7.5pt; }
        table.matrix col.c-num { width: 8mm; } table.matrix col.c-rule { width: 46mm; } table.matrix col.c-city { width: 12mm; }
        table.matrix th.unit { text-align: center; vertical-align: bottom; padding: 1mm 0.4mm; font-size: 7.2pt; line-height: 1.25; }
        table.matrix th.city { background: #d5dde8; }
        table.matrix .absent { font-weight: 400; color: #8e1f17; }
        table.matrix td.rule { line-height: 1.3; }
        table.matrix td.rule code { font-size: 6.6pt; color: #555; }
        table.matrix td.cell { text-align: center; vertical-align: middle; font-size: 9.5pt; font-weight: 700; padding: 0.6mm 0; }

        /* Findings */
        article.rule { margin: 0 0 7mm; padding-top: 2mm; border-top: 0.6pt solid #c9ced6; }
        article.rule:first-of-type { border-top: none; padding-top: 0; }
        .rule-head { break-inside: avoid; break-after: avoid; }
        .rule-num { color: #1f3a5f; }
        .rule-meta { font-size: 8.5pt; color: #444; margin-bottom: 1.5mm; }
        .quote { margin: 0 0 2mm; padding: 1.5mm 3mm; border-left: 2.5pt solid #1f3a5f; background: #f5f7fa; font-size: 10pt; }
        .interpretation { font-size: 9pt; color: #333; }
        .interpretation .label { font-family: \(Self.sans); font-weight: 700; margin-right: 2mm; }
        table.results col.c-unit { width: 24mm; } table.results col.c-status { width: 21mm; }
        table.results col.c-value { width: 28mm; } table.results col.c-place { width: 44mm; }
        table.results tr.city td { background: #eef2f7; font-weight: 700; }
        table.schools col.c-unit { width: 20mm; } table.schools col.c-code { width: 24mm; }
        table.schools col.c-name { width: 38mm; } table.schools col.c-place { width: 42mm; }
        figure.chart { margin: 1mm 0 4mm; break-inside: avoid; }
        figure.chart svg { width: 100%; height: auto; display: block; font-family: \(Self.sans); }
        figure.chart figcaption { font-size: 8pt; color: #444; text-align: center; margin-top: 1mm; }
        svg .label { font-size: 11px; fill: #222; }
        svg .label.city { font-weight: 700; }
        svg .value { font-size: 10.5px; fill: #222; }
        svg .value.no-value { fill: #8e1f17; font-style: italic; }
        svg .tick { font-size: 9.5px; fill: #555; }
        svg .grid { stroke: #dcdcdc; stroke-width: 0.6; }
        svg .axis { stroke: #555; stroke-width: 0.8; }
        svg .bar { stroke: #333; stroke-width: 0.6; }
        svg .bar-pass { fill: #7fb08b; }
        svg .bar-fail { fill: #e39a93; }
        svg .bar-waived { fill: #e8c874; }
        svg .hatch-line { stroke: #8e1f17; stroke-width: 2.2; }
        svg .dot { fill: #7a5200; }
        svg .target { stroke: #111; stroke-width: 1.3; stroke-dasharray: 5 3; }
        svg .target-label { font-size: 10px; fill: #111; font-weight: 700; }
        .chart-note, .empty { font-size: 9pt; color: #555; }
        dl.notes { margin: 0 0 3mm; font-size: 9.5pt; }
        dl.notes dt { font-family: \(Self.sans); font-weight: 700; }
        dl.notes dt .where { font-family: \(Self.mono); font-weight: 400; font-size: 7.4pt; color: #666; margin-left: 2mm; }
        dl.notes dd { margin: 0 0 1.5mm 6mm; }
        ul.waiver-list { font-size: 9.5pt; margin: 0 0 3mm; padding-left: 6mm; }

        /* Problems in files */
        table.diagnostics col.c-severity { width: 12mm; } table.diagnostics col.c-code { width: 30mm; } table.diagnostics col.c-place { width: 50mm; }
        table.diagnostics tr.d-error td:first-child { color: #8e1f17; font-weight: 700; }
        .note { color: #444; }

        /* Sign-off */
        section.signoff { break-inside: avoid; }
        table.signoff-table { font-size: 10.5pt; margin-top: 4mm; }
        table.signoff-table col.c-label { width: 24mm; }
        table.signoff-table th { background: #f2f4f7; vertical-align: middle; text-align: center; }
        table.signoff-table td { height: 14mm; vertical-align: bottom; }
        table.signoff-table tr.opinion td { height: 42mm; }
        table.signoff-table tr.signature td { height: 22mm; }
        table.signoff-table td.date { text-align: right; }
        .colophon { font-size: 8pt; color: #555; margin-top: 4mm; }

        """
    }

    /// System fonts only: the report must render without the network. CJK faces first, so Latin
    /// text in them matches the Chinese around it.
    static let serif = "\"Noto Serif CJK SC\", \"Source Han Serif SC\", \"Songti SC\", SimSun, serif"
    static let sans = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"WenQuanYi Micro Hei\", \"PingFang SC\", \"Microsoft YaHei\", sans-serif"
    static let mono = "\"DejaVu Sans Mono\", \"Noto Sans Mono CJK SC\", \"Liberation Mono\", monospace"

    /// A CSS string literal. Everything but letters, digits, CJK and spaces is written as a hex
    /// escape, so input text can neither end the string nor the `<style>` element.
    static func cssString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == " " {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\" + String(scalar.value, radix: 16) + " "
            }
        }
        return out + "\""
    }
}
