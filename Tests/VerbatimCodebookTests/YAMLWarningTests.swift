import Foundation
import Testing
@testable import VerbatimCodebook
import VerbatimModel

/// Warnings and notes: the codebook still loads, and they come back beside it.
@Suite struct YAMLWarningTests {
    /// The warnings of a codebook that must load.
    func warnings(_ yaml: String) throws -> [String] {
        try CodebookLoader.parseYAML(yaml, path: "cb.yaml").1.filter { $0.severity == .warning }.map(\.description)
    }

    func codebook(_ themes: String...) -> String {
        "codebook: x\nthemes:\n" + themes.joined(separator: "\n") + "\n"
    }

    @Test func unknownKeysWithLineAndColumn() throws {
        let yaml = "codebook: x\ncolour: red\nthemes:\n" + theme("a", "lable: A\nrules2: []\n") + "\n"
        #expect(try warnings(yaml) == [
            "cb.yaml:2:1: warning: unknown key 'colour' in the codebook, ignored (known keys: codebook, title, language, version, stem, themes, theory_of_change)",
            "cb.yaml:9:5: warning: unknown key 'lable' in a theme, ignored; did you mean 'label'? (known keys: id, label, labels, color, definition, include, exclude, examples, counterexamples, rules, unless, negation, roles, stem, strict, themes)",
            "cb.yaml:10:5: warning: unknown key 'rules2' in a theme, ignored; did you mean 'rules'? (known keys: id, label, labels, color, definition, include, exclude, examples, counterexamples, rules, unless, negation, roles, stem, strict, themes)",
        ])
        #expect(try warnings(codebook(theme("a", "  - any: [{term: x, stemm: false}]"))) == [
            "cb.yaml:8:25: warning: unknown key 'stemm' in a term, ignored; did you mean 'stem'? (known keys: term, strict, stem)",
        ])
    }

    @Test func themeWithoutRulesOrSubThemes() throws {
        #expect(try warnings(codebook("  - id: a\n    label: A\n    definition: D.")) == [
            "cb.yaml:3: warning: theme 'a' has no rules and no sub-themes: it can only be coded by hand",
        ])
        // A parent without rules of its own is fine.
        #expect(try warnings(codebook("  - id: a\n    label: A\n    definition: D.\n    themes:\n" + theme("b").split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))) == [])
    }

    @Test func themeWithoutDefinition() throws {
        #expect(try warnings(codebook("  - id: a\n    label: A\n    rules: [{any: [w]}]")) == [
            "cb.yaml:3: warning: theme 'a' has no definition",
        ])
        #expect(try warnings(codebook("  - id: a\n    label: A\n    definition: \"  \"\n    rules: [{any: [w]}]")) == [
            "cb.yaml:3: warning: theme 'a' has no definition",
        ])
    }

    @Test func fewExamplesAreNotes() throws {
        let diagnostics = try CodebookLoader.parseYAML(codebook(theme("a", "examples: [one]")), path: "cb.yaml").1
        #expect(diagnostics.map(\.description) == [
            "cb.yaml:3: note: theme 'a' has only 1 example: give at least 2 so that 'verbatim codebook test' can check its rules",
            "cb.yaml:3: note: theme 'a' has no counterexamples: give at least 2 so that 'verbatim codebook test' can check its rules",
        ])
        #expect(try CodebookLoader.parseYAML(codebook(theme("a", "examples: [a, b]\ncounterexamples: [c, d]")), path: "cb.yaml").1.isEmpty)
        // A theme coded by hand has nothing for examples to test.
        let byHand = try CodebookLoader.parseYAML(codebook("  - id: a\n    label: A\n    definition: D."), path: "cb.yaml").1
        #expect(byHand.allSatisfy { $0.severity == .warning })
    }

    @Test func termInTwoSiblingThemes() throws {
        let yaml = codebook(
            theme("a", "  - any: [peur, \"Crainte\"]"),
            theme("b", "  - any: [Peur]\n  - all: [crainte, x]"),
            theme("c", "themes:\n  - id: d\n    label: D\n    definition: D.\n    rules: [{any: [peur]}]"))
        #expect(try warnings(yaml) == [
            "cb.yaml:14: warning: term 'Peur' is in both theme 'a' and theme 'b', which are siblings: a unit with it is coded with both",
        ])
        // Top-level siblings under the same parent count too; a child and its parent's sibling do not.
        let nested = codebook("  - id: p\n    label: P\n    definition: D.\n    themes:\n"
            + [theme("a", "  - any: [mot]"), theme("b", "  - any: [mot]")].joined(separator: "\n").split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        #expect(try warnings(nested) == [
            "cb.yaml:18: warning: term 'mot' is in both theme 'a' and theme 'b', which are siblings: a unit with it is coded with both",
        ])
    }

    @Test func termTwiceInOneTheme() throws {
        #expect(try warnings(codebook(theme("a", "  - any: [aword, élan, Elan]"))) == [
            "cb.yaml:8: warning: term 'aword' is given twice in theme 'a'",
            "cb.yaml:8: warning: term 'Elan' is given twice in theme 'a'",
        ])
    }

    @Test func shortPrefixes() throws {
        #expect(try warnings(codebook(theme("a", "  - any: [\"a*\", \"ab*\", \"abc*\", \"*\", \"ang*ss\"]"))) == [
            "cb.yaml:8: warning: prefix 'a*' in theme 'a' is shorter than 3 letters: it would match too many words",
            "cb.yaml:8: warning: prefix 'ab*' in theme 'a' is shorter than 3 letters: it would match too many words",
            "cb.yaml:8: warning: prefix '*' in theme 'a' is shorter than 3 letters: it would match too many words",
            "cb.yaml:8: warning: '*' only works at the end of a word: 'ang*ss' in theme 'a'",
        ])
        #expect(try warnings(codebook(theme("a", "unless: [\"de*\"]"))) == [
            "cb.yaml:3: warning: prefix 'de*' in 'unless' of theme 'a' is shorter than 3 letters: it would match too many words",
        ])
    }

    @Test func unquotedColourIsAComment() throws {
        #expect(try warnings(codebook(theme("a", "color: #C0392B"))) == [
            "cb.yaml:8:5: warning: 'color' is empty: '#' starts a YAML comment, write color: \"#C0392B\" with quotes",
        ])
    }

    @Test func withinOnlyForNear() throws {
        #expect(try warnings(codebook(theme("a", "  - any: [x]\n    within: 3"))) == [
            "cb.yaml:9:9: warning: 'within' only applies to 'near' rules; ignored",
        ])
    }

    @Test func languageWithoutStemmer() throws {
        #expect(try warnings("codebook: x\nlanguage: tlh\nthemes:\n" + theme("a") + "\n") == [
            "cb.yaml: warning: language 'tlh' has no Snowball stemmer: words will be matched without stemming",
        ])
        for known in ["fr", "en", "de", "german", "pt", "FR"] {
            #expect(try warnings("codebook: x\nlanguage: \(known)\nthemes:\n" + theme("a") + "\n") == [])
        }
    }

    @Test func emptyRolesAndNoThemes() throws {
        #expect(try warnings(codebook(theme("a", "roles: []"))) == [
            "cb.yaml:3: warning: theme 'a' has an empty 'roles' list: it will code no turn",
        ])
        #expect(try warnings("codebook: x\n") == ["cb.yaml: warning: the codebook has no themes"])
    }
}
