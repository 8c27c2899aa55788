import Foundation
import VerbatimModel

/// Small text helpers shared by the readers and the linter.
enum CodebookText {
    /// `s` without white space or newlines at either end.
    static func trimmed(_ s: String) -> String {
        s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `s` in lower case without accents, for comparisons that should not depend on them
    /// ("Peur" and "peur", "évite" and "evite").
    static func folded(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            switch scalar {
            case "œ": out.append(contentsOf: "oe".unicodeScalars)
            case "æ": out.append(contentsOf: "ae".unicodeScalars)
            case "ß": out.append(contentsOf: "ss".unicodeScalars)
            case "ø": out.append("o")
            case "ł": out.append("l")
            case "đ": out.append("d")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// An identifier made from a name: lower case, accents removed, every run of characters other than
    /// ASCII letters and digits replaced by one `-`, no `-` at either end. `"Peur d'Internet !"` gives
    /// `peur-d-internet`. A name with no ASCII letter or digit gives `theme`.
    static func slug(_ name: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in folded(name).unicodeScalars {
            let isASCIIAlnum = (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
            if isASCIIAlnum {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return out.isEmpty ? "theme" : out
    }

    /// `base` if it is not taken, otherwise the first of `base-2`, `base-3`... that is not.
    static func unique(_ base: String, in taken: Set<String>) -> String {
        if !taken.contains(base) { return base }
        var n = 2
        while taken.contains("\(base)-\(n)") { n += 1 }
        return "\(base)-\(n)"
    }

    /// Whether `id` is a valid theme identifier: `[a-z0-9][a-z0-9_-]*`.
    static func isValidIdentifier(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, isLowerAlnum(first) else { return false }
        return id.unicodeScalars.allSatisfy { isLowerAlnum($0) || $0 == "-" || $0 == "_" }
    }

    private static func isLowerAlnum(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "0" && s <= "9")
    }

    /// Whether `color` is written `#RRGGBB` (hexadecimal digits in either case).
    static func isValidColor(_ color: String) -> Bool {
        let scalars = Array(color.unicodeScalars)
        guard scalars.count == 7, scalars[0] == "#" else { return false }
        return scalars.dropFirst().allSatisfy { $0.properties.isASCIIHexDigit }
    }

    /// A list in English: `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String], conjunction: String = "and") -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
        }
    }

    /// The number of edits (insertions, deletions, substitutions, swaps of two neighbours) between two
    /// short strings: the optimal string alignment distance.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }

    /// The known word closest to `word`, when it is close enough to be a likely typo.
    static func suggestion(for word: String, among known: [String]) -> String? {
        let lower = word.lowercased()
        let scored = known.map { ($0, editDistance(lower, $0)) }.filter { $0.1 <= max(1, min(2, $0.0.count / 3)) }
        return scored.min { $0.1 < $1.1 }?.0
    }
}

extension CSVRecords.Record {
    /// Whether every field is empty or white space.
    var isBlank: Bool { fields.allSatisfy { CodebookText.trimmed($0).isEmpty } }
}
