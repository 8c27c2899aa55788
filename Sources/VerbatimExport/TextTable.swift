/// An aligned plain-text table for the terminal. Column widths count characters (grapheme clusters),
/// which is right for accented Latin text.
public struct TextTable {
    public enum Alignment: Sendable { case left, right }
    public var header: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []

    public init(header: [String], alignments: [Alignment]? = nil) {
        self.header = header
        self.alignments = alignments ?? header.map { _ in .left }
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    /// Renders the table; `bold` wraps the header (used for terminal colours).
    public func render(headerStyle: (String) -> String = { $0 }, maxWidth: Int = 60) -> String {
        let cols = header.count
        var widths = header.map { $0.count }
        let clipped = rows.map { r in r.map { $0.count > maxWidth ? String($0.prefix(maxWidth - 1)) + "…" : $0 } }
        for r in clipped { for i in 0..<min(cols, r.count) { widths[i] = max(widths[i], r[i].count) } }
        func line(_ cells: [String], style: (String) -> String) -> String {
            var parts: [String] = []
            for i in 0..<cols {
                let c = i < cells.count ? cells[i] : ""
                let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
                let last = i == cols - 1
                parts.append(alignments[i] == .right ? pad + style(c) : style(c) + (last ? "" : pad))
            }
            return parts.joined(separator: "  ")
        }
        var out = line(header, style: headerStyle) + "\n"
        for r in clipped { out += line(r, style: { $0 }) + "\n" }
        return out
    }
}
