import Foundation
import Testing
@testable import VerbatimCodebook
import VerbatimModel

/// The diagnostics a YAML codebook gives, whether it loads (warnings) or not (every diagnostic).
func yamlDiagnostics(_ yaml: String, path: String = "cb.yaml") -> [Diagnostic] {
    do {
        return try CodebookLoader.parseYAML(yaml, path: path).1
    } catch let e as CodebookErrors {
        return e.diagnostics
    } catch let e as CodebookError {
        return [e.diagnostic]
    } catch {
        Issue.record("unexpected error \(error)")
        return []
    }
}

/// The diagnostics a CSV codebook gives, whether it loads (warnings) or not (every diagnostic).
func csvDiagnostics(_ csv: String, path: String = "cb.csv") -> [Diagnostic] {
    do {
        return try CodebookLoader.parseCSV(Data(csv.utf8), path: path).1
    } catch let e as CodebookErrors {
        return e.diagnostics
    } catch let e as CodebookError {
        return [e.diagnostic]
    } catch {
        Issue.record("unexpected error \(error)")
        return []
    }
}

/// The one-line forms of the errors among `diagnostics`.
func errorLines(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.filter { $0.severity == .error }.map(\.description)
}

/// The one-line forms of the warnings among `diagnostics`.
func warningLines(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.filter { $0.severity == .warning }.map(\.description)
}

/// A minimal valid theme in YAML, indented for a `themes:` list, with `extra` lines added to it.
func theme(_ id: String, _ extra: String = "") -> String {
    var out = """
      - id: \(id)
        label: \(id.capitalized)
        definition: Something.
        rules:
          - any: [\(id)word]
    """
    if !extra.isEmpty {
        out += "\n" + extra.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }
    return out
}
