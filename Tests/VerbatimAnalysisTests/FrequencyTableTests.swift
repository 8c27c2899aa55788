import Testing
import VerbatimModel
@testable import VerbatimAnalysis

/// A tree: `usages` with the sub-themes `demarches` and `famille`, and `peur`.
let frequencyTree = ThemeTree(nodes: [
    ThemeNode(id: "usages", label: "Usages"),
    ThemeNode(id: "demarches", label: "Démarches", parent: "usages", depth: 1),
    ThemeNode(id: "famille", label: "Famille", parent: "usages", depth: 1),
    ThemeNode(id: "peur", label: "Peur"),
])

func attrs(_ pairs: [(String, String)]) -> Attributes { Attributes(pairs) }

/// A small corpus:
/// - D1 (A, 3-6 mois): one unit; segments {demarches} 10 words, {famille, demarches} 5 words.
/// - D2 (A, 12 mois): one unit; no coding.
/// - D3 (B, 12 mois): a focus group with P1 and P2 (P2 has gender F); P1 {demarches} 4 words,
///   P1 {famille} 6 words, P2 {peur} 3 words, the moderator (no participant) {peur} 2 words.
/// - D4 (B, 3-6 mois): one unit; {peur} 7 words.
func frequencyCorpus() -> CodedCorpus {
    CodedCorpus(documents: [
        .init(name: "D1", attributes: attrs([("group", "A"), ("wave", "3-6 mois")]), participants: [],
              segments: [.init(start: 0, words: 10, participant: 0, themes: ["demarches"]),
                         .init(start: 50, words: 5, participant: 0, themes: ["famille", "demarches"])]),
        .init(name: "D2", attributes: attrs([("group", "A"), ("wave", "12 mois")]), participants: [], segments: []),
        .init(name: "D3", attributes: attrs([("group", "B"), ("wave", "12 mois")]),
              participants: [.init(speaker: "P1", attributes: attrs([("group", "B"), ("wave", "12 mois")])),
                             .init(speaker: "P2", attributes: attrs([("group", "B"), ("wave", "12 mois"), ("gender", "F")]))],
              segments: [.init(start: 0, words: 4, participant: 0, themes: ["demarches"]),
                         .init(start: 20, words: 6, participant: 0, themes: ["famille"]),
                         .init(start: 40, words: 3, participant: 1, themes: ["peur"]),
                         .init(start: 60, words: 2, participant: nil, themes: ["peur"])]),
        .init(name: "D4", attributes: attrs([("group", "B"), ("wave", "3-6 mois")]), participants: [],
              segments: [.init(start: 0, words: 7, participant: 0, themes: ["peur"])]),
    ])
}

@Suite struct FrequencyTableTests {
    func row(_ t: FrequencyTable, _ id: String) throws -> FrequencyTable.Row {
        try #require(t.rows.first { $0.theme.id == id })
    }

    @Test func parentsRollUpAndCountAParticipantOnce() throws {
        let t = try FrequencyTable.compute(frequencyCorpus(), themes: frequencyTree, by: ["group"])
        #expect(t.groups.map { $0.values } == [["A"], ["B"]])
        #expect(t.groups.map(\.size) == [2, 3])
        #expect(t.total.size == 5)
        let usages = try row(t, "usages")
        // D1's unit has both sub-themes (in two segments, one with both): it counts once for the parent.
        #expect(usages.cells.map(\.fraction) == ["1/2", "1/3"])
        #expect(usages.total.fraction == "2/5")
        // Units are distinct segments: D1's two, D3's two; words of each unit once.
        #expect(usages.cells.map(\.units) == [2, 2])
        #expect(usages.cells.map(\.words) == [15, 10])
        #expect(usages.total.words == 25)
        #expect(usages.total.documents == 2)
        let demarches = try row(t, "demarches")
        #expect(demarches.total.units == 3)
        #expect(demarches.total.words == 19)
        #expect(t.rows.map(\.theme.id) == ["usages", "demarches", "famille", "peur"])
    }

    @Test func theDenominatorIsEveryUnitOfTheGroup() throws {
        let t = try FrequencyTable.compute(frequencyCorpus(), themes: frequencyTree, by: ["group"])
        let peur = try row(t, "peur")
        // B: P2 and D4 mention it out of P1, P2, D4; the moderator's segment is a coded unit of D3 but no participant.
        #expect(peur.cells[1].n == 2)
        #expect(peur.cells[1].base == 3)
        #expect(abs(peur.cells[1].percent - 200.0 / 3) < 1e-9)
        #expect(peur.cells[1].units == 3)
        #expect(peur.cells[1].words == 12)
        #expect(peur.cells[1].documents == 2)
        #expect(peur.cells[0].fraction == "0/2")
    }

    @Test func smallGroupsAreFlagged() throws {
        let t = try FrequencyTable.compute(frequencyCorpus(), themes: frequencyTree, by: ["group"], minN: 3)
        #expect(t.groups.map(\.isSmall) == [true, false])
        #expect(t.total.isSmall == false)
        #expect(t.rows.allSatisfy { $0.cells[0].smallN && !$0.cells[1].smallN && !$0.total.smallN })
        let none = try FrequencyTable.compute(frequencyCorpus(), themes: frequencyTree, by: ["group"], minN: 0)
        #expect(none.rows.allSatisfy { !$0.cells.contains(where: \.smallN) })
    }

    @Test func twoAttributesAreCrossedInNaturalOrder() throws {
        let t = try FrequencyTable.compute(frequencyCorpus(), themes: frequencyTree, by: ["group", "wave"])
        #expect(t.groups.map { $0.label() } == ["A · 3-6 mois", "A · 12 mois", "B · 3-6 mois", "B · 12 mois"])
        #expect(t.groups.map(\.size) == [1, 1, 1, 2])
        #expect(try row(t, "peur").cells.map(\.fraction) == ["0/1", "0/1", "1/1", "1/2"])
    }

    @Test func documentLevelCountsDocuments() throws {
        let t = try FrequencyTable.compute(frequencyCorpus(), themes: frequencyTree, by: ["group"], level: .document)
        #expect(t.groups.map(\.size) == [2, 2])
        // D3's moderator segment counts for the document at this level.
        #expect(try row(t, "peur").cells.map(\.fraction) == ["0/2", "2/2"])
        #expect(try row(t, "famille").total.fraction == "2/4")
    }

    @Test func unitsWithoutTheAttributeAreLeftOutAndCounted() throws {
        let t = try FrequencyTable.compute(frequencyCorpus(), themes: frequencyTree, by: ["gender"])
        #expect(t.groups.map { $0.values } == [["F"]])
        #expect(t.excluded == 4)
        #expect(try row(t, "peur").cells.map(\.fraction) == ["1/1"])
        #expect(try row(t, "peur").cells[0].units == 1)
    }

    @Test func badRequestsSayWhatIsValid() throws {
        #expect(throws: AnalysisError.unknownAttribute("territoire", attributes: ["gender", "group", "wave"])) {
            try FrequencyTable.compute(frequencyCorpus(), themes: frequencyTree, by: ["territoire"])
        }
        #expect(AnalysisError.unknownAttribute("territoire", attributes: ["gender", "group"]).description
            == "unknown attribute 'territoire' (attributes: gender, group)")
        #expect(throws: AnalysisError.noDocuments) {
            try FrequencyTable.compute(CodedCorpus(documents: []), themes: frequencyTree, by: ["group"])
        }
        do {
            _ = try FrequencyTable.compute(frequencyCorpus(), themes: frequencyTree, by: ["gender"], level: .document)
            Issue.record("expected an error")
        } catch let e as AnalysisError {
            #expect(e.description == "no document has a value for 'gender': 'gender' is a participant attribute; count per participant instead")
        }
        #expect(throws: AnalysisError.invalid("attribute 'group' is given twice")) {
            try FrequencyTable.compute(frequencyCorpus(), themes: frequencyTree, by: ["group", "group"])
        }
        do {
            _ = try frequencyTree.subtree(rootedAt: "x")
            Issue.record("expected an error")
        } catch let e as AnalysisError {
            #expect(e.description == "unknown theme 'x' (themes: usages, demarches, famille, peur)")
        }
    }

    @Test func aSubtreeKeepsTheThemeAndItsDescendants() throws {
        let sub = try frequencyTree.subtree(rootedAt: "usages")
        #expect(sub.ids == ["usages", "demarches", "famille"])
        #expect(sub.nodes.map(\.depth) == [0, 1, 1])
        let t = try FrequencyTable.compute(frequencyCorpus(), themes: sub, by: ["group"])
        #expect(t.rows.map(\.theme.id) == ["usages", "demarches", "famille"])
        #expect(t.rows[0].total.fraction == "2/5")
        let leaf = try frequencyTree.subtree(rootedAt: "famille")
        #expect(leaf.nodes == [ThemeNode(id: "famille", label: "Famille")])
    }

    @Test func themeTreeFromACodebook() {
        let book = Codebook(id: "cb", title: "", language: "fr", themes: [
            Theme(id: "a", label: "Alpha", labels: ["en": "Alpha EN"], children: [Theme(id: "b", label: "Bêta", children: [Theme(id: "c", label: "Gamma")])]),
            Theme(id: "d", label: "Delta"),
        ], path: "cb.yaml")
        let tree = ThemeTree(codebook: book, language: "en")
        #expect(tree.ids == ["a", "b", "c", "d"])
        #expect(tree.nodes.map(\.depth) == [0, 1, 2, 0])
        #expect(tree.node("a")?.label == "Alpha EN")
        #expect(tree.node("b")?.label == "Bêta")
        #expect(tree.lineage(of: "c") == ["a", "b", "c"])
        #expect(tree.isAncestor("a", of: "c"))
        #expect(!tree.isAncestor("c", of: "a"))
        #expect(!tree.isAncestor("d", of: "c"))
        #expect(tree.rollUp(["c", "d", "unknown"]) == ["a", "b", "c", "d"])
    }

    @Test func naturalOrderOfValues() {
        let values = ["12 mois", "3-6 mois", "urbain", "périurbain", "Rural", "2", "10"]
        #expect(values.sorted(by: AttributeGroup.naturalOrder) == ["2", "3-6 mois", "10", "12 mois", "périurbain", "Rural", "urbain"])
    }
}
