import Foundation
import Testing
import VerbatimTestSupport

/// A copy of the bundled study in a fresh temporary folder, its `codebook:` pointing to the bundled
/// codebook by its absolute path, for the commands that write files.
struct StudyCopy {
    /// The temporary folder holding the copy (`study/`) and whatever a test puts beside it.
    let base: URL
    /// The study folder.
    let root: URL

    /// Copies the bundled study; `codebook` (default: the bundled one) is what `codebook:` names.
    init(codebook: URL = Repository.bundledCodebook) throws {
        let fm = FileManager.default
        base = fm.temporaryDirectory.appendingPathComponent("verbatim-inputs-\(UUID().uuidString)")
        root = base.appendingPathComponent("study")
        try fm.createDirectory(at: base, withIntermediateDirectories: true)
        try fm.copyItem(at: Repository.bundledStudy, to: root)
        try? fm.removeItem(at: root.appendingPathComponent("verbatim-demo"))
        let config = root.appendingPathComponent("verbatim.yaml")
        let text = try String(contentsOf: config, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasPrefix("codebook:") ? "codebook: \(codebook.path)" : String(line)
        }
        try lines.joined(separator: "\n").write(to: config, atomically: true, encoding: .utf8)
    }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    /// The bytes of a file of the study.
    func bytes(_ path: String) throws -> Data { try Data(contentsOf: url(path)) }

    /// Writes a file into the study (creating its folders).
    func write(_ path: String, _ data: Data) throws {
        let u = url(path)
        try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: u)
    }

    /// Runs verbatim inside the study.
    func run(_ args: [String], cwd: URL? = nil) throws -> Binary.Result { try Binary.run(args, cwd: cwd ?? root) }

    func remove() { try? FileManager.default.removeItem(at: base) }
}

/// Nothing verbatim writes may harm an input: every `-o` naming one is refused with a one-line error
/// naming what the file is, exit 1, and the file keeps its bytes.
@Suite(.serialized) struct InputSafetyTests {
    /// Runs `args`, expects the refusal of `target` (a path inside the study) as `what`, and checks
    /// that `target` keeps its bytes.
    func expectRefused(_ args: [String], output: String, protecting target: String, what: String,
                       in study: StudyCopy, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try study.bytes(target)
        let r = try study.run(args)
        #expect(r.code == 1, "\(args): \(r.err)", sourceLocation: sourceLocation)
        let lines = r.err.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("\(output): error: \(what)") }, "\(args): \(r.err)", sourceLocation: sourceLocation)
        #expect(lines.count == 1, "\(args): one line: \(r.err)", sourceLocation: sourceLocation)
        #expect(r.out.isEmpty, "\(args): \(r.out)", sourceLocation: sourceLocation)
        #expect(try study.bytes(target) == before, "\(args) changed \(target)", sourceLocation: sourceLocation)
    }

    @Test func theTablesAndTheSettingsAreRefused() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        try expectRefused(["excerpts", "-o", "cases.csv"], output: "cases.csv", protecting: "cases.csv",
                          what: "is the study's case table ('cases:' in verbatim.yaml)", in: study)
        try expectRefused(["excerpts", "--format", "csv", "-o", "participants.csv"], output: "participants.csv", protecting: "participants.csv",
                          what: "is the study's participants table ('participants:' in verbatim.yaml)", in: study)
        try expectRefused(["excerpts", "-o", "names.csv"], output: "names.csv", protecting: "names.csv",
                          what: "is the study's names table ('names:' in verbatim.yaml)", in: study)
        try expectRefused(["report", "-o", "verbatim.yaml"], output: "verbatim.yaml", protecting: "verbatim.yaml",
                          what: "is the study's settings (verbatim.yaml)", in: study)
        // `..` is resolved before comparing.
        try expectRefused(["excerpts", "-o", "transcripts/../cases.csv"], output: "transcripts/../cases.csv", protecting: "cases.csv",
                          what: "is the study's case table", in: study)
    }

    @Test func tablesRenamedInTheSettingsAreTheOnesProtected() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        let fm = FileManager.default
        try fm.moveItem(at: study.url("cases.csv"), to: study.url("documents.csv"))
        try fm.moveItem(at: study.url("names.csv"), to: study.url("noms.csv"))
        var config = try String(contentsOf: study.url("verbatim.yaml"), encoding: .utf8)
        config = config.replacingOccurrences(of: "cases: cases.csv", with: "cases: documents.csv")
            .replacingOccurrences(of: "names: names.csv", with: "names: noms.csv")
        try config.write(to: study.url("verbatim.yaml"), atomically: true, encoding: .utf8)
        try expectRefused(["excerpts", "-o", "documents.csv"], output: "documents.csv", protecting: "documents.csv",
                          what: "is the study's case table", in: study)
        try expectRefused(["report", "--format", "markdown", "-o", "noms.csv"], output: "noms.csv", protecting: "noms.csv",
                          what: "is the study's names table", in: study)
    }

    @Test func anythingInsideATranscriptsFolderIsRefused() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        try study.write("transcripts/x/interview.txt", Data("Enquêtrice : Bonjour.\n\nMme Y : Bonjour, j'ai peur d'internet.\n".utf8))
        try study.write("transcripts/x/ID1.docx", try study.bytes("transcripts/S03-lyon.docx"))
        try expectRefused(["report", "-o", "transcripts/x/interview.txt"], output: "transcripts/x/interview.txt",
                          protecting: "transcripts/x/interview.txt", what: "is inside the study's transcripts folder 'transcripts'", in: study)
        try expectRefused(["excerpts", "-o", "transcripts/x/ID1.docx"], output: "transcripts/x/ID1.docx",
                          protecting: "transcripts/x/ID1.docx", what: "is inside the study's transcripts folder 'transcripts'", in: study)
        try expectRefused(["excerpts", "-o", "transcripts/S01-lyon.txt"], output: "transcripts/S01-lyon.txt",
                          protecting: "transcripts/S01-lyon.txt", what: "is inside the study's transcripts folder", in: study)
        // A new file in a transcripts folder would become a transcript: refused as well, and not created.
        let r = try study.run(["excerpts", "-o", "transcripts/x/verbatims.md"])
        #expect(r.code == 1)
        #expect(r.err.contains("transcripts/x/verbatims.md: error: is inside the study's transcripts folder 'transcripts'"))
        #expect(!FileManager.default.fileExists(atPath: study.url("transcripts/x/verbatims.md").path))
    }

    @Test func theCodingsAndMemosFoldersAreRefused() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        try study.write("codings/Marie.jsonl", Data())
        try study.write("memos/themes/peur-internet.md", Data("# peur-internet\n\nÀ revoir.\n".utf8))
        try expectRefused(["excerpts", "--format", "json", "-o", "codings/Marie.jsonl"], output: "codings/Marie.jsonl",
                          protecting: "codings/Marie.jsonl", what: "is inside the study's codings/ folder", in: study)
        try expectRefused(["excerpts", "-o", "memos/themes/peur-internet.md"], output: "memos/themes/peur-internet.md",
                          protecting: "memos/themes/peur-internet.md", what: "is inside the study's memos/ folder", in: study)
    }

    @Test func theCodebookIsRefused() throws {
        // A copy of the codebook, so that a failure could not harm the repository's.
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-codebook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let codebook = base.appendingPathComponent("grille.md")
        try FileManager.default.copyItem(at: Repository.bundledCodebook, to: base.appendingPathComponent("grille.yaml"))
        let study = try StudyCopy(codebook: base.appendingPathComponent("grille.yaml"))
        defer { study.remove() }
        let before = try Data(contentsOf: base.appendingPathComponent("grille.yaml"))
        let r = try study.run(["excerpts", "-o", base.appendingPathComponent("grille.yaml").path])
        #expect(r.code == 1)
        #expect(r.err == "\(base.appendingPathComponent("grille.yaml").path): error: is the study's codebook ('codebook:' in verbatim.yaml); verbatim never writes over its inputs: choose another file\n")
        #expect(try Data(contentsOf: base.appendingPathComponent("grille.yaml")) == before)
        // A --codebook given on the command line is an input too.
        try FileManager.default.copyItem(at: Repository.bundledCodebook, to: codebook)
        let md = try Data(contentsOf: codebook)
        let g = try study.run(["excerpts", "--codebook", base.appendingPathComponent("grille.yaml").path, "-o", codebook.path,
                               "--theme", "peur-internet"])
        #expect(g.code == 0, "\(g.err)")  // grille.md is not the codebook used: it may be replaced
        #expect(try Data(contentsOf: codebook) != md)
        let c = try study.run(["excerpts", "--codebook", codebook.path, "-o", codebook.path])
        #expect(c.code == 1)
        #expect(c.err.contains("error: is '\(codebook.path)', a file this command reads"), "\(c.err)")
    }

    @Test func linksAndOtherSpellingsOfAnInputAreRefused() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: study.url("lien.csv").path, withDestinationPath: "cases.csv")
        try fm.createSymbolicLink(atPath: study.url("entretiens").path, withDestinationPath: "transcripts")
        try fm.linkItem(at: study.url("participants.csv"), to: study.url("copie.csv"))
        try expectRefused(["excerpts", "-o", "lien.csv"], output: "lien.csv", protecting: "cases.csv",
                          what: "is the study's case table", in: study)
        #expect(try fm.destinationOfSymbolicLink(atPath: study.url("lien.csv").path) == "cases.csv")
        try expectRefused(["excerpts", "-o", "entretiens/S01-lyon.txt"], output: "entretiens/S01-lyon.txt",
                          protecting: "transcripts/S01-lyon.txt", what: "is inside the study's transcripts folder", in: study)
        // A hard link is the same file.
        try expectRefused(["excerpts", "-o", "copie.csv"], output: "copie.csv", protecting: "participants.csv",
                          what: "is the study's participants table", in: study)
        // From another folder, by an absolute path.
        let r = try study.run(["excerpts", "--study", study.root.path, "-o", study.url("cases.csv").path], cwd: study.base)
        #expect(r.code == 1)
        #expect(r.err.contains("error: is the study's case table"))
        // On a file system that ignores case, CASES.CSV is cases.csv.
        if fm.fileExists(atPath: study.url("CASES.CSV").path) {
            try expectRefused(["excerpts", "-o", "CASES.csv"], output: "CASES.csv", protecting: "cases.csv",
                              what: "is the study's case table", in: study)
        }
    }

    @Test func bareFilesAndFoldersNamedOnTheCommandLineAreRefused() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-bare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base.appendingPathComponent("entretiens"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let file = base.appendingPathComponent("entretiens/S01-lyon.txt")
        try FileManager.default.copyItem(at: Repository.bundledStudy.appendingPathComponent("transcripts/S01-lyon.txt"), to: file)
        let before = try Data(contentsOf: file)
        let cb = Repository.bundledCodebook.path
        let r = try Binary.run(["excerpts", "--codebook", cb, "entretiens/S01-lyon.txt", "-o", "entretiens/S01-lyon.txt"], cwd: base)
        #expect(r.code == 1)
        #expect(r.err == "entretiens/S01-lyon.txt: error: is 'entretiens/S01-lyon.txt', a file this command reads; verbatim never writes over its inputs: choose another file\n")
        let f = try Binary.run(["excerpts", "--codebook", cb, "entretiens", "-o", "entretiens/extraits.md"], cwd: base)
        #expect(f.code == 1)
        #expect(f.err.contains("entretiens/extraits.md: error: is inside 'entretiens', a folder this command reads"))
        #expect(try Data(contentsOf: file) == before)
        // Beside the folder, the output is written.
        let ok = try Binary.run(["excerpts", "--codebook", cb, "entretiens", "-o", "extraits.md"], cwd: base)
        #expect(ok.code == 0, "\(ok.err)")
        #expect(FileManager.default.fileExists(atPath: base.appendingPathComponent("extraits.md").path))
    }

    @Test func anOutputThatIsNotAnInputIsReplaced() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        try study.write("extraits.md", Data("old\n".utf8))
        let r = try study.run(["excerpts", "--theme", "peur-internet", "-o", "extraits.md"])
        #expect(r.code == 0, "\(r.err)")
        let text = String(decoding: try study.bytes("extraits.md"), as: UTF8.self)
        #expect(text.hasPrefix("# "))
        let report = try study.run(["report", "-o", "rapport.html"])
        #expect(report.code == 0, "\(report.err)")
        #expect(report.out == "rapport.html\n")
    }

    @Test func theDemoRefusesTheStudyFolderAndItsTranscripts() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        let yaml = try study.bytes("verbatim.yaml")
        let r = try Binary.run(["demo", "--study", study.root.path, "--output", study.root.path], cwd: study.base)
        #expect(r.code == 1)
        #expect(r.err == "\(study.root.path): error: is the study folder; verbatim never writes among its inputs: choose another folder\n")
        #expect(!FileManager.default.fileExists(atPath: study.url("rapport.html").path))
        let dot = try Binary.run(["demo", "--study", ".", "--output", "."], cwd: study.root)
        #expect(dot.code == 1)
        #expect(dot.err.hasPrefix(".: error: is the study folder"))
        let inside = try Binary.run(["demo", "--study", "study", "--output", "study/transcripts/demo"], cwd: study.base)
        #expect(inside.code == 1)
        #expect(inside.err.hasPrefix("study/transcripts/demo: error: is inside the study's transcripts folder 'transcripts'"), "\(inside.err)")
        #expect(!FileManager.default.fileExists(atPath: study.url("transcripts/demo").path))
        let transcripts = try Binary.run(["demo", "--study", "study", "--output", "study/transcripts"], cwd: study.base)
        #expect(transcripts.code == 1)
        #expect(transcripts.err.hasPrefix("study/transcripts: error: is the study's transcripts folder 'transcripts'"), "\(transcripts.err)")
        #expect(try study.bytes("verbatim.yaml") == yaml)
    }
}

/// An output's extension must be its format's; a name without one gets the format's.
@Suite(.serialized) struct OutputFormatTests {
    static let excerptFormats = "text .txt, markdown .md, csv .csv, json .json, html .html, docx .docx"

    @Test func anExtensionThatIsNoFormatIsAUsageError() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        let pdf = try study.run(["report", "-o", "r.pdf"])
        #expect(pdf.code == 64)
        #expect(pdf.err == "r.pdf: error: verbatim report does not write '.pdf' files (formats: html .html, markdown .md)\n")
        let xml = try study.run(["excerpts", "-o", "out.xml"])
        #expect(xml.code == 64)
        #expect(xml.err == "out.xml: error: verbatim excerpts does not write '.xml' files (formats: \(Self.excerptFormats))\n")
        let md = try study.run(["excerpts", "--format", "csv", "-o", "out.md"])
        #expect(md.code == 64)
        #expect(md.err == "out.md: error: '.md' is not a csv file: --format csv writes .csv (formats of verbatim excerpts: \(Self.excerptFormats))\n")
        let html = try study.run(["report", "--format", "markdown", "-o", "r.html"])
        #expect(html.code == 64)
        #expect(html.err.contains("'.html' is not a markdown file: --format markdown writes .md"))
        for name in ["r.pdf", "out.xml", "out.md", "r.html"] {
            #expect(!FileManager.default.fileExists(atPath: study.url(name).path), "\(name)")
        }
    }

    @Test func anExtensionChoosesTheFormatAndANameWithoutOneGetsIt() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        let text = try study.run(["excerpts", "--theme", "peur-internet", "-o", "extraits"])
        #expect(text.code == 0, "\(text.err)")
        #expect(FileManager.default.fileExists(atPath: study.url("extraits.txt").path))
        #expect(!FileManager.default.fileExists(atPath: study.url("extraits").path))
        let json = try study.run(["excerpts", "--theme", "peur-internet", "--format", "json", "-o", "extraits"])
        #expect(json.code == 0, "\(json.err)")
        let object = try JSONSerialization.jsonObject(with: try study.bytes("extraits.json")) as? [String: Any]
        #expect(object?["themes"] != nil)
        let upper = try study.run(["excerpts", "--theme", "peur-internet", "-o", "Extraits.CSV"])
        #expect(upper.code == 0, "\(upper.err)")
        #expect(String(decoding: try study.bytes("Extraits.CSV"), as: UTF8.self).hasPrefix("theme,"))
        let report = try study.run(["report", "-o", "rapport"])
        #expect(report.code == 0, "\(report.err)")
        #expect(report.out == "rapport.html\n")
        let markdown = try study.run(["report", "--format", "markdown", "-o", "rapport"])
        #expect(markdown.out == "rapport.md\n")
        #expect(String(decoding: try study.bytes("rapport.md"), as: UTF8.self).hasPrefix("# "))
    }
}
