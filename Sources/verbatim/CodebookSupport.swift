import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCodebook
import VerbatimCoding

/// Loads the codebook a command works with: `--codebook FILE`, else the study's `codebook:`.
enum CodebookSupport {
    static func load(_ file: String?, study: Study?) throws -> (Codebook, [Diagnostic]) {
        let url: URL
        let path: String
        if let file {
            url = URL(fileURLWithPath: file)
            path = file
        } else if let u = study?.codebookURL {
            url = u
            path = Study.display(u)
        } else {
            throw CLIError("error: no codebook: pass --codebook FILE, or set 'codebook:' in verbatim.yaml")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw CLIError("\(path): error: no such codebook file")
        }
        if isDir.boolValue { throw CLIError("\(path): error: is a folder, not a codebook file") }
        do {
            return try CodebookLoader.load(url: url, path: path)
        } catch let e as CodebookErrors {
            for d in e.diagnostics { Terminal.report(d) }
            throw CLIError("\(path): error: the codebook has \(e.errors.count) error\(e.errors.count == 1 ? "" : "s"); nothing was coded", code: 1)
        } catch let e as CodebookError {
            throw CLIError(e.description)
        }
    }

    /// The codebook a coding command works with, loaded as `load` does; its warnings are summed up in
    /// one line (the linter lists them).
    static func loadForCoding(_ file: String?, study: Study) throws -> Codebook {
        let (book, warnings) = try load(file, study: study.root == nil ? nil : study)
        let warningCount = warnings.filter { $0.severity == .warning }.count
        if warningCount > 0 {
            Terminal.error("\(book.path): \(warningCount) codebook warning\(warningCount == 1 ? "" : "s"); see 'verbatim codebook lint'")
        }
        return book
    }

    /// The coding unit: `option` (`--unit`) when given, else the study's.
    static func codingUnit(_ option: String?, study: Study) throws -> CodingUnit {
        let name = option ?? study.config.unit
        guard let unit = CodingUnit(rawValue: name) else {
            throw CLIError("error: unknown unit '\(name)'\(option == nil ? " in \(Study.configName)" : "") (turn, sentence or paragraph)", code: 64)
        }
        return unit
    }
}
