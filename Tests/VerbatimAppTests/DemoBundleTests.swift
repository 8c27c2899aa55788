import Foundation
import Testing
import ZIPFoundation
import VerbatimModel
import VerbatimStudy
import VerbatimCodebook
import VerbatimExport
@testable import VerbatimApp

/// The demo on the bundled study: every file, pseudonymised, the same bytes every time.
@Suite(.serialized) struct DemoBundleTests {
    static let root: URL = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return dir
    }()
    static let studyURL = root.appendingPathComponent("Corpora/les-connectes")

    /// The bundled study coded with its codebook (the study's `codebook:`, else Codebooks/les-connectes.yaml).
    static func coded() throws -> (Study, CodedStudy, URL) {
        let study = try Study(root: studyURL)
        let url = study.codebookURL ?? root.appendingPathComponent("Codebooks/les-connectes.yaml")
        let (book, _) = try CodebookLoader.load(url: url, path: url.lastPathComponent)
        return (study, StudyPipeline.run(study: study, codebook: book, keepText: true), url)
    }

    /// Real names of the bundled study's names table.
    static func realNames(_ study: Study) -> [String] { study.names.map(\.name) }

    @Test func bundleOnTheBundledStudy() throws {
        let (study, coded, codebook) = try DemoBundleTests.coded()
        let start = Date()
        let bundle = try DemoBundle.make(coded: coded, study: study, codebook: codebook, generator: "verbatim test")
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(bundle.files.map(\.name) == ["rapport.html", "verbatims.docx", "frequences.csv", "matrice-contexte.csv",
                                              "matrice-vague.csv", "codages.csv"])
        #expect(coded.documents.count == 30)
        #expect(bundle.report.summary.participants == 48)
        #expect(bundle.report.frequencies.columns.map(\.label) == ["partenaire", "senior", "volontaire"])
        #expect(bundle.report.heatmap?.columns.count == 6)
        #expect(bundle.report.cooccurrence.pairs.count == 15)
        #expect(bundle.fingerprint.transcripts == 30)

        func text(_ name: String) throws -> String {
            String(decoding: try #require(bundle.files.first { $0.name == name }).data, as: UTF8.self)
        }
        #expect(try text("frequences.csv") == bundle.frequencies.csv())
        #expect(try text("frequences.csv").hasPrefix("theme,label,depth,group,n,N,percent,"))
        #expect(try text("matrice-vague.csv").hasPrefix("theme,label,depth,wave,participants,N,"))
        let codings = try text("codages.csv")
        #expect(codings.hasPrefix("document,turn,speaker,theme,start,end,unit_start,unit_end,match,rule,label,group,territory,context,wave\n"))
        #expect(StatsFixture.csvRecords(codings).count == coded.codings.count)

        // The Word file is a real package with a balanced selection.
        let docx = try #require(bundle.files.first { $0.name == "verbatims.docx" }).data
        let archive = try Archive(data: docx, accessMode: .read)
        var documentXML = Data()
        _ = try archive.extract(try #require(archive["word/document.xml"])) { documentXML.append($0) }
        let xml = String(decoding: documentXML, as: UTF8.self)
        #expect(bundle.excerpts.excerptCount > 30)
        #expect(bundle.excerpts.sections.allSatisfy { $0.excerpts.count <= 3 && !$0.excerpts.isEmpty })

        // No real name anywhere.
        let names = DemoBundleTests.realNames(study)
        #expect(names.count > 50)
        for (label, content) in [("rapport.html", try text("rapport.html")), ("codages.csv", codings), ("document.xml", xml)] {
            for name in names where ExcerptSelectorTests.containsWord(content, name) {
                Issue.record("\(label) contains the real name '\(name)'")
            }
        }
    }

    @Test func sameBytesEveryTime() throws {
        let (study, coded, codebook) = try DemoBundleTests.coded()
        let a = try DemoBundle.make(coded: coded, study: study, codebook: codebook, generator: "verbatim test")
        let b = try DemoBundle.make(coded: coded, study: study, codebook: codebook, generator: "verbatim test")
        for (x, y) in zip(a.files, b.files) { #expect(x.data == y.data, "\(x.name)") }
    }

    @Test func demoCommandWritesTheFolder() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let start = Date()
        let r = try StatsFixture.run(["demo", "--output", out.path], cwd: DemoBundleTests.root)
        let seconds = Date().timeIntervalSince(start)
        #expect(r.code == 0, "\(r.err)")
        #expect(seconds < 30)
        for name in ["rapport.html", "verbatims.docx", "frequences.csv", "matrice-contexte.csv", "matrice-vague.csv", "codages.csv"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
        #expect(r.out.contains("30 transcripts"))
        #expect(r.out.contains("48 participants"))
        #expect(r.out.contains("largest difference between waves: "))
        #expect(r.out.contains("rapport.html"))
        #expect(r.out.split(separator: "\n").count < 40)
        // A file where the folder should be: a clear error, nothing written.
        let file = out.appendingPathExtension("txt")
        try Data().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let bad = try StatsFixture.run(["demo", "--output", file.path], cwd: DemoBundleTests.root)
        #expect(bad.code == 1)
        #expect(bad.err.contains("is a file"))
        // A missing study folder.
        let missing = try StatsFixture.run(["demo", "--study", "/nonexistent/les-connectes", "--output", out.path], cwd: DemoBundleTests.root)
        #expect(missing.code == 1)
        #expect(missing.err.contains("not a study folder"))
    }
}
