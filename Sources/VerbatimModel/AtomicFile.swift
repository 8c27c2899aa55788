import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Writes `data` to `url`, replacing any file there.
    /// - Throws: ``WriteError``.
    public static func write(_ data: Data, to url: URL) throws {
        let destination = url.standardizedFileURL
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            let reason = errno != 0 ? String(cString: strerror(errno)) : "cannot create a file in the folder"
            throw WriteError(path: url.path, reason: reason)
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
