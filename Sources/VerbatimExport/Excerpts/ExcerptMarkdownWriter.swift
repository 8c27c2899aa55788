/// Writes an ``ExcerptReport`` as Markdown (CommonMark): a `##` heading per theme with its definition,
/// each excerpt as a `>` blockquote with its matches in **bold**, context turns in italics, and the
/// attribution line in italics under the quote.
public enum ExcerptMarkdownWriter {
    /// The report as a Markdown document.
    public static func render(_ report: ExcerptReport) -> String {
        let s = report.strings
        var out = "# " + escape(report.title) + "\n\n" + escape(s.subtitle(codebook: report.codebook, pseudonymized: report.pseudonymized)) + "\n"
        for section in report.sections {
            out += "\n## " + escape(section.label) + " (`" + section.theme.replacingOccurrences(of: "`", with: "'") + "`)\n\n"
            if let d = section.definition, !d.isEmpty { out += escapeLines(d) + "\n\n" }
            out += "*" + escape(s.count(section.excerpts.count, of: section.total)) + "*\n"
            if section.excerpts.isEmpty { out += "\n" + s.noExcerpt + "\n" }
            for e in section.excerpts { out += "\n" + excerpt(e, strings: s) }
        }
        return out
    }

    static func excerpt(_ e: Excerpt, strings s: ExcerptStrings) -> String {
        var lines: [String] = []
        let withContext = !e.before.isEmpty || !e.after.isEmpty
        func speaker(_ name: String?) -> String { name.map { escape($0) + s.colon + " " } ?? "" }
        func context(_ t: ExcerptTurn) {
            let paragraphs = t.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (i, p) in paragraphs.enumerated() {
                let text = (i == 0 ? speaker(t.speaker) : "") + escape(p.trimmingSpaces)
                lines.append(text.isEmpty ? "" : "*" + text + "*")
            }
            lines.append("")
        }
        for t in e.before { context(t) }
        // The unit, line by line, with each highlight closed at the end of a line.
        var current = withContext ? speaker(e.speaker) : ""
        var bodyLines: [String] = []
        for seg in e.segments {
            let parts = seg.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (i, part) in parts.enumerated() {
                if i > 0 {
                    bodyLines.append(current)
                    current = ""
                }
                current += seg.highlighted ? strong(String(part)) : escape(String(part))
            }
        }
        bodyLines.append(current)
        lines.append(contentsOf: bodyLines.map(guardLineStart))
        if !e.after.isEmpty { lines.append("") }
        for t in e.after { context(t) }
        while lines.last == "" { lines.removeLast() }
        var out = lines.map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n") + "\n"
        out += "\n*" + escape(e.attribution) + "*\n"
        return out
    }

    /// `**text**`, with surrounding spaces kept outside the markers so that the emphasis is valid.
    static func strong(_ text: String) -> String {
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty { return text }
        let lead = text.prefix(while: { $0 == " " || $0 == "\t" })
        let trail = String(text.reversed().prefix(while: { $0 == " " || $0 == "\t" }))
        return lead + "**" + escape(trimmed) + "**" + trail
    }

    /// Escapes the characters that Markdown would read as markup.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~", "&": out += "\\" + String(c)
            case "\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }

    /// Escapes a text that may hold several lines, keeping them as separate lines.
    static func escapeLines(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { guardLineStart(escape(String($0))) }.joined(separator: "\n")
    }

    /// Escapes what would start a list, a heading underline or a numbered item at the start of a line.
    static func guardLineStart(_ line: String) -> String {
        guard let first = line.first else { return line }
        if first == "-" || first == "+" || first == "=" { return "\\" + line }
        if first.isNumber {
            let digits = line.prefix(while: { $0.isNumber })
            let rest = line.dropFirst(digits.count)
            if let next = rest.first, next == "." || next == ")" { return digits + "\\" + rest }
        }
        return line
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
