import Foundation
import Testing
import VerbatimModel
@testable import VerbatimStudy
import VerbatimIngest
@testable import VerbatimApp

/// The study index keeps each document's text in full-text pieces and its turns and rules' codings
/// packed: what it gives back must be what reading and coding the files gives, and a search through it
/// what a search of the files finds.
@Suite(.serialized) struct StudyIndexTests {
    /// A copy of the bundled study in a temporary folder (the index is written inside the study).
    final class Copy {
        let root: URL
        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-index-\(UUID().uuidString)")
            let source = BundledStudyTests.root.appendingPathComponent("Corpora/les-connectes")
            try FileManager.default.copyItem(at: source, to: root)
            try? FileManager.default.removeItem(at: root.appendingPathComponent(".verbatim"))
            try? FileManager.default.removeItem(at: root.appendingPathComponent("codings"))
            try? FileManager.default.removeItem(at: root.appendingPathComponent("memos"))
            // The codebook named by its absolute path (the study names it relative to the repository).
            let config = root.appendingPathComponent("verbatim.yaml")
            let book = BundledStudyTests.root.appendingPathComponent("Codebooks/les-connectes.yaml").path
            let yaml = try String(contentsOf: config, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("codebook:") ? "codebook: \(book)" : String($0) }.joined(separator: "\n")
            try Data(yaml.utf8).write(to: config)
        }
        deinit { try? FileManager.default.removeItem(at: root) }
        func context() throws -> StudyContext { try StudyContext(folder: root.path, consumer: DiagnosticCollector()) }
    }

    @Test func theIndexGivesBackEveryTranscriptAndItsCodings() throws {
        let copy = try Copy()
        let context = try copy.context()
        let (index, summary) = try IndexUseCase.update(in: context)
        let coded = try context.coded(AnalysisInput(), keepText: true)
        #expect(summary.read == coded.documents.count && summary.read > 20)
        for d in coded.documents {
            let t = try #require(try index.transcript(d.document), "\(d.document) is indexed")
            #expect(t.text == d.text, "\(d.document): the text is given back byte for byte")
            #expect(t.turns == d.turns, "\(d.document): the turns (speaker, role, offsets, time, line)")
            #expect(t.attributes == d.attributes && t.speakerAttributes == d.speakerAttributes, "\(d.document)")
            #expect(try index.codings(d.document) == d.codings, "\(d.document): the rules' codings")
        }
        // Nothing changed: nothing is read again.
        let (_, again) = try IndexUseCase.update(in: context)
        #expect(again.read == 0 && again.recoded == 0 && again.removed == 0)
    }

    @Test func packingRoundTripsEdgeCases() throws {
        let text = "Q : Vous avez eu peur ?\nR : Oui, très — «  peur  » d'internet ! 😀\n"
        let bytes = Array(text.utf8)
        let turns = [
            Turn(index: 1, speaker: "Q", role: .interviewer, start: 4, end: 23, labelStart: 0, time: TimeRange(start: 1.5, end: nil), line: 1),
            Turn(index: 2, speaker: "R", role: .participant, start: 28, end: bytes.count - 1, labelStart: 24,
                 time: TimeRange(start: 3_600.25, end: 3_700), line: 2),
            Turn(index: 3, speaker: nil, role: .unknown, start: bytes.count, end: bytes.count, labelStart: bytes.count),
        ]
        #expect(try IndexPacking.turns(IndexPacking.pack(turns)) == turns)
        let codings = [
            Coding(document: "d", turn: 2, speaker: "R", theme: "peur", start: 50, end: 54, unitStart: 28, unitEnd: bytes.count - 1,
                   match: String(decoding: bytes[50..<54], as: UTF8.self), rule: "any[peur]"),
            // A match that is not the text at its offsets is kept as written; an earlier start after a later one.
            Coding(document: "d", turn: 1, speaker: nil, theme: "t", start: 4, end: 9, unitStart: 4, unitEnd: 23, match: "autre", rule: "manual"),
        ]
        #expect(try IndexPacking.codings(IndexPacking.pack(codings, text: bytes), document: "d", text: bytes) == codings)
        // A damaged value is an error, not a crash.
        var damaged = IndexPacking.pack(codings, text: bytes)
        damaged.removeLast(3)
        #expect(throws: (any Error).self) { try IndexPacking.codings(damaged, document: "d", text: bytes) }
        #expect(throws: (any Error).self) { try IndexPacking.turns([9, 1, 2]) }
    }

    /// Every kind of query, and the filters, give through the index exactly the hits of reading the
    /// files — also for a document whose codings a coder changed (searched whole, decisions applied).
    @Test func searchThroughTheIndexIsSearchOfTheFiles() throws {
        let copy = try Copy()
        let context = try copy.context()
        // A coder rejects one suggestion and tags a turn by hand, so one document counts other themes.
        let suggestions = try SuggestionsUseCase.run(.init(coder: "Marie"), in: context)
        let rejected = try #require(suggestions.first { $0.coding.document == "S02-lyon.txt" })
        _ = try SuggestionsUseCase.decide(ids: [rejected.id], status: .rejected, coder: "Marie", in: context)
        _ = try TagUseCase.run(.init(document: "S01-lyon.txt", turn: 12, theme: "peur-internet", coder: "Marie"), in: context)
        let queries: [(String, [String], Role?, String?)] = [
            ("internet", [], nil, nil), ("inquiét*", [], nil, nil), ("\"peur de\"", [], nil, nil), ("peur NEAR internet", [], nil, nil),
            ("peur NEAR/2 internet", [], .participant, nil), ("ordinateur", ["group=senior"], nil, nil), ("tablette", [], nil, "difficultes"),
            ("rendez-vous", [], nil, nil), ("l'ordinateur", [], nil, nil), ("Arnaud", [], nil, nil), ("PEUR internet", [], nil, nil),
        ]
        func fields(_ h: SearchHit) -> String {
            "\(h.document)#\(h.turn)#\(h.start)-\(h.end)#\(h.speaker ?? "-")#\(h.role)#\(h.themes)#\(h.attributes.pairs.map { "\($0.name)=\($0.value)" })#\(h.left)|\(h.match)|\(h.right)"
        }
        var total = 0
        for (q, filters, role, theme) in queries {
            let known = try theme.map { try context.codebook(nil).theme($0) != nil } ?? true
            try #require(known, "\(theme ?? "")")
            for source in [CodingSource.all, .reviewed] {
                let viaIndex = try SearchUseCase.run(.init(query: q, filters: filters, role: role, theme: theme, source: source), in: context)
                let viaFiles = try SearchUseCase.run(.init(query: q, paths: [copy.root.appendingPathComponent("transcripts").path], filters: filters, role: role, theme: theme, source: source), in: context)
                let a = viaIndex.map(fields), b = viaFiles.map(fields)
                let first = zip(a, b).first { $0 != $1 }.map { "index: \($0)\nfiles: \($1)" } ?? "index \(a.count) hits, files \(b.count)"
                #expect(a == b, "\(q) \(filters) \(source): \(first)")
                total += viaIndex.count
            }
        }
        // The coder's decisions are in what the hits say was coded.
        let s01 = try SearchUseCase.run(.init(query: "peur", source: .manual), in: context).filter { $0.document == "S01-lyon.txt" }
        #expect(s01.contains { $0.turn == 12 && $0.themes == ["peur-internet"] } && s01.allSatisfy { $0.turn == 12 || $0.themes.isEmpty }, "\(s01.map(\.turn))")
        #expect(total > 100, "the queries find something: \(total)")
    }

    @Test func anEditedTranscriptIsReadAgainAndSearchedAsEdited() throws {
        let copy = try Copy()
        let context = try copy.context()
        _ = try IndexUseCase.update(in: context)
        let before = try SearchUseCase.run(.init(query: "zorglub"), in: context)
        #expect(before.isEmpty)
        let file = copy.root.appendingPathComponent("transcripts/S01-lyon.txt")
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "internet", with: "zorglub", options: [], range: text.range(of: "internet"))
        try Data(text.utf8).write(to: file)
        let (index, summary) = try IndexUseCase.update(in: try copy.context())
        #expect(summary.read == 1)
        let after = try SearchUseCase.run(.init(query: "zorglub"), in: try copy.context())
        #expect(after.map(\.document) == ["S01-lyon.txt"])
        #expect(try index.transcript("S01-lyon.txt")?.text.contains("zorglub") == true)
        // A removed transcript leaves the index.
        try FileManager.default.removeItem(at: file)
        let (index2, gone) = try IndexUseCase.update(in: try copy.context())
        #expect(gone.removed == 1)
        #expect(try index2.transcript("S01-lyon.txt") == nil)
        #expect(try SearchUseCase.run(.init(query: "zorglub"), in: try copy.context()).isEmpty)
    }
}
