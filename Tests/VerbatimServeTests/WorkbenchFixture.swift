import Foundation
import Hummingbird
import HummingbirdTesting
import VerbatimServe

/// A temporary copy of the bundled study, its `codebook:` pointing to the repository's codebook, and
/// a workbench over it.
struct WorkbenchFixture {
    static let port = 8421
    static let token = "test-token-0123456789abcdef"
    static let csrf = "test-csrf-fedcba9876543210"
    static let coder = "Tester"
    static var origin: String { "http://127.0.0.1:\(port)" }

    let root: URL
    let settings: WorkbenchSettings

    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// - Parameter extra: transcripts to add, by file name.
    /// - Parameter blind: the workbench codes blind.
    init(extra: [String: String] = [:], blind: Bool = false) throws {
        let fm = FileManager.default
        root = fm.temporaryDirectory.appendingPathComponent("verbatim-serve-\(UUID().uuidString)")
        try fm.copyItem(at: Self.repository.appendingPathComponent("Corpora/les-connectes"), to: root)
        let config = root.appendingPathComponent("verbatim.yaml")
        let codebook = Self.repository.appendingPathComponent("Codebooks/les-connectes.yaml").path
        let yaml = try String(contentsOf: config, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("codebook:") ? "codebook: \(codebook)" : String($0) }.joined(separator: "\n")
        try yaml.write(to: config, atomically: true, encoding: .utf8)
        for (name, text) in extra {
            try text.write(to: root.appendingPathComponent("transcripts").appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        settings = WorkbenchSettings(studyRoot: root, coder: Self.coder, port: Self.port, token: Self.token, csrfToken: Self.csrf, blind: blind)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    var codingFile: URL { root.appendingPathComponent("codings/\(Self.coder).jsonl") }

    func codingLines() -> [String] {
        guard let text = try? String(contentsOf: codingFile, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }

    /// The workbench in process; each request's Host is `127.0.0.1:PORT`, or what `X-Test-Host` says.
    func test<Value: Sendable>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let app = Application(responder: HostSetter(inner: Workbench.router(settings: settings).buildResponder()))
        return try await app.test(.router) { client in try await body(client) }
    }

    /// Headers of an authenticated request (the cookie), and of a write (Origin, CSRF token).
    static func headers(write: Bool = false, json: Bool = false) -> HTTPFields {
        var h: HTTPFields = [.cookie: "verbatim_\(port)=\(token)"]
        if write {
            h[.origin] = origin
            h[.init("X-CSRF-Token")!] = csrf
        }
        if json { h[.contentType] = "application/json" }
        return h
    }
}

/// Sets the request's authority, as a browser's Host header would (the router test client sends none).
struct HostSetter<Inner: HTTPResponder>: HTTPResponder where Inner.Context == BasicRequestContext {
    let inner: Inner

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        var head = request.head
        head.authority = request.headers[.init("X-Test-Host")!] ?? "127.0.0.1:\(WorkbenchFixture.port)"
        return try await inner.respond(to: Request(head: head, body: request.body), context: context)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as a JSON object.
    var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
}

extension String {
    var buffer: ByteBuffer { ByteBuffer(string: self) }
}
