import Foundation
import ZIPFoundation
import VerbatimModel

/// Writes a ``ReportDocument`` as a Word document (`.docx`, ECMA-376 Office Open XML, transitional).
///
/// The package holds the minimum Word, LibreOffice and Google Docs need, and nothing that changes
/// from run to run: the parts are always added in the same order with the same fixed ZIP date, and
/// the creation date is stored only when the caller gives one. The same document therefore always
/// produces the same bytes, so a report can be diffed and snapshot-tested.
///
/// ```swift
/// let report = ReportDocument(title: "Verbatims", language: "fr-FR", blocks: [
///     .heading(level: 1, text: "Rapport à l’école"),
///     .quote(["On ", .init("apprend", highlight: true), " ensemble."], attribution: "Entretien 3"),
/// ])
/// try DocxWriter.write(report, to: URL(fileURLWithPath: "verbatims.docx"))
/// ```
public enum DocxWriter {
    /// The modification date of every ZIP entry: 1980-01-01 00:00:00 UTC, the earliest MS-DOS date.
    static let entryDate = Date(timeIntervalSince1970: 315_532_800)

    /// The bytes of a `.docx` file for `document`.
    ///
    /// The output is deterministic: the same document and date give the same bytes (fixed ZIP
    /// timestamps, fixed part order, and no creation date unless one is given).
    ///
    /// - Parameters:
    ///   - document: The document to write.
    ///   - created: The creation date stored in the core properties, or `nil` to store none.
    /// - Returns: The ZIP package.
    /// - Throws: ``DocxError/packaging(part:reason:)`` when the ZIP package cannot be assembled.
    public static func data(for document: ReportDocument, created: Date? = nil) throws -> Data {
        let page = DocxPageGeometry.forLanguage(document.language)
        // [Content_Types].xml comes first, as many readers and the OPC guidance expect.
        let parts: [(path: String, xml: String)] = [
            (DocxPackageParts.contentTypesPath, DocxPackageParts.contentTypes()),
            (DocxPackageParts.packageRelationshipsPath, DocxPackageParts.packageRelationships()),
            (DocxPackageParts.corePath,
             DocxPackageParts.coreProperties(title: document.title, language: document.language, created: created)),
            (DocxPackageParts.appPath, DocxPackageParts.appProperties()),
            (DocxPackageParts.documentPath, DocxDocumentPart(document: document, page: page).xml()),
            (DocxPackageParts.documentRelationshipsPath, DocxPackageParts.documentRelationships()),
            (DocxPackageParts.stylesPath, DocxStylesPart(language: document.language).xml()),
            (DocxPackageParts.settingsPath, DocxPackageParts.settings(language: document.language)),
        ]

        let archive: Archive
        do {
            archive = try Archive(accessMode: .create)
        } catch {
            throw DocxError.packaging(part: "(archive)", reason: SystemErrorText.reason(error))
        }
        for part in parts {
            let bytes = Data(part.xml.utf8)
            do {
                try archive.addEntry(
                    with: part.path, type: .file, uncompressedSize: Int64(bytes.count),
                    modificationDate: entryDate, permissions: 0o644, compressionMethod: .deflate
                ) { position, size in
                    let start = Int(position)
                    return bytes.subdata(in: start..<min(start + size, bytes.count))
                }
            } catch {
                throw DocxError.packaging(part: part.path, reason: SystemErrorText.reason(error))
            }
        }
        guard let data = archive.data else {
            throw DocxError.packaging(part: "(archive)", reason: "the in-memory archive holds no data")
        }
        return data
    }

    /// Writes `document` as a `.docx` file at `url`, replacing any file already there.
    ///
    /// The bytes go to a temporary file in the same folder, which is then renamed into place, so an
    /// interrupted run leaves either the old file or the new one, never half of one.
    ///
    /// - Parameters:
    ///   - document: The document to write.
    ///   - url: The destination file URL.
    ///   - created: The creation date stored in the core properties, or `nil` to store none.
    /// - Throws: ``DocxError`` when the package cannot be built or the file cannot be written.
    public static func write(_ document: ReportDocument, to url: URL, created: Date? = nil) throws {
        try AtomicFile.write(try data(for: document, created: created), to: url)
    }

}
