import Foundation
import VerbatimAnalysis
import VerbatimExport

extension Cooccurrence {
    /// The names of the columns of ``csv()`` and of the records of ``json(info:)``.
    public static let recordFields = ["theme", "label", "with", "with_label", "both", "theme_n", "with_n", "jaccard"]

    private func jaccard(_ p: Pair) -> Double { (p.jaccard * 1000).rounded() / 1000 }

    /// Tidy CSV: one row per pair, columns ``recordFields``; the Jaccard index to three decimals.
    public func csv() -> String {
        var w = CSVWriter(header: Cooccurrence.recordFields)
        for p in pairs {
            w.row([p.first.id, p.first.label, p.second.id, p.second.label, String(p.both), String(p.firstCount),
                   String(p.secondCount), AnalysisFormat.csvNumber(jaccard(p))])
        }
        return w.text
    }

    /// JSON: the level, the number of units (or documents), each theme's count, and the pairs.
    public func json(info: AnalysisInfo? = nil) -> JSONValue {
        .object(AnalysisFormat.infoFields(info) + [
            ("level", .string(level.rawValue)), ("total", .int(total)),
            ("themes", .array(counts.map { .object([("theme", .string($0.theme.id)), ("label", .string($0.theme.label)),
                                                    ("n", .int($0.count))]) })),
            ("pairs", .array(pairs.map { p in
                .object([("theme", .string(p.first.id)), ("label", .string(p.first.label)), ("with", .string(p.second.id)),
                         ("with_label", .string(p.second.label)), ("both", .int(p.both)), ("theme_n", .int(p.firstCount)),
                         ("with_n", .int(p.secondCount)), ("jaccard", .double(jaccard(p)))])
            })),
        ])
    }

    private func what(_ info: AnalysisInfo?) -> String {
        level == .unit ? "coded unit" + (info.map { " (\($0.unit))" } ?? "") : "document"
    }

    /// The notes under the table.
    public func notes(info: AnalysisInfo?) -> [String] {
        var out = ["\(total) \(level == .unit ? "coded units" : "documents with a coding") considered; a parent theme counts a unit of its sub-themes, and pairs of a theme with its own parent are left out. Jaccard = both / (theme + with − both)."]
        if let info {
            out.append(info.provenanceNote)
        }
        return out
    }

    private var title: String {
        level == .unit ? "Themes coded in the same unit" : "Themes coded in the same document"
    }

    /// An aligned terminal table of the pairs, the most frequent first, and the notes.
    public func text(info: AnalysisInfo? = nil, style: TextStyle = .plain, maxWidth: Int = 40) -> String {
        var t = Table(header: ["theme", "with", "both", "theme n", "with n", "Jaccard"],
                          alignments: [.left, .left, .right, .right, .right, .right])
        for p in pairs {
            t.add([p.first.label, p.second.label, String(p.both), String(p.firstCount), String(p.secondCount),
                   String(format: "%.2f", p.jaccard)])
        }
        var out = style.strong(title + (level == .unit ? info.map { " (\($0.unit))" } ?? "" : "")) + "\n"
        out += pairs.isEmpty ? "No two themes are coded in the same \(what(info)).\n" : t.text(headerStyle: style.strong, maxWidth: maxWidth)
        out += "\n"
        for n in notes(info: info) { out += style.note(AnalysisFormat.wrap(n)) + "\n" }
        return out
    }

    /// Markdown: a heading, the table of pairs and the notes.
    public func markdown(info: AnalysisInfo? = nil) -> String {
        var t = Table(header: ["Theme", "With", "Both", "Theme n", "With n", "Jaccard"],
                              alignments: [.left, .left, .right, .right, .right, .right])
        for p in pairs {
            t.add([p.first.label + " (`\(p.first.id)`)", p.second.label + " (`\(p.second.id)`)", String(p.both),
                   String(p.firstCount), String(p.secondCount), String(format: "%.2f", p.jaccard)])
        }
        var out = "### \(title)\n\n" + (pairs.isEmpty ? "No two themes are coded in the same \(what(info)).\n" : t.markdown()) + "\n"
        out += notes(info: info).joined(separator: "\n\n") + "\n"
        return out
    }
}
