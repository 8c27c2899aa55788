import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCodebook

/// `verbatim adjudicate`: the disagreements `verbatim agree --coders` finds, settled one by one, and the
/// agreed coding recorded under the coder `adjudicated` (`codings/adjudicated.jsonl`, the same format as
/// every coder's), so that an analysis can count it with `--source reviewed --coder adjudicated`.
///
/// What the file holds, per turn and theme:
/// - kept present: a copy of the coding of a coder who coded it (their manual coding, or their
///   acceptance of the rules' suggestion), or a manual coding of the whole turn when none can be found;
/// - kept absent: a rejection whose `suggestion` is the disagreement's id (`a-…`), which marks it settled
///   and counts as nothing, and a rejection of each rules' suggestion of the theme in the turn, so that
///   `--source all --coder adjudicated` leaves it out too;
/// - agreements (`--agreements`): a copy of the first coder's coding where every coder who saw the turn
///   (two or more) coded the theme.
public enum AdjudicateUseCase {
    /// The coder the agreed coding is recorded under.
    public static let coder = "adjudicated"

    /// The id of a disagreement: `a-` and 12 hex digits of the SHA-256 of its document, turn and theme,
    /// stable while the transcript's turns stay the same.
    public static func id(document: String, turn: Int, theme: String) -> String {
        "a-" + String(SHA256.hexDigest(of: Array("\(document)\u{0}\(turn)\u{0}\(theme)".utf8)).prefix(12))
    }

    /// Whether a decision's `suggestion` marks a settled disagreement rather than a rules' suggestion.
    public static func isMarker(_ suggestion: String) -> Bool { suggestion.hasPrefix("a-") }

    public struct Request: Sendable {
        /// The coders compared (nil: every coder with a coding file, but `adjudicated`).
        public var coders: [String]?
        /// Only the documents of a named set, when given.
        public var documents: [String]?
        public var theme: String?
        public var codebook: String?
        public var realNames: Bool

        public init(coders: [String]? = nil, documents: [String]? = nil, theme: String? = nil, codebook: String? = nil, realNames: Bool = false) {
            self.coders = coders
            self.documents = documents
            self.theme = theme
            self.codebook = codebook
            self.realNames = realNames
        }
    }

    /// One disagreement, with its settlement when there is one.
    public struct Item: Sendable {
        public var id: String
        public var disagreement: AgreementUseCase.Disagreement
        /// `present` or `absent`, once settled.
        public var decision: String?
    }

    public struct ListResult: Sendable {
        public var coders: [String]
        public var documents: Int
        public var open: [Item]
        public var decided: [Item]
        /// Turn × theme agreements (every coder who saw the turn, two or more, coded the theme), and
        /// how many of them `adjudicated` does not hold yet.
        public var agreements: Int
        public var agreementsMissing: Int
    }

    /// What a decision wrote.
    public struct Decision: Sendable {
        public var id: String
        public var document: String
        public var turn: Int
        public var theme: String
        public var decision: String
        /// It replaced an earlier decision on the same disagreement.
        public var replaced: Bool
        public var records: [HumanCoding]
    }

    /// The state of the comparison: the coders' turns, their disagreements and agreements, and
    /// `adjudicated`'s records.
    struct State {
        var coders: [String]
        var units: AgreementUseCase.StudyUnits
        var decisions: [[HumanCoding]]
        var items: [Item]
        /// (unit, theme) pairs every coder who saw the turn (two or more) coded.
        var agreements: [(unit: Int, theme: String)]
        var adjudicated: [HumanCoding]
    }

    static func coders(_ r: Request, in context: StudyContext) throws -> [String] {
        let root = try context.studyRoot()
        if let c = r.coders {
            if c.contains(coder) { throw Diagnostic.usage("'\(coder)' holds the settled coding: compare the coders themselves (it can be compared with 'verbatim agree --coders A,\(coder)')") }
            return c
        }
        let all = CodingStore(root: root).read().coders.filter { $0 != coder }
        guard all.count >= 2 else {
            throw Diagnostic.error("", "adjudication settles the disagreements of two coders or more; the study has \(all.isEmpty ? "no coding file" : "only \(all[0])'s codings")")
        }
        return all
    }

    static func state(_ r: Request, in context: StudyContext) throws -> State {
        let names = try coders(r, in: context)
        let su = try AgreementUseCase.studyUnits(coders: names, unit: .turn, theme: r.theme, codebook: r.codebook, documents: r.documents, in: context)
        let decisions = su.decisions
        let adjudicated = CodingStore(root: try context.studyRoot()).read(coder: coder).codings
        func decision(_ d: AgreementUseCase.Disagreement, _ id: String) -> String? {
            let mine = adjudicated.filter { $0.document == d.document && $0.turn == d.turn && $0.theme == d.theme }
            if mine.contains(where: { $0.status == .rejected && $0.suggestion == id }) { return "absent" }
            if mine.contains(where: { $0.status != .rejected }) { return "present" }
            return nil
        }
        let items = try AgreementUseCase.disagreements(su, realNames: r.realNames, in: context).map { d -> Item in
            let id = id(document: d.document, turn: d.turn ?? 0, theme: d.theme)
            return Item(id: id, disagreement: d, decision: decision(d, id))
        }
        var agreements: [(Int, String)] = []
        let themes = su.units.themes
        for u in su.units.units.indices {
            let values = themes[u].compactMap { $0 }
            guard values.count >= 2 else { continue }
            for theme in su.pooled where values.allSatisfy({ $0.contains(theme) }) { agreements.append((u, theme)) }
        }
        return State(coders: su.units.coders, units: su, decisions: decisions, items: items, agreements: agreements, adjudicated: adjudicated)
    }

    /// The open disagreements (and those already settled) of the coders.
    public static func list(_ r: Request, in context: StudyContext) throws -> ListResult {
        let s = try state(r, in: context)
        let missing = s.agreements.filter { a in
            let doc = s.units.units.documents[s.units.units.units[a.unit].document].document, turn = s.units.units.units[a.unit].turn
            return !s.adjudicated.contains { $0.document == doc && $0.turn == turn && $0.theme == a.theme }
        }
        return ListResult(coders: s.coders, documents: s.units.units.documents.count, open: s.items.filter { $0.decision == nil },
                          decided: s.items.filter { $0.decision != nil }, agreements: s.agreements.count, agreementsMissing: missing.count)
    }

    /// How a disagreement is settled.
    public enum Settlement: Sendable, Equatable {
        /// The theme is kept (`true`) or not (`false`) in the turn.
        case keep(Bool)
        /// As this coder coded it.
        case coder(String)
    }

    /// Settles each of `ids` (as ``list(_:in:)`` gives them), replacing an earlier settlement of the
    /// same disagreement.
    /// - Throws: a ``Diagnostic`` for an id that is not a disagreement of the coders, or a coder who
    ///   is not one of them, before anything is written.
    public static func decide(_ ids: [String], _ settlement: Settlement, memo: String? = nil, request r: Request,
                              in context: StudyContext) throws -> [Decision] {
        let s = try state(r, in: context)
        if case .coder(let c) = settlement, !s.coders.contains(c) {
            throw Diagnostic.usage("--accept-coder \(c): not one of the coders compared (\(s.coders.joined(separator: ", ")))")
        }
        let byID = Dictionary(s.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in ids where byID[id] == nil {
            throw Diagnostic.error("", "no disagreement \(id) between \(s.coders.joined(separator: ", ")) ('verbatim adjudicate --coders \(s.coders.joined(separator: ","))' lists them)")
        }
        var texts: [String: Transcript] = [:]
        var suggestions: [String: [Suggestion]] = [:]
        var out: [Decision] = []
        for id in ids {
            let item = byID[id]!
            let d = item.disagreement
            let turnIndex = d.turn ?? 0
            if texts[d.document] == nil { texts[d.document] = try context.transcript(d.document) }
            let t = texts[d.document]!
            guard let turn = t.turns.first(where: { $0.index == turnIndex }) else { throw Diagnostic.error(t.path, "no turn \(turnIndex)") }
            let present: Bool, from: String?
            switch settlement {
            case .keep(let keep): present = keep; from = keep ? d.codedBy.first : nil
            case .coder(let c): present = d.codedBy.contains(c); from = present ? c : nil
            }
            let note = memo ?? "adjudicated \(id): \(present ? "kept" : "not kept")" + (from.map { " as \($0) coded it" } ?? "")
                + " (coded by \(d.codedBy.joined(separator: ", ")); not by \(d.notCodedBy.joined(separator: ", ")))"
            var records: [HumanCoding] = []
            if present, let from, let ci = s.coders.firstIndex(of: from) {
                records = copies(s.decisions[ci].filter { $0.document == d.document && $0.turn == turnIndex && $0.theme == d.theme && $0.status != .rejected }, memo: note)
            }
            if present && records.isEmpty {
                let (q, prefix, suffix) = QuoteContext.of(t.text, start: turn.start, end: turn.end)
                records = [HumanCoding(id: HumanCoding.newID("m"), document: d.document, turn: turnIndex, start: turn.start, end: turn.end, quote: q,
                                       prefix: prefix, suffix: suffix, theme: d.theme, coder: coder, status: .manual, time: HumanCoding.now(), memo: note)]
            }
            if !present {
                let (q, prefix, suffix) = QuoteContext.of(t.text, start: turn.start, end: turn.end)
                records = [HumanCoding(id: HumanCoding.newID("d"), document: d.document, turn: turnIndex, start: turn.start, end: turn.end, quote: q,
                                       prefix: prefix, suffix: suffix, theme: d.theme, coder: coder, status: .rejected, time: HumanCoding.now(),
                                       memo: note, suggestion: id)]
                if suggestions[d.document] == nil { suggestions[d.document] = try SuggestionsUseCase.all(.init(paths: [d.document], codebook: r.codebook), in: context) }
                for sg in suggestions[d.document]! where sg.coding.turn == turnIndex && sg.coding.theme == d.theme {
                    let c = sg.coding
                    let (q, prefix, suffix) = QuoteContext.of(t.text, start: c.start, end: c.end)
                    records.append(HumanCoding(id: HumanCoding.newID("d"), document: d.document, turn: turnIndex, start: c.start, end: c.end, quote: q,
                                               prefix: prefix, suffix: suffix, theme: d.theme, coder: coder, status: .rejected, time: HumanCoding.now(),
                                               memo: note, suggestion: sg.id))
                }
            }
            out.append(Decision(id: id, document: d.document, turn: turnIndex, theme: d.theme, decision: present ? "present" : "absent",
                                replaced: item.decision != nil, records: records))
        }
        try CodingStore(root: try context.studyRoot()).update(coder: coder) { codings in
            for d in out {
                codings.removeAll { $0.document == d.document && $0.turn == d.turn && $0.theme == d.theme }
                codings += d.records
            }
        }
        return out
    }

    /// Records the agreements `adjudicated` does not hold yet: where every coder who saw the turn (two
    /// or more) coded the theme, a copy of the first coder's coding. Returns what was written.
    public static func recordAgreements(_ r: Request, in context: StudyContext) throws -> [HumanCoding] {
        let s = try state(r, in: context)
        var records: [HumanCoding] = []
        for a in s.agreements {
            let ref = s.units.units.units[a.unit]
            let doc = s.units.units.documents[ref.document].document
            guard let turn = ref.turn, !s.adjudicated.contains(where: { $0.document == doc && $0.turn == turn && $0.theme == a.theme }) else { continue }
            guard let ci = s.coders.indices.first(where: { s.units.units.codings[a.unit][$0] != nil }) else { continue }
            let memo = "agreed by \(s.coders.filter { c in s.units.units.codings[a.unit][s.coders.firstIndex(of: c)!] != nil }.joined(separator: ", "))"
            records += copies(s.decisions[ci].filter { $0.document == doc && $0.turn == turn && $0.theme == a.theme && $0.status != .rejected }, memo: memo)
        }
        if !records.isEmpty {
            try CodingStore(root: try context.studyRoot()).update(coder: coder) { $0 += records }
        }
        return records
    }

    /// `coder`'s copies of other coders' codings.
    static func copies(_ codings: [HumanCoding], memo: String) -> [HumanCoding] {
        codings.map { h in
            var c = h
            c.id = HumanCoding.newID(h.status == .manual ? "m" : "d")
            c.coder = coder
            c.time = HumanCoding.now()
            c.memo = memo
            return c
        }
    }
}
