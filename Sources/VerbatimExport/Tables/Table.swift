/// A table of text cells, rendered for the terminal (aligned columns) or as Markdown (a pipe table).
public struct Table: Sendable {
    /// Column alignment: left, or right for numbers.
    public enum Alignment: Sendable { case left, right }
    public var header: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []

    /// A table with `header`; every column is left-aligned unless `alignments` says otherwise.
    public init(header: [String], alignments: [Alignment]? = nil) {
        self.header = header
        self.alignments = alignments ?? header.map { _ in .left }
    }

    /// Adds a row; missing cells are left empty.
    public mutating func add(_ row: [String]) { rows.append(row) }

    /// Aligned plain text for the terminal, two spaces between columns. Widths count characters
    /// (grapheme clusters), which is right for accented Latin text; cells longer than `maxWidth` are cut
    /// with `…`; `headerStyle` wraps the header cells (terminal bold).
    public func text(headerStyle: (String) -> String = { $0 }, maxWidth: Int = 60) -> String {
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

    /// A GitHub-flavoured Markdown pipe table, each line ending with a newline. Cells are written as
    /// given (they may hold inline Markdown) with ``markdownCell(_:)`` applied, so that a cell never
    /// breaks the table.
    public func markdown() -> String {
        let cols = header.count
        func line(_ cells: [String]) -> String {
            let padded = (0..<cols).map { i in i < cells.count ? Table.markdownCell(cells[i]) : "" }
            return "| " + padded.joined(separator: " | ") + " |\n"
        }
        var out = line(header)
        out += "|" + (0..<cols).map { i in (i < alignments.count && alignments[i] == .right) ? " ---: " : " --- " }.joined(separator: "|") + "|\n"
        for r in rows { out += line(r) }
        return out
    }

    /// What keeps a Markdown table cell inside its cell: `|` escaped and line breaks turned into spaces.
    /// (To show text literally, escape it first with `ExcerptMarkdownWriter.escape`.)
    public static func markdownCell(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "|": out += "\\|"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(ch)
            }
        }
        return out
    }
}
