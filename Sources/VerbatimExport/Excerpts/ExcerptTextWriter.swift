/// Writes an ``ExcerptReport`` for the terminal: a heading per theme, each excerpt indented with its
/// context turns and its attribution line.
///
/// Styling goes through ``Style``; the default adds nothing, so that piped output and files carry no
/// escape codes. The command line passes ANSI bold, colour and dim when stdout is a terminal.
public struct ExcerptTextWriter: Sendable {
    /// How the parts of the output are decorated.
    public struct Style: Sendable {
        /// Matched words.
        public var highlight: @Sendable (String) -> String
        /// Theme headings.
        public var heading: @Sendable (String) -> String
        /// Context turns, definitions and attributions.
        public var dim: @Sendable (String) -> String

        /// A style; every part defaults to plain text.
        public init(highlight: @escaping @Sendable (String) -> String = { $0 },
                    heading: @escaping @Sendable (String) -> String = { $0 },
                    dim: @escaping @Sendable (String) -> String = { $0 }) {
            self.highlight = highlight
            self.heading = heading
            self.dim = dim
        }

        /// No decoration at all.
        public static let plain = Style()
    }

    /// How the output is decorated.
    public var style: Style

    /// A writer with `style` (plain by default).
    public init(style: Style = .plain) { self.style = style }

    /// The report as terminal text.
    public func render(_ report: ExcerptReport) -> String {
        let s = report.strings
        var out = style.heading(report.title) + "\n" + style.dim(s.subtitle(codebook: report.codebook, pseudonymized: report.pseudonymized, source: report.source)) + "\n"
        for section in report.sections {
            out += "\n" + style.heading("\(section.label) [\(section.theme)]") + "  " + style.dim(s.count(section.excerpts.count, of: section.total)) + "\n"
            if let d = section.definition, !d.isEmpty { out += style.dim(d) + "\n" }
            if section.excerpts.isEmpty { out += "\n  " + s.noExcerpt + "\n" }
            for e in section.excerpts { out += "\n" + excerpt(e, strings: s) }
        }
        return out
    }

    func excerpt(_ e: Excerpt, strings s: ExcerptStrings) -> String {
        var out = ""
        let withContext = !e.before.isEmpty || !e.after.isEmpty
        for t in e.before { out += indent(label(t.speaker, s) + t.text, style: style.dim) }
        var body = ""
        for seg in e.segments {
            body += seg.highlighted ? seg.text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : style.highlight(String($0)) }.joined(separator: "\n") : seg.text
        }
        out += indent((withContext ? label(e.speaker, s) : "") + body, style: nil)
        for t in e.after { out += indent(label(t.speaker, s) + t.text, style: style.dim) }
        var attribution = "— " + e.attribution
        if e.codes != [e.theme], !e.codes.isEmpty { attribution += " [" + e.codes.joined(separator: ", ") + "]" }
        out += "    " + style.dim(attribution) + "\n"
        return out
    }

    func label(_ speaker: String?, _ s: ExcerptStrings) -> String {
        guard let speaker else { return "" }
        return speaker + s.colon + " "
    }

    /// Indents every line by two spaces; a styled block is re-styled line by line so that escape
    /// codes do not run across the indentation.
    func indent(_ text: String, style: (@Sendable (String) -> String)?) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { line -> String in
            if line.isEmpty { return "" }
            return "  " + (style.map { $0(String(line)) } ?? String(line))
        }.joined(separator: "\n") + "\n"
    }
}
