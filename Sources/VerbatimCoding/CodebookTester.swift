import VerbatimModel

/// Codes each theme's examples and counterexamples, as `verbatim codebook test` does.
///
/// An example passes when it is coded with its theme or one of its sub-themes (a parent's counts include
/// its children); a counterexample passes when neither the theme nor a sub-theme codes it.
public enum CodebookTester {
    /// An example that was not coded with its theme, or a counterexample that was.
    public struct Failure: Sendable {
        /// The id of the theme whose example or counterexample it is.
        public var theme: String
        /// `example` or `counterexample`.
        public var kind: String
        /// The example or counterexample.
        public var text: String
        /// Themes that coded the text.
        public var found: [String]
        /// For a counterexample: what coded it, each as the words matched, the rule, and the theme
        /// (`'stations' by any[stationnement] (parking)`).
        public var matches: [String] = []
    }

    /// What a run found.
    public struct Result: Sendable {
        /// The number of examples coded.
        public var examples = 0
        /// The number of counterexamples coded.
        public var counterexamples = 0
        /// The examples and counterexamples that failed, in codebook order.
        public var failures: [Failure] = []
    }

    /// Codes every example and counterexample of `codebook`'s themes. (What `CompiledCodebook` leaves out,
    /// see its `diagnostics`, codes nothing here either.)
    public static func run(_ codebook: Codebook) -> Result {
        let coder = Coder(CompiledCodebook(codebook))
        var result = Result()
        func family(_ t: Theme) -> Set<String> {
            var ids: Set<String> = [t.id]
            for c in t.children { ids.formUnion(family(c)) }
            return ids
        }
        for theme in codebook.allThemes {
            let ids = family(theme)
            for ex in theme.examples {
                result.examples += 1
                let found = Set(coder.code(text: ex).map(\.theme))
                if found.isDisjoint(with: ids) {
                    result.failures.append(Failure(theme: theme.id, kind: "example", text: ex, found: found.sorted()))
                }
            }
            for ex in theme.counterexamples {
                result.counterexamples += 1
                let codings = coder.code(text: ex).filter { ids.contains($0.theme) }
                if !codings.isEmpty {
                    var seen = Set<String>()
                    let matches = codings.map { "'\($0.match)' by \($0.rule) (\($0.theme))" }.filter { seen.insert($0).inserted }
                    result.failures.append(Failure(theme: theme.id, kind: "counterexample", text: ex,
                                                   found: Set(codings.map(\.theme)).sorted(), matches: matches))
                }
            }
        }
        return result
    }
}
