import Foundation
import VerbatimAnalysis
import VerbatimExport

/// How the analysis writers print numbers, shared by every format so that they agree.
public enum AnalysisFormat {
    /// The label of the total column or row in machine-readable output.
    public static let totalValue = "(all)"

    /// A whole percentage for tables: `64%` (halves round away from zero).
    public static func percent(_ p: Double) -> String { "\(Int(p.rounded()))%" }

    /// `9/14 (64%)`.
    public static func fraction(_ n: Int, _ base: Int) -> String {
        base > 0 ? "\(n)/\(base) (\(percent(100 * Double(n) / Double(base))))" : "\(n)/0"
    }

    /// A p-value for tables: `0.003`, `<0.001`, `1.000`; `—` when not a number.
    public static func pValue(_ p: Double) -> String {
        guard p.isFinite else { return "—" }
        if p < 0.001 { return "<0.001" }
        return String(format: "%.3f", p)
    }

    /// Two decimals (`0.43`), `—` when not a number (Cramér's V without a test).
    public static func decimal2(_ x: Double) -> String { x.isFinite ? String(format: "%.2f", x) : "—" }

    /// A percentage rounded to one decimal, as csv and json give it (nil stays nil).
    public static func rounded(_ p: Double?) -> Double? { p.map { ($0 * 10).rounded() / 10 } }

    /// A number as csv writes it: the same digits as json (`64`, `64.3`, `0.0123`), empty for nil or nan.
    public static func csvNumber(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
        return String(x)
    }

    /// A number as json writes it: null for nil or nan.
    public static func jsonNumber(_ x: Double?) -> JSONValue {
        guard let x, x.isFinite else { return .null }
        return .double(x)
    }

    /// A short name of a test for tables: `chi²`, `Fisher`, `Freeman–Halton`, `—`.
    public static func shortName(_ kind: AssociationTestKind) -> String {
        switch kind {
        case .chiSquare: return "chi²"
        case .fisherExact: return "Fisher"
        case .freemanHalton: return "Freeman–Halton"
        case .none: return "—"
        }
    }

    /// The test's machine name in csv and json: `chi-square`, `fisher-exact`, `freeman-halton`, `none`.
    public static func machineName(_ kind: AssociationTestKind) -> String {
        switch kind {
        case .chiSquare: return "chi-square"
        case .fisherExact: return "fisher-exact"
        case .freemanHalton: return "freeman-halton"
        case .none: return "none"
        }
    }

    /// The attributes as a title: `group`, `context × wave`.
    public static func attributesTitle(_ attributes: [String]) -> String { attributes.joined(separator: " × ") }

    /// `text` broken between words into lines of at most `width` characters (a longer word keeps its line).
    public static func wrap(_ text: String, width: Int = 100) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = String(word)
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }

    /// `sg` or `pl` by `n`.
    static func plural(_ n: Int, _ sg: String, _ pl: String) -> String { n == 1 ? sg : pl }

    /// The info fields that open a json report.
    static func infoFields(_ info: AnalysisInfo?) -> [(String, JSONValue)] {
        guard let info else { return [] }
        return [("study", .string(info.study)), ("codebook", .string(info.codebook)), ("unit", .string(info.unit)),
                ("documents", .int(info.documents)), ("source", .string(info.source.rawValue))]
            + (info.filters.isEmpty ? [] : [("where", .array(info.filters.map { .string($0) }))])
            + (info.notCoded.isEmpty ? [] : [("not_coded", .array(info.notCoded.map { .string($0) }))])
    }
}

/// How the text writers style their output: bold headers, dim notes and coloured verdicts on a
/// terminal, plain elsewhere. Front ends supply the styling; the writers only say what each piece is.
public struct TextStyle: Sendable {
    /// Applied to table headers, titles and names.
    public var strong: @Sendable (String) -> String
    /// Applied to notes under a table and to secondary details.
    public var note: @Sendable (String) -> String
    /// A good verdict ("no errors", "coded").
    public var good: @Sendable (String) -> String
    /// A bad verdict ("2 errors", "FAIL").
    public var bad: @Sendable (String) -> String
    /// A caution ("dropped").
    public var caution: @Sendable (String) -> String
    /// A name set apart from the others (interviewers in a transcript).
    public var accent: @Sendable (String) -> String

    public init(strong: @escaping @Sendable (String) -> String, note: @escaping @Sendable (String) -> String,
                good: @escaping @Sendable (String) -> String = { $0 }, bad: @escaping @Sendable (String) -> String = { $0 },
                caution: @escaping @Sendable (String) -> String = { $0 }, accent: @escaping @Sendable (String) -> String = { $0 }) {
        self.strong = strong
        self.note = note
        self.good = good
        self.bad = bad
        self.caution = caution
        self.accent = accent
    }

    /// No styling.
    public static let plain = TextStyle(strong: { $0 }, note: { $0 })
}
