import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import VerbatimApp
import VerbatimStudy
import VerbatimModel
import VerbatimServe

/// The study, review, codebook, search and compare pages, and the downloads, in process.
@Suite(.serialized) struct WorkbenchPagesTests {
    typealias F = WorkbenchFixture

    static func context(_ f: F) throws -> StudyContext { try StudyContext(folder: f.root.path, consumer: DiagnosticCollector()) }

    @Test func theStudyPageShowsEachCodersCodedAndReviewedShare() async throws {
        let f = try F()
        defer { f.remove() }
        let ctx = try Self.context(f)
        let suggestions = try SuggestionsUseCase.run(.init(paths: ["S01-lyon.txt"]), in: ctx)
        #expect(suggestions.count >= 3)
        _ = try SuggestionsUseCase.decide(ids: suggestions.prefix(2).map(\.id), status: .accepted, coder: F.coder, in: ctx)
        _ = try SuggestionsUseCase.decide(ids: [suggestions[2].id], status: .rejected, coder: "Autre", in: ctx)
        let progress = try ReviewProgressUseCase.run(alwaysCoder: F.coder, in: ctx)
        #expect(progress.coders == ["Autre", F.coder])
        let d = try #require(progress.documents["S01-lyon.txt"])
        #expect(d.suggestions == suggestions.count)
        #expect(d.coders[F.coder]?.decided == 2)
        #expect(d.coders["Autre"]?.decided == 1)
        #expect(d.coders["Autre"]?.codedTurns == 0, "a rejection codes nothing")
        let turns = Set(suggestions.prefix(2).map(\.coding.turn)).count
        #expect(d.coders[F.coder]?.codedTurns == turns)
        let pct = Int((Double(turns) / Double(d.participantTurns) * 100).rounded())
        try await f.test { client in
            try await client.execute(uri: "/", method: .get, headers: F.headers()) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("\(F.coder) (vous)"))
                #expect(r.text.contains(">Autre<br>"))
                #expect(r.text.contains("<span class=\"coded\">\(pct) %</span> <span class=\"reviewed\">2/\(suggestions.count)</span>"))
                // The long speaker lists of focus groups are cut, the whole list a click away.
                #expect(r.text.contains("<td class=\"speakers\"><details><summary title="))
            }
            // Filtered by attribute: only the seniors.
            try await client.execute(uri: "/?group=senior", method: .get, headers: F.headers()) { r in
                #expect(r.text.contains("S01-lyon.txt"))
                #expect(!r.text.contains("href=\"/documents/FG1-lyon.txt\""))
            }
        }
    }

    @Test func theReviewQueueFiltersByAttributeAndResumesAfterTheLastDecision() async throws {
        let f = try F()
        defer { f.remove() }
        let ctx = try Self.context(f)
        let seniors = try SuggestionsUseCase.run(.init(filters: ["group=senior"]), in: ctx)
        let all = try SuggestionsUseCase.run(.init(), in: ctx)
        #expect(seniors.count > 5 && seniors.count < all.count)
        try await f.test { client in
            try await client.execute(uri: "/review?where=group%3Dsenior", method: .get, headers: F.headers()) { r in
                #expect(r.text.contains("data-where=\"group=senior\""))
                #expect(r.text.contains("<option value=\"group=senior\" selected>"))
            }
            try await client.execute(uri: "/api/suggestions?where=group%3Dsenior", method: .get, headers: F.headers()) { r in
                #expect(r.object["total"] as? Int == seniors.count)
                #expect(r.object["resume"] as? Int == 0)
                let list = r.object["suggestions"] as? [[String: Any]] ?? []
                #expect(list.allSatisfy { ($0["attributes"] as? [String: Any])?["group"] as? String == "senior" })
            }
        }
        // Decide the 4th, then the 2nd: the queue takes up after the 2nd (decided last), at the 3rd.
        _ = try SuggestionsUseCase.decide(ids: [seniors[3].id], status: .accepted, coder: F.coder, in: ctx)
        Thread.sleep(forTimeInterval: 1.1)
        _ = try SuggestionsUseCase.decide(ids: [seniors[1].id], status: .rejected, coder: F.coder, in: ctx)
        try await f.test { client in
            try await client.execute(uri: "/api/suggestions?where=group%3Dsenior", method: .get, headers: F.headers()) { r in
                let list = r.object["suggestions"] as? [[String: Any]] ?? []
                let resume = r.object["resume"] as? Int ?? -1
                #expect(r.object["last_decided"] as? String == seniors[1].id)
                #expect(resume == 1)
                #expect(list.indices.contains(resume) && list[resume]["id"] as? String == seniors[2].id)
            }
            try await client.execute(uri: "/api/suggestions?where=nope", method: .get, headers: F.headers()) { r in
                #expect(r.status == .badRequest)
            }
        }
    }

    @Test func theCodebookCountsEachThemeAndLinksToItsCodings() async throws {
        let f = try F()
        defer { f.remove() }
        // The counts of `verbatim stats`, over every participant unit of the study.
        let coded = try Self.context(f).coded(AnalysisInput())
        let table = try coded.frequencies(by: [])
        let row = try #require(table.rows.first { $0.theme.id == "peur-arnaques" })
        #expect(row.total.base == coded.participants.count)
        #expect(row.total.n > 0)
        try await f.test { client in
            try await client.execute(uri: "/codebook", method: .get, headers: F.headers()) { r in
                #expect(r.status == .ok)
                let li = r.text.components(separatedBy: "id=\"theme-peur-arnaques\"").dropFirst().first ?? ""
                #expect(li.contains("\(row.total.n)/\(row.total.base) "), "n/N as stats counts it")
                #expect(li.contains("href=\"/search?theme=peur-arnaques\""))
                #expect(li.contains("href=\"/review?theme=peur-arnaques\""))
            }
            try await client.execute(uri: "/search?theme=peur-arnaques", method: .get, headers: F.headers()) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("passages codés dans"))
                #expect(r.text.contains("<li class=\"passage th-peur-arnaques\">"))
                #expect(r.text.contains("href=\"/documents/"))
            }
        }
    }

    @Test func theComparePageShowsTheMatrixTheCooccurrencesAndTheExports() async throws {
        let f = try F()
        defer { f.remove() }
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: f.root.path))
        let ctx = try Self.context(f)
        let matrix = try MatrixUseCase.run(.init(input: AnalysisInput(source: .all), columns: "context"), in: ctx).value
        let row = try #require(matrix.rows.first { $0.theme.id == "isolement" })
        let pairs = try CooccurUseCase.run(.init(input: AnalysisInput(source: .all)), in: ctx).value
        let pair = try #require(pairs.pairs.first)
        try await f.test { client in
            try await client.execute(uri: "/compare?by=context&source=all", method: .get, headers: F.headers()) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("Matrice par context"))
                let m = r.text.components(separatedBy: "<table class=\"compare matrix\">").dropFirst().first ?? ""
                let tr = m.components(separatedBy: "<code>isolement</code>").dropFirst().first?.components(separatedBy: "</tr>").first ?? ""
                #expect(tr.contains(AnalysisFormat.pValue(row.association.pValue)), "the matrix's p-value")
                #expect(r.text.contains("Thèmes codés ensemble"))
                #expect(r.text.contains("<td class=\"num\">\(pair.both)</td><td class=\"num\">\(pair.firstCount)</td>"))
                for file in ["report.html", "verbatims.docx", "stats.csv", "matrix.csv", "cooccur.csv"] {
                    #expect(r.text.contains("href=\"/export/\(file)?by=context&amp;source=all\""), "\(file)")
                }
            }
            // The Impact view: the report's section, computed now, with the same counts as 'verbatim impact'.
            let impact = try ImpactUseCase.run(.init(input: AnalysisInput()), in: ctx)
            let apprehension = try #require(impact.table.rows.first { $0.element.id == "seniors-apprehension" && $0.context.isEmpty })
            let long = try #require(apprehension.cells.last)
            try await client.execute(uri: "/impact", method: .get, headers: F.headers()) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("<svg class=\"chain\""))
                #expect(r.text.contains("data-outcome=\"seniors-apprehension\""))
                #expect(r.text.contains("\(long.n)/\(long.base)"), "the long-term cell of 'verbatim impact'")
                #expect(r.text.contains("href=\"/static/impact.css\""))
                #expect(r.text.contains("aria-current=\"page\" data-key=\"g i\">Impact</a>"))
            }
            try await client.execute(uri: "/static/impact.css", method: .get, headers: F.headers()) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains(".impact-view table.impact"))
            }
            try await client.execute(uri: "/export/matrix.csv?by=context&source=all", method: .get, headers: F.headers()) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentDisposition]?.hasPrefix("attachment; filename=") == true)
                #expect(r.text == matrix.csv(), "the CSV of 'verbatim matrix --format csv'")
            }
            try await client.execute(uri: "/export/cooccur.csv", method: .get, headers: F.headers()) { r in
                #expect(r.text == pairs.csv())
            }
            try await client.execute(uri: "/export/report.html?by=group", method: .get, headers: F.headers()) { r in
                #expect(r.status == .ok)
                #expect(r.text.hasPrefix("<!DOCTYPE html>"))
                #expect(!r.text.contains("Mme Martin"), "pseudonymised")
            }
            try await client.execute(uri: "/export/verbatims.docx", method: .get, headers: F.headers()) { r in
                #expect(r.status == .ok)
                #expect(Array(r.body.readableBytesView.prefix(2)) == [0x50, 0x4B], "a Word file (zip)")
            }
            try await client.execute(uri: "/export/nope.csv", method: .get, headers: F.headers()) { r in #expect(r.status == .notFound) }
            try await client.execute(uri: "/export/stats.csv?source=bad", method: .get, headers: F.headers()) { r in #expect(r.status == .badRequest) }
            try await client.execute(uri: "/export/stats.csv", method: .get) { r in #expect(r.status == .unauthorized) }
        }
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: f.root.path))
        #expect(after.subtracting(before).filter { !$0.hasPrefix(".verbatim") }.isEmpty,
                "nothing written into the study but its index: \(after.subtracting(before).sorted())")
    }

    @Test func aTagFromTheTerminalAndAnEditedTranscriptAppearOnTheNextPageLoad() async throws {
        let f = try F()
        defer { f.remove() }
        try await f.test { client in
            let before: String = try await client.execute(uri: "/documents/S01-lyon.txt", method: .get, headers: F.headers()) { $0.text }
            #expect(!before.contains("une phrase ajoutée"))
            // What `verbatim tag S01-lyon.txt 14 vigilance` does from the terminal: its use case, in a
            // context of its own, writing the coder's file while the workbench runs.
            let terminal = try StudyContext(folder: f.root.path, consumer: DiagnosticCollector())
            let tagged = try TagUseCase.run(.init(document: "S01-lyon.txt", turn: 14, theme: "vigilance", coder: F.coder), in: terminal).id
            // The transcript edited in a text editor.
            let url = f.root.appendingPathComponent("transcripts/S01-lyon.txt")
            let text = try String(contentsOf: url, encoding: .utf8)
            try text.replacingOccurrences(of: "Mme Martin : Oui, oui, allez-y.", with: "Mme Martin : Oui, oui, allez-y, une phrase ajoutée depuis l'éditeur.")
                .write(to: url, atomically: true, encoding: .utf8)
            try await client.execute(uri: "/documents/S01-lyon.txt", method: .get, headers: F.headers()) { r in
                #expect(r.text.contains("une phrase ajoutée depuis l&#39;éditeur"))
                #expect(r.text.contains("data-id=\"\(tagged)\""))
            }
            try await client.execute(uri: "/", method: .get, headers: F.headers()) { r in
                #expect(r.text.contains("<span class=\"reviewed\">0/"))
            }
        }
    }
}
