import Foundation
import Testing
import ZIPFoundation
import VerbatimModel
import VerbatimStudy
import VerbatimApp
import VerbatimExchange
import VerbatimTestSupport

enum Samples {
    static let folder = "refi-qda/samples"
    static var available: Bool { Shared.exists(folder) }
    static let files = ["atlasti-23.2.3-blank-project.qdpx", "atlasti-win-23.4.0-codebook.qdc", "nvivo-win-12.6-oltas0517.qdpx",
                        "qc-1.3.2-demo.qdpx", "qualcoder-3.8.2-codebook.qdc", "spec-example2-atlasti-8.4-Project.qde",
                        "taguette-1.4.1-codebook.qdc"]
    static func url(_ name: String) -> URL { Shared.url(folder + "/" + name) }
}

/// A temporary folder for imports.
struct Scratch {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-refi-import-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true) }
    func remove() { try? FileManager.default.removeItem(at: base) }
    func url(_ name: String) -> URL { base.appendingPathComponent(name) }

    func importing(_ file: URL, into name: String = "study") throws -> (ImportExchangeUseCase.Result, [Diagnostic]) {
        let c = DiagnosticCollector()
        let r = try ImportExchangeUseCase.run(.init(file: file.path, into: url(name).path), consumer: c)
        return (r, c.diagnostics)
    }

    /// A .qdpx package of `entries`.
    func package(_ name: String, _ entries: [(String, String)]) throws -> URL {
        let archive = try Archive(accessMode: .create)
        for (path, text) in entries {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { p, n in
                bytes.subdata(in: Int(p)..<min(Int(p) + n, bytes.count))
            }
        }
        let u = url(name)
        try archive.data!.write(to: u)
        return u
    }
}

/// The study's codings, as comparable lines (theme label, coder, quote).
func codingLines(_ root: URL) throws -> [String] {
    let context = try StudyContext(folder: root.path, consumer: DiagnosticCollector())
    let book = try context.codebook(nil)
    return CodingStore(root: root).read().codings.map { "\($0.document)|\(book.theme($0.theme)?.label ?? "?")|\($0.coder)|\($0.quote)|\($0.memo ?? "")" }.sorted()
}

func codebookLines(_ root: URL) throws -> [String] {
    let context = try StudyContext(folder: root.path, consumer: DiagnosticCollector())
    let book = try context.codebook(nil)
    func walk(_ ts: [Theme], _ path: String) -> [String] {
        ts.flatMap { t in ["\(path)/\(t.label)|\(t.color ?? "")|\(t.definition ?? "")|\(t.include ?? "")|\(t.examples)"] + walk(t.children, path + "/" + t.label) }
    }
    return walk(book.themes, "")
}

@Suite(.serialized) struct ImportTests {
    @Test(.enabled(if: Samples.available, "needs ../shared/refi-qda/samples"), arguments: Samples.files)
    func everySampleImports(_ name: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let input = Samples.url(name)
        let before = try Data(contentsOf: input)
        let (r, diagnostics) = try scratch.importing(input)
        #expect(try Data(contentsOf: input) == before, "the input is never modified")
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        #expect(FileManager.default.fileExists(atPath: scratch.url("study/verbatim.yaml").path))
        // The study opens and its codebook loads.
        let context = try StudyContext(folder: scratch.url("study").path, consumer: DiagnosticCollector())
        let book = try context.codebook(nil)
        #expect(book.allThemes.count == r.themes)
        switch name {
        case "atlasti-win-23.4.0-codebook.qdc":
            #expect(r.themes == 1 && book.themes[0].label == "code1" && book.themes[0].color == "#46AA00" && book.themes[0].definition == "description")
            #expect(r.notCarried == [NotCarried(what: "code sets (groups of codes; the codebook's hierarchy is kept)", count: 1)])
        case "taguette-1.4.1-codebook.qdc":
            #expect(r.themes == 3)
            #expect(diagnostics.contains { $0.severity == .warning && $0.message.contains("empty <Sets/>") }, "\(diagnostics)")
        case "qualcoder-3.8.2-codebook.qdc":
            #expect(r.themes == 38)
            #expect(book.allThemes.contains { $0.label == "Ünïcøde & <angle> \"quoted\" — 教师" })
            let parent = try #require(book.themes.first { $0.label == "Implementation Quality" })
            #expect(parent.children.count >= 3)
            #expect(book.allThemes.first { $0.label == "Curriculum fidelity" }?.definition == "Teacher follows the published sequence.\nSecond line, after a hard break.")
        case "qc-1.3.2-demo.qdpx":
            #expect(r.documents == 2 && r.codings == 205 && r.coders == ["cp"])
            #expect(diagnostics.contains { $0.message.contains("lacks 'internal://'") })
        case "nvivo-win-12.6-oltas0517.qdpx":
            #expect(r.documents == 2 && r.codings == 303 && r.themes == 152)
        case "spec-example2-atlasti-8.4-Project.qde":
            let what = Set(r.notCarried.map(\.what))
            for w in ["PDF selections", "picture selections", "video selections", "links", "graphs"] { #expect(what.contains(w), "\(r.notCarried)") }
        case "atlasti-23.2.3-blank-project.qdpx":
            #expect(r.themes == 0 && r.documents == 0)
        default:
            Issue.record("no check for \(name)")
        }
    }

    @Test(.enabled(if: Samples.available, "needs ../shared/refi-qda/samples"))
    func nvivoSelectionsLandOnWordsWithNVivosText() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (r, _) = try scratch.importing(Samples.url("nvivo-win-12.6-oltas0517.qdpx"))
        let offsets = try #require(r.offsets.first { $0.selections > 0 })
        #expect(offsets.selections == 303)
        #expect(offsets.model == OffsetModel.nvivo.description)
        #expect(offsets.onWords * 100 >= 95 * 303, "\(offsets.onWords) of 303")
        // Selection 77510..77548 as NVivo showed it.
        let codings = CodingStore(root: scratch.url("study")).read().codings
        #expect(codings.contains { $0.quote == "még 9 oltás kell aztán nagyon jó lesz!" })
        // Each quote is the transcript's text at its offsets.
        let context = try StudyContext(folder: scratch.url("study").path, consumer: DiagnosticCollector())
        for d in Set(codings.map(\.document)) {
            let t = try context.transcript(d)
            for c in codings where c.document == d { #expect(t.slice(c.start, c.end) == c.quote) }
        }
    }

    @Test(.enabled(if: Samples.available, "needs ../shared/refi-qda/samples"),
          arguments: ["nvivo-win-12.6-oltas0517.qdpx", "qc-1.3.2-demo.qdpx", "qualcoder-3.8.2-codebook.qdc"])
    func importExportImportKeepsCodingsAttributesAndCodebook(_ name: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try scratch.importing(Samples.url(name), into: "one")
        let context = try StudyContext(folder: scratch.url("one").path, consumer: DiagnosticCollector())
        let isCodebook = name.hasSuffix(".qdc")
        let data = isCodebook ? try ExportExchangeUseCase.codebook(.init(), in: context).data : try ExportExchangeUseCase.project(.init(), in: context).data
        let file = scratch.url(isCodebook ? "again.qdc" : "again.qdpx")
        try data.write(to: file)
        _ = try scratch.importing(file, into: "two")
        #expect(try codebookLines(scratch.url("one")) == (try codebookLines(scratch.url("two"))))
        #expect(try codingLines(scratch.url("one")) == (try codingLines(scratch.url("two"))))
        let cases = { (n: String) in try String(contentsOf: scratch.url(n + "/cases.csv"), encoding: .utf8) }
        #expect(try cases("one") == (try cases("two")))
        if !isCodebook { #expect(try codingLines(scratch.url("two")).count > 200) }
        // And the second export is the first.
        let context2 = try StudyContext(folder: scratch.url("two").path, consumer: DiagnosticCollector())
        let data2 = isCodebook ? try ExportExchangeUseCase.codebook(.init(), in: context2).data : try ExportExchangeUseCase.project(.init(), in: context2).data
        #expect(data == data2)
    }

    // MARK: - Bad input

    static let project = """
    <?xml version="1.0" encoding="utf-8"?>
    <Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="test">
      <Users><User guid="11111111-1111-1111-1111-111111111111" name="Ana"/></Users>
      <CodeBook><Codes>
        <Code guid="22222222-2222-2222-2222-222222222222" name="Fear" isCodable="true" color="#FF0000"/>
        <Code guid="22222222-2222-2222-2222-222222222222" name="Again" isCodable="true"/>
      </Codes></CodeBook>
      <Variables><Variable guid="55555555-5555-5555-5555-555555555555" name="age" typeOfVariable="Integer"/></Variables>
      <Cases><Case guid="66666666-6666-6666-6666-666666666666" name="Ana">
        <VariableValue><VariableRef targetGUID="55555555-5555-5555-5555-555555555555"/><IntegerValue>71</IntegerValue></VariableValue>
        <SourceRef targetGUID="33333333-3333-3333-3333-333333333333"/></Case></Cases>
      <Sources>
        <TextSource guid="33333333-3333-3333-3333-333333333333" name="one.txt" plainTextPath="internal://one.txt">
          <PlainTextSelection guid="44444444-4444-4444-4444-444444444444" startPosition="7" endPosition="11">
            <Coding guid="77777777-7777-7777-7777-777777777777" creatingUser="11111111-1111-1111-1111-111111111111" creationDateTime="2024-05-01T10:00:00.123+02:00">
              <CodeRef targetGUID="22222222-2222-2222-2222-222222222222"/></Coding>
          </PlainTextSelection>
          <PlainTextSelection guid="44444444-4444-4444-4444-444444444445" startPosition="12" endPosition="900">
            <Coding guid="77777777-7777-7777-7777-777777777778" creatingUser="11111111-1111-1111-1111-111111111111"><CodeRef targetGUID="22222222-2222-2222-2222-222222222222"/></Coding>
          </PlainTextSelection>
        </TextSource>
        <TextSource guid="88888888-8888-8888-8888-888888888888" name="two" plainTextPath="internal://two.txt"/>
      </Sources>
    </Project>
    """

    @Test func recoverableProblemsAreWarningsAndTheRestIsImported() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.package("bad.qdpx", [("project.qde", Self.project), ("Sources/one.txt", "\u{FEFF}I have fear of it all.")])
        let (r, diagnostics) = try scratch.importing(file)
        let messages = diagnostics.map(\.description)
        #expect(diagnostics.allSatisfy { $0.severity == .warning }, "\(messages)")
        #expect(messages.contains { $0.contains("duplicate GUID 22222222-2222-2222-2222-222222222222") }, "\(messages)")
        #expect(messages.contains { $0.contains("'two.txt' of source 'two' is missing from the package") }, "\(messages)")
        #expect(messages.contains { $0.contains("1 selection outside the text") }, "\(messages)")
        #expect(r.documents == 1 && r.codings == 2 && r.cases == 1)
        let codings = CodingStore(root: scratch.url("study")).read().codings.sorted { $0.start < $1.start }
        #expect(codings.map(\.quote) == ["fear", "of it all."])
        #expect(codings.map(\.coder) == ["Ana", "Ana"])
        #expect(codings[0].time == "2024-05-01T08:00:00Z")
        #expect(try String(contentsOf: scratch.url("study/cases.csv"), encoding: .utf8) == "document,age\none.txt,71\n")
        #expect(r.notCarried.contains(NotCarried(what: "text sources without their text (missing file)", count: 1)))
    }

    @Test func whatIsNotAProjectIsOneClearError() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let zip = try scratch.package("notes.qdpx", [("readme.txt", "hello")])
        #expect(throws: Diagnostic.error(zip.path, "is a ZIP archive but not a REFI-QDA project: it holds no project.qde (or other .qde file) at its top")) {
            try scratch.importing(zip)
        }
        let html = scratch.url("page.qdc")
        try "<html><body/></html>".write(to: html, atomically: true, encoding: .utf8)
        #expect(throws: Diagnostic.error(html.path, "not a REFI-QDA file: its root element is <html>, not <CodeBook> or <Project>")) {
            try scratch.importing(html)
        }
        let broken = scratch.url("broken.qde")
        try "<Project name='x'><Users>".write(to: broken, atomically: true, encoding: .utf8)
        do {
            _ = try scratch.importing(broken)
            Issue.record("a malformed file imported")
        } catch let d as Diagnostic {
            #expect(d.message.hasPrefix("not a REFI-QDA file: malformed XML"), "\(d)")
            #expect(!d.message.contains("\n"))
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.url("study").path), "no partial output")
        // Nothing left behind: no temporary folder either.
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.base.path).filter { $0.hasPrefix(".") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test func aNonEmptyFolderIsRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.package("ok.qdpx", [("project.qde", Self.project), ("sources/one.txt", "I have fear of it all.")])
        try FileManager.default.createDirectory(at: scratch.url("study"), withIntermediateDirectories: true)
        try "x".write(to: scratch.url("study/notes.txt"), atomically: true, encoding: .utf8)
        do {
            _ = try scratch.importing(file)
            Issue.record("imported into a non-empty folder")
        } catch let d as Diagnostic {
            #expect(d.message.contains("exists and is not empty"), "\(d)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url("study").path) == ["notes.txt"])
        // An empty folder is fine.
        try FileManager.default.removeItem(at: scratch.url("study/notes.txt"))
        let (r, _) = try scratch.importing(file)
        #expect(r.codings == 2)
    }

    @Test func offsetsAreReadAsTheProducerCountsThem() throws {
        // "😅 x\r\nword fear" : the selection "fear" counted four ways.
        let text = "😅 x\r\nword fear end"
        let scalars = Array(text.unicodeScalars)
        let start = scalars.firstIndex(of: "f")!
        func source(_ a: Int, _ b: Int) -> REFIProject.TextSource {
            REFIProject.TextSource(guid: "A", name: "a", file: nil, text: text, selections: [REFIProject.Selection(guid: "S", start: a, end: b)])
        }
        func quote(_ r: ResolvedSource) -> String {
            let s = r.spans[0]!
            return String(decoding: Array(r.text.utf8)[s.start..<s.end], as: UTF8.self)
        }
        // Code points.
        #expect(quote(SelectionResolver.resolve(source(start, start + 4), origin: "QualCoder", hadBOM: false)) == "fear")
        // NVivo: UTF-16 units, CRLF as 2 (the emoji is 2 units).
        let r = SelectionResolver.resolve(source(start + 1, start + 5), origin: "NVivo for Windows 12.6", hadBOM: true)
        #expect(quote(r) == "fear" && r.model == .nvivo)
        // ATLAS.ti: CRLF as 1.
        #expect(quote(SelectionResolver.resolve(source(start - 1, start + 3), origin: "ATLAS.ti 9", hadBOM: false)) == "fear")
        #expect(SelectionResolver.resolve(source(0, 1), origin: nil, hadBOM: false).text == "😅 x\nword fear end")
    }
}
