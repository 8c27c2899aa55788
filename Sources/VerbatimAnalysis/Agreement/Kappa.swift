/// Cohen's kappa for two coders: κ = (p_o − p_e) / (1 − p_e), over the units both coded, with p_o
/// the share of those units where they agree and p_e = Σ_c p_A(c) p_B(c) from each coder's own
/// distribution of values (the same value as scikit-learn's `cohen_kappa_score` without weights).
public struct CohenKappa: Sendable {
    /// Kappa, or nil when it is undefined (``undefined`` says why).
    public var value: Double?
    public var undefined: AgreementUndefined?
    /// The units both coders coded.
    public var units: Int
    /// Observed and chance agreement (0 when there is no unit).
    public var observedAgreement: Double
    public var expectedAgreement: Double

    /// Kappa of the two coders of `table` (undefined for another number of coders).
    public init(_ table: ReliabilityTable) {
        guard table.coders.count == 2 else {
            self.init(pairs: [], valueCount: 0)
            undefined = table.coders.count < 2 ? .fewerThanTwoCoders(table.coders.count) : .notTwoCoders(table.coders.count)
            return
        }
        var pairs: [(Int, Int)] = []
        for row in table.cells { if let a = row[0], let b = row[1] { pairs.append((a, b)) } }
        self.init(pairs: pairs, valueCount: table.values.count, values: table.values)
    }

    /// Kappa of paired values (indices below `valueCount`).
    public init(pairs: [(Int, Int)], valueCount: Int, values: [String]? = nil) {
        value = nil
        undefined = nil
        units = pairs.count
        observedAgreement = 0
        expectedAgreement = 0
        guard !pairs.isEmpty else { undefined = .noPairableUnit; return }
        var a = [Int](repeating: 0, count: valueCount), b = a
        var agree = 0
        for (x, y) in pairs {
            a[x] += 1
            b[y] += 1
            if x == y { agree += 1 }
        }
        let n = pairs.count
        // Σ a_c b_c, in integers: kappa = (n·agree − Σ a_c b_c) / (n² − Σ a_c b_c).
        var chance = 0
        for c in 0..<valueCount { chance += a[c] * b[c] }
        let nn = Double(n)
        observedAgreement = Double(agree) / nn
        expectedAgreement = Double(chance) / (nn * nn)
        if chance == n * n {
            let only = a.firstIndex { $0 > 0 } ?? 0
            undefined = .singleValue(values.map { $0[only] } ?? String(only))
            return
        }
        value = (nn * Double(agree) - Double(chance)) / (nn * nn - Double(chance))
    }
}

/// Fleiss' kappa for a fixed number of raters per unit (J. L. Fleiss, "Measuring nominal scale
/// agreement among many raters", Psychological Bulletin 76(5), 1971):
/// P_i = (Σ_j n_ij² − n) / (n(n − 1)), P̄ their mean, p_j = Σ_i n_ij / (N n), P̄_e = Σ_j p_j²,
/// κ = (P̄ − P̄_e) / (1 − P̄_e).
public struct FleissKappa: Sendable {
    /// Kappa, or nil when it is undefined (``undefined`` says why).
    public var value: Double?
    public var undefined: AgreementUndefined?
    /// The units counted (N) and the raters of each (n).
    public var units: Int
    public var raters: Int
    /// P̄ and P̄_e (0 when there is no unit).
    public var observedAgreement: Double
    public var expectedAgreement: Double
    /// Units of the table left out because not every coder coded them.
    public var incompleteUnits: Int = 0

    /// A row whose total differs from the first row's.
    public struct UnequalRaters: Error, Sendable, Equatable {
        /// The 0-based row, its total, and the first row's.
        public var row: Int
        public var raters: Int
        public var expected: Int
    }

    /// Kappa from counts: `counts[i][j]` raters put unit i in category j; every row has the same total.
    /// - Throws: ``UnequalRaters`` for a row with another total.
    public init(counts: [[Int]], values: [String]? = nil) throws {
        value = nil
        undefined = nil
        units = counts.count
        raters = counts.first?.reduce(0, +) ?? 0
        observedAgreement = 0
        expectedAgreement = 0
        for (i, row) in counts.enumerated() where row.reduce(0, +) != raters {
            throw UnequalRaters(row: i, raters: row.reduce(0, +), expected: raters)
        }
        guard !counts.isEmpty else { undefined = .noPairableUnit; return }
        guard raters >= 2 else { undefined = .fewerThanTwoCoders(raters); return }
        let K = counts.map(\.count).max() ?? 0
        var columns = [Int](repeating: 0, count: K)
        var agreeing = 0
        for row in counts {
            for (j, x) in row.enumerated() {
                columns[j] += x
                agreeing += x * (x - 1)
            }
        }
        let N = Double(counts.count), n = Double(raters)
        let pBar = Double(agreeing) / (N * n * (n - 1))
        let total = N * n
        let peBar = columns.reduce(0.0) { $0 + (Double($1) / total) * (Double($1) / total) }
        observedAgreement = pBar
        expectedAgreement = peBar
        if columns.filter({ $0 > 0 }).count <= 1 {
            let only = columns.firstIndex { $0 > 0 } ?? 0
            undefined = .singleValue(values.map { $0[only] } ?? String(only + 1))
            return
        }
        value = (pBar - peBar) / (1 - peBar)
    }

    /// Kappa of `table` over the units every coder coded (the others are counted in ``incompleteUnits``).
    public init(_ table: ReliabilityTable) {
        let k = table.coders.count
        var counts: [[Int]] = []
        var incomplete = 0
        for row in table.cells {
            if row.contains(where: { $0 == nil }) { incomplete += 1; continue }
            var c = [Int](repeating: 0, count: table.values.count)
            for case let v? in row { c[v] += 1 }
            counts.append(c)
        }
        if k < 2 {
            self.init(undefined: .fewerThanTwoCoders(k), raters: k, incomplete: incomplete)
        } else if counts.isEmpty {
            self.init(undefined: table.pairableUnitCount == 0 ? .noPairableUnit : .noCompleteUnit(k), raters: k, incomplete: incomplete)
        } else {
            // Every row sums to k: this cannot throw.
            self = try! FleissKappa(counts: counts, values: table.values)
            incompleteUnits = incomplete
        }
    }

    private init(undefined: AgreementUndefined, raters: Int, incomplete: Int) {
        value = nil
        self.undefined = undefined
        units = 0
        self.raters = raters
        observedAgreement = 0
        expectedAgreement = 0
        incompleteUnits = incomplete
    }
}

/// Percent agreement: the share of agreeing pairs among all the pairs of values two different coders
/// gave the same unit, over the units with two values or more. For two coders, the share of the units
/// both coded where they agree; with a fixed number of coders per unit, Fleiss' P̄.
public struct PercentAgreement: Sendable {
    /// The share (0 to 1), or nil when no unit has two values.
    public var value: Double?
    public var undefined: AgreementUndefined?
    /// Pairable units, and those where every coder gave the same value.
    public var units: Int
    public var unanimousUnits: Int

    public init(_ table: ReliabilityTable) {
        var agreeing = 0, pairs = 0, units = 0, unanimous = 0
        for unit in table.unitCounts() {
            let m = unit.reduce(0) { $0 + $1.count }
            guard m >= 2 else { continue }
            units += 1
            if unit.count == 1 { unanimous += 1 }
            pairs += m * (m - 1)
            for v in unit { agreeing += v.count * (v.count - 1) }
        }
        self.units = units
        unanimousUnits = unanimous
        if table.coders.count < 2 {
            value = nil
            undefined = .fewerThanTwoCoders(table.coders.count)
        } else if pairs == 0 {
            value = nil
            undefined = .noPairableUnit
        } else {
            value = Double(agreeing) / Double(pairs)
            undefined = nil
        }
    }
}
