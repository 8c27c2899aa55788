import Testing
@testable import VerbatimAnalysis

/// Reference values: scipy 1.17.1, `r = scipy.stats.chi2_contingency(table, correction=...)`,
/// reading `r.statistic`, `r.pvalue`, `r.dof`; Cramér's V from
/// `scipy.stats.contingency.association(table, method="cramer", correction=False)`.
@Suite struct ChiSquareTests {
    @Test func twoByTwoWithoutCorrectionByDefault() {
        let r = ChiSquare.test(table([[9, 5], [2, 12]]))
        // chi2_contingency([[9, 5], [2, 12]], correction=False)
        expectClose(r.statistic, 7.336898395721924, relative: 1e-12)
        expectClose(r.pValue, 0.00675532976236455)
        #expect(r.degreesOfFreedom == 1)
        #expect(!r.yatesCorrectionApplied)
        #expect(r.droppedRows == 0 && r.droppedColumns == 0)
        expectClose(r.minimumExpected, 5.5, relative: 1e-15)
        #expect(r.shareExpectedBelowFive == 0 && !r.smallExpected)
    }

    @Test func twoByTwoWithYates() {
        let r = ChiSquare.test(table([[9, 5], [2, 12]]), yates: true)
        // chi2_contingency([[9, 5], [2, 12]], correction=True)
        expectClose(r.statistic, 5.390374331550802, relative: 1e-12)
        expectClose(r.pValue, 0.02024812670418194)
        #expect(r.yatesCorrectionApplied)
    }

    @Test func yatesNeverMovesACountPastItsExpectation() {
        // |O − E| = 0.238 < 0.5: the corrected statistic is 0, as in scipy (gh-13875).
        // chi2_contingency([[5, 5], [5, 6]], correction=True) -> statistic 0.0, pvalue 1.0
        let corrected = ChiSquare.test(table([[5, 5], [5, 6]]), yates: true)
        #expect(corrected.statistic == 0)
        expectClose(corrected.pValue, 1.0)
        // chi2_contingency([[5, 5], [5, 6]], correction=False)
        let plain = ChiSquare.test(table([[5, 5], [5, 6]]))
        expectClose(plain.statistic, 0.043388429752066124, relative: 1e-12)
        expectClose(plain.pValue, 0.8349955942110459)
    }

    @Test func twoByThree() {
        let t = table([[12, 7, 5], [4, 9, 13]])
        // chi2_contingency([[12, 7, 5], [4, 9, 13]], correction=False); correction=True gives the same (dof 2)
        for yates in [false, true] {
            let r = ChiSquare.test(t, yates: yates)
            expectClose(r.statistic, 7.737936253561253, relative: 1e-12)
            expectClose(r.pValue, 0.020879903726448018)
            #expect(r.degreesOfFreedom == 2)
            #expect(!r.yatesCorrectionApplied)
            #expect(!r.smallExpected)
        }
        // association([[12, 7, 5], [4, 9, 13]], method="cramer", correction=False)
        expectClose(CramersV.value(t), 0.3933938548976395, relative: 1e-12)
    }

    @Test func threeByFourWithModerateCounts() {
        let t = table([[20, 15, 12, 8], [14, 18, 16, 10], [9, 11, 19, 22]])
        let r = ChiSquare.test(t)
        // chi2_contingency([[20, 15, 12, 8], [14, 18, 16, 10], [9, 11, 19, 22]], correction=False)
        expectClose(r.statistic, 15.608842178129507, relative: 1e-12)
        expectClose(r.pValue, 0.016014791296116403)
        #expect(r.degreesOfFreedom == 6)
        #expect(!r.smallExpected && r.expected.cellsBelowFive == 0)
        // association(..., method="cramer", correction=False)
        expectClose(CramersV.value(t), 0.2117852562496737, relative: 1e-12)
    }

    @Test func zeroRowAndColumnAreDropped() {
        // scipy refuses tables with a zero margin (expected frequency 0), so the reference is the reduced
        // table: chi2_contingency([[5, 3, 4], [2, 8, 6]], correction=False)
        let r = ChiSquare.test(table([[5, 0, 3, 4], [0, 0, 0, 0], [2, 0, 8, 6]]))
        #expect(r.droppedRows == 1 && r.droppedColumns == 1)
        #expect(r.testedTable.counts == [[5, 3, 4], [2, 8, 6]])
        expectClose(r.statistic, 3.4575757575757575, relative: 1e-12)
        expectClose(r.pValue, 0.17749943045289862)
        #expect(r.degreesOfFreedom == 2)
        expectClose(r.minimumExpected, 3, relative: 1e-15)
        expectClose(r.shareExpectedBelowFive, 4.0 / 6.0, relative: 1e-15)
        #expect(r.smallExpected)
        // association([[5, 3, 4], [2, 8, 6]], method="cramer", correction=False)
        expectClose(CramersV.value(table([[5, 3, 4], [0, 0, 0], [2, 8, 6]])), 0.3514041099430234, relative: 1e-12)
    }

    @Test func yatesAppliesToATableThatIsTwoByTwoOnceEmptyRowsAreDropped() {
        // chi2_contingency([[9, 5], [2, 12]], correction=True) on the reduced table
        let r = ChiSquare.test(table([[9, 5], [0, 0], [2, 12]]), yates: true)
        #expect(r.droppedRows == 1 && r.yatesCorrectionApplied)
        expectClose(r.statistic, 5.390374331550802, relative: 1e-12)
        expectClose(r.pValue, 0.02024812670418194)
    }

    @Test func twoByTwoWithAZeroCell() {
        let t = table([[0, 7], [6, 4]])
        // chi2_contingency([[0, 7], [6, 4]], correction=False)
        let plain = ChiSquare.test(t)
        expectClose(plain.statistic, 6.490909090909091, relative: 1e-12)
        expectClose(plain.pValue, 0.01084275154132229)
        // chi2_contingency([[0, 7], [6, 4]], correction=True)
        let corrected = ChiSquare.test(t, yates: true)
        expectClose(corrected.statistic, 4.129491341991343, relative: 1e-12)
        expectClose(corrected.pValue, 0.042142015973715204)
        // association([[0, 7], [6, 4]], method="cramer", correction=False)
        expectClose(CramersV.value(t), 0.6179143806533247, relative: 1e-12)
    }

    @Test func largeTwoByTwo() {
        let t = table([[120, 80], [60, 140]])
        // chi2_contingency([[120, 80], [60, 140]], correction=False)
        let plain = ChiSquare.test(t)
        expectClose(plain.statistic, 36.36363636363636, relative: 1e-12)
        expectClose(plain.pValue, 1.6372964502968553e-09)
        // chi2_contingency([[120, 80], [60, 140]], correction=True)
        let corrected = ChiSquare.test(t, yates: true)
        expectClose(corrected.statistic, 35.16161616161616, relative: 1e-12)
        expectClose(corrected.pValue, 3.0344594161766796e-09)
        // association([[120, 80], [60, 140]], method="cramer", correction=False)
        expectClose(CramersV.value(t), 0.30151134457776363, relative: 1e-12)
    }

    @Test func extremePValues() {
        // chi2_contingency([[200, 10], [15, 180]], correction=False)
        let plain = ChiSquare.test(table([[200, 10], [15, 180]]))
        expectClose(plain.statistic, 311.1625889410467, relative: 1e-12)
        expectClose(plain.pValue, 1.218888618331241e-69)
        // chi2_contingency([[200, 10], [15, 180]], correction=True)
        let corrected = ChiSquare.test(table([[200, 10], [15, 180]]), yates: true)
        expectClose(corrected.statistic, 307.6572909801337, relative: 1e-12)
        expectClose(corrected.pValue, 7.072520808414995e-69)
        // chi2_contingency([[150, 10, 5], [8, 140, 12], [6, 9, 160]], correction=False)
        let big = ChiSquare.test(table([[150, 10, 5], [8, 140, 12], [6, 9, 160]]))
        expectClose(big.statistic, 722.3778488591643, relative: 1e-12)
        expectClose(big.pValue, 4.972540869775023e-155)
        #expect(big.degreesOfFreedom == 4)
        // association([[150, 10, 5], [8, 140, 12], [6, 9, 160]], method="cramer", correction=False)
        expectClose(CramersV.value(table([[150, 10, 5], [8, 140, 12], [6, 9, 160]])), 0.8499281433504624, relative: 1e-12)
    }

    @Test func degenerateTables() {
        // One non-empty row: nothing to test (scipy: dof 0 gives statistic 0, p 1).
        let oneRow = ChiSquare.test(table([[3, 4, 5], [0, 0, 0]]))
        #expect(oneRow.isDegenerate && oneRow.statistic == 0 && oneRow.pValue == 1 && oneRow.degreesOfFreedom == 0)
        #expect(oneRow.droppedRows == 1)
        let empty = ChiSquare.test(table([[0, 0], [0, 0]]))
        #expect(empty.isDegenerate && empty.pValue == 1)
        #expect(CramersV.value(table([[3, 4, 5], [0, 0, 0]])).isNaN)
    }

    @Test func perfectAssociationHasCramersVOne() {
        expectClose(CramersV.value(table([[10, 0, 0], [0, 7, 0], [0, 0, 4]])), 1, relative: 1e-14)
        #expect(CramersV.value(table([[5, 5], [5, 5]])) == 0)
    }
}
