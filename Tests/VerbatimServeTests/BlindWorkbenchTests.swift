import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import VerbatimApp
import VerbatimStudy
import VerbatimModel
import VerbatimServe

/// Blind coding in the workbench: the coder sees the rules' codings and their own, never another coder's.
@Suite(.serialized) struct BlindWorkbenchTests {
    typealias F = WorkbenchFixture

    /// The fixture's coder tags S01-lyon turn 12 with peur-fausse-manoeuvre; another coder tags turn 16
    /// with liens-famille.
    static func fixture(blind: Bool) throws -> F {
        let f = try F(blind: blind)
        let context = try StudyContext(folder: f.root.path, consumer: DiagnosticCollector())
        _ = try TagUseCase.run(.init(document: "S01-lyon", turn: 12, theme: "peur-fausse-manoeuvre", coder: F.coder), in: context)
        _ = try TagUseCase.run(.init(document: "S01-lyon", turn: 16, theme: "liens-famille", coder: "Other"), in: context)
        return f
    }

    @Test func theOtherCodersCodingsAreHidden() async throws {
        for blind in [false, true] {
            let f = try Self.fixture(blind: blind)
            defer { f.remove() }
            try await f.test { client in
                try await client.execute(uri: "/api/documents/S01-lyon.txt", method: .get, headers: F.headers()) { r in
                    #expect(r.status == .ok)
                    let manual = (r.object["codings"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "manual" }
                    let coders = Set(manual.compactMap { $0["coder"] as? String })
                    #expect(coders == (blind ? [F.coder] : [F.coder, "Other"]), "blind \(blind): \(coders)")
                }
                try await client.execute(uri: "/documents/S01-lyon.txt", method: .get, headers: F.headers()) { r in
                    #expect(r.status == .ok)
                    #expect(r.text.contains("data-coder=\"Other\"") == !blind)
                    #expect(r.text.contains("class=\"blind\"") == blind)
                }
                try await client.execute(uri: "/api/study", method: .get, headers: F.headers()) { r in
                    #expect(r.object["blind"] as? Bool == blind)
                }
                // Search: the themes of turn 16 are the rules' and the coder's own.
                try await client.execute(uri: "/api/search?q=justement", method: .get, headers: F.headers()) { r in
                    #expect(r.status == .ok)
                    let hits = r.object["hits"] as? [[String: Any]] ?? []
                    let turn16 = hits.filter { $0["document"] as? String == "S01-lyon.txt" && $0["turn"] as? Int == 16 }
                    #expect(!turn16.isEmpty)
                    #expect(turn16.allSatisfy { ($0["themes"] as? [String] ?? []).contains("liens-famille") == !blind }, "blind \(blind): \(turn16)")
                }
                // The comparison page counts the coder's own manual codings only.
                try await client.execute(uri: "/api/stats?source=manual&theme=liens-famille", method: .get, headers: F.headers()) { r in
                    #expect(r.status == .ok)
                    let records = r.object["records"] as? [[String: Any]] ?? []
                    let seniors = records.first { $0["theme"] as? String == "liens-famille" && $0["group"] as? String == "senior" }
                    #expect(seniors?["n"] as? Int == (blind ? 0 : 1), "blind \(blind): \(r.text.prefix(600))")
                }
            }
        }
    }
}
