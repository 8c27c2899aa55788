/// Writes RFC 4180 CSV: fields quoted when they hold a comma, a quote or a line break; CRLF-free
/// (`\n` line ends), which every spreadsheet reads.
public struct CSVWriter {
    public private(set) var text = ""

    public init(header: [String]) { row(header) }

    public mutating func row(_ fields: [String]) {
        text += fields.map(CSVWriter.quote).joined(separator: ",") + "\n"
    }

    public static func quote(_ s: String) -> String {
        // A leading = + - @ would be run as a formula by spreadsheets: prefix a quote mark.
        var v = s
        if let f = v.first, "=+-@".contains(f), !(v.count > 1 && v.dropFirst().allSatisfy { $0.isNumber || $0 == "." }) {
            v = "'" + v
        }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }
}
