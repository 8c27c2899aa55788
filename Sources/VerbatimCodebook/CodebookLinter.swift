import Foundation
import VerbatimModel

/// Checks a codebook and reports every problem it finds, errors and warnings alike.
///
/// The linter works on the model, whatever the file the codebook came from, and locates its
/// diagnostics with `Theme.line` and `Rule.line` when they are known. The loader runs it on every
/// codebook it reads; call it yourself for a codebook built in code.
///
/// Errors: a missing codebook identifier; a theme without id or label; an invalid or duplicate
/// theme id; a bad colour; a rule without terms; a `near` rule with fewer than 2 terms or a `within`
/// outside 1...50; an empty term; an invalid regular expression; a `negation` naming an unknown
/// theme or the theme itself.
///
/// Warnings: a language without a Snowball stemmer; a codebook without themes; a theme with no
/// rules and no sub-themes; a theme without definition; an empty `roles` list; a term given twice
/// in one theme or in the `any` rules of two sibling themes; a prefix shorter than 3 letters; a `*`
/// inside a word. Notes: a theme with rules but fewer than 2 examples or counterexamples.
public enum CodebookLinter {
    /// Every problem found in `codebook`, in tree order (parents before their children).
    public static func lint(_ codebook: Codebook) -> [Diagnostic] {
        lint(codebook, skipping: [])
    }

    /// A check to leave out for one theme, because the reader already reported the cause (a `rules:`
    /// of the wrong type would otherwise also show as "no rules").
    struct Skip: Hashable {
        enum Check: Hashable { case empty, definition, examples, counterexamples }
        /// The theme's line.
        var line: Int
        var check: Check
    }

    /// Snowball algorithm names and the ISO 639 codes libstemmer knows them by.
    static let stemmerLanguages: Set<String> = [
        "ar", "ara", "arabic", "hy", "hye", "arm", "armenian", "eu", "eus", "baq", "basque",
        "ca", "cat", "catalan", "da", "dan", "danish", "nl", "nld", "dut", "dutch", "en", "eng", "english",
        "porter", "fi", "fin", "finnish", "fr", "fra", "fre", "french", "de", "deu", "ger", "german",
        "el", "ell", "gre", "greek", "hi", "hin", "hindi", "hu", "hun", "hungarian", "id", "ind",
        "indonesian", "ga", "gle", "irish", "it", "ita", "italian", "lt", "lit", "lithuanian",
        "ne", "nep", "nepali", "no", "nb", "nor", "norwegian", "pt", "por", "portuguese",
        "ro", "ron", "rum", "romanian", "ru", "rus", "russian", "sr", "srp", "serbian",
        "es", "spa", "spanish", "sv", "swe", "swedish", "ta", "tam", "tamil", "tr", "tur", "turkish",
        "yi", "yid", "yiddish",
    ]

    static func lint(_ codebook: Codebook, skipping skips: Set<Skip>) -> [Diagnostic] {
        var run = Run(path: codebook.path, skips: skips, allIds: Set(codebook.allThemes.map(\.id)))
        if CodebookText.trimmed(codebook.id).isEmpty {
            run.error(nil, "the codebook has no identifier: add 'codebook: <id>'")
        }
        let language = CodebookText.trimmed(codebook.language).lowercased()
        if !stemmerLanguages.contains(language) {
            run.warning(nil, "language '\(codebook.language)' has no Snowball stemmer: words will be matched without stemming")
        }
        if codebook.themes.isEmpty {
            run.warning(nil, "the codebook has no themes")
        }
        run.check(siblings: codebook.themes)
        return run.diagnostics + TheoryOfChangeLinter.lint(codebook)
    }

    /// The state of one linting pass.
    private struct Run {
        let path: String
        let skips: Set<Skip>
        let allIds: Set<String>
        var diagnostics: [Diagnostic] = []
        /// The line where each theme id was first seen (nil line: seen, line unknown).
        var firstSeen: [String: Int?] = [:]

        init(path: String, skips: Set<Skip>, allIds: Set<String>) {
            self.path = path
            self.skips = skips
            self.allIds = allIds
        }

        mutating func error(_ line: Int?, _ message: String) { diagnostics.append(.error(path, line: line, message)) }
        mutating func warning(_ line: Int?, _ message: String) { diagnostics.append(.warning(path, line: line, message)) }
        mutating func note(_ line: Int?, _ message: String) { diagnostics.append(Diagnostic(.note, path: path, line: line, message)) }

        func skipped(_ theme: Theme, _ check: Skip.Check) -> Bool {
            guard let line = theme.line else { return false }
            return skips.contains(Skip(line: line, check: check))
        }

        /// Checks a group of sibling themes, then each of them and their children.
        mutating func check(siblings: [Theme]) {
            for theme in siblings {
                check(theme)
                check(siblings: theme.children)
            }
            checkSharedTerms(siblings)
        }

        /// How a theme is named in messages.
        func name(_ theme: Theme) -> String {
            if !theme.id.isEmpty { return "theme '\(theme.id)'" }
            if !theme.label.isEmpty { return "theme labelled '\(theme.label)'" }
            return "a theme"
        }

        mutating func check(_ theme: Theme) {
            let line = theme.line
            let who = name(theme)
            // Identity.
            if theme.id.isEmpty {
                error(line, "\(who) has no 'id'")
            } else {
                if !CodebookText.isValidIdentifier(theme.id) {
                    error(line, "invalid theme id '\(theme.id)': use lowercase letters, digits, '-' and '_', starting with a letter or a digit")
                }
                if let first = firstSeen[theme.id] {
                    let whereFirst = first.map { "first at line \($0)" } ?? "already used by another theme"
                    error(line, "duplicate theme id '\(theme.id)' (\(whereFirst))")
                } else {
                    firstSeen[theme.id] = .some(line)
                }
            }
            if CodebookText.trimmed(theme.label).isEmpty {
                error(line, "\(who) has no 'label'")
            }
            if let color = theme.color, !CodebookText.isValidColor(color) {
                error(line, "invalid colour '\(color)' for \(who): use #RRGGBB, e.g. \"#C0392B\"")
            }
            // Negation.
            if case .recode(let target) = theme.negation {
                if target == theme.id {
                    error(line, "\(who): 'negation' cannot recode a theme to itself")
                } else if !allIds.contains(target) {
                    error(line, "\(who): 'negation' names unknown theme '\(target)' (use ignore, count or a theme id)")
                }
            }
            if theme.roles.isEmpty {
                warning(line, "\(who) has an empty 'roles' list: it will code no turn")
            }
            // Rules and terms.
            for rule in theme.rules { check(rule, of: theme) }
            for term in theme.unless { check(term, line: line, in: "'unless' of \(who)") }
            checkRepeatedTerms(theme)
            // Completeness.
            if theme.rules.isEmpty && theme.children.isEmpty && !skipped(theme, .empty) {
                warning(line, "\(who) has no rules and no sub-themes: it can only be coded by hand")
            }
            if CodebookText.trimmed(theme.definition ?? "").isEmpty && !skipped(theme, .definition) {
                warning(line, "\(who) has no definition")
            }
            if !theme.rules.isEmpty {
                if theme.examples.count < 2 && !skipped(theme, .examples) {
                    note(line, "\(who) has \(count(theme.examples.count, "example")): give at least 2 so that 'verbatim codebook test' can check its rules")
                }
                if theme.counterexamples.count < 2 && !skipped(theme, .counterexamples) {
                    note(line, "\(who) has \(count(theme.counterexamples.count, "counterexample")): give at least 2 so that 'verbatim codebook test' can check its rules")
                }
            }
        }

        func count(_ n: Int, _ noun: String) -> String {
            n == 0 ? "no \(noun)s" : "only \(n) \(noun)"
        }

        mutating func check(_ rule: Rule, of theme: Theme) {
            let line = rule.line ?? theme.line
            let who = name(theme)
            let kindName: String
            switch rule.kind {
            case .any: kindName = "any"
            case .all: kindName = "all"
            case .near(let within, _):
                kindName = "near"
                if !(1...50).contains(within) {
                    error(line, "'within' must be a whole number of words from 1 to 50, not \(within)")
                }
                if rule.terms.count == 1 {
                    error(line, "a 'near' rule needs at least 2 terms (\(who))")
                }
            }
            if rule.terms.isEmpty {
                error(line, "an '\(kindName)' rule of \(who) has no terms")
            }
            for term in rule.terms { check(term, line: line, in: who) }
        }

        mutating func check(_ term: Term, line: Int?, in context: String) {
            switch term.kind {
            case .regex(let pattern):
                if CodebookText.trimmed(pattern).isEmpty {
                    error(line, "empty regular expression 're:' in \(context)")
                } else if (try? NSRegularExpression(pattern: pattern)) == nil {
                    error(line, "invalid regular expression '\(pattern)' in \(context)")
                }
            case .words(let words):
                if words.isEmpty {
                    error(line, "empty term in \(context)")
                }
                for word in words {
                    if let star = word.firstIndex(of: "*"), star != word.index(before: word.endIndex) {
                        warning(line, "'*' only works at the end of a word: '\(word)' in \(context)")
                    } else if word.hasSuffix("*") {
                        let letters = word.dropLast().filter { $0.isLetter || $0.isNumber }.count
                        if letters < 3 {
                            warning(line, "prefix '\(word)' in \(context) is shorter than 3 letters: it would match too many words")
                        }
                    }
                }
            }
        }

        /// The key under which two terms count as the same: folded words, or the pattern of a regex.
        func key(_ term: Term) -> String? {
            switch term.kind {
            case .words(let words): return words.isEmpty ? nil : words.map(CodebookText.folded).joined(separator: " ")
            case .regex(let pattern): return pattern.isEmpty ? nil : "re:" + pattern
            }
        }

        /// Warns about a term given twice in the `any` rules of one theme.
        mutating func checkRepeatedTerms(_ theme: Theme) {
            var seen: Set<String> = []
            for rule in theme.rules where rule.kind == .any {
                for term in rule.terms {
                    guard let k = key(term) else { continue }
                    if !seen.insert(k).inserted {
                        warning(rule.line ?? theme.line, "term '\(term.source)' is given twice in \(name(theme))")
                    }
                }
            }
        }

        /// Warns about a term found in the `any` rules of two sibling themes: a unit containing it is
        /// coded with both, which is rarely what the codebook means.
        mutating func checkSharedTerms(_ siblings: [Theme]) {
            var owner: [String: Theme] = [:]
            for theme in siblings {
                var mine: Set<String> = []
                for rule in theme.rules where rule.kind == .any {
                    for term in rule.terms {
                        guard let k = key(term), mine.insert(k).inserted else { continue }
                        if let other = owner[k], other.id != theme.id {
                            warning(rule.line ?? theme.line,
                                    "term '\(term.source)' is in both \(name(other)) and \(name(theme)), which are siblings: a unit with it is coded with both")
                        } else {
                            owner[k] = theme
                        }
                    }
                }
            }
        }
    }
}
