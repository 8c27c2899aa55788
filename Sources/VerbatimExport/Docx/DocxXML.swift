/// XML text helpers for the DOCX writer: escaping and removal of the characters XML 1.0 forbids.
enum DocxXML {
    /// The XML declaration every part starts with (ECMA-376 Part 2 requires UTF-8 or UTF-16).
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    /// Whether `scalar` may appear in an XML 1.0 document (production [2] `Char`): tab, line feed,
    /// carriage return, and everything from U+0020 except U+FFFE and U+FFFF. Swift strings never hold
    /// lone surrogates, so the surrogate block needs no check.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x00..<0x20: return false
        case 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }

    /// `text` with forbidden characters removed and `&`, `<` and `>` escaped, for element content.
    static func text(_ text: String) -> String {
        escape(text, quotes: false)
    }

    /// `text` with forbidden characters removed and `&`, `<`, `>`, `"` and `'` escaped, for an
    /// attribute value written between double quotes.
    static func attribute(_ text: String) -> String {
        escape(text, quotes: true)
    }

    private static func escape(_ text: String, quotes: Bool) -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"" where quotes: out.append(contentsOf: "&quot;".unicodeScalars)
            case "'" where quotes: out.append(contentsOf: "&apos;".unicodeScalars)
            // In attributes, white space other than a space is normalised by parsers: keep it.
            case "\t" where quotes: out.append(contentsOf: "&#9;".unicodeScalars)
            case "\n" where quotes: out.append(contentsOf: "&#10;".unicodeScalars)
            case "\r": out.append(contentsOf: "&#13;".unicodeScalars)
            default:
                if isAllowed(scalar) { out.append(scalar) }
            }
        }
        return String(out)
    }
}
