extension Coder {
    /// A term found in a unit: which term, the words and bytes it covers, and the negation that reaches it.
    struct Hit {
        /// The term, an index into `CompiledCodebook.terms`.
        var term: Int32
        /// The index, among the unit's words, of the hit's first word.
        var firstToken: Int
        /// The index of the hit's last word (the first one for a one-word term).
        var lastToken: Int
        /// The hit's byte range in the text: `start..<end`.
        var start: Int
        var end: Int
        /// The negating word's byte range, when the hit is in a negated scope.
        var negation: Range<Int>?
    }
}
