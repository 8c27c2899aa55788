/// The outcome of Pearson's chi-square test of independence on a contingency table.
public struct ChiSquareResult: Hashable, Sendable {
    /// Pearson's statistic Σ (O − E)² / E over the tested table (with Yates' correction when
    /// ``yatesCorrectionApplied``).
    public let statistic: Double
    /// Degrees of freedom, (rows − 1) × (columns − 1) of the tested table.
    public let degreesOfFreedom: Int
    /// The upper-tail probability of the statistic under χ²(df): Q(df/2, statistic/2).
    /// 1 when there are no degrees of freedom.
    public let pValue: Double
    /// Whether Yates' continuity correction was used (only ever for a 2 × 2 tested table, df = 1,
    /// and only when it was requested).
    public let yatesCorrectionApplied: Bool
    /// The expected counts of the tested table and Cochran's rule.
    public let expected: ExpectedCountSummary
    /// How many rows with a zero total were removed before testing.
    public let droppedRows: Int
    /// How many columns with a zero total were removed before testing.
    public let droppedColumns: Int
    /// The table actually tested: the input without its empty rows and columns.
    public let testedTable: ContingencyTable

    /// The smallest expected count in the tested table.
    public var minimumExpected: Double { expected.minimumExpected }
    /// The share (0–1) of cells in the tested table whose expected count is under 5.
    public var shareExpectedBelowFive: Double { expected.shareBelowFive }
    /// Cochran's rule is broken (any expected count under 1, or more than 20 % of cells under 5):
    /// the chi-square p-value should not be trusted.
    public var smallExpected: Bool { expected.smallExpected }
    /// Whether the tested table has fewer than two rows or two columns, so that there is nothing to test
    /// (statistic 0, df 0, p-value 1).
    public var isDegenerate: Bool { degreesOfFreedom == 0 }
}

/// Pearson's chi-square test of independence.
public enum ChiSquare {
    /// Runs Pearson's chi-square test of independence on `table`.
    ///
    /// Rows and columns whose total is zero are removed first (their number is reported). The statistic
    /// is Σ (O − E)² / E with E = rowTotal × columnTotal / n, the degrees of freedom are
    /// (r − 1)(c − 1) and the p-value is the chi-square upper tail Q(df/2, x/2).
    ///
    /// **Continuity correction.** verbatim's default is *no* Yates correction (`yates: false`), which
    /// matches `scipy.stats.chi2_contingency(table, correction=False)`. Note that scipy's own default is
    /// `correction=True`. With `yates: true` the correction is applied exactly as scipy does, and only
    /// when the tested table has one degree of freedom (a 2 × 2 table after removing empty lines):
    /// every observed count is moved towards its expected count by 0.5, or by less if it is closer
    /// than that. The result records whether the correction was applied.
    ///
    /// A tested table with fewer than two rows or columns gives statistic 0, df 0 and p-value 1
    /// (as scipy does for zero degrees of freedom).
    public static func test(_ table: ContingencyTable, yates: Bool = false) -> ChiSquareResult {
        let (tested, droppedRows, droppedColumns) = table.droppingEmptyRowsAndColumns()
        let summary = ExpectedCountSummary(tested)
        let df = max(0, tested.rowCount - 1) * max(0, tested.columnCount - 1)
        guard df > 0 else {
            return ChiSquareResult(
                statistic: 0, degreesOfFreedom: 0, pValue: 1, yatesCorrectionApplied: false,
                expected: summary, droppedRows: droppedRows, droppedColumns: droppedColumns, testedTable: tested
            )
        }
        let correct = yates && df == 1
        let statistic = pearsonStatistic(tested, yates: correct)
        let p = SpecialFunctions.chiSquareSurvival(statistic, degreesOfFreedom: Double(df))
        return ChiSquareResult(
            statistic: statistic, degreesOfFreedom: df, pValue: p, yatesCorrectionApplied: correct,
            expected: summary, droppedRows: droppedRows, droppedColumns: droppedColumns, testedTable: tested
        )
    }

    /// Σ (O − E)² / E over a table without empty rows or columns.
    static func pearsonStatistic(_ table: ContingencyTable, yates: Bool) -> Double {
        let expected = table.expectedCounts
        var sum = 0.0
        for i in 0..<table.rowCount {
            for j in 0..<table.columnCount {
                let e = expected[i][j]
                var diff = abs(Double(table.counts[i][j]) - e)
                if yates { diff = max(0, diff - 0.5) }
                sum += diff * diff / e
            }
        }
        return sum
    }
}
