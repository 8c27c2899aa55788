import Foundation
import Testing
@testable import VerbatimCodebook
import VerbatimModel

/// Reading files: choice of format by extension and file-system problems.
@Suite struct CodebookLoaderTests {
    /// A fresh folder for one test.
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-codebook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let e as CodebookError {
            return e.description
        } catch let e as CodebookErrors {
            return e.description
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func chooseFormatByExtension() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = "codebook: demo\nthemes:\n" + theme("a", "examples: [a, b]\ncounterexamples: [c, d]") + "\n"
        for name in ["cb.yaml", "cb.yml", "CB.YAML"] {
            let url = folder.appendingPathComponent(name)
            try yaml.write(to: url, atomically: true, encoding: .utf8)
            let (codebook, diagnostics) = try CodebookLoader.load(url: url, path: name)
            #expect(codebook.id == "demo")
            #expect(codebook.path == name)
            #expect(diagnostics.isEmpty)
        }
        let csv = folder.appendingPathComponent("tags.csv")
        try "tag,description\nA,d\n".write(to: csv, atomically: true, encoding: .utf8)
        let (codebook, _) = try CodebookLoader.load(url: csv, path: "tags.csv")
        #expect(codebook.id == "tags")
        #expect(codebook.language == "en")
        #expect(codebook.themes.map(\.id) == ["a"])
    }

    @Test func fileProblems() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(message { _ = try CodebookLoader.load(url: folder.appendingPathComponent("none.yaml"), path: "none.yaml") }
                == "none.yaml: error: no such file")
        let txt = folder.appendingPathComponent("cb.txt")
        try "x".write(to: txt, atomically: true, encoding: .utf8)
        #expect(message { _ = try CodebookLoader.load(url: txt, path: "cb.txt") }
                == "cb.txt: error: unsupported codebook format '.txt': use .yaml, .yml or .csv")
        let dir = folder.appendingPathComponent("dir.yaml")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        #expect(message { _ = try CodebookLoader.load(url: dir, path: "dir.yaml") } == "dir.yaml: error: is a directory, not a codebook file")
        let latin = folder.appendingPathComponent("latin.yaml")
        try Data([0x63, 0x6F, 0x64, 0x65, 0x3A, 0x20, 0xE9, 0x0A]).write(to: latin)
        #expect(message { _ = try CodebookLoader.load(url: latin, path: "latin.yaml") } == "latin.yaml: error: the codebook is not UTF-8 text")
    }

    @Test func yamlErrorsFromAFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("bad.yaml")
        try "codebook: x\nthemes:\n  - id: A\n    label: A\n    rules: [{any: [\"re:(\"]}]\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(message { _ = try CodebookLoader.load(url: url, path: "bad.yaml") }
                == "bad.yaml:3: error: invalid theme id 'A': use lowercase letters, digits, '-' and '_', starting with a letter or a digit (and 1 more error)")
    }
}
