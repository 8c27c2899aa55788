import VerbatimModel

/// Why excerpts could not be selected. Each prints as one line.
public enum ExcerptError: DiagnosticConvertible, Equatable, CustomStringConvertible {
    /// A `--theme` that the codebook does not have, with the codebook's path and its theme ids.
    case unknownTheme(String, codebook: String, valid: [String])
    /// An attribute that no document or speaker has, with the option that named it and the valid names.
    case unknownAttribute(String, option: String, valid: [String])
    /// A `--where` that is not `NAME=VALUE`.
    case badFilter(String)
    /// Nothing matched the query.
    case emptySelection(String)

    /// Whether the error is a usage error (exit 64) rather than an input error (exit 1).
    public var isUsage: Bool {
        if case .badFilter = self { return true }
        return false
    }

    /// The error as a diagnostic, located in the codebook when a theme is unknown.
    public var diagnostic: Diagnostic {
        switch self {
        case let .unknownTheme(id, codebook, valid):
            return .error(codebook, "unknown theme '\(id)' (themes: \(valid.joined(separator: ", ")))")
        case let .unknownAttribute(name, option, valid):
            let list = valid.isEmpty ? "the documents have no attributes" : "attributes: \(valid.joined(separator: ", "))"
            return .error("", "unknown attribute '\(name)' in \(option) (\(list))")
        case let .badFilter(text):
            return .usage("--where takes NAME=VALUE, e.g. --where group=senior (got '\(text)')")
        case let .emptySelection(query):
            return .error("", "no excerpt matches \(query)")
        }
    }

    /// The one-line message, `path: error: ...` when a file is involved.
    public var description: String { diagnostic.description }
}
