import Foundation
import Testing
import VerbatimModel
@testable import VerbatimExport

/// A small report: two groups (one under the minimum N), three themes, a tested matrix, one excerpt.
private func sampleReport(language: String = "fr", color: String = "#C0392B") -> StudyReport {
    let columns = [ReportColumn(label: "senior", size: 20, isSmall: false), ReportColumn(label: "partenaire", size: 4, isSmall: true)]
    let frequencies = ReportMatrix(
        id: "frequencies", attributes: ["group"], columns: columns, total: ReportColumn(label: "Total", size: 24, isSmall: false),
        rows: [
            ReportRow(theme: "peur", cells: [ReportCell(n: 10, base: 20), ReportCell(n: 4, base: 4)], total: ReportCell(n: 14, base: 24)),
            ReportRow(theme: "peur-arnaque", cells: [ReportCell(n: 5, base: 20), ReportCell(n: 0, base: 4)], total: ReportCell(n: 5, base: 24)),
            ReportRow(theme: "reseau", cells: [ReportCell(n: 20, base: 20), ReportCell(n: 1, base: 4)], total: ReportCell(n: 21, base: 24)),
        ], minN: 5, excluded: 0)
    let test = ReportTest(kind: .fisherExact, statistic: 2.5, degreesOfFreedom: 1, p: 0.0123, cramersV: 0.4567,
                          warnings: [.smallExpected(cells: 2, of: 4), .expectedUnderOne(minimum: 0.5)])
    let wave = ReportMatrix(
        id: "wave", attributes: ["wave"],
        columns: [ReportColumn(label: "3-6 mois", size: 9, isSmall: false), ReportColumn(label: "12 mois", size: 11, isSmall: false)],
        total: ReportColumn(label: "Total", size: 20, isSmall: false),
        rows: [ReportRow(theme: "peur", cells: [ReportCell(n: 7, base: 9), ReportCell(n: 2, base: 11)], total: ReportCell(n: 9, base: 20), test: test)],
        minN: 5, excluded: 2)
    let text = "J'ai peur <des> arnaques & \"virus\"."
    let r = text.range(of: "peur")!
    let lo = text.utf8.distance(from: text.startIndex, to: r.lowerBound)
    let excerpt = Excerpt(theme: "peur", codes: ["peur"], document: "S01.txt", turn: 4, speaker: "Senior 01",
                          attributes: Attributes([("group", "senior")]), text: text, highlights: [lo..<(lo + 4)],
                          attribution: "Senior 01, senior — S01.txt, tour 4")
    let themes = [
        ReportTheme(id: "peur", label: "Peur <d'internet>", depth: 0, children: ["peur-arnaque"], color: color,
                    definition: "La personne dit craindre internet & ses usages.", include: "Peurs actuelles.", exclude: "Peurs passées.",
                    rules: ["any[peur, crainte]"], unless: ["peur de rien"], negation: "→ confiance", excerpts: [excerpt], excerptTotal: 12),
        ReportTheme(id: "peur-arnaque", label: "Arnaques", parent: "peur", depth: 1, color: "#E74C3C", rules: ["any[arnaqu*]"]),
        ReportTheme(id: "reseau", label: "Réseau", depth: 0, color: "#A9CCE3", roles: ["participant", "interviewer"]),
    ]
    return StudyReport(
        title: "Étude <test>", language: language,
        summary: ReportSummary(documents: 24, participants: 24, words: 12345, codings: 300, codedUnits: 120, themes: 3),
        corpus: [CorpusTable(attribute: "group", rows: [CorpusRow(value: "partenaire", documents: 4, participants: 4, words: 2345),
                                                       CorpusRow(value: "senior", documents: 20, participants: 20, words: 10000)],
                             total: CorpusRow(value: "", documents: 24, participants: 24, words: 12345))],
        frequencies: frequencies, heatmap: nil, comparisons: [wave],
        cooccurrence: ReportCooccurrence(unit: "turn", total: 120, pairs: [ReportPair(first: "peur-arnaque", second: "reseau", both: 3,
                                                                                        firstCount: 5, secondCount: 21, jaccard: 3.0 / 23)],
                                         pairCount: 1, leavesOnly: true),
        themes: themes,
        documents: [ReportDocumentRow(document: "S01.txt", values: ["senior"], participants: 1, words: 512, codings: 9)],
        documentAttributes: ["group"],
        provenance: ReportProvenance(generator: "verbatim 0.1.0", codebook: "cb", codebookTitle: "Impacts", codebookVersion: "3",
                                     codebookFile: "cb.yaml", unit: "turn", interviewerThemes: ["Réseau (reseau)"], pseudonymized: true,
                                     maxPerTheme: 3, balance: "group", seed: 1, sha256: String(repeating: "ab", count: 32),
                                     transcripts: 24, otherInputs: ["cb.yaml", "cases.csv"], date: nil))
}

/// The `data-*` attributes of every SVG bar.
private func bars(_ html: String) -> [[String: String]] {
    let rect = try! NSRegularExpression(pattern: "<rect class=\"bar[^>]*>")
    let attribute = try! NSRegularExpression(pattern: "([a-z-]+)=\"([^\"]*)\"")
    let ns = html as NSString
    return rect.matches(in: html, range: NSRange(location: 0, length: ns.length)).map { m in
        let tag = ns.substring(with: m.range) as NSString
        var out: [String: String] = [:]
        for a in attribute.matches(in: tag as String, range: NSRange(location: 0, length: tag.length)) {
            out[tag.substring(with: a.range(at: 1))] = tag.substring(with: a.range(at: 2))
        }
        return out
    }
}

@Suite struct ReportWriterTests {
    @Test func barsAreToScaleAndCarryTheirNumbers() {
        let html = ReportHTMLWriter.render(sampleReport())
        let b = bars(html)
        #expect(b.count == 6)   // 3 themes × 2 groups
        let full = b.first { $0["data-theme"] == "reseau" && $0["data-column"] == "senior" }!
        let half = b.first { $0["data-theme"] == "peur" && $0["data-column"] == "senior" }!
        let zero = b.first { $0["data-theme"] == "peur-arnaque" && $0["data-column"] == "partenaire" }!
        let w = { (d: [String: String]) in Double(d["width"]!)! }
        #expect(w(full) > 50)
        #expect(abs(w(half) - w(full) / 2) < 0.11)
        #expect(w(zero) == 0)
        #expect(full["data-n"] == "20" && full["data-base"] == "20" && full["data-table"] == "frequencies")
        // Bars take the theme's colour; the group under the minimum N is flagged.
        #expect(half["fill"] == "#C0392B")
        #expect(b.filter { $0["class"] == "bar small" }.count == 3)
        #expect(html.contains("partenaire †</text>"))
        #expect(html.contains("N = 4 (&lt; 5)"))
        #expect(html.contains("10/20 · 50\u{00A0}%"))
        #expect(html.contains("† N inférieur à 5"))
    }

    @Test func matricesShowTestsAndWarnings() {
        let html = ReportHTMLWriter.render(sampleReport())
        #expect(html.contains("data-table=\"wave\" data-theme=\"peur\" data-test=\"fisher-exact\" data-p=\"0.0123\" data-v=\"0.4567\""))
        #expect(html.contains("<td class=\"num sig\">0,012</td>"))
        #expect(html.contains("<td class=\"num\">0,46</td>"))
        #expect(html.contains("att.\u{00A0}<\u{00A0}5\u{00A0}: 2/4".replacingOccurrences(of: "<", with: "&lt;")))
        #expect(html.contains("min. att. 0,50"))
        #expect(html.contains("data-column=\"3-6 mois\" data-n=\"7\" data-base=\"9\""))
        #expect(html.contains("data-column=\"(all)\" data-n=\"9\" data-base=\"20\""))
        #expect(html.contains("2 participants sans valeur pour Vague laissés de côté."))
        let en = ReportHTMLWriter.render(sampleReport(language: "en"))
        #expect(en.contains("<td class=\"num sig\">0.012</td>"))
        #expect(en.contains("exp.\u{00A0}&lt;\u{00A0}5: 2/4"))
        #expect(en.contains("<h2>Themes by group</h2>"))
        #expect(en.contains("<html lang=\"en\">"))
    }

    @Test func everythingIsEscapedAndSelfContained() {
        let html = ReportHTMLWriter.render(sampleReport())
        #expect(html.contains("<title>Étude &lt;test&gt; — Rapport d’analyse</title>"))
        #expect(html.contains("Peur &lt;d&#39;internet&gt;"))
        #expect(html.contains("J&#39;ai <mark>peur</mark> &lt;des&gt; arnaques &amp; &quot;virus&quot;."))
        #expect(!html.contains("<script"))
        #expect(html.components(separatedBy: "http://").count == 2)   // only the SVG namespace
        #expect(html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!html.contains("https://") && !html.contains("src="))
        // A colour that is not a colour never reaches a style attribute.
        let hostile = ReportHTMLWriter.render(sampleReport(color: ReportColor.themeColor("red;}</style><script>", index: 2)))
        #expect(hostile.contains("--c:#009E73"))
        #expect(!hostile.contains("</style><script>"))
    }

    @Test func themesCodebookAndFooter() {
        let html = ReportHTMLWriter.render(sampleReport())
        #expect(html.contains("<article class=\"theme depth-0\" id=\"theme-peur\" style=\"--c:#C0392B\">"))
        #expect(html.contains("<dt>Définition</dt><dd>La personne dit craindre internet &amp; ses usages.</dd>"))
        #expect(html.contains("1 verbatim sur 12, choisi en équilibrant les groupes"))
        #expect(html.contains("Aucun passage codé avec ce thème."))
        #expect(html.contains("<a href=\"#theme-peur\">Peur &lt;d&#39;internet&gt;</a> ›"))   // the sub-theme's path
        #expect(html.contains("<code>any[peur, crainte]</code><br>Sauf si\u{00A0}: <code>peur de rien</code><br>Négation\u{00A0}: <code>→ confiance</code>"))
        #expect(html.contains("Rôles\u{00A0}: <code>participant, interviewer</code>"))
        #expect(html.contains("data-sha256=\"\(String(repeating: "ab", count: 32))\""))
        #expect(html.contains("sauf pour Réseau (reseau)"))
        #expect(html.contains("12\u{202F}345"))
        #expect(!html.contains("Date"))
        var dated = sampleReport()
        dated.provenance.date = "2024-06-30"
        #expect(ReportHTMLWriter.render(dated).contains("Date\u{00A0}: 2024-06-30."))
    }

    @Test func markdownHasTheSameSectionsAsTables() {
        let md = ReportMarkdownWriter.render(sampleReport())
        #expect(md.hasPrefix("# Étude &lt;test&gt;\n"))
        #expect(!md.contains("<svg") && !md.contains("<rect"))
        #expect(md.contains("| Thème | senior (N = 20) | partenaire † (N = 4) | Total (N = 24) |"))
        #expect(md.contains("| **Peur &lt;d'internet&gt;** | 10/20 (50\u{00A0}%) | 4/4 (100\u{00A0}%) | 14/24 (58\u{00A0}%) |"))
        #expect(md.contains("| Fisher | **0,012** | 0,46 |"))
        #expect(md.contains("> J'ai **peur** &lt;des&gt; arnaques &amp; \"virus\".\n>\n> — *Senior 01, senior — S01.txt, tour 4*"))
        #expect(md.contains("## Annexe : grille de codage"))
        #expect(md.contains("SHA-256\u{00A0}: `"))
    }

    @Test func colours() {
        #expect(ReportColor(hex: "#c0392b")?.hex == "#C0392B")
        #expect(ReportColor(hex: "#abc")?.hex == "#AABBCC")
        for bad in ["red", "#12345", "#GGGGGG", "#123456;", "", "#"] { #expect(ReportColor(hex: bad) == nil, "\(bad)") }
        #expect(ReportColor.themeColor(nil, fallback: "#5B9BD5", index: 0) == "#5B9BD5")
        #expect(ReportColor.themeColor("oops", index: 9) == ReportColor.palette[1])
        #expect(ReportColor.heat(0).hex == "#F7FBFF" && ReportColor.heat(100).hex == "#08306B")
        #expect(ReportColor.heat(50).luminance < ReportColor.heat(25).luminance)
        #expect(!ReportColor.heat(10).prefersWhiteText && ReportColor.heat(90).prefersWhiteText)
        #expect(ReportColor(hex: "#A9CCE3")!.prefersWhiteText == false)
    }

    @Test func numbersInEachLanguage() {
        let fr = ReportStrings(language: "fr-FR"), en = ReportStrings(language: "de")
        #expect(fr.language == "fr" && en.language == "en")
        #expect(fr.percent(63.5) == "64\u{00A0}%" && en.percent(63.5) == "64%")
        #expect(fr.pValue(0.0004) == "<0,001" && en.pValue(0.0004) == "<0.001" && en.pValue(1) == "1.000")
        #expect(fr.format(1234567) == "1\u{202F}234\u{202F}567" && en.format(1234567) == "1,234,567" && en.format(12) == "12")
        #expect(fr.attributeName("wave") == "Vague" && en.attributeName("territoire") == "Territory" && en.attributeName("cohort") == "Cohort")
        #expect(fr.heatmap("territory") == "Thèmes × territoires")
    }
}
