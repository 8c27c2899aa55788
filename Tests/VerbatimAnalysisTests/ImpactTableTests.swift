import Testing
import VerbatimModel
@testable import VerbatimAnalysis

@Suite struct ImpactTableTests {
    static let tree = ThemeTree(nodes: [
        ThemeNode(id: "confiance", label: "Confiance"),
        ThemeNode(id: "fierte", label: "Fierté", parent: "confiance", depth: 1),
        ThemeNode(id: "peur", label: "Peur"),
        ThemeNode(id: "grace", label: "Grâce aux jeunes"),
        ThemeNode(id: "fille", label: "Ma fille"),
    ])
    static let theory = TheoryOfChange(shortValues: ["court"], longValues: ["long"], programmeCues: ["grace"], otherCues: ["fille"],
                                       elements: [
                                           .init(id: "atelier", label: "Atelier", step: .activities),
                                           .init(id: "apaisement", label: "Apaisement", group: "senior", expected: .long,
                                                 evidence: ["confiance"], counter: ["peur"]),
                                       ])

    /// One interview (the document counts once): segments at `starts`, each with its themes and the rank
    /// of its turn among the senior's turns.
    static func interview(_ name: String, wave: String, group: String = "senior", context: String = "rural",
                          _ segments: [(start: Int, rank: Int, themes: Set<String>)]) -> (CodedCorpus.Document, [Int: SegmentTurns.Place]) {
        let a = Attributes([("group", group), ("wave", wave), ("context", context)])
        let doc = CodedCorpus.Document(name: name, attributes: a, participants: [.init(speaker: nil, attributes: a)],
                                       segments: segments.map { .init(start: $0.start, words: 10, participant: 0, themes: $0.themes) })
        return (doc, Dictionary(uniqueKeysWithValues: segments.map { ($0.start, SegmentTurns.Place(speaker: "Mme", rank: $0.rank)) }))
    }

    static func table(_ docs: [(CodedCorpus.Document, [Int: SegmentTurns.Place])], by: [String] = [], minN: Int = 5) throws -> ImpactTable {
        try ImpactTable.compute(CodedCorpus(documents: docs.map(\.0)), turns: SegmentTurns(documents: docs.map(\.1)),
                                themes: tree, theory: theory, by: by, minN: minN)
    }

    @Test func attributionWindowIsTheSameTurnOrTheSpeakersNextTurn() throws {
        let t = try Self.table([
            // The cue in the same unit: attributed.
            Self.interview("a", wave: "long", [(0, 0, ["fierte", "grace"])]),
            // The cue in the speaker's next turn: attributed.
            Self.interview("b", wave: "long", [(0, 3, ["confiance"]), (50, 4, ["grace"])]),
            // The cue two turns later: not attributed; the other cause in the same turn is.
            Self.interview("c", wave: "long", [(0, 1, ["confiance"]), (20, 1, ["fille"]), (60, 3, ["grace"])]),
            // The cue before the evidence: not attributed (the window looks forward).
            Self.interview("d", wave: "long", [(0, 1, ["grace"]), (30, 2, ["confiance", "peur"])]),
            // Counter-evidence only.
            Self.interview("e", wave: "long", [(0, 0, ["peur"])]),
            // Nothing coded.
            Self.interview("f", wave: "long", []),
            // The short term.
            Self.interview("g", wave: "court", [(0, 0, ["confiance"])]),
            // Another group: not counted.
            Self.interview("h", wave: "long", group: "partenaire", [(0, 0, ["confiance", "grace"])]),
        ])
        #expect(t.horizons == [.short, .long])
        #expect(t.rows.count == 1)
        let row = t.rows[0]
        #expect(row.element.id == "apaisement")
        let short = row.cells[0], long = row.cells[1]
        #expect((long.n, long.base, long.programme, long.other, long.counter, long.counterAlsoEvidence) == (4, 6, 2, 1, 2, 1))
        #expect(long.expected)
        #expect(long.strength == .most)      // 4/6 = 2/3
        #expect(!long.contested)
        #expect(long.evidence.map(\.document) == ["a", "b", "c", "d"])
        #expect(long.evidence.map(\.programme) == [true, true, false, false])
        #expect(long.counterPassages.map(\.document) == ["d", "e"])
        #expect((short.n, short.base, short.programme) == (1, 1, 0))
        #expect(!short.expected)
        #expect(short.smallN)
        #expect(!long.smallN)
    }

    @Test func theCueMustBeTheSameSpeakers() throws {
        let a = Attributes([("group", "senior"), ("wave", "long")])
        let doc = CodedCorpus.Document(name: "fg", attributes: a,
                                       participants: [.init(speaker: "Ana", attributes: a), .init(speaker: "Bo", attributes: a)],
                                       segments: [.init(start: 0, words: 5, participant: 0, themes: ["confiance"]),
                                                  .init(start: 10, words: 5, participant: 1, themes: ["grace"])])
        let places: [Int: SegmentTurns.Place] = [0: .init(speaker: "Ana", rank: 0), 10: .init(speaker: "Bo", rank: 0)]
        let t = try ImpactTable.compute(CodedCorpus(documents: [doc]), turns: SegmentTurns(documents: [places]),
                                        themes: Self.tree, theory: Self.theory)
        #expect((t.rows[0].cells[1].n, t.rows[0].cells[1].base, t.rows[0].cells[1].programme) == (1, 2, 0))
    }

    @Test func strengthReadings() {
        #expect(ImpactTable.Strength.reading(0, of: 10) == .none)
        #expect(ImpactTable.Strength.reading(1, of: 10) == .few)
        #expect(ImpactTable.Strength.reading(3, of: 10) == .few)      // 0.30 < 1/3
        #expect(ImpactTable.Strength.reading(4, of: 12) == .some)     // exactly 1/3
        #expect(ImpactTable.Strength.reading(6, of: 10) == .some)
        #expect(ImpactTable.Strength.reading(7, of: 10) == .most)
        #expect(ImpactTable.Strength.reading(2, of: 3) == .most)      // exactly 2/3
        #expect(ImpactTable.Strength.reading(0, of: 0) == .none)
        #expect(ImpactTable.Strength.most.phrase == "shared by most (≥ 2/3 of the group)")
    }

    @Test func contextRowsFollowTheWholeGroup() throws {
        let t = try Self.table([
            Self.interview("a", wave: "long", context: "rural", [(0, 0, ["confiance"])]),
            Self.interview("b", wave: "long", context: "urbain", [(0, 0, ["peur"])]),
            Self.interview("c", wave: "long", context: "urbain", [(0, 0, ["peur"])]),
        ], by: ["context"], minN: 2)
        #expect(t.rows.map(\.context) == [[], ["rural"], ["urbain"]])
        let urbain = t.rows[2].cells[1]
        #expect((urbain.n, urbain.base, urbain.counter) == (0, 2, 2))
        #expect(urbain.contested)
        #expect(t.rows[1].cells[1].smallN)
        #expect(!urbain.smallN)
    }

    @Test func withoutHorizonsEachGroupIsOneColumn() throws {
        var theory = Self.theory
        theory.shortValues = []
        theory.longValues = []
        let (d, p) = Self.interview("a", wave: "x", [(0, 0, ["confiance"])])
        let t = try ImpactTable.compute(CodedCorpus(documents: [d]), turns: SegmentTurns(documents: [p]), themes: Self.tree, theory: theory)
        #expect(t.horizons == [nil])
        #expect((t.rows[0].cells[0].n, t.rows[0].cells[0].base) == (1, 1))
    }
}
