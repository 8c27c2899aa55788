import Foundation
import Testing
import VerbatimModel
import VerbatimStudy
import VerbatimCodebook
import VerbatimCoding
import VerbatimTestSupport
@testable import VerbatimApp

/// `verbatim code` counts plain-text transcripts straight from their bytes; the counts must be those of
/// the full read, segmentation and coding.
@Suite struct DocumentCounterTests {
    static let root: URL = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return dir
    }()

    func same(_ a: DocumentCounts, _ b: DocumentCounts, themes: Int) -> Bool {
        a.hits == b.hits && a.units == b.units && a.speakerLabels == b.speakerLabels
            && (0..<themes).allSatisfy { a.speakerCount($0) == b.speakerCount($0) }
    }

    @Test func bundledStudyCountsAreThoseOfTheFullPipeline() throws {
        let study = try Study(root: Self.root.appendingPathComponent("Corpora/les-connectes"))
        let (book, _) = try CodebookLoader.load(url: Self.root.appendingPathComponent("Codebooks/les-connectes.yaml"), path: "les-connectes.yaml")
        let pool = CoderPool(CompiledCodebook(book))
        let corpus = Corpus(study: study, paths: [])
        #expect(corpus.entries.count == 30)
        var fast = 0
        var hits = 0
        var declined: [String] = []
        for e in corpus.entries {
            let full = try study.result(e).get()
            let slow = pool.with { $0.count(full, unit: .turn) }
            hits += slow.hits.reduce(0, +)
            if let quick = try DocumentCounter.fastCount(e, study: study, pool: pool)?.get() {
                fast += 1
                #expect(same(quick, slow, themes: pool.compiled.themes.count), "\(e.document)")
            } else if e.url.pathExtension == "txt" && e.document != "S09-tournefeuille.txt" {  // S09 is Windows-1252
                declined.append(e.document)
            }
            let viaCounter = try DocumentCounter.count(e, study: study, pool: pool, unit: .turn).get()
            #expect(same(viaCounter, slow, themes: pool.compiled.themes.count), "\(e.document)")
        }
        #expect(declined.isEmpty, "plain-text transcripts read the full way: \(declined)")
        #expect(fast >= 16)
        #expect(hits > 500)
    }

    // Needs ../shared/corpora/transcripts (real transcripts beside the repository).
    @Test(.enabled(if: Shared.exists("corpora/transcripts"), "needs ../shared/corpora/transcripts"))
    func sharedTextTranscriptsCountAlike() throws {
        var shared = Shared.url("corpora/transcripts")
        shared.standardize()
        let study = Study(bareFilesWith: StudyConfig())
        let (book, _) = try CodebookLoader.load(url: Self.root.appendingPathComponent("Codebooks/les-connectes.yaml"), path: "les-connectes.yaml")
        let pool = CoderPool(CompiledCodebook(book))
        let corpus = Corpus(study: study, paths: [shared.path])
        var fast = 0
        for e in corpus.entries where ["txt", "md"].contains(e.url.pathExtension) {
            guard let full = try? study.result(e).get() else { continue }
            let slow = pool.with { $0.count(full, unit: .turn) }
            if let quick = try DocumentCounter.fastCount(e, study: study, pool: pool)?.get() {
                fast += 1
                #expect(same(quick, slow, themes: pool.compiled.themes.count), "\(e.document)")
            }
        }
        #expect(fast >= 5)
    }

    @Test func otherUnitsAndFormatsTakeTheFullWay() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-counter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let crlf = dir.appendingPathComponent("crlf.txt")
        try Data("Enquêtrice : Vous avez peur d'internet ?\r\nMme Roux : J'ai peur de me faire arnaquer.\r\nEnquêtrice : Merci.\r\nMme Roux : De rien.\r\n".utf8).write(to: crlf)
        let bad = dir.appendingPathComponent("bad.txt")
        try Data([0x51, 0x2E, 0x20, 0x00, 0x41]).write(to: bad)
        let study = Study(bareFilesWith: StudyConfig())
        let (book, _) = try CodebookLoader.load(url: Self.root.appendingPathComponent("Codebooks/les-connectes.yaml"), path: "les-connectes.yaml")
        let pool = CoderPool(CompiledCodebook(book))
        let e = Corpus.Entry(document: "crlf.txt", url: crlf)
        #expect(DocumentCounter.fastCount(e, study: study, pool: pool) == nil)
        let counts = try DocumentCounter.count(e, study: study, pool: pool, unit: .turn).get()
        let fear = try #require(pool.compiled.themeIndex["peur-internet"])
        #expect(counts.hits[fear] == 1)
        // A bad file gets the full reader's one-line error, naming it.
        let failure = DocumentCounter.count(Corpus.Entry(document: "bad.txt", url: bad), study: study, pool: pool, unit: .turn)
        guard case .failure(let d) = failure else { Issue.record("a NUL byte must fail"); return }
        #expect(d.severity == .error)
        #expect(String(describing: d).contains("bad.txt"))
    }
}
