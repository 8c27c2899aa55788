/// Words that negate what follows them, and words that stop a negation's reach (see `NegationScope`),
/// by their folded form. The coder marks them in each word's `TokenInfo` flags.
enum NegationWords {
    /// Words that negate the words after them.
    static let negators: Set<String> = [
        // French: "ne" (and elided "n'"), the second parts of negations, "sans".
        "ne", "n", "pas", "jamais", "rien", "guere", "point", "aucun", "aucune", "sans", "ni", "nullement",
        // English.
        "not", "no", "never", "without", "nor", "neither", "cannot", "nothing", "none", "nobody",
    ]
    /// Before "plus", these make it "more" rather than "no more": "de plus", "en plus", "le plus".
    static let unnegators: Set<String> = ["de", "en", "le", "la", "les", "au", "un", "une", "d", "l", "beaucoup", "bien", "encore"]
    /// After "plus" in the same clause, these make it a comparison: "plus à l'aise qu'avant".
    static let comparisonEnds: Set<String> = ["que", "qu"]
    /// Before `que`, these make it a relative or a conjunction ("ce que", "depuis que", "avant qu'"),
    /// not the end of a comparison.
    static let notComparison: Set<String> = ["ce", "depuis", "avant", "après", "apres", "pour", "sans", "dès", "des", "pendant",
                                             "afin", "tant", "bien", "jusqu", "jusque", "maintenant", "vu", "sitôt", "sitot"]
    /// How many words after `plus`, in the same clause, a `que` still makes it a comparison
    /// ("plus à l'aise sur la tablette qu'avant").
    static let comparisonWindow = 10
    /// Words that end a negation's reach, as clause punctuation does: "je n'ai pas peur mais...".
    static let breakers: Set<String> = [
        "mais", "si", "car", "parce", "quand", "lorsque", "lorsqu", "sauf", "cependant", "pourtant", "alors",
        "but", "if", "because", "when", "however", "although", "though", "except",
    ]
}
