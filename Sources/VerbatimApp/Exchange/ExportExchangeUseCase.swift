import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCodebook
import VerbatimCoding
import VerbatimExchange

/// `verbatim export qdc` and `verbatim export qdpx`: the codebook, or the whole study, as REFI-QDA
/// files that NVivo, ATLAS.ti, MAXQDA, QualCoder and others import.
public enum ExportExchangeUseCase {
    public struct Request: Sendable {
        /// The codebook (default: the study's).
        public var codebook: String?
        /// Add the rules' codings, as the user "verbatim rules".
        public var includeRules: Bool
        /// Positions in code points (the standard) or UTF-16 units (NVivo).
        public var unit: OffsetModel.Unit
        /// Source texts with CR LF line ends (MAXQDA, NVivo on Windows).
        public var crlf: Bool
        /// `Project@origin` / `CodeBook@origin`.
        public var origin: String

        public init(codebook: String? = nil, includeRules: Bool = false, unit: OffsetModel.Unit = .codePoints, crlf: Bool = false,
                    origin: String = "verbatim") {
            self.codebook = codebook
            self.includeRules = includeRules
            self.unit = unit
            self.crlf = crlf
            self.origin = origin
        }
    }

    /// What an export holds, for the summary line.
    public struct Summary: Sendable, Equatable {
        public var themes = 0
        public var documents = 0
        public var selections = 0
        public var codings = 0
        public var coders: [String] = []
        public var cases = 0
        public var sets = 0
        public var notes = 0
        /// Codings whose quote is no longer in their transcript, left out.
        public var unplaced = 0
    }

    /// The name of the rules' user.
    public static let rulesUser = "verbatim rules"

    /// The `.qdc` bytes of the codebook.
    public static func codebook(_ r: Request, in context: StudyContext) throws -> (data: Data, summary: Summary) {
        let book = try context.codebook(r.codebook)
        let ids = try context.study.root.map { try ExchangeIDs.load(root: $0) } ?? ExchangeIDs()
        let used = context.study.root.map { Set(CodingStore(root: $0).read().codings.filter { $0.status != .rejected }.map(\.theme)) } ?? []
        var project = REFIProject(name: ids.name("project", "name", context.study.name), origin: r.origin)
        project.codes = codes(book.themes, ids: ids, used: used)
        var summary = Summary()
        summary.themes = book.allThemes.count
        return (Data(REFIWriter.codebook(project).utf8), summary)
    }

    static func codes(_ themes: [Theme], ids: ExchangeIDs, used: Set<String>, notes: [String: String] = [:]) -> [REFIProject.Code] {
        themes.map { t in
            let description = ThemeDescription(definition: t.definition, include: t.include, exclude: t.exclude,
                                               examples: t.examples, counterexamples: t.counterexamples).text
            // A theme that only groups others (sub-themes, no rules of its own, nobody coded with it).
            let codable = ids.codable[t.id] ?? (t.children.isEmpty || !t.rules.isEmpty || used.contains(t.id))
            return REFIProject.Code(guid: ids.guid("theme", t.id), name: ids.name("theme", t.id, t.label.isEmpty ? t.id : t.label), isCodable: codable,
                                    color: t.color.flatMap(ColorText.normalized), description: description,
                                    noteRefs: notes[t.id].map { [$0] } ?? [],
                                    children: codes(t.children, ids: ids, used: used, notes: notes))
        }
    }

    /// The `.qdpx` bytes of the study.
    public static func project(_ r: Request, in context: StudyContext) throws -> (data: Data, summary: Summary) {
        let (project, summary) = try build(r, in: context)
        return (try REFIWriter.package(project), summary)
    }

    /// The project of the study, as ``project(_:in:)`` packages it.
    public static func build(_ r: Request, in context: StudyContext) throws -> (REFIProject, Summary) {
        let root = try context.studyRoot()
        let study = context.study
        let book = try context.codebook(r.codebook)
        let ids = try ExchangeIDs.load(root: root)
        let store = CodingStore(root: root).read()
        context.consumer.report(store.diagnostics)
        let human = store.codings.filter { $0.status != .rejected }
        var summary = Summary()
        var project = REFIProject(name: ids.name("project", "name", study.name), origin: r.origin)

        // Users: one per coder file (and the coders named in them), then the rules.
        var coders = store.coders
        for h in human where !coders.contains(h.coder) { coders.append(h.coder) }
        coders.sort()
        if r.includeRules { coders.append(rulesUser) }
        project.users = coders.map { REFIProject.User(guid: ids.guid("user", $0), name: $0) }
        summary.coders = coders

        // Theme memos as notes referenced by their codes.
        let memos = MemoStore(root: root)
        var themeNotes: [String: String] = [:]
        for t in book.allThemes {
            guard let text = memos.read(.theme(t.id)), !text.isEmpty else { continue }
            let g = ids.guid("note", "theme:" + t.id)
            themeNotes[t.id] = g
            project.notes.append(REFIProject.Note(guid: g, name: ids.name("note", "theme:" + t.id, "Memo: " + (t.label.isEmpty ? t.id : t.label)), text: text))
        }
        project.codes = codes(book.themes, ids: ids, used: Set(human.map(\.theme)), notes: themeNotes)
        summary.themes = book.allThemes.count
        summary.notes = project.notes.count

        // The rules' codings, by document: each coded unit once per theme.
        var rules: [String: [Coding]] = [:]
        if r.includeRules {
            let coded = StudyPipeline.run(study: study, codebook: book, unit: try context.unit())
            context.consumer.report(coded.diagnostics)
            for d in coded.documents { rules[d.document] = d.codings }
        }

        let corpus = context.corpus([])
        let byDocument = Dictionary(grouping: human, by: \.document)
        var sourceGUID: [String: String] = [:]
        var variables: [String] = []
        var values: [String: [String]] = [:]
        func note(_ name: String, _ value: String) {
            if values[name] == nil { variables.append(name) }
            values[name, default: []].append(value)
        }
        var cases: [(key: String, name: String, description: String?, pairs: [(String, String)], source: String)] = []
        for entry in corpus.entries {
            let t: Transcript
            do { t = try study.load(document: entry.document, url: entry.url) } catch let e as DiagnosticConvertible {
                context.consumer.report(e.diagnostic)
                continue
            }
            let doc = t.document
            let g = ids.guid("document", doc)
            sourceGUID[doc] = g
            let positions = ExportPositions(text: t.text, unit: r.unit, crlf: r.crlf)
            var source = REFIProject.TextSource(guid: g, name: ids.name("document", doc, doc), file: g + ".txt", text: positions.written,
                                                description: memos.read(.document(doc)).flatMap { $0.isEmpty ? nil : $0 })
            // One selection per span, with every coding of it.
            var spans: [String: (start: Int, end: Int, codings: [(HumanCoding, String)])] = [:]
            var order: [String] = []
            for h in (byDocument[doc] ?? []) {
                guard let (a, b) = Anchor.place(h, in: t.text) else { summary.unplaced += 1; continue }
                let key = "\(a):\(b)"
                if spans[key] == nil { spans[key] = (a, b, []); order.append(key) }
                spans[key]!.codings.append((h, h.coder))
            }
            for c in rules[doc] ?? [] {
                let h = HumanCoding(id: "rule", document: doc, turn: c.turn, start: c.unitStart, end: c.unitEnd, quote: "", prefix: "", suffix: "",
                                    theme: c.theme, coder: rulesUser, status: .manual, time: "")
                let key = "\(c.unitStart):\(c.unitEnd)"
                if spans[key] == nil { spans[key] = (c.unitStart, c.unitEnd, []); order.append(key) }
                if spans[key]!.codings.contains(where: { $0.0.coder == rulesUser && $0.0.theme == c.theme }) { continue }
                spans[key]!.codings.append((h, rulesUser))
            }
            let sorted = order.map { spans[$0]! }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
            for span in sorted {
                guard let a = positions.position(span.start), let b = positions.position(span.end) else { summary.unplaced += span.codings.count; continue }
                let codings = span.codings.sorted { ($0.0.theme, $0.1, $0.0.id) < ($1.0.theme, $1.1, $1.0.id) }
                let selKey = "\(doc):\(span.start):\(span.end)"
                let refi = codings.map { h, user -> REFIProject.Coding in
                    let key = user == rulesUser ? "rule:\(doc):\(span.start):\(span.end):\(h.theme)" : h.id
                    return REFIProject.Coding(guid: ids.guid("coding", key), code: ids.guid("theme", h.theme), creatingUser: ids.guid("user", user),
                                              creationDateTime: h.time.isEmpty ? nil : h.time)
                }
                let memo = codings.compactMap { $0.0.memo }.filter { !$0.isEmpty }.joined(separator: "\n\n")
                let times = codings.map(\.0.time).filter { !$0.isEmpty }
                source.selections.append(REFIProject.Selection(
                    guid: ids.guid("selection", selKey), start: a, end: b, creatingUser: refi.first?.creatingUser,
                    creationDateTime: times.min(), description: memo.isEmpty ? nil : memo, codings: refi))
                summary.codings += refi.count
            }
            summary.selections += source.selections.count
            project.sources.append(source)

            // The document's case, and one case per participant with attributes in a focus group.
            let stem = (doc as NSString).deletingPathExtension
            let docPairs = study.attributesFor(document: doc).pairs.map { ($0.name, $0.value) }
            if !docPairs.isEmpty {
                cases.append(("document:" + doc, ids.name("case", doc, stem), nil, docPairs, g))
                for (k, v) in docPairs { note(k, v) }
            }
            for (speaker, attributes) in study.participantsFor(document: doc).sorted(by: { $0.key < $1.key }) {
                let pairs = attributes.pairs.map { ($0.name, $0.value) }
                cases.append(("speaker:\(doc):\(speaker)", ids.name("case", "\(doc):\(speaker)", "\(stem): \(speaker)"),
                              ParticipantCase.marker + speaker, pairs, g))
                for (k, v) in pairs { note(k, v) }
            }
        }
        summary.documents = project.sources.count

        project.variables = variables.map { REFIProject.Variable(guid: ids.guid("variable", $0), name: $0, type: VariableTyping.type(of: values[$0] ?? [])) }
        let types = Dictionary(uniqueKeysWithValues: project.variables.map { ($0.name, $0.type) })
        project.cases = cases.map { c in
            REFIProject.Case(guid: ids.guid("case", c.key), name: c.name, description: c.description,
                             values: c.pairs.map { (ids.guid("variable", $0.0), VariableTyping.value($0.1, as: types[$0.0] ?? .text)) },
                             sourceRefs: [c.source])
        }
        summary.cases = project.cases.count

        // Sets of transcripts: sets/<name>.txt.
        let folder = root.appendingPathComponent("sets")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".txt") && !$0.hasPrefix(".") }.sorted()
        for file in names {
            let name = String(file.dropLast(4))
            guard let documents = try? SampleUseCase.read(name, in: context) else { continue }
            let members = documents.compactMap { sourceGUID[$0] }
            guard !members.isEmpty else { continue }
            project.sets.append(REFIProject.Set(guid: ids.guid("set", name), name: ids.name("set", name, name), memberSources: members))
        }
        summary.sets = project.sets.count
        if summary.unplaced > 0 {
            context.consumer.report(.warning(Study.display(root.appendingPathComponent("codings")), "\(summary.unplaced) coding\(summary.unplaced == 1 ? "" : "s") could not be placed in their transcript (the quote is gone) and are not exported"))
        }
        return (project, summary)
    }
}

/// A participant's case (a focus-group speaker with attributes) is marked by its description.
enum ParticipantCase {
    static let marker = "speaker: "
}

/// The type of a variable from its values, and each value in that type's form.
enum VariableTyping {
    static func type(of values: [String]) -> REFIProject.VariableType {
        let present = values.filter { !$0.isEmpty }
        guard !present.isEmpty else { return .text }
        if present.allSatisfy({ isInteger($0) }) { return .integer }
        if present.allSatisfy({ ["true", "false"].contains($0.lowercased()) }) { return .boolean }
        if present.allSatisfy({ isDate($0) }) { return .date }
        return .text
    }

    static func isInteger(_ s: String) -> Bool {
        let digits = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
        return !digits.isEmpty && digits.count <= 18 && digits.allSatisfy { $0.isASCII && $0.isNumber } && (digits.count == 1 || digits.first != "0")
    }

    static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.map(\.count) == [4, 2, 2], parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let m = Int(parts[1]), let d = Int(parts[2]) else { return false }
        return (1...12).contains(m) && (1...31).contains(d)
    }

    /// The value as written in the file: nil for an empty one (no value element).
    static func value(_ s: String, as type: REFIProject.VariableType) -> String? {
        if s.isEmpty { return nil }
        return type == .boolean ? s.lowercased() : s
    }
}
