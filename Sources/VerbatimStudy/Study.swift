import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Yams
import VerbatimModel
import VerbatimIngest

/// A study: a folder with `verbatim.yaml`, its transcripts and its attribute tables; or, for bare file
/// paths given without a study, a set of files read with the defaults.
public final class Study: @unchecked Sendable {
    /// The study folder, or nil for bare files.
    public let root: URL?
    public let config: StudyConfig
    /// Problems found loading the configuration and the tables (not the transcripts): every command that
    /// reads documents reports them (they are in ``Corpus/diagnostics``).
    public private(set) var diagnostics: [Diagnostic] = []
    /// Document attributes from `cases.csv`, keyed by document name: the document a row's name finds
    /// (``DocumentResolver``), or the name as written when it finds none.
    public private(set) var cases: [String: Attributes] = [:]
    /// Line of each document in `cases.csv` (its first row).
    public private(set) var caseLines: [String: Int] = [:]
    /// Order of the columns of `cases.csv`.
    public private(set) var caseColumns: [String] = []
    /// Speaker attributes from `participants.csv`: document -> speaker label -> attributes, keyed as
    /// `cases` is.
    public private(set) var participants: [String: [String: Attributes]] = [:]
    public private(set) var participantLines: [String: [String: Int]] = [:]
    /// Names in `cases.csv` and `participants.csv` that find no transcript of the study, as written.
    public private(set) var unmatchedCaseNames: Set<String> = []
    public private(set) var unmatchedParticipantNames: Set<String> = []
    public let segmenter: TurnSegmenter

    public static let configName = "verbatim.yaml"

    /// Finds the study folder containing `start` or one of its parents (like git).
    public static func find(from start: URL) -> URL? {
        var dir = start.standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(configName).path) { return dir }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    /// Opens the study at `root`.
    public init(root: URL) throws {
        self.root = root.standardizedFileURL
        let configURL = root.appendingPathComponent(Study.configName)
        let configPath = Study.display(configURL)
        guard let data = FileManager.default.contents(atPath: configURL.path) else {
            throw StudyError(.error(configPath, "cannot read the study configuration"))
        }
        let text: String
        do { text = try TextDecoder.decode(data, path: configPath, notText: "a text file of settings").text } catch let e as IngestError {
            throw StudyError(e.diagnostic)
        }
        let (config, warnings) = try StudyConfig.parse(text, path: configPath)
        self.config = config
        self.diagnostics = warnings
        do { self.segmenter = try TurnSegmenter(rules: config.speakerRules) } catch let e as IngestError {
            throw StudyError(.error(configPath, e.message))
        }
        checkTranscriptFolders(configPath: configPath)
        let resolver = DocumentResolver(documents: documentURLs().map(\.document), folders: config.transcripts)
        loadCases(resolver)
        loadParticipants(resolver)
        loadNames()
    }

    /// A study for bare files: defaults, no tables.
    public init(bareFilesWith config: StudyConfig = StudyConfig()) {
        self.root = nil
        self.config = config
        self.segmenter = (try? TurnSegmenter(rules: config.speakerRules)) ?? (try! TurnSegmenter())
    }

    /// A path shown to the user: relative to the current directory when inside it.
    public static func display(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let p = url.standardizedFileURL.path
        if p.hasPrefix(cwd + "/") { return String(p.dropFirst(cwd.count + 1)) }
        return p
    }

    public var name: String { config.name }

    /// The codebook named by `codebook:` in verbatim.yaml, resolved against the study folder.
    public var codebookURL: URL? {
        guard let root, let c = config.codebook, !c.isEmpty else { return nil }
        return c.hasPrefix("/") ? URL(fileURLWithPath: c) : root.appendingPathComponent(c).standardizedFileURL
    }

    // MARK: Documents

    /// The folder `transcripts:` names: an absolute path as it is, else inside the study folder.
    public func transcriptsFolder(_ folder: String) -> URL? {
        guard let root else { return nil }
        if folder.hasPrefix("/") { return URL(fileURLWithPath: folder).standardizedFileURL }
        return root.appendingPathComponent(folder).standardizedFileURL
    }

    /// The transcript files of the study, sorted by document name. A transcripts folder that is a
    /// symbolic link is followed; the files keep their paths through the link.
    public func documentURLs() -> [(document: String, url: URL)] {
        // Listed once per study object while no transcript folder changed (a file added, removed or
        // renamed changes its folder's time): the study's loading and the corpus both need the list.
        listingLock.lock()
        defer { listingLock.unlock() }
        if let cached = listing, cached.folders.allSatisfy({ FileStat.of($0.path) == $0.stat }) { return cached.documents }
        var folders: [(path: String, stat: FileStat?)] = []
        let documents = listDocuments(&folders)
        listing = (documents, folders)
        return documents
    }

    private let listingLock = NSLock()
    private var listing: (documents: [(document: String, url: URL)], folders: [(path: String, stat: FileStat?)])?

    private func listDocuments(_ folders: inout [(path: String, stat: FileStat?)]) -> [(document: String, url: URL)] {
        var out: [(String, URL)] = []
        for folder in config.transcripts {
            guard let base = transcriptsFolder(folder) else { continue }
            let real = base.resolvingSymlinksInPath()
            folders.append((real.path, FileStat.of(real.path)))
            guard let e = FileManager.default.enumerator(at: real, includingPropertiesForKeys: [.isRegularFileKey],
                                                         options: [.skipsHiddenFiles]) else { continue }
            let realPrefix = real.standardizedFileURL.path + "/"
            for case let url as URL in e {
                guard TranscriptReader.extensions.contains(url.pathExtension.lowercased()) else {
                    if url.hasDirectoryPath { folders.append((url.path, FileStat.of(url.path))) }
                    continue
                }
                // The enumerator's URLs are built under `real`: no need to standardise each one.
                var p = url.path
                if !p.hasPrefix(realPrefix) { p = url.standardizedFileURL.path }
                guard p.hasPrefix(realPrefix) else { continue }
                let rel = String(p.dropFirst(realPrefix.count))
                out.append((rel, real == base ? url : base.appendingPathComponent(rel)))
            }
        }
        return out.map { (key: NaturalOrder($0.0), entry: $0) }.sorted { $0.key < $1.key }.map(\.entry)
    }

    /// Whether some transcript folder holds a transcript (stops at the first).
    func hasDocuments() -> Bool {
        for folder in config.transcripts {
            guard let base = transcriptsFolder(folder),
                  let e = FileManager.default.enumerator(at: base.resolvingSymlinksInPath(), includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
            else { continue }
            for case let url as URL in e where TranscriptReader.extensions.contains(url.pathExtension.lowercased()) { return true }
        }
        return false
    }

    /// The document name for a file: its path relative to a transcript folder of the study, or its file name.
    public func documentName(for url: URL) -> String {
        let p = url.standardizedFileURL.path
        for folder in config.transcripts {
            guard let base = transcriptsFolder(folder) else { continue }
            for prefix in Set([base.path, base.resolvingSymlinksInPath().standardizedFileURL.path]) where p.hasPrefix(prefix + "/") {
                return String(p.dropFirst(prefix.count + 1))
            }
        }
        return url.lastPathComponent
    }

    /// Reports a transcripts folder that is missing, not a folder or without any transcript (an error:
    /// every count would be of nothing), and one outside the study folder (a warning naming it).
    private func checkTranscriptFolders(configPath: String) {
        guard let root else { return }
        let fm = FileManager.default
        let line = config.transcriptsLine
        for folder in config.transcripts {
            guard let base = transcriptsFolder(folder) else { continue }
            let shown = Study.display(base)
            var isDir: ObjCBool = false
            if !fm.fileExists(atPath: base.path, isDirectory: &isDir) {
                diagnostics.append(.error(configPath, line: line, "the transcripts folder '\(folder)' does not exist (\(shown)): check 'transcripts:'"))
                continue
            }
            if !isDir.boolValue {
                diagnostics.append(.error(configPath, line: line, "the transcripts folder '\(folder)' is not a folder (\(shown)): check 'transcripts:'"))
                continue
            }
            let lexical = base.path
            if !(lexical == root.path || lexical.hasPrefix(root.path + "/")) {
                let real = base.resolvingSymlinksInPath().standardizedFileURL.path
                diagnostics.append(.warning(configPath, line: line, "the transcripts folder '\(folder)' is outside the study folder: reading \(real)"))
            }
        }
        if config.transcripts.count > 0 && !hasDocuments() {
            let names = config.transcripts.filter { f in
                guard let u = transcriptsFolder(f) else { return false }
                var d: ObjCBool = false
                return fm.fileExists(atPath: u.path, isDirectory: &d) && d.boolValue
            }
            if names.count == config.transcripts.count, let first = names.first, let u = transcriptsFolder(first) {
                let shown = names.count == 1 ? Study.display(u) : names.joined(separator: ", ")
                diagnostics.append(.error(shown, "the study's transcripts folder\(names.count == 1 ? "" : "s") hold\(names.count == 1 ? "s" : "") no transcript file (.txt, .md, .docx, .odt, .vtt, .srt, .sbv): nothing to read"))
            }
        }
    }

    /// Reads and segments one transcript, with its attributes.
    public func load(document: String, url: URL) throws -> Transcript {
        let path = Study.display(url)
        let source = try TranscriptReader.read(url: url, path: path)
        var attributes = attributesFor(document: document)
        var diagnostics: [Diagnostic] = []
        if let fm = source.frontMatter {
            do {
                let front = try frontMatterAttributes(fm, path: path, firstLine: source.frontMatterLine ?? 2)
                var merged = front
                merged.merge(attributes)  // the case table wins over front matter
                attributes = merged
            } catch let e as StudyError {
                diagnostics.append(e.diagnostic)
            }
        }
        let interviewers = Study.interviewers(in: attributes)
        var t = segmenter.segment(source, document: document, documentInterviewers: interviewers)
        t.attributes = attributes
        t.speakerAttributes = participantsFor(document: document)
        t.diagnostics.append(contentsOf: diagnostics)
        return t
    }

    /// The interviewers a document's attributes name (`interviewer`, `enqueteur` or `interviewers`
    /// column, several separated by , ; / or &).
    public static func interviewers(in attributes: Attributes) -> [String] {
        (attributes["interviewer"] ?? attributes["enqueteur"] ?? attributes["interviewers"] ?? "")
            .split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "/" || $0 == "&" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// A document's attributes from the case table. The rows were matched to the study's transcripts
    /// when the table was read (``DocumentResolver``); a document outside the transcripts folders takes
    /// the row, among those that found no transcript, whose name finds it by the same rules.
    public func attributesFor(document: String) -> Attributes {
        if let a = cases[document] { return a }
        if let name = Study.unmatchedName(for: document, among: unmatchedCaseNames) { return cases[name] ?? Attributes() }
        return Attributes()
    }

    /// A document's speakers' attributes from the participants table (speaker label -> attributes),
    /// matched as ``attributesFor(document:)`` matches the case table.
    public func participantsFor(document: String) -> [String: Attributes] {
        if let p = participants[document] { return p }
        if let name = Study.unmatchedName(for: document, among: unmatchedParticipantNames) { return participants[name] ?? [:] }
        return [:]
    }

    /// The line of each speaker's row of the participants table for a document.
    public func participantLinesFor(document: String) -> [String: Int] {
        if let p = participantLines[document] { return p }
        if let name = Study.unmatchedName(for: document, among: unmatchedParticipantNames) { return participantLines[name] ?? [:] }
        return [:]
    }

    /// The only name of `names` (table names that found no transcript) that finds `document`.
    static func unmatchedName(for document: String, among names: Set<String>) -> String? {
        guard !names.isEmpty else { return nil }
        let one = DocumentResolver(documents: [document])
        let found = names.filter { one.resolve($0) == .document(document) }
        return found.count == 1 ? found.first : nil
    }

    func frontMatterAttributes(_ yaml: String, path: String, firstLine: Int) throws -> Attributes {
        var attrs = Attributes()
        let node: Node?
        do { node = try YAMLSupport.compose(yaml, path: path) } catch let e as StudyError {
            var d = e.diagnostic
            if let l = d.line { d.line = l + firstLine - 1 }
            throw StudyError(d)
        }
        guard let node else { return attrs }
        guard case .mapping(let map) = node else {
            throw StudyError(.error(path, line: firstLine, "the front matter must map attribute names to values (group: senior), not be a list or a single value"))
        }
        try YAMLSupport.rejectDuplicateKeys(node, path: path, lineOffset: firstLine - 1)
        for (k, v) in map {
            guard let key = YAMLSupport.string(k) else { continue }
            if let s = YAMLSupport.string(v) { attrs[key] = s }
            else if let list = YAMLSupport.strings(v) { attrs[key] = list.joined(separator: ", ") }
        }
        return attrs
    }

    // MARK: Tables

    private func tableURL(_ name: String) -> URL? { root.map { $0.appendingPathComponent(name) } }

    /// The bytes of a table, or nil: when there is no such file (a study need not have it), or when it
    /// cannot be read, which is an error naming it and why (a symbolic link to nothing, a folder, no
    /// permission): the attributes it holds would silently be missing from every count.
    private func tableData(_ url: URL, what: String) -> Data? {
        let path = Study.display(url)
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return nil }
        if info.st_mode & S_IFMT == S_IFLNK, stat(url.path, &info) != 0 {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "?"
            diagnostics.append(.error(path, "cannot read \(what): it is a symbolic link to '\(target)', which does not exist"))
            return nil
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            diagnostics.append(.error(path, "cannot read \(what): it is a folder"))
            return nil
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            diagnostics.append(.error(path, "cannot read \(what): \(SystemErrorText.reason(error))"))
            return nil
        }
    }

    /// What a table row's document name finds: the document, the name itself when it finds none (kept
    /// for documents outside the transcripts folders), or nil when it is ambiguous (an error).
    private func documentKey(_ name: String, _ resolver: DocumentResolver, path: String, line: Int, unmatched: inout Set<String>) -> String? {
        switch resolver.resolve(name) {
        case .document(let d): return d
        case .ambiguous(let candidates):
            diagnostics.append(.error(path, line: line, DocumentResolver.ambiguity(name, candidates) + "; the row is not used"))
            return nil
        case .none:
            unmatched.insert(name)
            return name
        }
    }

    /// Rows of a table that are about the same thing (a document, or a document's speaker), merged:
    /// the values all the rows agree on are kept; a column where they differ is left out and reported
    /// as an error, since nothing says which row is right.
    private func merge(_ rows: [(line: Int, name: String, attributes: Attributes)], what: String, path: String) -> Attributes {
        guard let first = rows.first else { return Attributes() }
        if rows.count == 1 { return first.attributes }
        let times = rows.count == 2 ? "twice" : "\(rows.count) times"
        var names: [String] = []
        for r in rows where !names.contains(r.name) { names.append(r.name) }
        let written = names.count > 1 ? ", written " + names.map { "'\($0)'" }.joined(separator: ", ") : ""
        var columns: [String] = []
        for r in rows { for n in r.attributes.names where !columns.contains(n) { columns.append(n) } }
        var merged = Attributes()
        var differing: [String] = []
        for c in columns {
            let values = rows.map { $0.attributes[c] ?? "" }
            var distinct: [String] = []
            for v in values where !distinct.contains(v) { distinct.append(v) }
            if distinct.count == 1 { merged[c] = distinct[0] } else {
                differing.append("\(c) (\(distinct.map { $0.isEmpty ? "empty" : "'\($0)'" }.joined(separator: ", ")))")
            }
        }
        let later = rows[1].line
        if differing.isEmpty {
            diagnostics.append(.warning(path, line: later, "\(what) appears \(times) (first on line \(first.line)\(written)) with the same values; keep one row"))
        } else {
            diagnostics.append(.error(path, line: later, "\(what) appears \(times) (first on line \(first.line)\(written)) with different values for "
                + differing.joined(separator: ", ") + ": \(differing.count == 1 ? "that attribute is" : "those attributes are") left empty until one row remains"))
        }
        return merged
    }

    private func loadCases(_ resolver: DocumentResolver) {
        guard let url = tableURL(config.cases), let data = tableData(url, what: "the case table ('cases:' in \(Study.configName))") else { return }
        let path = Study.display(url)
        do {
            let table = try CSVTable.parse(data, path: path)
            guard let docCol = table.column(["document", "file", "fichier", "filename", "doc", "transcript"]) ?? (table.header.isEmpty ? nil : 0) else { return }
            caseColumns = table.header.enumerated().filter { $0.offset != docCol }.map { $0.element }
            var order: [String] = []
            var rows: [String: [(line: Int, name: String, attributes: Attributes)]] = [:]
            for (line, fields) in table.rows {
                let doc = fields[docCol]
                guard !doc.isEmpty else {
                    diagnostics.append(.warning(path, line: line, "row without a document name"))
                    continue
                }
                guard let key = documentKey(doc, resolver, path: path, line: line, unmatched: &unmatchedCaseNames) else { continue }
                var a = Attributes()
                for (i, h) in table.header.enumerated() where i != docCol && !h.isEmpty {
                    if !fields[i].isEmpty { a[h] = fields[i] }
                }
                if rows[key] == nil { order.append(key) }
                rows[key, default: []].append((line, doc, a))
            }
            for key in order {
                let r = rows[key]!
                cases[key] = merge(r, what: "document '\(key)'", path: path)
                caseLines[key] = r[0].line
            }
        } catch let e as IngestError {
            diagnostics.append(e.diagnostic)
        } catch {
            diagnostics.append(.error(path, "cannot read the case table"))
        }
    }

    private func loadParticipants(_ resolver: DocumentResolver) {
        guard let url = tableURL(config.participants), let data = tableData(url, what: "the participants table ('participants:' in \(Study.configName))") else { return }
        let path = Study.display(url)
        do {
            let table = try CSVTable.parse(data, path: path)
            guard let docCol = table.column(["document", "file", "fichier", "doc"]),
                  let spkCol = table.column(["speaker", "label", "locuteur", "participant", "intervenant"]) else {
                diagnostics.append(.error(path, line: 1, "participants table needs a 'document' and a 'speaker' column"))
                return
            }
            struct Key: Hashable { var document: String; var speaker: String }
            var order: [Key] = []
            var rows: [Key: [(line: Int, name: String, attributes: Attributes)]] = [:]
            var labels: [Key: String] = [:]
            for (line, fields) in table.rows {
                let doc = fields[docCol], spk = fields[spkCol]
                guard !doc.isEmpty, !spk.isEmpty else { continue }
                guard let document = documentKey(doc, resolver, path: path, line: line, unmatched: &unmatchedParticipantNames) else { continue }
                var a = Attributes()
                for (i, h) in table.header.enumerated() where i != docCol && i != spkCol && !h.isEmpty {
                    if !fields[i].isEmpty { a[h] = fields[i] }
                }
                // The same speaker written with another case or accents is the same row.
                let key = Key(document: document, speaker: SpeakerRules.fold(spk))
                if rows[key] == nil { order.append(key); labels[key] = spk }
                rows[key, default: []].append((line, doc, a))
            }
            for key in order {
                let r = rows[key]!, spk = labels[key]!
                participants[key.document, default: [:]][spk] = merge(r, what: "speaker '\(spk)' of \(key.document)", path: path)
                participantLines[key.document, default: [:]][spk] = r[0].line
            }
        } catch let e as IngestError {
            diagnostics.append(e.diagnostic)
        } catch {
            diagnostics.append(.error(path, "cannot read the participants table"))
        }
    }

    /// Names from `names:` (inline) plus the names table it points to.
    public private(set) var names: [(name: String, pseudonym: String)] = []
    /// Why the names table the study declares could not be read (nil when it was, or none is declared).
    /// Every export that pseudonymises stops on it: without the table, every real name would be in it.
    public private(set) var namesError: Diagnostic?

    private func loadNames() {
        names = config.names
        guard let file = config.namesFile, let url = tableURL(file) else { return }
        let path = Study.display(url)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let exists = FileManager.default.fileExists(atPath: url.path)
            let d = Diagnostic.error(path, exists ? "cannot read the names table (named by 'names' in verbatim.yaml)"
                                                  : "names table not found (named by 'names' in verbatim.yaml)")
            diagnostics.append(d)
            namesError = d
            return
        }
        do {
            let table = try CSVTable.parse(data, path: path)
            let n = table.column(["name", "nom"]) ?? 0
            let p = table.column(["pseudonym", "pseudonyme", "alias"]) ?? 1
            for (_, f) in table.rows where f.count > max(n, p) && !f[n].isEmpty { names.append((f[n], f[p])) }
        } catch let e as IngestError {
            diagnostics.append(e.diagnostic)
            namesError = e.diagnostic
        } catch {
            let d = Diagnostic.error(path, "cannot read the names table: \(error)")
            diagnostics.append(d)
            namesError = d
        }
    }
}
