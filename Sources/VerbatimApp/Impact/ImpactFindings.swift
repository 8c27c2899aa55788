import Foundation
import VerbatimModel
import VerbatimAnalysis

/// The demo's findings in outcomes: "Reduced apprehension: 9/11 senior at 12 mois, 5 of them crediting
/// the programme; questionnaire: 69% (n not given)".
public enum ImpactFindings {
    /// One line per outcome that has a questionnaire figure, then, per group, the most shared other
    /// outcome at its latest expected horizon. English labels where the theory of change gives them.
    public static func lines(_ coded: CodedStudy, indicators: [Indicator]) throws -> [String] {
        guard coded.codebook.theoryOfChange != nil else { return [] }
        let table: ImpactTable
        do { table = try coded.impact() } catch { return [] }
        func latest(_ row: ImpactTable.Row) -> (TheoryOfChange.Horizon?, ImpactTable.Cell)? {
            let pairs = Array(zip(table.horizons, row.cells)).reversed()
            return pairs.first { $0.1.expected && $0.1.base > 0 } ?? pairs.first { $0.1.base > 0 }
        }
        func line(_ row: ImpactTable.Row) -> String? {
            guard let (h, c) = latest(row) else { return nil }
            let at = h.map { " at " + table.theory.values(of: $0).joined(separator: "/") } ?? ""
            var s = "\(row.element.label(in: "en")): \(c.n)/\(c.base) \(row.element.group ?? "participants")\(at)"
            s += ", \(c.programme) of them crediting the programme"
            if c.other > 0 { s += ", \(c.other) another cause" }
            if c.counter > 0 { s += "; \(c.counter) voice the opposite" }
            let figures = indicators.filter { $0.outcome == row.element.id }
            if !figures.isEmpty { s += "; questionnaire: " + figures.map(\.shown).joined(separator: ", ") }
            return s
        }
        let whole = table.rows.filter { $0.context.isEmpty && $0.element.step == .outcomes }
        let withFigures = whole.filter { r in indicators.contains { $0.outcome == r.element.id } }
        var out = withFigures.compactMap(line)
        for g in table.groups {
            let candidates = whole.filter { $0.element.group == g && !withFigures.map(\.element.id).contains($0.element.id) }
            let best = candidates.max { a, b in
                let x = latest(a)?.1, y = latest(b)?.1
                return (x.map { Double($0.n) / Double(max(1, $0.base)) } ?? 0) < (y.map { Double($0.n) / Double(max(1, $0.base)) } ?? 0)
            }
            if let best, let l = line(best) { out.append(l) }
        }
        return out
    }
}
