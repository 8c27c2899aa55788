import Foundation
import Hummingbird
import VerbatimModel
import VerbatimExport

/// An error that a route answers with a status and a message (as JSON on the API, as a page elsewhere).
struct WorkbenchError: Error {
    var status: HTTPResponse.Status
    var message: String

    static func badRequest(_ m: String) -> WorkbenchError { WorkbenchError(status: .badRequest, message: m) }
    static func notFound(_ m: String) -> WorkbenchError { WorkbenchError(status: .notFound, message: m) }
    static func forbidden(_ m: String) -> WorkbenchError { WorkbenchError(status: .forbidden, message: m) }

    /// A problem the application layer reported: the command line's exit 1 or 64 is a bad request here.
    init(_ d: Diagnostic) {
        status = .badRequest
        message = d.path.isEmpty ? d.message : "\(d.path): \(d.message)"
    }

    init(status: HTTPResponse.Status, message: String) {
        self.status = status
        self.message = message
    }

    /// Any error as a workbench error: its own, a diagnostic, or an unexpected one (500).
    static func from(_ error: any Error) -> WorkbenchError {
        if let e = error as? WorkbenchError { return e }
        if let d = error as? DiagnosticConvertible { return WorkbenchError(d.diagnostic) }
        if let h = error as? HTTPError { return WorkbenchError(status: h.status, message: h.body ?? h.status.reasonPhrase) }
        return WorkbenchError(status: .internalServerError, message: SystemErrorText.reason(error))
    }
}

enum Reply {
    /// Headers of every response: nothing from elsewhere, no inline script or style, no framing.
    static func securityHeaders(_ h: inout HTTPFields) {
        h[.contentSecurityPolicy] = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
        h[.init("X-Content-Type-Options")!] = "nosniff"
        h[.init("X-Frame-Options")!] = "DENY"
        h[.init("Referrer-Policy")!] = "no-referrer"
        h[.init("Cross-Origin-Opener-Policy")!] = "same-origin"
        h[.init("Cross-Origin-Resource-Policy")!] = "same-origin"
        if h[.cacheControl] == nil { h[.cacheControl] = "no-store" }
    }

    static func body(_ s: String) -> ResponseBody { ResponseBody(byteBuffer: ByteBuffer(string: s)) }

    static func json(_ v: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: body(v.serialized(pretty: false) + "\n"))
    }

    static func error(_ e: WorkbenchError) -> Response {
        json(.object([("error", .string(e.message))]), status: e.status)
    }

    static func html(_ h: HTML, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: body(h.rendered))
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"], body: body(text))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

/// Runs blocking work (reading transcripts, coding, writing coding files) off the server's threads,
/// one piece at a time: the application layer's use cases are synchronous, and a coding file is
/// written by one request after the other.
enum Work {
    private static let queue = DispatchQueue(label: "verbatim.serve.work")

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, any Error>) in
            queue.async {
                do { c.resume(returning: try body()) } catch { c.resume(throwing: error) }
            }
        }
    }
}

/// A query's values, `+` as a space, percent-decoded.
enum Query {
    static func values(_ request: Request) -> [String: String] {
        guard let q = request.uri.query else { return [:] }
        var out: [String: String] = [:]
        for part in q.split(separator: "&") {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(kv[0])
            if out[key] == nil { out[key] = kv.count > 1 ? decode(kv[1]) : "" }
        }
        return out
    }

    /// A query's key or value, percent-decoded, `+` as a space.
    private static func decode(_ s: Substring) -> String {
        String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
    }

    /// Every value of a key given more than once (`?coder=A&coder=B`), in order; a value may also
    /// list several separated by commas (`?coders=A,B`).
    static func all(_ request: Request, _ keys: String...) -> [String] {
        guard let q = request.uri.query else { return [] }
        var out: [String] = []
        for part in q.split(separator: "&") {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard kv.count == 2, keys.contains(decode(kv[0])) else { continue }
            for v in decode(kv[1]).split(separator: ",") {
                let name = v.trimmingCharacters(in: .whitespaces)
                if !name.isEmpty && !out.contains(name) { out.append(name) }
            }
        }
        return out
    }
}
