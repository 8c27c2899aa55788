import Foundation
import Hummingbird
import VerbatimModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a port of the loopback address is free, and the next free one.
public enum PortProbe {
    /// True when a listening socket could be bound to 127.0.0.1:`port` now.
    public static func isFree(_ port: Int) -> Bool {
        guard port > 0 && port < 65536 else { return false }
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return true }
        defer { close(fd) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return bound == 0 && listen(fd, 1) == 0
    }

    /// The first free port after `port`, within 200.
    public static func nextFree(after port: Int) -> Int? {
        guard port < 65535 else { return nil }
        return (port + 1...min(port + 200, 65535)).first(where: isFree)
    }

    /// The error for a port in use, with the next free one.
    public static func inUse(_ port: Int) -> Diagnostic {
        let hint = nextFree(after: port).map { "; port \($0) is free: verbatim serve --port \($0)" } ?? "; choose another with --port N (0: any free port)"
        return .error("", "port \(port) is in use (another workbench or program listens on it)\(hint)")
    }
}

extension Workbench {
    /// Serves the workbench until the process gets SIGINT (Ctrl-C) or SIGTERM, then stops cleanly.
    /// - Parameters:
    ///   - openBrowser: Opens the address with `xdg-open` when a display is set (`DISPLAY`).
    ///   - announce: Called with the address once the server listens.
    /// - Throws: a ``Diagnostic`` when the port is in use or the server cannot start.
    public static func serve(settings: WorkbenchSettings, openBrowser: Bool, announce: @escaping @Sendable (String) -> Void) throws {
        let requested = settings.port
        if requested != 0 && !PortProbe.isFree(requested) { throw PortProbe.inUse(requested) }
        let app = application(settings: settings) { _ in
            announce(settings.address)
            if openBrowser { Self.openBrowser(settings.address) }
        }
        final class Outcome: @unchecked Sendable { var error: (any Error)? }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await app.runService() } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        if let error = outcome.error {
            let text = String(describing: error)
            if text.contains("Address already in use") || text.contains("EADDRINUSE") { throw PortProbe.inUse(requested) }
            throw Diagnostic.error("", "the workbench stopped: \(SystemErrorText.reason(error))")
        }
    }

    /// Opens `url` in the desktop's browser, when there is a desktop.
    static func openBrowser(_ url: String) {
        guard let display = ProcessInfo.processInfo.environment["DISPLAY"], !display.isEmpty else { return }
        let candidates = ["/usr/bin/xdg-open", "/usr/local/bin/xdg-open", "/bin/xdg-open"]
        guard let tool = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = [url]
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try? p.run()
    }
}
