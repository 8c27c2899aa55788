import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CVerbatimSystem

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
    ///
    /// - A symbolic link is followed: the file it points to is replaced (atomically, beside it), and
    ///   the link stays.
    /// - A character device or a FIFO (`/dev/null`, `/dev/stdout` on a terminal or a pipe, a named
    ///   pipe), and anything reached through `/dev/fd` or `/proc` (`/dev/stdout` redirected to a file),
    ///   is written directly, appended to what its opener set up: it is never replaced by a file.
    /// - A folder is refused.
    ///
    /// The temporary file is `.NAME.verbatim-PID-N.tmp` beside the file. While it is written it is
    /// registered to be removed if the process is killed by SIGINT, SIGTERM or SIGHUP; it is removed
    /// on every error; and a later write to the same file removes the ones left by processes that no
    /// longer run (killed by SIGKILL, or by a power cut).
    /// - Throws: ``WriteError``.
    public static func write(_ data: Data, to url: URL) throws {
        let given = url.path
        let target = resolvedTarget(url.standardizedFileURL.path)
        var info = stat()
        if stat(target.path, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR { throw WriteError(path: given, reason: "is a folder") }
            if kind == S_IFCHR || kind == S_IFIFO || kind == S_IFSOCK || target.isSpecial {
                return try writeDirectly(data, to: given, appending: kind == S_IFREG)
            }
        } else if target.isSpecial {
            return try writeDirectly(data, to: given, appending: false)
        }
        let destination = URL(fileURLWithPath: target.path)
        let folder = destination.deletingLastPathComponent()
        let name = destination.lastPathComponent
        removeStaleTemporaries(of: name, in: folder.path)
        let temporary = folder.appendingPathComponent(temporaryName(of: name)).path
        // Written with the system calls, so that the only temporary file is ours (Foundation's own
        // atomic writing would add another, which a killed process would leave behind). It is
        // registered before it exists, so that no signal can come between its creation and its
        // registration.
        let slot = verbatim_cleanup_register(temporary)
        defer { verbatim_cleanup_unregister(slot) }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: given, reason: String(cString: strerror(errno))) }
        var failure = data.withUnsafeBytes { writeAll(fd, $0) }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure != 0 {
            unlink(temporary)
            throw WriteError(path: given, reason: String(cString: strerror(failure)))
        }
        if rename(temporary, destination.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(path: given, reason: reason)
        }
    }

    /// Writes `data` to something that is not a plain file (a device, a pipe), or to a file through
    /// `/dev/fd`, opened as it is (never created nor truncated; a file is appended to).
    private static func writeDirectly(_ data: Data, to path: String, appending: Bool) throws {
        let fd = open(path, O_WRONLY | O_CLOEXEC | (appending ? O_APPEND : 0))
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        let failure = data.withUnsafeBytes { writeAll(fd, $0) }
        let closed = close(fd) == 0 ? 0 : errno
        if failure != 0 { throw WriteError(path: path, reason: String(cString: strerror(failure))) }
        if closed != 0 && closed != EINTR { throw WriteError(path: path, reason: String(cString: strerror(closed))) }
    }

    /// The file `path` stands for, its symbolic links followed (even to a file that does not exist
    /// yet), and whether the way there goes through `/dev` or `/proc` (a device, `/dev/stdout`).
    public static func resolvedTarget(_ path: String) -> (path: String, isSpecial: Bool) {
        var current = path
        var special = isSystemPath(current)
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { break }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n > 0 else { break }
            let link = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link
                : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(link).standardizedFileURL.path
            if isSystemPath(current) { special = true }
        }
        return (current, special)
    }

    private static func isSystemPath(_ p: String) -> Bool { p.hasPrefix("/dev/") || p.hasPrefix("/proc/") }

    /// Whether `path` is written directly rather than replaced (see ``write(_:to:)``): a character
    /// device, a FIFO or a socket, or anything reached through `/dev` or `/proc`.
    public static func isWrittenDirectly(_ path: String) -> Bool {
        let target = resolvedTarget(URL(fileURLWithPath: path).standardizedFileURL.path)
        if target.isSpecial { return true }
        var info = stat()
        guard stat(target.path, &info) == 0 else { return false }
        let kind = info.st_mode & S_IFMT
        return kind == S_IFCHR || kind == S_IFIFO || kind == S_IFSOCK
    }

    /// The prefix of every temporary file of `name`: `.NAME.verbatim-`.
    static func temporaryPrefix(of name: String) -> String { ".\(name).verbatim-" }

    private static let counter = Counter()

    /// `.NAME.verbatim-PID-N.tmp`: the process that writes it, and a number of its own.
    static func temporaryName(of name: String) -> String {
        "\(temporaryPrefix(of: name))\(getpid())-\(counter.next()).tmp"
    }

    /// Removes the temporary files of `name` in `folder` left by processes that no longer run.
    static func removeStaleTemporaries(of name: String, in folder: String) {
        let prefix = temporaryPrefix(of: name)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let me = getpid()
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            let middle = entry.dropFirst(prefix.count).dropLast(4)
            guard let dash = middle.firstIndex(of: "-"), let pid = pid_t(middle[..<dash]), pid > 0,
                  UInt64(middle[middle.index(after: dash)...]) != nil, pid != me else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink((folder as NSString).appendingPathComponent(entry))
            }
        }
    }

    /// Writes `text` as UTF-8 to `url`, replacing any file there.
    public static func write(_ text: String, to url: URL) throws { try write(Data(text.utf8), to: url) }
}

/// A number that grows by one at each call, from any thread.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value: UInt64 = 0

    func next() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
