import Foundation
import VerbatimModel

/// Reads any transcript file verbatim supports, choosing the reader by extension.
public enum TranscriptReader {
    /// Extensions of files verbatim reads as transcripts.
    public static let extensions: Set<String> = ["txt", "text", "md", "markdown", "docx", "docm", "dotx", "dotm", "odt", "vtt", "srt", "sbv"]

    /// Largest transcript file read (a safeguard against a wrong path, e.g. a video file).
    public static let maxFileSize = 512 * 1024 * 1024

    /// Reads the file at `url`; `path` is the name used in messages.
    public static func read(url: URL, path: String) throws -> SourceDocument {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw IngestError(path, "no such file")
        }
        if isDir.boolValue { throw IngestError(path, "is a folder, not a transcript file") }
        guard let format = SourceFormat(fileExtension: url.pathExtension) else {
            throw IngestError(path, "unsupported file type '.\(url.pathExtension)' (verbatim reads .txt, .md, .docx, .odt, .vtt, .srt, .sbv)")
        }
        let data: Data
        do {
            let attrs = try FileManager.default.attributesOfItem(atPath: url.path)
            if let size = attrs[.size] as? NSNumber, size.intValue > maxFileSize {
                throw IngestError(path, "file too large for a transcript (\(size.intValue / 1_048_576) MB)")
            }
            data = try Data(contentsOf: url)
        } catch let e as IngestError {
            throw e
        } catch {
            throw IngestError(path, "cannot read the file (permission denied or I/O error)")
        }
        return try read(data: data, path: path, format: format)
    }

    /// Reads bytes already in memory as `format`.
    public static func read(data: Data, path: String, format: SourceFormat) throws -> SourceDocument {
        switch format {
        case .text, .markdown: return try TextReader.read(data: data, path: path, format: format)
        case .vtt, .srt, .sbv: return try SubtitleReader.read(data: data, path: path, format: format)
        case .docx: return try DocxReader.read(data: data, path: path)
        case .odt: return try OdtReader.read(data: data, path: path)
        }
    }
}
