import Foundation
import Testing
@testable import VerbatimCodebook
import VerbatimModel

@Suite struct TheoryOfChangeTests {
    /// A small codebook: three themes and a theory of change starting at line 13.
    static func yaml(_ toc: String) -> String {
        """
        codebook: t
        language: fr
        themes:
          - id: peur
            label: Peur
            definition: d
            rules: [{any: [peur]}]
          - id: confiance
            label: Confiance
            definition: d
            rules: [{any: [confiance]}]
          - id: grace
            label: Grâce
            definition: d
            rules: [{any: [grâce]}]
        theory_of_change:
        \(toc)
        """
    }

    static let good = """
          horizons:
            attribute: wave
            short: ["3-6 mois"]
            long: ["12 mois"]
          attribution:
            programme: [grace]
          outcomes:
            - id: atelier
              step: activities
              label: Ateliers
              leads_to: [apprehension]
            - id: apprehension
              label: Appréhension réduite
              labels: {en: Reduced apprehension}
              group: senior
              horizon: long
              evidence: [confiance]
              counter: [peur]
        """

    @Test func readsTheSection() throws {
        let (book, diagnostics) = try CodebookLoader.parseYAML(Self.yaml(Self.good), path: "cb.yaml")
        #expect(diagnostics.filter { $0.severity != .note }.isEmpty)
        let toc = try #require(book.theoryOfChange)
        #expect(toc.groupAttribute == "group")
        #expect(toc.horizonAttribute == "wave")
        #expect(toc.shortValues == ["3-6 mois"])
        #expect(toc.longValues == ["12 mois"])
        #expect(toc.programmeCues == ["grace"])
        #expect(toc.otherCues == [])
        #expect(toc.elements.map(\.id) == ["atelier", "apprehension"])
        let a = toc.elements[1]
        #expect(a.step == .outcomes)
        #expect(a.group == "senior")
        #expect(a.expected == .long)
        #expect(a.evidence == ["confiance"])
        #expect(a.counter == ["peur"])
        #expect(a.label(in: "en") == "Reduced apprehension")
        #expect(a.label(in: "fr") == "Appréhension réduite")
        #expect(a.line == 28)
        #expect(toc.elements[0].step == .activities)
        #expect(toc.elements[0].leadsTo == ["apprehension"])
        #expect(toc.measured.map(\.id) == ["apprehension"])
        #expect(toc.horizon(ofValue: "12 mois") == .long)
        #expect(toc.horizon(ofValue: "autre") == nil)
    }

    @Test func aCodebookWithoutTheSectionHasNone() throws {
        let text = Self.yaml("").replacingOccurrences(of: "theory_of_change:\n", with: "")
        let (book, _) = try CodebookLoader.parseYAML(text, path: "cb.yaml")
        #expect(book.theoryOfChange == nil)
    }

    @Test func shapeErrorsAreLocated() {
        let toc = """
          outcomes:
            - id: x
              label: X
              step: result
              horizon: soon
              group: senior
              evidence: [confiance]
              evdence: [peur]
            - just a string
        """
        let d = yamlDiagnostics(Self.yaml(toc))
        #expect(errorLines(d) == [
            "cb.yaml:20:13: error: unknown step 'result' (use activities, outputs, outcomes or impact)",
            "cb.yaml:21:16: error: unknown horizon 'soon' (use short, long or both)",
            "cb.yaml:25:7: error: an outcome must be a mapping with 'id', 'label' and 'evidence', not 'just a string'",
        ])
        #expect(warningLines(d).contains { $0.hasPrefix("cb.yaml:24:7: warning: unknown key 'evdence' in an outcome, ignored; did you mean 'evidence'?") })
    }

    @Test func contentErrors() {
        let toc = """
          attribution:
            programme: [grase]
          outcomes:
            - id: a
              label: A
              group: senior
              evidence: [confianse]
              leads_to: [b, nowhere]
            - id: b
              label: B
              group: senior
              evidence: [confiance]
              leads_to: [a]
            - id: c
              label: C
            - id: a
              label: A again
              step: impact
              group: senior
              evidence: [peur]
        """
        let d = yamlDiagnostics(Self.yaml(toc))
        let errors = errorLines(d)
        #expect(errors.contains("cb.yaml:17: error: theory of change: 'attribution: programme' names unknown theme 'grase'; did you mean 'grace'?"))
        #expect(errors.contains("cb.yaml:20: error: theory of change: 'evidence' of outcome 'a' names unknown theme 'confianse'; did you mean 'confiance'?"))
        #expect(errors.contains("cb.yaml:20: error: theory of change: 'leads_to' of 'a' names unknown outcome 'nowhere'"))
        #expect(errors.contains("cb.yaml:32: error: theory of change: duplicate outcome id 'a' (first at line 20)"))
        #expect(errors.contains("cb.yaml:20: error: theory of change: the chain has a cycle: a → b → a"))
        let warnings = warningLines(d)
        #expect(warnings.contains("cb.yaml:30: warning: theory of change: outcome 'c' has no 'evidence' themes: the interviews cannot show it"))
        #expect(warnings.contains("cb.yaml:30: warning: theory of change: outcome 'c' has no 'group': it is read over every group"))
        #expect(warnings.contains("cb.yaml:17: warning: theory of change: 'horizons' gives no 'short' or 'long' values of 'wave': every outcome is read over all the interviews"))
    }

    @Test func aLinkBackDownTheChainIsAnError() {
        let toc = """
          attribution: {programme: [grace]}
          horizons: {short: [a], long: [b]}
          outcomes:
            - {id: x, label: X, group: senior, evidence: [confiance], leads_to: [y]}
            - {id: y, label: Y, step: activities}
        """
        #expect(errorLines(yamlDiagnostics(Self.yaml(toc))) == [
            "cb.yaml:20: error: theory of change: 'x' (outcomes) leads back to 'y' (activities): links go from activities towards impact",
        ])
    }

    @Test func studyValuesAreChecked() throws {
        let (book, _) = try CodebookLoader.parseYAML(Self.yaml(Self.good), path: "cb.yaml")
        let toc = try #require(book.theoryOfChange)
        let ok = TheoryOfChangeLinter.lint(toc, values: ["group": ["senior"], "wave": ["3-6 mois", "12 mois"]], path: "cb.yaml")
        #expect(ok.isEmpty)
        let bad = TheoryOfChangeLinter.lint(toc, values: ["group": ["seniors"], "wave": ["3-6 mois", "12 mois"]], path: "cb.yaml")
        #expect(bad.map(\.description) == [
            "cb.yaml:28: error: theory of change: the group of 'apprehension' 'senior' is not a value of 'group' in the study (values: 'seniors')",
        ])
        let noWave = TheoryOfChangeLinter.lint(toc, values: ["group": ["senior"]], path: "cb.yaml")
        #expect(noWave.map(\.description) == ["cb.yaml:17: error: theory of change: the study has no attribute 'wave' (attributes: group)"])
    }
}
