import Foundation
import VerbatimModel
import VerbatimExport

/// A file a use case is asked to write (`-o FILE`), checked before any work is done and written
/// atomically (``AtomicFile``) once the whole output is ready.
public struct OutputFile: Sendable {
    /// The path as the user gave it.
    public let path: String
    public var url: URL { URL(fileURLWithPath: path) }

    /// Checks that `path` can be written: it is not a folder and its folder exists.
    /// - Throws: a ``Diagnostic`` naming the path.
    public init(_ path: String) throws {
        guard !path.isEmpty else { throw Diagnostic.usage("-o needs a file name") }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw Diagnostic.error(path, "is a folder; -o takes a file name")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) || !isDir.boolValue {
            throw Diagnostic.error(path, "no such folder '\(folder)'")
        }
        self.path = path
    }

    /// Writes the whole file, replacing any file there.
    /// - Throws: ``AtomicFile/WriteError``.
    public func write(_ data: Data) throws { try AtomicFile.write(data, to: url) }
}
