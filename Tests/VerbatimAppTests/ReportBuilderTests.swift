import Foundation
import Testing
import VerbatimModel
import VerbatimStudy
import VerbatimCodebook
import VerbatimAnalysis
import VerbatimExport
@testable import VerbatimApp

/// The stats fixture, coded with its texts kept, and its fingerprint.
private func fixture(_ extra: [String: String] = [:], codebook: String = StatsFixture.codebook)
    throws -> (study: Study, coded: CodedStudy, fingerprint: InputFingerprint, dir: URL)
{
    let dir = try StatsFixture.make()
    for (name, content) in extra {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: url)
    }
    let study = try Study(root: dir)
    let (book, _) = try CodebookLoader.parseYAML(codebook, path: "codebook.yaml")
    let coded = StudyPipeline.run(study: study, codebook: book, unit: .turn, keepText: true)
    let fp = try InputFingerprint.compute(study: study, coded: coded, paths: [], codebook: dir.appendingPathComponent("codebook.yaml"))
    return (study, coded, fp, dir)
}

@Suite struct ReportBuilderTests {
    @Test func sectionsAndNumbersComeFromTheAnalyses() throws {
        let (study, coded, fp, dir) = try fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try StudyReportBuilder.build(coded, request: ReportRequest(maxPerTheme: 20),
                                                  pseudonymizer: Pseudonymizer(study: study, documents: coded.documents), fingerprint: fp)
        #expect(report.language == "fr")
        #expect(report.title == "Fixture")
        #expect(report.summary.documents == 5 && report.summary.participants == 7 && report.summary.themes == 5)
        // Frequencies: the same as FrequencyTable (verbatim stats).
        let table = try coded.frequencies(by: ["group"])
        #expect(report.frequencies.columns.map(\.label) == ["A", "B"])
        for (row, t) in zip(report.frequencies.rows, table.rows) {
            #expect(row.theme == t.theme.id)
            #expect(row.cells.map(\.n) == t.cells.map(\.n) && row.cells.map(\.base) == t.cells.map(\.base))
            #expect(row.total == ReportCell(n: t.total.n, base: t.total.base))
            #expect(row.test == nil)
        }
        // No territory attribute: no heatmap; context and wave compared, with tests.
        #expect(report.heatmap == nil)
        #expect(report.comparisons.map(\.id) == ["context", "wave"])
        let wave = try coded.matrix(columns: ["wave"])
        for (row, m) in zip(report.comparisons[1].rows, wave.rows) {
            #expect(row.cells.map(\.n) == m.cells.map(\.participants.count))
            #expect(row.test?.p == m.association.pValue)
            #expect(row.test?.kind.rawValue == AnalysisFormat.machineName(m.association.test))
        }
        // Corpus tables: group, context, wave (no territory).
        #expect(report.corpus.map(\.attribute) == ["group", "context", "wave"])
        let group = report.corpus[0]
        #expect(group.rows.map(\.value) == ["A", "B"])
        #expect(group.rows.map(\.documents) == [2, 3] && group.rows.map(\.participants) == [2, 5])
        #expect(group.total.documents == 5 && group.total.participants == 7)
        #expect(group.total.words == coded.documents.reduce(0) { $0 + $1.participantWords })
        // The gender table counts participants' own values and their own words.
        let byGender = StudyReportBuilder.corpusTable(coded, attribute: "gender", pseudonymizer: nil)
        #expect(byGender.rows.map(\.value) == ["F", "M"])
        #expect(byGender.rows.map(\.participants) == [2, 1])
        #expect(byGender.rows.map(\.words) == [7 + 3 + 3, 3])   // Inès 7 + 3 words ("Et WhatsApp aussi."), Léa 3; Théo 3
        #expect(byGender.missing?.participants == 4)
        // Co-occurrence among leaves: démarches and famille in I1's fourth turn.
        #expect(report.cooccurrence.leavesOnly)
        #expect(report.cooccurrence.pairs.map { "\($0.first)+\($0.second)" } == ["demarches+famille"])
        #expect(report.cooccurrence.pairs.first?.both == 1)
        // Provenance.
        let p = report.provenance
        #expect(p.codebook == "fixture" && p.unit == "turn" && p.pseudonymized && p.date == nil)
        #expect(p.interviewerThemes == ["Relance (relance)"])
        #expect(p.sha256 == fp.sha256 && p.transcripts == 5 && p.otherInputs == ["codebook.yaml", "cases.csv", "participants.csv"])
    }

    @Test func eachThemeQuotesItsOwnCodingsBalancedByGroup() throws {
        let (study, coded, fp, dir) = try fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = Pseudonymizer(study: study, documents: coded.documents)
        let report = try StudyReportBuilder.build(coded, request: ReportRequest(maxPerTheme: 2), pseudonymizer: p, fingerprint: fp)
        let usages = try #require(report.theme("usages"))
        #expect(usages.children == ["demarches", "famille"])
        #expect(usages.excerpts.isEmpty && usages.excerptTotal == 0)   // coded only through its sub-themes
        let demarches = try #require(report.theme("demarches"))
        #expect(demarches.excerptTotal == 4)
        #expect(demarches.excerpts.count == 2)
        #expect(Set(demarches.excerpts.map { $0.attributes["group"] ?? "" }) == ["A", "B"])
        #expect(demarches.excerpts.allSatisfy { $0.codes == ["demarches"] })
        #expect(demarches.parent == "usages" && demarches.depth == 1)
        // The same seed gives the same excerpts; 0 gives none.
        let again = try StudyReportBuilder.build(coded, request: ReportRequest(maxPerTheme: 2), pseudonymizer: p, fingerprint: fp)
        #expect(again == report)
        let none = try StudyReportBuilder.build(coded, request: ReportRequest(maxPerTheme: 0), pseudonymizer: p, fingerprint: fp)
        let quoted = none.themes.filter { !$0.excerpts.isEmpty }
        #expect(quoted.isEmpty)
    }

    @Test func requestedAttributesAndThemesAreChecked() throws {
        let (_, coded, fp, dir) = try fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        func build(_ r: ReportRequest) throws -> StudyReport {
            try StudyReportBuilder.build(coded, request: r, pseudonymizer: nil, fingerprint: fp)
        }
        #expect(throws: ReportError.unknownAttribute("territory", option: "--across", valid: ["context", "gender", "group", "wave"])) {
            try build(ReportRequest(heatmapBy: "territory"))
        }
        #expect(throws: ReportError.unknownTheme("x", codebook: "codebook.yaml", valid: ["peur", "usages", "demarches", "famille", "relance"])) {
            try build(ReportRequest(theme: "x"))
        }
        // Case and accents do not matter in names; a sub-tree keeps its themes only.
        let r = try build(ReportRequest(groupBy: "GROUP", heatmapBy: "Context", compareBy: ["wave"], theme: "usages"))
        #expect(r.heatmap?.id == "context" && r.comparisons.map(\.id) == ["wave"])
        #expect(r.themes.map(\.id) == ["usages", "demarches", "famille"])
        #expect(r.frequencies.rows.map(\.theme) == ["usages", "demarches", "famille"])
        #expect(r.themes[0].depth == 0 && r.themes[0].parent == nil)
        // A participant attribute as groups.
        let g = try build(ReportRequest(groupBy: "gender", compareBy: []))
        #expect(g.frequencies.columns.map(\.label) == ["F", "M"])
        #expect(g.comparisons.isEmpty)
        // Nothing coded: an empty selection.
        var empty = coded
        empty.documents = []
        #expect(throws: ReportError.self) { try StudyReportBuilder.build(empty, request: ReportRequest(), pseudonymizer: nil, fingerprint: fp) }
    }

    @Test func transcriptTextCannotInjectMarkup() throws {
        let hostile = """
        codebook: fixture
        title: Fixture
        language: en
        themes:
          - id: peur
            label: "Fear <b>bold</b> & co"
            definition: "Defined </dd><script>alert(2)</script>"
            rules:
              - any: [peur]
        """
        let (study, coded, fp, dir) = try fixture([
            "transcripts/I4.txt": "Enquêtrice : Bonjour.\n\nMme D : J'ai peur <script>alert(\"x\")</script> <img src=x onerror=alert(1)> & \"quotes\".\n\nEnquêtrice : Ah ?\n\nMme D : Oui.\n",
            "cases.csv": "document,group,wave,context\nI1.txt,A,3-6 mois,rural\nI2.txt,A,12 mois,rural\nI3.txt,B,3-6 mois,urbain\nFG1.txt,B,12 mois,urbain\nFG2.txt,B,3-6 mois,rural\nI4.txt,\"<i>B</i>\",12 mois,\"x\"\"><svg onload=alert(3)>\"\n",
        ], codebook: hostile)
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try StudyReportBuilder.build(coded, request: ReportRequest(maxPerTheme: 20),
                                                  pseudonymizer: Pseudonymizer(study: study, documents: coded.documents), fingerprint: fp)
        #expect(report.language == "fr")   // the study's language, not the codebook's
        let html = ReportHTMLWriter.render(report)
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<img") && !html.contains("<svg onload") && !html.contains("<i>") && !html.contains("<b>bold"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;."))
        #expect(html.contains("Fear &lt;b&gt;bold&lt;/b&gt; &amp; co"))
        #expect(html.contains("data-column=\"&lt;i&gt;B&lt;/i&gt;\""))
        let md = ReportMarkdownWriter.render(report)
        #expect(!md.contains("<script") && !md.contains("<img"))
    }

    @Test func noRealNameByDefault() throws {
        let (study, coded, dir) = try ExcerptFixture.coded()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fp = try InputFingerprint.compute(study: study, coded: coded, paths: [], codebook: dir.appendingPathComponent("codebook.yaml"))
        let request = ReportRequest(maxPerTheme: 10)
        let report = try StudyReportBuilder.build(coded, request: request, pseudonymizer: Pseudonymizer(study: study, documents: coded.documents),
                                                  fingerprint: fp)
        #expect(report.themes.contains { !$0.excerpts.isEmpty })
        for text in [ReportHTMLWriter.render(report), ReportMarkdownWriter.render(report)] {
            for name in ExcerptFixture.realNames { #expect(!ExcerptSelectorTests.containsWord(text, name), "\(name)") }
            #expect(text.contains("Senior 01"))
        }
        let real = try StudyReportBuilder.build(coded, request: request, pseudonymizer: nil, fingerprint: fp)
        let html = ReportHTMLWriter.render(real)
        #expect(ExcerptSelectorTests.containsWord(html, "Martin"))
        #expect(html.contains("Noms réels"))
    }

    @Test func headlines() throws {
        let (_, coded, _, dir) = try fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        let wave = try coded.matrix(columns: ["wave"])
        let d = try #require(ReportHeadlines.largestDifference(wave))
        // Among the 5 themes, the largest gap in n/N between 3-6 mois and 12 mois.
        var best = 0.0
        for row in wave.rows {
            let ps = row.cells.map { $0.participants.columnPercent ?? 0 }
            best = max(best, (ps.max() ?? 0) - (ps.min() ?? 0))
        }
        let row = try #require(wave.rows.first { $0.theme.id == d.theme.id })
        let ps = row.cells.map { $0.participants.columnPercent ?? 0 }
        #expect(abs(((ps.max() ?? 0) - (ps.min() ?? 0)) - best) < 1e-9)
        #expect(d.text.contains("3-6 mois") && d.text.contains("12 mois") && d.text.contains("Fisher p"))
        let a = try #require(ReportHeadlines.strongestAssociation(try coded.matrix(columns: ["context"])))
        #expect(a.text.contains("rural") && a.text.contains("urbain"))
        let table = try coded.frequencies(by: ["group"])
        let most = ReportHeadlines.mostMentioned(table)
        #expect(most.map(\.group) == ["A", "B"])
        // Ties are shown as such ("2 themes at 1/2 (50%)"), not as one theme picked among equals.
        let parents = Set(table.rows.compactMap(\.theme.parent))
        for (gi, m) in most.enumerated() {
            let leaves = table.rows.filter { !parents.contains($0.theme.id) && $0.cells[gi].n > 0 }
            let top = leaves.map { $0.cells[gi].percent }.max() ?? 0
            let tied = leaves.filter { abs($0.cells[gi].percent - top) < 1e-9 }
            let c = tied[0].cells[gi]
            if tied.count == 1 {
                #expect(m.headline.text == "\(tied[0].theme.label) \(AnalysisFormat.fraction(c.n, c.base))")
            } else {
                #expect(m.headline.text.hasPrefix("\(tied.count) themes at \(AnalysisFormat.fraction(c.n, c.base)) (\(tied[0].theme.label)"), "\(m.headline.text)")
            }
        }
        #expect(most[0].headline.text.contains("/2 (50%)"))
    }
}
