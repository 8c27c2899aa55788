import Foundation
import Testing
import ZIPFoundation
import VerbatimModel
import VerbatimTestSupport
@testable import VerbatimExport

/// A report exercising every kind of block and the characters that need care in XML.
private let sample = ReportDocument(
    title: "Verbatims : « l’école » & <société>",
    language: "fr-FR",
    blocks: [
        .heading(level: 1, text: "Thème 1 : la réussite à l’école"),
        .paragraph([
            "Définition : ",
            .init("la réussite", bold: true),
            " désigne ce que les élèves ",
            .init("jugent", italic: true),
            " important.",
        ]),
        .quote([
            "Moi, je pense que ",
            .init("l’école", highlight: true),
            " c'est \"dur\" & <parfois> injuste 😅",
        ], attribution: "Entretien 4 — élève, 15 ans"),
        .heading(level: 2, text: "Sous-thème"),
        .heading(level: 3, text: "Détail"),
        .table(header: ["Code", "Occurrences"], rows: [["réussite", "12"], ["échec", "3", "extra"], []]),
        .pageBreak,
        .paragraph(["Ligne 1\nLigne 2\tcolonne\r\nLigne 3"]),
    ]
)

private let docxParts = [
    "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml",
    "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
]

/// The parsed part at `path` of a DOCX package.
private func part(_ path: String, of data: Data) throws -> XMLElementNode {
    let entries = try unzip(data)
    let found = try #require(entries.first { $0.entry.path == path }, "missing part \(path)")
    return try parseXML(found.data)
}

@Suite("DocxWriter")
struct DocxWriterTests {
    @Test("every part exists, is well-formed, deflated, dated 1980-01-01, content types first")
    func packageStructure() throws {
        let entries = try unzip(DocxWriter.data(for: sample))
        #expect(entries.map(\.entry.path) == docxParts)
        let fixedDate = Date(timeIntervalSince1970: 315_532_800)
        for (entry, data) in entries {
            #expect(entry.type == .file)
            #expect(entry.isCompressed, "\(entry.path) is stored, not deflated")
            #expect(entry.fileAttributes[.modificationDate] as? Date == fixedDate, "\(entry.path) date")
            #expect(throws: Never.self, "\(entry.path) is not well-formed") { _ = try parseXML(data) }
            #expect(String(decoding: data, as: UTF8.self).hasPrefix(#"<?xml version="1.0" encoding="UTF-8""#))
        }
    }

    @Test("content types and relationships name every part")
    func contentTypesAndRelationships() throws {
        let data = try DocxWriter.data(for: sample)
        let types = try part("[Content_Types].xml", of: data)
        let overrides = Set(types.all("Override").compactMap { $0.attributes["PartName"] })
        #expect(overrides == ["/word/document.xml", "/word/styles.xml", "/word/settings.xml",
                              "/docProps/core.xml", "/docProps/app.xml"])
        #expect(types.all("Default").contains { $0.attributes["Extension"] == "rels" })

        let rels = try part("_rels/.rels", of: data)
        let targets = rels.all("Relationship").compactMap { $0.attributes["Target"] }
        #expect(targets == ["word/document.xml", "docProps/core.xml", "docProps/app.xml"])
        #expect(rels.all("Relationship").first?.attributes["Type"]
            == "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument")

        let documentRels = try part("word/_rels/document.xml.rels", of: data)
        #expect(documentRels.all("Relationship").compactMap { $0.attributes["Target"] } == ["styles.xml", "settings.xml"])
    }

    @Test("document.xml holds the texts, styles, formatting and escaped characters")
    func documentContent() throws {
        let document = try part("word/document.xml", of: DocxWriter.data(for: sample))
        #expect(document.name == "w:document")
        #expect(document.attributes["xmlns:w"] == "http://schemas.openxmlformats.org/wordprocessingml/2006/main")

        let text = document.wordText
        #expect(text.contains("Verbatims : « l’école » & <société>"))
        #expect(text.contains("Thème 1 : la réussite à l’école"))
        #expect(text.contains("Définition : la réussite désigne ce que les élèves jugent important."))
        #expect(text.contains(#"Moi, je pense que l’école c'est "dur" & <parfois> injuste 😅"#))
        #expect(text.contains("Entretien 4 — élève, 15 ans"))
        #expect(text.contains("Ligne 1\nLigne 2\tcolonne\nLigne 3"))

        // Paragraph styles, in order: the title, then the blocks.
        let styles = document.all("w:pStyle").compactMap { $0.attributes["w:val"] }
        #expect(styles == ["Title", "Heading1", "Quote", "Attribution", "Heading2", "Heading3"])

        // Every w:t keeps its spaces.
        for t in document.all("w:t") { #expect(t.attributes["xml:space"] == "preserve") }

        // The highlighted run is yellow and bold; the others carry what they asked for.
        let runs = document.all("w:r")
        let highlighted = try #require(runs.first { $0.first("w:highlight") != nil })
        #expect(highlighted.first("w:highlight")?.attributes["w:val"] == "yellow")
        #expect(highlighted.first("w:b") != nil)
        #expect(highlighted.wordText == "l’école")
        #expect(runs.first { $0.wordText == "la réussite" }?.first("w:b") != nil)
        #expect(runs.first { $0.wordText == "jugent" }?.first("w:i") != nil)
        #expect(runs.first { $0.wordText == "Définition : " }?.first("w:rPr") == nil)

        // A page break, and the final section properties with A4 for French.
        #expect(document.all("w:br").contains { $0.attributes["w:type"] == "page" })
        let pageSize = try #require(document.first("w:sectPr")?.first("w:pgSz"))
        #expect(pageSize.attributes["w:w"] == "11906" && pageSize.attributes["w:h"] == "16838")
    }

    @Test("raw XML is escaped and forbidden characters are dropped")
    func escaping() throws {
        let document = ReportDocument(title: "a\u{0}b", language: "en-GB", blocks: [
            .paragraph(["x < y && z > \"w\" 'v'\u{1}\u{8}\u{B}\u{C}\u{1F}\u{FFFE} end"]),
        ])
        let data = try DocxWriter.data(for: document)
        let entries = try unzip(data)
        let raw = String(decoding: try #require(entries.first { $0.entry.path == "word/document.xml" }).data, as: UTF8.self)
        #expect(raw.contains("x &lt; y &amp;&amp; z &gt; \"w\" 'v' end"))
        #expect(!raw.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" })
        let parsed = try parseXML(Data(raw.utf8))
        #expect(parsed.wordText == "ab\nx < y && z > \"w\" 'v' end\n")
        let core = try part("docProps/core.xml", of: data)
        #expect(core.first("dc:title")?.text == "ab")
    }

    @Test("line feeds, carriage returns and tabs become breaks and tabs")
    func breaksAndTabs() throws {
        var out = ""
        DocxDocumentPart.run(.init("a\nb\r\nc\rd\te"), into: &out)
        #expect(out == #"<w:r><w:t xml:space="preserve">a</w:t><w:br/><w:t xml:space="preserve">b</w:t><w:br/>"#
            + #"<w:t xml:space="preserve">c</w:t><w:br/><w:t xml:space="preserve">d</w:t><w:tab/>"#
            + #"<w:t xml:space="preserve">e</w:t></w:r>"#)
        out = ""
        DocxDocumentPart.run(.init(""), into: &out)
        #expect(out.isEmpty)
    }

    @Test("heading levels are clamped to 1...3")
    func headingLevels() throws {
        let document = ReportDocument(title: "", language: "en-GB", blocks: [
            .heading(level: 0, text: "zero"), .heading(level: 7, text: "seven"),
        ])
        let xml = try part("word/document.xml", of: DocxWriter.data(for: document))
        #expect(xml.all("w:pStyle").compactMap { $0.attributes["w:val"] } == ["Heading1", "Heading3"])
        #expect(xml.all("w:p").count == 2, "an empty title adds no paragraph")
    }

    @Test("tables have a grid, a repeated header row and padded rows")
    func tables() throws {
        let xml = try part("word/document.xml", of: DocxWriter.data(for: sample))
        let table = try #require(xml.first("w:tbl"))
        #expect(table.first("w:tblStyle")?.attributes["w:val"] == "VerbatimTable")
        #expect(table.all("w:gridCol").count == 3)
        let rows = table.children.filter { $0.name == "w:tr" }
        #expect(rows.count == 4)
        for row in rows { #expect(row.children.filter { $0.name == "w:tc" }.count == 3) }
        #expect(rows[0].first("w:tblHeader") != nil)
        #expect(rows[1].first("w:tblHeader") == nil)
        #expect(rows[0].wordText == "Code\nOccurrences\n\n")
        #expect(rows[2].wordText == "échec\n3\nextra\n")
        // Every cell holds a paragraph, as the schema requires.
        for cell in table.all("w:tc") { #expect(cell.first("w:p") != nil) }
    }

    @Test("styles.xml defines the styles, outline levels, language and a bordered table style")
    func styles() throws {
        let styles = try part("word/styles.xml", of: DocxWriter.data(for: sample))
        let byID = Dictionary(uniqueKeysWithValues: styles.all("w:style").map { ($0.attributes["w:styleId"] ?? "", $0) })
        for id in ["Normal", "Title", "Heading1", "Heading2", "Heading3", "Quote", "Attribution", "VerbatimTable"] {
            #expect(byID[id] != nil, "missing style \(id)")
        }
        for level in 1...3 {
            let heading = try #require(byID["Heading\(level)"])
            #expect(heading.first("w:name")?.attributes["w:val"] == "heading \(level)")
            #expect(heading.first("w:outlineLvl")?.attributes["w:val"] == "\(level - 1)")
        }
        #expect(byID["Normal"]?.attributes["w:default"] == "1")
        let quote = try #require(byID["Quote"])
        #expect(quote.first("w:i") != nil)
        #expect(Int(quote.first("w:ind")?.attributes["w:left"] ?? "") ?? 0 > 0)
        let attribution = try #require(byID["Attribution"])
        #expect(Int(attribution.first("w:sz")?.attributes["w:val"] ?? "") ?? 99 < 22)
        #expect(attribution.first("w:color") != nil)
        #expect(attribution.first("w:jc")?.attributes["w:val"] == "right")
        let borders = try #require(byID["VerbatimTable"]?.first("w:tblBorders"))
        #expect(Set(borders.children.map(\.name)) == ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"])
        #expect(styles.first("w:rPrDefault")?.first("w:lang")?.attributes["w:val"] == "fr-FR")
    }

    @Test("core and app properties: title, language, creation date only when given")
    func properties() throws {
        let plain = try part("docProps/core.xml", of: DocxWriter.data(for: sample))
        #expect(plain.first("dc:title")?.text == "Verbatims : « l’école » & <société>")
        #expect(plain.first("dc:language")?.text == "fr-FR")
        #expect(plain.first("dcterms:created") == nil)

        let created = Date(timeIntervalSince1970: 1_715_938_200)  // 2024-05-17 09:30:00 UTC
        let dated = try part("docProps/core.xml", of: DocxWriter.data(for: sample, created: created))
        let stamp = try #require(dated.first("dcterms:created"))
        #expect(stamp.text == "2024-05-17T09:30:00Z")
        #expect(stamp.attributes["xsi:type"] == "dcterms:W3CDTF")

        let app = try part("docProps/app.xml", of: DocxWriter.data(for: sample))
        #expect(app.first("Application")?.text == "verbatim")
        let settings = try part("word/settings.xml", of: DocxWriter.data(for: sample))
        #expect(settings.first("w:themeFontLang")?.attributes["w:val"] == "fr-FR")
    }

    @Test("Letter paper for US and Canadian English, A4 otherwise")
    func paperSize() {
        #expect(DocxPageGeometry.forLanguage("en-US") == .letter)
        #expect(DocxPageGeometry.forLanguage("fr-CA") == .letter)
        #expect(DocxPageGeometry.forLanguage("en-GB") == .a4)
        #expect(DocxPageGeometry.forLanguage("fr-FR") == .a4)
        #expect(DocxPageGeometry.forLanguage("") == .a4)
    }

    @Test("the same document gives the same bytes")
    func deterministic() throws {
        #expect(try DocxWriter.data(for: sample) == DocxWriter.data(for: sample))
        let created = Date(timeIntervalSince1970: 1_715_938_200)
        #expect(try DocxWriter.data(for: sample, created: created) == DocxWriter.data(for: sample, created: created))
        #expect(try DocxWriter.data(for: sample) != DocxWriter.data(for: sample, created: created))

        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("a.docx"), second = folder.appendingPathComponent("b.docx")
        try DocxWriter.write(sample, to: first)
        try DocxWriter.write(sample, to: second)
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
        #expect(try Data(contentsOf: first) == DocxWriter.data(for: sample))
    }

    @Test("write replaces an existing file and leaves no temporary file behind")
    func atomicWrite() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("report.docx")
        try Data("old".utf8).write(to: url)
        try DocxWriter.write(sample, to: url)
        #expect(try Data(contentsOf: url) == DocxWriter.data(for: sample))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.docx"])

        let missing = folder.appendingPathComponent("no/such/folder/report.docx")
        #expect(throws: AtomicFile.WriteError.self) { try DocxWriter.write(sample, to: missing) }
        do {
            try DocxWriter.write(sample, to: missing)
        } catch let error as AtomicFile.WriteError {
            #expect(error.description.hasPrefix(missing.path + ": error: cannot write the file: "))
            #expect(!error.description.contains("NSCocoaErrorDomain"))
        }
    }

    /// A report with the quotations LibreOffice must render.
    static let libreOfficeReport = ReportDocument(title: "Rapport : verbatims codés", language: "fr-FR", blocks: [
        .heading(level: 1, text: "Thème : le rapport à l’école"),
        .paragraph([
            .init("Définition. ", bold: true),
            "Ce thème regroupe les passages où les élèves décrivent leur ",
            .init("rapport à l’école", italic: true),
            " : confiance, ennui, sentiment de justice ou d’injustice.",
        ]),
        .quote([
            "Franchement, au collège je m’ennuyais, mais au lycée les professeurs ",
            .init("écoutaient vraiment", highlight: true),
            " ce qu’on disait.",
        ], attribution: "Entretien 3, élève de seconde"),
        .quote([
            "On nous demande d’être autonomes sans jamais nous expliquer comment ",
            .init("travailler seuls", highlight: true), ".",
        ], attribution: "Entretien 7, élève de terminale"),
        .heading(level: 2, text: "Fréquences"),
        .table(header: ["Code", "Entretiens", "Passages"],
               rows: [["Ennui", "5", "12"], ["Confiance", "4", "9"], ["Injustice", "2", "3"]]),
    ])

    /// A new folder for a LibreOffice test's files, kept when VERBATIM_KEEP_TEST_OUTPUT is set.
    static func libreOfficeFolder() throws -> (url: URL, keep: Bool) {
        let keep = ProcessInfo.processInfo.environment["VERBATIM_KEEP_TEST_OUTPUT"] != nil
        let folder = try temporaryFolder()
        if keep { print("LibreOffice test output kept in \(folder.path)") }
        return (folder, keep)
    }

    // Needs LibreOffice (soffice or libreoffice on the PATH).
    @Test("LibreOffice opens the file", .enabled(if: Tools.libreOffice, "needs LibreOffice (soffice)"))
    func opensInLibreOffice() async throws {
        let (folder, keep) = try Self.libreOfficeFolder()
        defer { if !keep { try? FileManager.default.removeItem(at: folder) } }
        let docx = folder.appendingPathComponent("rapport.docx")
        try DocxWriter.write(Self.libreOfficeReport, to: docx)
        _ = try await convertWithLibreOffice(docx, profile: "lo-verbatim-test")
    }

    // Needs LibreOffice and pdftotext (poppler-utils) on the PATH.
    @Test("LibreOffice renders the quotations",
          .enabled(if: Tools.libreOffice && Tools.has("pdftotext"), "needs LibreOffice (soffice) and pdftotext (poppler-utils)"))
    func rendersInLibreOffice() async throws {
        let (folder, keep) = try Self.libreOfficeFolder()
        defer { if !keep { try? FileManager.default.removeItem(at: folder) } }
        let docx = folder.appendingPathComponent("rapport.docx")
        try DocxWriter.write(Self.libreOfficeReport, to: docx)
        // A profile of its own, so that this test can run beside the one above.
        let pdf = try await convertWithLibreOffice(docx, profile: "lo-verbatim-test-text")
        let (text, words) = try await pdfText(pdf)
        for word in ["Franchement", "collège", "ennuyais", "professeurs", "écoutaient", "vraiment",
                     "autonomes", "expliquer", "travailler", "seuls", "Entretien", "terminale",
                     "Définition", "Thème", "Confiance", "Injustice"] {
            #expect(words.contains(word), "the PDF text lacks “\(word)”:\n\(text)")
        }
    }
}

/// A new, empty folder under the system temporary folder.
private func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-docx-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
