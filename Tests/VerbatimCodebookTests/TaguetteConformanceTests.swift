import Foundation
import Testing
@testable import VerbatimCodebook
import VerbatimModel

/// Taguette's codebook import cases, read from `../shared/corpora/peer-tests/taguette` when it exists.
@Suite struct TaguetteConformanceTests {
    static let folder = sharedFolder("corpora/peer-tests/taguette")

    /// Loads one of the case files, or returns nil when the shared folder or the file is absent.
    func load(_ name: String) throws -> (Codebook, [Diagnostic])? {
        guard let url = Self.folder?.appendingPathComponent(name), FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try CodebookLoader.load(url: url, path: name)
    }

    /// The error a case file gives, or nil when the file is absent.
    func error(_ name: String) -> String? {
        guard let url = Self.folder?.appendingPathComponent(name), FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            _ = try CodebookLoader.load(url: url, path: name)
            Issue.record("\(name) should not load")
            return ""
        } catch let e as CodebookError {
            return e.description
        } catch {
            Issue.record("\(name): unexpected \(error)")
            return ""
        }
    }

    @Test func validWithNameColumn() throws {
        guard let (codebook, _) = try load("codebook_valid_1.csv") else { return }
        #expect(codebook.themes.map(\.label) == ["interesting", "people"])
        #expect(codebook.themes.map(\.id) == ["interesting", "people"])
        #expect(codebook.themes.map { $0.definition ?? "" } == ["", "Named persons"])
        #expect(codebook.themes.allSatisfy { $0.children.isEmpty && $0.rules.isEmpty })
    }

    @Test func validWithPathColumn() throws {
        guard let (codebook, _) = try load("codebook_valid_2.csv") else { return }
        #expect(codebook.themes.map(\.label) == ["interesting", "people"])
        #expect(codebook.themes.map { $0.definition ?? "" } == ["", ""])
    }

    @Test func validWithBlankRows() throws {
        guard let (codebook, _) = try load("codebook_valid_3_blank_rows.csv") else { return }
        #expect(codebook.themes.map(\.label) == ["interesting", "people"])
    }

    @Test func invalidAmbiguous() {
        guard let message = error("codebook_invalid_ambiguous.csv") else { return }
        #expect(message == "codebook_invalid_ambiguous.csv:1: error: ambiguous: both 'name' and 'path' columns — not sure which column to use for the theme name")
    }

    @Test func invalidNoColumn() {
        guard let message = error("codebook_invalid_nocolumn.csv") else { return }
        #expect(message == "codebook_invalid_nocolumn.csv:1: error: no 'tag', 'name' or 'path' column")
    }
}
