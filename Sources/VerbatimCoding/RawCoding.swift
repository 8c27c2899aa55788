extension Coder {
    /// A coding before its strings are made: what counting needs, cheaply.
    struct RawCoding {
        /// The theme coded, an index into `CompiledCodebook.themes`.
        var theme: Int32
        /// The rule that found it, an index into the rules of the theme it was found for (`recodedFrom`
        /// when it was recoded, `theme` otherwise).
        var rule: Int32
        /// The match's byte range in the text.
        var start: Int
        var end: Int
        /// The unit's byte range in the text.
        var unitStart: Int
        var unitEnd: Int
        /// Set when a negated hit was recoded to `theme` from another theme.
        var recodedFrom: Int32 = -1
        /// For `all` rules whose terms are far apart: where the hits' ranges are in `partsStore`, for the
        /// match text; -1 otherwise. (An index, not an array, so that codings are plain values.)
        var parts: Int32 = -1
        /// The turn's index in its transcript (set once the turn is coded).
        var turn: Int32 = 0
    }
}
