/// A codebook: themes with their definitions and the rules that find them in transcripts.
///
/// This is the parsed, validated form, independent of the file it came from (YAML, CSV or REFI-QDA
/// `.qdc`). The coding engine compiles it once (`CompiledCodebook`) before coding.
public struct Codebook: Sendable, Equatable {
    /// Identifier (`codebook:` in YAML).
    public var id: String
    public var title: String
    /// Language code of the terms (`fr`, `en`...): chooses the stemmer and the negation words.
    public var language: String
    public var version: String?
    /// Top-level themes, in file order; each may have sub-themes.
    public var themes: [Theme]
    /// Where the codebook was read from, for messages.
    public var path: String
    /// The programme's theory of change (`theory_of_change:`), when the codebook gives one.
    public var theoryOfChange: TheoryOfChange?

    public init(id: String, title: String, language: String, version: String? = nil, themes: [Theme], path: String,
                theoryOfChange: TheoryOfChange? = nil) {
        self.theoryOfChange = theoryOfChange
        self.id = id
        self.title = title
        self.language = language
        self.version = version
        self.themes = themes
        self.path = path
    }

    /// Every theme, parents before their children, in file order (depth-first).
    public var allThemes: [Theme] {
        var out: [Theme] = []
        func walk(_ ts: [Theme]) { for t in ts { out.append(t); walk(t.children) } }
        walk(themes)
        return out
    }

    /// The theme with this id, anywhere in the tree.
    public func theme(_ id: String) -> Theme? { allThemes.first { $0.id == id } }
}

/// One theme of a codebook.
public struct Theme: Sendable, Equatable {
    public var id: String
    /// Label in the codebook's language.
    public var label: String
    /// Labels in other languages, by language code (`en: Fear of the internet`).
    public var labels: [String: String]
    /// `#RRGGBB`, when the codebook gives one.
    public var color: String?
    public var definition: String?
    public var include: String?
    public var exclude: String?
    /// Sentences that must be coded with this theme (checked by `verbatim codebook test`).
    public var examples: [String]
    /// Sentences that must not be coded with this theme.
    public var counterexamples: [String]
    public var rules: [Rule]
    /// Exclusion terms: a hit is dropped when one of these occurs in the same unit.
    public var unless: [Term]
    public var negation: NegationPolicy
    /// Speaker roles whose turns this theme codes (participants only by default).
    public var roles: [Role]
    /// Default for this theme's terms: stem words (true unless the codebook says otherwise).
    public var stem: Bool
    /// Default for this theme's stemmed terms: take in every word of the stem (`stem: loose`) rather
    /// than only the inflected forms of the term's own word.
    public var looseStem: Bool = false
    /// Default for this theme's terms: keep case and accents.
    public var strict: Bool
    public var children: [Theme]
    /// 1-based line in the codebook file where the theme starts, when known.
    public var line: Int?

    public init(id: String, label: String, labels: [String: String] = [:], color: String? = nil, definition: String? = nil,
                include: String? = nil, exclude: String? = nil, examples: [String] = [], counterexamples: [String] = [],
                rules: [Rule] = [], unless: [Term] = [], negation: NegationPolicy = .count, roles: [Role] = [.participant],
                stem: Bool = true, strict: Bool = false, children: [Theme] = [], line: Int? = nil) {
        self.id = id
        self.label = label
        self.labels = labels
        self.color = color
        self.definition = definition
        self.include = include
        self.exclude = exclude
        self.examples = examples
        self.counterexamples = counterexamples
        self.rules = rules
        self.unless = unless
        self.negation = negation
        self.roles = roles
        self.stem = stem
        self.strict = strict
        self.children = children
        self.line = line
    }

    /// The label in `language`, falling back to the codebook's own label.
    public func label(in language: String) -> String { labels[language] ?? label }
}

/// What to do with a hit inside a negated scope ("je n'ai plus peur").
///
/// A negated mention is still about its topic ("elles prennent pas le métro" is about transport), so
/// hits count by default; a theme that codes a stance (fear, confidence) declares `ignore` or a theme
/// to recode to.
public enum NegationPolicy: Sendable, Equatable {
    /// Drop the hit.
    case ignore
    /// Keep the hit as if it were not negated (the default).
    case count
    /// Code the unit with another theme instead (e.g. `peur-diminuee`).
    case recode(String)
}

/// One rule of a theme: the unit is coded when the rule matches.
public struct Rule: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Any of the terms.
        case any
        /// Every term somewhere in the unit.
        case all
        /// Each term within `within` words of another (the first term and any of the others, or all of
        /// them in order when `ordered`).
        case near(within: Int, ordered: Bool)
    }
    public var kind: Kind
    public var terms: [Term]
    /// 1-based line in the codebook file, when known.
    public var line: Int?

    public init(kind: Kind, terms: [Term], line: Int? = nil) {
        self.kind = kind
        self.terms = terms
        self.line = line
    }

    /// A short description for explanations: `any[peur, crainte]`, `near(6)[internet, danger]`.
    public var summary: String {
        let t = terms.map(\.source).joined(separator: ", ")
        switch kind {
        case .any: return "any[\(t)]"
        case .all: return "all[\(t)]"
        case .near(let w, let o): return "near(\(w)\(o ? ", ordered" : ""))[\(t)]"
        }
    }
}

/// A term: a word, a phrase, a prefix (`angoiss*`) or a regular expression (`re:...`).
public struct Term: Sendable, Equatable, Hashable {
    public enum Kind: Sendable, Equatable, Hashable {
        /// One or more words matched word by word (each word normalised and, unless `stem` is false,
        /// stemmed). A word ending in `*` matches any word starting with it.
        case words([String])
        /// A regular expression matched on the unit's text.
        case regex(String)
    }
    public var kind: Kind
    /// The term as written in the codebook.
    public var source: String
    /// Keep case and accents.
    public var strict: Bool
    /// Stem the words.
    public var stem: Bool
    /// With `stem`: match every word that has the stem of a term word (`stem: loose`), not only the
    /// inflected forms of that word ("assignment" then also takes "assigned"; see the README).
    public var looseStem: Bool

    public init(kind: Kind, source: String, strict: Bool = false, stem: Bool = true, looseStem: Bool = false) {
        self.kind = kind
        self.source = source
        self.strict = strict
        self.stem = stem
        self.looseStem = looseStem
    }
}
