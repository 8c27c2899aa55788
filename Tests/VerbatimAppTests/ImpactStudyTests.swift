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
