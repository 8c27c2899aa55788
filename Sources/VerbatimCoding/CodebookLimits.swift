import VerbatimModel

/// The most a compiled codebook can hold, set by how the coder packs numbers for speed: a hit's place
/// in a 64-bit sort key (`SortKey`: theme in 16 bits, rule in 16, slot in 8) and a word's symbols in
/// 32 bits (`Symbol`: kind and a 24-bit id), with their count in 16 bits (`TokenInfo`).
///
/// `CompiledCodebook` checks a codebook against these limits when it compiles it. What is past a limit
/// is left out, with an error in `CompiledCodebook.diagnostics` that names the codebook, the theme, the
/// rule and the limit, so that the rest codes as it would without it and nothing is ever coded with
/// the wrong theme or rule:
/// - themes past `themes`: left out (they code nothing; the themes before them code as usual);
/// - rules of a theme past `rulesPerTheme`: left out;
/// - an `all` or `near` rule with more terms than `termsPerCombinedRule`: left out (an `any` rule may
///   have any number of terms: which of them matched does not matter to it);
/// - a term that would need a symbol past `symbolsPerKind` (or a prefix past `prefixes`): left out, as
///   a term with an invalid regular expression is (an `all` or `near` rule without it never matches).
///
/// The limits are a value so that the tests can lower them; the coder always uses `coder`.
struct CodebookLimits: Sendable {
    /// The most themes: their indices fill 16 bits of a sort key (65,536).
    var themes = SortKey.themeLimit
    /// The most rules in one theme: their indices, plus one, fill 16 bits of a sort key (65,535).
    var rulesPerTheme = SortKey.ruleLimit
    /// The most terms in an `all` or `near` rule: their slots fill 8 bits of a sort key (256).
    var termsPerCombinedRule = SortKey.slotLimit
    /// The most distinct symbols of each kind (stems, folded words, words as written, prefixes): their
    /// ids fill 24 bits of a symbol (16,777,216).
    var symbolsPerKind = Symbol.idLimit
    /// The most prefix terms: a word has at most one symbol per prefix and three others (its stem, its
    /// folded form and its form as written), and `TokenInfo` counts them in 16 bits (32,764).
    var prefixes = Int(Int16.max) - 3

    /// The limits of the coder's packing.
    static let coder = CodebookLimits()

    /// How many of `count` themes are compiled: the first `themes`.
    func keptThemes(_ count: Int) -> Int { min(count, themes) }

    /// Whether the rule at `index` (0-based) of its theme is compiled.
    func keeps(_ rule: Rule, at index: Int) -> Bool {
        index < rulesPerTheme && (rule.kind == .any || rule.terms.count <= termsPerCombinedRule)
    }

    /// The errors for the themes and rules of `codebook` past these limits (`themes`: its themes in
    /// depth-first order, as `CompiledCodebook` numbers them): one for the themes left out, one per theme
    /// for its rules left out, one per `all` or `near` rule with too many terms.
    func check(_ codebook: Codebook, themes all: [Theme]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let path = codebook.path
        let kept = keptThemes(all.count)
        if kept < all.count {
            let first = all[kept]
            let after = all.count - kept - 1
            out.append(.error(path, line: first.line,
                              "the codebook has \(all.count) themes, more than the coder can number (\(themes)): "
                              + "\(CodebookLimits.name(first))\(after > 0 ? " and the \(after) after it are left out and code" : " is left out and codes") nothing"))
        }
        for theme in all[0..<kept] {
            if theme.rules.count > rulesPerTheme {
                let first = theme.rules[rulesPerTheme]
                let after = theme.rules.count - rulesPerTheme - 1
                out.append(.error(path, line: first.line ?? theme.line,
                                  "\(CodebookLimits.name(theme)) has \(theme.rules.count) rules, more than the coder can number in one theme "
                                  + "(\(rulesPerTheme)): \(CodebookLimits.name(rulesPerTheme, first))\(after > 0 ? " and the \(after) after it are" : " is") left out"))
            }
            for (ri, rule) in theme.rules.prefix(rulesPerTheme).enumerated()
            where rule.kind != .any && rule.terms.count > termsPerCombinedRule {
                out.append(.error(path, line: rule.line ?? theme.line,
                                  "\(CodebookLimits.name(theme)), \(CodebookLimits.name(ri, rule)) has \(rule.terms.count) terms, more than an '\(CodebookLimits.kindName(rule))' "
                                  + "rule can have (\(termsPerCombinedRule)): the rule is left out"))
            }
        }
        return out
    }

    /// The error for a term left out because the codebook has too many symbols of one kind (`limit`
    /// distinct `what`), in the rule at `rule` of `theme` (-1: the theme's `unless` terms).
    static func termLeftOut(_ codebook: Codebook, _ theme: Theme, rule: Int, _ term: Term, what: String, limit: Int) -> Diagnostic {
        let place = rule >= 0 ? name(rule, theme.rules[rule]) : "its 'unless' terms"
        let line = rule >= 0 ? theme.rules[rule].line ?? theme.line : theme.line
        return .error(codebook.path, line: line,
                      "\(name(theme)), \(place): the term '\(term.source)' is left out: the codebook has more \(what) than the coder can number (\(limit))")
    }

    static func name(_ theme: Theme) -> String { "theme '\(theme.id)'" }

    /// A rule as errors name it: its number (1-based) and the beginning of its summary.
    static func name(_ index: Int, _ rule: Rule) -> String {
        let summary = rule.summary
        let short = summary.count > 60 ? summary.prefix(57) + "...]" : Substring(summary)
        return "rule \(index + 1) (\(short))"
    }

    static func kindName(_ rule: Rule) -> String {
        switch rule.kind {
        case .any: return "any"
        case .all: return "all"
        case .near: return "near"
        }
    }
}
