import Foundation
import Testing
@testable import VerbatimCodebook
import VerbatimModel

/// A codebook that uses every documented key.
let fullCodebook = """
codebook: les-connectes
title: Les Connectés — impacts
language: fr
version: 3
stem: false
themes:
  - id: peur-internet
    label: Peur d'internet
    labels: {en: Fear of the internet}
    color: "#C0392B"
    definition: La personne dit craindre internet.
    include: Toute crainte exprimée.
    exclude: Les craintes pour autrui.
    examples: ["J'ai peur de me faire arnaquer sur internet", "Internet m'angoisse"]
    counterexamples: ["Je n'ai plus peur d'aller sur internet", "Aucune peur"]
    rules:
      - any: [peur, crainte, "angoiss*", "me faire arnaquer", {term: CAF, strict: true, stem: true}]
      - all: [tablette, prix]
      - near: [internet, danger]
        within: 6
        ordered: true
      - any: ["re:\\\\bpeur(s)?\\\\b"]
    unless: [peur de rien]
    negation: peur-diminuee
    roles: [participant, interviewer]
    stem: true
    strict: true
    themes:
      - id: peur-arnaque
        label: Peur des arnaques
        definition: Arnaques.
        examples: [a, b]
        counterexamples: [c, d]
        rules:
          - any: [arnaque]
        themes:
          - id: peur_phishing-2
            label: Hameçonnage
            definition: Courriels piégés.
            strict: false
            examples: [a, b]
            counterexamples: [c, d]
            rules:
              - any: [hameçonnage]
  - id: peur-diminuee
    label: Peur diminuée
    definition: La crainte a baissé.
    negation: count
    roles: [unknown]
    examples: [a, b]
    counterexamples: [c, d]
    rules:
      - any: [rassuré]
  - id: usages
    label: Usages
    definition: Ce que la personne fait en ligne.
    negation: ignore
    themes:
      - id: usages-achats
        label: Achats
        definition: Achats en ligne.
        examples: [a, b]
        counterexamples: [c, d]
        rules:
          - all: [acheter, internet]
"""

@Suite struct YAMLCodebookTests {
    @Test func fullCodebookLoadsWithoutDiagnostics() throws {
        let (codebook, diagnostics) = try CodebookLoader.parseYAML(fullCodebook, path: "cb.yaml")
        #expect(diagnostics.map(\.description) == [])
        #expect(codebook.id == "les-connectes")
        #expect(codebook.title == "Les Connectés — impacts")
        #expect(codebook.language == "fr")
        #expect(codebook.version == "3")
        #expect(codebook.path == "cb.yaml")
        #expect(codebook.themes.map(\.id) == ["peur-internet", "peur-diminuee", "usages"])
        #expect(codebook.allThemes.map(\.id) == ["peur-internet", "peur-arnaque", "peur_phishing-2", "peur-diminuee", "usages", "usages-achats"])
    }

    @Test func themeFields() throws {
        let codebook = try CodebookLoader.parseYAML(fullCodebook, path: "cb.yaml").0
        let peur = try #require(codebook.theme("peur-internet"))
        #expect(peur.label == "Peur d'internet")
        #expect(peur.labels == ["en": "Fear of the internet"])
        #expect(peur.label(in: "en") == "Fear of the internet")
        #expect(peur.color == "#C0392B")
        #expect(peur.definition == "La personne dit craindre internet.")
        #expect(peur.include == "Toute crainte exprimée.")
        #expect(peur.exclude == "Les craintes pour autrui.")
        #expect(peur.examples == ["J'ai peur de me faire arnaquer sur internet", "Internet m'angoisse"])
        #expect(peur.counterexamples == ["Je n'ai plus peur d'aller sur internet", "Aucune peur"])
        #expect(peur.negation == .recode("peur-diminuee"))
        #expect(peur.roles == [.participant, .interviewer])
        #expect(peur.unless == [Term(kind: .words(["peur", "de", "rien"]), source: "peur de rien", strict: true, stem: true)])
        #expect(codebook.theme("peur-diminuee")?.negation == .count)
        #expect(codebook.theme("peur-diminuee")?.roles == [.unknown])
        #expect(codebook.theme("usages")?.negation == .ignore)
        #expect(codebook.theme("usages")?.roles == [.participant])
        #expect(codebook.theme("usages")?.color == nil)
    }

    @Test func ruleKindsAndTerms() throws {
        let peur = try #require(try CodebookLoader.parseYAML(fullCodebook, path: "cb.yaml").0.theme("peur-internet"))
        #expect(peur.rules.count == 4)
        #expect(peur.rules[0].kind == .any)
        #expect(peur.rules[0].terms.map(\.kind) == [
            .words(["peur"]), .words(["crainte"]), .words(["angoiss*"]), .words(["me", "faire", "arnaquer"]), .words(["CAF"]),
        ])
        #expect(peur.rules[0].terms.map(\.source) == ["peur", "crainte", "angoiss*", "me faire arnaquer", "CAF"])
        #expect(peur.rules[1].kind == .all)
        #expect(peur.rules[1].terms.map(\.source) == ["tablette", "prix"])
        #expect(peur.rules[2].kind == .near(within: 6, ordered: true))
        #expect(peur.rules[2].summary == "near(6, ordered)[internet, danger]")
        #expect(peur.rules[3].terms.map(\.kind) == [.regex("\\bpeur(s)?\\b")])
        #expect(peur.rules[3].terms[0].source == "re:\\bpeur(s)?\\b")
    }

    @Test func stemAndStrictAreInherited() throws {
        let codebook = try CodebookLoader.parseYAML(fullCodebook, path: "cb.yaml").0
        // The codebook says stem: false; peur-internet overrides it with stem: true and strict: true.
        let peur = try #require(codebook.theme("peur-internet"))
        #expect(peur.stem && peur.strict)
        #expect(peur.rules[0].terms[0].stem && peur.rules[0].terms[0].strict)
        // A term mapping sets its own flags.
        let caf = peur.rules[0].terms[4]
        #expect(caf.strict && caf.stem)
        // A child inherits from its parent...
        let arnaque = try #require(codebook.theme("peur-arnaque"))
        #expect(arnaque.stem && arnaque.strict)
        #expect(arnaque.rules[0].terms[0].stem && arnaque.rules[0].terms[0].strict)
        // ...and can override one flag, keeping the other.
        let phishing = try #require(codebook.theme("peur_phishing-2"))
        #expect(phishing.stem && !phishing.strict)
        #expect(phishing.rules[0].terms[0].stem && !phishing.rules[0].terms[0].strict)
        // A top-level theme without flags takes the codebook's stem: false and strict's default, false.
        let achats = try #require(codebook.theme("usages-achats"))
        #expect(!achats.stem && !achats.strict)
        #expect(achats.rules[0].terms.allSatisfy { !$0.stem && !$0.strict })
    }

    @Test func termMappingOverridesTheTheme() throws {
        let yaml = """
        codebook: x
        themes:
          - id: a
            label: A
            strict: true
            rules:
              - any: [{term: CAF, strict: false, stem: false}, {term: "allocations familiales"}]
        """
        let a = try #require(try CodebookLoader.parseYAML(yaml, path: "x.yaml").0.theme("a"))
        #expect(a.rules[0].terms == [
            Term(kind: .words(["CAF"]), source: "CAF", strict: false, stem: false),
            Term(kind: .words(["allocations", "familiales"]), source: "allocations familiales", strict: true, stem: true),
        ])
    }

    @Test func lineNumbers() throws {
        let codebook = try CodebookLoader.parseYAML(fullCodebook, path: "cb.yaml").0
        let peur = try #require(codebook.theme("peur-internet"))
        #expect(peur.line == 7)
        #expect(peur.rules.map(\.line) == [17, 18, 19, 22])
        #expect(codebook.theme("peur-arnaque")?.line == 29)
        #expect(codebook.theme("peur_phishing-2")?.line == 37)
        #expect(codebook.theme("peur_phishing-2")?.rules.first?.line == 44)
        #expect(codebook.theme("peur-diminuee")?.line == 45)
        #expect(codebook.theme("usages-achats")?.line == 59)
    }

    @Test func defaults() throws {
        let yaml = """
        codebook: minimal
        themes:
          - id: a
            label: A
            definition: D.
            rules:
              - any: [x]
            examples: [x, x x]
            counterexamples: [y, z]
        """
        let (codebook, diagnostics) = try CodebookLoader.parseYAML(yaml, path: "m.yaml")
        #expect(diagnostics.isEmpty)
        #expect(codebook.title == "minimal")
        #expect(codebook.language == "en")
        #expect(codebook.version == nil)
        let a = try #require(codebook.theme("a"))
        #expect(a.stem && !a.strict)
        #expect(a.negation == .count)  // a negated mention counts unless the theme says otherwise
        #expect(a.roles == [.participant])
        #expect(a.rules[0].terms[0] == Term(kind: .words(["x"]), source: "x", strict: false, stem: true))
    }

    @Test func versionAsStringOrNumber() throws {
        let a = try CodebookLoader.parseYAML("codebook: x\nversion: 2.10\nthemes: []\n", path: "x.yaml").0
        #expect(a.version == "2.10")
        let b = try CodebookLoader.parseYAML("codebook: x\nversion: \"v3-beta\"\nthemes: []\n", path: "x.yaml").0
        #expect(b.version == "v3-beta")
    }

    @Test func byteOrderMarkIsIgnored() throws {
        let codebook = try CodebookLoader.parseYAML("\u{FEFF}codebook: x\nthemes: []\n", path: "x.yaml").0
        #expect(codebook.id == "x")
    }

    /// `stem: loose` at the codebook, theme or term level; a bad value is a type error.
    @Test func looseStems() throws {
        let yaml = """
        codebook: x
        language: en
        themes:
          - id: a
            label: A
            stem: loose
            rules:
              - any: [assignment, {term: feeling, stem: true}, {term: CAF, stem: false}]
          - id: b
            label: B
            rules:
              - any: [assignment, {term: feeling, stem: loose}]
        """
        let (codebook, diagnostics) = try CodebookLoader.parseYAML(yaml, path: "m.yaml")
        #expect(errorLines(diagnostics).isEmpty)
        let a = try #require(codebook.theme("a")), b = try #require(codebook.theme("b"))
        #expect(a.stem && a.looseStem && !b.looseStem)
        #expect(a.rules[0].terms.map(\.looseStem) == [true, false, false])
        #expect(a.rules[0].terms.map(\.stem) == [true, true, false])
        #expect(b.rules[0].terms.map(\.looseStem) == [false, true])
        let bad = yaml.replacingOccurrences(of: "stem: loose\n    rules", with: "stem: lose\n    rules")
        #expect(errorLines(yamlDiagnostics(bad, path: "m.yaml")) == ["m.yaml:6:11: error: 'stem' must be true, false or loose, not 'lose'"])
    }
}
