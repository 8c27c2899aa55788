import Foundation
import VerbatimModel
import VerbatimIngest

/// A CSV table as researchers write them: comma or semicolon separated (French spreadsheets use `;`),
/// quoted fields with doubled quotes, UTF-8 with or without BOM (or Windows-1252), any line ends.
public struct CSVTable: Sendable {
    public var header: [String]
    /// Rows with their 1-based line numbers in the file.
    public var rows: [(line: Int, fields: [String])]

    /// Parses `data`; `path` names the file in errors.
    public static func parse(_ data: Data, path: String) throws -> CSVTable {
        let (text, _) = try TextDecoder.decode(data, path: path)
        let firstLine = text.prefix(while: { $0 != "\n" && $0 != "\r\n" && $0 != "\r" })
        let semicolons = firstLine.filter { $0 == ";" }.count
        let commas = firstLine.filter { $0 == "," }.count
        let tabs = firstLine.filter { $0 == "\t" }.count
        let sep: Unicode.Scalar = tabs > max(commas, semicolons) ? "\t" : (semicolons > commas ? ";" : ",")
        var records: [(Int, [String])] = []
        var field = String.UnicodeScalarView()
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var quotedFieldLine = 0
        var it = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endField() { fields.append(String(field).trimmingCharacters(in: .whitespaces)); field = String.UnicodeScalarView() }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            fields = []
        }
        while true {
            let c: Unicode.Scalar
            if let p = pending { c = p; pending = nil } else if let n = it.next() { c = n } else { break }
            if inQuotes {
                if c == "\"" {
                    if let n = it.next() {
                        if n == "\"" { field.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty || String(field).trimmingCharacters(in: .whitespaces).isEmpty:
                field = String.UnicodeScalarView()
                inQuotes = true
                quotedFieldLine = line
            case sep:
                endField()
            case "\r":
                endRecord(); line += 1
                if let n = it.next(), n != "\n" { pending = n }
                recordLine = line
            case "\n":
                endRecord(); line += 1; recordLine = line
            default:
                field.append(c)
            }
        }
        if inQuotes { throw IngestError(path, line: quotedFieldLine, "unterminated quoted field") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        guard let head = records.first else { throw IngestError(path, "empty table (no header row)") }
        let header = head.1.map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [(Int, [String])] = []
        for (ln, f) in records.dropFirst() {
            if f.allSatisfy({ $0.isEmpty }) { continue }
            if f.count > header.count, f[header.count...].contains(where: { !$0.isEmpty }) {
                throw IngestError(path, line: ln, "\(f.count) fields, but the header has \(header.count)")
            }
            rows.append((ln, Array(f.prefix(header.count)) + Array(repeating: "", count: max(0, header.count - f.count))))
        }
        return CSVTable(header: header, rows: rows)
    }

    /// The index of the first column whose folded name is one of `names`.
    public func column(_ names: [String]) -> Int? {
        let wanted = names.map(SpeakerRules.fold)
        return header.firstIndex { wanted.contains(SpeakerRules.fold($0)) }
    }
}
