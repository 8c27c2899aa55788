import Foundation

/// The small fixed parts of a DOCX package: content types and relationships (ECMA-376 Part 2, Open
/// Packaging Conventions), document settings, and the core and extended properties.
enum DocxPackageParts {
    static let contentTypesPath = "[Content_Types].xml"
    static let packageRelationshipsPath = "_rels/.rels"
    static let corePath = "docProps/core.xml"
    static let appPath = "docProps/app.xml"
    static let documentPath = "word/document.xml"
    static let documentRelationshipsPath = "word/_rels/document.xml.rels"
    static let stylesPath = "word/styles.xml"
    static let settingsPath = "word/settings.xml"

    private static let relationshipNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    private static let officeRelationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// `[Content_Types].xml` (Part 2, §10.1.2): defaults by extension, overrides by part name.
    static func contentTypes() -> String {
        let overrides: [(String, String)] = [
            (documentPath, "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
            (stylesPath, "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"),
            (settingsPath, "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"),
            (corePath, "application/vnd.openxmlformats-package.core-properties+xml"),
            (appPath, "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        ]
        var out = DocxXML.declaration
        out += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        out += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        out += #"<Default Extension="xml" ContentType="application/xml"/>"#
        for (path, type) in overrides {
            out += #"<Override PartName="/\#(path)" ContentType="\#(type)"/>"#
        }
        out += "</Types>"
        return out
    }

    /// `_rels/.rels`: the package points at the main document and the two property parts.
    static func packageRelationships() -> String {
        relationships([
            ("rId1", "\(officeRelationshipType)/officeDocument", documentPath),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", corePath),
            ("rId3", "\(officeRelationshipType)/extended-properties", appPath),
        ])
    }

    /// `word/_rels/document.xml.rels`: targets are relative to the `word` folder.
    static func documentRelationships() -> String {
        relationships([
            ("rId1", "\(officeRelationshipType)/styles", "styles.xml"),
            ("rId2", "\(officeRelationshipType)/settings", "settings.xml"),
        ])
    }

    private static func relationships(_ entries: [(id: String, type: String, target: String)]) -> String {
        var out = DocxXML.declaration
        out += #"<Relationships xmlns="\#(relationshipNamespace)">"#
        for entry in entries {
            out += #"<Relationship Id="\#(entry.id)" Type="\#(entry.type)" Target="\#(entry.target)"/>"#
        }
        out += "</Relationships>"
        return out
    }

    /// `word/settings.xml` (Part 1, §17.15): Word 2013+ compatibility mode, so that Word does not open
    /// the file in compatibility mode, and the language used for theme fonts.
    static func settings(language: String) -> String {
        var out = DocxXML.declaration
        out += #"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
        out += #"<w:zoom w:percent="100"/><w:defaultTabStop w:val="708"/>"#
        out += #"<w:characterSpacingControl w:val="doNotCompress"/>"#
        out += #"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#
        if !language.isEmpty {
            out += #"<w:themeFontLang w:val="\#(DocxXML.attribute(language))"/>"#
        }
        out += "</w:settings>"
        return out
    }

    /// `docProps/core.xml` (Part 2, §11): title, language, and the creation date only when given.
    static func coreProperties(title: String, language: String, created: Date?) -> String {
        var out = DocxXML.declaration
        out += #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#
        out += #"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#
        out += #"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
        out += "<dc:title>\(DocxXML.text(title))</dc:title>"
        if !language.isEmpty {
            out += "<dc:language>\(DocxXML.text(language))</dc:language>"
        }
        if let created {
            out += #"<dcterms:created xsi:type="dcterms:W3CDTF">\#(w3cdtf(created))</dcterms:created>"#
        }
        out += "</cp:coreProperties>"
        return out
    }

    /// `docProps/app.xml` (Part 1, §22.2): the application that wrote the file.
    static func appProperties() -> String {
        var out = DocxXML.declaration
        out += #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" "#
        out += #"xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#
        out += "<Application>verbatim</Application></Properties>"
        return out
    }

    /// A W3C date-time in UTC to the second, such as `2024-05-17T09:30:00Z`.
    static func w3cdtf(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        let year = String(c.year ?? 1970)
        let paddedYear = String(repeating: "0", count: max(0, 4 - year.count)) + year
        return "\(paddedYear)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))Z"
    }
}
