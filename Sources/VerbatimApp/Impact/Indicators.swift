import Foundation
import VerbatimModel
import VerbatimStudy

/// A questionnaire figure carried beside the interviews: `indicators.csv` in the study folder, one row an
/// indicator with the columns `outcome` (an outcome id of the theory of change), `group`, `horizon`
/// (short, long, both or empty), `value` (a percentage: `91` or `91%`), `n` (respondents) and `source`
/// (where it was published), and optionally `label`.
public struct Indicator: Sendable, Equatable {
    public var outcome: String
    public var group: String?
    public var horizon: TheoryOfChange.Expected?
    /// The percentage, 0 to 100.
    public var value: Double
    /// The respondents it is a percentage of.
    public var n: Int?
    public var source: String
    public var label: String?
    /// 1-based line in the file.
    public var line: Int

    /// `69% (n = 1 108)`, or `69% (n not given)`.
    public var shown: String {
        let v = value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
        return "\(v)% " + (n.map { "(n = \($0))" } ?? "(n not given)")
    }
}

/// Reads `indicators.csv`.
public enum IndicatorTable {
    public static let fileName = "indicators.csv"

    /// The indicators of the study folder `root` (none when it has no `indicators.csv`).
    /// - Throws: a located ``Diagnostic`` for a missing column, a bad value or an unknown outcome.
    public static func read(root: URL?, theory: TheoryOfChange?) throws -> [Indicator] {
        guard let root else { return [] }
        let url = root.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw Diagnostic.error(fileName, "cannot read the file: \(SystemErrorText.reason(error))")
        }
        return try parse(data, path: fileName, theory: theory)
    }

    public static func parse(_ data: Data, path: String, theory: TheoryOfChange?) throws -> [Indicator] {
        let table: CSVTable
        do { table = try CSVTable.parse(data, path: path) } catch let e as DiagnosticConvertible { throw e.diagnostic }
        func col(_ name: String, required: Bool = true) throws -> Int? {
            let c = table.column([name])
            if c == nil && required {
                throw Diagnostic.error(path, line: 1, "no '\(name)' column (expected outcome, group, horizon, value, n, source)")
            }
            return c
        }
        let outcome = try col("outcome")!, value = try col("value")!, source = try col("source")!
        let group = try col("group", required: false), horizon = try col("horizon", required: false)
        let nCol = try col("n", required: false), label = try col("label", required: false)
        guard let theory else {
            throw Diagnostic.error(path, "the codebook has no 'theory_of_change:' section: indicators name its outcomes")
        }
        var out: [Indicator] = []
        for (line, f) in table.rows {
            let id = f[outcome]
            guard let element = theory.element(id) else {
                let known = theory.elements.map(\.id).joined(separator: ", ")
                throw Diagnostic.error(path, line: line, "unknown outcome '\(id)' (outcomes: \(known))")
            }
            let raw = f[value].replacingOccurrences(of: "%", with: "").replacingOccurrences(of: ",", with: ".")
                .trimmingCharacters(in: .whitespaces)
            guard let v = Double(raw), (0...100).contains(v) else {
                throw Diagnostic.error(path, line: line, "value '\(f[value])' is not a percentage from 0 to 100")
            }
            var n: Int?
            if let nCol, !f[nCol].isEmpty {
                guard let k = Int(f[nCol].replacingOccurrences(of: " ", with: "")), k > 0 else {
                    throw Diagnostic.error(path, line: line, "n '\(f[nCol])' is not a whole number of respondents")
                }
                n = k
            }
            var h: TheoryOfChange.Expected?
            if let horizon, !f[horizon].isEmpty {
                guard let x = TheoryOfChange.Expected(rawValue: f[horizon]) else {
                    throw Diagnostic.error(path, line: line, "horizon '\(f[horizon])' must be short, long, both or empty")
                }
                h = x
            }
            let g = group.flatMap { f[$0].isEmpty ? nil : f[$0] } ?? element.group
            guard !f[source].isEmpty else {
                throw Diagnostic.error(path, line: line, "an indicator needs its 'source' (where the figure was published)")
            }
            out.append(Indicator(outcome: id, group: g, horizon: h, value: v, n: n, source: f[source],
                                 label: label.flatMap { f[$0].isEmpty ? nil : f[$0] }, line: line))
        }
        return out
    }
}
