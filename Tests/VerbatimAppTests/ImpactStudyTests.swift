import Foundation
import Testing
import VerbatimModel
import VerbatimStudy
import VerbatimCodebook
import VerbatimAnalysis
@testable import VerbatimApp

/// The impact table on the bundled study against hand counts, and against `stats`.
@Suite(.serialized) struct ImpactStudyTests {
    static var coded: CodedStudy { BundledStudyTests.coded }

    func row(_ t: ImpactTable, _ id: String, context: [String] = []) throws -> ImpactTable.Row {
        try #require(t.rows.first { $0.element.id == id && $0.context == context }, "no row \(id) \(context)")
    }

    @Test func reducedApprehensionAtTwelveMonthsMatchesTheHandCount() throws {
        let t = try Self.coded.impact()
        #expect(t.horizons == [.short, .long])
        let long = try row(t, "seniors-apprehension").cells[1]
        // Counted by hand with `verbatim code --format csv` (turns coded confiance-apaisee, attribution-programme
        // and peur-*) and `verbatim show <doc> --format csv` (who speaks each turn), wave 12 mois seniors:
        // confiance-apaisee in S02 (t16, t20, t32), S06 (t10, t28), S08 (t14), S10 (t13, t30), S12 (t14),
        // S14 (t10), S16 (t14), S19 (t12, t20), S20 (t14, t28): 9 of the 11 (not S04, S18).
        // A programme cue in the same turn: S02 (t16), S10 (t13), S19 (t12); in the senior's next turn (the
        // interviewer speaks in between): S16 (t14 -> t16, "Arnaud m'a montré", Arnaud is the volunteer) and
        // S20 (t14 -> t16, "Solène m'a appris"). S08 (cue at t8) and S12 (t6, t26) are outside the window: 5.
        // Counter-evidence (peur-internet and its sub-themes): S04 (t17, t35) and S18 (t28): 2.
        #expect((long.n, long.base, long.programme, long.other, long.counter) == (9, 11, 5, 0, 2))
        #expect(long.strength == .most)
        #expect(long.expected)
        #expect(!long.smallN)
    }

    @Test func autonomyAtTwelveMonthsMatchesTheHandCount() throws {
        let long = try row(try Self.coded.impact(), "seniors-autonomie").cells[1]
        // demarches-seul in S02 (t20), S06 (t16), S08 (t18), S10 (t15), S12 (t10), S14 (t8), S16 (t10),
        // S19 (t12, t14), S20 (t12, t30): 9 of 11 (the README's 9 of 11, all but S04 and S18). A programme cue
        // in the window: S19 only (t12, the same turn); S10's cue at t13 is the turn before. Dependence
        // (counter): S04, S12 (t30), S19 (t18): 3.
        #expect((long.n, long.base, long.programme, long.counter) == (9, 11, 1, 3))
        let short = try row(try Self.coded.impact(), "seniors-autonomie").cells[0]
        #expect(!short.expected)   // the theory of change expects autonomy at 12 months
    }

    @Test func partnersContinuityAtTwelveMonthsMatchesTheHandCount() throws {
        let long = try row(try Self.coded.impact(), "partenaires-continuite").cells[1]
        // Partners at 12 mois: P02, P03, P05. continuite-relais only in P02 (t4, t20, t22: "on a recruté",
        // "création d'un poste", "il a repris les permanences"): 1 of 3. A programme cue in the window: P02's
        // next turn after t4 is t6 (attribution-programme): 1. The worry (continuite-inquietude): P03 (t20,
        // t22) and P05 (t24): 2. P01's "des volontaires qu'ils recrutent" (3-6 mois) is no relay.
        #expect((long.n, long.base, long.programme, long.counter) == (1, 3, 1, 2))
        #expect(long.smallN)
        #expect(long.contested)
    }

    @Test func socialTiesAtThreeToSixMonthsMatchesTheHandCount() throws {
        let short = try row(try Self.coded.impact(), "seniors-liens").cells[0]
        // Counted by hand with `verbatim code --format csv` (turns coded liens-famille, liens-amis, isolement,
        // attribution-*) and `verbatim show <doc> --format csv`, wave 3-6 mois seniors (S01, S03, S05, S07, S09,
        // S11, S13, S15, S17: one unit each, relatives included): liens-famille or liens-amis in all 9: S01 (t8,
        // t20, t22, t24, t32, t34), S03 (t22, t30, t50, t55), S05 (t12, t18, t20, t28), S07 (t8, t24, t26), S09
        // (t22, t32), S11 (t11, t15, t21, t36, t39, t41, t44, t50, t56), S13 (t8, t12, t14, t30), S15 (t4, t14,
        // t16, t20, t26), S17 (t14, t16, t30, t34): 9 of 9.
        // A programme cue in the window: S09 (t22 -> t24 "Maxime m'a appris", the interviewer at t23), S11 (t15,
        // the same turn, "service civique"; also t44 -> t46 "Léna m'a montré"), S15 (t16, the same turn, "Camille
        // m'avait montré"; also t4 -> t6 and t14 -> t16), S17 (t14, the same turn, "Kévin m'a montré"): 4.
        // S03's cues (t2, t34) are in no window: Mme Lefèvre's next turns after t22, t30, t50, t55 are t24, t32,
        // t53, t57 (her daughter Nathalie speaks in between); S17's t10 comes before t14.
        // Another cause: S11 only (t39, "qui m'a appris", the same turn as "WhatsApp. En vidéo"): 1. Read in the
        // text it is "c'est Léna qui m'a appris", Léna being the volunteer: the codebook's rule for
        // attribution-autre takes it, the impact computation is right to count that coding.
        // Isolation (counter): S01 (t30 "les soirées c'est long, quand on est seule"), S13 (t6 "l'hiver, tout
        // seul", "j'ai pas vu personne"), S17 (t16 "je vois personne"): 3, all three also among the 9.
        #expect((short.n, short.base, short.programme, short.other, short.counter) == (9, 9, 4, 1, 3))
        #expect(short.counterAlsoEvidence == 3)
        #expect(Set(short.evidence.filter(\.programme).map(\.document))
                == ["S09-tournefeuille.txt", "S11-coueron.txt", "S15-saintflour.docx", "S17-creuse.txt"])
        #expect(Set(short.counterPassages.map(\.document)) == ["S01-lyon.txt", "S13-saintflour.txt", "S17-creuse.txt"])
        #expect(short.strength == .most)
        #expect(!short.contested)
        #expect(!short.expected)   // the theory of change expects social ties at 12 months
    }

    @Test func volunteersCivicEngagementMatchesTheHandCount() throws {
        let t = try Self.coded.impact()
        // Volunteers are counted one by one (participants.csv): 3-6 mois FG1 (Inès, Yasmine, Mathis, Théo,
        // Clémence) and FG2 (Kévin, Océane, Baptiste, Maëlle), N = 9; 12 mois FG3 (Anaïs, Bilal, Romain, Jade,
        // Sarah, Hugo) and FG4 (Léna, Yanis, Nathan, Dylan, Pauline, Camille, Emma), N = 13.
        // Counted by hand with `verbatim code --format csv` (vol-engagement, vol-charge-emotionnelle,
        // attribution-*) and `verbatim show <doc> --format csv` (who speaks each turn).
        // 12 mois: vol-engagement for FG3 Sarah (t36), Anaïs (t39), Hugo (t40), FG4 Camille (t10), Léna (t35,
        // t43), Nathan (t36): 6 of 13. A programme cue in the window: Camille (t10, the same turn, "le service
        // civique") and Nathan (t36 -> his next turn t40, "au service civique"; the moderator, Pauline and Emma
        // speak in between): 2. Not Anaïs (her cue at t12 comes before t39, her next turn t48 has none), not Léna
        // (t11 is before t35, t43 has none), not Hugo ("avant le service" at t40 is no cue word). Another cause:
        // none (FG3's only attribution-autre is Jade's, t20, who does not voice engagement). Emotional load
        // (counter): FG3 Sarah (t36 "j'étais vidée") and FG4 Yanis (t33 "un monsieur qui est décédé"): 2, Sarah
        // also among the 6. Read in the text, Sarah's "utile" at t36 is the training ("la formation, le PSC1 et
        // tout, c'était utile"), which the theme's own exclude sets aside, and Nathan's t40 ("je suis plus au
        // service civique") names the service without crediting it: both are codings of the rules, which the
        // impact computation is right to count.
        let long = try row(t, "vol-engagement-citoyen").cells[1]
        #expect((long.n, long.base, long.programme, long.other, long.counter) == (6, 13, 2, 0, 2))
        #expect(long.counterAlsoEvidence == 1)
        #expect(Set(long.evidence.compactMap(\.speaker)) == ["Sarah", "Anaïs", "Hugo", "Camille", "Léna", "Nathan"])
        #expect(Set(long.evidence.filter(\.programme).compactMap(\.speaker)) == ["Camille", "Nathan"])
        #expect(Set(long.counterPassages.compactMap(\.speaker)) == ["Sarah", "Yanis"])
        #expect(long.strength == ImpactTable.Strength.some)
        #expect(!long.contested)
        #expect(long.expected)
        #expect(!long.smallN)
        // 3-6 mois: FG1 Clémence (t40 "est-ce que je sers à quelque chose ?"), Théo (t58), Yasmine (t61), FG2
        // Baptiste (t44): 4 of 9. A programme cue in the window: Théo only (t58, the same turn, "le site du service
        // civique"); Clémence's next turn t42, Yasmine's t72 have none, Baptiste does not speak after t44: 1.
        // Emotional load: FG1 Mathis (t25, t35, t37), Inès (t29, t31, t33, t71), FG2 Maëlle (t28), Kévin (t32):
        // 4, none of them among the 4, so the cell is contested.
        let short = try row(t, "vol-engagement-citoyen").cells[0]
        #expect((short.n, short.base, short.programme, short.other, short.counter) == (4, 9, 1, 0, 4))
        #expect(short.counterAlsoEvidence == 0)
        #expect(Set(short.evidence.filter(\.programme).compactMap(\.speaker)) == ["Théo"])
        #expect(short.contested)
    }

    @Test func mentionsAreTheUnitsAndNOfStats() throws {
        let impact = try Self.coded.impact()
        let stats = try Self.coded.frequencies(by: ["group", "wave"])
        let theory = try #require(Self.coded.codebook.theoryOfChange)
        var checked = 0
        for r in impact.rows where r.context.isEmpty && r.element.evidence.count == 1 {
            let theme = try #require(stats.rows.first { $0.theme.id == r.element.evidence[0] })
            for (h, c) in zip(impact.horizons, r.cells) {
                let wave = try #require(h.map { theory.values(of: $0) }?.first)
                let gi = try #require(stats.groups.firstIndex { $0.values == [r.element.group ?? "", wave] })
                #expect((c.n, c.base) == (theme.cells[gi].n, theme.cells[gi].base), "\(r.element.id) \(wave)")
                checked += 1
            }
        }
        #expect(checked == 28)   // 14 outcomes with one evidence theme × 2 horizons
    }

    @Test func contextRowsSplitTheGroup() throws {
        let t = try Self.coded.impact(by: ["context"])
        let whole = try row(t, "seniors-apprehension").cells[1]
        let parts = try ["périurbain", "rural", "urbain"].map { try row(t, "seniors-apprehension", context: [$0]).cells[1] }
        #expect(parts.map(\.base).reduce(0, +) == whole.base)
        #expect(parts.map(\.n).reduce(0, +) == whole.n)
        #expect(parts.map(\.programme).reduce(0, +) == whole.programme)
        let small = parts.allSatisfy { $0.smallN }
        #expect(small)   // 3 or 4 seniors per context at 12 months
    }

    @Test func indicatorsOfTheBundledStudy() throws {
        let theory = try #require(Self.coded.codebook.theoryOfChange)
        let list = try IndicatorTable.read(root: BundledStudyTests.root.appendingPathComponent("Corpora/les-connectes"), theory: theory)
        #expect(list.map(\.outcome) == ["seniors-competences", "seniors-apprehension"])
        #expect(list.map(\.value) == [91, 69])
        #expect(list.allSatisfy { $0.n == nil && $0.source.contains("Résultat publié") })
        #expect(list[1].shown == "69% (n not given)")
    }

    @Test func badIndicatorsAreLocatedErrors() throws {
        let theory = try #require(Self.coded.codebook.theoryOfChange)
        func error(_ csv: String) -> String {
            do {
                _ = try IndicatorTable.parse(Data(csv.utf8), path: "indicators.csv", theory: theory)
                return "no error"
            } catch let d as Diagnostic { return d.description } catch { return "\(error)" }
        }
        #expect(error("outcome,value,source\nnope,50,x\n").hasPrefix("indicators.csv:2: error: unknown outcome 'nope'"))
        #expect(error("outcome,value,source\nseniors-liens,150,x\n") == "indicators.csv:2: error: value '150' is not a percentage from 0 to 100")
        #expect(error("outcome,value,source,n\nseniors-liens,50,x,abc\n") == "indicators.csv:2: error: n 'abc' is not a whole number of respondents")
        #expect(error("outcome,value,source,horizon\nseniors-liens,50,x,soon\n") == "indicators.csv:2: error: horizon 'soon' must be short, long, both or empty")
        #expect(error("outcome,value,source\nseniors-liens,50,\n") == "indicators.csv:2: error: an indicator needs its 'source' (where the figure was published)")
        #expect(error("outcome,value\nseniors-liens,50\n") == "indicators.csv:1: error: no 'source' column (expected outcome, group, horizon, value, n, source)")
        let ok = try IndicatorTable.parse(Data("outcome,value,n,source\nseniors-liens,42.5%,120,enquête\n".utf8), path: "i.csv", theory: theory)
        #expect(ok.map(\.shown) == ["42.5% (n = 120)"])
        #expect(ok[0].group == "senior")   // taken from the outcome
    }
}
