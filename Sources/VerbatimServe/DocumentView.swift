import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimApp
import VerbatimExport

/// One coding as the reader shows it: a rules' suggestion with this coder's decision on it, or a
/// coding made by hand.
struct CodingItem: Sendable {
    enum Kind: String, Sendable { case suggestion, manual }
    /// `s-…` for a suggestion (as `verbatim suggestions` names it), `m-…` for a manual coding.
    var id: String
    var kind: Kind
    /// `suggested`, `accepted`, `rejected` (this coder's decision on a suggestion) or `manual`.
    var status: String
    /// The theme it counts as (a recoded suggestion counts as the coder's theme).
    var theme: String
    /// The rules' theme, when the coder recoded the suggestion.
    var suggestedTheme: String?
    var turn: Int
    /// UTF-8 offsets into the transcript's text: the matched words, or the coded span.
    var start: Int
    var end: Int
    var quote: String
    /// The rule that found it (suggestions).
    var rule: String?
    /// Who made it (manual) or decided it (suggestions).
    var coder: String?
    /// This coder's decision on the suggestion (`d-…`).
    var decision: String?
    var memo: String?
    var time: String?
    /// False for a manual coding whose quote is no longer in the transcript.
    var placed: Bool = true

    var json: JSONValue {
        .object([("id", .string(id)), ("kind", .string(kind.rawValue)), ("status", .string(status)), ("theme", .string(theme)),
                 ("suggested_theme", .optional(suggestedTheme)), ("turn", .int(turn)), ("start", .int(start)), ("end", .int(end)),
                 ("quote", .string(quote)), ("rule", .optional(rule)), ("coder", .optional(coder)), ("decision", .optional(decision)),
                 ("memo", .optional(memo)), ("time", .optional(time)), ("placed", .bool(placed))])
    }
}

/// A transcript with its codings, for the reader and `GET /api/documents/{id}`.
struct DocumentView: Sendable {
    var transcript: Transcript
    var items: [CodingItem]
    /// The codebook, when it could be loaded.
    var codebook: Codebook?
    /// Problems met while reading or coding the document (for the page's notice).
    var problems: [Diagnostic]
    /// The document's memo (`memos/documents/<document>.md`), when it has one.
    var memo: String? = nil

    /// Reads `name` and its codings for `coder`: the rules' suggestions (with the coder's decisions)
    /// and every coder's manual codings (only the coder's own under blind coding).
    /// - Returns: nil when the study has no such document.
    static func load(_ name: String, coder: String, in context: StudyContext) throws -> DocumentView? {
        guard let entry = Corpus(study: context.study, paths: [name]).entries.first else { return nil }
        var t = try context.study.load(document: entry.document, url: entry.url)
        var problems = t.diagnostics
        t.diagnostics = []
        var book: Codebook? = nil
        var items: [CodingItem] = []
        let root = try context.studyRoot()
        let all = CodingStore(root: root).read()
        problems += all.diagnostics.filter { $0.path.hasSuffix(CoderName.fileName(coder)) }
        let mine = all.codings.filter { $0.coder == coder && $0.document == t.document && $0.suggestion != nil }
        let decisions = Dictionary(mine.map { ($0.suggestion!, $0) }, uniquingKeysWith: { a, b in a.time >= b.time ? a : b })
        do {
            book = try context.codebook(nil)
            let suggestions = try SuggestionsUseCase.run(.init(paths: [t.document], realNames: true), in: context)
            for s in suggestions {
                let c = s.coding
                let d = decisions[s.id]
                let recoded = d.flatMap { $0.status == .accepted && $0.theme != c.theme ? $0.theme : nil }
                items.append(CodingItem(id: s.id, kind: .suggestion, status: d?.status.rawValue ?? "suggested",
                                        theme: recoded ?? c.theme, suggestedTheme: recoded == nil ? nil : c.theme, turn: c.turn,
                                        start: c.start, end: c.end, quote: c.match, rule: c.rule, coder: d?.coder,
                                        decision: d?.id, memo: d?.memo, time: d?.time))
            }
        } catch let d as DiagnosticConvertible {
            problems.append(d.diagnostic)
        }
        // Blind coding: the other coders' manual codings are not shown.
        for h in all.codings where h.document == t.document && h.status == .manual && (context.blind == nil || h.coder == coder) {
            let place = Anchor.place(h, in: t.text)
            let turn = place.flatMap { p in t.turns.first { $0.start <= p.start && p.start < max($0.end, $0.start + 1) } }?.index ?? h.turn
            items.append(CodingItem(id: h.id, kind: .manual, status: "manual", theme: h.theme, turn: turn,
                                    start: place?.start ?? h.start, end: place?.end ?? h.end, quote: h.quote, coder: h.coder,
                                    memo: h.memo, time: h.time, placed: place != nil))
        }
        items.sort { ($0.turn, $0.start, $0.end, $0.theme, $0.id) < ($1.turn, $1.start, $1.end, $1.theme, $1.id) }
        let memo = MemoStore(root: root).read(.document(t.document))
        return DocumentView(transcript: t, items: items, codebook: book, problems: problems, memo: memo)
    }

    var json: JSONValue {
        let t = transcript
        return .object([
            ("document", .string(t.document)), ("format", .string(t.format.rawValue)),
            ("attributes", .object(t.attributes.pairs.map { ($0.name, .string($0.value)) })),
            ("words", .int(t.wordCount)),
            ("turns", .array(t.turns.map { turn in
                .object([("index", .int(turn.index)), ("speaker", .optional(turn.speaker)), ("role", .string(turn.role.rawValue)),
                         ("time", .optional(turn.time?.display)), ("start", .int(turn.start)), ("end", .int(turn.end)),
                         ("text", .string(t.text(of: turn)))])
            })),
            ("codings", .array(items.map(\.json))),
            ("memo", .optional(memo)),
            ("problems", .array(problems.map { .string($0.description) })),
        ])
    }
}
