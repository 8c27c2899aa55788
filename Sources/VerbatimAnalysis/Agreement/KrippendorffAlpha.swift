/// Krippendorff's alpha, computed from the coincidence matrix as K. Krippendorff defines it in
/// "Computing Krippendorff's Alpha-Reliability" (Annenberg School for Communication, 2011):
///
/// - each unit u with m_u ≥ 2 values contributes, for every ordered pair of its values (c, k) taken
///   from two different coders, 1/(m_u − 1) to the coincidence o_ck; units with fewer than two values
///   are not pairable and contribute nothing;
/// - n_c = Σ_k o_ck, and n = Σ_c n_c is the number of pairable values;
/// - alpha = 1 − D_o / D_e = 1 − (n − 1) Σ_c Σ_k o_ck δ²_ck / Σ_c Σ_k n_c n_k δ²_ck,
///
/// with the metric δ² of the level: nominal 0 or 1; ordinal (Σ_{g=c..k} n_g − (n_c + n_k)/2)²;
/// interval (c − k)²; ratio ((c − k)/(c + k))² (0 when both are 0). Any number of coders, missing
/// values allowed.
public struct KrippendorffAlpha: Sendable {
    public var level: MeasurementLevel
    /// Alpha, or nil when it is undefined (``undefined`` says why).
    public var value: Double?
    public var undefined: AgreementUndefined?
    /// The observed disagreement D_o and the disagreement expected by chance D_e (0 when undefined).
    public var observedDisagreement: Double
    public var expectedDisagreement: Double
    /// Units with two values or more, and the values they hold (n).
    public var pairableUnits: Int
    public var pairableValues: Int
    /// The coincidence matrix o_ck over the table's ``ReliabilityTable/values``.
    public var coincidences: [[Double]]

    /// Alpha of `table` at `level`.
    /// - Precondition: at a level other than nominal, the table's values are numbers (`numbers` is
    ///   set), and at ratio level none is negative.
    public init(_ table: ReliabilityTable, level: MeasurementLevel) {
        precondition(!level.needsNumbers || table.numbers != nil, "Krippendorff's alpha at \(level) level needs numbers")
        let prepared = Prepared(table)
        self = prepared.alpha(weights: nil, level: level, numbers: table.numbers, values: table.values, coders: table.coders.count)
    }

    init(level: MeasurementLevel, value: Double?, undefined: AgreementUndefined?, observedDisagreement: Double,
         expectedDisagreement: Double, pairableUnits: Int, pairableValues: Int, coincidences: [[Double]]) {
        self.level = level
        self.value = value
        self.undefined = undefined
        self.observedDisagreement = observedDisagreement
        self.expectedDisagreement = expectedDisagreement
        self.pairableUnits = pairableUnits
        self.pairableValues = pairableValues
        self.coincidences = coincidences
    }

    /// The units' contributions, worked out once so that a bootstrap only re-weights them.
    struct Prepared {
        /// Per pairable unit: its contributions (c, k, o) to the coincidence matrix, one per ordered pair
        /// of values it holds.
        var contributions: [[(c: Int, k: Int, o: Double)]]
        /// Per pairable unit: how many values it holds (m_u).
        var valueCounts: [Int]
        var valueCount: Int

        init(_ table: ReliabilityTable) {
            valueCount = table.values.count
            var contributions: [[(c: Int, k: Int, o: Double)]] = []
            var counts: [Int] = []
            for unit in table.unitCounts() {
                let m = unit.reduce(0) { $0 + $1.count }
                guard m >= 2 else { continue }
                var list: [(c: Int, k: Int, o: Double)] = []
                for a in unit {
                    for b in unit {
                        let pairs = a.value == b.value ? a.count * (a.count - 1) : a.count * b.count
                        if pairs > 0 { list.append((a.value, b.value, Double(pairs) / Double(m - 1))) }
                    }
                }
                contributions.append(list)
                counts.append(m)
            }
            self.contributions = contributions
            valueCounts = counts
        }

        /// Alpha with each pairable unit counted `weights[i]` times (once each when nil).
        func alpha(weights: [Int]?, level: MeasurementLevel, numbers: [Double]?, values: [String], coders: Int) -> KrippendorffAlpha {
            let K = valueCount
            var o = [[Double]](repeating: [Double](repeating: 0, count: K), count: K)
            var units = 0, n = 0
            for (i, list) in contributions.enumerated() {
                let w = weights?[i] ?? 1
                if w == 0 { continue }
                units += w
                n += w * valueCounts[i]
                let fw = Double(w)
                for e in list { o[e.c][e.k] += fw * e.o }
            }
            var result = KrippendorffAlpha(level: level, value: nil, undefined: nil, observedDisagreement: 0, expectedDisagreement: 0,
                                           pairableUnits: units, pairableValues: n, coincidences: o)
            if coders < 2 { result.undefined = .fewerThanTwoCoders(coders); return result }
            if n == 0 { result.undefined = .noPairableUnit; return result }
            let marginals = o.map { $0.reduce(0, +) }
            let delta = KrippendorffAlpha.metric(level, numbers: numbers, marginals: marginals)
            var observed = 0.0, expected = 0.0
            for c in 0..<K {
                for k in 0..<K where c != k {
                    let d = delta[c][k]
                    if d == 0 { continue }
                    observed += o[c][k] * d
                    expected += marginals[c] * marginals[k] * d
                }
            }
            let nn = Double(n)
            if expected == 0 {
                let only = marginals.firstIndex { $0 > 0 } ?? 0
                result.undefined = .singleValue(K > 0 ? values[only] : "")
                return result
            }
            result.observedDisagreement = observed / nn
            result.expectedDisagreement = expected / (nn * (nn - 1))
            result.value = 1 - (nn - 1) * observed / expected
            return result
        }
    }

    /// The metric δ²_ck of `level` over the values (`numbers`, for the levels that need them), with the
    /// coincidence marginals `marginals` (which the ordinal metric uses).
    public static func metric(_ level: MeasurementLevel, numbers: [Double]?, marginals: [Double]) -> [[Double]] {
        let K = marginals.count
        var d = [[Double]](repeating: [Double](repeating: 0, count: K), count: K)
        for c in 0..<K {
            for k in 0..<K where c != k {
                switch level {
                case .nominal:
                    d[c][k] = 1
                case .ordinal:
                    let lo = min(c, k), hi = max(c, k)
                    var s = 0.0
                    for g in lo...hi { s += marginals[g] }
                    let x = s - (marginals[lo] + marginals[hi]) / 2
                    d[c][k] = x * x
                case .interval:
                    let x = numbers![c] - numbers![k]
                    d[c][k] = x * x
                case .ratio:
                    let sum = numbers![c] + numbers![k]
                    let x = sum == 0 ? 0 : (numbers![c] - numbers![k]) / sum
                    d[c][k] = x * x
                }
            }
        }
        return d
    }
}
