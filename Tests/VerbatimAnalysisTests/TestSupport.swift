import Testing
@testable import VerbatimAnalysis

/// Whether `actual` is within `relative` (relative to `expected`) or `absolute` of `expected`.
/// Infinities must match exactly; `nan` matches only `nan`.
func isClose(_ actual: Double, _ expected: Double, relative: Double = 1e-6, absolute: Double = 0) -> Bool {
    if expected.isNaN { return actual.isNaN }
    if expected.isInfinite || actual.isInfinite { return actual == expected }
    let difference = abs(actual - expected)
    return difference <= absolute || difference <= relative * abs(expected)
}

/// `#expect` with a tolerance and a readable failure message.
func expectClose(
    _ actual: Double, _ expected: Double, relative: Double = 1e-6, absolute: Double = 0,
    _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        isClose(actual, expected, relative: relative, absolute: absolute),
        "\(what) \(actual) != \(expected) (relative \(relative), absolute \(absolute))",
        sourceLocation: sourceLocation
    )
}

/// A table from literal counts (the tests only build valid tables).
func table(_ counts: [[Int]]) -> ContingencyTable {
    try! ContingencyTable(counts)
}
