/// Cramér's V, the chi-square based measure of association strength (0 = none, 1 = complete).
public enum CramersV {
    /// Cramér's V = sqrt(χ² / (n × (min(r, c) − 1))), computed on the table without its empty rows and
    /// columns, with the uncorrected Pearson χ² (never Yates) and **without** the Bergsma (2013) bias
    /// correction — the same value as
    /// `scipy.stats.contingency.association(table, method="cramer", correction=False)`.
    ///
    /// Returns `nan` when the tested table has fewer than two rows or columns (V is undefined there).
    public static func value(_ table: ContingencyTable) -> Double {
        let (tested, _, _) = table.droppingEmptyRowsAndColumns()
        let k = min(tested.rowCount, tested.columnCount)
        guard k >= 2 else { return .nan }
        let chi2 = ChiSquare.pearsonStatistic(tested, yates: false)
        let n = Double(tested.grandTotal)
        return (chi2 / (n * Double(k - 1))).squareRoot()
    }
}
