import Foundation

/// A CSV file split into records and fields.
///
/// Handles quoted fields (with doubled quotes and line breaks inside), CRLF, LF or CR line ends, a
/// UTF-8 byte order mark, and a comma, semicolon or tab separator (the one most frequent in the first
/// record outside quotes; a comma when there is none).
struct CSVTable {
    /// One record: its fields and the 1-based line where it starts.
    struct Record {
        var fields: [String]
        var line: Int

        /// Whether every field is empty or white space.
        var isBlank: Bool { fields.allSatisfy { CodebookText.trimmed($0).isEmpty } }
    }

    /// A quoted field that never ends.
    struct UnterminatedQuote: Error {
        var line: Int
    }

    var records: [Record]
    var separator: Unicode.Scalar

    /// Splits `text` into records. Throws `UnterminatedQuote` when a quote is never closed.
    init(_ text: String) throws {
        let scalars = Array(text.unicodeScalars.drop(while: { $0 == "\u{FEFF}" }))
        separator = Self.guessSeparator(scalars)
        records = []

        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var fieldWasQuoted = false
        var quoteLine = 1
        var line = 1
        var recordLine = 1
        var i = 0
        let n = scalars.count

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            fieldWasQuoted = false
        }

        while i < n {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < n && scalars[i + 1] == "\"" {
                        field.append("\"")
                        i += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if c == "\n" || (c == "\r" && !(i + 1 < n && scalars[i + 1] == "\n")) { line += 1 }
                    field.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case "\"" where !fieldWasQuoted && CodebookText.trimmed(String(field)).isEmpty:
                // A quote opens a quoted field only at its start (spaces before it are dropped);
                // elsewhere it is kept as a character.
                field = String.UnicodeScalarView()
                inQuotes = true
                fieldWasQuoted = true
                quoteLine = line
            case separator:
                endField()
            case "\r", "\n":
                if c == "\r" && i + 1 < n && scalars[i + 1] == "\n" { i += 1 }
                endField()
                records.append(Record(fields: fields, line: recordLine))
                fields = []
                line += 1
                recordLine = line
            default:
                field.append(c)
            }
            i += 1
        }
        if inQuotes { throw UnterminatedQuote(line: quoteLine) }
        if !field.isEmpty || !fields.isEmpty {
            endField()
            records.append(Record(fields: fields, line: recordLine))
        }
    }

    /// The most frequent of `,`, `;` and tab in the first record, outside quotes.
    private static func guessSeparator(_ scalars: [Unicode.Scalar]) -> Unicode.Scalar {
        var counts: [Unicode.Scalar: Int] = [",": 0, ";": 0, "\t": 0]
        var inQuotes = false
        for c in scalars {
            if c == "\"" { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if c == "\n" || c == "\r" {
                if counts.values.contains(where: { $0 > 0 }) { break }
                continue
            }
            if counts[c] != nil { counts[c]! += 1 }
        }
        let order: [Unicode.Scalar] = [",", ";", "\t"]
        return order.max { counts[$0]! < counts[$1]! || (counts[$0]! == counts[$1]! && order.firstIndex(of: $0)! > order.firstIndex(of: $1)!) } ?? ","
    }
}
