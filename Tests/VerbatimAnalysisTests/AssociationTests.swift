import Testing
import VerbatimTestSupport
@testable import VerbatimAnalysis

/// The report policy. Reference values as in the other suites: scipy 1.17.1 `chi2_contingency(table,
/// correction=False)`, `fisher_exact(table)`, `contingency.association(table, method="cramer",
/// correction=False)`, and the exact-rational brute force `fh(table)` quoted in FreemanHaltonTests.
@Suite struct AssociationTests {
    @Test func twoByTwoUsesFisher() {
        let r = Association.test(table([[9, 5], [2, 12]]))
        #expect(r.test == .fisherExact)
        #expect(r.reason == "the table is 2 × 2")
        #expect(r.statistic == 10.8 && r.statisticName == "odds ratio")   // fisher_exact([[9, 5], [2, 12]]).statistic
        expectClose(r.pValue, 0.018306636155606404)                       // fisher_exact([[9, 5], [2, 12]]).pvalue
        #expect(r.degreesOfFreedom == 1)
        expectClose(r.cramersV, 0.5118906968889915, relative: 1e-12)      // association(..., method="cramer")
        // The chi-square test is still there for reference: chi2_contingency(..., correction=False).
        expectClose(r.chiSquare.pValue, 0.00675532976236455)
        #expect(r.fisherExact != nil && r.freemanHalton == nil)
        #expect(r.warnings.isEmpty)
    }

    @Test func extremeTwoByTwoUsesFisher() {
        let r = Association.test(table([[200, 10], [15, 180]]))
        #expect(r.test == .fisherExact)
        expectClose(r.pValue, 2.43991309812063e-82)    // fisher_exact([[200, 10], [15, 180]]).pvalue
    }

    @Test func largeExpectedCountsUseChiSquare() {
        let t = table([[20, 15, 12, 8], [14, 18, 16, 10], [9, 11, 19, 22]])
        let r = Association.test(t)
        #expect(r.test == .chiSquare && r.statisticName == "chi-square")
        // chi2_contingency([[20, 15, 12, 8], [14, 18, 16, 10], [9, 11, 19, 22]], correction=False)
        expectClose(r.statistic, 15.608842178129507, relative: 1e-12)
        expectClose(r.pValue, 0.016014791296116403)
        #expect(r.degreesOfFreedom == 6)
        expectClose(r.cramersV, 0.2117852562496737, relative: 1e-12)
        #expect(r.warnings.isEmpty)

        // chi2_contingency([[12, 7, 5], [4, 9, 13]], correction=False): smallest expected count 7.68.
        let twoByThree = Association.test(table([[12, 7, 5], [4, 9, 13]]))
        #expect(twoByThree.test == .chiSquare)
        expectClose(twoByThree.pValue, 0.020879903726448018)
    }

    @Test func smallExpectedCountsUseFreemanHalton() {
        // Expected counts [[1.2, 2.4, 8.4], [2.8, 5.6, 19.6]]: 3 of 6 under 5.
        let r = Association.test(table([[1, 3, 8], [3, 5, 20]]))
        #expect(r.test == .freemanHalton)
        #expect(r.reason == "expected counts are too small for the chi-square approximation (Cochran's rule)")
        expectClose(r.pValue, 0.8615369451213888)                  // fh([[1, 3, 8], [3, 5, 20]])
        expectClose(r.statistic, 0.12461674939075008)              // probability of the observed table
        expectClose(r.cramersV, 0.08501700510170059, relative: 1e-12)
        #expect(r.warnings == ["3 of 6 cells have expected counts under 5"])
        // The chi-square figures remain available: chi2_contingency([[1, 3, 8], [3, 5, 20]], correction=False)
        expectClose(r.chiSquare.statistic, 0.2891156462585034, relative: 1e-12)
        expectClose(r.chiSquare.pValue, 0.865404870538648)
    }

    @Test func droppedRowsAreReported() {
        let r = Association.test(table([[5, 3, 4], [0, 0, 0], [2, 8, 6]]))
        #expect(r.test == .freemanHalton)
        expectClose(r.pValue, 0.2210691986704909)                  // fh([[5, 3, 4], [2, 8, 6]])
        expectClose(r.cramersV, 0.3514041099430234, relative: 1e-12)
        #expect(r.warnings == [
            "1 row with a zero total was left out",
            "4 of 6 cells have expected counts under 5",
        ])
        #expect(r.testedTable.rowCount == 2)
        let columns = Association.test(table([[5, 0, 0, 3, 4], [2, 0, 0, 8, 6]]))
        #expect(columns.warnings.first == "2 columns with a zero total were left out")
    }

    @Test func expectedCountUnderOneIsSpelledOut() {
        // Column 3 has a single observation: smallest expected count 20/65 = 0.3077.
        let r = Association.test(table([[10, 12, 1], [9, 11, 0], [8, 14, 0]]))
        #expect(r.test == .freemanHalton)
        expectClose(r.pValue, 0.8844355060082547)                  // fh([[10, 12, 1], [9, 11, 0], [8, 14, 0]])
        expectClose(r.chiSquare.minimumExpected, 0.3076923076923077, relative: 1e-12)
        #expect(r.warnings == [
            "3 of 9 cells have expected counts under 5",
            "the smallest expected count is 0.31, under 1",
        ])
    }

    /// On seed 7 unless VERBATIM_SEED says another; a failure gives the seed to replay it with.
    @Test func monteCarloIsDisclosed() {
        let rng = SeededRandom.fromEnvironment(default: 7)
        let job = table([[1, 3, 10, 6], [2, 3, 10, 7], [1, 6, 14, 12], [0, 1, 9, 11]])
        let r = Association.test(job, maxTables: 100_000, monteCarloSamples: 20_000, seed: rng.seed)
        #expect(r.test == .freemanHalton, "\(rng.note)")
        #expect(r.freemanHalton?.isMonteCarlo == true, "\(rng.note)")
        #expect(r.warnings.contains(
            "the p-value is a Monte Carlo estimate from 20000 random tables (seed \(rng.seed)): "
                + "the table has more than 100000 possible arrangements to enumerate"), "\(r.warnings); \(rng.note)")
        #expect(abs(r.pValue - 0.7827) < 0.015, "p = \(r.pValue); \(rng.note)")   // R: fisher.test(Job) p = 0.7827
    }

    @Test func nothingToTest() {
        let r = Association.test(table([[3, 4], [0, 0]]))
        #expect(r.test == .none)
        #expect(r.pValue == 1 && r.cramersV.isNaN)
        #expect(r.warnings == [
            "1 row with a zero total was left out",
            "fewer than two non-empty rows or columns: no association can be tested",
        ])
    }

    @Test func decimalFormatting() {
        #expect(Association.formatDecimal(0.3076923) == "0.31")
        #expect(Association.formatDecimal(0.005) == "0.01")
        #expect(Association.formatDecimal(1) == "1.00")
        #expect(Association.formatDecimal(12.345) == "12.35" || Association.formatDecimal(12.345) == "12.34")
        #expect(Association.formatDecimal(0.04) == "0.04")
    }
}
