import VerbatimModel

/// The codebook's colours as a style sheet (`/static/themes.css`): one class per theme, so that pages
/// need no inline style (the Content-Security-Policy forbids it).
enum ThemeStyles {
    /// A theme's class: `th-` and its id, with any character a class name cannot hold as `_`.
    static func className(_ id: String) -> String {
        "th-" + String(id.unicodeScalars.map { u -> Character in
            (u.properties.isAlphabetic && u.isASCII) || ("0"..."9").contains(u) || u == "-" || u == "_" ? Character(u) : "_"
        })
    }

    /// Colours for themes the codebook gives none, by the order of the theme.
    static let fallback = ["#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC"]

    /// `#RGB` or `#RRGGBB`, else nil.
    static func validColor(_ s: String?) -> String? {
        guard let s, s.hasPrefix("#"), [4, 7].contains(s.count),
              s.dropFirst().allSatisfy({ $0.isHexDigit }) else { return nil }
        return s
    }

    /// The colour of every theme: its own, else its parent's, else one of ``fallback``.
    static func colors(_ book: Codebook) -> [(id: String, color: String)] {
        var out: [(String, String)] = []
        var n = 0
        func walk(_ ts: [Theme], inherited: String?) {
            for t in ts {
                let c = validColor(t.color) ?? inherited ?? fallback[n % fallback.count]
                n += 1
                out.append((t.id, c))
                walk(t.children, inherited: c)
            }
        }
        walk(book.themes, inherited: nil)
        return out
    }

    static func css(_ book: Codebook?) -> String {
        guard let book else { return "/* no codebook */\n" }
        return colors(book).map { ".\(className($0.id)){--c:\($0.color)}" }.joined(separator: "\n") + "\n"
    }
}
