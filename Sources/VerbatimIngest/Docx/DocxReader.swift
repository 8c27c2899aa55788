import Foundation
import VerbatimModel

/// Reads the text of a Word-processing document (`.docx`, `.docm`, `.dotx`, strict or transitional
/// OOXML): body paragraphs in reading order, footnotes, endnotes and comments as notes.
///
/// The package is opened with bounded extraction (`ZipLimits`) and every XML part is streamed with
/// libxml2 (no network, no DTD, no entity substitution), so any input gives either a document or a
/// one-line `IngestError`.
public enum DocxReader {
    /// Reads a DOCX file's bytes. `path` is used in messages only.
    public static func read(data: Data, path: String, limits: ZipLimits = .default) throws(IngestError) -> SourceDocument {
        let package = try ZipPackage(data: data, path: path, limits: limits)
        var diagnostics: [Diagnostic] = []

        // The main part: from the package relationships, else the conventional name.
        let packageRels = OPCRelationships.read(of: "", in: package)
        var mainEntry: ZipPackage.Entry?
        if let target = packageRels.target(typeSuffix: "officeDocument") { mainEntry = package.entry(named: target) }
        if mainEntry == nil { mainEntry = package.entry(named: "word/document.xml") }
        guard let mainEntry else {
            if let mimetype = package.entry(named: "mimetype"), let c = try? package.contents(of: mimetype),
               String(decoding: c.bytes.buffer, as: UTF8.self).hasPrefix("application/vnd.oasis.opendocument") {
                throw IngestError(path, "not a word-processing document (no main document part): it is an OpenDocument file")
            }
            throw IngestError(path, "not a word-processing document (no main document part)")
        }
        let mainName = mainEntry.name

        let main = try parsePart(mainEntry, in: package, diagnostics: &diagnostics)
        guard main.rootIsWordprocessingML, main.rootLocalName == "document" else {
            let root = main.rootLocalName.map { " (\(mainName) holds <\($0)>)" } ?? ""
            throw IngestError(path, "not a word-processing document (no main document part)\(root)")
        }

        // Notes parts: from the main part's relationships, else the conventional names.
        let mainRels = OPCRelationships.read(of: mainName, in: package)
        let folder = mainName.lastIndex(of: "/").map { String(mainName[..<$0]) + "/" } ?? ""
        var defined: [Note.Kind: [String: WordPartParser.PartNote]] = [:]
        var comments: [WordPartParser.PartNote] = []
        for (suffix, kind) in [("footnotes", Note.Kind.footnote), ("endnotes", .endnote), ("comments", .comment)] {
            guard let entry = mainRels.target(typeSuffix: suffix).flatMap({ package.entry(named: $0) })
                    ?? package.entry(named: folder + suffix + ".xml") else { continue }
            // A damaged notes part costs its notes, not the document.
            let parsed: WordPartParser
            do {
                parsed = try parsePart(entry, in: package, diagnostics: &diagnostics)
            } catch {
                diagnostics.append(.warning(path, "\(kind.rawValue)s skipped: \(error.message)"))
                continue
            }
            for note in parsed.notes where note.kind == kind {
                if defined[kind, default: [:]][note.id] == nil { defined[kind, default: [:]][note.id] = note }
                if kind == .comment { comments.append(note) }
            }
        }

        // Notes in the order of their first reference; comments nobody points at come last.
        var notes: [Note] = []
        var seen = Set<String>()
        func add(_ note: WordPartParser.PartNote) {
            guard seen.insert("\(note.kind.rawValue)#\(note.id)").inserted, !note.paragraphs.isEmpty else { return }
            notes.append(Note(kind: note.kind, text: note.paragraphs.joined(separator: "\n"),
                              author: note.author.map { $0.precomposedStringWithCanonicalMapping }))
        }
        for ref in main.references {
            if let note = defined[ref.kind]?[ref.id] { add(note) }
        }
        for note in comments { add(note) }

        return SourceDocument(path: path, format: .docx,
                              paragraphs: main.paragraphs.map { SourceDocument.Paragraph(text: $0) },
                              notes: notes, diagnostics: diagnostics)
    }

    /// Inflates and streams one part.
    private static func parsePart(_ entry: ZipPackage.Entry, in package: ZipPackage,
                                  diagnostics: inout [Diagnostic]) throws(IngestError) -> WordPartParser {
        try package.withContents(of: entry) { (contents) throws(IngestError) -> WordPartParser in
            if !contents.checksumMatches {
                diagnostics.append(.warning(package.path, "checksum mismatch in \(entry.name): the text may be damaged"))
            }
            do throws(IngestError) {
                let stream = try XMLStream(bytes: contents.bytes, part: entry.name, path: package.path)
                let parser = WordPartParser(stream: stream)
                try parser.run()
                return parser
            } catch where !contents.checksumMatches {
                // Broken XML in a part whose bytes are not the ones zipped: the file was damaged.
                throw package.damaged("\(entry.name) does not match its checksum and its XML is broken")
            }
        }
    }
}
