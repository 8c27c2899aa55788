/// Writes an ``ExcerptReport`` as Markdown (CommonMark): a `##` heading per theme with its definition,
/// each excerpt as a `>` blockquote with its matches in **bold**, context turns in italics, and the
/// attribution line in italics under the quote.
public enum ExcerptMarkdownWriter {
    /// The report as a Markdown document.
    public static func render(_ report: ExcerptReport) -> String {
        let s = report.strings
        var out = "# " + MarkdownText.literal(report.title) + "\n\n" + MarkdownText.literal(s.subtitle(codebook: report.codebook, pseudonymized: report.pseudonymized, source: report.source)) + "\n"
        for section in report.sections {
            out += "\n## " + MarkdownText.literal(section.label) + " (`" + section.theme.replacingOccurrences(of: "`", with: "'") + "`)\n\n"
            if let d = section.definition, !d.isEmpty { out += MarkdownText.literalLines(d) + "\n\n" }
            out += "*" + MarkdownText.literal(s.count(section.excerpts.count, of: section.total)) + "*\n"
            if section.excerpts.isEmpty { out += "\n" + s.noExcerpt + "\n" }
            for e in section.excerpts { out += "\n" + excerpt(e, strings: s) }
        }
        return out
    }

    static func excerpt(_ e: Excerpt, strings s: ExcerptStrings) -> String {
        var lines: [String] = []
        let withContext = !e.before.isEmpty || !e.after.isEmpty
        func speaker(_ name: String?) -> String { name.map { MarkdownText.literal($0) + s.colon + " " } ?? "" }
        func context(_ t: ExcerptTurn) {
            let paragraphs = t.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (i, p) in paragraphs.enumerated() {
                let text = (i == 0 ? speaker(t.speaker) : "") + MarkdownText.literal(p.trimmingSpaces)
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
                current += seg.highlighted ? MarkdownText.strong(String(part)) : MarkdownText.literal(String(part))
            }
        }
        bodyLines.append(current)
        lines.append(contentsOf: bodyLines.map(MarkdownText.guardLineStart))
        if !e.after.isEmpty { lines.append("") }
        for t in e.after { context(t) }
        while lines.last == "" { lines.removeLast() }
        var out = lines.map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n") + "\n"
        out += "\n*" + MarkdownText.literal(e.attribution) + "*\n"
        return out
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
