import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCoding
import VerbatimExport

extension StudyContext {
    /// The study folder, for the commands that write into it.
    /// - Throws: a ``Diagnostic`` for bare files.
    public func studyRoot() throws -> URL {
        guard let root = study.root else {
            throw Diagnostic.error("", "coding by hand needs a study folder (with \(Study.configName)); create one with 'verbatim init DIR'")
        }
        return root
    }

    /// One document of the study, read.
    /// - Throws: a ``Diagnostic`` when it cannot be found or read.
    public func transcript(_ doc: String) throws -> Transcript {
        let corpus = Corpus(study: study, paths: [doc])
        guard let entry = corpus.entries.first else {
            throw corpus.diagnostics.first ?? Diagnostic.error(doc, "no such file or document")
        }
        return try study.load(document: entry.document, url: entry.url)
    }
}

/// `verbatim tag`: a theme applied by hand to a turn, or to a quote in it.
public enum TagUseCase {
    public struct Request: Sendable {
        public var document: String
        public var turn: Int
        public var theme: String
        /// The words to code, exactly as in the turn (default: the whole turn).
        public var quote: String?
        /// Which occurrence of `quote` in the turn (1-based), when it is there several times.
        public var occurrence: Int?
        public var memo: String?
        public var coder: String
        public var codebook: String?

        public init(document: String, turn: Int, theme: String, quote: String? = nil, occurrence: Int? = nil, memo: String? = nil,
                    coder: String, codebook: String? = nil) {
            self.document = document
            self.turn = turn
            self.theme = theme
            self.quote = quote
            self.occurrence = occurrence
            self.memo = memo
            self.coder = coder
            self.codebook = codebook
        }
    }

    /// Records the coding in the coder's file.
    /// - Throws: a ``Diagnostic`` for an unknown theme or turn, a quote not in the turn or there twice.
    public static func run(_ r: Request, in context: StudyContext) throws -> HumanCoding {
        let root = try context.studyRoot()
        let book = try context.codebook(r.codebook)
        try context.requireTheme(r.theme, in: book)
        let t = try context.transcript(r.document)
        guard let turn = t.turns.first(where: { $0.index == r.turn }) else {
            throw Diagnostic.error(t.path, "no turn \(r.turn) (the transcript has \(t.turns.count) turns; 'verbatim show \(t.document)' numbers them)")
        }
        var start = turn.start, end = turn.end
        if let quote = r.quote {
            guard !quote.isEmpty else { throw Diagnostic.usage("--quote needs the words to code") }
            let bytes = Array(t.text.utf8)
            let hits = Anchor.occurrences(of: Array(quote.utf8), in: Array(bytes[turn.start..<turn.end])).map { (start: $0.start + turn.start, end: $0.end + turn.start) }
            if hits.isEmpty {
                throw Diagnostic.error(t.path, "the quote \"\(quote.prefix(60))\" is not in turn \(r.turn) (it must be copied exactly, as 'verbatim show' prints the turn)")
            }
            if let n = r.occurrence {
                guard n >= 1 && n <= hits.count else {
                    throw Diagnostic.usage("--occurrence \(n): the quote is in turn \(r.turn) \(hits.count) time\(hits.count == 1 ? "" : "s")")
                }
                (start, end) = hits[n - 1]
            } else if hits.count > 1 {
                throw Diagnostic.error(t.path, "the quote \"\(quote.prefix(60))\" is in turn \(r.turn) \(hits.count) times: say which with --occurrence 1 to \(hits.count)")
            } else {
                (start, end) = hits[0]
            }
        }
        let (q, prefix, suffix) = QuoteContext.of(t.text, start: start, end: end)
        let coding = HumanCoding(id: HumanCoding.newID("m"), document: t.document, turn: r.turn, start: start, end: end, quote: q,
                                 prefix: prefix, suffix: suffix, theme: r.theme, coder: r.coder, status: .manual,
                                 time: HumanCoding.now(), memo: r.memo)
        try CodingStore(root: root).update(coder: r.coder) { $0.append(coding) }
        if turn.role == .interviewer {
            context.consumer.report(.warning(t.path, "turn \(r.turn) is the interviewer's (\(turn.speaker ?? "?")): coded, but interviewer turns are not counted"))
        }
        return coding
    }
}

/// `verbatim untag`: removes one of the coder's own codings or decisions.
public enum UntagUseCase {
    /// Removes `id` from `coder`'s file.
    /// - Throws: a ``Diagnostic`` when the id is not the coder's.
    public static func run(id: String, coder: String, in context: StudyContext) throws -> HumanCoding {
        let store = CodingStore(root: try context.studyRoot())
        let removed: HumanCoding? = try store.update(coder: coder) { codings in
            guard let i = codings.firstIndex(where: { $0.id == id }) else { return nil }
            return codings.remove(at: i)
        }
        if let removed { return removed }
        if let other = store.read().codings.first(where: { $0.id == id }) {
            throw Diagnostic.error("", "\(id) is \(other.coder)'s coding: only its coder removes it (codings/\(CoderName.fileName(other.coder)))")
        }
        throw Diagnostic.error("", "no coding \(id) in codings/\(CoderName.fileName(coder)) ('verbatim codings --coder \"\(coder)\"' lists them)")
    }
}

/// `verbatim codings`: the researchers' codings and decisions.
public enum CodingsUseCase {
    public struct Filter: Sendable {
        public var coder: String?
        public var theme: String?
        public var status: HumanCoding.Status?
        public init(coder: String? = nil, theme: String? = nil, status: HumanCoding.Status? = nil) {
            self.coder = coder
            self.theme = theme
            self.status = status
        }
    }

    /// Under blind coding, the blind coder's alone.
    public static func run(_ f: Filter, in context: StudyContext) throws -> [HumanCoding] {
        var coder = f.coder
        if let blind = context.blind {
            let me = try blind.require()
            if let c = coder, c != me { throw Diagnostic.usage("blind coding: \(me) sees their own codings only, not \(c)'s (\(BlindCoding.howToLeave))") }
            coder = me
        }
        let contents = CodingStore(root: try context.studyRoot()).read(coder: coder)
        context.consumer.report(contents.diagnostics)
        return contents.codings
            .filter { c in (f.theme == nil || c.theme == f.theme) && (f.status == nil || c.status == f.status) }
            .sorted { ($0.coder, $0.document, $0.start, $0.theme, $0.id) < ($1.coder, $1.document, $1.start, $1.theme, $1.id) }
    }
}

/// A rules' coding proposed to a coder for review.
public struct Suggestion: Sendable {
    public var id: String
    public var coding: Coding
    /// The turn's text, and where the match is in it (UTF-8 offsets into `turnText`).
    public var turnText: String
    public var matchStart: Int
    public var matchEnd: Int
    public var role: Role
    public var attributes: Attributes
}

/// `verbatim suggestions`, `accept`, `reject`, `recode`: the review of the rules' codings.
public enum SuggestionsUseCase {
    public struct Request: Sendable {
        public var paths: [String]
        public var codebook: String?
        public var theme: String?
        public var filters: [String]
        /// The coder whose undecided suggestions are listed (nil: every suggestion).
        public var coder: String?
        /// Turn text, speakers and document names as written, instead of with the study's pseudonyms.
        public var realNames: Bool
        public init(paths: [String] = [], codebook: String? = nil, theme: String? = nil, filters: [String] = [], coder: String? = nil,
                    realNames: Bool = false) {
            self.paths = paths
            self.codebook = codebook
            self.theme = theme
            self.filters = filters
            self.coder = coder
            self.realNames = realNames
        }
    }

    /// Every rules' coding of the study as a suggestion, in document order, as written.
    static func all(_ r: Request, in context: StudyContext) throws -> [Suggestion] {
        try collect(r, in: context).suggestions
    }

    /// The suggestions as written, and the coded documents they come from.
    static func collect(_ r: Request, in context: StudyContext) throws -> (suggestions: [Suggestion], documents: [CodedDocument]) {
        let filters = try r.filters.map(AttributeFilter.init(parsing:))
        let book = try context.codebook(r.codebook)
        var keep: Set<String>? = nil
        if let theme = r.theme {
            try context.requireTheme(theme, in: book)
            func ids(_ t: Theme) -> [String] { [t.id] + t.children.flatMap(ids) }
            keep = Set(book.theme(theme).map(ids) ?? [theme])
        }
        let coded = StudyPipeline.run(study: context.study, codebook: book, paths: r.paths, unit: try context.unit(), keepText: true) { done, total, doc in
            context.consumer.progress(done, of: total, doc)
        }
        context.consumer.endProgress()
        context.consumer.report(coded.diagnostics)
        var out: [Suggestion] = []
        for d in coded.documents {
            guard let text = d.text else { continue }
            let bytes = Array(text.utf8)
            for (c, id) in zip(d.codings, SuggestionID.ids(for: d.codings)) {
                if let keep, !keep.contains(c.theme) { continue }
                guard let turn = d.turns.first(where: { $0.index == c.turn }) else { continue }
                let attributes = d.unit(of: c)?.attributes ?? d.attributes
                if !filters.allSatisfy({ $0.matches(attributes[$0.name]) }) { continue }
                out.append(Suggestion(id: id, coding: c, turnText: String(decoding: bytes[turn.start..<turn.end], as: UTF8.self),
                                      matchStart: c.start - turn.start, matchEnd: c.end - turn.start, role: turn.role,
                                      attributes: attributes))
            }
        }
        return (out, coded.documents)
    }

    /// The suggestions `coder` has not decided yet (every one when `coder` is nil), with the study's
    /// pseudonyms in their turn text, speakers and document names unless `r.realNames`. The ids are
    /// the same either way.
    public static func run(_ r: Request, in context: StudyContext) throws -> [Suggestion] {
        let (all, documents) = try collect(r, in: context)
        // Blind coding: the blind coder's own suggestions (the rules' codings they have not decided).
        let coder = try context.blind.map { try $0.require() } ?? r.coder
        var left = all
        if let coder, let root = context.study.root {
            let decided = Set(CodingStore(root: root).read(coder: coder).codings.compactMap(\.suggestion))
            left = all.filter { !decided.contains($0.id) }
        }
        guard !r.realNames else { return left }
        let p = try Pseudonymizer.checked(study: context.study, documents: documents)
        return left.map { pseudonymized($0, p) }
    }

    /// `s` with names replaced: the turn's text (the match's offsets moved with it), the matched words,
    /// the speaker and the document's name. The coding's own offsets still point into the real text.
    static func pseudonymized(_ s: Suggestion, _ p: Pseudonymizer) -> Suggestion {
        var s = s
        let text = p.pseudonymize(s.turnText, in: s.coding.document)
        let match = text.map(s.matchStart..<s.matchEnd)
        s.turnText = text.text
        s.matchStart = match.lowerBound
        s.matchEnd = match.upperBound
        s.coding = CodingRecords.shown(s.coding, p)
        s.attributes = p.pseudonymize(s.attributes)
        return s
    }

    /// Records `status` for each of `ids` in `coder`'s file (a decision replaces the coder's earlier one
    /// on the same suggestion); `theme` recodes an accepted suggestion.
    /// - Throws: a ``Diagnostic`` for an id the rules do not suggest, before anything is written.
    public static func decide(ids: [String], status: HumanCoding.Status, theme: String? = nil, memo: String? = nil,
                              coder: String, codebook: String? = nil, in context: StudyContext) throws -> [HumanCoding] {
        let root = try context.studyRoot()
        if let theme { try context.requireTheme(theme, in: try context.codebook(codebook)) }
        let suggestions = try all(Request(codebook: codebook), in: context)
        let byID = Dictionary(suggestions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in ids where byID[id] == nil {
            throw Diagnostic.error("", "no suggestion \(id) ('verbatim suggestions' lists them)")
        }
        var texts: [String: String] = [:]
        let decisions: [HumanCoding] = try ids.map { id in
            let s = byID[id]!
            let c = s.coding
            if texts[c.document] == nil { texts[c.document] = try context.transcript(c.document).text }
            let (q, prefix, suffix) = QuoteContext.of(texts[c.document]!, start: c.start, end: c.end)
            let recoded = theme.flatMap { $0 == c.theme ? nil : $0 }
            return HumanCoding(id: HumanCoding.newID("d"), document: c.document, turn: c.turn, start: c.start, end: c.end,
                               quote: q, prefix: prefix, suffix: suffix, theme: recoded ?? c.theme, coder: coder, status: status,
                               time: HumanCoding.now(), memo: memo, suggestion: id, suggestedTheme: recoded == nil ? nil : c.theme)
        }
        try CodingStore(root: root).update(coder: coder) { codings in
            let decidedNow = Set(ids)
            codings.removeAll { $0.suggestion.map(decidedNow.contains) ?? false }
            codings += decisions
        }
        return decisions
    }
}

/// `verbatim memo`: the memo of a document or a theme.
public enum MemoUseCase {
    /// Prints the memo of `subject` (a theme id of the codebook, else a document), or adds `text` to it
    /// signed by `coder`. Returns what to print.
    public static func run(subject: String, text: String?, coder: String?, codebook: String? = nil, in context: StudyContext) throws -> String {
        let store = MemoStore(root: try context.studyRoot())
        let target: MemoStore.Subject
        if let (book, _) = try? context.loadCodebook(codebook), book.theme(subject) != nil {
            target = .theme(subject)
        } else {
            target = .document(try context.transcript(subject).document)
        }
        let shown = Study.display(store.file(target))
        if let text {
            guard let coder else { throw Diagnostic.usage("adding to a memo needs the coder's name") }
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw Diagnostic.usage("the memo text is empty") }
            try store.append(text, to: target, coder: coder)
            return "added to \(shown)\n"
        }
        guard let memo = store.read(target) else { return "No memo yet (\(shown)); add one with 'verbatim memo \(subject) \"TEXT\"'.\n" }
        return memo.hasSuffix("\n") ? memo : memo + "\n"
    }
}
