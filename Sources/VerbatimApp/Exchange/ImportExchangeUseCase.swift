import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimExchange

/// `verbatim import FILE.qdpx|FILE.qdc|FILE.qde`: a REFI-QDA project or codebook made into a new
/// study folder: the sources become transcripts, the codes a YAML codebook, the codings one
/// `codings/<user>.jsonl` per user (with their quotes and context, so that they are found again after a
/// correction), the cases' variables `cases.csv` (and `participants.csv` for speakers' cases), the sets
/// of sources `sets/<name>.txt`, the notes memos. The GUIDs go to `refi-qda.json`, so that an export
/// gives them back.
///
/// The input is only read. The study is written into a temporary folder beside the target and moved
/// into place at the end, so that a failed import leaves nothing behind; the target must be a new or
/// empty folder (importing into a study with its own transcripts and codings could mix two projects'
/// codings, and is refused).
public enum ImportExchangeUseCase {
    public struct Request: Sendable {
        public var file: String
        /// The study folder to create (default: the file's name without its extension, in the current folder).
        public var into: String?
        /// The study's and the codebook's language.
        public var language: String

        public init(file: String, into: String? = nil, language: String = "fr") {
            self.file = file
            self.into = into
            self.language = language
        }
    }

    public struct Result: Sendable {
        /// The study folder, as shown.
        public var study: String
        public var origin: String?
        public var isCodebook: Bool
        public var themes = 0
        public var documents = 0
        public var codings = 0
        public var coders: [String] = []
        public var cases = 0
        public var sets = 0
        public var memos = 0
        /// How each source's offsets were read: document, reading, selections on word boundaries, selections.
        public var offsets: [(document: String, model: String, onWords: Int, selections: Int)] = []
        /// What could not be carried, counted.
        public var notCarried: [NotCarried] = []
        public var warnings = 0
    }

    /// Imports `r.file`; problems go to `consumer`.
    /// - Throws: a one-line ``Diagnostic`` when the file cannot be read or the study cannot be written.
    public static func run(_ r: Request, consumer: any DiagnosticConsumer,
                           cwd: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws -> Result {
        let input = URL(fileURLWithPath: r.file, relativeTo: cwd).standardizedFileURL
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: input.path, isDirectory: &isDir), isDir.boolValue {
            throw Diagnostic.error(r.file, "is a folder; give a .qdpx, .qdc or .qde file")
        }
        let reading = try REFIReader.read(url: input, path: r.file)
        var warnings = reading.warnings
        let stem = (input.lastPathComponent as NSString).deletingPathExtension
        let target = URL(fileURLWithPath: r.into ?? stem, relativeTo: cwd).standardizedFileURL
        let shown = r.into ?? stem
        let fm = FileManager.default
        if fm.fileExists(atPath: target.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw Diagnostic.error(shown, "exists and is not a folder; --into takes a new folder's name") }
            let contents = ((try? fm.contentsOfDirectory(atPath: target.path)) ?? []).filter { $0 != ".DS_Store" }
            if !contents.isEmpty {
                throw Diagnostic.error(shown, "exists and is not empty; verbatim imports into a new (or empty) folder only, so that two projects' codings never mix: give another with --into")
            }
        }
        let parent = target.deletingLastPathComponent()
        guard fm.fileExists(atPath: parent.path, isDirectory: &isDir), isDir.boolValue else {
            throw Diagnostic.error(shown, "no such folder '\(parent.path)'")
        }
        let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).import-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: temporary) }
        var builder = StudyBuilder(reading: reading, root: temporary, language: r.language, display: shown)
        var result = try builder.write()
        warnings += builder.warnings
        // Into place.
        do {
            if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
            try fm.moveItem(at: temporary, to: target)
        } catch {
            throw Diagnostic.error(shown, "cannot create the study: \(SystemErrorText.reason(error))")
        }
        consumer.report(warnings)
        result.warnings = warnings.filter { $0.severity == .warning }.count
        return result
    }
}

/// Writes a study from a reading.
struct StudyBuilder {
    let reading: REFIReading
    let root: URL
    let language: String
    let display: String
    var warnings: [Diagnostic] = []
    var ids = ExchangeIDs()
    var notCarried: [String: Int] = [:]
    var notCarriedOrder: [String] = []

    init(reading: REFIReading, root: URL, language: String, display: String) {
        self.reading = reading
        self.root = root
        self.language = language
        self.display = display
        for n in reading.notCarried { skip(n.what, n.count) }
    }

    mutating func skip(_ what: String, _ n: Int = 1) {
        guard n > 0 else { return }
        if notCarried[what] == nil { notCarriedOrder.append(what) }
        notCarried[what, default: 0] += n
    }

    mutating func warn(_ message: String) { warnings.append(.warning(display, message)) }

    func write(_ text: String, _ relative: String) throws {
        let url = root.appendingPathComponent(relative)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(Data(text.utf8), to: url)
        } catch let e as AtomicFile.WriteError {
            throw Diagnostic.error(display, "cannot write \(relative): \(e.reason)")
        } catch {
            throw Diagnostic.error(display, "cannot write \(relative): \(SystemErrorText.reason(error))")
        }
    }

    mutating func write() throws -> ImportExchangeUseCase.Result {
        let p = reading.project
        var result = ImportExchangeUseCase.Result(study: display, origin: p.origin, isCodebook: reading.isCodebook)
        ids.origin = p.origin
        do { try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true) } catch {
            throw Diagnostic.error(display, "cannot create the study: \(SystemErrorText.reason(error))")
        }

        // Notes by GUID; those that end up nowhere else go to memos/notes.md.
        var notes: [String: REFIProject.Note] = [:]
        for n in p.notes where notes[n.guid] == nil { notes[n.guid] = n }
        var usedNotes = Set<String>()

        // The codebook.
        var themeOf: [String: String] = [:]
        var taken = Set<String>()
        var themeMemos: [(String, String)] = []
        func themes(_ codes: [REFIProject.Code]) -> [CodebookYAML.Theme] {
            codes.map { c in
                let label = Self.clean(c.name)
                let id = Self.unique(Self.slug(label.isEmpty ? "code" : label), &taken)
                // A GUID met twice (reported by the reader) names the first code; the other gets its own.
                if themeOf[c.guid] == nil {
                    themeOf[c.guid] = id
                    ids.guids["theme:" + id] = c.guid
                }
                ids.codable[id] = c.isCodable
                if label != c.name || label.isEmpty { ids.names["theme:" + id] = c.name }
                let memo = c.noteRefs.compactMap { notes[$0] }.map(\.text).filter { !$0.isEmpty }
                for g in c.noteRefs where notes[g] != nil {
                    usedNotes.insert(g)
                    ids.guids["note:theme:" + id] = g
                    ids.names["note:theme:" + id] = notes[g]!.name
                }
                if !memo.isEmpty { themeMemos.append((id, memo.joined(separator: "\n\n"))) }
                return CodebookYAML.Theme(id: id, label: label.isEmpty ? id : label, color: c.color, description: ThemeDescription(parsing: c.description),
                                          children: themes(c.children))
            }
        }
        let tree = themes(p.codes)
        result.themes = taken.count
        let codeSets = p.sets.filter { !$0.memberCodes.isEmpty }
        if !codeSets.isEmpty { skip("code sets (groups of codes; the codebook's hierarchy is kept)", codeSets.count) }
        let title = p.name.isEmpty ? (reading.isCodebook ? "Imported codebook" : "Imported project") : Self.clean(p.name)
        if title != p.name { ids.names["project:name"] = p.name }
        try write(CodebookYAML.text(id: Self.slug(title), title: title, language: language, origin: p.origin, themes: tree), "codebook.yaml")

        // Users.
        var userName: [String: String] = [:]
        var takenCoders = Set<String>()
        for u in p.users where userName[u.guid] == nil {
            let name = Self.unique(Self.coderName(u.name.isEmpty ? "user" : u.name), &takenCoders, separator: " ")
            userName[u.guid] = name
            ids.guids["user:" + name] = u.guid
        }
        func coder(_ guids: String?...) -> String {
            for g in guids { if let g, let n = userName[g] { return n } }
            for g in guids {
                if let g {
                    let name = Self.unique("user " + String(g.prefix(8)).lowercased(), &takenCoders, separator: " ")
                    userName[g] = name
                    ids.guids["user:" + name] = g
                    return name
                }
            }
            if let n = userName["(unknown)"] { return n }
            userName["(unknown)"] = "imported"
            return "imported"
        }

        // Sources: text files written first, then read back as the study reads them.
        var documentOf: [String: String] = [:]
        var takenDocuments = Set<String>()
        var written: [(source: REFIProject.TextSource, document: String, resolved: ResolvedSource)] = []
        var documentMemos: [String: [String]] = [:]
        for s in p.sources {
            if documentOf[s.guid] != nil {
                warn("source '\(s.name)' repeats the GUID \(s.guid) of another source; left out")
                skip("sources with a duplicate GUID")
                continue
            }
            guard s.text != nil else {
                skip("text sources without their text (missing file)")
                skip("selections of text sources without their text", s.selections.count)
                continue
            }
            let document = Self.uniqueDocument(Self.documentName(s.name.isEmpty ? s.guid : s.name), &takenDocuments)
            documentOf[s.guid] = document
            ids.guids["document:" + document] = s.guid
            if s.name != document { ids.names["document:" + document] = s.name }
            let resolved = SelectionResolver.resolve(s, origin: p.origin, hadBOM: reading.sourcesWithBOM.contains(s.guid))
            for w in resolved.warnings { warn("\(s.name.isEmpty ? document : s.name): \(w)") }
            try write(resolved.text, "transcripts/" + document)
            written.append((s, document, resolved))
            if let d = s.description { documentMemos[document, default: []].append(d) }
            for g in s.noteRefs {
                guard let n = notes[g] else { continue }
                usedNotes.insert(g)
                if !n.text.isEmpty { documentMemos[document, default: []].append(n.text) }
            }
            result.offsets.append((document, resolved.model.description, resolved.onWordBoundaries, s.selections.count))
        }
        result.documents = written.count

        // Cases and variables.
        let variables = Dictionary(p.variables.map { ($0.guid, $0) }, uniquingKeysWith: { a, _ in a })
        var columns: [String] = []
        var participantColumns: [String] = []
        var rows: [String: [String: String]] = [:]
        var participantRows: [(document: String, speaker: String, values: [String: String])] = []
        func record(_ values: [(variable: String, value: String?)], document: String, into row: inout [String: String], columns: inout [String], what: String) {
            for (g, value) in values {
                guard let v = variables[g] else {
                    warn("\(what) has a value for an unknown variable \(g); left out")
                    continue
                }
                let name = Self.clean(v.name)
                ids.guids["variable:" + name] = v.guid
                if !columns.contains(name) { columns.append(name) }
                guard let value else { continue }
                if let old = row[name], old != value {
                    warn("\(what): variable '\(name)' of \(document) is both '\(old)' and '\(value)'; the first is kept")
                } else {
                    row[name] = value
                }
            }
        }
        for c in p.cases {
            let sources = c.sourceRefs.compactMap { documentOf[$0] }
            if sources.isEmpty {
                skip("cases without a text source")
                continue
            }
            let what = "case '\(c.name ?? c.guid)'"
            if let d = c.description, d.hasPrefix(ParticipantCase.marker), sources.count == 1 {
                let speaker = String(d.dropFirst(ParticipantCase.marker.count))
                var row: [String: String] = [:]
                record(c.values, document: sources[0], into: &row, columns: &participantColumns, what: what)
                participantRows.append((sources[0], speaker, row))
                ids.guids["case:speaker:\(sources[0]):\(speaker)"] = c.guid
                if let n = c.name { ids.names["case:\(sources[0]):\(speaker)"] = n }
                continue
            }
            for d in sources {
                var row = rows[d] ?? [:]
                record(c.values, document: d, into: &row, columns: &columns, what: what)
                rows[d] = row
                if sources.count == 1 {
                    ids.guids["case:document:" + d] = c.guid
                    if let n = c.name { ids.names["case:" + d] = n }
                }
            }
            if sources.count > 1 { skip("cases spanning several sources (their values are copied to each)") }
            result.cases += 1
        }
        for (s, document, _) in written where !s.values.isEmpty {
            var row = rows[document] ?? [:]
            record(s.values, document: document, into: &row, columns: &columns, what: "source '\(s.name)'")
            rows[document] = row
        }
        result.cases += participantRows.count
        var cases = CSVText.row(["document"] + columns)
        for (_, document, _) in written where rows[document] != nil {
            cases += CSVText.row([document] + columns.map { rows[document]![$0] ?? "" })
        }
        try write(cases, "cases.csv")
        var participants = CSVText.row(["document", "speaker"] + participantColumns)
        for row in participantRows { participants += CSVText.row([row.document, row.speaker] + participantColumns.map { row.values[$0] ?? "" }) }
        try write(participants, "participants.csv")

        // Sets of sources.
        var takenSets = Set<String>()
        for s in p.sets where !s.memberSources.isEmpty {
            let members = s.memberSources.compactMap { documentOf[$0] }
            if members.count < s.memberSources.count { skip("set members that are not imported sources", s.memberSources.count - members.count) }
            guard !members.isEmpty else { skip("sets of sources none of which is imported"); continue }
            let name = Self.unique(Self.slug(s.name.isEmpty ? "set" : s.name), &takenSets)
            ids.guids["set:" + name] = s.guid
            if s.name != name { ids.names["set:" + name] = s.name }
            try write(members.map { $0 + "\n" }.joined(), "sets/\(name).txt")
            result.sets += 1
        }

        // The study's settings, so that the transcripts can be read back.
        let config = StudyTemplate.configText
            .replacingOccurrences(of: "name: My study", with: "name: " + CodebookYAML.quoted(title))
            .replacingOccurrences(of: "language: fr", with: "language: " + CodebookYAML.quoted(language))
            .replacingOccurrences(of: "# codebook: codebook.yaml", with: "codebook: codebook.yaml")
        try write("# Imported from \(reading.isCodebook ? "a REFI-QDA codebook" : "a REFI-QDA project")\(p.origin.map { " written by \($0)" } ?? "") by 'verbatim import'.\n" + config, Study.configName)

        // Codings, placed in the texts as the study reads them.
        let study: Study
        do { study = try Study(root: root) } catch let e as DiagnosticConvertible {
            throw Diagnostic.error(display, "the imported study cannot be opened: \(e.diagnostic.message)")
        }
        var byCoder: [String: [HumanCoding]] = [:]
        var codingIDs = Set<String>()
        for (s, document, resolved) in written {
            let transcript: Transcript
            do { transcript = try study.load(document: document, url: root.appendingPathComponent("transcripts/" + document)) } catch let e as DiagnosticConvertible {
                warn("\(document): cannot be read back (\(e.diagnostic.message)); its codings are left out")
                skip("codings of sources that cannot be read back", s.selections.reduce(0) { $0 + $1.codings.count })
                continue
            }
            let same = transcript.text == resolved.text
            let writtenBytes = Array(resolved.text.utf8)
            let transcriptBytes = same ? writtenBytes : Array(transcript.text.utf8)
            var unplaced = 0, unknownCodes = 0, empty = 0, outside = 0
            for (i, sel) in s.selections.enumerated() {
                guard let span = resolved.spans[i] else { empty += 1; continue }
                var (q, prefix, suffix) = Self.context(writtenBytes, start: span.start, end: span.end)
                var start = span.start, end = span.end
                if !same {
                    q = q.precomposedStringWithCanonicalMapping
                    prefix = prefix.precomposedStringWithCanonicalMapping
                    suffix = suffix.precomposedStringWithCanonicalMapping
                    let probe = HumanCoding(id: "", document: document, turn: 0, start: start, end: end, quote: q, prefix: prefix, suffix: suffix,
                                            theme: "", coder: "", status: .manual, time: "")
                    guard let placed = Anchor.place(probe, in: transcript.text) else { unplaced += sel.codings.count; continue }
                    (start, end) = placed
                    (q, prefix, suffix) = Self.context(transcriptBytes, start: start, end: end)
                }
                if sel.codings.isEmpty {
                    if let d = sel.description { documentMemos[document, default: []].append("«\(q)»: \(d)") }
                    else { skip("selections without codes or comments") }
                    continue
                }
                let inTurn = transcript.turns.first { $0.start <= start && start < $0.end }?.index
                if inTurn == nil { outside += sel.codings.count }
                let turn = inTurn ?? transcript.turns.last { $0.start <= start }?.index ?? transcript.turns.first?.index ?? 1
                for (k, c) in sel.codings.enumerated() {
                    guard let theme = themeOf[c.code] else { unknownCodes += 1; continue }
                    let user = coder(c.creatingUser, sel.creatingUser, sel.modifyingUser, p.creatingUser)
                    var id = "m-" + String(SHA256.hexDigest(of: Array(("refi:" + c.guid).utf8)).prefix(12))
                    var n = 2
                    while codingIDs.contains(id) { id = "m-" + String(SHA256.hexDigest(of: Array("refi:\(c.guid):\(n)".utf8)).prefix(12)); n += 1 }
                    codingIDs.insert(id)
                    ids.guids["coding:" + id] = c.guid
                    ids.guids["selection:\(document):\(start):\(end)"] = ids.guids["selection:\(document):\(start):\(end)"] ?? sel.guid
                    let time = Self.utc(c.creationDateTime) ?? Self.utc(sel.creationDateTime) ?? Self.utc(p.creationDateTime) ?? HumanCoding.now()
                    byCoder[user, default: []].append(HumanCoding(
                        id: id, document: document, turn: turn, start: start, end: end, quote: q, prefix: prefix, suffix: suffix,
                        theme: theme, coder: user, status: .manual, time: time, memo: k == 0 ? sel.description : nil))
                    result.codings += 1
                }
            }
            if unplaced > 0 { warn("\(document): \(unplaced) coding\(unplaced == 1 ? "" : "s") whose text is not found in the transcript as verbatim reads it; left out"); skip("codings whose text is not found", unplaced) }
            if unknownCodes > 0 { warn("\(document): \(unknownCodes) coding\(unknownCodes == 1 ? "" : "s") with a code that is not in the codebook; left out"); skip("codings with an unknown code", unknownCodes) }
            if outside > 0 {
                warn("\(document): \(outside) coding\(outside == 1 ? " is" : "s are") outside the speaker turns verbatim reads (before the first speaker label, or between turns): kept in codings/, but not counted until the transcript's labels are fixed (see 'verbatim show \(document)')")
            }
            if empty > 0 { warn("\(document): \(empty) empty selection\(empty == 1 ? "" : "s") (start = end after reading the offsets); left out"); skip("empty selections", empty) }
        }
        let store = CodingStore(root: root)
        for (name, codings) in byCoder.sorted(by: { $0.key < $1.key }) {
            try store.update(coder: name) { $0 = codings }
        }
        try? FileManager.default.removeItem(at: root.appendingPathComponent(".verbatim"))
        result.coders = byCoder.keys.sorted()

        // Memos.
        for (id, text) in themeMemos { try write(text, "memos/themes/\(id).md"); result.memos += 1 }
        for (document, texts) in documentMemos.sorted(by: { $0.key < $1.key }) {
            try write(texts.joined(separator: "\n\n"), "memos/documents/\(document.replacingOccurrences(of: "/", with: "__")).md")
            result.memos += 1
        }
        var journal: [String] = []
        if let d = p.description { journal.append(d) }
        for n in p.notes where !usedNotes.contains(n.guid) && !n.text.isEmpty { journal.append((n.name.isEmpty ? "" : "## \(n.name)\n\n") + n.text) }
        if !journal.isEmpty {
            try write(journal.joined(separator: "\n\n") + "\n", "memos/project.md")
            result.memos += 1
        }

        try write(String(decoding: try ids.encoded(), as: UTF8.self), ExchangeIDs.fileName)
        try write("# verbatim's index and locks, rebuilt from the study's files\n.verbatim/\n", ".gitignore")
        result.notCarried = notCarriedOrder.map { NotCarried(what: $0, count: notCarried[$0]!) }
        return result
    }

    /// What ``QuoteContext/of(_:start:end:)`` gives, decoding only the span and a window around it
    /// (a long source has hundreds of selections).
    static func context(_ bytes: [UInt8], start: Int, end: Int) -> (quote: String, prefix: String, suffix: String) {
        let window = QuoteContext.width * 16
        var lo = max(0, start - window)
        while lo > 0 && lo < bytes.count && bytes[lo] & 0xC0 == 0x80 { lo -= 1 }
        var hi = min(bytes.count, end + window)
        while hi < bytes.count && bytes[hi] & 0xC0 == 0x80 { hi += 1 }
        let quote = String(decoding: bytes[start..<end], as: UTF8.self)
        let before = String(decoding: bytes[lo..<start], as: UTF8.self)
        let after = String(decoding: bytes[end..<hi], as: UTF8.self)
        return (quote, String(before.suffix(QuoteContext.width)), String(after.prefix(QuoteContext.width)))
    }

    // MARK: Names

    /// Text without the characters a YAML or CSV file should not hold (C0 controls), trimmed.
    static func clean(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars { out.append(u.value < 0x20 && u != "\n" ? " " : u) }
        return String(out).replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
    }

    static func slug(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        var out = ""
        var dash = false
        for u in folded.unicodeScalars {
            if (u >= "a" && u <= "z") || (u >= "0" && u <= "9") {
                if dash && !out.isEmpty { out.append("-") }
                dash = false
                out.unicodeScalars.append(u)
            } else {
                dash = true
            }
        }
        return out.isEmpty ? "theme" : String(out.prefix(60))
    }

    static func unique(_ base: String, _ taken: inout Set<String>, separator: String = "-") -> String {
        var name = base
        var n = 2
        while taken.contains(name) { name = "\(base)\(separator)\(n)"; n += 1 }
        taken.insert(name)
        return name
    }

    /// A coder's name that can name `codings/<coder>.jsonl`.
    static func coderName(_ s: String) -> String {
        var name = clean(s).replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: "\\", with: "-").replacingOccurrences(of: ":", with: "-")
        while name.hasPrefix(".") { name.removeFirst() }
        if name.isEmpty || name == "." || name == ".." { name = "user" }
        return String(name.prefix(64))
    }

    /// A transcript's file name: the source's name, `.txt`, no folder.
    static func documentName(_ name: String) -> String {
        var base = clean(name).replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: "\\", with: "-")
        while base.hasPrefix(".") { base.removeFirst() }
        let ext = (base as NSString).pathExtension.lowercased()
        if ["txt", "docx", "doc", "rtf", "odt", "pdf", "md", "vtt", "srt", "sbv", "html", "htm"].contains(ext) {
            base = (base as NSString).deletingPathExtension
        }
        if base.isEmpty { base = "source" }
        return String(base.prefix(120)) + ".txt"
    }

    static func uniqueDocument(_ name: String, _ taken: inout Set<String>) -> String {
        let stem = (name as NSString).deletingPathExtension
        var candidate = name
        var n = 2
        while taken.contains(candidate.lowercased()) { candidate = "\(stem)-\(n).txt"; n += 1 }
        taken.insert(candidate.lowercased())
        return candidate
    }

    /// A date-time as verbatim stores it (UTC, to the second), from any `xsd:dateTime`: with or without a
    /// zone (none is read as UTC), with fractions of a second.
    static func utc(_ s: String?) -> String? {
        guard var t = s?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        t = t.replacingOccurrences(of: " ", with: "T")
        let withZone = t.hasSuffix("Z") || t.range(of: #"[+-]\d\d:?\d\d$"#, options: .regularExpression) != nil
        if !withZone { t += "Z" }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var date = f.date(from: t)
        if date == nil { f.formatOptions = [.withInternetDateTime]; date = f.date(from: t) }
        guard let date else { return nil }
        let out = ISO8601DateFormatter()
        out.formatOptions = [.withInternetDateTime]
        out.timeZone = TimeZone(identifier: "UTC")
        return out.string(from: date)
    }
}

/// CSV rows as the study's tables are written (RFC 4180 quoting when needed).
enum CSVText {
    static func row(_ fields: [String]) -> String {
        fields.map { f in
            f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || f.hasPrefix(" ") || f.hasSuffix(" ")
                ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
        }.joined(separator: ",") + "\n"
    }
}

/// A codebook written as YAML: themes with their labels, colours, definitions, criteria and examples
/// (no rules: an imported codebook is applied by hand, or given rules afterwards).
enum CodebookYAML {
    struct Theme {
        var id: String
        var label: String
        var color: String?
        var description: ThemeDescription
        var children: [Theme]
    }

    /// A double-quoted YAML scalar (JSON's escapes are YAML's).
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80..<0xA0).contains(u.value) || u.value == 0xFEFF || u.value == 0x2028 || u.value == 0x2029 {
                    out += String(format: "\\u%04X", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    static func text(id: String, title: String, language: String, origin: String?, themes: [Theme]) -> String {
        var out = "# Imported by 'verbatim import'\(origin.map { " from a file written by \($0)" } ?? "").\n"
        out += "# The themes have no rules yet: code by hand ('verbatim tag'), or add rules to a theme.\n"
        out += "codebook: \(quoted(id))\ntitle: \(quoted(title))\nlanguage: \(quoted(language))\n"
        if themes.isEmpty { return out + "themes: []\n" }
        out += "themes:\n"
        func write(_ t: Theme, _ depth: Int) {
            let pad = String(repeating: "  ", count: depth)
            out += "\(pad)- id: \(quoted(t.id))\n"
            out += "\(pad)  label: \(quoted(t.label))\n"
            if let c = t.color { out += "\(pad)  color: \(quoted(c))\n" }
            let d = t.description
            if let v = d.definition { out += "\(pad)  definition: \(quoted(v))\n" }
            if let v = d.include { out += "\(pad)  include: \(quoted(v))\n" }
            if let v = d.exclude { out += "\(pad)  exclude: \(quoted(v))\n" }
            if !d.examples.isEmpty { out += "\(pad)  examples:\n" + d.examples.map { "\(pad)    - \(quoted($0))\n" }.joined() }
            if !d.counterexamples.isEmpty { out += "\(pad)  counterexamples:\n" + d.counterexamples.map { "\(pad)    - \(quoted($0))\n" }.joined() }
            if !t.children.isEmpty {
                out += "\(pad)  themes:\n"
                for c in t.children { write(c, depth + 2) }
            }
        }
        for t in themes { write(t, 0) }
        return out
    }
}
