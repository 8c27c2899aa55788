/// Draws theme frequencies as inline SVG: one panel of horizontal bars per group, side by side, the
/// themes in rows (tree order, sub-themes indented), every panel on the same 0–100 % scale.
///
/// Each bar has the theme's colour and is labelled `n/N · %`; a group whose N is under the minimum is
/// flagged with † in its header and on its labels, and its bars are paler. Every bar carries
/// `data-table`, `data-theme`, `data-column`, `data-n` and `data-base`, so that a test (or a script)
/// can read the numbers back.
public struct ReportBarChart: Sendable {
    /// Left column for the theme labels.
    public var labelWidth = 330
    /// Width of one group's panel (bars and their labels).
    public var panelWidth = 236
    /// Height of one theme's row.
    public var rowHeight = 20
    /// Height of a bar.
    public var barHeight = 12
    /// Room kept right of the longest bar for its label.
    public var valueWidth = 92
    /// Height of the panel headers (group name, N, scale).
    public var headerHeight = 52

    /// A chart with the default geometry.
    public init() {}

    /// The SVG element for `matrix`, with theme labels and colours from `themes`.
    public func svg(_ matrix: ReportMatrix, themes: [String: ReportTheme], strings s: ReportStrings) -> String {
        let esc = ExcerptHTMLWriter.escape
        let groups = matrix.columns.isEmpty ? [matrix.total] : matrix.columns
        let useTotal = matrix.columns.isEmpty
        let width = labelWidth + groups.count * panelWidth
        let height = headerHeight + matrix.rows.count * rowHeight + 8
        let barMax = Double(panelWidth - valueWidth - 16)
        var out = "<svg class=\"bars\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(esc(s.frequencies(of: matrix)))\">\n"

        // Bands behind the top-level themes, across the whole chart.
        for (i, row) in matrix.rows.enumerated() where (themes[row.theme]?.depth ?? 0) == 0 {
            let y = headerHeight + i * rowHeight
            out += "<rect class=\"band\" x=\"0\" y=\"\(y)\" width=\"\(width)\" height=\"\(rowHeight)\"/>\n"
        }

        // Panel headers, scale and grid lines.
        for (g, group) in groups.enumerated() {
            let x0 = labelWidth + g * panelWidth + 8
            let flag = group.isSmall ? " †" : ""
            out += "<text class=\"group\" x=\"\(x0)\" y=\"16\">\(esc(group.label))\(flag)</text>\n"
            out += "<text class=\"size\(group.isSmall ? " small" : "")\" x=\"\(x0)\" y=\"31\">\(esc("N = \(group.size)" + (group.isSmall ? " (< \(matrix.minN))" : "")))</text>\n"
            for tick in [0, 50, 100] {
                let x = Double(x0) + barMax * Double(tick) / 100
                out += "<line class=\"grid\" x1=\"\(fmt(x))\" y1=\"\(headerHeight - 6)\" x2=\"\(fmt(x))\" y2=\"\(height - 6)\"/>\n"
                let anchor = tick == 0 ? "start" : (tick == 100 ? "end" : "middle")
                out += "<text class=\"tick\" x=\"\(fmt(x))\" y=\"\(headerHeight - 10)\" text-anchor=\"\(anchor)\">\(esc(s.percent(Double(tick))))</text>\n"
            }
        }

        // Rows: label, then one bar per group.
        for (i, row) in matrix.rows.enumerated() {
            let theme = themes[row.theme]
            let depth = theme?.depth ?? 0
            let label = theme?.label ?? row.theme
            let y = headerHeight + i * rowHeight
            let textY = y + rowHeight / 2 + 4
            let shown = ReportBarChart.truncated(label, to: 46 - 3 * depth)
            out += "<text class=\"theme\(depth == 0 ? " top" : "")\" x=\"\(8 + depth * 14)\" y=\"\(textY)\"><title>\(esc(label)) (\(esc(row.theme)))</title>\(esc(shown))</text>\n"
            let color = theme?.color ?? ReportColor.palette[0]
            let cells = useTotal ? [row.total] : row.cells
            for (g, cell) in cells.enumerated() {
                let group = groups[g]
                let x0 = Double(labelWidth + g * panelWidth + 8)
                let w = barMax * (cell.percent ?? 0) / 100
                let barY = y + (rowHeight - barHeight) / 2
                let column = useTotal ? "(all)" : group.label
                let value = s.fraction(cell) + " · " + s.percent(cell.percent) + (group.isSmall ? " †" : "")
                out += "<rect class=\"bar\(group.isSmall ? " small" : "")\" x=\"\(fmt(x0))\" y=\"\(barY)\" width=\"\(fmt(w))\" height=\"\(barHeight)\" fill=\"\(color)\""
                out += " data-table=\"\(esc(matrix.id))\" data-theme=\"\(esc(row.theme))\" data-column=\"\(esc(column))\" data-n=\"\(cell.n)\" data-base=\"\(cell.base)\">"
                out += "<title>\(esc(label)) — \(esc(group.label))\(s.colon) \(esc(value))</title></rect>\n"
                out += "<text class=\"value\(cell.n == 0 ? " zero" : "")\" x=\"\(fmt(x0 + w + 4))\" y=\"\(textY)\">\(esc(value))</text>\n"
            }
        }
        out += "</svg>\n"
        return out
    }

    /// `text` cut to at most `count` characters, ending with an ellipsis when cut.
    static func truncated(_ text: String, to count: Int) -> String {
        text.count <= count ? text : String(text.prefix(max(1, count - 1))).trimmingCharacters(in: .whitespaces) + "…"
    }

    /// A coordinate with at most one decimal.
    func fmt(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
