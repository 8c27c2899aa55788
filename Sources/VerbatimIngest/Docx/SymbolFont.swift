/// The characters of `w:sym` elements: a font name and a character code, often in the private-use
/// range F000-F0FF that symbol fonts use for their glyphs.
enum SymbolFont {
    /// The Unicode character shown for code `code` in font `font`, or nil when it has none that is
    /// text: the Symbol font through its standard (Adobe) encoding; pictograph fonts (Wingdings,
    /// Webdings, Zapf Dingbats...) not at all, since their letters are pictures; other fonts
    /// by their code, less F000 when it is in the private-use range and lands on printable ASCII or
    /// Latin-1.
    static func scalar(font: String?, code: UInt32) -> Unicode.Scalar? {
        let name = (font ?? "").lowercased()
        let low: UInt32? = code <= 0xFF ? code : (code >= 0xF000 && code <= 0xF0FF ? code - 0xF000 : nil)
        if name == "symbol", let low {
            let mapped = adobeSymbol(low)
            return mapped == 0 ? nil : Unicode.Scalar(mapped)
        }
        if name.hasPrefix("wingdings") || name.hasPrefix("webdings") || name.contains("dingbats") || name == "marlett" {
            return nil
        }
        if code >= 0xF000 && code <= 0xF0FF {
            let c = code - 0xF000
            return (c >= 0x20 && c < 0x7F) || (c >= 0xA0 && c <= 0xFF) ? Unicode.Scalar(c) : nil
        }
        if code >= 0xE000 && code <= 0xF8FF { return nil }
        if code < 0x20 || (code >= 0x7F && code < 0xA0) { return nil }
        return Unicode.Scalar(code)
    }

    /// The Adobe Symbol encoding: Greek letters, mathematical signs and arrows. Zero where the glyph is
    /// a piece of a large bracket or has no character.
    static func adobeSymbol(_ c: UInt32) -> UInt32 {
        switch c {
        case 0x20, 0x21, 0x23, 0x25, 0x26, 0x28, 0x29, 0x2B, 0x2C, 0x2E, 0x2F, 0x30...0x3F, 0x5B, 0x5D, 0x5F,
             0x7B, 0x7C, 0x7D:
            return c
        case 0x22: return 0x2200
        case 0x24: return 0x2203
        case 0x27: return 0x220B
        case 0x2A: return 0x2217
        case 0x2D: return 0x2212
        case 0x40: return 0x2245
        case 0x41...0x5A:
            // Capitals A-Z in the Symbol order (A B Χ Δ Ε Φ Γ Η Ι ϑ Κ Λ Μ Ν Ο Π Θ Ρ Σ Τ Υ ς Ω Ξ Ψ Ζ).
            let upper: [UInt32] = [0x391, 0x392, 0x3A7, 0x394, 0x395, 0x3A6, 0x393, 0x397, 0x399, 0x3D1, 0x39A,
                                   0x39B, 0x39C, 0x39D, 0x39F, 0x3A0, 0x398, 0x3A1, 0x3A3, 0x3A4, 0x3A5, 0x3C2,
                                   0x3A9, 0x39E, 0x3A8, 0x396]
            return upper[Int(c - 0x41)]
        case 0x5C: return 0x2234
        case 0x5E: return 0x22A5
        case 0x61...0x7A:
            let lower: [UInt32] = [0x3B1, 0x3B2, 0x3C7, 0x3B4, 0x3B5, 0x3C6, 0x3B3, 0x3B7, 0x3B9, 0x3D5, 0x3BA,
                                   0x3BB, 0x3BC, 0x3BD, 0x3BF, 0x3C0, 0x3B8, 0x3C1, 0x3C3, 0x3C4, 0x3C5, 0x3D6,
                                   0x3C9, 0x3BE, 0x3C8, 0x3B6]
            return lower[Int(c - 0x61)]
        case 0x7E: return 0x223C
        case 0xA0: return 0x20AC
        case 0xA1...0xDF:
            let table: [UInt32] = [
                0x3D2, 0x2032, 0x2264, 0x2044, 0x221E, 0x192, 0x2663, 0x2666, 0x2665, 0x2660, 0x2194, 0x2190,
                0x2191, 0x2192, 0x2193, // A1-AF
                0xB0, 0xB1, 0x2033, 0x2265, 0xD7, 0x221D, 0x2202, 0x2022, 0xF7, 0x2260, 0x2261, 0x2248, 0x2026,
                0, 0, 0x21B5, // B0-BF
                0x2135, 0x2111, 0x211C, 0x2118, 0x2297, 0x2295, 0x2205, 0x2229, 0x222A, 0x2283, 0x2287, 0x2284,
                0x2282, 0x2286, 0x2208, 0x2209, // C0-CF
                0x2220, 0x2207, 0xAE, 0xA9, 0x2122, 0x220F, 0x221A, 0x22C5, 0xAC, 0x2227, 0x2228, 0x21D4, 0x21D0,
                0x21D1, 0x21D2, 0x21D3, // D0-DF
            ]
            return table[Int(c - 0xA1)]
        case 0xE0: return 0x25CA
        case 0xE1: return 0x2329
        case 0xE2: return 0xAE
        case 0xE3: return 0xA9
        case 0xE4: return 0x2122
        case 0xE5: return 0x2211
        case 0xF1: return 0x232A
        case 0xF2: return 0x222B
        case 0xF3: return 0x2320
        case 0xF5: return 0x2321
        default: return 0
        }
    }
}
