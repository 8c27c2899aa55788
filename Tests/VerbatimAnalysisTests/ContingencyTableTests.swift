import Testing
@testable import VerbatimAnalysis

@Suite struct ContingencyTableTests {
    @Test func totalsExpectedCountsAndPercentages() throws {
        let t = try ContingencyTable([[9, 5], [2, 12]], rowLabels: ["senior", "partner"], columnLabels: ["Lyon", "Lille"])
        #expect(t.rowTotals == [14, 14])
        #expect(t.columnTotals == [11, 17])
        #expect(t.grandTotal == 28)
        #expect(t.rowLabels == ["senior", "partner"])
        #expect(t.columnLabels == ["Lyon", "Lille"])
        // scipy.stats.contingency.expected_freq([[9, 5], [2, 12]]) == [[5.5, 8.5], [5.5, 8.5]]
        #expect(t.expectedCounts == [[5.5, 8.5], [5.5, 8.5]])
        expectClose(t.rowPercentages[0][0], 100 * 9 / 14.0, relative: 1e-15)
        expectClose(t.rowPercentages[1][1], 100 * 12 / 14.0, relative: 1e-15)
        expectClose(t.columnPercentages[0][0], 100 * 9 / 11.0, relative: 1e-15)
        expectClose(t.columnPercentages[1][1], 100 * 12 / 17.0, relative: 1e-15)
        for row in t.rowPercentages { expectClose(row.reduce(0, +), 100, relative: 1e-14) }
    }

    @Test func defaultLabels() throws {
        let t = try ContingencyTable([[1, 2, 3], [4, 5, 6]])
        #expect(t.rowLabels == ["row 1", "row 2"])
        #expect(t.columnLabels == ["column 1", "column 2", "column 3"])
        #expect(t.rowCount == 2 && t.columnCount == 3 && t.cellCount == 6)
        #expect(t[1, 2] == 6)
        #expect(t.transposed.counts == [[1, 4], [2, 5], [3, 6]])
        #expect(t.transposed.rowLabels == t.columnLabels)
    }

    @Test func invalidTablesAreRejected() {
        #expect(throws: ContingencyTableError.raggedRow(row: 1, expected: 2, found: 3)) {
            try ContingencyTable([[1, 2], [3, 4, 5]])
        }
        #expect(throws: ContingencyTableError.negativeCount(row: 0, column: 1, value: -2)) {
            try ContingencyTable([[1, -2], [3, 4]])
        }
        #expect(throws: ContingencyTableError.rowLabelCount(expected: 2, found: 1)) {
            try ContingencyTable([[1, 2], [3, 4]], rowLabels: ["a"])
        }
        #expect(throws: ContingencyTableError.columnLabelCount(expected: 2, found: 3)) {
            try ContingencyTable([[1, 2], [3, 4]], columnLabels: ["a", "b", "c"])
        }
    }

    @Test func emptyRowsAndColumnsAreDroppedWithTheirLabels() throws {
        let t = try ContingencyTable(
            [[5, 0, 3, 4], [0, 0, 0, 0], [2, 0, 8, 6]],
            rowLabels: ["a", "b", "c"], columnLabels: ["w", "x", "y", "z"]
        )
        let (reduced, rows, columns) = t.droppingEmptyRowsAndColumns()
        #expect(reduced.counts == [[5, 3, 4], [2, 8, 6]])
        #expect(reduced.rowLabels == ["a", "c"])
        #expect(reduced.columnLabels == ["w", "y", "z"])
        #expect(rows == 1 && columns == 1)
        // Percentages of an empty line are undefined.
        #expect(t.rowPercentages[1].allSatisfy { $0.isNaN })
        #expect(t.columnPercentages.allSatisfy { $0[1].isNaN })
    }

    @Test func emptyTable() throws {
        let t = try ContingencyTable([[0, 0], [0, 0]])
        #expect(t.grandTotal == 0)
        #expect(t.expectedCounts == [[0, 0], [0, 0]])
        let (reduced, rows, columns) = t.droppingEmptyRowsAndColumns()
        #expect(reduced.rowCount == 0 && reduced.columnCount == 0)
        #expect(rows == 2 && columns == 2)
    }

    @Test func cochranRuleCountsExactlyFiveAsEnough() {
        // Every expected count is exactly 5.
        let exact = ExpectedCountSummary(table([[5, 5], [5, 5]]))
        #expect(exact.cellsBelowFive == 0 && !exact.smallExpected)
        // Expected counts [[3, 4.714, 4.286], [4, 6.286, 5.714]]: 4 of 6 under 5.
        let small = ExpectedCountSummary(table([[5, 3, 4], [2, 8, 6]]))
        #expect(small.cellsBelowFive == 4 && small.cellCount == 6 && small.cellsBelowOne == 0)
        #expect(small.smallExpected)
        expectClose(small.minimumExpected, 3, relative: 1e-15)
        // 2 of 6 cells under 5 (33 %) is too many.
        let tooMany = ExpectedCountSummary(table([[30, 30, 4], [30, 30, 4]]))
        #expect(tooMany.cellsBelowFive == 2 && tooMany.smallExpected)
        let atTheLimit = ExpectedCountSummary(table([[30, 30, 30, 30, 4], [30, 30, 30, 30, 4]]))
        // 2 of 10 cells under 5 is exactly 20 %, which is not "more than 20 %".
        #expect(atTheLimit.cellsBelowFive == 2 && !atTheLimit.smallExpected)
        // One expected count under 1 is enough to break the rule.
        let tiny = ExpectedCountSummary(table([[100, 100, 1], [100, 100, 0]]))
        #expect(tiny.cellsBelowOne == 2 && tiny.smallExpected)
    }
}

@Suite struct JaccardTests {
    @Test func index() {
        #expect(Jaccard.index(both: 0, onlyA: 0, onlyB: 0) == 0)
        #expect(Jaccard.index(both: 3, onlyA: 0, onlyB: 0) == 1)
        #expect(Jaccard.index(both: 0, onlyA: 4, onlyB: 2) == 0)
        expectClose(Jaccard.index(both: 2, onlyA: 3, onlyB: 5), 0.2, relative: 1e-15)
    }
}
