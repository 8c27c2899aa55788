import VerbatimModel

/// A problem that stops the reading of a codebook at once: the file cannot be read, its YAML is not
/// well formed, or a CSV file has no usable header.
///
/// The error carries one located diagnostic and prints as `path:line:column: error: message`.
public struct CodebookError: DiagnosticConvertible, CustomStringConvertible, Sendable {
    /// What went wrong, and where.
    public var diagnostic: Diagnostic

    /// Creates an error from a diagnostic.
    public init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }

    /// The diagnostic alone, so that callers can handle `CodebookError` and `CodebookErrors` alike.
    public var diagnostics: [Diagnostic] { [diagnostic] }

    /// The diagnostic on one line.
    public var description: String { diagnostic.description }
}

/// The problems found in a codebook that could be read but is not valid.
///
/// The loader does not stop at the first problem: it reads the whole file, checks it with
/// `CodebookLinter`, and throws this error when at least one diagnostic is an error. `diagnostics`
/// then holds every problem found (errors, warnings and notes), sorted by line, so that a command
/// can print them all at once:
///
/// ```swift
/// do {
///     let (codebook, warnings) = try CodebookLoader.load(url: url, path: path)
/// } catch let e as CodebookErrors {
///     e.diagnostics.forEach { print($0) }
/// } catch let e as CodebookError {
///     print(e)
/// }
/// ```
public struct CodebookErrors: Error, CustomStringConvertible, Sendable {
    /// Every diagnostic found (errors, warnings and notes), sorted by line; at least one is an error.
    public var diagnostics: [Diagnostic]
    /// The codebook as read, when it could be read whole (its errors are in its content), so that a
    /// caller can add the checks that need the study (the theory of change's values).
    public var codebook: Codebook?

    /// Creates the error from the diagnostics of one codebook.
    public init(diagnostics: [Diagnostic], codebook: Codebook? = nil) {
        self.diagnostics = diagnostics
        self.codebook = codebook
    }

    /// The errors alone.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// The warnings and notes alone.
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity != .error } }

    /// The first error, as a single `CodebookError`.
    public var first: CodebookError {
        CodebookError(errors.first ?? diagnostics.first ?? .error("", "invalid codebook"))
    }

    /// The first error on one line, followed by the number of other errors when there are any.
    /// Print `diagnostics` to show them all.
    public var description: String {
        let errs = errors
        guard let head = errs.first else { return diagnostics.first?.description ?? "invalid codebook" }
        let more = errs.count - 1
        return more == 0 ? head.description : "\(head.description) (and \(more) more error\(more == 1 ? "" : "s"))"
    }
}
