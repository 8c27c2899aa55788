import VerbatimModel
import VerbatimStudy
import VerbatimIngest
import VerbatimCoding

/// Which codings an analysis counts.
public enum CodingSource: String, Sendable, CaseIterable {
    /// The default: manual and accepted codings, plus the rules' codings nobody rejected.
    case all
    /// Human-confirmed codings only: manual and accepted.
    case reviewed
    /// Codings made by hand only.
    case manual
    /// The rules' codings as the codebook gives them, whatever the coders decided.
    case rules

    /// What the source counts, in words, for the outputs' notes and the report's footer.
    /// The same, in French (for a study written in French).
    public var frenchDescription: String {
        switch self {
        case .all: return "codages manuels et acceptés, et codages des règles que personne n’a rejetés"
        case .reviewed: return "codages confirmés par un codeur seulement (manuels et acceptés)"
        case .manual: return "codages faits à la main seulement"
        case .rules: return "codages des règles seulement"
        }
    }

    public var description: String {
        switch self {
        case .all: return "manual and accepted codings, plus the rules' codings nobody rejected"
        case .reviewed: return "human-confirmed codings only (manual and accepted)"
        case .manual: return "codings made by hand only"
        case .rules: return "the rules' codings only"
        }
    }
}

/// The identity of a rules' suggestion: stable while the same words in the same turn still match the
/// same theme, whatever else changes in the codebook.
public enum SuggestionID {
    /// `s-` and 12 hex digits of the SHA-256 of the document, turn, theme, the matched words (case and
    /// accents aside) and which occurrence of them in the turn it is.
    public static func make(document: String, turn: Int, theme: String, match: String, occurrence: Int) -> String {
        let key = "\(document)\u{0}\(turn)\u{0}\(theme)\u{0}\(SpeakerRules.fold(match))\u{0}\(occurrence)"
        return "s-" + String(SHA256.hexDigest(of: Array(key.utf8)).prefix(12))
    }

    /// The ids of a document's rules' codings, in their order.
    public static func ids(for codings: [Coding]) -> [String] {
        var seen: [String: Int] = [:]
        return codings.map { c in
            let k = "\(c.turn)\u{0}\(c.theme)\u{0}\(SpeakerRules.fold(c.match))"
            let n = seen[k, default: 0]
            seen[k] = n + 1
            return make(document: c.document, turn: c.turn, theme: c.theme, match: c.match, occurrence: n)
        }
    }
}

/// The researchers' decisions applied to the rules' codings of each document, as an analysis counts
/// them.
public struct ReviewSet: Sendable {
    public var source: CodingSource
    /// Every decision read, by document.
    public var byDocument: [String: [HumanCoding]]

    /// The warnings for what could not be applied: codings whose quote is gone, decisions on
    /// suggestions the rules no longer make.
    public static func diagnostics(_ outcome: Outcome, path: String) -> [Diagnostic] {
        outcome.unplaced.map { h in
            .warning(path, "coding \(h.id) by \(h.coder) (\(h.theme): \"\(h.quote.prefix(60))\") cannot be placed: its quote is no longer in the transcript; it is not counted (fix the quote in codings/\(h.coder).jsonl, or remove it with 'verbatim untag \(h.id)')")
        } + outcome.stale.map { h in
            .warning(path, "decision \(h.id) by \(h.coder) on suggestion \(h.suggestion ?? "?") (\(h.theme): \"\(h.quote.prefix(60))\") is stale: the rules no longer make that suggestion")
        }
    }

    public init(source: CodingSource, codings: [HumanCoding]) {
        self.source = source
        byDocument = Dictionary(grouping: codings, by: \.document)
    }

    /// What happened to one document's decisions.
    public struct Outcome: Sendable {
        public var codings: [Coding]
        /// Manual codings whose quote is no longer in the transcript.
        public var unplaced: [HumanCoding] = []
        /// Decisions on suggestions the rules no longer make.
        public var stale: [HumanCoding] = []
    }

    /// Whether the coders' decisions make what counts in `document` other than the rules' codings as
    /// they are (or none of them): decisions on it, under a source that reads them.
    public func changesRules(of document: String) -> Bool {
        source != .rules && !(byDocument[document]?.isEmpty ?? true)
    }

    /// Whether nothing of the rules counts in `document`: a source of human codings only, and no decision on it.
    public func countsNoRules(of document: String) -> Bool {
        (source == .reviewed || source == .manual) && (byDocument[document]?.isEmpty ?? true)
    }

    /// The codings of transcript `t` that `source` counts, from the rules' `rules` (coded with `unit`:
    /// a manual coding is counted in the unit of that kind where it starts).
    public func apply(rules: [Coding], transcript t: Transcript, unit: CodingUnit = .turn) -> Outcome {
        let human = byDocument[t.document] ?? []
        if source == .rules || (human.isEmpty && source == .all) { return Outcome(codings: rules) }
        let ids = SuggestionID.ids(for: rules)
        var bySuggestion: [String: Int] = [:]
        for (i, id) in ids.enumerated() { bySuggestion[id] = i }
        var rejected = Set<String>(), accepted: [String: [HumanCoding]] = [:]
        var outcome = Outcome(codings: [])
        var out: [Coding] = []
        for h in human where h.status != .manual {
            // A settled disagreement's mark (`verbatim adjudicate`) counts as nothing.
            guard let s = h.suggestion, !AdjudicateUseCase.isMarker(s) else { continue }
            if bySuggestion[s] == nil { outcome.stale.append(h); continue }
            if h.status == .rejected { rejected.insert(s) } else { accepted[s, default: []].append(h) }
        }
        // The rules' codings: kept (all), or only where someone accepted them (reviewed), under the
        // theme they were accepted as.
        for (i, c) in rules.enumerated() {
            let id = ids[i]
            if let decisions = accepted[id], source != .manual {
                var themes: [String] = []
                for d in decisions where !themes.contains(d.theme) { themes.append(d.theme) }
                for theme in themes {
                    var k = c
                    k.theme = theme
                    if theme != c.theme { k.rule = "recoded from \(c.theme) (\(c.rule))" }
                    out.append(k)
                }
            } else if source == .all && !rejected.contains(id) {
                out.append(c)
            }
        }
        // Manual codings, placed again in the text, on non-interviewer turns; one per span and theme.
        var seen = Set<String>()
        for h in human where h.status == .manual {
            guard let (start, end) = Anchor.place(h, in: t.text) else { outcome.unplaced.append(h); continue }
            guard let turn = t.turns.first(where: { $0.start <= start && end <= $0.end }) ?? t.turns.first(where: { $0.start <= start && start < $0.end }) else {
                outcome.unplaced.append(h)
                continue
            }
            if turn.role == .interviewer { continue }
            let key = "\(start):\(end):\(h.theme)"
            if !seen.insert(key).inserted { continue }
            let (unitStart, unitEnd) = unit.unit(of: turn, containing: start, in: t.text)
            out.append(Coding(document: t.document, turn: turn.index, speaker: turn.speaker, theme: h.theme, start: start, end: end,
                              unitStart: unitStart, unitEnd: unitEnd, match: h.quote, rule: "manual"))
        }
        out.sort { ($0.unitStart, $0.start, $0.theme) < ($1.unitStart, $1.start, $1.theme) }
        outcome.codings = out
        return outcome
    }
}
