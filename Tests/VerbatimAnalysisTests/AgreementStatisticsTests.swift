import Foundation
import Testing
import VerbatimTestSupport
@testable import VerbatimAnalysis

/// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example with missing data:
/// 4 observers (A–D) × 12 units, values 1–5, empty = missing; one row per unit. The same table is in
/// `../shared/reference/agreement/krippendorff-2011-4-coders.csv`.
let krippendorff2011: [[Double?]] = [
    [1, 1, nil, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [nil, 5, 5, 5],
    [nil, nil, 1, 1],
    [nil, 3, nil, nil],
]

/// A reliability table read from a `unit,coder...` CSV file of `../shared/reference/agreement`.
func referenceTable(_ name: String) throws -> ReliabilityTable {
    let text = try String(contentsOf: Shared.url("reference/agreement/\(name)"), encoding: .utf8)
    let rows = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let header = try #require(rows.first)
    let body = rows.dropFirst()
    return ReliabilityTable(units: body.map { $0[0] }, coders: Array(header.dropFirst()),
                            cells: body.map { Array($0.dropFirst()).map { $0.isEmpty ? nil : $0 } })
}

@Suite struct KrippendorffAlphaTests {
    /// The published values, to the three decimals the paper gives; the full figures are those of the
    /// PyPI package `krippendorff` 0.9 (`krippendorff.alpha(reliability_data=..., level_of_measurement=...)`).
    static let published: [(MeasurementLevel, Double, Double)] = [
        (.nominal, 0.743, 0.743421052631579),
        (.ordinal, 0.815, 0.8153875037548814),
        (.interval, 0.849, 0.8491071428571428),
        (.ratio, 0.797, 0.7974027747116121),
    ]

    @Test func krippendorff2011InlineTable() throws {
        let table = ReliabilityTable(coders: ["A", "B", "C", "D"], numbers: krippendorff2011)
        #expect(table.unitCount == 12)
        #expect(table.values == ["1", "2", "3", "4", "5"])
        for (level, rounded, full) in Self.published {
            let a = KrippendorffAlpha(table, level: level)
            let value = try #require(a.value, "\(level): \(String(describing: a.undefined))")
            #expect((value * 1000).rounded() / 1000 == rounded, "\(level): \(value)")
            expectClose(value, full, relative: 1e-12, "\(level)")
            // 11 pairable units (unit 12 has one value), 40 pairable values.
            #expect(a.pairableUnits == 11)
            #expect(a.pairableValues == 40)
        }
    }

    /// The coincidence matrix of the paper's worked example (its table of o_ck), nominal D_o and D_e.
    @Test func krippendorff2011Coincidences() {
        let a = KrippendorffAlpha(ReliabilityTable(numbers: krippendorff2011), level: .nominal)
        let third = 1.0 / 3
        let expected: [[Double]] = [
            [7, 4 * third, third, third, 0],
            [4 * third, 10, 4 * third, third, 0],
            [third, 4 * third, 8, third, 0],
            [third, third, third, 4, 0],
            [0, 0, 0, 0, 3],
        ]
        for c in 0..<5 { for k in 0..<5 { expectClose(a.coincidences[c][k], expected[c][k], relative: 1e-12, absolute: 1e-12, "o[\(c)][\(k)]") } }
        let marginals = a.coincidences.map { $0.reduce(0, +) }
        for (m, e) in zip(marginals, [9.0, 13, 10, 5, 3]) { expectClose(m, e, relative: 1e-12) }
        // alpha = 1 − (n − 1)(n − Σ o_cc) / (n² − Σ n_c²) = 1 − 39 × (40 − 32) / (1600 − 384) = 0.743421...
        expectClose(a.value!, 1 - 39.0 * 8 / (1600 - 384), relative: 1e-12)
    }

    // The reference file in ../shared (absent on a fresh clone; the inline table above is the same).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: Shared.url("reference/agreement/krippendorff-2011-4-coders.csv").path)))
    func krippendorff2011ReferenceFile() throws {
        let table = try referenceTable("krippendorff-2011-4-coders.csv")
        #expect(table.coders == ["A", "B", "C", "D"])
        #expect(table.unitCount == 12)
        #expect(table.numbers == [1, 2, 3, 4, 5])
        for (level, rounded, _) in Self.published {
            let value = try #require(KrippendorffAlpha(table, level: level).value)
            #expect((value * 1000).rounded() / 1000 == rounded, "\(level): \(value)")
        }
    }

    @Test func perfectAgreementIsOne() {
        let table = ReliabilityTable(numbers: [[1, 1], [2, 2], [3, nil], [1, 1]])
        for level in MeasurementLevel.allCases { #expect(KrippendorffAlpha(table, level: level).value == 1, "\(level)") }
    }

    /// Two coders, binary values, Krippendorff's small nominal example (2011, p. 2-3 for two observers
    /// without missing data): 10 units, alpha = 0.095 (the PyPI package gives 0.09523809523809523).
    @Test func twoCodersBinary() throws {
        let a: [Double] = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
        let b: [Double] = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
        let table = ReliabilityTable(numbers: zip(a, b).map { [$0, $1] })
        let alpha = try #require(KrippendorffAlpha(table, level: .nominal).value)
        expectClose(alpha, 0.09523809523809523, relative: 1e-12)
    }

    @Test func degenerateTablesHaveAReason() {
        let one = ReliabilityTable(numbers: [[1], [2], [3]])
        #expect(KrippendorffAlpha(one, level: .nominal).undefined == .fewerThanTwoCoders(1))
        #expect(KrippendorffAlpha(one, level: .nominal).value == nil)
        let same = ReliabilityTable(cells: [["yes", "yes"], ["yes", nil], ["yes", "yes"]])
        #expect(KrippendorffAlpha(same, level: .nominal).undefined == .singleValue("yes"))
        let apart = ReliabilityTable(numbers: [[1, nil], [nil, 2], [3, nil]])
        #expect(KrippendorffAlpha(apart, level: .interval).undefined == .noPairableUnit)
        #expect(KrippendorffAlpha(ReliabilityTable(numbers: []), level: .nominal).undefined == .fewerThanTwoCoders(0))
        for u in [AgreementUndefined.fewerThanTwoCoders(1), .noPairableUnit, .singleValue("0"), .notTwoCoders(3), .noCompleteUnit(3)] {
            #expect(!u.description.isEmpty)
        }
    }

    @Test func ratioWithZeroes() throws {
        // (0 - 0)/(0 + 0) counts as no distance.
        let table = ReliabilityTable(numbers: [[0, 0], [0, 2], [3, 3], [1, 2]])
        let a = try #require(KrippendorffAlpha(table, level: .ratio).value)
        #expect(a.isFinite && a < 1)
    }

    @Test func stringValuesAreNominalCategories() {
        let table = ReliabilityTable(cells: [["a", "a"], ["b", "a"], ["b", "b"], ["c", ""]])
        #expect(table.numbers == nil)
        #expect(table.values == ["a", "b", "c"])
        #expect(table.cells[3] == [2, nil])
        #expect(table.pairableUnitCount == 3)
        #expect(table.pairableValueCount == 6)
    }

    @Test func numbersWrittenTwoWaysAreOneValue() {
        let table = ReliabilityTable(cells: [["1", "1.0"], ["2,5", "10"]], decimalComma: true)
        #expect(table.numbers == [1, 2.5, 10])
        #expect(table.values == ["1", "2,5", "10"])
        #expect(table.cells[0] == [0, 0])
        #expect(ReliabilityTable.number("nan") == nil && ReliabilityTable.number("inf") == nil && ReliabilityTable.number(" 3 ") == 3)
    }
}

@Suite struct CohenKappaTests {
    /// The textbook 2 × 2 table: 50 units, 20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no: p_o = 0.70,
    /// p_e = 0.50, kappa = 0.40.
    static func textbook() -> ReliabilityTable {
        var rows: [[String?]] = []
        rows += Array(repeating: ["yes", "yes"], count: 20)
        rows += Array(repeating: ["yes", "no"], count: 5)
        rows += Array(repeating: ["no", "yes"], count: 10)
        rows += Array(repeating: ["no", "no"], count: 15)
        return ReliabilityTable(coders: ["A", "B"], cells: rows)
    }

    @Test func textbookTable() throws {
        let k = CohenKappa(Self.textbook())
        #expect(k.units == 50)
        expectClose(k.observedAgreement, 0.70, relative: 1e-12)
        expectClose(k.expectedAgreement, 0.50, relative: 1e-12)
        expectClose(try #require(k.value), 0.40, relative: 1e-12)
        expectClose(try #require(PercentAgreement(Self.textbook()).value), 0.70, relative: 1e-12)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Shared.url("reference/agreement/cohen-2x2-50-items.csv").path)))
    func textbookReferenceFile() throws {
        // ../shared/reference/agreement/cohen-2x2-50-items.csv: the same 50 units.
        let k = CohenKappa(try referenceTable("cohen-2x2-50-items.csv"))
        #expect(k.units == 50)
        expectClose(try #require(k.value), 0.40, relative: 1e-12)
    }

    @Test func unitsOneCoderLeftOutAreNotCounted() {
        let table = ReliabilityTable(cells: [["a", "a"], ["a", nil], ["b", "b"], [nil, "b"]])
        let k = CohenKappa(table)
        #expect(k.units == 2)
        #expect(k.value == 1)
    }

    @Test func degenerate() {
        #expect(CohenKappa(ReliabilityTable(cells: [["x", "x", "x"]])).undefined == .notTwoCoders(3))
        #expect(CohenKappa(ReliabilityTable(cells: [["x"]])).undefined == .fewerThanTwoCoders(1))
        #expect(CohenKappa(ReliabilityTable(cells: [["x", "x"], ["x", "x"]])).undefined == .singleValue("x"))
        #expect(CohenKappa(ReliabilityTable(cells: [["x", nil], [nil, "y"]])).undefined == .noPairableUnit)
        // One coder uses one value, the other two: kappa is 0, not undefined.
        #expect(CohenKappa(ReliabilityTable(cells: [["x", "x"], ["x", "y"]])).value == 0)
    }
}

@Suite struct FleissKappaTests {
    /// Fleiss (1971), the worked example as widely reproduced: 10 subjects, 14 raters, 5 categories.
    static let counts = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]

    @Test func fleiss1971() throws {
        let k = try FleissKappa(counts: Self.counts)
        #expect(k.units == 10 && k.raters == 14)
        let value = try #require(k.value)
        #expect((value * 1000).rounded() / 1000 == 0.210, "\(value)")
        #expect((k.observedAgreement * 1000).rounded() / 1000 == 0.378)
        #expect((k.expectedAgreement * 1000).rounded() / 1000 == 0.213)
        // P̄ = 1922 / 1820 ... exactly: Σ n_ij(n_ij - 1) = 688 over 10 × 14 × 13.
        expectClose(k.observedAgreement, 688.0 / 1820, relative: 1e-12)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Shared.url("reference/agreement/fleiss-1971-counts.csv").path)))
    func fleiss1971ReferenceFile() throws {
        // ../shared/reference/agreement/fleiss-1971-counts.csv: subject, then the counts of c1..c5.
        let text = try String(contentsOf: Shared.url("reference/agreement/fleiss-1971-counts.csv"), encoding: .utf8)
        let rows = text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").dropFirst().map { Int($0)! } }
        let value = try #require(try FleissKappa(counts: rows).value)
        #expect((value * 1000).rounded() / 1000 == 0.210)
    }

    /// The same example as a reliability table (each subject's 14 ratings) gives the same kappa, and its
    /// percent agreement is P̄.
    @Test func fromAReliabilityTable() throws {
        let rows: [[Double?]] = Self.counts.map { c in c.enumerated().flatMap { j, n in Array(repeating: Double(j + 1), count: n) } }
        let table = ReliabilityTable(numbers: rows)
        let k = FleissKappa(table)
        expectClose(try #require(k.value), try #require(try FleissKappa(counts: Self.counts).value), relative: 1e-12)
        expectClose(try #require(PercentAgreement(table).value), k.observedAgreement, relative: 1e-12)
    }

    @Test func incompleteUnitsAreLeftOut() throws {
        let table = ReliabilityTable(cells: [["a", "a", "a"], ["a", "b", nil], ["b", "b", "b"]])
        let k = FleissKappa(table)
        #expect(k.units == 2 && k.incompleteUnits == 1)
        #expect(k.value == 1)
        #expect(FleissKappa(ReliabilityTable(cells: [["a", "a", nil], [nil, "b", "b"]])).undefined == .noCompleteUnit(3))
    }

    @Test func unequalRowsAreRefused() {
        #expect(throws: FleissKappa.UnequalRaters(row: 1, raters: 3, expected: 4)) { try FleissKappa(counts: [[2, 2], [1, 2]]) }
        #expect(try! FleissKappa(counts: [[3, 0], [3, 0]]).undefined == .singleValue("1"))
    }

    /// With two raters and no missing value Fleiss' kappa is Scott's pi, and Krippendorff's nominal alpha
    /// is pi corrected for the sample's size: alpha = 1 − (1 − pi)(n − 1)/n = pi + (1 − pi)/n, with
    /// n = 2N pairable values (here 100).
    @Test func twoRatersIsScottsPi() throws {
        let table = CohenKappaTests.textbook()
        let pi = try #require(FleissKappa(table).value)
        let alpha = try #require(KrippendorffAlpha(table, level: .nominal).value)
        expectClose(alpha, pi + (1 - pi) / 100, relative: 1e-12)
    }
}

@Suite struct AlphaBootstrapTests {
    @Test func deterministicForASeed() throws {
        let table = ReliabilityTable(numbers: krippendorff2011)
        let a = AlphaBootstrap(table, level: .interval, samples: 500, seed: 42)
        let b = AlphaBootstrap(table, level: .interval, samples: 500, seed: 42)
        let c = AlphaBootstrap(table, level: .interval, samples: 500, seed: 43)
        #expect(a.lower == b.lower && a.upper == b.upper)
        #expect(a.lower != c.lower || a.upper != c.upper)
        let lower = try #require(a.lower), upper = try #require(a.upper)
        #expect(lower < 0.849 && 0.849 < upper && upper <= 1, "\(lower) \(upper)")
    }

    @Test func intervalNarrowsWithMoreUnits() throws {
        var random = SplitMix64(seed: 7)
        func table(_ n: Int) -> ReliabilityTable {
            ReliabilityTable(numbers: (0..<n).map { _ in
                let v = Double(random.below(3))
                return [v, random.below(10) < 8 ? v : Double(random.below(3))]
            })
        }
        let small = AlphaBootstrap(table(30), level: .nominal, samples: 400, seed: 1)
        let large = AlphaBootstrap(table(600), level: .nominal, samples: 400, seed: 1)
        #expect((large.upper! - large.lower!) < (small.upper! - small.lower!))
    }

    @Test func undefinedDrawsAreCounted() {
        // Every draw of a table with a single value is undefined.
        let same = ReliabilityTable(numbers: [[1, 1], [1, 1]])
        let b = AlphaBootstrap(same, level: .nominal, samples: 50, seed: 3)
        #expect(b.undefinedSamples == 50 && b.lower == nil && b.upper == nil)
        let m = AlphaBootstrap(ReliabilityTable(numbers: krippendorff2011), level: .nominal, samples: 200, seed: 3, minimum: 0.8)
        let q = try! #require(m.belowMinimum)
        #expect(q > 0 && q < 1)
    }

    @Test func quantileInterpolates() {
        #expect(AlphaBootstrap.quantile([1, 2, 3, 4], 0.5) == 2.5)
        #expect(AlphaBootstrap.quantile([1, 2, 3, 4], 0) == 1)
        #expect(AlphaBootstrap.quantile([1, 2, 3, 4], 1) == 4)
        #expect(AlphaBootstrap.quantile([], 0.5) == nil)
    }

    @Test func splitMixIsTheReferenceSequence() {
        // SplitMix64 from seed 1234567: the first outputs of the reference C implementation (Vigna's
        // splitmix64.c), so that a seed gives the same bootstrap everywhere.
        var r = SplitMix64(seed: 1_234_567)
        #expect(r.next() == 6_457_827_717_110_365_317)
        #expect(r.next() == 3_203_168_211_198_807_973)
    }
}

@Suite struct AgreementSummaryTests {
    @Test func krippendorffTableSummary() throws {
        let s = AgreementSummary(ReliabilityTable(numbers: krippendorff2011), level: .ordinal,
                                 bootstrap: .init(samples: 100, seed: 9))
        #expect(s.units == 12 && s.coders == 4 && s.pairableUnits == 11 && s.pairableValues == 40)
        #expect(s.cohen.undefined == .notTwoCoders(4))
        #expect(s.fleiss.units == 8 && s.fleiss.incompleteUnits == 4)
        expectClose(try #require(s.alpha.value), 0.8153875037548814, relative: 1e-12)
        #expect(s.bootstrap?.samples == 100)
        // Σ n_uc(n_uc − 1) / Σ m_u(m_u − 1) = 86 / 110; units 1, 3, 4, 5, 7, 9, 10 and 11 are unanimous.
        expectClose(try #require(s.percentAgreement.value), 86.0 / 110, relative: 1e-12)
        #expect(s.percentAgreement.unanimousUnits == 8)
    }
}
