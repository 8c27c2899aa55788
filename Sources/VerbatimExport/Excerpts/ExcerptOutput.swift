import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a finished export to a file atomically: the bytes go to a temporary file in the same folder,
/// which is then renamed into place, so an interrupted run leaves the old file whole.
public enum ExcerptOutput {
    /// A write that failed, with the path and a readable reason.
    public struct WriteError: Error, CustomStringConvertible {
        /// The file that could not be written.
        public var path: String
        /// Why, from the system.
        public var reason: String
        /// `path: error: cannot write the file: reason`.
        public var description: String { "\(path): error: cannot write the file: \(reason)" }
    }

    /// Writes `data` to `url`, replacing any file there.
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
