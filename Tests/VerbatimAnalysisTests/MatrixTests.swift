import Testing
import VerbatimModel
@testable import VerbatimAnalysis

@Suite struct MatrixTests {
    /// 60 interviews, 20 per group X, Y, Z; 12, 5 and 8 of them mention `t`.
    func sixtyInterviews() -> CodedCorpus {
        var docs: [CodedCorpus.Document] = []
        for (group, mentioning) in [("X", 12), ("Y", 5), ("Z", 8)] {
            for i in 0..<20 {
                docs.append(.init(name: "\(group)\(i)", attributes: attrs([("group", group)]), participants: [],
                                  segments: i < mentioning ? [.init(start: 0, words: 10, participant: 0, themes: ["t"])] : []))
            }
        }
        return CodedCorpus(documents: docs)
    }

    @Test func chiSquareMatchesSciPy() throws {
        let tree = ThemeTree(nodes: [ThemeNode(id: "t", label: "T")])
        let m = try ThemeMatrix.compute(sixtyInterviews(), themes: tree, columns: ["group"])
        let row = try #require(m.rows.first)
        #expect(row.table.counts == [[12, 5, 8], [8, 15, 12]])
        // python3 -c "from scipy.stats import chi2_contingency; from scipy.stats.contingency import association;
        //   t=[[12,5,8],[8,15,12]]; c=chi2_contingency(t, correction=False);
        //   print(c.statistic, c.pvalue, c.dof, association(t, method='cramer', correction=False))"
        // 5.074285714285714 0.0790920545719721 2 0.2908116719999879
        #expect(row.association.test == .chiSquare)
        expectClose(row.association.statistic, 5.074285714285714, relative: 1e-9)
        expectClose(row.association.pValue, 0.0790920545719721, relative: 1e-6)
        #expect(row.association.degreesOfFreedom == 2)
        expectClose(row.association.cramersV, 0.2908116719999879, relative: 1e-9)
        #expect(row.association.warnings.isEmpty)
    }

    @Test func cellsCarryRowAndColumnPercentages() throws {
        let tree = ThemeTree(nodes: [ThemeNode(id: "t", label: "T")])
        let m = try ThemeMatrix.compute(sixtyInterviews(), themes: tree, columns: ["group"])
        let row = try #require(m.rows.first)
        #expect(m.columns.map { $0.label() } == ["X", "Y", "Z"])
        let x = row.cells[0]
        #expect(x.participants.count == 12)
        #expect(x.participants.base == 20)
        #expect(x.participants.columnPercent == 60)
        #expect(x.participants.rowPercent == 48)  // 12 of the 25 who mention it
        #expect(x.units.count == 12)
        #expect(x.units.base == 12)               // every coded unit of X carries t
        #expect(x.units.columnPercent == 100)
        #expect(x.documents.base == 20)
        #expect(x.words == 120)
        #expect(row.total.participants.count == 25)
        #expect(row.total.participants.base == 60)
        #expect(row.total.participants.rowPercent == 100)
        #expect(x.measure(.percent) == x.participants)
        #expect(x.measure(.units) == x.units)
    }

    @Test func aThemeNobodyMentionsHasNoTest() throws {
        let tree = ThemeTree(nodes: [ThemeNode(id: "t", label: "T"), ThemeNode(id: "never", label: "Never")])
        let m = try ThemeMatrix.compute(sixtyInterviews(), themes: tree, columns: ["group"])
        let never = try #require(m.rows.last)
        #expect(never.association.test == .none)
        #expect(!never.association.warnings.isEmpty)
        #expect(never.cells[0].participants.rowPercent == nil)
        #expect(never.cells[0].participants.columnPercent == 0)
    }

    @Test func columnsNeedAnAttribute() {
        #expect(throws: AnalysisError.self) {
            try ThemeMatrix.compute(frequencyCorpus(), themes: frequencyTree, columns: [])
        }
    }
}
