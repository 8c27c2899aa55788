/// Which significance test ``Association/test(_:)`` chose.
public enum AssociationTestKind: String, Hashable, Sendable {
    /// Pearson's chi-square test (no continuity correction).
    case chiSquare
    /// Fisher's exact test on a 2 × 2 table (two-sided).
    case fisherExact
    /// The Freeman–Halton extension of Fisher's exact test to an r × c table.
    case freemanHalton
    /// No test: after removing empty rows and columns, fewer than two rows or columns remain.
    case none

    /// The name of the test in plain English, for reports.
    public var displayName: String {
        switch self {
        case .chiSquare: return "Pearson's chi-square test"
        case .fisherExact: return "Fisher's exact test"
        case .freemanHalton: return "Fisher–Freeman–Halton exact test"
        case .none: return "no test"
        }
    }
}

/// The association between the rows and columns of a table, as a verbatim report presents it.
public struct AssociationResult: Hashable, Sendable {
    /// The test used.
    public let test: AssociationTestKind
    /// Why that test was chosen, in plain English.
    public let reason: String
    /// The statistic of the chosen test: the Pearson χ² for the chi-square test, the sample odds ratio for
    /// Fisher's 2 × 2 test, the probability of the observed table for the Freeman–Halton test, 0 for none.
    public let statistic: Double
    /// What ``statistic`` is ("chi-square", "odds ratio", "probability of the observed table").
    public let statisticName: String
    /// The degrees of freedom of the tested table, (r − 1)(c − 1). Exact tests have no degrees of freedom
    /// of their own; the value still describes the table.
    public let degreesOfFreedom: Int
    /// The p-value of the chosen test (two-sided for Fisher's 2 × 2 test; 1 when there is no test).
    public let pValue: Double
    /// Cramér's V of the tested table (uncorrected; `nan` when there is no test).
    public let cramersV: Double
    /// The (uncorrected) chi-square test, always computed: its expected-count diagnostics drive the choice.
    public let chiSquare: ChiSquareResult
    /// The 2 × 2 exact test, when it was used.
    public let fisherExact: FisherExact2x2Result?
    /// The Freeman–Halton test, when it was used.
    public let freemanHalton: FreemanHaltonResult?
    /// Plain-English warnings for the report (small expected counts, removed rows and columns,
    /// Monte Carlo estimate, nothing to test).
    public let warnings: [String]

    /// The table actually tested (without its empty rows and columns).
    public var testedTable: ContingencyTable { chiSquare.testedTable }
}

/// The policy verbatim's reports use to test the association between a theme and an attribute.
public enum Association {
    /// Tests the association between the rows and columns of `table`.
    ///
    /// Empty rows and columns are removed first. Then:
    /// - a 2 × 2 table gets Fisher's exact test (two-sided);
    /// - a larger table whose expected counts break Cochran's rule (any expected count under 1, or more
    ///   than 20 % of the cells under 5) gets the Fisher–Freeman–Halton exact test, with
    ///   ``FisherExact``'s enumeration budget and seeded Monte Carlo fallback;
    /// - any other table gets Pearson's chi-square test, without continuity correction.
    ///
    /// Cramér's V (uncorrected) is reported in every case.
    public static func test(
        _ table: ContingencyTable,
        maxTables: Int = FisherExact.defaultMaxTables,
        monteCarloSamples: Int = FisherExact.defaultMonteCarloSamples,
        seed: UInt64 = FisherExact.defaultSeed
    ) -> AssociationResult {
        let chi = ChiSquare.test(table, yates: false)
        let tested = chi.testedTable
        var warnings: [String] = []
        if chi.droppedRows > 0 {
            warnings.append(chi.droppedRows == 1
                ? "1 row with a zero total was left out"
                : "\(chi.droppedRows) rows with a zero total were left out")
        }
        if chi.droppedColumns > 0 {
            warnings.append(chi.droppedColumns == 1
                ? "1 column with a zero total was left out"
                : "\(chi.droppedColumns) columns with a zero total were left out")
        }

        if chi.isDegenerate {
            warnings.append("fewer than two non-empty rows or columns: no association can be tested")
            return AssociationResult(
                test: .none, reason: "the table has fewer than two non-empty rows or columns",
                statistic: 0, statisticName: "none", degreesOfFreedom: 0, pValue: 1, cramersV: .nan,
                chiSquare: chi, fisherExact: nil, freemanHalton: nil, warnings: warnings
            )
        }

        let expected = chi.expected
        if expected.cellsBelowFive > 0 {
            warnings.append("\(expected.cellsBelowFive) of \(expected.cellCount) "
                + (expected.cellCount == 1 ? "cell has" : "cells have")
                + " expected counts under 5")
        }
        if expected.cellsBelowOne > 0 {
            warnings.append("the smallest expected count is \(formatDecimal(expected.minimumExpected)), under 1")
        }
        let v = CramersV.value(tested)

        if tested.isTwoByTwo {
            let fisher = FisherExact.twoByTwo(tested)
            return AssociationResult(
                test: .fisherExact, reason: "the table is 2 × 2",
                statistic: fisher.oddsRatio, statisticName: "odds ratio",
                degreesOfFreedom: chi.degreesOfFreedom, pValue: fisher.pValue, cramersV: v,
                chiSquare: chi, fisherExact: fisher, freemanHalton: nil, warnings: warnings
            )
        }
        if chi.smallExpected {
            let fh = FisherExact.freemanHalton(
                tested, maxTables: maxTables, monteCarloSamples: monteCarloSamples, seed: seed)
            if case let .monteCarlo(samples, usedSeed, _) = fh.method {
                warnings.append("the p-value is a Monte Carlo estimate from \(samples) random tables (seed \(usedSeed)): "
                    + "the table has more than \(maxTables) possible arrangements to enumerate")
            }
            return AssociationResult(
                test: .freemanHalton,
                reason: "expected counts are too small for the chi-square approximation (Cochran's rule)",
                statistic: fh.observedProbability, statisticName: "probability of the observed table",
                degreesOfFreedom: chi.degreesOfFreedom, pValue: fh.pValue, cramersV: v,
                chiSquare: chi, fisherExact: nil, freemanHalton: fh, warnings: warnings
            )
        }
        return AssociationResult(
            test: .chiSquare, reason: "expected counts are large enough (Cochran's rule)",
            statistic: chi.statistic, statisticName: "chi-square",
            degreesOfFreedom: chi.degreesOfFreedom, pValue: chi.pValue, cramersV: v,
            chiSquare: chi, fisherExact: nil, freemanHalton: nil, warnings: warnings
        )
    }

    /// `value` rounded to two decimals, without Foundation ("0.43", "1.00").
    static func formatDecimal(_ value: Double) -> String {
        guard value.isFinite else { return String(describing: value) }
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
