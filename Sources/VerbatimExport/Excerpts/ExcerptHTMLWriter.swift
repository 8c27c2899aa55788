/// Writes an ``ExcerptReport`` as one self-contained HTML page: inline CSS, no script and no external
/// asset, every text escaped. Matches are `<mark>` elements; context turns are smaller and grey.
public enum ExcerptHTMLWriter {
    /// The report as an HTML document.
    public static func render(_ report: ExcerptReport) -> String {
        let s = report.strings
        var out = """
        <!DOCTYPE html>
        <html lang="\(s.language)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(report.title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        <h1>\(escape(report.title))</h1>
        <p class="subtitle">\(escape(s.subtitle(codebook: report.codebook, pseudonymized: report.pseudonymized, source: report.source)))</p>

        """
        for section in report.sections {
            out += "<section id=\"\(escape(anchor(section.theme)))\">\n"
            out += "<h2>\(escape(section.label)) <code>\(escape(section.theme))</code></h2>\n"
            if let d = section.definition, !d.isEmpty { out += "<p class=\"definition\">\(paragraph(d))</p>\n" }
            out += "<p class=\"count\">\(escape(s.count(section.excerpts.count, of: section.total)))</p>\n"
            if section.excerpts.isEmpty { out += "<p class=\"empty\">\(escape(s.noExcerpt))</p>\n" }
            for e in section.excerpts { out += excerpt(e, strings: s) }
            out += "</section>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    static let css = """
    body { font-family: Georgia, "Times New Roman", serif; max-width: 46em; margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #222; background: #fff; }
    h1 { font-size: 1.6em; margin-bottom: .2em; }
    h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; }
    h2 code { font-size: .7em; color: #666; font-weight: normal; }
    .subtitle, .count { color: #666; font-size: .9em; }
    .definition { font-style: italic; }
    figure.excerpt { margin: 1.2em 0; }
    blockquote { margin: 0; padding: .2em 0 .2em 1em; border-left: 3px solid #bbb; }
    blockquote p { margin: .3em 0; white-space: pre-wrap; }
    blockquote p.context { color: #777; font-size: .85em; }
    .speaker { font-variant: small-caps; }
    mark { background: #fff3a0; font-weight: bold; padding: 0 .1em; }
    figcaption { font-size: .85em; color: #555; font-style: italic; margin-top: .3em; }
    """

    static func excerpt(_ e: Excerpt, strings s: ExcerptStrings) -> String {
        let withContext = !e.before.isEmpty || !e.after.isEmpty
        func speaker(_ name: String?) -> String {
            name.map { "<span class=\"speaker\">\(escape($0 + s.colon))</span> " } ?? ""
        }
        var out = "<figure class=\"excerpt\" data-document=\"\(escape(e.document))\" data-turn=\"\(e.turn)\">\n<blockquote>\n"
        for t in e.before { out += "<p class=\"context\">\(speaker(t.speaker))\(paragraph(t.text))</p>\n" }
        var body = withContext ? speaker(e.speaker) : ""
        for seg in e.segments { body += seg.highlighted ? "<mark>\(escape(seg.text))</mark>" : escape(seg.text) }
        out += "<p>\(body)</p>\n"
        for t in e.after { out += "<p class=\"context\">\(speaker(t.speaker))\(paragraph(t.text))</p>\n" }
        out += "</blockquote>\n<figcaption>\(escape(e.attribution))</figcaption>\n</figure>\n"
        return out
    }

    static func paragraph(_ s: String) -> String { escape(s) }

    /// A fragment identifier for a theme id.
    static func anchor(_ id: String) -> String {
        "theme-" + String(id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
    }

    /// Escapes text for element content and quoted attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab and line feed are not allowed in HTML text.
                if u.value < 0x20 && u != "\n" && u != "\t" { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
