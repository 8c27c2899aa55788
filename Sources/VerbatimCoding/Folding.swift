import Foundation

/// Case and accent folding for matching: `Écoute` → `ecoute`, `œuvre` → `oeuvre`, `’` → `'`.
enum Folding {
    /// Lower-cases `s` (Unicode-aware) and normalises apostrophes; accents are kept.
    static func lower(_ s: Substring) -> String {
        var out = s.lowercased()
        if !out.utf8.allSatisfy({ $0 < 0x80 }) { out = out.precomposedStringWithCanonicalMapping }
        if out.contains("’") || out.contains("ʼ") {
            out = String(out.unicodeScalars.map { $0 == "’" || $0 == "ʼ" ? "'" : Character($0) })
        }
        return out
    }

    /// Removes accents and expands ligatures from a lower-case string.
    static func fold(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s }
        var out = String.UnicodeScalarView()
        for u in s.decomposedStringWithCanonicalMappingScalars {
            switch u.value {
            case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F:
                continue  // combining marks
            case 0x0153: out.append("o"); out.append("e")  // œ
            case 0x00E6: out.append("a"); out.append("e")  // æ
            case 0x00DF: out.append("s"); out.append("s")  // ß
            case 0x0142: out.append("l")  // ł
            case 0x00F8: out.append("o")  // ø
            case 0x0111: out.append("d")  // đ
            case 0x0131: out.append("i")  // dotless i
            default: out.append(u)
            }
        }
        return String(out)
    }
}

private extension String {
    /// Scalars of the canonical decomposition (NFD), without Foundation.
    var decomposedStringWithCanonicalMappingScalars: [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for u in unicodeScalars {
            if let d = Folding.decompositions[u.value] {
                out.append(contentsOf: d)
            } else {
                out.append(u)
            }
        }
        return out
    }
}

extension Folding {
    /// Base letters of the precomposed Latin letters (Latin-1 Supplement and Latin Extended-A/B parts),
    /// which cover French and the other Western European languages.
    static let decompositions: [UInt32: [Unicode.Scalar]] = {
        var t: [UInt32: [Unicode.Scalar]] = [:]
        let table: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
            ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöōŏő", "o"),
            ("ŕŗř", "r"), ("śŝşšș", "s"), ("ţťŧț", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"),
            ("źżž", "z"),
        ]
        for (letters, base) in table {
            for ch in letters.unicodeScalars { t[ch.value] = [Unicode.Scalar(base)!] }
        }
        return t
    }()
}
