#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// The outcome of Fisher's exact test on a 2 × 2 table `[[a, b], [c, d]]`.
public struct FisherExact2x2Result: Hashable, Sendable {
    /// The sample (unconditional maximum-likelihood) odds ratio (a·d)/(b·c), as `scipy.stats.fisher_exact`
    /// reports it: `+infinity` when b·c = 0, `nan` when a row or column total is zero.
    /// (R's `fisher.test` reports the conditional MLE instead, which differs.)
    public let oddsRatio: Double
    /// Two-sided p-value: the total probability, over all tables with the observed margins, of the
    /// tables whose probability does not exceed the observed table's (with relative tolerance
    /// ``FisherExact/relativeTolerance``).
    public let pValue: Double
    /// One-sided p-value for the alternative "odds ratio < 1": P(X ≤ a).
    public let pValueLess: Double
    /// One-sided p-value for the alternative "odds ratio > 1": P(X ≥ a).
    public let pValueGreater: Double
    /// The hypergeometric probability of the observed table given its margins (1 for a degenerate table).
    public let observedProbability: Double
}

/// The outcome of the Freeman–Halton extension of Fisher's exact test to an r × c table.
public struct FreemanHaltonResult: Hashable, Sendable {
    /// How the p-value was obtained.
    public enum Method: Hashable, Sendable {
        /// Exact: every table with the observed margins was enumerated.
        case exact(tablesEnumerated: Int)
        /// The number of tables exceeded the enumeration budget: the p-value is a Monte Carlo estimate
        /// (1 + hits) / (samples + 1) from `samples` random tables with the observed margins, drawn with
        /// verbatim's SplitMix64 generator seeded with `seed`. `standardError` is the binomial standard
        /// error of the proportion of hits.
        case monteCarlo(samples: Int, seed: UInt64, standardError: Double)
    }

    /// The p-value: the probability, under independence with all margins fixed, of a table at most as
    /// probable as the observed one (with relative tolerance ``FisherExact/relativeTolerance``).
    public let pValue: Double
    /// The multivariate hypergeometric probability of the observed table given its margins
    /// (what `scipy.stats.fisher_exact` calls the statistic for tables other than 2 × 2).
    public let observedProbability: Double
    /// Exact enumeration or Monte Carlo estimate.
    public let method: Method
    /// How many rows with a zero total were removed before testing.
    public let droppedRows: Int
    /// How many columns with a zero total were removed before testing.
    public let droppedColumns: Int
    /// The table actually tested: the input without its empty rows and columns.
    public let testedTable: ContingencyTable

    /// Whether the p-value is a Monte Carlo estimate rather than exact.
    public var isMonteCarlo: Bool {
        if case .monteCarlo = method { return true }
        return false
    }
}

/// Fisher's exact test of independence: the 2 × 2 test and its Freeman–Halton extension to r × c tables.
///
/// All probabilities are computed through log-factorials (ln n! = ln Γ(n + 1), Lanczos), so large
/// counts neither overflow nor lose the tiny tail probabilities.
public enum FisherExact {
    /// Relative tolerance used when comparing table probabilities with the observed one: a table counts
    /// as "at most as probable" when P(T) ≤ P(observed) × (1 + 1e-7). This absorbs rounding in tables
    /// whose probability is mathematically equal to the observed one. It is the value R's `fisher.test`
    /// and older scipy releases use; scipy 1.17 uses 1e-14 for 2 × 2 tables, which only matters for
    /// tables whose probabilities differ by less than one part in ten million.
    public static let relativeTolerance = 1e-7

    /// Default enumeration budget of ``freemanHalton(_:maxTables:monteCarloSamples:seed:)``.
    public static let defaultMaxTables = 10_000_000
    /// Default number of random tables for the Monte Carlo fallback.
    public static let defaultMonteCarloSamples = 100_000
    /// Default seed of the Monte Carlo fallback (the ASCII bytes of "verbatim").
    public static let defaultSeed: UInt64 = 0x7665_7262_6174_696D

    // MARK: 2 × 2

    /// Fisher's exact test on the 2 × 2 table `[[a, b], [c, d]]`, as `scipy.stats.fisher_exact` computes it.
    ///
    /// With margins fixed, the top-left cell X follows the hypergeometric distribution. The two-sided
    /// p-value sums P(X = x) over every x whose probability is ≤ P(X = a) × (1 + 1e-7); the one-sided
    /// p-values are P(X ≤ a) ("less") and P(X ≥ a) ("greater"). A table with a zero row or column total
    /// gives every p-value 1 and odds ratio `nan`, like scipy.
    ///
    /// - Precondition: all counts are non-negative.
    public static func twoByTwo(a: Int, b: Int, c: Int, d: Int) -> FisherExact2x2Result {
        precondition(a >= 0 && b >= 0 && c >= 0 && d >= 0, "counts must be non-negative")
        let row1 = a + b, row2 = c + d, col1 = a + c, col2 = b + d
        if row1 == 0 || row2 == 0 || col1 == 0 || col2 == 0 {
            return FisherExact2x2Result(oddsRatio: .nan, pValue: 1, pValueLess: 1, pValueGreater: 1, observedProbability: 1)
        }
        let oddsRatio: Double = (b > 0 && c > 0)
            ? (Double(a) * Double(d)) / (Double(b) * Double(c))
            : .infinity
        let n = row1 + row2
        let lf = SpecialFunctions.logFactorial
        let constant = lf(row1) + lf(row2) + lf(col1) + lf(col2) - lf(n)
        func logP(_ x: Int) -> Double {
            constant - lf(x) - lf(row1 - x) - lf(col1 - x) - lf(row2 - col1 + x)
        }
        let lower = max(0, col1 - row2)
        let upper = min(row1, col1)
        let logObserved = logP(a)
        let threshold = logObserved + log1p(relativeTolerance)
        var twoSided = 0.0, less = 0.0, greater = 0.0
        for x in lower...upper {
            let lp = logP(x)
            let p = exp(lp)
            if x <= a { less += p }
            if x >= a { greater += p }
            if lp <= threshold { twoSided += p }
        }
        return FisherExact2x2Result(
            oddsRatio: oddsRatio,
            pValue: min(twoSided, 1),
            pValueLess: min(less, 1),
            pValueGreater: min(greater, 1),
            observedProbability: exp(logObserved)
        )
    }

    /// Fisher's exact test on a 2 × 2 table; see ``twoByTwo(a:b:c:d:)``.
    ///
    /// Empty rows and columns are *not* removed (a zero margin gives p = 1, as in scipy).
    /// - Precondition: `table` is 2 × 2.
    public static func twoByTwo(_ table: ContingencyTable) -> FisherExact2x2Result {
        precondition(table.isTwoByTwo, "Fisher's 2 × 2 test needs a 2 × 2 table")
        return twoByTwo(a: table[0, 0], b: table[0, 1], c: table[1, 0], d: table[1, 1])
    }

    // MARK: r × c (Freeman–Halton)

    /// The Freeman–Halton test: Fisher's exact test generalised to an r × c table.
    ///
    /// Empty rows and columns are removed first. Under independence with all margins fixed, a table T
    /// has probability P(T) = Π Rᵢ! Π Cⱼ! / (n! Π nᵢⱼ!). The p-value sums P(T) over every table with
    /// the observed margins such that P(T) ≤ P(observed) × (1 + 1e-7). For a 2 × 2 table it equals the
    /// two-sided p-value of ``twoByTwo(a:b:c:d:)``.
    ///
    /// The tables are enumerated exactly as long as there are at most `maxTables` of them; beyond that
    /// the enumeration stops and the p-value is estimated from `monteCarloSamples` random tables with
    /// the same margins (random permutations of the observations), drawn from a SplitMix64 generator
    /// seeded with `seed`, so the estimate is reproducible. ``FreemanHaltonResult/method`` says which.
    /// The estimate is (1 + hits) / (samples + 1), so it is never below 1 / (samples + 1) (about 1e-5
    /// with the default 100,000 samples): report it as "p < 0.0001" rather than as an exact figure.
    /// A tested table with fewer than two rows or columns gives p = 1.
    public static func freemanHalton(
        _ table: ContingencyTable,
        maxTables: Int = defaultMaxTables,
        monteCarloSamples: Int = defaultMonteCarloSamples,
        seed: UInt64 = defaultSeed
    ) -> FreemanHaltonResult {
        let (tested, droppedRows, droppedColumns) = table.droppingEmptyRowsAndColumns()
        guard tested.rowCount >= 2, tested.columnCount >= 2 else {
            return FreemanHaltonResult(
                pValue: 1, observedProbability: 1, method: .exact(tablesEnumerated: 1),
                droppedRows: droppedRows, droppedColumns: droppedColumns, testedTable: tested
            )
        }
        let rows = tested.rowTotals
        let columns = tested.columnTotals
        let n = tested.grandTotal
        let logFactorials = (0...n).map { SpecialFunctions.logFactorial($0) }
        let constant = rows.reduce(0) { $0 + logFactorials[$1] }
            + columns.reduce(0) { $0 + logFactorials[$1] } - logFactorials[n]
        let observedSum = tested.counts.reduce(0.0) { acc, row in row.reduce(acc) { $0 + logFactorials[$1] } }
        // P(T) ≤ P(obs)(1 + tol)  ⇔  Σ ln nᵢⱼ!(T) ≥ Σ ln nᵢⱼ!(obs) − ln(1 + tol).
        let threshold = observedSum - log1p(relativeTolerance)
        let observedProbability = exp(constant - observedSum)

        var enumerator = TableEnumerator(
            rowTotals: rows, columnTotals: columns, logFactorials: logFactorials,
            constant: constant, threshold: threshold, budget: maxTables
        )
        if let p = enumerator.run() {
            return FreemanHaltonResult(
                pValue: min(p, 1), observedProbability: observedProbability,
                method: .exact(tablesEnumerated: enumerator.tablesSeen),
                droppedRows: droppedRows, droppedColumns: droppedColumns, testedTable: tested
            )
        }
        let samples = max(1, monteCarloSamples)
        let hits = monteCarloHits(
            rowTotals: rows, columnTotals: columns, logFactorials: logFactorials,
            threshold: threshold, samples: samples, seed: seed
        )
        let proportion = Double(hits) / Double(samples)
        let standardError = (proportion * (1 - proportion) / Double(samples)).squareRoot()
        return FreemanHaltonResult(
            pValue: Double(hits + 1) / Double(samples + 1),
            observedProbability: observedProbability,
            method: .monteCarlo(samples: samples, seed: seed, standardError: standardError),
            droppedRows: droppedRows, droppedColumns: droppedColumns, testedTable: tested
        )
    }

    /// Counts, among `samples` random tables with the given margins, those with Σ ln nᵢⱼ! ≥ `threshold`
    /// (that is, at most as probable as the observed table).
    ///
    /// Under independence with fixed margins, a random table is a random permutation of the n
    /// observations cut into rows; equivalently, each row is a multivariate hypergeometric draw from what
    /// the columns have left, and a multivariate hypergeometric draw is a sequence of univariate ones over
    /// the columns. The last cell of each row and the whole last row are then determined. Each univariate
    /// draw is an inversion search from the mode (see ``SplitMix64/hypergeometric(population:successes:draws:logFactorials:)``),
    /// so a table costs about (r − 1)(c − 1)·√n steps instead of the n of a full shuffle.
    static func monteCarloHits(
        rowTotals: [Int], columnTotals: [Int], logFactorials: [Double],
        threshold: Double, samples: Int, seed: UInt64
    ) -> Int {
        var generator = SplitMix64(seed: seed)
        let n = rowTotals.reduce(0, +)
        let r = rowTotals.count
        let c = columnTotals.count
        var columnLeft = columnTotals
        var hits = 0
        for _ in 0..<samples {
            for j in 0..<c { columnLeft[j] = columnTotals[j] }
            var poolLeft = n
            var sum = 0.0
            for i in 0..<(r - 1) {
                var need = rowTotals[i]
                var pool = poolLeft
                for j in 0..<(c - 1) {
                    // Cell (i, j): of the `need` observations row i still takes from the `pool` left in
                    // columns j..<c, how many come from column j?
                    let available = columnLeft[j]
                    let x = generator.hypergeometric(
                        population: pool, successes: available, draws: need, logFactorials: logFactorials)
                    sum += logFactorials[x]
                    columnLeft[j] -= x
                    need -= x
                    pool -= available
                }
                // The last column takes the rest of the row.
                sum += logFactorials[need]
                columnLeft[c - 1] -= need
                poolLeft -= rowTotals[i]
            }
            for j in 0..<c { sum += logFactorials[columnLeft[j]] }
            if sum >= threshold { hits += 1 }
        }
        return hits
    }
}

/// Depth-first enumeration of every table with given margins, accumulating the Freeman–Halton sum.
///
/// Tables are filled column by column, top to bottom. Cell (i, j) ranges over
/// [max(0, left − Σ_{k>i} rowLeft[k]), min(rowLeft[i], left)], where `left` is what column j still needs,
/// so every branch ends in a valid table; the last row of each column and the whole last column are
/// determined by the margins.
struct TableEnumerator {
    let rowTotals: [Int]
    let columnTotals: [Int]
    let logFactorials: [Double]
    let constant: Double
    let threshold: Double
    let budget: Int

    private(set) var tablesSeen = 0
    private var rowLeft: [Int]
    private var sum = 0.0
    private var exceeded = false

    init(rowTotals: [Int], columnTotals: [Int], logFactorials: [Double], constant: Double, threshold: Double, budget: Int) {
        self.rowTotals = rowTotals
        self.columnTotals = columnTotals
        self.logFactorials = logFactorials
        self.constant = constant
        self.threshold = threshold
        self.budget = budget
        self.rowLeft = rowTotals
    }

    /// The exact p-value, or nil when there are more than `budget` tables.
    mutating func run() -> Double? {
        tablesSeen = 0
        sum = 0
        exceeded = false
        rowLeft = rowTotals
        fill(column: 0, row: 0, left: columnTotals[0], partial: 0)
        return exceeded ? nil : sum
    }

    private mutating func fill(column j: Int, row i: Int, left: Int, partial: Double) {
        if exceeded { return }
        let r = rowLeft.count
        if j == columnTotals.count - 1 {
            // The last column is what every row still needs.
            tablesSeen += 1
            if tablesSeen > budget {
                exceeded = true
                return
            }
            var s = partial
            for k in 0..<r { s += logFactorials[rowLeft[k]] }
            if s >= threshold { sum += exp(constant - s) }
            return
        }
        if i == r - 1 {
            // The last row takes what the column still needs; the lower bounds guarantee it fits.
            rowLeft[i] -= left
            fill(column: j + 1, row: 0, left: columnTotals[j + 1], partial: partial + logFactorials[left])
            rowLeft[i] += left
            return
        }
        var below = 0
        for k in (i + 1)..<r { below += rowLeft[k] }
        let lower = max(0, left - below)
        let upper = min(rowLeft[i], left)
        if lower > upper { return }
        for v in lower...upper {
            rowLeft[i] -= v
            fill(column: j, row: i + 1, left: left - v, partial: partial + logFactorials[v])
            rowLeft[i] += v
            if exceeded { return }
        }
    }
}

/// SplitMix64 (Steele, Lea & Flood, 2014): a small, fast, seedable 64-bit generator. Used so that Monte
/// Carlo estimates are identical on every platform and Swift version.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) with 53 random bits.
    mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A draw from the hypergeometric distribution: the number of successes among `draws` items taken
    /// without replacement from a `population` holding `successes` successes.
    ///
    /// Inversion by a search that starts at the mode and moves outwards, always to the more probable of
    /// the two neighbouring values (the distribution is unimodal), subtracting probabilities from a
    /// uniform variate until it is used up. The mode's probability comes from the log-factorial table
    /// (which must cover `population`); the others follow by the ratios
    /// p(x+1)/p(x) = (K−x)(n−x) / ((x+1)(N−K−n+x+1)). The expected number of steps is of the order of
    /// the standard deviation.
    mutating func hypergeometric(population: Int, successes: Int, draws: Int, logFactorials: [Double]) -> Int {
        let bigN = population, k = successes, n = draws
        let lowest = max(0, n - (bigN - k))
        let highest = min(n, k)
        if lowest >= highest { return lowest }
        let mode = min(max((n + 1) * (k + 1) / (bigN + 2), lowest), highest)
        func logP(_ x: Int) -> Double {
            logFactorials[k] - logFactorials[x] - logFactorials[k - x]
                + logFactorials[bigN - k] - logFactorials[n - x] - logFactorials[bigN - k - n + x]
                - logFactorials[bigN] + logFactorials[n] + logFactorials[bigN - n]
        }
        var u = nextUnit()
        let pMode = exp(logP(mode))
        u -= pMode
        if u <= 0 { return mode }
        // Next candidates on each side, with their probabilities.
        var up = mode, pUp = pMode
        var down = mode, pDown = pMode
        func stepUp() -> Double {
            let x = Double(up)
            return pUp * (Double(k) - x) * (Double(n) - x) / ((x + 1) * (Double(bigN - k - n) + x + 1))
        }
        func stepDown() -> Double {
            let x = Double(down)
            return pDown * x * (Double(bigN - k - n) + x) / ((Double(k) - x + 1) * (Double(n) - x + 1))
        }
        var nextUp = up < highest ? stepUp() : -1
        var nextDown = down > lowest ? stepDown() : -1
        while nextUp >= 0 || nextDown >= 0 {
            if nextUp >= nextDown {
                up += 1
                pUp = nextUp
                u -= pUp
                if u <= 0 { return up }
                nextUp = up < highest ? stepUp() : -1
            } else {
                down -= 1
                pDown = nextDown
                u -= pDown
                if u <= 0 { return down }
                nextDown = down > lowest ? stepDown() : -1
            }
        }
        // Rounding left a sliver of probability unassigned: return the mode.
        return mode
    }

    /// A uniform integer in 0..<bound (bound > 0), by Lemire's multiply-and-reject method, so that the
    /// sequence depends only on this generator and not on the standard library's algorithm.
    mutating func next(below bound: UInt64) -> UInt64 {
        precondition(bound > 0)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let rejectBelow = (0 &- bound) % bound
            while product.low < rejectBelow {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }
}
