/// How small the expected counts of a table are, and whether they break Cochran's rule.
///
/// Cochran's rule (Cochran 1954), as verbatim applies it: the chi-square approximation is not trusted
/// when any expected count is below 1, or when more than 20 % of the cells have an expected count below 5.
/// Comparisons are made in exact integer arithmetic (rowTotal × columnTotal against 5 × n), so a cell
/// whose expected count is exactly 5 is never counted as "under 5".
public struct ExpectedCountSummary: Hashable, Sendable {
    /// The smallest expected count (0 for an empty table).
    public let minimumExpected: Double
    /// How many cells have an expected count strictly under 5.
    public let cellsBelowFive: Int
    /// How many cells have an expected count strictly under 1.
    public let cellsBelowOne: Int
    /// The number of cells examined.
    public let cellCount: Int

    /// The share (0–1) of cells whose expected count is under 5; 0 for a table without cells.
    public var shareBelowFive: Double {
        cellCount > 0 ? Double(cellsBelowFive) / Double(cellCount) : 0
    }

    /// Cochran's rule is broken: some expected count is under 1, or more than 20 % of the cells
    /// have expected counts under 5.
    public var smallExpected: Bool {
        cellsBelowOne > 0 || 5 * cellsBelowFive > cellCount
    }

    /// Summarises the expected counts of `table` exactly as given (callers drop empty rows and
    /// columns first when they should not count).
    public init(_ table: ContingencyTable) {
        let rows = table.rowTotals
        let columns = table.columnTotals
        let n = rows.reduce(0, +)
        var below5 = 0
        var below1 = 0
        var minimum = Double.infinity
        for r in rows {
            for c in columns {
                // Expected count r·c/n, compared without rounding: r·c < 5n and r·c < n.
                let product = r.multipliedReportingOverflow(by: c)
                if n == 0 {
                    below5 += 1
                    below1 += 1
                    minimum = 0
                    continue
                }
                if !product.overflow {
                    if product.partialValue < 5 * n { below5 += 1 }
                    if product.partialValue < n { below1 += 1 }
                } else {
                    let e = Double(r) * Double(c) / Double(n)
                    if e < 5 { below5 += 1 }
                    if e < 1 { below1 += 1 }
                }
                minimum = min(minimum, Double(r) * Double(c) / Double(n))
            }
        }
        self.minimumExpected = minimum.isFinite ? minimum : 0
        self.cellsBelowFive = below5
        self.cellsBelowOne = below1
        self.cellCount = rows.count * columns.count
    }
}
