/// Why a ``ContingencyTable`` could not be built.
public enum ContingencyTableError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Row `row` has `found` cells where `expected` were needed (every row must be as long as the first).
    case raggedRow(row: Int, expected: Int, found: Int)
    /// The cell at (`row`, `column`) holds a negative count.
    case negativeCount(row: Int, column: Int, value: Int)
    /// `found` row labels were given for `expected` rows.
    case rowLabelCount(expected: Int, found: Int)
    /// `found` column labels were given for `expected` columns.
    case columnLabelCount(expected: Int, found: Int)

    public var description: String {
        switch self {
        case let .raggedRow(row, expected, found):
            return "row \(row + 1) has \(found) cells, expected \(expected)"
        case let .negativeCount(row, column, value):
            return "cell (\(row + 1), \(column + 1)) holds a negative count (\(value))"
        case let .rowLabelCount(expected, found):
            return "\(found) row labels for \(expected) rows"
        case let .columnLabelCount(expected, found):
            return "\(found) column labels for \(expected) columns"
        }
    }
}

/// A two-way contingency table: rows × columns of non-negative integer counts, with a label for every
/// row and every column (for verbatim, typically themes × attribute values).
///
/// The table is a value: derived quantities (totals, expected counts, percentages) are computed on
/// demand and never cached.
public struct ContingencyTable: Hashable, Sendable {
    /// The counts, `counts[row][column]`. Every row has ``columnCount`` cells.
    public let counts: [[Int]]
    /// One label per row.
    public let rowLabels: [String]
    /// One label per column.
    public let columnLabels: [String]
    /// The number of columns (kept separately so that a table with no rows still knows its width).
    public let columnCount: Int

    /// Builds a table from its rows of counts.
    ///
    /// - Parameters:
    ///   - counts: the rows; all must have the same length and hold non-negative counts.
    ///   - columnCount: the width to use when `counts` is empty (ignored otherwise); 0 by default.
    ///   - rowLabels: one label per row; `"row 1"`, `"row 2"`, … when omitted.
    ///   - columnLabels: one label per column; `"column 1"`, `"column 2"`, … when omitted.
    /// - Throws: ``ContingencyTableError`` for ragged rows, negative counts or label lists of the
    ///   wrong length.
    public init(
        _ counts: [[Int]],
        columnCount: Int = 0,
        rowLabels: [String]? = nil,
        columnLabels: [String]? = nil
    ) throws {
        let width = counts.first?.count ?? max(0, columnLabels?.count ?? columnCount)
        for (i, row) in counts.enumerated() {
            guard row.count == width else {
                throw ContingencyTableError.raggedRow(row: i, expected: width, found: row.count)
            }
            for (j, value) in row.enumerated() where value < 0 {
                throw ContingencyTableError.negativeCount(row: i, column: j, value: value)
            }
        }
        if let rowLabels, rowLabels.count != counts.count {
            throw ContingencyTableError.rowLabelCount(expected: counts.count, found: rowLabels.count)
        }
        if let columnLabels, columnLabels.count != width {
            throw ContingencyTableError.columnLabelCount(expected: width, found: columnLabels.count)
        }
        self.counts = counts
        self.columnCount = width
        self.rowLabels = rowLabels ?? (0..<counts.count).map { "row \($0 + 1)" }
        self.columnLabels = columnLabels ?? (0..<width).map { "column \($0 + 1)" }
    }

    /// Builds a table from already validated parts (used internally when deriving tables).
    init(validated counts: [[Int]], columnCount: Int, rowLabels: [String], columnLabels: [String]) {
        self.counts = counts
        self.columnCount = columnCount
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
    }

    /// The number of rows.
    public var rowCount: Int { counts.count }

    /// The number of cells, rows × columns.
    public var cellCount: Int { rowCount * columnCount }

    /// Whether the table is 2 × 2.
    public var isTwoByTwo: Bool { rowCount == 2 && columnCount == 2 }

    /// The count in one cell.
    public subscript(row: Int, column: Int) -> Int { counts[row][column] }

    /// The total of each row.
    public var rowTotals: [Int] { counts.map { $0.reduce(0, +) } }

    /// The total of each column.
    public var columnTotals: [Int] {
        var totals = [Int](repeating: 0, count: columnCount)
        for row in counts {
            for (j, value) in row.enumerated() { totals[j] += value }
        }
        return totals
    }

    /// The sum of all counts.
    public var grandTotal: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    /// The counts expected under independence of rows and columns:
    /// E[i][j] = rowTotal[i] × columnTotal[j] / grandTotal. All zero when the table is empty.
    public var expectedCounts: [[Double]] {
        let rows = rowTotals
        let columns = columnTotals
        let n = rows.reduce(0, +)
        guard n > 0 else {
            return rows.map { _ in [Double](repeating: 0, count: columnCount) }
        }
        return rows.map { r in columns.map { c in Double(r) * Double(c) / Double(n) } }
    }

    /// Each cell as a percentage (0–100) of its row total. A row whose total is zero gives `nan` cells.
    public var rowPercentages: [[Double]] {
        counts.map { row in
            let total = row.reduce(0, +)
            return row.map { total > 0 ? 100 * Double($0) / Double(total) : .nan }
        }
    }

    /// Each cell as a percentage (0–100) of its column total. A column whose total is zero gives `nan` cells.
    public var columnPercentages: [[Double]] {
        let totals = columnTotals
        return counts.map { row in
            row.enumerated().map { j, value in totals[j] > 0 ? 100 * Double(value) / Double(totals[j]) : .nan }
        }
    }

    /// The table with rows and columns exchanged (labels follow).
    public var transposed: ContingencyTable {
        let t = (0..<columnCount).map { j in counts.map { $0[j] } }
        return ContingencyTable(validated: t, columnCount: rowCount, rowLabels: columnLabels, columnLabels: rowLabels)
    }

    /// The table without the rows and columns whose total is zero, and how many of each were removed.
    ///
    /// Empty rows and columns carry no information about association and make expected counts zero,
    /// so every test here removes them first.
    public func droppingEmptyRowsAndColumns() -> (table: ContingencyTable, droppedRows: Int, droppedColumns: Int) {
        let keptRows = rowTotals.indices.filter { rowTotals[$0] > 0 }
        let totals = columnTotals
        let keptColumns = totals.indices.filter { totals[$0] > 0 }
        let reduced = keptRows.map { i in keptColumns.map { j in counts[i][j] } }
        let table = ContingencyTable(
            validated: reduced,
            columnCount: keptColumns.count,
            rowLabels: keptRows.map { rowLabels[$0] },
            columnLabels: keptColumns.map { columnLabels[$0] }
        )
        return (table, rowCount - keptRows.count, columnCount - keptColumns.count)
    }
}

extension ContingencyTable: CustomStringConvertible {
    /// A plain listing of the counts, one row per line, for debugging and test messages.
    public var description: String {
        counts.map { $0.map(String.init).joined(separator: " ") }.joined(separator: "\n")
    }
}
