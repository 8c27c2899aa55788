import Foundation
import VerbatimModel

/// Reads the text of an OpenDocument text (`.odt`): paragraphs and headings in reading order, tables
/// cell by cell, footnotes, endnotes and annotations as notes. Tracked deletions are left out.
public enum OdtReader {
    /// Reads an ODT file's bytes. `path` is used in messages only.
    public static func read(data: Data, path: String, limits: ZipLimits = .default) throws(IngestError) -> SourceDocument {
        let package = try ZipPackage(data: data, path: path, limits: limits, kind: .openDocument)
        if let manifest = package.entry(named: "META-INF/manifest.xml"),
           let contents = try? package.contents(of: manifest),
           contents.bytes.contains(Array("encryption-data".utf8)) {
            throw IngestError(path, "encrypted (password-protected) document: remove the password and save it again")
        }
        guard let entry = package.entry(named: "content.xml") else {
            if package.entry(named: "word/document.xml") != nil {
                throw IngestError(path, "not an OpenDocument text (no content.xml): it is a Word document")
            }
            throw IngestError(path, "not an OpenDocument text (no content.xml)")
        }
        var diagnostics: [Diagnostic] = []
        let parser = try package.withContents(of: entry) { (contents) throws(IngestError) -> OdfContentParser in
            if !contents.checksumMatches {
                diagnostics.append(.warning(path, "checksum mismatch in content.xml: the text may be damaged"))
            }
            do throws(IngestError) {
                let stream = try XMLStream(bytes: contents.bytes, part: "content.xml", path: path)
                let parser = OdfContentParser(stream: stream)
                try parser.run()
                return parser
            } catch where !contents.checksumMatches {
                throw package.damaged("content.xml does not match its checksum and its XML is broken")
            }
        }
        guard parser.rootLocalName == "document-content" || parser.rootLocalName == "document" else {
            throw IngestError(path, "not an OpenDocument text (content.xml holds <\(parser.rootLocalName ?? "nothing")>)")
        }
        return SourceDocument(path: path, format: .odt,
                              paragraphs: parser.paragraphs.map { SourceDocument.Paragraph(text: $0) },
                              notes: parser.notes, diagnostics: diagnostics)
    }
}
