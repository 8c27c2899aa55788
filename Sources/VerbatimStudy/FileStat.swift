import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's size and modification time from one `stat(2)`, for the index's up-to-date check.
///
/// `FileManager.attributesOfItem` builds a dictionary of every attribute, owner and group names
/// included, which cost more than the rest of the check on a study of 10,000 files.
public struct FileStat: Sendable, Equatable {
    /// Size in bytes.
    public var size: Int
    /// Modification time in seconds since 1970, with the nanoseconds the file system keeps.
    public var mtime: Double

    /// The state of the file at `path`, or nil when it cannot be read.
    public static func of(_ path: String) -> FileStat? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        #if canImport(Darwin)
        let t = st.st_mtimespec
        #else
        let t = st.st_mtim
        #endif
        return FileStat(size: Int(st.st_size), mtime: Double(t.tv_sec) + Double(t.tv_nsec) / 1_000_000_000)
    }
}
