/// Writes RFC 4180 CSV: fields quoted when they hold a comma, a quote or a line break; `\n` line ends,
/// which every spreadsheet reads. A field that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`
/// first) is prefixed with a quote mark, unless it is a plain number.
public struct CSVWriter {
    public private(set) var text = ""

    public init(header: [String]) {
        if !header.isEmpty { row(header) }
    }

    public mutating func row(_ fields: [String]) {
        var first = true
        for f in fields {
            if !first { text.append(",") }
            first = false
            CSVWriter.append(f, to: &text)
        }
        text.append("\n")
    }

    public static func quote(_ s: String) -> String {
        var out = ""
        append(s, to: &out)
        return out
    }

    /// Appends `s` as one CSV field, scanning its UTF-8 bytes once.
    static func append(_ s: String, to out: inout String) {
        var needsQuotes = false
        var hasQuote = false
        for b in s.utf8 {
            if b == 0x2C || b == 0x0A || b == 0x0D { needsQuotes = true } else if b == 0x22 { needsQuotes = true; hasQuote = true }
        }
        var formula = false
        if let f = s.utf8.first, f == 0x3D || f == 0x2B || f == 0x2D || f == 0x40 {
            let rest = s.utf8.dropFirst()
            formula = !(rest.count > 0 && rest.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E })
        }
        if needsQuotes { out.append("\"") }
        if formula { out.append("'") }
        if hasQuote { out.append(s.replacingOccurrences(of: "\"", with: "\"\"")) } else { out.append(s) }
        if needsQuotes { out.append("\"") }
    }
}
