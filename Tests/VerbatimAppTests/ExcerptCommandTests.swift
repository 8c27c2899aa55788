import Foundation
import Testing
import ZIPFoundation
import VerbatimTestSupport

/// The end-to-end tests of `verbatim excerpts`, on the `verbatim` executable built beside the tests
/// (`Binary.run`: `swift test` builds it).
@Suite(.serialized) struct ExcerptCommandTests {
    let dir: URL

    init() throws { dir = try ExcerptFixture.makeFolder() }

    func run(_ args: [String]) throws -> Binary.Result {
        try Binary.run(["excerpts", "--codebook", "codebook.yaml"] + args, cwd: dir)
    }

    @Test func helpHasExamples() throws {
        let r = try Binary.run(["excerpts", "--help"], cwd: dir)
        #expect(r.code == 0)
        #expect(r.out.contains("Examples:"))
        for option in ["--theme", "--where", "--context", "--max-per-theme", "--balance", "--seed", "--format", "--output", "--real-names"] {
            #expect(r.out.contains(option), "\(option)")
        }
        try? FileManager.default.removeItem(at: dir)
    }

    @Test func textAndMarkdownOnStdout() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try run(["--theme", "reseau", "--where", "group=senior"])
        #expect(text.code == 0, "\(text.err)")
        #expect(text.err.isEmpty, "\(text.err)")
        #expect(text.out.contains("Réseau [reseau]  2 extraits"))
        #expect(text.out.contains("— Senior 02, senior, Guéret (rural), 12 mois — S02-Senior 02.txt, tour 2"))
        #expect(!text.out.contains("\u{1B}["), "no escape codes when stdout is not a terminal")
        let md = try run(["--theme", "peur", "--where", "group=senior", "--format", "markdown"])
        #expect(md.code == 0, "\(md.err)")
        #expect(md.out.contains("## Peur d'internet (`peur`)\n\nLa personne dit craindre internet.\n"))
        #expect(md.out.contains("> Oh oui, j'avais **peur**. **Peur** des **arnaques** surtout, Enquêtrice A, vous savez.\n\n*Senior 01, senior, Lyon 8e (urbain), 3-6 mois — S01-Senior 01.txt, tour 2*\n"))
        for name in ExcerptFixture.realNames { #expect(!ExcerptSelectorTests.containsWord(md.out, name), "\(name)") }
        let real = try run(["--theme", "peur", "--where", "group=senior", "--format", "markdown", "--real-names", "--context", "1"])
        #expect(real.out.contains("Mme Martin\u{00A0}: Oh oui, j'avais **peur**"))
        #expect(real.out.contains("Noms réels"))
    }

    @Test func sameSeedSameOutput() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try run(["--max-per-theme", "1", "--seed", "7", "--format", "json"])
        let b = try run(["--max-per-theme", "1", "--seed", "7", "--format", "json"])
        #expect(a.code == 0, "\(a.err)")
        #expect(a.out == b.out)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(a.out.utf8)) as? [String: Any])
        let themes = try #require(json["themes"] as? [[String: Any]])
        #expect(themes.map { $0["id"] as? String } == ["peur", "reseau", "famille"])
        #expect(themes.allSatisfy { ($0["excerpts"] as? [Any])?.count == 1 })
    }

    @Test func filesAreWrittenWholeWithTheFormatFromTheExtension() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, check) in [("out.html", "<mark>peur</mark>"), ("out.csv", "theme,label,document,turn,speaker"),
                              ("out.md", "> "), ("out.json", "\"pseudonymized\": true"), ("out.txt", "Peur d'internet [peur]")] {
            let r = try run(["--theme", "peur", "-o", name])
            #expect(r.code == 0, "\(r.err)")
            #expect(r.out.isEmpty)
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            #expect(text.contains(check), "\(name)")
        }
        let docx = try run(["--theme", "peur", "--context", "1", "--format", "docx", "-o", "out.docx"])
        #expect(docx.code == 0, "\(docx.err)")
        let archive = try Archive(url: dir.appendingPathComponent("out.docx"), accessMode: .read)
        let entry = try #require(archive["word/document.xml"])
        var xml = Data()
        _ = try archive.extract(entry) { xml.append($0) }
        let document = String(decoding: xml, as: UTF8.self)
        #expect(!document.contains("w:highlight"), "a Word verbatim is plain unless --highlight")
        let marked = try run(["--theme", "peur", "--highlight", "-o", "marked.docx"])
        #expect(marked.code == 0, "\(marked.err)")
        let markedArchive = try Archive(url: dir.appendingPathComponent("marked.docx"), accessMode: .read)
        var markedXML = Data()
        _ = try markedArchive.extract(try #require(markedArchive["word/document.xml"])) { markedXML.append($0) }
        #expect(String(decoding: markedXML, as: UTF8.self).contains("w:highlight"))
        #expect(document.contains("Peur d&apos;internet") || document.contains("Peur d'internet"))
        #expect(!document.contains("Martin"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func badInputsWriteNoFile() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("never.md")
        let cases: [(args: [String], code: Int32, message: String)] = [
            (["--theme", "fear"], 1, "codebook.yaml: error: unknown theme 'fear' (themes: peur, peur-arnaque, reseau, famille)"),
            (["--where", "groupe=senior"], 1, "error: unknown attribute 'groupe' in --where (attributes: group, territory, context, wave, interviewer, gender)"),
            (["--theme", "reseau", "--where", "group=volontaire"], 1, "error: no excerpt matches --theme reseau --where group=volontaire"),
            (["--max-per-theme", "2", "--balance", "age"], 1, "error: unknown attribute 'age' in --balance"),
            (["--where", "group"], 64, "error: --where takes NAME=VALUE"),
        ]
        for c in cases {
            let r = try run(c.args + ["-o", out.lastPathComponent])
            #expect(r.code == c.code, "\(c.args): \(r.err)")
            #expect(r.err.hasPrefix(c.message), "\(c.args): \(r.err)")
            #expect(r.err.split(separator: "\n").count == 1, "one line: \(r.err)")
            #expect(r.out.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: out.path), "\(c.args) wrote \(out.lastPathComponent)")
        }
        let docx = try run(["--format", "docx"])
        #expect(docx.code == 64)
        #expect(docx.err.contains("-o FILE.docx"))
        let context = try run(["--context", "-1"])
        #expect(context.code == 64)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".never") }
        #expect(leftovers.isEmpty)
    }
}
