/// The one CSV reader of verbatim: attribute tables (`cases.csv`, `participants.csv`, `names.csv`) and
/// CSV codebooks are split into records by it, so that they agree on every file.
///
/// It handles quoted fields (with doubled quotes and line breaks inside), CRLF, LF or CR line ends, a
/// UTF-8 byte order mark, and a comma, semicolon or tab separator: the one most frequent in the first
/// record outside quotes (French spreadsheets write `;`), a comma when there is none. A quote opens a
/// quoted field only at the field's start (spaces before it are dropped); elsewhere it is a character.
/// Fields are returned as written, untrimmed; blank lines are records of one empty field.
public struct CSVRecords: Sendable {
    /// One record: its fields and the 1-based line where it starts.
    public struct Record: Sendable {
        public var fields: [String]
        public var line: Int
    }

    /// A quoted field that never ends, opened at `line`.
    public struct UnterminatedQuote: Error, Sendable {
        public var line: Int
    }

    public var records: [Record]
    /// The separator found.
    public var separator: Unicode.Scalar

    /// Splits `text` into records.
    /// - Throws: ``UnterminatedQuote`` when a quote is never closed.
    public init(_ text: String) throws {
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
            case "\"" where !fieldWasQuoted && field.allSatisfy({ $0 == " " || $0 == "\t" }):
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

    /// The most frequent of `,`, `;` and tab in the first record, outside quotes (a comma on a tie).
    static func guessSeparator(_ scalars: [Unicode.Scalar]) -> Unicode.Scalar {
        var comma = 0, semicolon = 0, tab = 0
        var inQuotes = false
        for c in scalars {
            if c == "\"" { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if c == "\n" || c == "\r" {
                if comma + semicolon + tab > 0 { break }
                continue
            }
            if c == "," { comma += 1 } else if c == ";" { semicolon += 1 } else if c == "\t" { tab += 1 }
        }
        if tab > max(comma, semicolon) { return "\t" }
        return semicolon > comma ? ";" : ","
    }
}
