/// A GitHub-flavoured Markdown table (pipe table), for reports pasted into notes, wikis or pandoc.
public struct MarkdownTable: Sendable {
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

    /// The table as Markdown lines, each ending with a newline. Pipes and line breaks inside cells are
    /// escaped so that a cell never breaks the table.
    public func render() -> String {
        let cols = header.count
        func line(_ cells: [String]) -> String {
            let padded = (0..<cols).map { i in i < cells.count ? MarkdownTable.escape(cells[i]) : "" }
            return "| " + padded.joined(separator: " | ") + " |\n"
        }
        var out = line(header)
        out += "|" + (0..<cols).map { i in (i < alignments.count && alignments[i] == .right) ? " ---: " : " --- " }.joined(separator: "|") + "|\n"
        for r in rows { out += line(r) }
        return out
    }

    /// A cell's text with `|` escaped and line breaks turned into spaces.
    public static func escape(_ s: String) -> String {
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
