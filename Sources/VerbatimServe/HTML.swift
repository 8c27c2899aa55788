import Foundation

/// A piece of HTML that is safe to send: every page of the workbench is built from these.
///
/// String literals written in the source are markup; every value interpolated into one is escaped
/// (``HTML/escape(_:)``) unless it is itself `HTML`. Transcript text, speakers, attributes, theme
/// labels, definitions, memos and coder names therefore cannot open a tag or leave an attribute:
///
/// ```swift
/// let row: HTML = "<td title=\"\(theme.definition ?? "")\">\(theme.label)</td>"
/// ```
public struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup.
    public private(set) var rendered: String

    /// Markup taken as it is (for the templates' own literals only).
    public init(raw: String) { rendered = raw }

    public init(stringLiteral value: String) { rendered = value }

    public init(stringInterpolation: StringInterpolation) { rendered = stringInterpolation.out }

    public var description: String { rendered }

    /// Nothing.
    public static let empty = HTML(raw: "")

    /// Pieces of markup one after the other.
    public static func join<S: Sequence>(_ parts: S, separator: HTML = .empty) -> HTML where S.Element == HTML {
        HTML(raw: parts.map(\.rendered).joined(separator: separator.rendered))
    }

    public static func + (a: HTML, b: HTML) -> HTML { HTML(raw: a.rendered + b.rendered) }
    public static func += (a: inout HTML, b: HTML) { a.rendered += b.rendered }

    /// Text as HTML text or as the value of a quoted attribute: `&`, `<`, `>`, `"` and `'` become
    /// character references. The one escaping function of the workbench.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// A path segment percent-encoded for a URL (then escaped as text by the interpolation).
    public static func pathSegment(_ s: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#;%")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A query value percent-encoded for a URL.
    public static func queryValue(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var out = ""

        public init(literalCapacity: Int, interpolationCount: Int) { out.reserveCapacity(literalCapacity * 2) }

        public mutating func appendLiteral(_ literal: String) { out += literal }

        /// Text: escaped.
        public mutating func appendInterpolation(_ text: String) { out += HTML.escape(text) }

        /// Optional text: escaped, nothing when nil.
        public mutating func appendInterpolation(_ text: String?) { if let text { out += HTML.escape(text) } }

        public mutating func appendInterpolation(_ text: Substring) { out += HTML.escape(String(text)) }

        public mutating func appendInterpolation(_ n: Int) { out += String(n) }

        /// Markup: as it is.
        public mutating func appendInterpolation(_ html: HTML) { out += html.rendered }

        public mutating func appendInterpolation(_ html: HTML?) { if let html { out += html.rendered } }

        /// Pieces of markup one after the other.
        public mutating func appendInterpolation(_ parts: [HTML]) { for p in parts { out += p.rendered } }

        /// A path segment of a URL: percent-encoded, then escaped.
        public mutating func appendInterpolation(path segment: String) { out += HTML.escape(HTML.pathSegment(segment)) }

        /// A query value of a URL: percent-encoded, then escaped.
        public mutating func appendInterpolation(query value: String) { out += HTML.escape(HTML.queryValue(value)) }
    }
}
