import Foundation
import VerbatimModel
import VerbatimIngest

/// A CSV table as researchers write them: comma or semicolon separated (French spreadsheets use `;`),
/// quoted fields with doubled quotes, UTF-8 with or without BOM (or Windows-1252), any line ends.
public struct CSVTable: Sendable {
    public var header: [String]
    /// Rows with their 1-based line numbers in the file.
    public var rows: [(line: Int, fields: [String])]

    /// Parses `data`; `path` names the file in errors. Fields are trimmed; blank lines are skipped.
    public static func parse(_ data: Data, path: String) throws -> CSVTable {
        // A workbook saved under a .csv name: say what it is.
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            throw IngestError(path, "a zip file (an Excel .xlsx or OpenDocument workbook?), not a text table: save it from the spreadsheet as CSV (UTF-8)")
        }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw IngestError(path, "an Excel 97-2003 workbook (.xls), not a text table: save it from the spreadsheet as CSV (UTF-8)")
        }
        let (text, _) = try TextDecoder.decode(data, path: path,
                                               notText: "a text table: save it from the spreadsheet as CSV (UTF-8)")
        let split: CSVRecords
        do { split = try CSVRecords(text) } catch let e as CSVRecords.UnterminatedQuote {
            throw IngestError(path, line: e.line, "unterminated quoted field")
        }
        let records = split.records
            .map { (line: $0.line, fields: $0.fields.map { $0.trimmingCharacters(in: .whitespaces) }) }
            .filter { !($0.fields.count == 1 && $0.fields[0].isEmpty) }
        guard let head = records.first else { throw IngestError(path, "empty table (no header row)") }
        let header = head.fields
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
