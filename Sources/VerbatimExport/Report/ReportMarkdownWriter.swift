/// Writes a ``StudyReport`` as Markdown: the same sections as the HTML page, with tables instead of
/// charts (GitHub-flavoured pipe tables, which pandoc, wikis and notebooks read).
public enum ReportMarkdownWriter {
    /// The report as Markdown text.
    public static func render(_ report: StudyReport) -> String {
        let s = report.strings
        let p = report.provenance
        let themes = Dictionary(report.themes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out = "# \(MarkdownText.literal(report.title, keepingLineBreaks: true))\n\n"
        out += "*\(MarkdownText.literal(s.reportKind, keepingLineBreaks: true)). \(MarkdownText.literal(s.subtitle(codebook: p.codebookTitle, version: p.codebookVersion, pseudonymized: p.pseudonymized), keepingLineBreaks: true))*"
        if let d = p.date { out += " \(s.date)\(s.colon) \(MarkdownText.literal(d, keepingLineBreaks: true))." }
        out += "\n\n"
        let m = report.summary
        out += [(m.documents, s.documents), (m.participants, s.participants), (m.words, s.words), (m.codings, s.codings),
                (m.themes, s.themeCount)].map { "**\(s.format($0.0))** \($0.1.lowercased())" }.joined(separator: " · ") + "\n\n"
        if !p.filters.isEmpty { out += MarkdownText.literal(s.filtersNote(p.filters), keepingLineBreaks: true) + "\n\n" }
        for line in s.notCodedNotes(p) { out += MarkdownText.literal(line, keepingLineBreaks: true) + "\n\n" }

        if let impact = report.impact { out += impactSection(impact, language: report.language) }

        // Corpus.
        out += "## \(s.corpus)\n\n"
        for t in report.corpus {
            var table = Table(header: [s.attributeName(t.attribute), s.documents, s.participants, s.words],
                                      alignments: [.left, .right, .right, .right])
            for row in t.rows + (t.missing.map { [$0] } ?? []) {
                table.add([row.value, String(row.documents), String(row.participants), s.format(row.words)])
            }
            table.add(["**\(s.total)**", "**\(t.total.documents)**", "**\(t.total.participants)**", "**\(s.format(t.total.words))**"])
            out += table.markdown() + "\n"
        }
        out += s.nOverN + "\n\n"

        // Frequencies.
        let f = report.frequencies
        out += "## \(s.frequencies(of: f))\n\n"
        out += matrix(f, themes: themes, strings: s, percent: true)
        if f.anySmall { out += s.smallN(f.minN) + "\n\n" }
        if f.excluded > 0 { out += s.excluded(f.excluded, attributes: f.attributes) + "\n\n" }

        if let h = report.heatmap {
            out += "## \(s.heatmap(h.attributes.first ?? ""))\n\n"
            out += matrix(h, themes: themes, strings: s, percent: false)
            out += notes(h, strings: s)
        }
        if !report.comparisons.isEmpty {
            out += "## \(s.comparisons)\n\n"
            for c in report.comparisons {
                out += "### \(s.by(c.attributes.first ?? c.id))\n\n"
                out += matrix(c, themes: themes, strings: s, percent: true)
            }
            if let c = report.comparisons.first { out += notes(c, strings: s) }
        }

        // Co-occurrence.
        let c = report.cooccurrence
        out += "## \(s.cooccurrence)\n\n"
        if !c.pairs.isEmpty {
            var table = Table(header: [s.theme, s.with, s.both, "n \(s.theme.lowercased())", "n \(s.with.lowercased())", s.jaccard],
                                      alignments: [.left, .left, .right, .right, .right, .right])
            for pair in c.pairs {
                table.add([themes[pair.first]?.label ?? pair.first, themes[pair.second]?.label ?? pair.second, String(pair.both),
                           String(pair.firstCount), String(pair.secondCount), s.decimal(pair.jaccard, 2)])
            }
            out += table.markdown() + "\n"
        }
        out += s.cooccurrenceNote(total: c.total, unit: c.unit, shown: c.pairs.count, of: c.pairCount, leavesOnly: c.leavesOnly) + "\n\n"

        // Themes.
        out += "## \(s.themes)\n\n"
        let excerptStrings = ExcerptStrings(language: report.language)
        for t in report.themes {
            out += "### \(MarkdownText.literal(t.label, keepingLineBreaks: true)) (`\(t.id)`)\n\n"
            let path = ReportHTMLWriter.lineage(t, themes: themes)
            if !path.isEmpty { out += "*" + path.map { MarkdownText.literal($0.label, keepingLineBreaks: true) }.joined(separator: " › ") + " ›*\n\n" }
            for (name, text) in [(s.definition, t.definition), (s.include, t.include), (s.exclude, t.exclude)] {
                if let text, !text.isEmpty { out += "**\(name)**\(s.colon) \(MarkdownText.literal(text, keepingLineBreaks: true))\n\n" }
            }
            if let row = f.row(t.id) {
                let parts = zip(f.columns, row.cells).map { col, cell in
                    "\(MarkdownText.literal(col.label, keepingLineBreaks: true))\(col.isSmall ? " †" : "") \(s.fraction(cell)) (\(s.percent(cell.percent)))"
                } + ["\(s.total) \(s.fraction(row.total)) (\(s.percent(row.total.percent)))"]
                out += parts.joined(separator: " · ") + "\n\n"
            }
            if !t.children.isEmpty {
                out += "\(s.subThemes)\(s.colon) " + t.children.map { MarkdownText.literal(themes[$0]?.label ?? $0, keepingLineBreaks: true) }.joined(separator: ", ") + "\n\n"
            }
            if t.excerpts.isEmpty {
                out += "*\(s.noOwnExcerpt(hasChildren: !t.children.isEmpty))*\n\n"
            } else {
                out += "*\(s.excerptCount(t.excerpts.count, of: t.excerptTotal, balanced: p.balance != nil))*\n\n"
                for e in t.excerpts { out += excerpt(e, strings: excerptStrings) }
            }
        }

        // Appendices.
        out += "## \(s.codebookAppendix)\n\n"
        var book = Table(header: [s.theme, s.definition, s.rules])
        for t in report.themes {
            var rules = t.rules.map { "`\($0)`" }
            if !t.unless.isEmpty { rules.append("\(s.unless)\(s.colon) `\(t.unless.joined(separator: ", "))`") }
            if let n = t.negation { rules.append("\(s.negation)\(s.colon) `\(n)`") }
            if !t.roles.isEmpty { rules.append("\(s.roles)\(s.colon) `\(t.roles.joined(separator: ", "))`") }
            book.add([indent(t.depth) + MarkdownText.literal(t.label, keepingLineBreaks: true) + " (`\(t.id)`)", MarkdownText.literal(t.definition ?? "", keepingLineBreaks: true), rules.joined(separator: "<br>")])
        }
        out += book.markdown() + "\n"
        out += "## \(s.documentsAppendix)\n\n"
        var docs = Table(header: [s.document] + report.documentAttributes.map(s.attributeName) + [s.participants, s.words, s.codings],
                                 alignments: [.left] + report.documentAttributes.map { _ in .left } + [.right, .right, .right])
        for d in report.documents {
            docs.add([d.document] + d.values + [String(d.participants), s.format(d.words), s.format(d.codings)])
        }
        out += docs.markdown() + "\n"
        out += "## \(s.provenance)\n\n"
        for line in s.provenanceLines(p, summary: report.summary) { out += MarkdownText.literal(line, keepingLineBreaks: true) + "\n\n" }
        out += "SHA-256\(s.colon) `\(p.sha256)`\n\n"
        out += p.generator + (p.date.map { " — \($0)" } ?? "") + "\n"
        return out
    }

    /// A themes × columns table: `n/N (%)` or `n/N`, the total, and the test columns when there are tests.
    static func matrix(_ m: ReportMatrix, themes: [String: ReportTheme], strings s: ReportStrings, percent: Bool) -> String {
        var header = [s.theme] + m.columns.map { "\($0.label)\($0.isSmall ? " †" : "") (N = \($0.size))" } + ["\(s.total) (N = \(m.total.size))"]
        var align: [Table.Alignment] = [.left] + m.columns.map { _ in .right } + [.right]
        if m.hasTests {
            header += [s.test, s.p, s.v, s.warnings]
            align += [.left, .right, .right, .left]
            if m.sharedDocuments > 0 {
                header.append(s.pDocuments)
                align.append(.right)
            }
        }
        var table = Table(header: header, alignments: align)
        func cell(_ c: ReportCell) -> String { s.fraction(c) + (percent ? " (\(s.percent(c.percent)))" : "") }
        for row in m.rows {
            let t = themes[row.theme]
            let name = indent(t?.depth ?? 0) + MarkdownText.literal(t?.label ?? row.theme, keepingLineBreaks: true)
            var cells = [(t?.depth ?? 0) == 0 ? "**\(name)**" : name] + row.cells.map(cell) + [cell(row.total)]
            if let test = row.test {
                let p = test.kind == .none ? "—" : s.pValue(test.p)
                cells += [s.testName(test), test.kind != .none && test.p < 0.05 ? "**\(p)**" : p, s.decimal(test.cramersV, 2),
                          MarkdownText.literal(test.warnings.map(s.shortWarning).joined(separator: " ; "), keepingLineBreaks: true)]
                if m.sharedDocuments > 0 {
                    let d = row.documentTest
                    let p = d.map { $0.kind == .none ? "—" : s.pValue($0.p) } ?? ""
                    cells.append(d.map { $0.kind != .none && $0.p < 0.05 } == true ? "**\(p)**" : p)
                }
            }
            table.add(cells)
        }
        return table.markdown() + "\n"
    }

    static func notes(_ m: ReportMatrix, strings s: ReportStrings) -> String {
        var out = s.nOverN + "\n\n"
        if m.hasTests {
            out += s.testsNote(themes: m.rows.count) + "\n\n"
            if m.sharedDocuments > 0 { out += s.sharedNote(units: m.sharedUnits, documents: m.sharedDocuments) + "\n\n" }
            out += s.warningsLegend + "\n\n"
        }
        if m.anySmall { out += s.smallN(m.minN) + "\n\n" }
        if m.excluded > 0 { out += s.excluded(m.excluded, attributes: m.attributes) + "\n\n" }
        return out
    }

    /// An excerpt as a block quote, matches in bold, with its attribution.
    static func excerpt(_ e: Excerpt, strings s: ExcerptStrings) -> String {
        var out = ""
        for t in e.before { out += "> *" + MarkdownText.literal((t.speaker.map { $0 + s.colon + " " } ?? "") + t.text, keepingLineBreaks: true) + "*\n>\n" }
        var body = ""
        for seg in e.segments {
            let text = MarkdownText.literal(seg.text, keepingLineBreaks: true)
            if seg.highlighted, !text.trimmingCharacters(in: .whitespaces).isEmpty { body += "**\(text)**" } else { body += text }
        }
        out += "> " + body.replacingOccurrences(of: "\n", with: "\n> ") + "\n"
        for t in e.after { out += ">\n> *" + MarkdownText.literal((t.speaker.map { $0 + s.colon + " " } ?? "") + t.text, keepingLineBreaks: true) + "*\n" }
        out += ">\n> — *\(MarkdownText.literal(e.attribution, keepingLineBreaks: true))*\n\n"
        return out
    }

    /// `&emsp;` per level, for indenting sub-themes in a table.
    static func indent(_ depth: Int) -> String { String(repeating: "&emsp;", count: depth) }
}
