import Foundation
import ZIPFoundation
import VerbatimModel

/// What the reader could not carry into verbatim: PDF, picture, audio and video sources and their
/// selections, graphs, links... counted, so that the import's summary lists each of them.
public struct NotCarried: Sendable, Equatable {
    public var what: String
    public var count: Int
    public init(what: String, count: Int) { self.what = what; self.count = count }
}

/// A REFI-QDA file read: the project (or the codebook, as a project with codes and code sets only),
/// with the problems met, which never stop the reading unless the file is not a REFI-QDA file at all.
public struct REFIReading: Sendable {
    public var project: REFIProject
    public var isCodebook: Bool
    public var warnings: [Diagnostic] = []
    public var notCarried: [NotCarried] = []
    /// The sources whose text file began with a byte-order mark (by GUID, normalised).
    public var sourcesWithBOM: Swift.Set<String> = []
}

/// Reads `.qdc`, `.qde` and `.qdpx` files from any producer: elements by local name whatever the
/// namespace, `sources/` or `Sources/`, `project.qde` or another `.qde` name, byte-order marks, GUIDs in
/// either case with or without braces. What is invalid against the schemas but readable (Taguette's
/// empty `<Sets/>`, a missing `isCodable`) is a warning.
public enum REFIReader {
    /// Reads the file at `url` (shown as `path` in messages).
    /// - Throws: a one-line ``Diagnostic`` when the file cannot be read or is not a REFI-QDA file.
    public static func read(url: URL, path: String) throws -> REFIReading {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Diagnostic.error(path, FileManager.default.fileExists(atPath: url.path) ? "cannot read the file" : "no such file")
        }
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return try readPackage(data, path: path)
        }
        return try readDocument(data, files: [:], path: path, part: nil)
    }

    // MARK: - Package

    static func readPackage(_ data: Data, path: String) throws -> REFIReading {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw Diagnostic.error(path, "is not a readable ZIP archive (a .qdpx file is a ZIP archive): \(SystemErrorText.reason(error))")
        }
        var qde: [(String, Entry)] = []
        var files: [String: Entry] = [:]
        for entry in archive where entry.type == .file {
            let name = entry.path.replacingOccurrences(of: "\\", with: "/")
            let parts = name.split(separator: "/")
            if parts.count == 1, name.lowercased().hasSuffix(".qde") { qde.append((name, entry)) }
            if parts.count == 2, parts[0].lowercased() == "sources" { files[parts[1].lowercased()] = entry }
        }
        guard !qde.isEmpty else {
            throw Diagnostic.error(path, "is a ZIP archive but not a REFI-QDA project: it holds no project.qde (or other .qde file) at its top")
        }
        qde.sort { ($0.0.lowercased() == "project.qde" ? 0 : 1, $0.0) < ($1.0.lowercased() == "project.qde" ? 0 : 1, $1.0) }
        var warnings: [Diagnostic] = []
        if qde.count > 1 { warnings.append(.warning(path, "the archive holds \(qde.count) .qde files; '\(qde[0].0)' is read, the others are not")) }
        var content: [String: Data] = [:]
        for (name, entry) in files {
            var bytes = Data()
            do { _ = try archive.extract(entry, skipCRC32: false) { bytes.append($0) } } catch {
                warnings.append(.warning(path, "cannot extract '\(entry.path)': \(SystemErrorText.reason(error))"))
                continue
            }
            content[name] = bytes
        }
        var document = Data()
        do { _ = try archive.extract(qde[0].1, skipCRC32: false) { document.append($0) } } catch {
            throw Diagnostic.error(path, "cannot extract '\(qde[0].0)': \(SystemErrorText.reason(error))")
        }
        var reading = try readDocument(document, files: content, path: path, part: qde[0].0)
        reading.warnings.insert(contentsOf: warnings, at: 0)
        if reading.isCodebook { throw Diagnostic.error(path, "'\(qde[0].0)' is a codebook, not a project") }
        return reading
    }

    // MARK: - Document

    /// Reads a `.qdc` or `.qde` document; `files` are the package's `sources/` files by lower-case name.
    static func readDocument(_ data: Data, files: [String: Data], path: String, part: String?) throws -> REFIReading {
        let root: XMLElement
        do { root = try XMLElement.parse(data) } catch let f as XMLFailure {
            let where_ = part.map { " in \($0)" } ?? ""
            throw Diagnostic.error(path, line: part == nil ? f.line : nil, "not a REFI-QDA file: malformed XML\(where_): \(f.message)\(part != nil && f.line != nil ? " (line \(f.line!))" : "")")
        }
        var r = Reader(path: part == nil ? path : "\(path)(\(part!))", files: files)
        switch root.name {
        case "CodeBook":
            r.checkNamespace(root, REFIWriter.codebookNamespace)
            var project = REFIProject(name: "", origin: root["origin"])
            if let codes = r.container(root, "Codes", "Code") { project.codes = r.codes(codes.children("Code")) }
            if let sets = r.container(root, "Sets", "Set") { project.sets = r.sets(sets) }
            r.reportDuplicates()
            return REFIReading(project: project, isCodebook: true, warnings: r.warnings, notCarried: r.notCarriedList)
        case "Project":
            r.checkNamespace(root, REFIWriter.projectNamespace)
            return r.project(root)
        default:
            throw Diagnostic.error(path, "not a REFI-QDA file: its root element is <\(root.name)>, not <CodeBook> or <Project>")
        }
    }

    struct Reader {
        let path: String
        let files: [String: Data]
        var warnings: [Diagnostic] = []
        var notCarried: [String: Int] = [:]
        var order: [String] = []
        var guids: [String: (kind: String, line: Int)] = [:]
        var duplicates: [(guid: String, kind: String, line: Int, first: Int)] = []
        var sourcesWithBOM: Swift.Set<String> = []

        init(path: String, files: [String: Data]) {
            self.path = path
            self.files = files
        }

        var notCarriedList: [NotCarried] { order.map { NotCarried(what: $0, count: notCarried[$0]!) } }

        mutating func skip(_ what: String, _ n: Int = 1) {
            guard n > 0 else { return }
            if notCarried[what] == nil { order.append(what) }
            notCarried[what, default: 0] += n
        }

        mutating func warn(_ e: XMLElement?, _ message: String) { warnings.append(.warning(path, line: e?.line, message)) }

        mutating func checkNamespace(_ root: XMLElement, _ expected: String) {
            if root.namespace != expected {
                warn(root, "the namespace is \(root.namespace.map { "'\($0)'" } ?? "missing"), not '\(expected)' (invalid against the schema); read anyway")
            }
        }

        /// The container `name` of `parent`, with a warning when it is empty (invalid, but harmless).
        mutating func container(_ parent: XMLElement, _ name: String, _ item: String) -> XMLElement? {
            guard let c = parent.child(name) else { return nil }
            if c.children(item).isEmpty {
                warn(c, "an empty <\(name)/> (invalid against the schema, which wants at least one <\(item)>); ignored")
                return nil
            }
            return c
        }

        /// A GUID attribute, normalised; a missing or malformed one is a warning and gets a GUID derived
        /// from `fallbackKey`.
        mutating func guid(_ e: XMLElement, kind: String, fallbackKey: String, track: Bool = true) -> String {
            let raw = e["guid"] ?? ""
            var g = StableGUID.normalized(raw)
            if raw.isEmpty || !StableGUID.isValid(raw) {
                warn(e, "<\(e.name)> has \(raw.isEmpty ? "no guid" : "a malformed guid '\(raw)'"); one is made up")
                g = StableGUID.make("imported-" + kind, fallbackKey + ":\(e.line)")
            }
            if track {
                if let first = guids[kind + ":" + g] { duplicates.append((g, kind, e.line, first.line)) } else { guids[kind + ":" + g] = (kind, e.line) }
            }
            return g
        }

        func ref(_ e: XMLElement, _ attribute: String = "targetGUID") -> String? {
            guard let v = e[attribute], !v.isEmpty else { return nil }
            return StableGUID.normalized(v)
        }

        mutating func reportDuplicates() {
            for d in duplicates {
                warnings.append(.warning(path, line: d.line, "duplicate GUID \(d.guid) (a \(d.kind) of line \(d.first) has it too); the first one counts for references"))
            }
        }

        static func text(_ e: XMLElement?) -> String? {
            guard let t = e?.text, !t.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
            return t
        }

        // MARK: Codes and sets

        mutating func codes(_ elements: [XMLElement], parent: String = "") -> [REFIProject.Code] {
            elements.map { e in
                let name = e["name"] ?? ""
                if name.isEmpty { warn(e, "a <Code> without a name") }
                let codable: Bool
                switch e["isCodable"]?.lowercased() {
                case "true", "1": codable = true
                case "false", "0": codable = false
                default:
                    warn(e, "<Code name=\"\(name)\"> has no valid isCodable (required); taken as codable")
                    codable = true
                }
                var color = e["color"]
                if let c = color, ColorText.normalized(c) == nil {
                    warn(e, "<Code name=\"\(name)\"> has a colour '\(c)' that is not #RRGGBB; left out")
                    color = nil
                }
                let g = guid(e, kind: "code", fallbackKey: parent + "/" + name)
                return REFIProject.Code(guid: g, name: name, isCodable: codable, color: color.flatMap(ColorText.normalized),
                                        description: Self.text(e.child("Description")),
                                        noteRefs: e.children("NoteRef").compactMap { ref($0) },
                                        children: codes(e.children("Code"), parent: parent + "/" + name))
            }
        }

        mutating func sets(_ container: XMLElement) -> [REFIProject.Set] {
            container.children("Set").map { s in
                REFIProject.Set(guid: guid(s, kind: "set", fallbackKey: s["name"] ?? ""), name: s["name"] ?? "",
                                description: Self.text(s.child("Description")),
                                memberCodes: s.children("MemberCode").compactMap { ref($0, "targetGUID") ?? ref($0, "guid") },
                                memberSources: s.children("MemberSource").compactMap { ref($0) })
            }
        }

        // MARK: Project

        mutating func project(_ root: XMLElement) -> REFIReading {
            var p = REFIProject(name: root["name"] ?? "", origin: root["origin"])
            if root["name"] == nil { warn(root, "<Project> has no name (required)") }
            p.creatingUser = root["creatingUserGUID"].map(StableGUID.normalized)
            p.modifyingUser = root["modifyingUserGUID"].map(StableGUID.normalized)
            p.creationDateTime = root["creationDateTime"]
            if let users = container(root, "Users", "User") {
                p.users = users.children("User").map { REFIProject.User(guid: guid($0, kind: "user", fallbackKey: $0["name"] ?? ""), name: $0["name"] ?? $0["id"] ?? "") }
            }
            if let book = root.child("CodeBook"), let codes = container(book, "Codes", "Code") {
                p.codes = self.codes(codes.children("Code"))
                if book.child("Sets") != nil { warn(book.child("Sets"), "<Sets> inside a project's <CodeBook> (invalid: they belong in /Project/Sets); read anyway") }
                if let sets = book.child("Sets") { p.sets += self.sets(sets) }
            }
            if let variables = container(root, "Variables", "Variable") {
                p.variables = variables.children("Variable").map { v in
                    let type = REFIProject.VariableType(rawValue: v["typeOfVariable"] ?? "") ?? .text
                    if REFIProject.VariableType(rawValue: v["typeOfVariable"] ?? "") == nil {
                        warn(v, "<Variable name=\"\(v["name"] ?? "")\"> has no valid typeOfVariable; read as Text")
                    }
                    return REFIProject.Variable(guid: guid(v, kind: "variable", fallbackKey: v["name"] ?? ""), name: v["name"] ?? "", type: type)
                }
            }
            if let cases = container(root, "Cases", "Case") {
                for c in cases.children("Case") {
                    skip("case code references (Case/CodeRef)", c.children("CodeRef").count)
                    skip("case selection references (Case/SelectionRef)", c.children("SelectionRef").count)
                    p.cases.append(REFIProject.Case(guid: guid(c, kind: "case", fallbackKey: c["name"] ?? ""), name: c["name"],
                                                    description: Self.text(c.child("Description")), values: values(c),
                                                    sourceRefs: c.children("SourceRef").compactMap { ref($0) }))
                }
            }
            if let sources = root.child("Sources") {
                if sources.children.isEmpty { warn(sources, "an empty <Sources/> (invalid against the schema); ignored") }
                for s in sources.children { source(s, into: &p) }
            }
            if let notes = container(root, "Notes", "Note") {
                for n in notes.children("Note") {
                    let g = guid(n, kind: "note", fallbackKey: n["name"] ?? "")
                    var text = Self.text(n.child("PlainTextContent"))
                    if text == nil, let file = n["plainTextPath"], let (t, _) = sourceText(file, element: n, quiet: true) { text = t }
                    p.notes.append(REFIProject.Note(guid: g, name: n["name"] ?? "", text: text ?? "", creatingUser: n["creatingUser"].map(StableGUID.normalized),
                                                    creationDateTime: n["creationDateTime"]))
                    skip("selections inside notes", n.children.filter { $0.name.hasSuffix("Selection") }.count)
                }
            }
            if let links = root.child("Links") { skip("links", links.children("Link").count) }
            if let sets = container(root, "Sets", "Set") {
                let read = self.sets(sets)
                p.sets += read
                skip("note members of sets (MemberNote)", sets.children("Set").reduce(0) { $0 + $1.children("MemberNote").count })
            }
            if let graphs = root.child("Graphs") { skip("graphs", max(1, graphs.children("Graph").count)) }
            p.description = Self.text(root.children.last { $0.name == "Description" })
            p.noteRefs = root.children("NoteRef").compactMap { ref($0) }
            reportDuplicates()
            return REFIReading(project: p, isCodebook: false, warnings: warnings, notCarried: notCarriedList, sourcesWithBOM: sourcesWithBOM)
        }

        mutating func values(_ e: XMLElement) -> [(variable: String, value: String?)] {
            e.children("VariableValue").compactMap { v in
                guard let r = v.child("VariableRef"), let target = ref(r) else {
                    warn(v, "a <VariableValue> without a <VariableRef targetGUID=...>; ignored")
                    return nil
                }
                let value = v.children.first { $0.name.hasSuffix("Value") && $0.name != "VariableValue" }?.text
                return (target, value)
            }
        }

        /// The text of a source's file: from the package's `sources/`, a leading byte-order mark removed.
        mutating func sourceText(_ reference: String, element: XMLElement, quiet: Bool = false) -> (String, Bool)? {
            var name = reference
            let schemes = ["internal://", "relative://", "absolute://", "file://"]
            guard let scheme = schemes.first(where: { name.lowercased().hasPrefix($0) }) ?? (name.contains("://") ? nil : "") else {
                if !quiet { warn(element, "the text of '\(element["name"] ?? reference)' is at '\(reference)', which cannot be read") }
                return nil
            }
            name = String(name.dropFirst(scheme.count))
            if scheme != "internal://" {
                if scheme.isEmpty && !quiet {
                    warn(element, "plainTextPath '\(reference)' lacks 'internal://' (importers need it); looked for in the package's sources/")
                } else if !scheme.isEmpty {
                    if !quiet { warn(element, "the text of '\(element["name"] ?? reference)' is an external file ('\(reference)'), not in the package; left out") }
                    return nil
                }
            }
            let file = name.split(separator: "/").last.map(String.init) ?? name
            guard let data = files[file.lowercased()] else {
                if !quiet { warn(element, "the text file '\(file)' of source '\(element["name"] ?? "")' is missing from the package; its selections are left out") }
                return nil
            }
            var bytes = data
            var bom = false
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3); bom = true }
            guard let text = String(data: bytes, encoding: .utf8) else {
                if !quiet { warn(element, "the text file '\(file)' is not UTF-8 (the standard wants UTF-8); left out") }
                return nil
            }
            return (text, bom)
        }

        mutating func source(_ s: XMLElement, into p: inout REFIProject) {
            switch s.name {
            case "TextSource": break
            case "PDFSource", "PictureSource", "AudioSource", "VideoSource":
                let name = String(s.name.dropLast("Source".count))
                let kind = name == "PDF" ? name : name.lowercased()
                skip("\(kind) sources", 1)
                let selections = s.children.filter { $0.name.hasSuffix("Selection") }
                skip("\(kind) selections", selections.count)
                skip("codings of \(kind) selections", selections.reduce(0) { $0 + $1.children("Coding").count })
                for r in s.children("Representation") {
                    skip("text representations of \(kind) sources", 1)
                    skip("selections in text representations", r.children("PlainTextSelection").count)
                }
                skip("transcripts of media sources", s.children("Transcript").count)
                return
            default:
                warn(s, "an unknown source <\(s.name)>; left out")
                skip("unknown sources (<\(s.name)>)", 1)
                return
            }
            let name = s["name"] ?? s["plainTextPath"].map { ($0 as NSString).lastPathComponent } ?? ""
            let g = guid(s, kind: "source", fallbackKey: name)
            var text: String?
            var file: String?
            if let inline = s.child("PlainTextContent") {
                text = inline.text
            } else if let reference = s["plainTextPath"], !reference.isEmpty {
                file = (reference as NSString).lastPathComponent
                if let (t, bom) = sourceText(reference, element: s) {
                    text = t
                    if bom { sourcesWithBOM.insert(g) }
                }
            } else {
                warn(s, "<TextSource name=\"\(name)\"> has neither PlainTextContent nor plainTextPath; its selections are left out")
            }
            var source = REFIProject.TextSource(guid: g, name: name, file: file, text: text, description: Self.text(s.child("Description")),
                                                creatingUser: s["creatingUser"].map(StableGUID.normalized), creationDateTime: s["creationDateTime"])
            for sel in s.children("PlainTextSelection") {
                guard let a = Int(sel["startPosition"] ?? ""), let b = Int(sel["endPosition"] ?? "") else {
                    warn(sel, "a <PlainTextSelection> without integer startPosition and endPosition; left out")
                    skip("selections without positions", 1)
                    continue
                }
                let codings = sel.children("Coding").compactMap { coding($0) }
                skip("notes linked to selections (NoteRef)", sel.children("NoteRef").count)
                source.selections.append(REFIProject.Selection(
                    guid: guid(sel, kind: "selection", fallbackKey: "\(g):\(a):\(b)"), name: sel["name"], start: a, end: b,
                    creatingUser: sel["creatingUser"].map(StableGUID.normalized), creationDateTime: sel["creationDateTime"],
                    modifyingUser: sel["modifyingUser"].map(StableGUID.normalized), description: Self.text(sel.child("Description")),
                    codings: codings))
            }
            source.codings = s.children("Coding").compactMap { coding($0) }
            skip("codings of whole sources", source.codings.count)
            source.values = values(s)
            source.noteRefs = s.children("NoteRef").compactMap { ref($0) }
            p.sources.append(source)
        }

        mutating func coding(_ c: XMLElement) -> REFIProject.Coding? {
            guard let r = c.child("CodeRef"), let code = ref(r) else {
                warn(c, "a <Coding> without a <CodeRef targetGUID=...>; left out")
                return nil
            }
            return REFIProject.Coding(guid: guid(c, kind: "coding", fallbackKey: code), code: code,
                                      creatingUser: c["creatingUser"].map(StableGUID.normalized), creationDateTime: c["creationDateTime"])
        }
    }
}

/// Colours as the standard writes them: `#RRGGBB` (or `#RGB`).
public enum ColorText {
    /// `#RRGGBB` in upper case for a valid colour (`#rgb` expanded), else nil.
    public static func normalized(_ s: String) -> String? {
        let t = s.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("#") else { return nil }
        let hex = t.dropFirst()
        guard hex.allSatisfy({ $0.isHexDigit && $0.isASCII }) else { return nil }
        if hex.count == 6 { return "#" + hex.uppercased() }
        if hex.count == 3 { return "#" + hex.map { "\($0)\($0)" }.joined().uppercased() }
        return nil
    }

    /// Whether `s` is exactly `#RRGGBB` (what verbatim writes).
    public static func isSixDigits(_ s: String) -> Bool {
        s.count == 7 && s.hasPrefix("#") && s.dropFirst().allSatisfy { $0.isHexDigit && $0.isASCII }
    }
}
