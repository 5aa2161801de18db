import EduCheckCore

/// One inline SVG bar chart per rule: each unit's value as a horizontal bar against the target
/// line, the city total marked. Ratios are drawn on a 0–100% axis, counts on an axis from zero to
/// a round number above the largest value and the target; bars always start at zero so lengths
/// compare honestly. Positions are computed with exact integer arithmetic, so the markup is the
/// same on every machine.
extension HTMLReporter {
    private enum Layout {
        static let width = 700
        static let labelWidth = 150
        static let barLeft = 156
        static let barWidth = 440
        static let valueLeft = 604
        static let top = 24
        static let rowHeight = 17
        static let barHeight = 11
        static let axisHeight = 22
    }

    private struct Bar {
        var label: String
        var isCity: Bool
        var status: Outcome.Status
        /// nil when there is nothing to draw (missing or inconsistent data).
        var value: Rational?
        var caption: String
    }

    private enum Axis {
        case percent
        case quantity(max: Int64, divisions: Int)
        case flag
    }

    func chart(_ rule: Rule, number: Int, results: [Outcome], text: ReportText) -> String {
        if case .consistency = rule.measure {
            return "<p class=\"chart-note\">\(text("一致性核查比对填报值与计算值，没有目标线，不绘制图表。", "A consistency check compares reported and computed figures; it has no target line and no chart."))</p>\n"
        }
        let bars = results.compactMap { bar($0, text: text) }
        guard !bars.isEmpty else {
            return "<p class=\"chart-note\">\(text("没有可绘制的数值。", "No values to chart."))</p>\n"
        }
        let axis = self.axis(rule, bars: bars)
        let height = Layout.top + bars.count * Layout.rowHeight + Layout.axisHeight
        let id = "chart-\(number)"
        let title = text("\(rule.id)：各单位实际值与目标线", "\(rule.id): each unit’s value against the target line")
        var out = "<figure class=\"chart\">\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Layout.width) \(height)\" role=\"img\" aria-labelledby=\"\(id)-title\">\n"
        out += "<title id=\"\(id)-title\">\(Self.escape(title))</title>\n"
        // Patterns repeat the status colours in a form that survives black-and-white printing.
        out += "<defs><pattern id=\"\(id)-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" class=\"bar-fail\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"hatch-line\"/></pattern>"
        out += "<pattern id=\"\(id)-dots\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\"><rect width=\"4\" height=\"4\" class=\"bar-waived\"/><circle cx=\"2\" cy=\"2\" r=\"0.9\" class=\"dot\"/></pattern></defs>\n"

        let bottom = Layout.top + bars.count * Layout.rowHeight
        for tick in ticks(axis) {
            let x = Layout.barLeft + position(tick.value, axis: axis)
            out += "<line x1=\"\(x)\" y1=\"\(Layout.top - 4)\" x2=\"\(x)\" y2=\"\(bottom)\" class=\"grid\"/>"
            out += "<text x=\"\(x)\" y=\"\(bottom + 14)\" class=\"tick\" text-anchor=\"middle\">\(Self.escape(tick.label))</text>\n"
        }
        out += "<line x1=\"\(Layout.barLeft)\" y1=\"\(Layout.top - 4)\" x2=\"\(Layout.barLeft)\" y2=\"\(bottom)\" class=\"axis\"/>\n"

        for (row, bar) in bars.enumerated() {
            let y = Layout.top + row * Layout.rowHeight
            let middle = y + Layout.rowHeight / 2 + 4
            let label = (bar.isCity ? "◆ " : "") + bar.label
            out += "<text x=\"\(Layout.labelWidth)\" y=\"\(middle)\" text-anchor=\"end\" class=\"label\(bar.isCity ? " city" : "")\">\(Self.escape(label))</text>"
            if let value = bar.value {
                let length = max(position(value, axis: axis), value.isZero ? 0 : 1)
                let fill: String
                switch bar.status {
                // An inline style, because the stylesheet's class fill would beat a fill attribute.
                case .fail: fill = "class=\"bar\" style=\"fill: url(#\(id)-hatch)\""
                case .waived: fill = "class=\"bar\" style=\"fill: url(#\(id)-dots)\""
                default: fill = "class=\"bar bar-\(Self.cssName(bar.status))\""
                }
                let barY = y + (Layout.rowHeight - Layout.barHeight) / 2
                out += "<rect x=\"\(Layout.barLeft)\" y=\"\(barY)\" width=\"\(length)\" height=\"\(Layout.barHeight)\" \(fill)\(bar.isCity ? " stroke-width=\"1.6\"" : "")/>"
            }
            out += "<text x=\"\(Layout.valueLeft)\" y=\"\(middle)\" class=\"value\(bar.value == nil ? " no-value" : "")\">\(Self.escape(bar.caption))</text>\n"
        }

        if let target = rule.target, let line = targetValue(target, axis: axis) {
            let x = Layout.barLeft + position(line, axis: axis)
            let anchor = x > Layout.barLeft + Layout.barWidth - 60 ? "end" : (x < Layout.barLeft + 60 ? "start" : "middle")
            out += "<line x1=\"\(x)\" y1=\"\(Layout.top - 6)\" x2=\"\(x)\" y2=\"\(bottom + 2)\" class=\"target\"/>"
            out += "<text x=\"\(x)\" y=\"\(Layout.top - 9)\" text-anchor=\"\(anchor)\" class=\"target-label\">\(Self.escape(text("目标 ", "target ") + target.display.text(in: text.language)))</text>\n"
        }
        out += "</svg>\n"
        out += "<figcaption>\(text("图 \(number)", "Figure \(number)"))　\(Self.escape(text.title(rule.id)))\(text("：各单位实际值（条）与目标（虚线）；◆ 为全市汇总；斜线为未达标，点状为已豁免。", ": each unit’s value (bars) against the target (dashed line); ◆ marks the city total; hatching is a miss, dots a waiver."))</figcaption>\n"
        out += "</figure>\n"
        return out
    }

    private func bar(_ outcome: Outcome, text: ReportText) -> Bar? {
        let label = text.unitName(outcome.unit, scope: outcome.scope)
        let isCity = outcome.scope == .city
        switch outcome.status {
        case .notApplicable:
            return nil
        case .missing, .invalid:
            return Bar(label: label, isCity: isCity, status: outcome.status, value: nil, caption: text.status(outcome.status))
        case .pass, .fail, .waived:
            guard let measurement = outcome.measurement else {
                return Bar(label: label, isCity: isCity, status: outcome.status, value: nil, caption: text.status(outcome.status))
            }
            let value: Rational?
            switch measurement.kind {
            case .ratio:
                if let numerator = measurement.numerator, let denominator = measurement.denominator, !denominator.isZero {
                    value = try? numerator.divided(by: denominator)
                } else {
                    value = nil
                }
            case .number: value = measurement.number
            case .flag: value = measurement.flag.map { $0 ? .one : .zero }
            case .consistency: value = nil
            }
            let caption = measurement.kind == .flag ? (measurement.flag.map { text.flag(value: $0) } ?? measurement.display) : measurement.display
            return Bar(label: label, isCity: isCity, status: outcome.status, value: value, caption: caption)
        }
    }

    private func axis(_ rule: Rule, bars: [Bar]) -> Axis {
        if let target = rule.target, case .flag = target.value { return .flag }
        if let target = rule.target, case .number(_, true) = target.value {
            return .percent
        }
        var largest: Rational = .zero
        for bar in bars { if let value = bar.value, value > largest { largest = value } }
        if let target = rule.target, case .number(let bound, false) = target.value, bound > largest { largest = bound }
        let (max, divisions) = Self.roundUp(largest.ceiling())
        return .quantity(max: max, divisions: divisions)
    }

    /// The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `value` (at least 1), and how many equal steps
    /// divide it into round numbers (5 → 0, 1, … 5; 20 → 0, 5, … 20), so ticks read easily.
    static func roundUp(_ value: Int64) -> (max: Int64, divisions: Int) {
        guard value > 1 else { return (1, 5) }
        var scale: Int64 = 1
        while scale <= Int64.max / 100 {
            for (tenths, divisions) in [(Int64(10), 5), (20, 4), (25, 5), (50, 5)] where tenths * scale % 10 == 0 {
                let candidate = tenths * scale / 10
                if candidate >= value { return (candidate, divisions) }
            }
            scale *= 10
        }
        return (value, 4)
    }

    private func ticks(_ axis: Axis) -> [(value: Rational, label: String)] {
        switch axis {
        case .percent:
            return [0, 25, 50, 75, 100].compactMap { percent in
                (try? Rational(Int64(percent), 100)).map { ($0, "\(percent)%") }
            }
        case .flag:
            return []
        case .quantity(let max, let divisions):
            return (0...divisions).compactMap { step in
                (try? Rational(max * Int64(step), Int64(divisions))).map { ($0, Verdict.displayNumber($0)) }
            }
        }
    }

    private func targetValue(_ target: Target, axis: Axis) -> Rational? {
        switch target.value {
        case .number(let bound, _): return bound
        case .flag(let flag): return flag ? .one : .zero
        }
    }

    /// `value` as a length along the bar area, rounded to a whole unit, clamped to the area.
    private func position(_ value: Rational, axis: Axis) -> Int {
        let top: Rational
        switch axis {
        case .percent, .flag: top = .one
        case .quantity(let max, _): top = Rational(max)
        }
        guard !value.isNegative else { return 0 }
        // value / top × width, exactly: (vn × td × W) / (vd × tn), rounded half up.
        let numerator = Int128(value.numerator) * Int128(top.denominator) * Int128(Layout.barWidth)
        let denominator = Int128(value.denominator) * Int128(top.numerator)
        guard denominator > 0 else { return 0 }
        let length = (2 * numerator + denominator) / (2 * denominator)
        return Int(min(Int128(Layout.barWidth), length))
    }
}
