/// Colours of a study report: theme colours from the codebook (checked, so that nothing but a colour
/// reaches a style attribute), a fallback palette, and the sequential scale of the heatmaps.
public struct ReportColor: Sendable, Equatable {
    /// Red, green and blue, 0–255.
    public var red: Int
    public var green: Int
    public var blue: Int

    /// A colour from its components, clamped to 0–255.
    public init(red: Int, green: Int, blue: Int) {
        self.red = max(0, min(255, red))
        self.green = max(0, min(255, green))
        self.blue = max(0, min(255, blue))
    }

    /// Parses `#RRGGBB` or `#RGB` (case-insensitive); nil for anything else.
    public init?(hex: String) {
        var s = Substring(hex.trimmingCharacters(in: .whitespaces))
        guard s.first == "#" else { return nil }
        s = s.dropFirst()
        guard s.allSatisfy(\.isHexDigit), s.count == 6 || s.count == 3 else { return nil }
        if s.count == 3 { s = Substring(s.map { "\($0)\($0)" }.joined()) }
        guard let v = Int(s, radix: 16) else { return nil }
        self.init(red: v >> 16 & 0xFF, green: v >> 8 & 0xFF, blue: v & 0xFF)
    }

    /// `#RRGGBB` in upper case.
    public var hex: String {
        let digits = Array("0123456789ABCDEF")
        return "#" + [red, green, blue].map { "\(digits[$0 >> 4])\(digits[$0 & 0xF])" }.joined()
    }

    /// WCAG relative luminance, 0 (black) to 1 (white).
    public var luminance: Double {
        func channel(_ c: Int) -> Double {
            let x = Double(c) / 255
            return x <= 0.03928 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    }

    /// Whether white text reads better than near-black text on this colour.
    public var prefersWhiteText: Bool {
        // Contrast with white (1.05 / (L + 0.05)) against contrast with #222 (L ≈ 0.016).
        (1.05 / (luminance + 0.05)) > ((luminance + 0.05) / 0.066)
    }

    /// The colour mixed with `other`: `t` = 0 gives self, 1 gives other.
    public func mixed(with other: ReportColor, _ t: Double) -> ReportColor {
        let u = max(0, min(1, t))
        func mix(_ a: Int, _ b: Int) -> Int { Int((Double(a) + (Double(b) - Double(a)) * u).rounded()) }
        return ReportColor(red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
    }

    /// Colours given to themes that have none and whose parent has none (Okabe–Ito, colour-blind safe).
    public static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

    /// The theme colour to use: `color` when it is a valid hex colour, else `fallback`, else the palette's
    /// colour for `index`; always `#RRGGBB`.
    public static func themeColor(_ color: String?, fallback: String? = nil, index: Int) -> String {
        if let c = color.flatMap(ReportColor.init(hex:)) { return c.hex }
        if let f = fallback.flatMap(ReportColor.init(hex:)) { return f.hex }
        return palette[index % palette.count]
    }

    /// The stops of the heatmap scale (light to dark blue).
    static let heatStops: [ReportColor] = ["#F7FBFF", "#DEEBF7", "#9ECAE1", "#4292C6", "#08519C", "#08306B"].map { ReportColor(hex: $0)! }

    /// The heatmap colour for a share of 0–100 %.
    public static func heat(_ percent: Double) -> ReportColor {
        let t = max(0, min(1, percent / 100)) * Double(heatStops.count - 1)
        let i = min(Int(t), heatStops.count - 2)
        return heatStops[i].mixed(with: heatStops[i + 1], t - Double(i))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
