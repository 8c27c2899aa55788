import Foundation
import Synchronization
import VerbatimModel
import VerbatimStudy
import VerbatimIngest

/// A search query: words, `"phrases"`, prefixes (`inquiét*`), and `A NEAR B` or `A NEAR/3 B` (within
/// that many words, 5 by default); clauses separated by spaces must all be in the turn. Case and
/// accents are ignored.
public struct SearchQuery: Sendable, Equatable {
    /// One word of a clause: its folded form, and whether it is a prefix.
    public struct Word: Sendable, Equatable {
        public var folded: String
        public var prefix: Bool
        func matches(_ w: String) -> Bool { prefix ? w.hasPrefix(folded) : w == folded }
    }

    /// A clause: a phrase (one word or more, in a row), or two phrases near each other.
    public enum Clause: Sendable, Equatable {
        case phrase([Word])
        case near([Word], [Word], within: Int)
    }

    public var clauses: [Clause]

    /// An FTS5 query that every turn this query matches also matches (the index's prefilter; each
    /// candidate is then checked word by word): every word of every clause, joined by AND (the index
    /// keeps no positions, so phrases and NEAR are checked afterwards), a word cut into the index's
    /// tokens where it holds a hyphen, a prefix on its last token.
    public var ftsQuery: String {
        var tokens: [String] = []
        func add(_ p: [Word]) {
            for w in p {
                let parts = w.folded.unicodeScalars.split { !SearchUseCase.isAlphanumeric($0) }.map { String(String.UnicodeScalarView($0)) }
                for (i, t) in parts.enumerated() {
                    tokens.append("\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (w.prefix && i == parts.count - 1 ? "*" : ""))
                }
            }
        }
        for c in clauses {
            switch c {
            case .phrase(let p): add(p)
            case .near(let a, let b, _): add(a); add(b)
            }
        }
        return tokens.joined(separator: " AND ")
    }

    /// Parses a query.
    /// - Throws: a usage ``Diagnostic`` for an empty query, an unclosed quote or a NEAR without both sides.
    public init(parsing text: String) throws {
        var tokens: [(phrase: [Word], near: Int?)] = []
        var chars = Substring(text)
        func word(_ s: Substring) -> Word {
            let prefix = s.hasSuffix("*")
            return Word(folded: SpeakerRules.fold(String(prefix ? s.dropLast() : s)), prefix: prefix)
        }
        while let c = chars.first {
            if c == " " || c == "\t" { chars = chars.dropFirst(); continue }
            if c == "\"" {
                chars = chars.dropFirst()
                guard let close = chars.firstIndex(of: "\"") else { throw Diagnostic.usage("the query has a quote that is never closed: \(text)") }
                // Inside quotes too, a word ending with * is a prefix.
                var words: [Word] = []
                for part in chars[..<close].split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                    var ws = SearchUseCase.words(in: String(part.hasSuffix("*") ? part.dropLast() : part)).map { word(Substring($0.text)) }
                    if part.hasSuffix("*"), !ws.isEmpty { ws[ws.count - 1].prefix = true }
                    words += ws
                }
                if !words.isEmpty { tokens.append((words, nil)) }
                chars = chars[chars.index(after: close)...]
                continue
            }
            let end = chars.firstIndex(where: { $0 == " " || $0 == "\t" || $0 == "\"" }) ?? chars.endIndex
            let raw = chars[..<end]
            chars = chars[end...]
            if raw == "NEAR" { tokens.append(([], 5)); continue }
            if raw.hasPrefix("NEAR/") {
                guard let n = Int(raw.dropFirst(5)), n >= 0 else {
                    throw Diagnostic.usage("NEAR/N takes a number of words, e.g. \"peur NEAR/3 internet\" (got \(raw))")
                }
                tokens.append(([], n))
                continue
            }
            let parts = SearchUseCase.words(in: String(raw.hasSuffix("*") ? raw.dropLast() : raw)).map(\.text)
            if parts.isEmpty { continue }
            var ws = parts.map { word(Substring($0)) }
            if raw.hasSuffix("*") { ws[ws.count - 1].prefix = true }
            tokens.append((ws, nil))
        }
        var clauses: [Clause] = []
        var i = 0
        while i < tokens.count {
            if let n = tokens[i].near {
                guard case .phrase(let left)? = clauses.popLast(), i + 1 < tokens.count, tokens[i + 1].near == nil else {
                    throw Diagnostic.usage("NEAR needs words on both sides, e.g. \"peur NEAR internet\"")
                }
                clauses.append(.near(left, tokens[i + 1].phrase, within: n))
                i += 2
                continue
            }
            clauses.append(.phrase(tokens[i].phrase))
            i += 1
        }
        guard !clauses.isEmpty else { throw Diagnostic.usage("the query has no word to search for") }
        self.clauses = clauses
    }
}

/// One place the query matched: the turn, and the match in keyword-in-context form.
public struct SearchHit: Sendable {
    public var document: String
    public var turn: Int
    public var speaker: String?
    public var role: Role
    public var attributes: Attributes
    /// The themes coded in the turn (as the analyses count them).
    public var themes: [String]
    /// UTF-8 offsets of the match in the transcript's text.
    public var start: Int
    public var end: Int
    public var left: String
    public var match: String
    public var right: String
}

/// `verbatim search`: a keyword-in-context concordance across the study.
public enum SearchUseCase {
    public struct Request: Sendable {
        public var query: String
        public var paths: [String]
        public var filters: [String]
        public var role: Role?
        public var theme: String?
        public var codebook: String?
        public var source: CodingSource
        /// Characters of context on each side.
        public var width: Int
        public init(query: String, paths: [String] = [], filters: [String] = [], role: Role? = nil, theme: String? = nil,
                    codebook: String? = nil, source: CodingSource = .all, width: Int = 40) {
            self.query = query
            self.paths = paths
            self.filters = filters
            self.role = role
            self.theme = theme
            self.codebook = codebook
            self.source = source
            self.width = width
        }
    }

    /// The words of a text with their UTF-8 offsets: runs of letters and digits, a hyphen inside a word
    /// kept in it (`rendez-vous`); an apostrophe separates words, so that French elisions are split
    /// (`l'ordinateur` holds `ordinateur`), as the coder splits them.
    public static func words(in text: String) -> [(text: String, start: Int, end: Int)] {
        var out: [(String, Int, Int)] = []
        var start: Int? = nil
        var offset = 0
        var current = ""
        let scalars = Array(text.unicodeScalars)
        for (i, u) in scalars.enumerated() {
            let width = u.value < 0x80 ? 1 : u.value < 0x800 ? 2 : u.value < 0x1_0000 ? 3 : 4
            let isWord = isAlphanumeric(u)
            let joiner = u == "-" && start != nil && i + 1 < scalars.count && isAlphanumeric(scalars[i + 1])
            if isWord || joiner {
                if start == nil { start = offset }
                current.unicodeScalars.append(u)
            } else if let s = start {
                out.append((current, s, offset))
                start = nil
                current = ""
            }
            offset += width
        }
        if let s = start { out.append((current, s, offset)) }
        return out
    }

    /// Whether `u` is a letter, a mark or a number (general categories L*, M* and N*, the definition of
    /// `CharacterSet.alphanumerics`), with ASCII decided by a comparison.
    @inline(__always)
    static func isAlphanumeric(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return (v >= 0x30 && v <= 0x39) || (v | 0x20 >= 0x61 && v | 0x20 <= 0x7A) }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Searches the study: through its index (brought up to date first) when it is a study folder and
    /// no paths are named, else by reading the documents.
    public static func run(_ r: Request, in context: StudyContext) throws -> [SearchHit] {
        let query = try SearchQuery(parsing: r.query)
        let filters = try r.filters.map(AttributeFilter.init(parsing:))
        var keep: Set<String>? = nil
        if let theme = r.theme {
            let book = try context.codebook(r.codebook)
            try context.requireTheme(theme, in: book)
            func ids(_ t: Theme) -> [String] { [t.id] + t.children.flatMap(ids) }
            keep = book.theme(theme).map { Set(ids($0)) }
        }
        let review = context.review(source: r.source)
        var hits: [SearchHit] = []
        if context.isStudyFolder && r.paths.isEmpty {
            let (index, _) = try IndexUseCase.update(codebook: r.codebook, in: context)
            let unit = try context.unit()
            let candidates = try index.candidates(matching: query.ftsQuery)
            // A document whose coders' decisions change what counts is searched whole, with them applied;
            // the others straight from the pieces of text the index returns.
            var whole: [String] = []
            var seen = Set<String>()
            for c in candidates {
                if c.turn == nil || review?.changesRules(of: c.document) == true {
                    if seen.insert(c.document).inserted { whole.append(c.document) }
                    continue
                }
                if let role = r.role, c.role != role { continue }
                let themes = review?.countsNoRules(of: c.document) == true ? [] : c.themes
                if let keep, !themes.contains(where: keep.contains) { continue }
                if !filters.allSatisfy({ $0.matches(c.attributes[$0.name]) }) { continue }
                hits += Self.hits(query, in: c.text, at: c.at, speech: c.speech, document: c.document, turn: c.turn!, speaker: c.speaker, role: c.role,
                                  attributes: c.attributes, themes: themes, width: r.width)
            }
            for name in whole {
                guard let t = try index.transcript(name) else { continue }
                let rules = try index.codings(name)
                let codings = review.map { $0.apply(rules: rules, transcript: t, unit: unit).codings } ?? rules
                let d = StudyPipeline.document(t, codings: codings, keepText: true)
                hits += Self.hits(query, in: d, turns: nil, filters: filters, role: r.role, themes: keep, width: r.width)
            }
            if !whole.isEmpty {
                hits.sort { a, b in a.document != b.document ? a.document < b.document : (a.turn != b.turn ? a.turn < b.turn : a.start < b.start) }
            }
            return hits
        }
        let coded = StudyPipeline.run(study: context.study, codebook: try context.codebook(r.codebook), paths: r.paths, unit: try context.unit(), keepText: true,
                                      review: review) { done, total, doc in
            context.consumer.progress(done, of: total, doc)
        }
        context.consumer.endProgress()
        context.consumer.report(coded.diagnostics)
        for d in coded.documents {
            hits += Self.hits(query, in: d, turns: nil, filters: filters, role: r.role, themes: keep, width: r.width)
        }
        return hits
    }

    /// The hits of `query` in the turns of `d` (only `turns` when given).
    static func hits(_ query: SearchQuery, in d: CodedDocument, turns: Set<Int>?, filters: [AttributeFilter], role: Role?,
                     themes keep: Set<String>?, width: Int) -> [SearchHit] {
        guard let text = d.text else { return [] }
        let bytes = Array(text.utf8)
        var hits: [SearchHit] = []
        var themesByTurn: [Int: Set<String>] = [:]
        for c in d.codings where turns?.contains(c.turn) ?? true { themesByTurn[c.turn, default: []].insert(c.theme) }
        for turn in d.turns {
            if let turns, !turns.contains(turn.index) { continue }
            if let role, turn.role != role { continue }
            let themes = (themesByTurn[turn.index] ?? []).sorted()
            if let keep, !themes.contains(where: keep.contains) { continue }
            let unit = turn.speaker.flatMap { s in d.participants.first { $0.speaker == s } } ?? d.participants.first { $0.speaker == nil }
            let attributes = unit?.attributes ?? d.attributes
            if !filters.allSatisfy({ $0.matches(attributes[$0.name]) }) { continue }
            hits += Self.hits(query, in: String(decoding: bytes[turn.start..<turn.end], as: UTF8.self), at: turn.start, speech: 0,
                              document: d.document, turn: turn.index, speaker: turn.speaker, role: turn.role, attributes: attributes,
                              themes: themes, width: width)
        }
        return hits
    }

    /// The hits of `query` in one turn: `text` is a piece of the document's text that starts at UTF-8
    /// offset `at` and ends with the turn's speech, which starts `speech` bytes in (before it, the
    /// label and what lies between turns, never searched).
    static func hits(_ query: SearchQuery, in text: String, at: Int, speech: Int, document: String, turn: Int, speaker: String?, role: Role,
                     attributes: Attributes, themes: [String], width: Int) -> [SearchHit] {
        let bytes = Array(text.utf8)
        guard speech >= 0, speech <= bytes.count else { return [] }
        let said = String(decoding: bytes[speech...], as: UTF8.self)
        let words = Self.words(in: said).map { (folded: Self.fold($0.text), start: $0.start + speech, end: $0.end + speech) }
        guard let spans = match(query, words) else { return [] }
        return spans.map { s, e in
            let left = String(String(decoding: bytes[speech..<s], as: UTF8.self).suffix(width))
            let right = String(String(decoding: bytes[e...], as: UTF8.self).prefix(width))
            return SearchHit(document: document, turn: turn, speaker: speaker, role: role, attributes: attributes, themes: themes,
                             start: s + at, end: e + at, left: Self.oneLine(left),
                             match: String(decoding: bytes[s..<e], as: UTF8.self), right: Self.oneLine(right))
        }
    }

    static func oneLine(_ s: String) -> String { s.contains("\n") ? s.replacingOccurrences(of: "\n", with: " ") : s }

    /// A word folded as ``SpeakerRules/fold(_:)`` folds it, remembered: a search folds the same few
    /// thousand words again and again, and folding accents costs microseconds.
    static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return SpeakerRules.fold(word) }
        return foldCache.withLock { cache in
            if let f = cache[word] { return f }
            let f = SpeakerRules.fold(word)
            if cache.count > 100_000 { cache.removeAll() }
            cache[word] = f
            return f
        }
    }

    private static let foldCache = Mutex<[String: String]>([:])

    /// Where the first clause matches in a turn whose words are `words`, when every clause matches.
    static func match(_ q: SearchQuery, _ words: [(folded: String, start: Int, end: Int)]) -> [(Int, Int)]? {
        func phrase(_ p: [SearchQuery.Word]) -> [(first: Int, last: Int)] {
            guard !p.isEmpty, words.count >= p.count else { return [] }
            var out: [(Int, Int)] = []
            for i in 0...(words.count - p.count) where p.enumerated().allSatisfy({ $1.matches(words[i + $0].folded) }) {
                out.append((i, i + p.count - 1))
            }
            return out
        }
        var first: [(Int, Int)]? = nil
        for clause in q.clauses {
            var spans: [(Int, Int)] = []
            switch clause {
            case .phrase(let p):
                spans = phrase(p).map { (words[$0.first].start, words[$0.last].end) }
            case .near(let a, let b, let n):
                let pa = phrase(a), pb = phrase(b)
                for x in pa {
                    for y in pb {
                        let gap = y.first > x.last ? y.first - x.last - 1 : (x.first > y.last ? x.first - y.last - 1 : -1)
                        if gap >= 0 && gap <= n {
                            let lo = min(x.first, y.first), hi = max(x.last, y.last)
                            spans.append((words[lo].start, words[hi].end))
                        }
                    }
                }
            }
            if spans.isEmpty { return nil }
            if first == nil { first = spans }
        }
        return first
    }
}
