import Foundation
import Testing
import VerbatimModel
import VerbatimStudy
@testable import VerbatimApp

/// What each `CodingSource` counts once the researchers' decisions are applied to the rules' codings
/// (`ReviewSet.apply`), and the suggestions' ids.
@Suite struct ReviewSetTests {
    /// A small interview built by hand: label, role and speech of each turn, paragraphs separated by a
    /// blank line.
    static func transcript(_ turns: [(String, Role, String)], preamble: String? = nil, document: String = "S01.txt") -> Transcript {
        var text = ""
        var paragraphs: [Range<Int>] = []
        var out: [Turn] = []
        if let preamble {
            paragraphs.append(0..<preamble.utf8.count)
            text = preamble
        }
        for (i, (label, role, speech)) in turns.enumerated() {
            if !text.isEmpty { text += "\n\n" }
            let labelStart = text.utf8.count
            text += label + " : "
            let start = text.utf8.count
            text += speech
            out.append(Turn(index: i + 1, speaker: label, role: role, start: start, end: text.utf8.count, labelStart: labelStart, line: nil))
            paragraphs.append(labelStart..<text.utf8.count)
        }
        return Transcript(document: document, path: "transcripts/" + document, format: .text, text: text, paragraphs: paragraphs,
                          bodyParagraphCount: paragraphs.count, turns: out)
    }

    static let turns: [(String, Role, String)] = [
        ("Enquêtrice", .interviewer, "Est-ce que vous avez peur d'internet ?"),
        ("Mme Martin", .participant, "Oui, j'ai peur. Peur des arnaques surtout. Ma petite-fille m'appelle en visio."),
        ("Enquêtrice", .interviewer, "Et le réseau ?"),
        ("Mme Martin", .participant, "Le réseau passe mal dans la cuisine, j'ai peur de rater ses appels."),
    ]
    static let t = transcript(turns)

    /// The rules' coding of the `occurrence`-th `word` of turn `turn` with `theme` (the turn as unit).
    static func rule(_ theme: String, _ word: String, turn index: Int, occurrence: Int = 1, in t: Transcript = ReviewSetTests.t) -> Coding {
        let turn = t.turns[index - 1]
        let bytes = Array(t.text.utf8)
        let hits = Anchor.occurrences(of: Array(word.utf8), in: Array(bytes[turn.start..<turn.end]))
        let (s, e) = hits[occurrence - 1]
        return Coding(document: t.document, turn: index, speaker: turn.speaker, theme: theme, start: turn.start + s, end: turn.start + e,
                      unitStart: turn.start, unitEnd: turn.end, match: word, rule: "any[\(word.lowercased())]")
    }

    /// The rules' codings of the interview: participants' turns only, as the coder makes them.
    static let rules: [Coding] = [
        rule("peur", "peur", turn: 2, occurrence: 1),
        rule("peur", "Peur", turn: 2),
        rule("peur-arnaque", "arnaques", turn: 2),
        rule("famille", "visio", turn: 2),
        rule("reseau", "réseau", turn: 4),
        rule("peur", "peur", turn: 4),
    ]
    static var ids: [String] { SuggestionID.ids(for: rules) }

    /// A decision on the rules' coding `i`.
    static func decision(_ i: Int, _ status: HumanCoding.Status, theme: String? = nil, coder: String = "Marie", id: String? = nil) -> HumanCoding {
        let c = rules[i]
        let (q, prefix, suffix) = QuoteContext.of(t.text, start: c.start, end: c.end)
        return HumanCoding(id: id ?? "d-\(coder)-\(i)", document: c.document, turn: c.turn, start: c.start, end: c.end, quote: q, prefix: prefix,
                           suffix: suffix, theme: theme ?? c.theme, coder: coder, status: status, time: "2024-05-01T10:00:00Z",
                           suggestion: ids[i], suggestedTheme: theme == nil ? nil : c.theme)
    }

    /// A manual coding of `quote` (the first time it is in the text), or of the whole turn `turn`.
    static func manual(_ theme: String, quote: String? = nil, turn: Int, coder: String = "Marie", id: String? = nil,
                       in text: String = ReviewSetTests.t.text) -> HumanCoding {
        let tr = t.turns[turn - 1]
        var start = tr.start, end = tr.end
        if let quote {
            let hit = Anchor.occurrences(of: Array(quote.utf8), in: Array(text.utf8)).first!
            (start, end) = hit
        }
        let (q, prefix, suffix) = QuoteContext.of(text, start: start, end: end)
        return HumanCoding(id: id ?? "m-\(coder)-\(theme)-\(start)", document: t.document, turn: turn, start: start, end: end, quote: q,
                           prefix: prefix, suffix: suffix, theme: theme, coder: coder, status: .manual, time: "2024-05-01T10:00:00Z")
    }

    static func apply(_ source: CodingSource, _ human: [HumanCoding], rules: [Coding] = ReviewSetTests.rules, to t: Transcript = ReviewSetTests.t) -> ReviewSet.Outcome {
        ReviewSet(source: source, codings: human).apply(rules: rules, transcript: t)
    }

    /// The codings as (theme, matched text) pairs, for comparisons that read.
    static func pairs(_ codings: [Coding]) -> [String] {
        codings.map { "\($0.theme):\(t.slice($0.start, $0.end))" }.sorted()
    }

    @Test func fixtureIsWhatTheTestsThinkItIs() {
        #expect(Set(Self.ids).count == Self.rules.count, "every rules' coding has its own id")
        #expect(Self.pairs(Self.rules) == ["famille:visio", "peur-arnaque:arnaques", "peur:Peur", "peur:peur", "peur:peur", "reseau:réseau"])
    }

    @Test func withoutDecisionsEverySourceButRulesAndAllCountsNothing() {
        #expect(Self.apply(.all, []).codings == Self.rules)
        #expect(Self.apply(.rules, []).codings == Self.rules)
        #expect(Self.apply(.reviewed, []).codings.isEmpty)
        #expect(Self.apply(.manual, []).codings.isEmpty)
        // Decisions on another document change nothing here.
        var other = Self.decision(0, .rejected)
        other.document = "S02.txt"
        #expect(Self.apply(.all, [other]).codings == Self.rules)
        #expect(Self.apply(.all, [other]).stale.isEmpty)
    }

    @Test func rejectedSuggestionsAreDroppedFromAllButNotFromRules() {
        let human = [Self.decision(2, .rejected), Self.decision(5, .rejected)]
        let all = Self.apply(.all, human)
        #expect(all.codings.count == Self.rules.count - 2)
        #expect(!all.codings.contains(Self.rules[2]) && !all.codings.contains(Self.rules[5]))
        #expect(all.codings.contains(Self.rules[0]) && all.codings.contains(Self.rules[4]))
        #expect(all.stale.isEmpty && all.unplaced.isEmpty)
        #expect(Self.apply(.rules, human).codings == Self.rules)
        #expect(Self.apply(.reviewed, human).codings.isEmpty)
        #expect(Self.apply(.manual, human).codings.isEmpty)
    }

    @Test func acceptedSuggestionsAreKeptInReviewedAndCountedOnceInAll() {
        let human = [Self.decision(3, .accepted), Self.decision(4, .accepted), Self.decision(0, .rejected)]
        let reviewed = Self.apply(.reviewed, human)
        #expect(reviewed.codings == [Self.rules[3], Self.rules[4]])
        let all = Self.apply(.all, human)
        #expect(all.codings.count == Self.rules.count - 1)
        #expect(all.codings.filter { $0 == Self.rules[3] }.count == 1)
        #expect(!all.codings.contains(Self.rules[0]))
        #expect(Self.apply(.manual, human).codings.isEmpty, "accepted suggestions are not codings made by hand")
        // Two coders accepting the same suggestion: it counts once.
        let both = human + [Self.decision(3, .accepted, coder: "Paul")]
        #expect(Self.apply(.reviewed, both).codings == [Self.rules[3], Self.rules[4]])
    }

    @Test func aRecodedSuggestionCountsUnderItsNewTheme() {
        let human = [Self.decision(1, .accepted, theme: "peur-avant")]
        for source in [CodingSource.all, .reviewed] {
            let o = Self.apply(source, human)
            let at = o.codings.filter { $0.start == Self.rules[1].start && $0.end == Self.rules[1].end }
            #expect(at.map(\.theme) == ["peur-avant"], "\(source)")
            #expect(at.first?.rule.contains("recoded from peur") == true, "\(source): \(at.first?.rule ?? "-")")
            #expect(at.first?.unitStart == Self.rules[1].unitStart && at.first?.turn == 2)
        }
        #expect(Self.apply(.all, human).codings.count == Self.rules.count)
        #expect(Self.apply(.reviewed, human).codings.count == 1)
        #expect(Self.apply(.rules, human).codings == Self.rules)
    }

    @Test func manualCodingsAreAddedWithTheirTurnAsUnitAndNotOnInterviewerTurns() throws {
        let quoted = Self.manual("peur-avant", quote: "rater ses appels", turn: 4)
        let whole = Self.manual("liens-famille", turn: 2)
        let interviewer = Self.manual("peur", quote: "peur d'internet", turn: 1)
        let human = [quoted, whole, interviewer]
        for source in [CodingSource.all, .reviewed, .manual] {
            let o = Self.apply(source, human)
            #expect(o.unplaced.isEmpty && o.stale.isEmpty, "\(source)")
            let manual = o.codings.filter { $0.rule == "manual" }
            #expect(manual.count == 2, "\(source): \(manual)")
            let q = try #require(manual.first { $0.theme == "peur-avant" })
            let turn4 = Self.t.turns[3]
            #expect(q.turn == 4 && q.speaker == "Mme Martin")
            #expect(q.start == quoted.start && q.end == quoted.end && Self.t.slice(q.start, q.end) == "rater ses appels")
            #expect(q.unitStart == turn4.start && q.unitEnd == turn4.end, "the turn is the unit")
            let w = try #require(manual.first { $0.theme == "liens-famille" })
            #expect(w.turn == 2 && w.start == Self.t.turns[1].start && w.end == Self.t.turns[1].end)
            #expect(!o.codings.contains { $0.turn == 1 }, "\(source): interviewer turns never count")
        }
        #expect(Self.apply(.all, human).codings.count == Self.rules.count + 2)
        #expect(Self.apply(.manual, human).codings.count == 2)
        #expect(Self.apply(.rules, human).codings == Self.rules, "rules ignore what was coded by hand")
        // In text order: by unit, then position.
        let all = Self.apply(.all, human).codings
        #expect(all == all.sorted { ($0.unitStart, $0.start, $0.theme) < ($1.unitStart, $1.start, $1.theme) })
    }

    @Test func twoCodersIdenticalManualCodingsCountOnce() {
        let marie = Self.manual("peur-avant", quote: "rater ses appels", turn: 4, coder: "Marie")
        let paul = Self.manual("peur-avant", quote: "rater ses appels", turn: 4, coder: "Paul")
        let paulOther = Self.manual("difficultes", quote: "rater ses appels", turn: 4, coder: "Paul")
        let o = Self.apply(.manual, [marie, paul, paulOther])
        #expect(o.codings.map(\.theme).sorted() == ["difficultes", "peur-avant"])
        #expect(Self.apply(.all, [marie, paul]).codings.filter { $0.rule == "manual" }.count == 1)
    }

    @Test func manualCodingsAreFoundAgainInACorrectedTranscript() throws {
        let coding = Self.manual("peur-avant", quote: "rater ses appels", turn: 4)
        // A preamble is added and a paragraph inserted above: every offset moves.
        var turns = Self.turns
        turns.insert(("Mme Martin", .participant, "Attendez, je reviens, j'éteins le feu."), at: 1)
        let corrected = Self.transcript(turns, preamble: "Entretien du 12 mars, relu et corrigé.")
        let o = Self.apply(.manual, [coding], rules: [], to: corrected)
        let c = try #require(o.codings.first)
        #expect(o.unplaced.isEmpty)
        #expect(c.turn == 5, "the turn where the quote now is")
        #expect(corrected.slice(c.start, c.end) == "rater ses appels")
        #expect(c.unitStart == corrected.turns[4].start && c.unitEnd == corrected.turns[4].end)
    }

    @Test func staleDecisionsAndUnplacedCodingsAreReported() throws {
        var stale = Self.decision(0, .rejected, id: "d-stale")
        stale.suggestion = "s-000000000000"
        let gone = Self.manual("peur", quote: "j'ai peur", turn: 2, id: "m-gone")
        let rewritten = Self.transcript(Self.turns.map { ($0.0, $0.1, $0.2.replacingOccurrences(of: "j'ai peur", with: "je crains")) })
        let rulesThere: [Coding] = []
        for source in [CodingSource.all, .reviewed, .manual] {
            let o = ReviewSet(source: source, codings: [stale, gone]).apply(rules: rulesThere, transcript: rewritten)
            #expect(o.unplaced.map(\.id) == ["m-gone"], "\(source)")
            #expect(source == .manual || o.stale.map(\.id) == ["d-stale"], "\(source)")
            #expect(!o.codings.contains { $0.rule == "manual" })
        }
        let o = ReviewSet(source: .all, codings: [stale, gone]).apply(rules: rulesThere, transcript: rewritten)
        let warnings = ReviewSet.diagnostics(o, path: "transcripts/S01.txt")
        #expect(warnings.count == 2)
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.path == "transcripts/S01.txt" })
        #expect(warnings.contains { $0.message.contains("m-gone") && $0.message.contains("cannot be placed") })
        #expect(warnings.contains { $0.message.contains("d-stale") && $0.message.contains("stale") })

        // A decision on a suggestion the rules still make is not stale.
        let live = ReviewSet(source: .all, codings: [Self.decision(4, .rejected)]).apply(rules: Self.rules, transcript: Self.t)
        #expect(live.stale.isEmpty)
    }

    @Test func suggestionIDsAreStableAndChangeWithThemeAndWords() {
        let a = SuggestionID.make(document: "S01.txt", turn: 2, theme: "peur", match: "peur", occurrence: 0)
        #expect(a == SuggestionID.make(document: "S01.txt", turn: 2, theme: "peur", match: "peur", occurrence: 0))
        #expect(a.hasPrefix("s-") && a.count == 14)
        #expect(a.dropFirst(2).allSatisfy { $0.isHexDigit })
        #expect(a != SuggestionID.make(document: "S01.txt", turn: 2, theme: "peur-arnaque", match: "peur", occurrence: 0), "another theme")
        #expect(a != SuggestionID.make(document: "S01.txt", turn: 2, theme: "peur", match: "crainte", occurrence: 0), "other words")
        #expect(a != SuggestionID.make(document: "S01.txt", turn: 2, theme: "peur", match: "peur", occurrence: 1), "another occurrence")
        #expect(a != SuggestionID.make(document: "S01.txt", turn: 3, theme: "peur", match: "peur", occurrence: 0), "another turn")
        #expect(a != SuggestionID.make(document: "S02.txt", turn: 2, theme: "peur", match: "peur", occurrence: 0), "another document")
        // Case and accents aside.
        #expect(SuggestionID.make(document: "S01.txt", turn: 4, theme: "reseau", match: "Réseau", occurrence: 0)
                == SuggestionID.make(document: "S01.txt", turn: 4, theme: "reseau", match: "reseau", occurrence: 0))

        // ids(for:) numbers the repeated matches of a turn; the same codings give the same ids, and
        // other codings elsewhere (a new theme in the codebook) do not change them.
        let ids = SuggestionID.ids(for: Self.rules)
        #expect(ids == SuggestionID.ids(for: Self.rules))
        #expect(ids[0] == SuggestionID.make(document: "S01.txt", turn: 2, theme: "peur", match: "peur", occurrence: 0))
        #expect(ids[1] == SuggestionID.make(document: "S01.txt", turn: 2, theme: "peur", match: "Peur", occurrence: 1))
        var more = Self.rules
        more.insert(Self.rule("lieu", "cuisine", turn: 4), at: 5)
        let moreIDs = SuggestionID.ids(for: more)
        #expect(Set(ids).isSubset(of: Set(moreIDs)))
        // A recoded theme in the codebook is another suggestion.
        var renamed = Self.rules
        renamed[3].theme = "liens-famille"
        #expect(SuggestionID.ids(for: renamed)[3] != ids[3])
        #expect(SuggestionID.ids(for: renamed)[4] == ids[4])
    }

    /// With sentences as the unit, a manual coding is counted in the sentence where it starts, as the
    /// rules' codings there are; with turns, in its turn.
    @Test func aManualCodingTakesTheUnitOfTheStudy() {
        let m = Self.manual("peur-arnaque", quote: "arnaques", turn: 2)
        let turn = Self.t.turns[1]
        let bySentence = ReviewSet(source: .manual, codings: [m]).apply(rules: [], transcript: Self.t, unit: .sentence).codings
        #expect(bySentence.count == 1)
        #expect(bySentence.first.map { Self.t.slice($0.unitStart, $0.unitEnd) } == "Peur des arnaques surtout.")
        let byTurn = ReviewSet(source: .manual, codings: [m]).apply(rules: [], transcript: Self.t, unit: .turn).codings
        #expect(byTurn.first.map { ($0.unitStart, $0.unitEnd) == (turn.start, turn.end) } == true)
        let byParagraph = ReviewSet(source: .manual, codings: [m]).apply(rules: [], transcript: Self.t, unit: .paragraph).codings
        #expect(byParagraph.first.map { ($0.unitStart, $0.unitEnd) == (turn.start, turn.end) } == true, "one paragraph: the turn")
    }
}

