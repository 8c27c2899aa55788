import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `write(2)`, by a name that does not clash with the methods called `write` here.
@inline(__always) private func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, p, n)
    #elseif canImport(Musl)
    return Musl.write(fd, p, n)
    #else
    return Darwin.write(fd, p, n)
    #endif
}

/// The one way verbatim writes an output file: the bytes go to a temporary file in the same folder,
/// which is then renamed into place, so an interrupted run leaves the old file whole and a reader never
/// sees half a file. Every `-o`, the demo's files and the DOCX writer go through it.
public enum AtomicFile {
    /// A write that failed, with the path and a readable reason.
    public struct WriteError: DiagnosticConvertible, CustomStringConvertible {
        /// The file that could not be written.
        public var path: String
        /// Why, from the system.
        public var reason: String

        public var diagnostic: Diagnostic { .error(path, "cannot write the file: \(reason)") }
        /// `path: error: cannot write the file: reason`.
        public var description: String { diagnostic.description }
    }

    /// Writes all of `bytes` to the file descriptor `fd`, again after an interrupted or partial write.
    /// - Returns: 0, or the `errno` of the write that failed.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        guard let base = bytes.baseAddress else { return 0 }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc_write(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return errno
            }
            offset += n
        }
        return 0
    }

    /// Writes `data` to `url`, replacing any file there.
    /// - Throws: ``WriteError``.
    public static func write(_ data: Data, to url: URL) throws {
        let destination = url.standardizedFileURL
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp")
        // Written with the system calls, so that the only temporary file is ours (Foundation's own
        // atomic writing would add another, which a killed process would leave behind).
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw WriteError(path: url.path, reason: String(cString: strerror(errno))) }
        var failure = data.withUnsafeBytes { writeAll(fd, $0) }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure != 0 {
            unlink(temporary.path)
            throw WriteError(path: url.path, reason: String(cString: strerror(failure)))
        }
        if rename(temporary.path, destination.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(path: url.path, reason: reason)
        }
    }

    /// Writes `text` as UTF-8 to `url`, replacing any file there.
    public static func write(_ text: String, to url: URL) throws { try write(Data(text.utf8), to: url) }
}
