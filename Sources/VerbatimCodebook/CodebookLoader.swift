import Foundation
import VerbatimModel

/// Reads codebooks from YAML or CSV files into the model, checking them on the way.
///
/// Every function reads the whole input and runs `CodebookLinter` on the result. It returns the
/// codebook with the warnings and notes found, or throws:
/// - `CodebookError` when the input cannot be read at all (missing file, unsupported extension,
///   YAML syntax error, a CSV without a usable name column): one diagnostic;
/// - `CodebookErrors` when the input was read but has errors: every diagnostic found, errors,
///   warnings and notes, sorted by line.
public enum CodebookLoader {
    /// Reads a codebook file, choosing the format by extension: `.yaml` or `.yml`, or `.csv`.
    ///
    /// - Parameters:
    ///   - url: the file to read.
    ///   - path: the file as the user named it, for messages.
    /// - Returns: the codebook and its non-fatal diagnostics (warnings and notes).
    public static func load(url: URL, path: String) throws -> (Codebook, [Diagnostic]) {
        let ext = url.pathExtension.lowercased()
        guard ["yaml", "yml", "csv"].contains(ext) else {
            let shown = ext.isEmpty ? "a file without extension" : "'.\(ext)'"
            throw CodebookError(.error(path, "unsupported codebook format \(shown): use .yaml, .yml or .csv"))
        }
        let data = try read(url, path: path)
        if ext == "csv" { return try parseCSV(data, path: path) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CodebookError(.error(path, "the codebook is not UTF-8 text"))
        }
        return try parseYAML(text, path: path)
    }

    /// Reads a codebook from YAML text (the documented `codebook:`/`themes:` format).
    public static func parseYAML(_ text: String, path: String) throws -> (Codebook, [Diagnostic]) {
        var reader = YAMLCodebookReader(text: text, path: path)
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let codebook = try reader.read(body)
        return try finish(codebook, reader.diagnostics, skipping: reader.skips)
    }

    /// Reads a codebook from CSV data, one theme a row.
    ///
    /// - Parameter language: the language of the terms, which a CSV file does not give.
    public static func parseCSV(_ data: Data, path: String, language: String = "en") throws -> (Codebook, [Diagnostic]) {
        var reader = CSVCodebookReader(path: path, language: language)
        let codebook = try reader.read(data)
        return try finish(codebook, reader.diagnostics, skipping: [])
    }

    /// Adds the linter's diagnostics to the reader's, sorts them by position, and throws when one is an error.
    private static func finish(_ codebook: Codebook, _ found: [Diagnostic],
                               skipping skips: Set<CodebookLinter.Skip>) throws -> (Codebook, [Diagnostic]) {
        let all = sorted(found + CodebookLinter.lint(codebook, skipping: skips))
        if all.contains(where: { $0.severity == .error }) { throw CodebookErrors(diagnostics: all, codebook: codebook) }
        return (codebook, all)
    }

    /// Diagnostics by line and column (those without a line first), keeping their order otherwise.
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let ka = (a.element.line ?? 0, a.element.column ?? 0, a.offset)
            let kb = (b.element.line ?? 0, b.element.column ?? 0, b.offset)
            return ka < kb
        }.map(\.element)
    }

    /// The bytes of a file, with a plain message when they cannot be read.
    private static func read(_ url: URL, path: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw CodebookError(.error(path, "no such file"))
        }
        if isDirectory.boolValue {
            throw CodebookError(.error(path, "is a directory, not a codebook file"))
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            let reason = (error as? CocoaError)?.code == .fileReadNoPermission ? "permission denied" : "the file cannot be read"
            throw CodebookError(.error(path, "cannot read the codebook: \(reason)"))
        }
    }
}
