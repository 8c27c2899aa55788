import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import VerbatimApp
import VerbatimStudy
import VerbatimModel
import VerbatimServe

/// The agreement page: the coders' figures as `verbatim agree` gives them, and the disagreements
/// settled with a click as `verbatim adjudicate` records them.
@Suite(.serialized) struct WorkbenchAgreementTests {
    typealias F = WorkbenchFixture

    @Test func disagreementsAreListedByDocumentAndSettledUnderAdjudicated() async throws {
        let f = try F()
        defer { f.remove() }
        let ctx = try StudyContext(folder: f.root.path, consumer: DiagnosticCollector())
        // Before any coder has coded: the page says what a check needs.
        try await f.test { client in
            try await client.execute(uri: "/agreement", method: .get, headers: F.headers()) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("deux codeurs ou plus"))
                #expect(!r.text.contains("class=\"adjudication "))
            }
        }
        // Two coders review the same suggestions of one document, differently for some.
        let suggestions = try SuggestionsUseCase.run(.init(paths: ["S01-lyon.txt"]), in: ctx)
        #expect(suggestions.count >= 4)
        let ids = suggestions.map(\.id)
        _ = try SuggestionsUseCase.decide(ids: ids, status: .accepted, coder: F.coder, in: ctx)
        _ = try SuggestionsUseCase.decide(ids: Array(ids.prefix(2)), status: .accepted, coder: "Autre", in: ctx)
        _ = try SuggestionsUseCase.decide(ids: Array(ids.dropFirst(2)), status: .rejected, coder: "Autre", in: ctx)
        let expected = try AdjudicateUseCase.list(.init(coders: ["Autre", F.coder]), in: ctx)
        #expect(!expected.open.isEmpty)
        let agreement = try AgreementUseCase.study(.init(coders: ["Autre", F.coder]), in: ctx)
        let first = try #require(expected.open.first)
        try await f.test { client in
            try await client.execute(uri: "/agreement", method: .get, headers: F.headers()) { r in
                #expect(r.status == .ok)
                let page = r.text
                #expect(page.contains("aria-current=\"page\" data-key=\"g a\""))
                #expect(page.contains("data-open=\"\(expected.open.count)\""))
                // One card per disagreement, under its document, with who coded what.
                #expect(page.components(separatedBy: "<li class=\"adjudication ").count - 1 == expected.open.count + expected.decided.count)
                #expect(page.contains("data-id=\"\(first.id)\""))
                #expect(page.contains("href=\"/documents/S01-lyon.txt\">S01-lyon.txt</a>"))
                #expect(page.contains("codé par \(first.disagreement.codedBy.joined(separator: ", "))"))
                // The figures are those of `verbatim agree`.
                if let alpha = agreement.overall?.coded.alpha.value {
                    #expect(page.contains("<b>\(String(format: "%.2f", alpha).replacingOccurrences(of: ".", with: ","))</b>"), "French decimals")
                }
                #expect(page.contains("κ de Cohen"))
            }
            // Settling one: recorded under adjudicated, the page counts one fewer to settle.
            let body = #"{"coders": ["Autre", "\#(F.coder)"], "ids": ["\#(first.id)"], "decision": "absent"}"#
            try await client.execute(uri: "/api/adjudications", method: .post, headers: F.headers(write: true, json: true), body: body.buffer) { r in
                #expect(r.status == .created)
                let decisions = r.object["decisions"] as? [[String: Any]]
                #expect(decisions?.first?["decision"] as? String == "absent")
            }
            try await client.execute(uri: "/agreement?coders=Autre,\(F.coder)", method: .get, headers: F.headers()) { r in
                #expect(r.text.contains("data-open=\"\(expected.open.count - 1)\""))
                #expect(r.text.contains("data-id=\"\(first.id)\" data-state=\"absent\""))
            }
            // Bad requests change nothing.
            for bad in [#"{"coders": ["Autre", "\#(F.coder)"], "ids": ["a-000000000000"], "decision": "present"}"#,
                        #"{"coders": ["Autre"], "ids": ["\#(first.id)"], "decision": "present"}"#,
                        #"{"coders": ["Autre", "\#(F.coder)"], "ids": ["\#(first.id)"], "decision": "maybe"}"#,
                        #"not json"#] {
                try await client.execute(uri: "/api/adjudications", method: .post, headers: F.headers(write: true, json: true), body: bad.buffer) { r in
                    #expect(r.status.code >= 400 && r.status.code < 500, "\(bad)")
                }
            }
            // Without the CSRF token nothing is settled.
            try await client.execute(uri: "/api/adjudications", method: .post, headers: F.headers(), body: body.buffer) { r in
                #expect(r.status == .forbidden)
            }
        }
        let after = try AdjudicateUseCase.list(.init(coders: ["Autre", F.coder]), in: ctx)
        #expect(after.open.count == expected.open.count - 1)
        #expect(after.decided.first { $0.id == first.id }?.decision == "absent")
        let file = f.root.appendingPathComponent("codings/adjudicated.jsonl")
        #expect(FileManager.default.fileExists(atPath: file.path))
    }

    @Test func blindCodingHidesTheComparison() async throws {
        let f = try F(blind: true)
        defer { f.remove() }
        let ctx = try StudyContext(folder: f.root.path, consumer: DiagnosticCollector())
        let suggestions = try SuggestionsUseCase.run(.init(paths: ["S01-lyon.txt"]), in: ctx)
        _ = try SuggestionsUseCase.decide(ids: suggestions.map(\.id), status: .accepted, coder: F.coder, in: ctx)
        _ = try SuggestionsUseCase.decide(ids: suggestions.map(\.id), status: .rejected, coder: "Autre", in: ctx)
        try await f.test { client in
            try await client.execute(uri: "/agreement", method: .get, headers: F.headers()) { r in
                #expect(!r.text.contains("class=\"adjudication "), "no other coder's decision shown")
                #expect(r.text.contains("class=\"problem error\""), "the refusal is said")
            }
        }
    }
}
