/// Lays out an ``ExcerptReport`` as a ``ReportDocument`` for ``DocxWriter``: the title, a heading per
/// theme with its definition under it, and each excerpt as a quotation, ready to paste into a text
/// (its matched words highlighted only when asked), with its attribution. Context turns sit in the same quotation, in italics, before and after
/// the unit, each on its own line and labelled with its speaker.
public enum ExcerptDocxBuilder {
    /// The report as a format-independent document.
    public static func document(_ report: ExcerptReport, highlight: Bool = false) -> ReportDocument {
        let s = report.strings
        var blocks: [ReportDocument.Block] = [
            .paragraph([.init(s.subtitle(codebook: report.codebook, pseudonymized: report.pseudonymized, source: report.source), italic: true)]),
        ]
        for section in report.sections {
            blocks.append(.heading(level: 1, text: "\(section.label) (\(section.theme))"))
            if let d = section.definition, !d.isEmpty {
                blocks.append(.paragraph([.init(s.definition + s.colon + " ", bold: true), .init(d)]))
            }
            blocks.append(.paragraph([.init(s.count(section.excerpts.count, of: section.total), italic: true)]))
            if section.excerpts.isEmpty { blocks.append(.paragraph([.init(s.noExcerpt)])) }
            for e in section.excerpts { blocks.append(quote(e, strings: s, highlight: highlight)) }
        }
        return ReportDocument(title: report.title, language: s.languageTag, blocks: blocks)
    }

    static func quote(_ e: Excerpt, strings s: ExcerptStrings, highlight: Bool = false) -> ReportDocument.Block {
        var runs: [ReportDocument.Run] = []
        let withContext = !e.before.isEmpty || !e.after.isEmpty
        func label(_ speaker: String?) -> String { speaker.map { $0 + s.colon + " " } ?? "" }
        for t in e.before {
            runs.append(.init(label(t.speaker) + t.text, italic: true))
            runs.append("\n")
        }
        if withContext, let sp = e.speaker { runs.append(.init(sp + s.colon + " ", bold: true)) }
        for seg in e.segments { runs.append(.init(seg.text, highlight: highlight && seg.highlighted)) }
        for t in e.after {
            runs.append("\n")
            runs.append(.init(label(t.speaker) + t.text, italic: true))
        }
        return .quote(runs, attribution: e.attribution)
    }
}
