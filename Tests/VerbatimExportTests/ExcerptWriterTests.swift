import Foundation
import Testing
import VerbatimModel
import VerbatimTestSupport
@testable import VerbatimExport

/// UTF-8 range of the first occurrence of `word` in `text`.
private func utf8Range(_ text: String, _ word: String) -> Range<Int> {
    let r = text.range(of: word)!
    return text.utf8.distance(from: text.startIndex, to: r.lowerBound)..<text.utf8.distance(from: text.startIndex, to: r.upperBound)
}

/// A report with tricky text: markup characters, several paragraphs, context turns, an empty section.
private func sampleReport(language: String = "fr") -> ExcerptReport {
    let text1 = "J’avais peur des arnaques, vraiment *peur* <b>& \"tout\"</b>.\n\n# Pas un titre\n- pas une liste\n12. pas un numéro"
    let e1 = Excerpt(theme: "peur", codes: ["peur", "peur-arnaque"], document: "S01-lyon.txt", turn: 12, speaker: "Senior 01",
                     attributes: Attributes([("group", "senior"), ("territory", "Lyon 8e")]), text: text1,
                     highlights: [utf8Range(text1, "peur"), utf8Range(text1, "arnaques")],
                     attribution: "Senior 01, senior, Lyon 8e (urbain), 3-6 mois — S01-lyon.txt, tour 12",
                     before: [ExcerptTurn(turn: 11, speaker: "Enquêtrice", text: "Et vous aviez peur ?")],
                     after: [ExcerptTurn(turn: 13, speaker: "Enquêtrice", text: "D’accord.")])
    let text2 = "Le réseau, ici, c'est la zone blanche."
    let e2 = Excerpt(theme: "peur", codes: ["peur"], document: "S13.txt", turn: 4, speaker: "R", attributes: Attributes(), text: text2,
                     highlights: [utf8Range(text2, "zone blanche")], attribution: "R, senior — S13.txt, tour 4")
    return ExcerptReport(title: "Extraits — Test", language: language, codebook: "cb", pseudonymized: true, sections: [
        ExcerptSection(theme: "peur", label: "Peur d'internet", definition: "Craintes <exprimées>.", total: 5, excerpts: [e1, e2]),
        ExcerptSection(theme: "vide", label: "Vide", definition: nil, total: 0, excerpts: []),
    ])
}

@Suite struct ExcerptWriterTests {
    @Test func segmentsSplitTheTextAtTheHighlights() {
        let e = sampleReport().sections[0].excerpts[1]
        #expect(e.segments.map(\.text) == ["Le réseau, ici, c'est la ", "zone blanche", "."])
        #expect(e.segments.map(\.highlighted) == [false, true, false])
        #expect(e.matches == ["zone blanche"])
        let whole = Excerpt(theme: "t", codes: ["t"], document: "d", turn: 1, speaker: nil, attributes: Attributes(), text: "peur",
                            highlights: [0..<4], attribution: "")
        #expect(whole.segments.map(\.text) == ["peur"])
    }

    @Test func markdown() {
        let md = ExcerptMarkdownWriter.render(sampleReport())
        #expect(md.hasPrefix("# Extraits — Test\n\nGrille de codage : cb. Noms remplacés par des pseudonymes.\n"))
        #expect(md.contains("\n## Peur d'internet (`peur`)\n\nCraintes &lt;exprimées&gt;.\n\n*2 extraits sur 5*\n"))
        #expect(md.contains("> *Enquêtrice\u{00A0}: Et vous aviez peur ?*\n>\n> Senior 01\u{00A0}: J’avais **peur** des **arnaques**, vraiment \\*peur\\* &lt;b&gt;&amp; \"tout\"&lt;/b&gt;.\n>\n> \\# Pas un titre\n> \\- pas une liste\n> 12\\. pas un numéro\n>\n> *Enquêtrice\u{00A0}: D’accord.*\n\n*Senior 01, senior, Lyon 8e (urbain), 3-6 mois — S01-lyon.txt, tour 12*\n"))
        #expect(md.contains("> Le réseau, ici, c'est la **zone blanche**.\n\n*R, senior — S13.txt, tour 4*\n"))
        #expect(md.contains("## Vide (`vide`)\n\n*0 extrait*\n\nAucun extrait.\n"))
        #expect(MarkdownText.strong(" peur ") == " **peur** ")
    }

    @Test func html() {
        let html = ExcerptHTMLWriter.render(sampleReport())
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
        #expect(html.contains("<style>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<link"), "no external asset")
        #expect(html.contains("J’avais <mark>peur</mark> des <mark>arnaques</mark>, vraiment *peur* &lt;b&gt;&amp; &quot;tout&quot;&lt;/b&gt;."))
        #expect(html.contains("<p class=\"context\"><span class=\"speaker\">Enquêtrice\u{00A0}:</span> Et vous aviez peur ?</p>"))
        #expect(html.contains("<figcaption>R, senior — S13.txt, tour 4</figcaption>"))
        #expect(html.contains("<h2>Peur d&#39;internet <code>peur</code></h2>"))
        #expect(html.contains("<p class=\"definition\">Craintes &lt;exprimées&gt;.</p>"))
        #expect(html.contains("<p class=\"empty\">Aucun extrait.</p>"))
        #expect(html.hasSuffix("</body>\n</html>\n"))
        #expect(ExcerptHTMLWriter.escape("a\u{01}b'") == "ab&#39;")
    }

    @Test func csv() {
        let csv = ExcerptCSVWriter.render(sampleReport())
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "theme,label,document,turn,speaker,attributes,excerpt,matches,codes,context_before,context_after")
        #expect(csv.contains("peur,Peur d'internet,S01-lyon.txt,12,Senior 01,group=senior; territory=Lyon 8e,\"J’avais peur"))
        #expect(csv.contains(",peur | arnaques,peur peur-arnaque,Enquêtrice\u{00A0}: Et vous aviez peur ?,Enquêtrice\u{00A0}: D’accord.\n"))
        #expect(csv.hasSuffix("peur,Peur d'internet,S13.txt,4,R,,\"Le réseau, ici, c'est la zone blanche.\",zone blanche,peur,,\n"))
    }

    @Test func json() throws {
        let text = ExcerptJSONWriter.render(sampleReport())
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(obj["title"] as? String == "Extraits — Test")
        #expect(obj["pseudonymized"] as? Bool == true)
        let themes = try #require(obj["themes"] as? [[String: Any]])
        #expect(themes.map { $0["id"] as? String } == ["peur", "vide"])
        let e = try #require((themes[0]["excerpts"] as? [[String: Any]])?.first)
        #expect(e["turn"] as? Int == 12)
        #expect(e["speaker"] as? String == "Senior 01")
        #expect((e["attributes"] as? [String: String])?["group"] == "senior")
        let h = try #require(e["highlights"] as? [[String: Any]])
        #expect(h.map { $0["text"] as? String } == ["peur", "arnaques"])
        #expect(h.first?["start"] as? Int == "J’avais ".utf8.count)
        let context = try #require(e["context"] as? [String: [[String: Any]]])
        #expect(context["before"]?.first?["turn"] as? Int == 11)
        #expect(text.hasPrefix("{\n  \"title\": \"Extraits — Test\",\n  \"language\": \"fr\""))
    }

    @Test func terminalText() {
        let plain = ExcerptTextWriter().render(sampleReport())
        #expect(plain.contains("Peur d'internet [peur]  2 extraits sur 5\nCraintes <exprimées>.\n"))
        #expect(plain.contains("  Enquêtrice\u{00A0}: Et vous aviez peur ?\n  Senior 01\u{00A0}: J’avais peur des arnaques"))
        #expect(plain.contains("    — R, senior — S13.txt, tour 4\n"))
        #expect(plain.contains("— Senior 01, senior, Lyon 8e (urbain), 3-6 mois — S01-lyon.txt, tour 12 [peur, peur-arnaque]"))
        #expect(plain.contains("Vide [vide]  0 extrait\n\n  Aucun extrait.\n"))
        #expect(!plain.contains("\u{1B}"))
        let styled = ExcerptTextWriter(style: .init(highlight: { "[\($0)]" }, heading: { $0 }, dim: { "~\($0)~" })).render(sampleReport())
        #expect(styled.contains("J’avais [peur] des [arnaques]"))
        #expect(styled.contains("  ~Enquêtrice\u{00A0}: Et vous aviez peur ?~\n"))
        let english = ExcerptTextWriter().render(sampleReport(language: "en"))
        #expect(english.contains("Peur d'internet [peur]  2 excerpts of 5"))
        #expect(english.contains("Codebook: cb. Names replaced by pseudonyms."))
    }

    /// A Word verbatim is ready to paste: no highlighted words unless asked, and each quotation kept
    /// together on its page (keepLines) with its attribution (keepNext), never a page break after it.
    @Test func docxQuotationsArePlainAndKeptTogether() throws {
        let plain = ExcerptDocxBuilder.document(sampleReport())
        let entries = try unzip(try DocxWriter.data(for: plain))
        let body = try parseXML(try #require(entries.first { $0.entry.path == "word/document.xml" }?.data))
        #expect(body.all("w:highlight").isEmpty)
        #expect(!body.all("w:br").contains { $0.attributes["w:type"] == "page" })
        for case .quote(let runs, _) in plain.blocks { #expect(runs.allSatisfy { !$0.highlight }) }
        let styles = try parseXML(try #require(entries.first { $0.entry.path == "word/styles.xml" }?.data))
        let quote = try #require(styles.all("w:style").first { $0.attributes["w:styleId"] == "Quote" })
        #expect(quote.first("w:keepLines") != nil && quote.first("w:keepNext") != nil)
    }

    @Test func docxDocument() throws {
        let doc = ExcerptDocxBuilder.document(sampleReport(), highlight: true)
        #expect(doc.title == "Extraits — Test")
        #expect(doc.language == "fr-FR")
        guard case .heading(level: 1, text: "Peur d'internet (peur)") = doc.blocks[1] else {
            Issue.record("no theme heading: \(doc.blocks)")
            return
        }
        guard case .quote(let runs, let attribution) = doc.blocks[4] else {
            Issue.record("no quote: \(doc.blocks[4])")
            return
        }
        #expect(attribution == "Senior 01, senior, Lyon 8e (urbain), 3-6 mois — S01-lyon.txt, tour 12")
        #expect(runs.filter(\.highlight).map(\.text) == ["peur", "arnaques"])
        #expect(runs.first == ReportDocument.Run("Enquêtrice\u{00A0}: Et vous aviez peur ?", italic: true))
        let data = try DocxWriter.data(for: doc)
        let entries = try unzip(data)
        let xml = try #require(entries.first { $0.entry.path == "word/document.xml" }?.data)
        let body = try parseXML(xml)
        let text = body.wordText
        #expect(text.contains("J’avais peur des arnaques, vraiment *peur* <b>& \"tout\"</b>."))
        #expect(text.contains("Le réseau, ici, c'est la zone blanche."))
        #expect(text.contains("Aucun extrait."))
        #expect(body.all("w:highlight").count == 3)
        #expect(try DocxWriter.data(for: doc) == data, "deterministic")
    }

    @Test func atomicOutput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-excerpt-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("x.md")
        try AtomicFile.write("old", to: url)
        try AtomicFile.write("new", to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["x.md"])
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x", to: folder.appendingPathComponent("missing/x.md")) }
    }

    /// Writes the sample report's excerpts to `extraits.docx` in a new folder and converts it to PDF with
    /// LibreOffice in the profile `profile`; returns the folder (to remove) and the PDF.
    static func excerptsPDF(profile: String) async throws -> (folder: URL, pdf: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-excerpts-docx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            let docx = folder.appendingPathComponent("extraits.docx")
            try DocxWriter.write(ExcerptDocxBuilder.document(sampleReport()), to: docx)
            return (folder, try await convertWithLibreOffice(docx, profile: profile))
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    // Needs LibreOffice (soffice or libreoffice on the PATH).
    @Test("LibreOffice opens the excerpts", .enabled(if: Tools.libreOffice, "needs LibreOffice (soffice)"))
    func opensInLibreOffice() async throws {
        // A profile of its own, so that this test can run beside the DOCX writer's.
        let (folder, _) = try await Self.excerptsPDF(profile: "lo-verbatim-excerpts-test")
        try? FileManager.default.removeItem(at: folder)
    }

    // Needs LibreOffice and pdftotext (poppler-utils) on the PATH.
    @Test("LibreOffice renders the excerpts",
          .enabled(if: Tools.libreOffice && Tools.has("pdftotext"), "needs LibreOffice (soffice) and pdftotext (poppler-utils)"))
    func rendersInLibreOffice() async throws {
        let (folder, pdf) = try await Self.excerptsPDF(profile: "lo-verbatim-excerpts-test-text")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (text, words) = try await pdfText(pdf)
        for word in ["Extraits", "Peur", "internet", "arnaques", "vraiment", "réseau", "zone", "blanche", "Senior", "tour",
                     "Enquêtrice", "Aucun", "extrait", "Définition"] {
            #expect(words.contains(word), "the PDF text lacks “\(word)”:\n\(text)")
        }
    }
}
