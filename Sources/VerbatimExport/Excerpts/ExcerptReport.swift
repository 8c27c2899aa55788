import VerbatimModel

/// Coded excerpts ("verbatims") grouped by theme, ready to be written in any format.
///
/// The pipeline builds one from a coded study (selection, sampling, pseudonymisation); the writers in
/// this folder (``ExcerptTextWriter``, ``ExcerptMarkdownWriter``, ``ExcerptHTMLWriter``,
/// ``ExcerptCSVWriter``, ``ExcerptJSONWriter``, ``ExcerptDocxBuilder``) only lay it out. All text in a
/// report is already pseudonymised when it was asked to be.
public struct ExcerptReport: Sendable, Equatable {
    /// The report title, such as `Extraits — Les Connectés`.
    public var title: String
    /// ISO 639-1 code of the study's language (`fr`, `en`): labels and headings follow it.
    public var language: String
    /// The codebook's identifier, for the report's subtitle.
    public var codebook: String
    /// Whether names were replaced by pseudonyms.
    public var pseudonymized: Bool
    /// One section per requested theme, in the codebook's tree order.
    public var sections: [ExcerptSection]
    /// Which codings were counted (`all`, `reviewed`, `manual`, `rules`), when it is known.
    public var source: String? = nil

    /// Creates a report.
    public init(title: String, language: String, codebook: String, pseudonymized: Bool, sections: [ExcerptSection]) {
        self.title = title
        self.language = language
        self.codebook = codebook
        self.pseudonymized = pseudonymized
        self.sections = sections
    }

    /// The number of excerpts in all sections.
    public var excerptCount: Int { sections.reduce(0) { $0 + $1.excerpts.count } }

    /// The localised words of the report.
    public var strings: ExcerptStrings { ExcerptStrings(language: language) }
}

/// The excerpts of one theme (its sub-themes included).
public struct ExcerptSection: Sendable, Equatable {
    /// The theme's identifier.
    public var theme: String
    /// The theme's label in the study's language.
    public var label: String
    /// The theme's definition, when the codebook gives one.
    public var definition: String?
    /// How many excerpts matched before sampling (`--max-per-theme`).
    public var total: Int
    /// The excerpts shown, in document order, then position.
    public var excerpts: [Excerpt]

    /// Creates a section.
    public init(theme: String, label: String, definition: String? = nil, total: Int, excerpts: [Excerpt]) {
        self.theme = theme
        self.label = label
        self.definition = definition
        self.total = total
        self.excerpts = excerpts
    }
}

/// One coded unit (a turn, sentence or paragraph) with its highlighted matches and its attribution.
public struct Excerpt: Sendable, Equatable {
    /// The theme of the section the excerpt belongs to.
    public var theme: String
    /// Every theme (the section's theme or its sub-themes) that coded the unit, in tree order.
    public var codes: [String]
    /// The document name.
    public var document: String
    /// The 1-based turn number in the document.
    public var turn: Int
    /// The speaker, as shown (a pseudonym unless real names were asked for).
    public var speaker: String?
    /// The speaker's attributes (the document's, overridden by the speaker's own), as shown.
    public var attributes: Attributes
    /// The unit's text, as shown (pseudonymised unless real names were asked for).
    public var text: String
    /// Highlighted ranges: UTF-8 offsets into `text`, sorted and disjoint.
    public var highlights: [Range<Int>]
    /// The attribution line: participant, group, territory, context, wave — document, turn.
    public var attribution: String
    /// Turns shown before the unit's turn (`--context`).
    public var before: [ExcerptTurn]
    /// Turns shown after the unit's turn (`--context`).
    public var after: [ExcerptTurn]
    /// UTF-8 offset where the unit starts in the transcript's text (the source, before pseudonymisation).
    public var sourceStart: Int
    /// UTF-8 offset where the unit ends in the transcript's text (exclusive).
    public var sourceEnd: Int

    /// Creates an excerpt.
    public init(theme: String, codes: [String], document: String, turn: Int, speaker: String?, attributes: Attributes,
                text: String, highlights: [Range<Int>], attribution: String, before: [ExcerptTurn] = [],
                after: [ExcerptTurn] = [], sourceStart: Int = 0, sourceEnd: Int = 0) {
        self.theme = theme
        self.codes = codes
        self.document = document
        self.turn = turn
        self.speaker = speaker
        self.attributes = attributes
        self.text = text
        self.highlights = highlights
        self.attribution = attribution
        self.before = before
        self.after = after
        self.sourceStart = sourceStart
        self.sourceEnd = sourceEnd
    }

    /// The highlighted words, in order.
    public var matches: [String] { highlights.map { Excerpt.slice(text, $0) } }

    /// The text cut into runs, each highlighted or not, in order; empty runs are left out.
    public var segments: [(text: String, highlighted: Bool)] {
        var out: [(String, Bool)] = []
        var at = 0
        let count = text.utf8.count
        for h in highlights where h.lowerBound >= at && h.upperBound <= count {
            if h.lowerBound > at { out.append((Excerpt.slice(text, at..<h.lowerBound), false)) }
            if !h.isEmpty { out.append((Excerpt.slice(text, h), true)) }
            at = h.upperBound
        }
        if at < count { out.append((Excerpt.slice(text, at..<count), false)) }
        return out
    }

    /// The text of a UTF-8 range of `s`, widened to whole scalars.
    static func slice(_ s: String, _ r: Range<Int>) -> String {
        let utf8 = Array(s.utf8)
        var lo = max(0, min(r.lowerBound, utf8.count)), hi = max(lo, min(r.upperBound, utf8.count))
        while lo > 0 && utf8[lo] & 0xC0 == 0x80 { lo -= 1 }
        while hi < utf8.count && utf8[hi] & 0xC0 == 0x80 { hi += 1 }
        return String(decoding: utf8[lo..<hi], as: UTF8.self)
    }
}

/// A turn shown around an excerpt for context.
public struct ExcerptTurn: Sendable, Equatable {
    /// The 1-based turn number.
    public var turn: Int
    /// The speaker, as shown.
    public var speaker: String?
    /// The turn's text, as shown.
    public var text: String

    /// Creates a context turn.
    public init(turn: Int, speaker: String?, text: String) {
        self.turn = turn
        self.speaker = speaker
        self.text = text
    }
}
