import Foundation
import Testing
@testable import VerbatimCodebook
import VerbatimModel

/// The linter on codebooks built in code, without a file.
@Suite struct CodebookLinterTests {
    func words(_ s: String) -> Term { TermParser.term(s, stem: true, strict: false) }

    func valid(_ id: String, line: Int? = nil) -> Theme {
        Theme(id: id, label: id.uppercased(), definition: "D.", examples: ["a", "b"], counterexamples: ["c", "d"],
              rules: [Rule(kind: .any, terms: [words(id + "word")])], line: line)
    }

    @Test func validCodebookHasNoDiagnostics() {
        let codebook = Codebook(id: "x", title: "X", language: "fr", themes: [valid("a"), valid("b")], path: "x")
        #expect(CodebookLinter.lint(codebook).isEmpty)
    }

    @Test func errorsWithoutLines() {
        var a = valid("a")
        a.rules.append(Rule(kind: .near(within: 60, ordered: false), terms: [words("x"), words("y")]))
        a.negation = .recode("missing")
        var b = valid("a")
        b.color = "blue"
        let codebook = Codebook(id: "", title: "", language: "en", themes: [a, b], path: "p")
        #expect(CodebookLinter.lint(codebook).filter { $0.severity == .error }.map(\.description) == [
            "p: error: the codebook has no identifier: add 'codebook: <id>'",
            "p: error: theme 'a': 'negation' names unknown theme 'missing' (use ignore, count or a theme id)",
            "p: error: 'within' must be a whole number of words from 1 to 50, not 60",
            "p: error: duplicate theme id 'a' (already used by another theme)",
            "p: error: invalid colour 'blue' for theme 'a': use #RRGGBB, e.g. \"#C0392B\"",
        ])
    }

    @Test func ruleLineIsUsedBeforeThemeLine() {
        var a = valid("a", line: 10)
        a.rules = [Rule(kind: .all, terms: [], line: 12), Rule(kind: .any, terms: [words("re:(")])]
        let codebook = Codebook(id: "x", title: "X", language: "en", themes: [a], path: "p")
        #expect(CodebookLinter.lint(codebook).filter { $0.severity == .error }.map(\.description) == [
            "p:12: error: an 'all' rule of theme 'a' has no terms",
            "p:10: error: invalid regular expression '(' in theme 'a'",
        ])
    }

    @Test func lintReportsEverythingTheLoaderDoes() throws {
        // The loader's diagnostics for a codebook that loads are the linter's plus what only YAML shows.
        let (codebook, loaded) = try CodebookLoader.parseYAML(fullCodebook, path: "cb.yaml")
        #expect(loaded.isEmpty)
        #expect(CodebookLinter.lint(codebook).isEmpty)
        var changed = codebook
        changed.themes[0].children[0].label = " "
        #expect(CodebookLinter.lint(changed).map(\.description) == ["cb.yaml:29: error: theme 'peur-arnaque' has no 'label'"])
    }
}
