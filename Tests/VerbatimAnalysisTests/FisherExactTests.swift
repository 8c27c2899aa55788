import Testing
import VerbatimTestSupport
@testable import VerbatimAnalysis

/// 2 × 2 reference values: scipy 1.17.1, `r = scipy.stats.fisher_exact(table, alternative=...)`,
/// reading `r.statistic` (the sample odds ratio) and `r.pvalue`.
@Suite struct FisherExactTwoByTwoTests {
    @Test func classicTable() {
        let r = FisherExact.twoByTwo(table([[9, 5], [2, 12]]))
        #expect(r.oddsRatio == 10.8)                          // fisher_exact([[9, 5], [2, 12]]).statistic
        expectClose(r.pValue, 0.018306636155606404)           // alternative='two-sided'
        expectClose(r.pValueLess, 0.9993304517331977)         // alternative='less'
        expectClose(r.pValueGreater, 0.0091533180778032)      // alternative='greater'
        // Probability of the observed table: scipy.stats.hypergeom.pmf(9, 28, 14, 11)
        expectClose(r.observedProbability, 0.008483769811000932)
    }

    @Test func scipyDocumentationExample() {
        let r = FisherExact.twoByTwo(a: 6, b: 2, c: 1, d: 4)
        #expect(r.oddsRatio == 12)                            // fisher_exact([[6, 2], [1, 4]]).statistic
        expectClose(r.pValue, 0.10256410256410256)            // alternative='two-sided'
        expectClose(r.pValueLess, 0.9953379953379954)         // alternative='less'
        expectClose(r.pValueGreater, 0.08624708624708625)     // alternative='greater'
    }

    @Test func tiesWithTheObservedProbabilityAreIncluded() {
        // x = 3 and x = 7 have mathematically equal probabilities; both belong to the two-sided sum.
        let r = FisherExact.twoByTwo(table([[3, 7], [7, 3]]))
        expectClose(r.oddsRatio, 0.1836734693877551, relative: 1e-15)  // fisher_exact([[3, 7], [7, 3]]).statistic
        expectClose(r.pValue, 0.1788954079975752)             // alternative='two-sided'
        expectClose(r.pValueLess, 0.0894477039987876)         // alternative='less'
        expectClose(r.pValueGreater, 0.9884929312173895)      // alternative='greater'
        // The observed table is the mode: every table counts. fisher_exact([[5, 5], [5, 5]]).pvalue == 1.0
        expectClose(FisherExact.twoByTwo(a: 5, b: 5, c: 5, d: 5).pValue, 1.0, relative: 1e-12)
    }

    @Test func zeroCells() {
        let zeroA = FisherExact.twoByTwo(table([[0, 7], [6, 4]]))
        #expect(zeroA.oddsRatio == 0)                         // fisher_exact([[0, 7], [6, 4]]).statistic
        expectClose(zeroA.pValue, 0.034502262443438916)       // alternative='two-sided'
        expectClose(zeroA.pValueLess, 0.016968325791855202)   // alternative='less'
        expectClose(zeroA.pValueGreater, 1.0)                 // alternative='greater'

        let zeroB = FisherExact.twoByTwo(table([[5, 0], [3, 6]]))
        #expect(zeroB.oddsRatio == .infinity)                 // fisher_exact([[5, 0], [3, 6]]).statistic == inf
        expectClose(zeroB.pValue, 0.030969030969030965)       // alternative='two-sided'
        expectClose(zeroB.pValueLess, 1.0)                    // alternative='less'
        expectClose(zeroB.pValueGreater, 0.02797202797202797) // alternative='greater'
    }

    @Test func zeroMarginGivesNaNOddsRatioAndPOne() {
        // fisher_exact([[0, 0], [3, 4]]) -> SignificanceResult(statistic=nan, pvalue=1.0)
        let r = FisherExact.twoByTwo(table([[0, 0], [3, 4]]))
        #expect(r.oddsRatio.isNaN)
        #expect(r.pValue == 1 && r.pValueLess == 1 && r.pValueGreater == 1)
    }

    @Test func largeTable() {
        let r = FisherExact.twoByTwo(table([[120, 80], [60, 140]]))
        #expect(r.oddsRatio == 3.5)                            // fisher_exact([[120, 80], [60, 140]]).statistic
        expectClose(r.pValue, 2.2980903403169824e-09)          // alternative='two-sided'
        expectClose(r.pValueLess, 0.9999999996819484)          // alternative='less'
        expectClose(r.pValueGreater, 1.1490451701584912e-09)   // alternative='greater'
    }

    @Test func extremePValues() {
        let r = FisherExact.twoByTwo(table([[200, 10], [15, 180]]))
        #expect(r.oddsRatio == 240)                            // fisher_exact([[200, 10], [15, 180]]).statistic
        expectClose(r.pValue, 2.43991309812063e-82)            // alternative='two-sided'
        expectClose(r.pValueGreater, 2.416949673383953e-82)    // alternative='greater'
        expectClose(r.pValueLess, 1.0)                         // alternative='less'
    }
}

/// Freeman–Halton reference values. scipy 1.17.1's `fisher_exact` handles r × c tables only by Monte Carlo
/// or permutation resampling, so the exact values below come from this independent brute force in
/// Python, which enumerates every table with the observed margins and works in exact rational arithmetic
/// (so ties are exact and need no tolerance):
///
///     from fractions import Fraction
///     from math import factorial, prod
///     def tables(rows, cols):                       # every table, as a list of columns
///         if len(cols) == 1:
///             yield [list(rows)]; return
///         def comps(i, left):                       # column cols[0] split over the rows
///             if i == len(rows) - 1:
///                 if left <= rows[i]: yield [left]
///                 return
///             rest = sum(rows[i + 1:])
///             for v in range(max(0, left - rest), min(rows[i], left) + 1):
///                 for tail in comps(i + 1, left - v): yield [v] + tail
///         for col in comps(0, cols[0]):
///             for t in tables([r - v for r, v in zip(rows, col)], cols[1:]): yield [col] + t
///     def fh(table):
///         R = [sum(r) for r in table]; C = [sum(c) for c in zip(*table)]; N = sum(R)
///         A = Fraction(prod(map(factorial, R)) * prod(map(factorial, C)), factorial(N))
///         dobs = prod(factorial(x) for r in table for x in r)
///         p, count = Fraction(0), 0
///         for t in tables(R, C):
///             count += 1
///             d = prod(factorial(x) for col in t for x in col)
///             if d >= dobs: p += A / d              # P(T) <= P(observed)
///         return float(p), float(A / dobs), count  # p-value, P(observed), number of tables
///
/// The probabilities of the observed tables agree with `scipy.stats.random_table(R, C).pmf(table)` and
/// `scipy.stats.fisher_exact(table, method=MonteCarloMethod(n_resamples=200000)).statistic`, and the
/// Monte Carlo p-values of scipy agree with the exact ones to within their sampling error.
@Suite struct FreemanHaltonTests {
    @Test func twoByThree() {
        // fh([[12, 7, 5], [4, 9, 13]]) -> (0.026371087324720235, 0.0014676641794876537, 232)
        let r = FisherExact.freemanHalton(table([[12, 7, 5], [4, 9, 13]]))
        expectClose(r.pValue, 0.026371087324720235)
        expectClose(r.observedProbability, 0.0014676641794876537)
        #expect(r.method == .exact(tablesEnumerated: 232))
    }

    @Test func sparseThreeByThree() {
        // fh([[2, 0, 3], [1, 4, 0], [0, 2, 5]]) -> (0.016659810777457835, 0.0005141916906622789, 205)
        let r = FisherExact.freemanHalton(table([[2, 0, 3], [1, 4, 0], [0, 2, 5]]))
        expectClose(r.pValue, 0.016659810777457835)
        expectClose(r.observedProbability, 0.0005141916906622789)
        #expect(r.method == .exact(tablesEnumerated: 205))
    }

    @Test func fourByThree() {
        // fh([[1, 0, 4], [3, 2, 0], [0, 5, 1], [2, 1, 1]]) -> (0.013140282490127692, 3.092882349848294e-05, 3189)
        let r = FisherExact.freemanHalton(table([[1, 0, 4], [3, 2, 0], [0, 5, 1], [2, 1, 1]]))
        expectClose(r.pValue, 0.013140282490127692)
        expectClose(r.observedProbability, 3.092882349848294e-05)
        #expect(r.method == .exact(tablesEnumerated: 3189))
        // Transposing the table does not change anything.
        let t = FisherExact.freemanHalton(table([[1, 0, 4], [3, 2, 0], [0, 5, 1], [2, 1, 1]]).transposed)
        expectClose(t.pValue, 0.013140282490127692)
        #expect(t.method == .exact(tablesEnumerated: 3189))
    }

    @Test func zeroRowIsDroppedFirst() {
        // fh([[5, 3, 4], [2, 8, 6]]) -> (0.2210691986704909, 0.02391873841597896, 72)
        let r = FisherExact.freemanHalton(table([[5, 3, 4], [0, 0, 0], [2, 8, 6]]))
        #expect(r.droppedRows == 1 && r.droppedColumns == 0)
        expectClose(r.pValue, 0.2210691986704909)
        expectClose(r.observedProbability, 0.02391873841597896)
        #expect(r.method == .exact(tablesEnumerated: 72))
    }

    @Test func twoByTwoAgreesWithTheTwoSidedFisherTest() {
        // fh([[9, 5], [2, 12]]) -> (0.018306636155606407, 0.008483769811000932, 12)
        // fh([[3, 7], [7, 3]])  -> (0.17889540799757517, 0.07794063521617701, 11)
        for (counts, p) in [([[9, 5], [2, 12]], 0.018306636155606407), ([[3, 7], [7, 3]], 0.17889540799757517)] {
            let t = table(counts)
            let r = FisherExact.freemanHalton(t)
            expectClose(r.pValue, p)
            expectClose(r.pValue, FisherExact.twoByTwo(t).pValue, relative: 1e-12)
        }
        // The same for a large 2 × 2 with a tiny p-value (fisher_exact([[120, 80], [60, 140]]).pvalue).
        expectClose(FisherExact.freemanHalton(table([[120, 80], [60, 140]])).pValue, 2.2980903403169824e-09)
    }

    @Test func degenerateTableHasPOne() {
        let r = FisherExact.freemanHalton(table([[3, 0, 4], [0, 0, 0]]))
        #expect(r.pValue == 1 && r.droppedRows == 1 && r.droppedColumns == 1)
        #expect(r.testedTable.counts == [[3, 4]])
    }

    /// On seed 42 unless VERBATIM_SEED says another (the estimate must be close whatever the seed); a
    /// failure gives the seed to replay it with.
    @Test func monteCarloFallbackBeyondTheBudget() {
        let rng = SeededRandom.fromEnvironment(default: 42)
        let t = table([[1, 0, 4], [3, 2, 0], [0, 5, 1], [2, 1, 1]])
        let r = FisherExact.freemanHalton(t, maxTables: 1000, monteCarloSamples: 20_000, seed: rng.seed)
        guard case let .monteCarlo(samples, seed, standardError) = r.method else {
            Issue.record("expected a Monte Carlo estimate, got \(r.method); \(rng.note)")
            return
        }
        #expect(samples == 20_000 && seed == rng.seed && r.isMonteCarlo, "\(rng.note)")
        // Exact value from fh(...) above: 0.013140282490127692; the estimate is within 4 standard errors.
        #expect(abs(r.pValue - 0.013140282490127692) < 4 * max(standardError, 1e-4), "p = \(r.pValue) ± \(standardError); \(rng.note)")
        // The observed probability is still exact.
        expectClose(r.observedProbability, 3.092882349848294e-05, rng.note)
        // Same seed, same estimate: the fallback is reproducible.
        let again = FisherExact.freemanHalton(t, maxTables: 1000, monteCarloSamples: 20_000, seed: rng.seed)
        #expect(again.pValue == r.pValue, "\(rng.note)")
    }

    @Test func jobSatisfactionExampleFromR() {
        // R's ?fisher.test example "Job satisfaction" (Agresti 2002, p. 57):
        //   Job <- matrix(c(1,2,1,0, 3,3,6,1, 10,10,14,9, 6,7,12,11), 4, 4); fisher.test(Job)  # p = 0.7827
        // It has 90,208,550 tables with its margins, far beyond a test's budget: check the seeded estimate.
        let job = table([[1, 3, 10, 6], [2, 3, 10, 7], [1, 6, 14, 12], [0, 1, 9, 11]])
        let r = FisherExact.freemanHalton(job, maxTables: 100_000, monteCarloSamples: 50_000)
        #expect(r.method == .monteCarlo(samples: 50_000, seed: FisherExact.defaultSeed, standardError: {
            if case let .monteCarlo(_, _, se) = r.method { return se }
            return .nan
        }()))
        #expect(abs(r.pValue - 0.7827) < 0.01)
        // scipy.stats.random_table([20, 22, 33, 21], [4, 13, 43, 36]).pmf(Job) = 2.7422394683536106e-06
        expectClose(r.observedProbability, 2.7422394683536106e-06)
    }
}
