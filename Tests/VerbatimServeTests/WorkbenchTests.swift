import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import VerbatimApp
import VerbatimStudy
import VerbatimModel
import VerbatimServe

/// The workbench's API and pages, in process, on a temporary copy of the bundled study.
@Suite(.serialized) struct WorkbenchTests {
    typealias F = WorkbenchFixture

    // MARK: Security

    @Test func everyRequestNeedsTheToken() async throws {
        let f = try F()
        defer { f.remove() }
        try await f.test { client in
            for path in ["/", "/api/study", "/static/app.js", "/documents/S01-lyon.txt"] {
                try await client.execute(uri: path, method: .get) { r in
                    #expect(r.status == .unauthorized, "\(path)")
                    #expect(r.object["error"] is String)
                }
            }
            try await client.execute(uri: "/api/study", method: .get, headers: [.cookie: "verbatim_\(F.port)=wrong"]) { r in
                #expect(r.status == .forbidden)
            }
            try await client.execute(uri: "/?token=wrong", method: .get) { r in #expect(r.status == .forbidden) }
            // The token in the address becomes a cookie, and the address loses it.
            try await client.execute(uri: "/review?theme=vigilance&token=\(F.token)", method: .get) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == "/review?theme=vigilance")
                let cookie = r.headers[.setCookie] ?? ""
                #expect(cookie.hasPrefix("verbatim_\(F.port)=\(F.token)"))
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Strict"))
            }
            try await client.execute(uri: "//evil.example/x?token=\(F.token)", method: .get) { r in
                #expect(r.headers[.location] == "/evil.example/x", "the redirect stays in the workbench")
            }
            try await client.execute(uri: "/", method: .get, headers: F.headers()) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'self'") == true)
                #expect(r.text.contains("<meta name=\"csrf-token\" content=\"\(F.csrf)\">"))
                #expect(!r.text.contains("<script>"), "no inline script")
                #expect(!r.text.contains("style="), "no inline style")
            }
        }
    }

    @Test func aForeignHostIsRefused() async throws {
        let f = try F()
        defer { f.remove() }
        try await f.test { client in
            for host in ["evil.example:\(F.port)", "127.0.0.1:9999", "localhost", "127.0.0.1"] {
                var h = F.headers()
                h[.init("X-Test-Host")!] = host
                try await client.execute(uri: "/api/study", method: .get, headers: h) { r in
                    #expect(r.status == .forbidden, "\(host)")
                    #expect(r.object["error"] is String)
                }
            }
            var h = F.headers()
            h[.init("X-Test-Host")!] = "localhost:\(F.port)"
            try await client.execute(uri: "/api/study", method: .get, headers: h) { r in #expect(r.status == .ok) }
        }
    }

    @Test func aWriteNeedsTheOriginAndTheCSRFToken() async throws {
        let f = try F()
        defer { f.remove() }
        let body = #"{"document": "S01-lyon.txt", "turn": 14, "theme": "peur-arnaques"}"#
        try await f.test { client in
            var noCSRF = F.headers(json: true)
            noCSRF[.origin] = F.origin
            var noOrigin = F.headers(json: true)
            noOrigin[.init("X-CSRF-Token")!] = F.csrf
            var foreign = F.headers(write: true, json: true)
            foreign[.origin] = "http://evil.example"
            var wrongCSRF = F.headers(write: true, json: true)
            wrongCSRF[.init("X-CSRF-Token")!] = "guess"
            for (name, headers) in [("no CSRF", noCSRF), ("no Origin", noOrigin), ("foreign Origin", foreign), ("wrong CSRF", wrongCSRF)] {
                try await client.execute(uri: "/api/codings", method: .post, headers: headers, body: body.buffer) { r in
                    #expect(r.status == .forbidden, "\(name)")
                }
                try await client.execute(uri: "/api/codings/m-000000000000", method: .delete, headers: headers) { r in
                    #expect(r.status == .forbidden, "\(name)")
                }
            }
        }
        #expect(f.codingLines().isEmpty)
    }

    // MARK: Writing through the use cases

    @Test func aCodingIsWrittenToTheCodersFile() async throws {
        let f = try F()
        defer { f.remove() }
        let body = #"{"document": "S01-lyon", "turn": 14, "theme": "peur-arnaques", "quote": "j'ai peur qu'on me les prenne", "memo": "peur actuelle"}"#
        let id: String = try await f.test { client in
            try await client.execute(uri: "/api/codings", method: .post, headers: F.headers(write: true, json: true), body: body.buffer) { r in
                #expect(r.status == .created)
                let coding = r.object["coding"] as? [String: Any] ?? [:]
                #expect(coding["document"] as? String == "S01-lyon.txt")
                #expect(coding["quote"] as? String == "j'ai peur qu'on me les prenne")
                #expect(coding["coder"] as? String == F.coder)
                #expect(coding["status"] as? String == "manual")
                return coding["id"] as? String ?? ""
            }
        }
        #expect(id.hasPrefix("m-"))
        let lines = f.codingLines()
        #expect(lines.count == 1)
        #expect(lines.first?.contains(id) == true)
        // What `verbatim codings` lists.
        let context = try StudyContext(folder: f.root.path, consumer: DiagnosticCollector())
        let listed = try CodingsUseCase.run(.init(), in: context)
        #expect(listed.map(\.id) == [id])
        #expect(listed.first?.memo == "peur actuelle")

        try await f.test { client in
            // The reader shows it, in the margin and highlighted.
            try await client.execute(uri: "/documents/S01-lyon.txt", method: .get, headers: F.headers()) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("data-id=\"\(id)\""))
                #expect(r.text.contains("data-ids=\"\(id)\""))
            }
            try await client.execute(uri: "/api/codings/\(id)", method: .delete, headers: F.headers(write: true)) { r in
                #expect(r.status == .ok)
                #expect((r.object["removed"] as? [String: Any])?["id"] as? String == id)
            }
            try await client.execute(uri: "/api/codings/\(id)", method: .delete, headers: F.headers(write: true)) { r in
                #expect(r.status == .notFound)
            }
        }
        #expect(f.codingLines().isEmpty)
    }

    @Test func decisionsAreRecorded() async throws {
        let f = try F()
        defer { f.remove() }
        try await f.test { client in
            let (first, second, total): (String, String, Int) = try await client.execute(
                uri: "/api/suggestions?document=S01-lyon.txt", method: .get, headers: F.headers()) { r in
                #expect(r.status == .ok)
                let list = r.object["suggestions"] as? [[String: Any]] ?? []
                #expect(list.count >= 2)
                #expect(r.object["decided"] as? Int == 0)
                return (list[0]["id"] as? String ?? "", list[1]["id"] as? String ?? "", r.object["total"] as? Int ?? 0)
            }
            try await client.execute(uri: "/api/decisions", method: .post, headers: F.headers(write: true, json: true),
                                     body: #"{"id": "\#(first)", "status": "accepted"}"#.buffer) { r in
                #expect(r.status == .created)
                let d = r.object["decision"] as? [String: Any] ?? [:]
                #expect(d["suggestion"] as? String == first)
                #expect(d["status"] as? String == "accepted")
            }
            try await client.execute(uri: "/api/decisions", method: .post, headers: F.headers(write: true, json: true),
                                     body: #"{"id": "\#(second)", "status": "rejected", "memo": "pas une peur"}"#.buffer) { r in
                #expect(r.status == .created)
            }
            try await client.execute(uri: "/api/suggestions?document=S01-lyon.txt", method: .get, headers: F.headers()) { r in
                #expect(r.object["total"] as? Int == total)
                #expect(r.object["decided"] as? Int == 2)
                let ids = (r.object["suggestions"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                #expect(!ids.contains(first) && !ids.contains(second))
            }
            try await client.execute(uri: "/api/documents/S01-lyon.txt", method: .get, headers: F.headers()) { r in
                let codings = r.object["codings"] as? [[String: Any]] ?? []
                #expect(codings.first { $0["id"] as? String == first }?["status"] as? String == "accepted")
                #expect(codings.first { $0["id"] as? String == second }?["status"] as? String == "rejected")
                #expect(codings.first { $0["id"] as? String == second }?["memo"] as? String == "pas une peur")
            }
        }
        let lines = f.codingLines()
        #expect(lines.count == 2)
        let context = try StudyContext(folder: f.root.path, consumer: DiagnosticCollector())
        let listed = try CodingsUseCase.run(.init(coder: F.coder), in: context)
        #expect(Set(listed.map(\.status)) == [.accepted, .rejected])
    }

    @Test func badInputIsRefusedAndNothingIsWritten() async throws {
        let f = try F()
        defer { f.remove() }
        let codings = [
            "{not json", "[]", "\"text\"", #"{"document": "S01-lyon.txt", "turn": "14", "theme": "peur-arnaques"}"#,
            #"{"document": "S01-lyon.txt", "turn": 14}"#, #"{"document": "S01-lyon.txt", "turn": 14, "theme": "no-such-theme"}"#,
            #"{"document": "S01-lyon.txt", "turn": 9999, "theme": "peur-arnaques"}"#,
            #"{"document": "nothing.txt", "turn": 1, "theme": "peur-arnaques"}"#,
            #"{"document": "S01-lyon.txt", "turn": 14, "theme": "peur-arnaques", "quote": "words that are not there"}"#,
            #"{"document": "S01-lyon.txt", "turn": 14, "theme": "peur-arnaques", "quote": "  "}"#, "",
        ]
        let decisions = [
            "{oops", #"{"id": "s-000000000000", "status": "accepted"}"#, #"{"id": "s-000000000000", "status": "manual"}"#,
            #"{"status": "accepted"}"#, #"{"id": 12, "status": "accepted"}"#,
        ]
        try await f.test { client in
            for body in codings {
                try await client.execute(uri: "/api/codings", method: .post, headers: F.headers(write: true, json: true), body: body.buffer) { r in
                    #expect(r.status == .badRequest, "\(body)")
                    #expect((r.object["error"] as? String)?.isEmpty == false, "\(body)")
                }
            }
            for body in decisions {
                try await client.execute(uri: "/api/decisions", method: .post, headers: F.headers(write: true, json: true), body: body.buffer) { r in
                    #expect(r.status == .badRequest, "\(body)")
                    #expect(r.object["error"] is String)
                }
            }
            try await client.execute(uri: "/api/stats?source=everything", method: .get, headers: F.headers()) { r in #expect(r.status == .badRequest) }
            try await client.execute(uri: "/api/search", method: .get, headers: F.headers()) { r in #expect(r.status == .badRequest) }
            try await client.execute(uri: "/api/documents/nothing.txt", method: .get, headers: F.headers()) { r in #expect(r.status == .notFound) }
            try await client.execute(uri: "/api/nothing", method: .get, headers: F.headers()) { r in
                #expect(r.status == .notFound)
                #expect(r.object["error"] is String)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: f.codingFile.path))
    }

    // MARK: Escaping

    @Test func transcriptTextIsEscapedInTheReader() async throws {
        let transcript = """
        Enquêtrice : Bonjour, <script>alert(1)</script> on commence ?

        Mme Test : Je dis "><img src=x onerror=alert(2)> et puis c'est tout.

        Enquêtrice : D'accord. Et les 'guillemets' & le reste ?

        Mme Test : <b>gras</b> & voilà, j'ai peur d'internet.
        """
        let f = try F(extra: ["Z99-xss.txt": transcript])
        defer { f.remove() }
        try await f.test { client in
            let memo = #"{"document": "Z99-xss.txt", "turn": 2, "theme": "peur-internet", "quote": "\"><img src=x onerror=alert(2)>", "memo": "<script>alert(3)</script>"}"#
            try await client.execute(uri: "/api/codings", method: .post, headers: F.headers(write: true, json: true), body: memo.buffer) { r in
                #expect(r.status == .created)
            }
            try await client.execute(uri: "/documents/Z99-xss.txt", method: .get, headers: F.headers()) { r in
                #expect(r.status == .ok)
                let html = r.text
                #expect(!html.contains("<script>alert"))
                #expect(!html.contains("<img"))
                #expect(!html.contains("<b>gras"))
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
                #expect(html.contains("data-memo=\"&lt;script&gt;alert(3)&lt;/script&gt;\""))
                #expect(html.contains("&#39;guillemets&#39; &amp; le reste"))
            }
            try await client.execute(uri: "/search?q=onerror", method: .get, headers: F.headers()) { r in
                #expect(r.status == .ok)
                #expect(!r.text.contains("<img"))
            }
        }
    }

    @Test func theOneEscapingFunction() {
        #expect(HTML.escape(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        let label = "<i>x</i>"
        let page: HTML = "<td title=\"\(label)\">\(label)</td>"
        #expect(page.rendered == "<td title=\"&lt;i&gt;x&lt;/i&gt;\">&lt;i&gt;x&lt;/i&gt;</td>")
    }

    // MARK: The API's shapes and the pages

    @Test func theAPIAnswersInJSON() async throws {
        let f = try F()
        defer { f.remove() }
        try await f.test { client in
            try await client.execute(uri: "/api/study", method: .get, headers: F.headers()) { r in
                #expect(r.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(r.object["documents"] as? Int == 30)
                #expect(r.object["coder"] as? String == F.coder)
                #expect(r.object["check"] is [String: Any])
            }
            try await client.execute(uri: "/api/documents", method: .get, headers: F.headers()) { r in
                let docs = (try? JSONSerialization.jsonObject(with: Data(r.text.utf8))) as? [[String: Any]] ?? []
                #expect(docs.count == 30)
                #expect(docs.first?["document"] is String)
            }
            try await client.execute(uri: "/api/documents/FG1-lyon.txt", method: .get, headers: F.headers()) { r in
                let turns = r.object["turns"] as? [[String: Any]] ?? []
                #expect(turns.count == 74)
                #expect(turns.first?["role"] as? String == "interviewer")
                let codings = r.object["codings"] as? [[String: Any]] ?? []
                #expect(codings.contains { ($0["id"] as? String)?.hasPrefix("s-") == true && $0["status"] as? String == "suggested" })
            }
            try await client.execute(uri: "/api/codebook", method: .get, headers: F.headers()) { r in
                #expect(r.object["codebook"] as? String == "les-connectes")
                #expect((r.object["themes"] as? [Any])?.isEmpty == false)
            }
            try await client.execute(uri: "/api/search?q=peur+NEAR+internet", method: .get, headers: F.headers()) { r in
                #expect(r.status == .ok)
                #expect((r.object["count"] as? Int ?? 0) > 0)
            }
            try await client.execute(uri: "/api/stats?by=group", method: .get, headers: F.headers()) { r in
                #expect(r.status == .ok)
                #expect(r.object["records"] is [Any])
                #expect(r.object["groups"] is [Any])
            }
            for page in ["/", "/documents/S01-lyon.txt", "/review", "/codebook", "/search?q=peur", "/compare?by=group", "/compare?by=wave&source=reviewed"] {
                try await client.execute(uri: page, method: .get, headers: F.headers()) { r in
                    #expect(r.status == .ok, "\(page)")
                    #expect(r.headers[.contentType]?.hasPrefix("text/html") == true)
                    #expect(r.text.contains("<html lang=\"fr\">"), "\(page)")
                }
            }
            for (asset, type) in [("app.js", "text/javascript"), ("reader.js", "text/javascript"), ("workbench.css", "text/css"), ("themes.css", "text/css")] {
                try await client.execute(uri: "/static/\(asset)", method: .get, headers: F.headers()) { r in
                    #expect(r.status == .ok)
                    #expect(r.headers[.contentType]?.hasPrefix(type) == true)
                }
            }
            try await client.execute(uri: "/static/themes.css", method: .get, headers: F.headers()) { r in
                #expect(r.text.contains(".th-peur-internet{--c:#C0392B}"))
            }
            try await client.execute(uri: "/documents/nothing.txt", method: .get, headers: F.headers()) { r in
                #expect(r.status == .notFound)
                #expect(r.headers[.contentType]?.hasPrefix("text/html") == true)
            }
        }
    }

    @Test func filesChangedOnDiskAppearOnTheNextRequest() async throws {
        let f = try F()
        defer { f.remove() }
        try await f.test { client in
            try await client.execute(uri: "/api/study", method: .get, headers: F.headers()) { r in #expect(r.object["documents"] as? Int == 30) }
            try "Enquêtrice : Une question ?\n\nM. Nouveau : Une réponse.\n".write(
                to: f.root.appendingPathComponent("transcripts/Z98-new.txt"), atomically: true, encoding: .utf8)
            try await client.execute(uri: "/api/study", method: .get, headers: F.headers()) { r in #expect(r.object["documents"] as? Int == 31) }
        }
    }
}

#if canImport(Glibc)
import Glibc

/// A port in use is found before the server starts, with the next free one.
@Suite struct PortProbeTests {
    @Test func aPortInUseIsSaidWithTheNextFreeOne() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) == 0 && listen(fd, 1) == 0 && getsockname(fd, $0, &size) == 0 }
        }
        #expect(bound)
        let port = Int(UInt16(bigEndian: addr.sin_port))
        #expect(!PortProbe.isFree(port))
        let d = PortProbe.inUse(port)
        #expect(d.message.contains("port \(port) is in use"))
        if let next = PortProbe.nextFree(after: port) {
            #expect(next > port)
            #expect(d.message.contains("--port \(next)"))
        }
        let settings = WorkbenchSettings(studyRoot: URL(fileURLWithPath: "/tmp"), coder: "x", port: port)
        #expect(throws: Diagnostic.self) {
            try Workbench.serve(settings: settings, openBrowser: false) { _ in }
        }
    }
}
#endif
