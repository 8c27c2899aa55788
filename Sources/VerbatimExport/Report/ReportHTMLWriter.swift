/// Writes a ``StudyReport`` as one self-contained HTML page: inline CSS, inline SVG charts, no script,
/// no external asset, so that it looks the same offline, in any browser, years later.
///
/// Every text from the study (labels, attribute values, excerpts, definitions) is escaped. Numbers
/// are also written as data attributes (`data-table`, `data-theme`, `data-column`, `data-n`,
/// `data-base` on each bar and matrix cell; `data-test`, `data-p`, `data-v` on each tested row) so
/// that they can be read back and checked against `verbatim stats` and `verbatim matrix`.
public enum ReportHTMLWriter {
    /// The report as an HTML document.
    public static func render(_ report: StudyReport) -> String {
        let s = report.strings
        let themes = Dictionary(report.themes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let p = report.provenance
        var out = """
        <!DOCTYPE html>
        <html lang="\(s.language)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="\(esc(p.generator))">
        <meta name="verbatim-input-sha256" content="\(esc(p.sha256))">
        <title>\(esc(report.title)) — \(esc(s.reportKind))</title>
        <style>
        \(ReportCSS.text)
        </style>
        </head>
        <body>
        <header>
        <p class="kind">\(esc(s.reportKind))</p>
        <h1>\(esc(report.title))</h1>
        <p class="subtitle">\(esc(s.subtitle(codebook: p.codebookTitle, version: p.codebookVersion, pseudonymized: p.pseudonymized)))\(p.date.map { " " + esc(s.date) + esc(s.colon) + " " + esc($0) + "." } ?? "")</p>
        \(summary(report))
        </header>

        """
        out += nav(report)
        if let impact = report.impact { out += impactSection(impact, strings: s) }
        out += corpus(report)
        out += frequencies(report, themes: themes)
        if let h = report.heatmap {
            out += "<section id=\"heatmap\">\n<h2>\(esc(s.heatmap(h.attributes.first ?? "")))</h2>\n"
            out += matrixTable(h, themes: themes, strings: s)
            out += matrixNotes(h, strings: s)
            out += top(s) + "</section>\n"
        }
        if !report.comparisons.isEmpty {
            out += "<section id=\"comparisons\">\n<h2>\(esc(s.comparisons))</h2>\n"
            for m in report.comparisons {
                out += "<h3 id=\"compare-\(anchor(m.id))\">\(esc(s.by(m.attributes.first ?? m.id)))</h3>\n"
                out += matrixTable(m, themes: themes, strings: s)
            }
            if let m = report.comparisons.first { out += matrixNotes(m, strings: s) }
            out += top(s) + "</section>\n"
        }
        out += cooccurrence(report, themes: themes)
        out += themeSections(report, themes: themes)
        out += codebook(report)
        out += documents(report)
        out += footer(report)
        out += "</body>\n</html>\n"
        return out
    }

    static func esc(_ s: String) -> String { ExcerptHTMLWriter.escape(s) }

    static func anchor(_ id: String) -> String {
        String(id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
    }

    static func top(_ s: ReportStrings) -> String { "<p class=\"top\"><a href=\"#contents\">\(esc(s.backToTop))</a></p>\n" }

    // MARK: Header

    static func summary(_ r: StudyReport) -> String {
        let s = r.strings, m = r.summary
        let items = [(m.documents, s.documents), (m.participants, s.participants), (m.words, s.words),
                     (m.codings, s.codings), (m.themes, s.themeCount)]
        return "<ul class=\"summary\">" + items.map { "<li><b>\(esc(s.format($0.0)))</b> \(esc($0.1.lowercased()))</li>" }.joined() + "</ul>"
            + (r.provenance.filters.isEmpty ? "" : "\n<p class=\"note\">\(esc(s.filtersNote(r.provenance.filters)))</p>")
            + s.notCodedNotes(r.provenance).map { "\n<p class=\"note\">\(esc($0))</p>" }.joined()
    }

    static func nav(_ r: StudyReport) -> String {
        let s = r.strings
        var items: [(String, String)] = (r.impact == nil ? [] : [("impact", ImpactStrings(language: r.language).title)]) + [("corpus", s.corpus), ("frequencies", s.frequencies(of: r.frequencies))]
        if let h = r.heatmap { items.append(("heatmap", s.heatmap(h.attributes.first ?? ""))) }
        if !r.comparisons.isEmpty {
            items.append(("comparisons", s.comparisons + " (" + r.comparisons.map { s.attributeName($0.attributes.first ?? $0.id).lowercased() }.joined(separator: ", ") + ")"))
        }
        items += [("cooccurrence", s.cooccurrence), ("themes", s.themes), ("codebook", s.codebookAppendix),
                  ("documents", s.documentsAppendix), ("provenance", s.provenance)]
        var out = "<nav id=\"contents\">\n<h2>\(esc(s.contents))</h2>\n<ol>\n"
        for (id, title) in items { out += "<li><a href=\"#\(id)\">\(esc(title))</a></li>\n" }
        out += "</ol>\n</nav>\n"
        return out
    }

    // MARK: Corpus

    static func corpus(_ r: StudyReport) -> String {
        let s = r.strings
        var out = "<section id=\"corpus\">\n<h2>\(esc(s.corpus))</h2>\n<div class=\"grid\">\n"
        for t in r.corpus {
            out += "<table class=\"corpus\" data-attribute=\"\(esc(t.attribute))\">\n<thead><tr><th>\(esc(s.attributeName(t.attribute)))</th>"
            out += "<th class=\"num\">\(esc(s.documents))</th><th class=\"num\">\(esc(s.participants))</th><th class=\"num\">\(esc(s.words))</th></tr></thead>\n<tbody>\n"
            for row in t.rows + (t.missing.map { [$0] } ?? []) {
                out += "<tr><td>\(esc(row.value))</td><td class=\"num\">\(row.documents)</td><td class=\"num\">\(row.participants)</td><td class=\"num\">\(esc(s.format(row.words)))</td></tr>\n"
            }
            out += "</tbody>\n<tfoot><tr><td>\(esc(s.total))</td><td class=\"num\">\(t.total.documents)</td><td class=\"num\">\(t.total.participants)</td><td class=\"num\">\(esc(s.format(t.total.words)))</td></tr></tfoot>\n</table>\n"
        }
        out += "</div>\n"
        out += "<p class=\"note\">\(esc(s.nOverN))</p>\n"
        out += top(s) + "</section>\n"
        return out
    }

    // MARK: Frequencies

    static func frequencies(_ r: StudyReport, themes: [String: ReportTheme]) -> String {
        let s = r.strings, m = r.frequencies
        var out = "<section id=\"frequencies\">\n<h2>\(esc(s.frequencies(of: m)))</h2>\n"
        out += "<div class=\"chart\">\n" + ReportBarChart().svg(m, themes: themes, strings: s) + "</div>\n"
        out += "<p class=\"note\">\(esc(s.nOverN))</p>\n"
        if m.anySmall { out += "<p class=\"note\">\(esc(s.smallN(m.minN)))</p>\n" }
        if m.excluded > 0 { out += "<p class=\"note\">\(esc(s.excluded(m.excluded, attributes: m.attributes)))</p>\n" }
        out += top(s) + "</section>\n"
        return out
    }

    // MARK: Matrices

    /// A themes × values table: each cell `n/N` on a background as dark as its share, the total, and the
    /// test of each theme.
    static func matrixTable(_ m: ReportMatrix, themes: [String: ReportTheme], strings s: ReportStrings) -> String {
        let wide = m.columns.count > 3
        let id = esc(m.id)
        var out = "<div class=\"scroll\">\n<table class=\"matrix\(wide ? " wide" : "")\" data-matrix=\"\(id)\">\n<thead><tr><th class=\"theme\">\(esc(s.theme))</th>"
        for c in m.columns {
            out += "<th class=\"num\">\(esc(c.label))\(c.isSmall ? " †" : "")<br><small>N = \(c.size)</small></th>"
        }
        out += "<th class=\"num total\">\(esc(s.total))<br><small>N = \(m.total.size)</small></th>"
        if m.hasTests {
            out += "<th>\(esc(s.test))</th><th class=\"num\">\(esc(s.p))</th><th class=\"num\">\(esc(s.v))</th><th class=\"warn\">\(esc(s.warnings))</th>"
            if m.sharedDocuments > 0 { out += "<th class=\"num\">\(esc(s.pDocuments))</th>" }
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in m.rows {
            let theme = themes[row.theme]
            let depth = theme?.depth ?? 0
            var tr = "<tr class=\"depth-\(min(depth, 3))\" data-table=\"\(id)\" data-theme=\"\(esc(row.theme))\""
            if let t = row.test {
                tr += " data-test=\"\(t.kind.rawValue)\" data-p=\"\(number(t.kind == .none ? nil : t.p))\" data-v=\"\(number(t.cramersV))\""
            }
            out += tr + ">"
            out += "<th class=\"theme\" scope=\"row\"><span class=\"swatch\" style=\"background:\(theme?.color ?? "#999999")\"></span>"
            out += "<a href=\"#theme-\(anchor(row.theme))\">\(esc(theme?.label ?? row.theme))</a></th>"
            for (c, cell) in zip(m.columns, row.cells) {
                out += cellHTML(cell, column: c.label, table: id, theme: row.theme, heat: true, showPercent: !wide, strings: s)
            }
            out += cellHTML(row.total, column: "(all)", table: id, theme: row.theme, heat: false, showPercent: !wide, strings: s)
            if let t = row.test {
                let significant = t.kind != .none && t.p < 0.05
                out += "<td class=\"test\">\(esc(s.testName(t)))</td>"
                out += "<td class=\"num\(significant ? " sig" : "")\">\(esc(t.kind == .none ? "—" : s.pValue(t.p)))</td>"
                out += "<td class=\"num\">\(esc(s.decimal(t.cramersV, 2)))</td>"
                out += "<td class=\"warn\" title=\"\(esc(t.warnings.map(s.warning).joined(separator: " ; ")))\">\(esc(t.warnings.map(s.shortWarning).joined(separator: " ; ")))</td>"
            } else if m.hasTests {
                out += "<td></td><td></td><td></td><td></td>"
            }
            if m.hasTests && m.sharedDocuments > 0 {
                let d = row.documentTest
                let text = d.map { $0.kind == .none ? "—" : s.pValue($0.p) } ?? ""
                out += "<td class=\"num\(d.map { $0.kind != .none && $0.p < 0.05 } == true ? " sig" : "")\">\(esc(text))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n</div>\n"
        return out
    }

    static func cellHTML(_ cell: ReportCell, column: String, table: String, theme: String, heat: Bool, showPercent: Bool,
                         strings s: ReportStrings) -> String {
        var style = ""
        if heat, let p = cell.percent {
            let bg = ReportColor.heat(p)
            style = " style=\"background:\(bg.hex);color:\(bg.prefersWhiteText ? "#FFFFFF" : "#1A1A1A")\""
        }
        let text = s.fraction(cell) + (showPercent ? " <small>\(esc(s.percent(cell.percent)))</small>" : "")
        return "<td class=\"num cell\(heat ? "" : " total")\"\(style) data-table=\"\(table)\" data-theme=\"\(esc(theme))\" data-column=\"\(esc(column))\" data-n=\"\(cell.n)\" data-base=\"\(cell.base)\" title=\"\(esc(s.percent(cell.percent)))\">\(text)</td>"
    }

    static func matrixNotes(_ m: ReportMatrix, strings s: ReportStrings) -> String {
        var out = "<p class=\"note\">\(esc(s.nOverN))</p>\n"
        if m.hasTests {
            out += "<p class=\"note\">\(esc(s.testsNote(themes: m.rows.count)))</p>\n"
            if m.sharedDocuments > 0 { out += "<p class=\"note\">\(esc(s.sharedNote(units: m.sharedUnits, documents: m.sharedDocuments)))</p>\n" }
            out += "<p class=\"note\">\(esc(s.warningsLegend))</p>\n"
        }
        if m.anySmall { out += "<p class=\"note\">\(esc(s.smallN(m.minN)))</p>\n" }
        if m.excluded > 0 { out += "<p class=\"note\">\(esc(s.excluded(m.excluded, attributes: m.attributes)))</p>\n" }
        return out
    }

    /// A number as data attributes give it: the shortest exact form, empty when missing or not finite.
    static func number(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
        return String(x)
    }

    // MARK: Co-occurrence

    static func cooccurrence(_ r: StudyReport, themes: [String: ReportTheme]) -> String {
        let s = r.strings, c = r.cooccurrence
        var out = "<section id=\"cooccurrence\">\n<h2>\(esc(s.cooccurrence))</h2>\n"
        if c.pairs.isEmpty {
            out += "<p>—</p>\n"
        } else {
            let maxJ = max(c.pairs.map(\.jaccard).max() ?? 1, 0.0001)
            out += "<table class=\"pairs\">\n<thead><tr><th>\(esc(s.theme))</th><th>\(esc(s.with))</th><th class=\"num\">\(esc(s.both))</th>"
            out += "<th class=\"num\">n \(esc(s.theme.lowercased()))</th><th class=\"num\">n \(esc(s.with.lowercased()))</th><th>\(esc(s.jaccard))</th></tr></thead>\n<tbody>\n"
            for pair in c.pairs {
                func name(_ id: String) -> String {
                    let t = themes[id]
                    return "<span class=\"swatch\" style=\"background:\(t?.color ?? "#999999")\"></span><a href=\"#theme-\(anchor(id))\">\(esc(t?.label ?? id))</a>"
                }
                let w = Int((100 * pair.jaccard / maxJ).rounded())
                out += "<tr data-first=\"\(esc(pair.first))\" data-second=\"\(esc(pair.second))\" data-both=\"\(pair.both)\">"
                out += "<td>\(name(pair.first))</td><td>\(name(pair.second))</td><td class=\"num\">\(pair.both)</td>"
                out += "<td class=\"num\">\(pair.firstCount)</td><td class=\"num\">\(pair.secondCount)</td>"
                out += "<td class=\"jaccard\"><span class=\"meter\"><span style=\"width:\(w)%\"></span></span> \(esc(s.decimal(pair.jaccard, 2)))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += "<p class=\"note\">\(esc(s.cooccurrenceNote(total: c.total, unit: c.unit, shown: c.pairs.count, of: c.pairCount, leavesOnly: c.leavesOnly)))</p>\n"
        out += top(s) + "</section>\n"
        return out
    }

    // MARK: Themes

    static func themeSections(_ r: StudyReport, themes: [String: ReportTheme]) -> String {
        let s = r.strings
        let excerptStrings = ExcerptStrings(language: r.language)
        let f = r.frequencies
        var out = "<section id=\"themes\">\n<h2>\(esc(s.themes))</h2>\n"
        for t in r.themes {
            out += "<article class=\"theme depth-\(min(t.depth, 3))\" id=\"theme-\(anchor(t.id))\" style=\"--c:\(t.color)\">\n"
            let tag = t.depth == 0 ? "h3" : "h4"
            out += "<\(tag)><span class=\"swatch\"></span>\(esc(t.label)) <code>\(esc(t.id))</code></\(tag)>\n"
            let path = lineage(t, themes: themes)
            if !path.isEmpty {
                out += "<p class=\"path\">" + path.map { "<a href=\"#theme-\(anchor($0.id))\">\(esc($0.label))</a>" }.joined(separator: " › ") + " ›</p>\n"
            }
            var dl = ""
            for (name, text) in [(s.definition, t.definition), (s.include, t.include), (s.exclude, t.exclude)] {
                if let text, !text.isEmpty { dl += "<dt>\(esc(name))</dt><dd>\(esc(text))</dd>" }
            }
            if !dl.isEmpty { out += "<dl>\(dl)</dl>\n" }
            if let row = f.row(t.id) {
                out += "<table class=\"counts\"><tr>"
                for (c, cell) in zip(f.columns, row.cells) {
                    out += "<td><span class=\"g\">\(esc(c.label))\(c.isSmall ? " †" : "")</span> \(s.fraction(cell)) <small>\(esc(s.percent(cell.percent)))</small>"
                    out += "<span class=\"meter\"><span style=\"width:\(Int((cell.percent ?? 0).rounded()))%\"></span></span></td>"
                }
                out += "<td class=\"total\"><span class=\"g\">\(esc(s.total))</span> \(s.fraction(row.total)) <small>\(esc(s.percent(row.total.percent)))</small>"
                out += "<span class=\"meter\"><span style=\"width:\(Int((row.total.percent ?? 0).rounded()))%\"></span></span></td>"
                out += "</tr></table>\n"
            }
            if !t.children.isEmpty {
                out += "<p class=\"children\">\(esc(s.subThemes))\(esc(s.colon)) " + t.children.map { id in
                    "<a href=\"#theme-\(anchor(id))\">\(esc(themes[id]?.label ?? id))</a>"
                }.joined(separator: ", ") + "</p>\n"
            }
            if t.excerpts.isEmpty {
                out += "<p class=\"count\">\(esc(s.noOwnExcerpt(hasChildren: !t.children.isEmpty)))</p>\n"
            } else {
                out += "<p class=\"count\">\(esc(s.excerptCount(t.excerpts.count, of: t.excerptTotal, balanced: r.provenance.balance != nil)))</p>\n"
                for e in t.excerpts { out += ExcerptHTMLWriter.excerpt(e, strings: excerptStrings) }
            }
            out += "</article>\n"
        }
        out += top(s) + "</section>\n"
        return out
    }

    /// The ancestors of a theme, outermost first.
    static func lineage(_ t: ReportTheme, themes: [String: ReportTheme]) -> [ReportTheme] {
        var out: [ReportTheme] = []
        var current = t.parent
        while let id = current, let p = themes[id], !out.contains(where: { $0.id == id }) {
            out.insert(p, at: 0)
            current = p.parent
        }
        return out
    }

    // MARK: Appendices

    static func codebook(_ r: StudyReport) -> String {
        let s = r.strings
        var out = "<section id=\"codebook\">\n<h2>\(esc(s.codebookAppendix))</h2>\n"
        out += "<table class=\"codebook\">\n<thead><tr><th>\(esc(s.theme))</th><th>\(esc(s.definition))</th><th>\(esc(s.rules))</th></tr></thead>\n<tbody>\n"
        for t in r.themes {
            out += "<tr class=\"depth-\(min(t.depth, 3))\"><th class=\"theme\" scope=\"row\"><span class=\"swatch\" style=\"background:\(t.color)\"></span>\(esc(t.label))<br><code>\(esc(t.id))</code></th>"
            out += "<td>\(esc(t.definition ?? ""))</td><td class=\"rules\">"
            var parts = t.rules.map { "<code>\(esc($0))</code>" }
            if !t.unless.isEmpty { parts.append("\(esc(s.unless))\(esc(s.colon)) <code>\(esc(t.unless.joined(separator: ", ")))</code>") }
            if let n = t.negation { parts.append("\(esc(s.negation))\(esc(s.colon)) <code>\(esc(n))</code>") }
            if !t.roles.isEmpty { parts.append("\(esc(s.roles))\(esc(s.colon)) <code>\(esc(t.roles.joined(separator: ", ")))</code>") }
            out += parts.joined(separator: "<br>") + "</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        out += top(s) + "</section>\n"
        return out
    }

    static func documents(_ r: StudyReport) -> String {
        let s = r.strings
        var out = "<section id=\"documents\">\n<h2>\(esc(s.documentsAppendix))</h2>\n<div class=\"scroll\">\n<table class=\"documents\">\n<thead><tr><th>\(esc(s.document))</th>"
        for a in r.documentAttributes { out += "<th>\(esc(s.attributeName(a)))</th>" }
        out += "<th class=\"num\">\(esc(s.participants))</th><th class=\"num\">\(esc(s.words))</th><th class=\"num\">\(esc(s.codings))</th></tr></thead>\n<tbody>\n"
        for d in r.documents {
            out += "<tr><td>\(esc(d.document))</td>" + d.values.map { "<td>\(esc($0))</td>" }.joined()
            out += "<td class=\"num\">\(d.participants)</td><td class=\"num\">\(esc(s.format(d.words)))</td><td class=\"num\">\(esc(s.format(d.codings)))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n</div>\n"
        out += top(s) + "</section>\n"
        return out
    }

    static func footer(_ r: StudyReport) -> String {
        let s = r.strings, p = r.provenance
        var out = "<footer id=\"provenance\">\n<h2>\(esc(s.provenance))</h2>\n"
        for line in s.provenanceLines(p, summary: r.summary) { out += "<p>\(esc(line))</p>\n" }
        out += "<p class=\"hash\">SHA-256\(esc(s.colon)) <code data-sha256=\"\(esc(p.sha256))\">\(esc(p.sha256))</code></p>\n"
        out += "<p class=\"generator\">\(esc(p.generator))\(p.date.map { " — " + esc($0) } ?? "")</p>\n"
        out += "</footer>\n"
        return out
    }
}
