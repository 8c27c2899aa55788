import Foundation
import VerbatimModel

/// A researcher's decision, one line of `codings/<coder>.jsonl` in the study.
///
/// - `manual`: a theme the coder applied by hand to a span of a turn;
/// - `accepted`: the coder confirmed a rules' suggestion (with `theme` set to another theme when the
///   coder recoded it);
/// - `rejected`: the coder refused a rules' suggestion.
///
/// A coding is anchored as the W3C Web Annotation text selectors do it: a position (`start`/`end`,
/// UTF-8 offsets into the transcript's text, the text `verbatim show --format json` prints) and a quote
/// with the text just before and after it, so that it can be found again after the transcript is
/// corrected.
public struct HumanCoding: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case manual, accepted, rejected
    }

    /// `m-…` for a manual coding, `d-…` for a decision on a suggestion.
    public var id: String
    /// The document's name, as `verbatim transcripts` lists it.
    public var document: String
    /// The 1-based turn index when the coding was made.
    public var turn: Int
    /// UTF-8 offsets of the coded span in the transcript's text.
    public var start: Int
    public var end: Int
    /// The coded text exactly, and up to 32 characters before and after it.
    public var quote: String
    public var prefix: String
    public var suffix: String
    /// The theme applied (for an accepted suggestion, the theme it counts as).
    public var theme: String
    public var coder: String
    public var status: Status
    /// When, in UTC, ISO 8601.
    public var time: String
    public var memo: String?
    /// The rules' suggestion decided on (`s-…`), for `accepted` and `rejected`.
    public var suggestion: String?
    /// The suggestion's own theme, when the coder recoded it to `theme`.
    public var suggestedTheme: String?

    enum CodingKeys: String, CodingKey {
        case id, document, turn, start, end, quote, prefix, suffix, theme, coder, status, time, memo, suggestion
        case suggestedTheme = "suggested_theme"
    }

    public init(id: String, document: String, turn: Int, start: Int, end: Int, quote: String, prefix: String, suffix: String,
                theme: String, coder: String, status: Status, time: String, memo: String? = nil, suggestion: String? = nil,
                suggestedTheme: String? = nil) {
        self.id = id
        self.document = document
        self.turn = turn
        self.start = start
        self.end = end
        self.quote = quote
        self.prefix = prefix
        self.suffix = suffix
        self.theme = theme
        self.coder = coder
        self.status = status
        self.time = time
        self.memo = memo
        self.suggestion = suggestion
        self.suggestedTheme = suggestedTheme
    }

    /// The order of a coding file: by document, position, theme, then id, so that two coders' files and
    /// two runs diff line by line.
    public static func fileOrder(_ a: HumanCoding, _ b: HumanCoding) -> Bool {
        (a.document, a.start, a.end, a.theme, a.id) < (b.document, b.start, b.end, b.theme, b.id)
    }

    /// The current time as stored: UTC, ISO 8601, to the second.
    public static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date())
    }

    /// A new random id with `prefix` (`m` or `d`).
    public static func newID(_ prefix: String) -> String {
        var g = SystemRandomNumberGenerator()
        return prefix + "-" + String(format: "%012llx", g.next() & 0xFFFF_FFFF_FFFF)
    }
}

/// The context of a span, as stored with a coding: up to `width` characters before and after it.
public enum QuoteContext {
    public static let width = 32

    /// The quote, prefix and suffix of `text[start..<end]` (UTF-8 offsets).
    public static func of(_ text: String, start: Int, end: Int) -> (quote: String, prefix: String, suffix: String) {
        let u = Array(text.utf8)
        let quote = String(decoding: u[start..<end], as: UTF8.self)
        let before = String(decoding: u[..<start], as: UTF8.self)
        let after = String(decoding: u[end...], as: UTF8.self)
        return (quote, String(before.suffix(width)), String(after.prefix(width)))
    }
}
