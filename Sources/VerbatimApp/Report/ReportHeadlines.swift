import VerbatimAnalysis

/// A finding worth a line in a summary, computed from the data, with the numbers to check it.
public struct Headline: Sendable, Equatable {
    /// The theme.
    public var theme: ThemeNode
    /// One line in English: the theme, its n/N per column, and the test.
    public var text: String
}

/// Picks a few findings from the matrices and frequencies: the theme whose share differs most between
/// columns, the theme with the smallest p-value, the most mentioned theme per group. They are
/// pointers for a first look, not conclusions: the p-values are not corrected for the number of themes.
public enum ReportHeadlines {
    /// The theme whose share of participant units differs most between two columns of `m` (columns
    /// with N under the matrix's minimum are left aside when others remain); ties go to the smaller p,
    /// then to tree order.
    public static func largestDifference(_ m: ThemeMatrix) -> Headline? {
        let usable = usableColumns(m)
        guard usable.count >= 2 else { return nil }
        var best: (row: ThemeMatrix.Row, lo: Int, hi: Int, diff: Double)?
        for row in m.rows {
            let shares = usable.map { (index: $0, p: row.cells[$0].participants.columnPercent ?? 0) }
            guard let lo = shares.min(by: { $0.p < $1.p }), let hi = shares.max(by: { $0.p < $1.p }) else { continue }
            let diff = hi.p - lo.p
            if let b = best {
                if diff < b.diff - 1e-9 { continue }
                if abs(diff - b.diff) <= 1e-9 && row.association.pValue >= b.row.association.pValue { continue }
            }
            best = (row, lo.index, hi.index, diff)
        }
        guard let b = best, b.diff > 0 else { return nil }
        let (first, second) = b.lo < b.hi ? (b.lo, b.hi) : (b.hi, b.lo)
        return Headline(theme: b.row.theme, text: "\(b.row.theme.label): " + [first, second].map { describe(m, b.row, $0) }.joined(separator: " vs ")
            + " (" + test(b.row.association) + ")")
    }

    /// The theme whose test of independence has the smallest p-value (ties: larger Cramér's V, then
    /// tree order); nil when nothing was tested.
    public static func strongestAssociation(_ m: ThemeMatrix) -> Headline? {
        var best: ThemeMatrix.Row?
        for row in m.rows where row.association.test != .none {
            guard let b = best else { best = row; continue }
            let a = row.association, c = b.association
            if a.pValue < c.pValue - 1e-12 || (abs(a.pValue - c.pValue) <= 1e-12 && a.cramersV > c.cramersV) { best = row }
        }
        guard let row = best else { return nil }
        let usable = usableColumns(m)
        var columns = Array(m.columns.indices)
        if columns.count > 3 {
            let shares = usable.map { (index: $0, p: row.cells[$0].participants.columnPercent ?? 0) }
            if let lo = shares.min(by: { $0.p < $1.p }), let hi = shares.max(by: { $0.p < $1.p }) {
                columns = [lo.index, hi.index].sorted()
            }
        }
        return Headline(theme: row.theme, text: "\(row.theme.label): " + columns.map { describe(m, row, $0) }.joined(separator: ", ")
            + " (" + test(row.association) + ")")
    }

    /// Per group, the theme without sub-themes mentioned by the largest share of its participant units;
    /// when several share that share, how many ("6 themes at 6/6 (100%)") and the first of them in tree
    /// order, rather than one picked among equals.
    public static func mostMentioned(_ t: FrequencyTable) -> [(group: String, headline: Headline)] {
        let parents = Set(t.rows.compactMap(\.theme.parent))
        let leaves = t.rows.filter { !parents.contains($0.theme.id) }
        return t.groups.enumerated().compactMap { gi, group in
            var best: [FrequencyTable.Row] = []
            for row in leaves where row.cells[gi].n > 0 {
                guard let top = best.first else { best = [row]; continue }
                let (p, q) = (row.cells[gi].percent, top.cells[gi].percent)
                if p > q + 1e-9 { best = [row] } else if abs(p - q) <= 1e-9 { best.append(row) }
            }
            guard let row = best.first else { return nil }
            let c = row.cells[gi]
            let fraction = AnalysisFormat.fraction(c.n, c.base)
            if best.count == 1 {
                return (group.label(), Headline(theme: row.theme, text: "\(row.theme.label) \(fraction)"))
            }
            let named = best.prefix(2).map(\.theme.label).joined(separator: ", ")
            return (group.label(), Headline(theme: row.theme, text: "\(best.count) themes at \(fraction) (\(named)\(best.count > 2 ? "..." : ""))"))
        }
    }

    static func usableColumns(_ m: ThemeMatrix) -> [Int] {
        let big = m.columns.indices.filter { !m.columns[$0].isSmall && m.columns[$0].size > 0 }
        return big.count >= 2 ? big : m.columns.indices.filter { m.columns[$0].size > 0 }
    }

    static func describe(_ m: ThemeMatrix, _ row: ThemeMatrix.Row, _ i: Int) -> String {
        let c = row.cells[i].participants
        return "\(m.columns[i].label()) \(AnalysisFormat.fraction(c.count, c.base))"
    }

    static func test(_ a: AssociationResult) -> String {
        let p = AnalysisFormat.pValue(a.pValue)
        return "\(AnalysisFormat.shortName(a.test)) p \(p.hasPrefix("<") ? "< " + p.dropFirst() : "= " + p), V = \(AnalysisFormat.decimal2(a.cramersV))"
    }
}
