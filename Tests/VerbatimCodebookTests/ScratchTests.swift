import Foundation
import Testing
@testable import VerbatimCodebook
import VerbatimModel

@Test func scratch() throws {
    let yaml = """
    codebook: demo
    language: fr
    colour: red
    themes:
      - id: Peur
        label: Peur
        color: #C0392B
        rules:
          - any: [peur, "a*", "re:(foo"]
          - some: [x]
          - near: [a, b]
          - near: [a, b]
            within: abc
          - near: [a, b]
            within: 0
          - any: []
          - {any: [x], all: [y]}
        negation: nope
        examples: ok
      - id: b
        label: B
        negation: b
        lable: x
        rules:
          - any: [peur, ""]
      - label: nolabel
        rules: foo
      - id: b
        label: dup
        roles: [boss]
    """
    do {
        _ = try CodebookLoader.parseYAML(yaml, path: "cb.yaml")
    } catch let e as CodebookErrors {
        for d in e.diagnostics { print(d) }
        print(e)
    }
    do { _ = try CodebookLoader.parseYAML("codebook: x\nthemes:\n  - id: a\n   label: b\n", path: "s.yaml") } catch { print(error) }
    do { _ = try CodebookLoader.parseYAML("codebook: x\nthemes: [a, \n", path: "s.yaml") } catch { print(error) }
}
