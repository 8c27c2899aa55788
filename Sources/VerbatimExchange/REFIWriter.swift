import Foundation
import ZIPFoundation
import VerbatimModel

/// Writes REFI-QDA files: a codebook (`.qdc`), a project document (`project.qde`) and a project
/// package (`.qdpx`). The output follows the schemas' element order, never writes an empty container
/// or an empty `Description`, and is the same bytes for the same project: no export date, ZIP entries
/// sorted by name with a fixed date.
public enum REFIWriter {
    public static let codebookNamespace = "urn:QDA-XML:codebook:1.0"
    public static let projectNamespace = "urn:QDA-XML:project:1.0"
    /// The date of every ZIP entry: 1980-01-01 00:00:00 UTC, the earliest MS-DOS date.
    static let entryDate = Date(timeIntervalSince1970: 315_532_800)

    // MARK: - Codebook

    /// The `.qdc` document of `project`'s codes and code sets.
    public static func codebook(_ project: REFIProject) -> String {
        var x = XMLText()
        x.declaration()
        x.open("CodeBook", [("xmlns", codebookNamespace), ("origin", project.origin)])
        writeCodes(project.codes, in: &x, project: false)
        let codeSets = project.sets.filter { !$0.memberCodes.isEmpty }
        if !codeSets.isEmpty {
            x.open("Sets")
            for s in codeSets {
                x.open("Set", [("guid", s.guid), ("name", s.name)])
                x.element("Description", s.description)
                for m in s.memberCodes { x.empty("MemberCode", [("guid", m)]) }
                x.close("Set")
            }
            x.close("Sets")
        }
        x.close("CodeBook")
        return x.text
    }

    static func writeCodes(_ codes: [REFIProject.Code], in x: inout XMLText, project: Bool) {
        guard !codes.isEmpty else { return }
        x.open("Codes")
        func write(_ c: REFIProject.Code) {
            let attributes: [(String, String?)] = [("guid", c.guid), ("name", c.name), ("isCodable", c.isCodable ? "true" : "false"), ("color", c.color)]
            let notes = project ? c.noteRefs : []
            if (c.description ?? "").isEmpty && notes.isEmpty && c.children.isEmpty {
                x.empty("Code", attributes)
                return
            }
            x.open("Code", attributes)
            x.element("Description", c.description)
            for n in notes { x.empty("NoteRef", [("targetGUID", n)]) }
            for child in c.children { write(child) }
            x.close("Code")
        }
        for c in codes { write(c) }
        x.close("Codes")
    }

    // MARK: - Project

    /// The `project.qde` document of `project`. Text sources with a `file` are referenced as
    /// `internal://<file>`; the others have their text inline.
    public static func projectDocument(_ project: REFIProject) -> String {
        var x = XMLText()
        x.declaration()
        x.open("Project", [("xmlns", projectNamespace), ("name", project.name), ("origin", project.origin),
                           ("creatingUserGUID", project.creatingUser), ("creationDateTime", project.creationDateTime)])
        if !project.users.isEmpty {
            x.open("Users")
            for u in project.users { x.empty("User", [("guid", u.guid), ("name", u.name)]) }
            x.close("Users")
        }
        if !project.codes.isEmpty {
            x.open("CodeBook")
            writeCodes(project.codes, in: &x, project: true)
            x.close("CodeBook")
        }
        if !project.variables.isEmpty {
            x.open("Variables")
            for v in project.variables { x.empty("Variable", [("guid", v.guid), ("name", v.name), ("typeOfVariable", v.type.rawValue)]) }
            x.close("Variables")
        }
        let types = Dictionary(project.variables.map { ($0.guid, $0.type) }, uniquingKeysWith: { a, _ in a })
        if !project.cases.isEmpty {
            x.open("Cases")
            for c in project.cases {
                x.open("Case", [("guid", c.guid), ("name", c.name)])
                x.element("Description", c.description)
                writeValues(c.values, types: types, in: &x)
                for s in c.sourceRefs { x.empty("SourceRef", [("targetGUID", s)]) }
                x.close("Case")
            }
            x.close("Cases")
        }
        if !project.sources.isEmpty {
            x.open("Sources")
            for s in project.sources { writeSource(s, types: types, in: &x) }
            x.close("Sources")
        }
        if !project.notes.isEmpty {
            x.open("Notes")
            for n in project.notes {
                x.open("Note", [("guid", n.guid), ("name", n.name), ("creatingUser", n.creatingUser), ("creationDateTime", n.creationDateTime)])
                x.element("PlainTextContent", n.text, keepEmpty: true)
                x.close("Note")
            }
            x.close("Notes")
        }
        if !project.sets.isEmpty {
            x.open("Sets")
            for s in project.sets {
                x.open("Set", [("guid", s.guid), ("name", s.name)])
                x.element("Description", s.description)
                for m in s.memberCodes { x.empty("MemberCode", [("targetGUID", m)]) }
                for m in s.memberSources { x.empty("MemberSource", [("targetGUID", m)]) }
                x.close("Set")
            }
            x.close("Sets")
        }
        x.element("Description", project.description)
        for n in project.noteRefs { x.empty("NoteRef", [("targetGUID", n)]) }
        x.close("Project")
        return x.text
    }

    static func writeValues(_ values: [(variable: String, value: String?)], types: [String: REFIProject.VariableType], in x: inout XMLText) {
        for (variable, value) in values {
            x.open("VariableValue")
            x.empty("VariableRef", [("targetGUID", variable)])
            if let value { x.element(types[variable, default: .text].valueElement, value, keepEmpty: true) }
            x.close("VariableValue")
        }
    }

    static func writeSource(_ s: REFIProject.TextSource, types: [String: REFIProject.VariableType], in x: inout XMLText) {
        x.open("TextSource", [("guid", s.guid), ("name", s.name), ("plainTextPath", s.file.map { "internal://" + $0 }),
                              ("creatingUser", s.creatingUser), ("creationDateTime", s.creationDateTime)])
        x.element("Description", s.description)
        if s.file == nil { x.element("PlainTextContent", s.text ?? "", keepEmpty: true) }
        for sel in s.selections {
            x.open("PlainTextSelection", [("guid", sel.guid), ("name", sel.name), ("startPosition", String(sel.start)),
                                          ("endPosition", String(sel.end)), ("creatingUser", sel.creatingUser),
                                          ("creationDateTime", sel.creationDateTime)])
            x.element("Description", sel.description)
            for c in sel.codings { writeCoding(c, in: &x) }
            x.close("PlainTextSelection")
        }
        for c in s.codings { writeCoding(c, in: &x) }
        for n in s.noteRefs { x.empty("NoteRef", [("targetGUID", n)]) }
        writeValues(s.values, types: types, in: &x)
        x.close("TextSource")
    }

    static func writeCoding(_ c: REFIProject.Coding, in x: inout XMLText) {
        x.open("Coding", [("guid", c.guid), ("creatingUser", c.creatingUser), ("creationDateTime", c.creationDateTime)])
        x.empty("CodeRef", [("targetGUID", c.code)])
        x.close("Coding")
    }

    // MARK: - Package

    /// The `.qdpx` package: `project.qde` and `sources/<file>` for each source with a file, the text
    /// as UTF-8 without a byte-order mark, exactly as the source holds it.
    /// - Throws: a ``Diagnostic`` when the ZIP archive cannot be assembled.
    public static func package(_ project: REFIProject) throws -> Data {
        var entries: [(String, Data)] = [("project.qde", Data(projectDocument(project).utf8))]
        for s in project.sources {
            guard let file = s.file else { continue }
            entries.append(("sources/" + file, Data((s.text ?? "").utf8)))
        }
        entries.sort { $0.0 < $1.0 }
        let archive: Archive
        do { archive = try Archive(accessMode: .create) } catch {
            throw Diagnostic.error("", "cannot create the .qdpx archive: \(SystemErrorText.reason(error))")
        }
        for (path, bytes) in entries {
            do {
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: entryDate,
                                     permissions: 0o644, compressionMethod: .deflate) { position, size in
                    let start = Int(position)
                    return bytes.subdata(in: start..<min(start + size, bytes.count))
                }
            } catch {
                throw Diagnostic.error("", "cannot add \(path) to the .qdpx archive: \(SystemErrorText.reason(error))")
            }
        }
        guard let data = archive.data else { throw Diagnostic.error("", "the .qdpx archive holds no data") }
        return data
    }
}

/// An XML document written line by line, two spaces a level, with the characters XML 1.0 forbids
/// (most C0 controls, lone surrogates cannot occur in a Swift string) left out of text and attributes.
struct XMLText {
    private(set) var text = ""
    private var depth = 0

    mutating func declaration() { text += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" }

    private func indent() -> String { String(repeating: "  ", count: depth) }

    private static func attributes(_ pairs: [(String, String?)]) -> String {
        pairs.compactMap { k, v in v.map { " \(k)=\"\(escape($0, attribute: true))\"" } }.joined()
    }

    mutating func open(_ name: String, _ attributes: [(String, String?)] = []) {
        text += indent() + "<" + name + Self.attributes(attributes) + ">\n"
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        text += indent() + "</" + name + ">\n"
    }

    mutating func empty(_ name: String, _ attributes: [(String, String?)]) {
        text += indent() + "<" + name + Self.attributes(attributes) + "/>\n"
    }

    /// `<name>value</name>`, left out when `value` is nil or (unless `keepEmpty`) empty.
    mutating func element(_ name: String, _ value: String?, keepEmpty: Bool = false) {
        guard let value, keepEmpty || !value.isEmpty else { return }
        text += indent() + "<" + name + ">" + Self.escape(value, attribute: false) + "</" + name + ">\n"
    }

    /// `s` escaped for XML text or a double-quoted attribute. In attributes, line ends and tabs are
    /// written as character references so that a parser gives them back (XML 1.0 §3.3.3).
    static func escape(_ s: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            default:
                let v = u.value
                if v < 0x20 && v != 0x09 && v != 0x0A { continue }
                if v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
