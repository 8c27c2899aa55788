/// A bootstrap confidence interval for Krippendorff's alpha: the pairable units (those with two values
/// or more) are drawn with replacement, as many as there are, `samples` times; alpha is computed on
/// each draw, and the interval is made of the draws' quantiles at (1 − confidence)/2 and
/// (1 + confidence)/2 (linear interpolation between order statistics, numpy's default).
///
/// The draws come from verbatim's SplitMix64 generator started at `seed`, so that the same table, level,
/// number of samples and seed give the same interval on every machine. Draws where alpha is undefined
/// (every drawn value the same) are left out and counted in ``undefinedSamples``.
public struct AlphaBootstrap: Sendable {
    public var samples: Int
    public var seed: UInt64
    public var confidence: Double
    /// The interval's ends, nil when no draw had a defined alpha.
    public var lower: Double?
    public var upper: Double?
    /// Draws where alpha was undefined.
    public var undefinedSamples: Int
    /// The share of defined draws where alpha is below `minimum`, when one was given: how likely the
    /// data's reliability falls short of it (Hayes and Krippendorff's q).
    public var minimum: Double?
    public var belowMinimum: Double?

    public init(_ table: ReliabilityTable, level: MeasurementLevel, samples: Int, seed: UInt64, confidence: Double = 0.95,
                minimum: Double? = nil) {
        precondition(samples >= 1 && confidence > 0 && confidence < 1)
        self.samples = samples
        self.seed = seed
        self.confidence = confidence
        self.minimum = minimum
        let prepared = KrippendorffAlpha.Prepared(table)
        let U = prepared.contributions.count
        var random = SplitMix64(seed: seed)
        var alphas: [Double] = []
        alphas.reserveCapacity(samples)
        var undefined = 0
        if U > 0 && table.coders.count >= 2 {
            var weights = [Int](repeating: 0, count: U)
            for _ in 0..<samples {
                for i in 0..<U { weights[i] = 0 }
                for _ in 0..<U { weights[random.below(U)] += 1 }
                let a = prepared.alpha(weights: weights, level: level, numbers: table.numbers, values: table.values, coders: table.coders.count)
                if let v = a.value { alphas.append(v) } else { undefined += 1 }
            }
        } else {
            undefined = samples
        }
        undefinedSamples = undefined
        alphas.sort()
        lower = AlphaBootstrap.quantile(alphas, (1 - confidence) / 2)
        upper = AlphaBootstrap.quantile(alphas, (1 + confidence) / 2)
        if let minimum, !alphas.isEmpty {
            belowMinimum = Double(alphas.filter { $0 < minimum }.count) / Double(alphas.count)
        } else {
            belowMinimum = nil
        }
    }

    /// The `p` quantile of sorted `x`, interpolating linearly between order statistics; nil when empty.
    public static func quantile(_ x: [Double], _ p: Double) -> Double? {
        guard !x.isEmpty else { return nil }
        let h = Double(x.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, x.count - 1)
        return x[lo] + (h - Double(lo)) * (x[hi] - x[lo])
    }
}

extension SplitMix64 {
    /// A number in 0..<n from the high half of a 128-bit product (Lemire), without depending on how a
    /// Swift version implements `random(in:)`.
    mutating func below(_ n: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }
}
