import Foundation
import VerbatimModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock between processes on one study, held while a body runs: `flock` on a file in
/// `.verbatim/locks/`, released when the body ends or the process dies (the system drops the locks of a
/// killed process, so a kill never leaves a study locked).
enum FileLock {
    static func with<T>(_ name: String, in root: URL, _ body: () throws -> T) throws -> T {
        let locks = root.appendingPathComponent(".verbatim/locks")
        do {
            try FileManager.default.createDirectory(at: locks, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic.error(Study.display(locks), "cannot create the folder: \(SystemErrorText.reason(error))")
        }
        let path = locks.appendingPathComponent(name + ".lock").path
        let fd = open(path, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { throw Diagnostic.error(path, "cannot open the lock file: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw Diagnostic.error(path, "cannot lock: \(String(cString: strerror(errno)))") }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
