/// The scale of the values coders assign, which decides how far apart two different values are for
/// Krippendorff's alpha (the other statistics only ask whether two values are the same).
public enum MeasurementLevel: String, Sendable, CaseIterable {
    /// Categories: two values are the same or not.
    case nominal
    /// Ranks: values are ordered, and the distance between two of them grows with how many values
    /// were assigned between them.
    case ordinal
    /// Numbers whose differences mean something.
    case interval
    /// Numbers with a true zero, compared by their ratio (values must be 0 or more).
    case ratio

    /// Whether values must be numbers at this level.
    public var needsNumbers: Bool { self != .nominal }
}

/// Why an agreement statistic has no value: the data cannot say anything about agreement, and each
/// case says why in a sentence (instead of a NaN).
public enum AgreementUndefined: Sendable, Equatable, CustomStringConvertible {
    /// The table has fewer than two coders (the count is given).
    case fewerThanTwoCoders(Int)
    /// No unit was coded by two coders or more: there is no pair of values to compare.
    case noPairableUnit
    /// Every pairable value is the same one (the value is given): nothing varies, so agreement cannot
    /// be told from chance (expected disagreement 0; alpha and kappa are 0/0). Observed agreement is
    /// perfect.
    case singleValue(String)
    /// Cohen's kappa is for exactly two coders (the count is given).
    case notTwoCoders(Int)
    /// Fleiss' kappa needs units coded by every coder; none is (the number of coders is given).
    case noCompleteUnit(Int)

    public var description: String {
        switch self {
        case .fewerThanTwoCoders(let n):
            return n == 0 ? "there is no coder" : "there is only one coder: agreement needs at least two"
        case .noPairableUnit:
            return "no unit was coded by two coders: there is nothing to compare"
        case .singleValue(let v):
            return "every value is '\(v)': with no variation agreement cannot be told from chance (expected disagreement 0), though the coders never disagree"
        case .notTwoCoders(let n):
            return "Cohen's kappa is for two coders; there are \(n)"
        case .noCompleteUnit(let n):
            return "no unit was coded by all \(n) coders (Fleiss' kappa needs the same number of ratings per unit)"
        }
    }
}

/// A reliability data table: one row per unit, one column per coder, each cell the value that coder
/// assigned to that unit or nothing (missing).
///
/// Values are kept as an index into ``values``, the distinct values found: in numeric order when every
/// value is a number (``numbers`` then holds them), else in the strings' order.
public struct ReliabilityTable: Sendable, Equatable {
    /// The units' ids, in row order.
    public var units: [String]
    /// The coders' names, in column order.
    public var coders: [String]
    /// `cells[unit][coder]`: an index into ``values``, nil when the coder gave that unit no value.
    public var cells: [[Int?]]
    /// The distinct values, in order.
    public var values: [String]
    /// The distinct values as numbers, in the same order, when every value is a number.
    public var numbers: [Double]?

    /// A table of values written as text (nil or an empty string is missing). Values that are all
    /// numbers (`1`, `2.5`, `-3`; `2,5` with `decimalComma`) are numbers: `1` and `1.0` are then the
    /// same value, written as first seen.
    public init(units: [String]? = nil, coders: [String]? = nil, cells text: [[String?]], decimalComma: Bool = false) {
        let width = text.map(\.count).max() ?? 0
        self.units = units ?? text.indices.map { String($0 + 1) }
        let columns = coders ?? (0..<width).map { "coder \($0 + 1)" }
        self.coders = columns
        var distinct: [String] = []
        var seen = Set<String>()
        for row in text { for case let v? in row where !v.isEmpty && seen.insert(v).inserted { distinct.append(v) } }
        let parsed = distinct.map { ReliabilityTable.number($0, decimalComma: decimalComma) }
        if !distinct.isEmpty && parsed.allSatisfy({ $0 != nil }) {
            var byNumber: [Double: Int] = [:]
            var numbers: [Double] = [], labels: [String] = []
            for (s, x) in zip(distinct, parsed) where byNumber[x!] == nil {
                byNumber[x!] = 0
                numbers.append(x!)
                labels.append(s)
            }
            let order = numbers.indices.sorted { numbers[$0] < numbers[$1] }
            self.numbers = order.map { numbers[$0] }
            self.values = order.map { labels[$0] }
            for (i, x) in order.map({ numbers[$0] }).enumerated() { byNumber[x] = i }
            self.cells = text.map { row in
                (0..<columns.count).map { j in
                    guard j < row.count, let v = row[j], !v.isEmpty else { return nil }
                    return byNumber[ReliabilityTable.number(v, decimalComma: decimalComma)!]
                }
            }
        } else {
            self.values = distinct.sorted()
            self.numbers = nil
            var index: [String: Int] = [:]
            for (i, v) in self.values.enumerated() { index[v] = i }
            self.cells = text.map { row in
                (0..<columns.count).map { j in
                    guard j < row.count, let v = row[j], !v.isEmpty else { return nil }
                    return index[v]
                }
            }
        }
    }

    /// A table of numbers (nil is missing).
    public init(units: [String]? = nil, coders: [String]? = nil, numbers: [[Double?]]) {
        let width = numbers.map(\.count).max() ?? 0
        self.units = units ?? numbers.indices.map { String($0 + 1) }
        self.coders = coders ?? (0..<width).map { "coder \($0 + 1)" }
        let distinct = Array(Set(numbers.flatMap { $0.compactMap { $0 } })).sorted()
        var index: [Double: Int] = [:]
        for (i, x) in distinct.enumerated() { index[x] = i }
        self.numbers = distinct
        self.values = distinct.map(ReliabilityTable.label)
        self.cells = numbers.map { row in (0..<width).map { j in j < row.count ? row[j].flatMap { index[$0] } : nil } }
    }

    /// A table whose cells are already indices into `values`.
    public init(units: [String], coders: [String], cells: [[Int?]], values: [String], numbers: [Double]? = nil) {
        self.units = units
        self.coders = coders
        self.cells = cells
        self.values = values
        self.numbers = numbers
    }

    /// A finite number written in `s` (spaces around it ignored), nil otherwise.
    public static func number(_ s: String, decimalComma: Bool = false) -> Double? {
        var t = trimmed(s)
        if decimalComma { t = String(t.map { $0 == "," ? "." : $0 }) }
        guard !t.isEmpty, let first = t.unicodeScalars.first,
              first == "-" || first == "+" || first == "." || ("0"..."9").contains(first),
              let x = Double(t), x.isFinite else { return nil }
        return x
    }

    /// `2` for 2.0, `2.5` for 2.5.
    static func label(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }

    /// The number of units.
    public var unitCount: Int { cells.count }

    /// How many values each unit has.
    public var valuesPerUnit: [Int] { cells.map { $0.reduce(0) { $1 == nil ? $0 : $0 + 1 } } }

    /// Units with at least two values: the only ones that say anything about agreement.
    public var pairableUnitCount: Int { valuesPerUnit.filter { $0 >= 2 }.count }

    /// The values in units with at least two values (Krippendorff's n).
    public var pairableValueCount: Int { valuesPerUnit.filter { $0 >= 2 }.reduce(0, +) }

    /// For each unit, how many times each value was assigned: (value index, count) pairs, by value.
    func unitCounts() -> [[(value: Int, count: Int)]] {
        cells.map { row in
            var counts: [Int: Int] = [:]
            for case let v? in row { counts[v, default: 0] += 1 }
            return counts.keys.sorted().map { ($0, counts[$0]!) }
        }
    }

    /// The same table restricted to some units (in the order given; a unit may repeat).
    public func units(_ indices: [Int]) -> ReliabilityTable {
        ReliabilityTable(units: indices.map { units[$0] }, coders: coders, cells: indices.map { cells[$0] }, values: values, numbers: numbers)
    }
}

extension ReliabilityTable {
    /// `s` without the spaces, tabs and no-break spaces around it (this module does without Foundation).
    static func trimmed(_ s: String) -> String {
        func blank(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\u{A0}" }
        guard let first = s.firstIndex(where: { !blank($0) }), let last = s.lastIndex(where: { !blank($0) }) else { return "" }
        return String(s[first...last])
    }
}
