import Foundation
import Testing
@testable import VerbatimCodebook
import VerbatimModel
import VerbatimTestSupport

/// Taguette's codebook import cases, read from `../shared/corpora/peer-tests/taguette`.
// Every test needs its case file in ../shared/corpora/peer-tests/taguette (Taguette's own test files) and
// is reported as skipped without it.
@Suite struct TaguetteConformanceTests {
    /// The folder of Taguette's case files, under `../shared`.
    static let folder = "corpora/peer-tests/taguette"

    /// Whether the case file `name` is there.
    static func has(_ name: String) -> Bool { Shared.exists("\(folder)/\(name)") }

    /// Loads one of the case files.
    func load(_ name: String) throws -> (Codebook, [Diagnostic]) {
        try CodebookLoader.load(url: Shared.url("\(Self.folder)/\(name)"), path: name)
    }

    /// The error a case file gives (an issue is recorded when it loads).
    func error(_ name: String) -> String {
        do {
            _ = try load(name)
            Issue.record("\(name) should not load")
            return ""
        } catch let e as CodebookError {
            return e.description
        } catch {
            Issue.record("\(name): unexpected \(error)")
            return ""
        }
    }

    @Test(.enabled(if: Self.has("codebook_valid_1.csv"), "needs ../shared/corpora/peer-tests/taguette/codebook_valid_1.csv"))
    func validWithNameColumn() throws {
        let (codebook, _) = try load("codebook_valid_1.csv")
        #expect(codebook.themes.map(\.label) == ["interesting", "people"])
        #expect(codebook.themes.map(\.id) == ["interesting", "people"])
        #expect(codebook.themes.map { $0.definition ?? "" } == ["", "Named persons"])
        #expect(codebook.themes.allSatisfy { $0.children.isEmpty && $0.rules.isEmpty })
    }

    @Test(.enabled(if: Self.has("codebook_valid_2.csv"), "needs ../shared/corpora/peer-tests/taguette/codebook_valid_2.csv"))
    func validWithPathColumn() throws {
        let (codebook, _) = try load("codebook_valid_2.csv")
        #expect(codebook.themes.map(\.label) == ["interesting", "people"])
        #expect(codebook.themes.map { $0.definition ?? "" } == ["", ""])
    }

    @Test(.enabled(if: Self.has("codebook_valid_3_blank_rows.csv"), "needs ../shared/corpora/peer-tests/taguette/codebook_valid_3_blank_rows.csv"))
    func validWithBlankRows() throws {
        let (codebook, _) = try load("codebook_valid_3_blank_rows.csv")
        #expect(codebook.themes.map(\.label) == ["interesting", "people"])
    }

    @Test(.enabled(if: Self.has("codebook_invalid_ambiguous.csv"), "needs ../shared/corpora/peer-tests/taguette/codebook_invalid_ambiguous.csv"))
    func invalidAmbiguous() {
        let message = error("codebook_invalid_ambiguous.csv")
        #expect(message == "codebook_invalid_ambiguous.csv:1: error: ambiguous: both 'name' and 'path' columns — not sure which column to use for the theme name")
    }

    @Test(.enabled(if: Self.has("codebook_invalid_nocolumn.csv"), "needs ../shared/corpora/peer-tests/taguette/codebook_invalid_nocolumn.csv"))
    func invalidNoColumn() {
        let message = error("codebook_invalid_nocolumn.csv")
        #expect(message == "codebook_invalid_nocolumn.csv:1: error: no 'tag', 'name' or 'path' column")
    }
}
