import Foundation
import VerbatimIngest

/// What `verbatim excerpts` asks for: themes, attribute filters, context and sampling.
public struct ExcerptQuery: Sendable, Equatable {
    /// Theme ids; each includes its sub-themes. Empty means every top-level theme.
    public var themes: [String]
    /// Filters on the speaker's attributes (the document's, overridden by the speaker's own); all
    /// must hold.
    public var filters: [AttributeFilter]
    /// Turns shown before and after the unit's turn.
    public var context: Int
    /// At most this many excerpts per theme, or all when nil.
    public var maxPerTheme: Int?
    /// The attribute whose values sampling balances; nil means the study's `group` attribute when it
    /// has one.
    public var balance: String?
    /// The seed of the sampling's random generator.
    public var seed: UInt64

    /// Creates a query.
    public init(themes: [String] = [], filters: [AttributeFilter] = [], context: Int = 0, maxPerTheme: Int? = nil,
                balance: String? = nil, seed: UInt64 = 1) {
        self.themes = themes
        self.filters = filters
        self.context = context
        self.maxPerTheme = maxPerTheme
        self.balance = balance
        self.seed = seed
    }

    /// The query as command-line options, for messages: `--theme peur --where group=senior`.
    public var summary: String {
        var parts = themes.map { "--theme \($0)" }
        parts += filters.map { "--where \($0.name)=\($0.value)" }
        return parts.isEmpty ? "the codebook's themes" : parts.joined(separator: " ")
    }
}

/// `NAME=VALUE`: the attribute NAME has the value VALUE, compared ignoring case and accents.
public struct AttributeFilter: Sendable, Equatable {
    /// The attribute's name.
    public var name: String
    /// The value it must have.
    public var value: String

    /// A filter on attribute `name`.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Parses `NAME=VALUE` (spaces around the sign are ignored).
    public init(parsing text: String) throws {
        guard let eq = text.firstIndex(of: "=") else { throw ExcerptError.badFilter(text) }
        let name = text[..<eq].trimmingCharacters(in: .whitespaces)
        let value = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw ExcerptError.badFilter(text) }
        self.init(name: name, value: value)
    }

    /// Whether `value` (of the same attribute) matches, ignoring case and accents.
    public func matches(_ value: String?) -> Bool {
        guard let value else { return false }
        return SpeakerRules.fold(value.trimmingCharacters(in: .whitespaces)) == SpeakerRules.fold(self.value)
    }
}
