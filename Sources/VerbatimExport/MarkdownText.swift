/// How text is put into Markdown (CommonMark) so that it shows as written: one escaper per purpose.
///
/// - ``literal(_:)``: inline text (a quote, a name, a label) whose characters must not become markup;
/// - ``literalLines(_:)``: the same for a text of several lines, each kept as a line;
/// - ``guardLineStart(_:)``: what would start a list, a heading underline or a numbered item;
/// - ``strong(_:)``: literal text in bold;
/// - `Table.markdownCell`: what keeps a table cell inside its cell (applied by `Table` itself).
public enum MarkdownText {
    /// Text with the characters Markdown reads as markup escaped, and line breaks turned into spaces
    /// unless `keepingLineBreaks`: `<`, `>` and `&` as character references (so that no tag, not even an escaped one, is in
    /// the file), the other markup characters with a backslash. `|` is left to `Table.markdownCell`,
    /// which escapes it in tables, the only place it is markup.
    public static func literal(_ s: String, keepingLineBreaks: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "#", "~": out += "\\" + String(c)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r\n", "\r": if keepingLineBreaks { out.append(c) } else { out += " " }
            default: out.append(c)
            }
        }
        return out
    }

    /// A text that may hold several lines, each escaped as ``literal(_:)`` and guarded at its start.
    public static func literalLines(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { guardLineStart(literal(String($0))) }.joined(separator: "\n")
    }

    /// A line with what would start a list item, a heading underline or a numbered item escaped.
    public static func guardLineStart(_ line: String) -> String {
        guard let first = line.first else { return line }
        if first == "-" || first == "+" || first == "=" { return "\\" + line }
        if first.isNumber {
            let digits = line.prefix(while: { $0.isNumber })
            let rest = line.dropFirst(digits.count)
            if let next = rest.first, next == "." || next == ")" { return digits + "\\" + rest }
        }
        return line
    }

    /// `**text**` with `text` literal, surrounding spaces kept outside the markers so that the emphasis
    /// is valid.
    public static func strong(_ text: String) -> String {
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty { return text }
        let lead = text.prefix(while: { $0 == " " || $0 == "\t" })
        let trail = String(text.reversed().prefix(while: { $0 == " " || $0 == "\t" }))
        return lead + "**" + literal(trimmed) + "**" + trail
    }
}
