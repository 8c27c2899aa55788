import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCodebook
import VerbatimCoding

/// `verbatim validate --gold CODER`: the rules' codings against one researcher's decisions, taken as
/// the reference, so that the codebook's author sees which rule codes too much and which too little.
public enum ValidateUseCase {
    public struct Request: Sendable {
        /// The coder whose decisions are the reference.
        public var gold: String
        /// Only this theme and its sub-themes.
        public var theme: String?
        public var unit: AgreementUseCase.Unit
        public var codebook: String?
        /// Quotes and speakers as written, instead of with the study's pseudonyms.
        public var realNames: Bool

        public init(gold: String, theme: String? = nil, unit: AgreementUseCase.Unit = .turn, codebook: String? = nil, realNames: Bool = false) {
            self.gold = gold
            self.theme = theme
            self.unit = unit
            self.codebook = codebook
            self.realNames = realNames
        }
    }

    /// The counts of one theme (or of every theme pooled) and what they give.
    public struct Score: Sendable, Equatable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0
        public var trueNegatives = 0
        /// Units the rules coded with the theme whose suggestions the coder has not decided yet (and did
        /// not code with it by hand): not reviewed, so left out of the figures.
        public var undecided = 0

        public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0, trueNegatives: Int = 0, undecided: Int = 0) {
            self.truePositives = truePositives
            self.falsePositives = falsePositives
            self.falseNegatives = falseNegatives
            self.trueNegatives = trueNegatives
            self.undecided = undecided
        }

        /// TP / (TP + FP): the share of the rules' codings the coder confirms; nil when the rules coded nothing.
        public var precision: Double? {
            truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives)
        }
        /// TP / (TP + FN): the share of the coder's codings the rules find; nil when the coder coded nothing.
        public var recall: Double? {
            truePositives + falseNegatives == 0 ? nil : Double(truePositives) / Double(truePositives + falseNegatives)
        }
        /// 2TP / (2TP + FP + FN), the harmonic mean of precision and recall (0 when either is 0 or
        /// undefined while the other is not); nil when neither side coded anything.
        public var f1: Double? {
            let d = 2 * truePositives + falsePositives + falseNegatives
            return d == 0 ? nil : Double(2 * truePositives) / Double(d)
        }

        /// Counts one unit: the rules coded the theme there (`rules`), the coder did (`gold`), and the
        /// coder decided some of the rules' suggestions of it there (`decided`).
        mutating func add(rules: Bool, gold: Bool, decided: Bool) {
            if rules && !gold && !decided { undecided += 1; return }
            switch (rules, gold) {
            case (true, true): truePositives += 1
            case (true, false): falsePositives += 1
            case (false, true): falseNegatives += 1
            case (false, false): trueNegatives += 1
            }
        }
    }

    public struct ThemeScore: Sendable {
        public var id: String
        public var label: String
        /// 0 for a top-level theme.
        public var depth: Int
        public var score: Score
    }

    /// A rule's hit: the rule (as `verbatim code --explain` names it) and the words it matched.
    public struct RuleHit: Sendable, Equatable {
        public var rule: String
        public var words: String
        /// Why the hit did not code the turn (for a false negative's dropped hits).
        public var reason: String?
    }

    /// A unit where the rules and the coder differ on a theme.
    public struct Miss: Sendable {
        public enum Kind: String, Sendable { case falsePositive = "false_positive", falseNegative = "false_negative" }
        public var kind: Kind
        public var document: String
        /// The turn, for turn units (for a document unit, the turn of the passage quoted).
        public var turn: Int?
        public var speaker: String?
        /// The unit's text (a document unit: the passage first coded with the theme), pseudonymised.
        public var text: String
        public var theme: String
        /// For a false positive: the rules that coded the theme there and their words.
        public var rules: [RuleHit]
        /// For a false negative: what the coder coded, and the theme's hits the rules dropped there, and why.
        public var goldQuotes: [String]
        public var dropped: [RuleHit]
    }

    public struct Result: Sendable {
        public var gold: String
        public var unit: AgreementUseCase.Unit
        /// The documents the coder reviewed.
        public var documents: [String]
        public var units: Int
        /// The themes the rules or the coder used, in codebook order (with their sub-themes).
        public var themes: [ThemeScore]
        /// Themes of the selection neither used here.
        public var unusedThemes: Int
        /// Every unit × theme decision pooled, each theme on its own (micro-average).
        public var overall: Score?
        public var falsePositives: [Miss]
        public var falseNegatives: [Miss]
        public var codebook: String
    }

    /// Which units count as reviewed, in words (for the outputs).
    public static func reviewedRule(_ gold: String, unit: AgreementUseCase.Unit) -> String {
        "every \(unit == .turn ? "non-interviewer turn" : "document") of the documents \(gold) reviewed, that is, made any decision in (a tag, an acceptance, a rejection); there a unit \(gold) did not code with a theme counts as 'not that theme', except where the rules suggested it and \(gold) has not decided the suggestion yet (accepted, rejected or recoded): that unit is left out for the theme, as not reviewed"
    }

    /// Compares the rules' codings (as the codebook gives them, whatever anyone decided) with `gold`'s
    /// confirmed codings (manual and accepted, recoded ones under their new theme) on the units of the
    /// documents `gold` made any decision in.
    public static func run(_ r: Request, in context: StudyContext) throws -> Result {
        guard context.study.root != nil else { throw Diagnostic.error("", "validation compares the rules with a coder's decisions: it needs a study folder with codings/") }
        if let blind = context.blind, try blind.require() != r.gold {
            throw Diagnostic.error("", "blind coding is on for \(blind.coder ?? ""): validate against your own decisions (--gold \(blind.coder ?? "")), not \(r.gold)'s; \(BlindCoding.howToLeave)")
        }
        let (coders, decisions) = try AgreementUseCase.readCoders([r.gold], option: "--gold", in: context)
        let gold = coders[0]
        let book = try context.codebook(r.codebook)
        if let theme = r.theme { try context.requireTheme(theme, in: book) }
        let (seen, order) = AgreementUseCase.seenDocuments(coders, decisions, allowed: nil, in: context)
        guard !order.isEmpty else { throw Diagnostic.error("", "\(gold) has made no decision in the study's documents yet: there is nothing to compare the rules with") }
        // Column 0: the coder; column 1: the rules, on the same documents.
        let units = try CoderUnits.build(names: [gold, "rules"], reviews: [ReviewSet(source: .reviewed, codings: decisions[0]), nil],
                                         seen: [seen[0], seen[0]], order: order, unit: r.unit, book: book, in: context)
        let themesOf = units.themes
        // The rules' suggestions the coder decided (accepted, rejected or recoded); a unit's codings are
        // a turn's or a document's, in order, so their ids are the suggestions' ids.
        let decided = Set(decisions[0].compactMap(\.suggestion))
        let suggestionIDs = units.codings.map { SuggestionID.ids(for: $0[1] ?? []) }
        let selection = CoderUnits.selection(book, theme: r.theme)
        let used = Set(themesOf.flatMap { $0.compactMap { $0 }.flatMap { $0 } })
        let language = context.study.config.language
        var themes: [ThemeScore] = []
        for (t, depth) in selection {
            let ids = CoderUnits.descendants(t)
            guard !ids.isDisjoint(with: used) else { continue }
            var score = Score()
            for u in themesOf.indices {
                let row = themesOf[u]
                score.add(rules: !(row[1] ?? []).isDisjoint(with: ids), gold: !(row[0] ?? []).isDisjoint(with: ids),
                          decided: zip(units.codings[u][1] ?? [], suggestionIDs[u]).contains { ids.contains($0.theme) && decided.contains($1) })
            }
            themes.append(ThemeScore(id: t.id, label: t.label(in: language), depth: depth, score: score))
        }
        let pooled = selection.map(\.0.id).filter { used.contains($0) }
        var overall = Score()
        var fps: [Miss] = [], fns: [Miss] = []
        let pseudonyms = r.realNames ? nil : try Pseudonymizer.checked(study: context.study, documents: units.documents)
        func clean(_ s: String, in document: String) -> String { pseudonyms?.pseudonymize(s, in: document).text ?? s }
        var explainer: (Coder, CodingUnit)? = nil
        var transcripts: [String: Transcript] = [:]
        for (u, ref) in units.units.enumerated() {
            let goldCodings = units.codings[u][0] ?? [], ruleCodings = units.codings[u][1] ?? []
            for theme in pooled {
                let g = goldCodings.filter { $0.theme == theme }, k = ruleCodings.filter { $0.theme == theme }
                let isDecided = zip(ruleCodings, suggestionIDs[u]).contains { $0.theme == theme && decided.contains($1) }
                overall.add(rules: !k.isEmpty, gold: !g.isEmpty, decided: isDecided)
                // A false positive only where the coder decided the suggestion; an undecided one is not reviewed.
                guard k.isEmpty != g.isEmpty, !g.isEmpty || isDecided else { continue }
                let doc = units.documents[ref.document]
                let text = units.documents[ref.document].text ?? ""
                let first = (k.first ?? g.first)!
                let turn = ref.turn ?? first.turn
                let body = ref.turn != nil ? units.text(of: u) : AgreementUseCase.utf8Slice(text, first.unitStart, first.unitEnd)
                var speaker = ref.turn != nil ? ref.speaker : first.speaker
                if let p = pseudonyms { speaker = speaker.map { p.speaker($0, in: doc.document) } }
                var miss = Miss(kind: k.isEmpty ? .falseNegative : .falsePositive, document: pseudonyms?.document(doc.document) ?? doc.document, turn: turn, speaker: speaker,
                                text: clean(body, in: doc.document), theme: theme, rules: [], goldQuotes: [], dropped: [])
                if k.isEmpty {
                    miss.goldQuotes = g.map { clean(AgreementUseCase.utf8Slice(text, $0.start, $0.end), in: doc.document) }
                    // Why the rules missed it: the theme's hits `code --explain` drops in that turn.
                    if explainer == nil { explainer = (Coder(CompiledCodebook(book)), try context.unit()) }
                    if transcripts[doc.document] == nil, let entry = context.study.documentURLs().first(where: { $0.document == doc.document }) {
                        transcripts[doc.document] = try? context.study.load(document: entry.document, url: entry.url)
                    }
                    if let t = transcripts[doc.document], let (coder, unit) = explainer, let ex = coder.explain(t, turn: turn, unit: unit) {
                        for d in ex.dropped where d.theme == theme {
                            let hit = RuleHit(rule: d.rule, words: clean(d.match, in: doc.document), reason: d.reason)
                            if !miss.dropped.contains(hit) { miss.dropped.append(hit) }
                        }
                    }
                    fns.append(miss)
                } else {
                    var hits: [RuleHit] = []
                    for c in k where !hits.contains(where: { $0.rule == c.rule && $0.words == clean(c.match, in: doc.document) }) {
                        hits.append(RuleHit(rule: c.rule, words: clean(c.match, in: doc.document), reason: nil))
                    }
                    miss.rules = hits
                    fps.append(miss)
                }
            }
        }
        return Result(gold: gold, unit: r.unit, documents: units.documents.map(\.document), units: units.units.count, themes: themes,
                      unusedThemes: selection.count - themes.count, overall: pooled.isEmpty ? nil : overall,
                      falsePositives: fps, falseNegatives: fns, codebook: book.path)
    }
}
