import VerbatimModel

/// Codes each theme's examples and counterexamples, as `verbatim codebook test` does.
///
/// An example passes when it is coded with its theme or one of its sub-themes (a parent's counts include
/// its children); a counterexample passes when neither the theme nor a sub-theme codes it.
public enum CodebookTester {
    public struct Failure: Sendable {
        public var theme: String
        /// `example` or `counterexample`.
        public var kind: String
        public var text: String
        /// Themes that coded the text.
        public var found: [String]
    }

    public struct Result: Sendable {
        public var examples = 0
        public var counterexamples = 0
        public var failures: [Failure] = []
    }

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
                let found = Set(coder.code(text: ex).map(\.theme))
                if !found.isDisjoint(with: ids) {
                    result.failures.append(Failure(theme: theme.id, kind: "counterexample", text: ex, found: found.intersection(ids).sorted()))
                }
            }
        }
        return result
    }
}
