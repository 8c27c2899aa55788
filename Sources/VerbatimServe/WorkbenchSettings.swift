import Foundation
import VerbatimApp

/// What one running workbench serves: the study, who codes, and the secrets of its address.
public final class WorkbenchSettings: @unchecked Sendable {
    /// The study folder (holding `verbatim.yaml`).
    public let studyRoot: URL
    /// The coder whose decisions the workbench writes and shows (`--coder`, `VERBATIM_CODER`, git).
    public let coder: String
    /// The secret of the printed address; exchanged for a cookie on the first visit.
    public let token: String
    /// The secret every page carries in a meta tag, which the page's scripts send back on writes.
    public let csrfToken: String
    /// Blind coding: the pages and the API show the rules' codings and this coder's decisions only,
    /// never another coder's (`--blind`, `VERBATIM_BLIND=1`).
    public let blind: Bool

    private let lock = NSLock()
    private var _port: Int

    /// - Parameters:
    ///   - port: The port the server listens on (0 until it is known, for `--port 0`).
    ///   - token: The address's secret (random when nil).
    public init(studyRoot: URL, coder: String, port: Int, token: String? = nil, csrfToken: String? = nil, blind: Bool = false) {
        self.blind = blind
        self.studyRoot = studyRoot.standardizedFileURL
        self.coder = coder
        self._port = port
        self.token = token ?? WorkbenchSettings.randomToken()
        self.csrfToken = csrfToken ?? WorkbenchSettings.randomToken()
    }

    /// A context's blind coding, when the workbench codes blind.
    var blindCoding: BlindCoding? { blind ? BlindCoding(coder: coder) : nil }

    /// The port the server listens on.
    public var port: Int {
        get { lock.lock(); defer { lock.unlock() }; return _port }
        set { lock.lock(); _port = newValue; lock.unlock() }
    }

    /// The `Host` values accepted: the loopback address and `localhost`, with the port. Anything else
    /// is a page of another site resolved to 127.0.0.1 (DNS rebinding).
    public var allowedHosts: Set<String> { ["127.0.0.1:\(port)", "localhost:\(port)"] }

    /// The `Origin` values accepted on writes.
    public var allowedOrigins: Set<String> { ["http://127.0.0.1:\(port)", "http://localhost:\(port)"] }

    /// The cookie's name: one per port, so that two workbenches on one machine keep their own.
    public var cookieName: String { "verbatim_\(port)" }

    /// The address to open, with its secret.
    public var address: String { "http://127.0.0.1:\(port)/?token=\(token)" }

    /// 32 random bytes as 64 hex digits.
    public static func randomToken() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", g.next()) }.joined()
    }

    /// Compares two secrets in a time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
