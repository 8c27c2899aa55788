import VerbatimModel

/// Turns a term as written in a codebook into a `Term`.
///
/// - `re:` at the start makes a regular expression (the pattern is what follows `re:`);
/// - anything else is one or more words, split on white space; a word ending in `*` is a prefix and
///   keeps its `*`.
enum TermParser {
    /// The term for `text`, with the `stem` and `strict` flags it inherits or sets.
    static func term(_ text: String, stem: StemSetting, strict: Bool) -> Term {
        let source = CodebookText.trimmed(text)
        if source.hasPrefix("re:") {
            return Term(kind: .regex(String(source.dropFirst(3))), source: source, strict: strict, stem: stem != .off)
        }
        let words = source.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        return Term(kind: .words(words), source: source, strict: strict, stem: stem != .off, looseStem: stem == .loose)
    }

    /// The term for `text`, stemmed (inflected forms only) or not.
    static func term(_ text: String, stem: Bool, strict: Bool) -> Term {
        term(text, stem: stem ? .on : .off, strict: strict)
    }
}

/// `stem: false` (words as written, folded), `true` (a term word takes its own inflected forms: see
/// `Inflection` in the coder), or `loose` (every word with the term word's stem).
enum StemSetting {
    case off, on, loose
}
