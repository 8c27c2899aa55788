import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import VerbatimApp
import VerbatimStudy
import VerbatimModel
import VerbatimServe

/// Changing one's own codings and the document's memo from the reader, in process.
@Suite(.serialized) struct WorkbenchEditTests {
    typealias F = WorkbenchFixture

    /// Records a manual coding through the API and returns its id.
    static func tag(_ client: any TestClientProtocol, memo: String? = nil) async throws -> String {
        let memoField = memo.map { #", "memo": "\#($0)""# } ?? ""
        let body = #"{"document": "S01-lyon.txt", "turn": 14, "theme": "peur-arnaques", "quote": "j'ai peur qu'on me les prenne"\#(memoField)}"#
        return try await client.execute(uri: "/api/codings", method: .post, headers: F.headers(write: true, json: true), body: body.buffer) { r in
            #expect(r.status == .created)
            return (r.object["coding"] as? [String: Any])?["id"] as? String ?? ""
        }
    }

    @Test func aManualCodingChangesThemeAndMemoInPlace() async throws {
        let f = try F()
        defer { f.remove() }
        let id: String = try await f.test { client in
            let id = try await Self.tag(client)
            try await client.execute(uri: "/api/codings/\(id)", method: .patch, headers: F.headers(write: true, json: true),
                                     body: #"{"theme": "vigilance", "memo": "plutôt de la prudence"}"#.buffer) { r in
                #expect(r.status == .ok)
                let c = r.object["coding"] as? [String: Any] ?? [:]
                #expect(c["id"] as? String == id)
                #expect(c["theme"] as? String == "vigilance")
                #expect(c["memo"] as? String == "plutôt de la prudence")
                #expect(c["quote"] as? String == "j'ai peur qu'on me les prenne")
            }
            // The reader shows the new theme and memo.
            try await client.execute(uri: "/api/documents/S01-lyon.txt", method: .get, headers: F.headers()) { r in
                let c = (r.object["codings"] as? [[String: Any]] ?? []).first { $0["id"] as? String == id } ?? [:]
                #expect(c["theme"] as? String == "vigilance")
                #expect(c["memo"] as? String == "plutôt de la prudence")
            }
            // An empty memo removes it; the theme stays.
            try await client.execute(uri: "/api/codings/\(id)", method: .patch, headers: F.headers(write: true, json: true),
                                     body: #"{"memo": "  "}"#.buffer) { r in
                #expect(r.status == .ok)
                let c = r.object["coding"] as? [String: Any] ?? [:]
                #expect(c["memo"] == nil || c["memo"] is NSNull, "no memo")
                #expect(c["theme"] as? String == "vigilance")
            }
            return id
        }
        // What `verbatim codings` lists: still one coding, same id, new theme.
        let context = try StudyContext(folder: f.root.path, consumer: DiagnosticCollector())
        let listed = try CodingsUseCase.run(.init(coder: F.coder), in: context)
        #expect(listed.map(\.id) == [id])
        #expect(listed.first?.theme == "vigilance")
        #expect(listed.first?.memo == nil)
    }

    @Test func badChangesAreRefusedAndNothingIsWritten() async throws {
        let f = try F()
        defer { f.remove() }
        try await f.test { client in
            let id = try await Self.tag(client, memo: "avant")
            let before = f.codingLines()
            for (body, status) in [(#"{"theme": "pas-un-theme"}"#, HTTPResponse.Status.badRequest), (#"{}"#, .badRequest),
                                   (#"{"theme": ""}"#, .badRequest), (#"{"theme": 3}"#, .badRequest), ("[1]", .badRequest)] {
                try await client.execute(uri: "/api/codings/\(id)", method: .patch, headers: F.headers(write: true, json: true), body: body.buffer) { r in
                    #expect(r.status == status, "\(body)")
                    #expect(r.object["error"] is String, "\(body)")
                }
            }
            try await client.execute(uri: "/api/codings/m-000000000000", method: .patch, headers: F.headers(write: true, json: true),
                                     body: #"{"memo": "x"}"#.buffer) { r in #expect(r.status == .notFound) }
            // Without the CSRF token: refused.
            try await client.execute(uri: "/api/codings/\(id)", method: .patch, headers: F.headers(json: true),
                                     body: #"{"memo": "x"}"#.buffer) { r in #expect(r.status == .forbidden) }
            #expect(f.codingLines() == before)
        }
        // Another coder's coding is not ours to change.
        let context = try StudyContext(folder: f.root.path, consumer: DiagnosticCollector())
        let theirs = try TagUseCase.run(.init(document: "S01-lyon.txt", turn: 14, theme: "vigilance", coder: "Autre"), in: context)
        try await f.test { client in
            try await client.execute(uri: "/api/codings/\(theirs.id)", method: .patch, headers: F.headers(write: true, json: true),
                                     body: #"{"memo": "x"}"#.buffer) { r in #expect(r.status == .forbidden) }
        }
        #expect(try CodingsUseCase.run(.init(coder: "Autre"), in: context).first?.memo == nil)
    }

    @Test func aDecisionKeepsTheRulesThemeWhenRecoded() throws {
        let f = try F()
        defer { f.remove() }
        let context = try StudyContext(folder: f.root.path, consumer: DiagnosticCollector())
        let suggestions = try SuggestionsUseCase.run(.init(paths: ["S01-lyon.txt"]), in: context)
        let s = try #require(suggestions.first)
        let accepted = try #require(try SuggestionsUseCase.decide(ids: [s.id], status: .accepted, coder: F.coder, in: context).first)
        let other = s.coding.theme == "vigilance" ? "peur-arnaques" : "vigilance"
        let recoded = try EditCodingUseCase.run(.init(id: accepted.id, coder: F.coder, theme: other), in: context)
        #expect(recoded.theme == other)
        #expect(recoded.suggestedTheme == s.coding.theme)
        #expect(recoded.suggestion == s.id)
        let back = try EditCodingUseCase.run(.init(id: accepted.id, coder: F.coder, theme: s.coding.theme), in: context)
        #expect(back.suggestedTheme == nil)
        let rejected = try #require(try SuggestionsUseCase.decide(ids: [s.id], status: .rejected, coder: F.coder, in: context).first)
        #expect(throws: Diagnostic.self) { try EditCodingUseCase.run(.init(id: rejected.id, coder: F.coder, theme: other), in: context) }
        #expect(try EditCodingUseCase.run(.init(id: rejected.id, coder: F.coder, memo: "hors sujet"), in: context).memo == "hors sujet")
    }

    @Test func theDocumentMemoIsShownAndAddedTo() async throws {
        let f = try F()
        defer { f.remove() }
        try await f.test { client in
            try await client.execute(uri: "/documents/S01-lyon.txt", method: .get, headers: F.headers()) { r in
                #expect(r.text.contains("id=\"doc-memo\""))
                #expect(r.text.contains("Pas encore de mémo."))
            }
            try await client.execute(uri: "/api/memos", method: .post, headers: F.headers(write: true, json: true),
                                     body: #"{"document": "S01-lyon", "text": "Entretien <b>riche</b> sur la peur."}"#.buffer) { r in
                #expect(r.status == .created)
                #expect(r.object["document"] as? String == "S01-lyon.txt")
                #expect((r.object["memo"] as? String)?.contains("_\(F.coder), ") == true)
            }
            for (body, status) in [(#"{"document": "S01-lyon.txt", "text": " "}"#, HTTPResponse.Status.badRequest),
                                   (#"{"document": "nope.txt", "text": "x"}"#, .badRequest), (#"{"text": "x"}"#, .badRequest)] {
                try await client.execute(uri: "/api/memos", method: .post, headers: F.headers(write: true, json: true), body: body.buffer) { r in
                    #expect(r.status == status, "\(body)")
                    #expect(r.object["error"] is String)
                }
            }
            try await client.execute(uri: "/documents/S01-lyon.txt", method: .get, headers: F.headers()) { r in
                #expect(r.text.contains("Entretien &lt;b&gt;riche&lt;/b&gt; sur la peur."), "the memo is shown as text")
            }
            try await client.execute(uri: "/api/documents/S01-lyon.txt", method: .get, headers: F.headers()) { r in
                #expect((r.object["memo"] as? String)?.contains("Entretien <b>riche</b>") == true)
            }
        }
        // What `verbatim memo S01-lyon` prints.
        let context = try StudyContext(folder: f.root.path, consumer: DiagnosticCollector())
        let printed = try MemoUseCase.run(subject: "S01-lyon", text: nil, coder: nil, in: context)
        #expect(printed.contains("Entretien <b>riche</b> sur la peur."))
        #expect(!FileManager.default.fileExists(atPath: f.root.appendingPathComponent("memos/documents/nope.txt.md").path))
    }
}
