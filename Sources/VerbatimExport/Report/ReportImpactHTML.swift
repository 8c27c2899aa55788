import Foundation

extension ReportHTMLWriter {
    /// The "Impact" section: the chain as an inline SVG, then per group the outcomes with the horizons side
    /// by side, the context rows, the questionnaire figures and a verbatim for and against.
    static func impactSection(_ impact: ReportImpact, strings s: ReportStrings) -> String {
        let t = ImpactStrings(language: s.language)
        var out = "<section id=\"impact\">\n<h2>\(esc(t.title))</h2>\n"
        out += "<h3>\(esc(t.chainTitle))</h3>\n" + chainSVG(impact, strings: t)
        out += "<p class=\"note\">\(esc(t.legend))</p>\n"
        for g in impact.groups {
            out += "<h3 id=\"impact-\(anchor(g.value))\">\(esc(t.group(g.value)))</h3>\n"
            out += "<table class=\"impact\" data-group=\"\(esc(g.value))\">\n<thead><tr><th rowspan=\"2\">\(esc(t.outcome))</th>"
            for h in impact.horizons { out += "<th colspan=\"4\" class=\"horizon\">\(esc(h))</th>" }
            out += "</tr><tr>"
            for _ in impact.horizons {
                out += "<th class=\"num\">\(esc(t.mention))</th><th class=\"num\">\(esc(t.credit))</th><th class=\"num\">\(esc(t.against))</th><th>\(esc(t.reading))</th>"
            }
            out += "</tr></thead>\n<tbody>\n"
            for o in g.outcomes {
                out += "<tr class=\"outcome\" data-outcome=\"\(esc(o.id))\"><th scope=\"row\">\(esc(o.label))</th>"
                for (i, c) in o.cells.enumerated() { out += impactCells(c, horizon: i, t: t) }
                out += "</tr>\n"
                for ctx in o.contexts {
                    out += "<tr class=\"context\" data-outcome=\"\(esc(o.id))\" data-context=\"\(esc(ctx.value))\"><td>· \(esc(ctx.value))</td>"
                    for (i, c) in ctx.cells.enumerated() { out += impactCells(c, horizon: i, t: t) }
                    out += "</tr>\n"
                }
            }
            out += "</tbody>\n</table>\n"
            // The joint display: each outcome's figures and verbatims.
            out += "<div class=\"impact-evidence\">\n"
            for o in g.outcomes where !o.figures.isEmpty || !o.quotes.isEmpty {
                out += "<div class=\"impact-outcome\" data-outcome=\"\(esc(o.id))\">\n<h4>\(esc(o.label))</h4>\n"
                let c = o.cells.last { $0.expected } ?? o.cells.last
                for f in o.figures {
                    out += "<p class=\"figure\"><span class=\"survey\">\(esc(f.computed ? t.questionnaireComputed : t.questionnaire))</span> <b>\(esc(f.value))</b>"
                    if let l = f.label { out += " \(esc(l))" }
                    if let c { out += " · " + esc(t.french ? "entretiens" : "interviews") + " <b>\(c.n)/\(c.base)</b>" }
                    out += "<br><span class=\"note\">\(esc(f.source))</span>"
                    if let link = f.link { out += "<br><span class=\"note\">\(esc(link))</span>" }
                    out += "</p>\n"
                }
                let forQuotes = o.quotes.filter { !$0.against }, againstQuotes = o.quotes.filter(\.against)
                for q in forQuotes { out += quoteHTML(q, label: t.forQuote, t: t) }
                for q in againstQuotes { out += quoteHTML(q, label: t.againstQuote, t: t) }
                if againstQuotes.isEmpty && !forQuotes.isEmpty { out += "<p class=\"note\">\(esc(t.noAgainst))</p>\n" }
                out += "</div>\n"
            }
            out += "</div>\n"
        }
        for n in impact.notes { out += "<p class=\"note\">\(esc(n))</p>\n" }
        out += top(s) + "</section>\n"
        return out
    }

    static func impactCells(_ c: ReportImpact.Cell, horizon: Int, t: ImpactStrings) -> String {
        let mark = (c.smallN ? "†" : "") + (c.expected ? "" : "°")
        let pct = c.base > 0 ? " (\(Int((100 * Double(c.n) / Double(c.base)).rounded())) %)" : ""
        let cls = c.expected ? "" : " unexpected"
        return "<td class=\"num\(cls)\" data-horizon=\"\(horizon)\" data-n=\"\(c.n)\" data-base=\"\(c.base)\">\(c.n)/\(c.base)\(pct)\(mark)</td>"
            + "<td class=\"num\(cls)\" data-programme=\"\(c.programme)\" data-other=\"\(c.other)\">\(c.programme)\(c.other > 0 ? " <span class=\"note\">(+\(c.other) \(esc(t.otherCause)))</span>" : "")</td>"
            + "<td class=\"num\(cls)\" data-counter=\"\(c.counter)\">\(c.counter)</td>"
            + "<td class=\"reading\(cls)\(c.contested ? " contested" : "")\">\(esc(c.reading))</td>"
    }

    static func quoteHTML(_ q: ReportImpact.Quote, label: String, t: ImpactStrings) -> String {
        "<figure class=\"impact-quote\(q.against ? " against" : "")\"><figcaption>\(esc(label))\(q.credited ? " · " + esc(t.credited) : "")</figcaption>"
            + "<blockquote><p>\(esc(q.text))</p></blockquote><p class=\"note\">\(esc(q.source))</p></figure>\n"
    }

    /// The chain as an SVG: one column per step, each element a box shaded by its evidence, arrows for its links.
    static func chainSVG(_ impact: ReportImpact, strings t: ImpactStrings) -> String {
        let colWidth = 275.0, boxWidth = 240.0, boxHeight = 40.0, gap = 12.0, top = 34.0
        var columns: [[ReportImpact.Node]] = Array(repeating: [], count: 4)
        for n in impact.chain { columns[max(0, min(3, n.step))].append(n) }
        let rows = columns.map(\.count).max() ?? 1
        let height = top + Double(rows) * (boxHeight + gap) + 10
        let width = colWidth * 4
        var place: [String: (x: Double, y: Double)] = [:]
        for (ci, col) in columns.enumerated() {
            // Centre shorter columns vertically.
            let offset = (Double(rows - col.count) * (boxHeight + gap)) / 2
            for (ri, n) in col.enumerated() {
                place[n.id] = (Double(ci) * colWidth + 10, top + offset + Double(ri) * (boxHeight + gap))
            }
        }
        var out = "<svg class=\"chain\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        out += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#8A94A3\"/></marker></defs>\n"
        for (ci, title) in t.steps.enumerated() {
            out += "<text x=\"\(Int(Double(ci) * colWidth + 10 + boxWidth / 2))\" y=\"18\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"600\" fill=\"#5F6B7A\">\(esc(title))</text>\n"
        }
        for n in impact.chain {
            guard let a = place[n.id] else { continue }
            for target in n.leadsTo {
                guard let b = place[target] else { continue }
                let x1 = a.x + boxWidth, y1 = a.y + boxHeight / 2
                let sameColumn = abs(a.x - b.x) < 1
                let x2 = sameColumn ? b.x + boxWidth : b.x, y2 = b.y + boxHeight / 2
                if sameColumn {
                    out += "<path d=\"M\(f(x1)),\(f(y1)) C\(f(x1 + 30)),\(f(y1)) \(f(x2 + 30)),\(f(y2)) \(f(x2)),\(f(y2))\" fill=\"none\" stroke=\"#B5BDC8\" stroke-width=\"1.2\" marker-end=\"url(#arrow)\"/>\n"
                } else {
                    out += "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"#B5BDC8\" stroke-width=\"1.2\" marker-end=\"url(#arrow)\"/>\n"
                }
            }
        }
        for n in impact.chain {
            guard let p = place[n.id] else { continue }
            let fill = shade(n.share)
            let ink = (n.share ?? 0) > 0.55 ? "#FFFFFF" : "#1A1A1A"
            let share = n.share.map { (n.count.map { $0 + " · " } ?? "") + "\(Int(($0 * 100).rounded())) %" } ?? ""
            let lines = wrapLabel(n.label, width: share.isEmpty ? 34 : 20)
            out += "<g data-outcome=\"\(esc(n.id))\"><title>\(esc(n.label))\(share.isEmpty ? "" : " " + esc(share))</title>"
            out += "<rect x=\"\(f(p.x))\" y=\"\(f(p.y))\" width=\"\(Int(boxWidth))\" height=\"\(Int(boxHeight))\" rx=\"6\" fill=\"\(fill)\" stroke=\"#8A94A3\"/>"
            let firstY = lines.count == 1 ? p.y + 25 : p.y + 18
            for (i, line) in lines.enumerated() {
                out += "<text x=\"\(f(p.x + 8))\" y=\"\(f(firstY + Double(i) * 15))\" font-size=\"12\" fill=\"\(ink)\">\(esc(line))</text>"
            }
            if !share.isEmpty {
                out += "<text x=\"\(f(p.x + boxWidth - 8))\" y=\"\(f(p.y + 25))\" font-size=\"12\" font-weight=\"600\" text-anchor=\"end\" fill=\"\(ink)\">\(esc(share))</text>"
            }
            out += "</g>\n"
        }
        out += "</svg>\n"
        return out
    }

    /// A label on at most two lines of about `width` characters (the second shortened with "…").
    static func wrapLabel(_ label: String, width: Int) -> [String] {
        guard label.count > width else { return [label] }
        var first = "", rest = ""
        for word in label.split(separator: " ") {
            if rest.isEmpty && first.count + word.count + (first.isEmpty ? 0 : 1) <= width {
                first += (first.isEmpty ? "" : " ") + word
            } else {
                rest += (rest.isEmpty ? "" : " ") + word
            }
        }
        if first.isEmpty { return [String(label.prefix(width - 1)) + "…"] }
        if rest.count > width { rest = String(rest.prefix(width - 1)) + "…" }
        return [first, rest]
    }

    static func f(_ x: Double) -> String { String(Int(x.rounded())) }

    /// Light to dark blue by share; grey when not measured.
    static func shade(_ share: Double?) -> String {
        guard let s = share else { return "#E5E8EC" }
        let light = (r: 234.0, g: 241.0, b: 250.0), dark = (r: 31.0, g: 78.0, b: 121.0)
        let k = max(0, min(1, s))
        func mix(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * k).rounded()) }
        return String(format: "#%02X%02X%02X", mix(light.r, dark.r), mix(light.g, dark.g), mix(light.b, dark.b))
    }
}

extension ReportHTMLWriter {
    /// The Impact section alone, for the browser workbench: the same HTML as the report's, and the
    /// report's rules for it (scoped to `.impact-view`), so that both show the same view.
    public static func impactFragment(_ impact: ReportImpact, language: String) -> String {
        impactSection(impact, strings: ReportStrings(language: language))
    }

    /// The report's style rules for the Impact section, scoped to `.impact-view`, as a style sheet.
    public static let impactCSS: String = ReportCSS.text.split(separator: "\n").filter { line in
        ["table.impact", ".impact-", "p.figure", "span.survey", "figure.impact-quote", "svg.chain", "blockquote", ".speaker", "p.note"]
            .contains { line.trimmingCharacters(in: .whitespaces).hasPrefix($0) }
    }.map { ".impact-view " + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
        + "\n.impact-view table.impact { display: block; overflow-x: auto; max-width: 100%; }\n"
}
