import Foundation
import Testing
@testable import VerbatimCodebook
import VerbatimModel

/// Each error of the YAML format, with its exact one-line message and location.
///
/// The codebooks start with `codebook: x` and `themes:` on lines 1-2; `theme(id, extra)` writes a valid
/// theme on 5 lines (id, label, definition, rules, one `any` rule) followed by the `extra` lines.
@Suite struct YAMLErrorTests {
    /// The errors of a codebook made of the header and `themes`.
    func errors(_ themes: String...) -> [String] {
        errorLines(yamlDiagnostics("codebook: x\nthemes:\n" + themes.joined(separator: "\n") + "\n"))
    }

    @Test func syntaxErrorIsThrownAlone() {
        #expect(throws: CodebookError.self) { try CodebookLoader.parseYAML("codebook: x\nthemes:\n  - id: a\n   label: b\n", path: "s.yaml") }
        #expect(errorLines(yamlDiagnostics("codebook: x\nthemes:\n  - id: a\n   label: b\n", path: "s.yaml")) == [
            "s.yaml:4:4: error: YAML syntax error: did not find expected '-' indicator (while parsing a block collection at line 3)",
        ])
        #expect(errorLines(yamlDiagnostics("codebook: x\nthemes: [a, \n", path: "s.yaml")) == [
            "s.yaml:3:1: error: YAML syntax error: did not find expected node content (while parsing a flow node at line 3)",
        ])
        #expect(errorLines(yamlDiagnostics("codebook: x\n\tthemes: []\n", path: "s.yaml")).first?.hasPrefix("s.yaml:2:1: error: YAML syntax error: ") == true)
    }

    @Test func notAMapping() {
        #expect(errorLines(yamlDiagnostics("- a\n- b\n")) == [
            "cb.yaml:1:1: error: a codebook must be a mapping with 'codebook:' and 'themes:', not a list",
        ])
        #expect(errorLines(yamlDiagnostics("# nothing\n")) == [
            "cb.yaml: error: the codebook is empty: expected 'codebook:' and 'themes:'",
        ])
    }

    @Test func missingCodebookIdentifier() {
        #expect(errorLines(yamlDiagnostics("title: T\nthemes:\n" + theme("a") + "\n")) == [
            "cb.yaml: error: the codebook has no identifier: add 'codebook: <id>'",
        ])
    }

    @Test func missingThemeIdAndLabel() {
        #expect(errors("  - label: Peur\n    definition: D.\n    rules: [{any: [peur]}]") == [
            "cb.yaml:3: error: theme labelled 'Peur' has no 'id'",
        ])
        #expect(errors("  - id: peur\n    definition: D.\n    rules: [{any: [peur]}]") == [
            "cb.yaml:3: error: theme 'peur' has no 'label'",
        ])
        #expect(errors("  - definition: D.\n    rules: [{any: [peur]}]") == [
            "cb.yaml:3: error: a theme has no 'id'",
            "cb.yaml:3: error: a theme has no 'label'",
        ])
    }

    @Test func invalidIdCharacters() {
        for bad in ["Peur", "peur internet", "-peur", "_x", "peur.internet", "péril"] {
            #expect(errors("  - id: \"\(bad)\"\n    label: L\n    definition: D.\n    rules: [{any: [w]}]") == [
                "cb.yaml:3: error: invalid theme id '\(bad)': use lowercase letters, digits, '-' and '_', starting with a letter or a digit",
            ])
        }
        for good in ["peur", "0-9", "a_b-c", "x1"] {
            #expect(errors("  - id: \"\(good)\"\n    label: L\n    definition: D.\n    rules: [{any: [w]}]") == [])
        }
    }

    @Test func duplicateThemeIdGivesTheFirstLine() {
        let child = "themes:\n  - id: a\n    label: Again\n    definition: D.\n    rules: [{any: [z]}]"
        #expect(errors(theme("a"), theme("b", child)) == [
            "cb.yaml:14: error: duplicate theme id 'a' (first at line 3)",
        ])
    }

    @Test func ruleWithoutTerms() {
        #expect(errors(theme("a", "  - all: []\n  - near:\n    within: 3")) == [
            "cb.yaml:8: error: an 'all' rule of theme 'a' has no terms",
            "cb.yaml:9: error: an 'near' rule of theme 'a' has no terms",
        ])
    }

    @Test func unknownRuleKind() {
        #expect(errors(theme("a", "  - some: [x]\n  - anyy: [y]")) == [
            "cb.yaml:8:9: error: unknown rule kind 'some' (use any, all or near)",
            "cb.yaml:9:9: error: unknown rule kind 'anyy' (use any, all or near); did you mean 'any'?",
        ])
        #expect(errors(theme("a", "  - within: 3")) == [
            "cb.yaml:8:9: error: a rule needs one of 'any', 'all' or 'near'",
        ])
        #expect(errors(theme("a", "  - {any: [x], all: [y]}")) == [
            "cb.yaml:8:20: error: a rule has both 'any' and 'all': write one rule per kind",
        ])
        #expect(errors(theme("a", "  - peur")) == [
            "cb.yaml:8:9: error: a rule must be a mapping such as 'any: [term, term]', not 'peur'",
        ])
    }

    @Test func nearWithin() {
        #expect(errors(theme("a", "  - near: [x, y]")) == [
            "cb.yaml:8:9: error: a 'near' rule needs 'within': the largest distance in words, from 1 to 50",
        ])
        #expect(errors(theme("a", "  - near: [x, y]\n    within: six")) == [
            "cb.yaml:9:17: error: 'within' must be a whole number of words from 1 to 50, not 'six'",
        ])
        #expect(errors(theme("a", "  - near: [x, y]\n    within: 2.5")) == [
            "cb.yaml:9:17: error: 'within' must be a whole number of words from 1 to 50, not '2.5'",
        ])
        #expect(errors(theme("a", "  - near: [x, y]\n    within: 0")) == [
            "cb.yaml:8: error: 'within' must be a whole number of words from 1 to 50, not 0",
        ])
        #expect(errors(theme("a", "  - near: [x, y]\n    within: 51")) == [
            "cb.yaml:8: error: 'within' must be a whole number of words from 1 to 50, not 51",
        ])
        #expect(errors(theme("a", "  - near: [x]\n    within: 5")) == [
            "cb.yaml:8: error: a 'near' rule needs at least 2 terms (theme 'a')",
        ])
        #expect(errors(theme("a", "  - near: [x, y]\n    within: 50\n    ordered: maybe")) == [
            "cb.yaml:10:18: error: 'ordered' must be true or false, not 'maybe'",
        ])
        #expect(errors(theme("a", "  - near: [x, y]\n    within: 1\n    ordered: false")) == [])
    }

    @Test func invalidRegularExpression() {
        #expect(errors(theme("a", "  - any: [\"re:(peur\", \"re:[a-\"]")) == [
            "cb.yaml:8: error: invalid regular expression '(peur' in theme 'a'",
            "cb.yaml:8: error: invalid regular expression '[a-' in theme 'a'",
        ])
        #expect(errors(theme("a", "unless: [\"re:\"]")) == [
            "cb.yaml:3: error: empty regular expression 're:' in 'unless' of theme 'a'",
        ])
    }

    @Test func emptyTerms() {
        #expect(errors(theme("a", "  - any: [\"\", \"  \", ~]")) == [
            "cb.yaml:8: error: empty term in theme 'a'",
            "cb.yaml:8: error: empty term in theme 'a'",
            "cb.yaml:8: error: empty term in theme 'a'",
        ])
        #expect(errors(theme("a", "  - any: [{term: \"\"}]")) == [
            "cb.yaml:8: error: empty term in theme 'a'",
        ])
        #expect(errors(theme("a", "  - any: [{strict: true}]")) == [
            "cb.yaml:8:15: error: a term mapping needs 'term', as in {term: CAF, strict: true}",
        ])
        #expect(errors(theme("a", "  - any: [[x, y]]")) == [
            "cb.yaml:8:15: error: a term must be a string or a mapping such as {term: CAF, strict: true}, not a list",
        ])
    }

    @Test func negationTargets() {
        #expect(errors(theme("a", "negation: peur-diminuee")) == [
            "cb.yaml:3: error: theme 'a': 'negation' names unknown theme 'peur-diminuee' (use ignore, count or a theme id)",
        ])
        #expect(errors(theme("a", "negation: a")) == [
            "cb.yaml:3: error: theme 'a': 'negation' cannot recode a theme to itself",
        ])
        #expect(errors(theme("a", "negation: b"), theme("b")) == [])
        #expect(errors(theme("a", "negation: \"\"")) == [
            "cb.yaml:8:15: error: 'negation' must be ignore, count or a theme id, not an empty string",
        ])
    }

    @Test func wrongTypes() {
        #expect(errors(theme("a", "examples: J'ai peur")) == [
            "cb.yaml:8:15: error: 'examples' must be a list of strings, not 'J'ai peur'",
        ])
        #expect(errors(theme("a", "counterexamples: [ok, [nested]]")) == [
            "cb.yaml:8:27: error: 'counterexamples' must be a list of strings, but one item is a list",
        ])
        #expect(errors("  - id: a\n    label: A\n    definition: D.\n    rules: {any: [x]}") == [
            "cb.yaml:6:12: error: 'rules' must be a list of rules, not a mapping",
        ])
        #expect(errors(theme("a", "themes: b")) == [
            "cb.yaml:8:13: error: 'themes' must be a list of themes, not 'b'",
        ])
        #expect(errors(theme("a", "label: [A, B]")).contains("cb.yaml:8:5: error: duplicate key 'label' (first at line 4)"))
        #expect(errors(theme("a", "labels: [en]")) == [
            "cb.yaml:8:13: error: 'labels' must be a mapping of language codes to labels, such as {en: Fear of the internet}, not a list",
        ])
        #expect(errors(theme("a", "stem: sometimes")) == [
            "cb.yaml:8:11: error: 'stem' must be true, false or loose, not 'sometimes'",
        ])
        #expect(errors(theme("a", "unless: peur de rien")) == [
            "cb.yaml:8:13: error: 'unless' must be a list of terms, not 'peur de rien'",
        ])
        #expect(errors(theme("a", "  - any: peur")) == [
            "cb.yaml:8:14: error: 'any' must be a list of terms, not 'peur'",
        ])
        #expect(errors(theme("a", "include: [x]")) == [
            "cb.yaml:8:14: error: 'include' must be a string, not a list",
        ])
        #expect(errors(theme("a", "roles: [participant, boss]")) == [
            "cb.yaml:8:26: error: unknown role 'boss' (use participant, interviewer or unknown)",
        ])
        #expect(errors("  - peur") == [
            "cb.yaml:3:5: error: a theme must be a mapping with 'id' and 'label', not 'peur'",
        ])
        #expect(errorLines(yamlDiagnostics("codebook: x\nthemes: {a: b}\n")) == [
            "cb.yaml:2:9: error: 'themes' must be a list of themes, not a mapping",
        ])
    }

    @Test func badColour() {
        for bad in ["red", "#C0392", "#C0392BFF", "C0392B", "#GG0000"] {
            #expect(errors(theme("a", "color: \"\(bad)\"")) == [
                "cb.yaml:3: error: invalid colour '\(bad)' for theme 'a': use #RRGGBB, e.g. \"#C0392B\"",
            ])
        }
        #expect(errors(theme("a", "color: \"#c0392b\"")) == [])
    }

    @Test func duplicateKey() {
        #expect(errors(theme("a", "definition: Again.")) == [
            "cb.yaml:8:5: error: duplicate key 'definition' (first at line 5)",
        ])
    }

    @Test func allErrorsAreCollectedAndSortedByLine() throws {
        let yaml = "codebook: x\nthemes:\n" + theme("A", "negation: zz") + "\n" + theme("b", "  - near: [x, y]") + "\n"
        do {
            _ = try CodebookLoader.parseYAML(yaml, path: "cb.yaml")
            Issue.record("expected errors")
        } catch let e as CodebookErrors {
            #expect(e.errors.map(\.description) == [
                "cb.yaml:3: error: invalid theme id 'A': use lowercase letters, digits, '-' and '_', starting with a letter or a digit",
                "cb.yaml:3: error: theme 'A': 'negation' names unknown theme 'zz' (use ignore, count or a theme id)",
                "cb.yaml:14:9: error: a 'near' rule needs 'within': the largest distance in words, from 1 to 50",
            ])
            #expect(e.description == "cb.yaml:3: error: invalid theme id 'A': use lowercase letters, digits, '-' and '_', starting with a letter or a digit (and 2 more errors)")
            #expect(e.first.description == e.errors[0].description)
            #expect(e.diagnostics.map { $0.line ?? 0 } == e.diagnostics.map { $0.line ?? 0 }.sorted())
        }
    }
}
