import VerbatimModel

/// Why a report could not be built. Each prints as one line.
public enum ReportError: DiagnosticConvertible, Equatable, CustomStringConvertible {
    /// An attribute named by an option that no document or participant has.
    case unknownAttribute(String, option: String, valid: [String])
    /// A theme id that the codebook does not have.
    case unknownTheme(String, codebook: String, valid: [String])
    /// The selection holds no document to report on.
    case emptySelection(String)
    /// An option value that is not allowed.
    case invalid(String)
    /// An input file that could not be read (for the fingerprint).
    case unreadable(String)

    /// The error as a diagnostic, located in the file it concerns when there is one.
    public var diagnostic: Diagnostic {
        switch self {
        case let .unknownAttribute(name, option, valid):
            let list = valid.isEmpty ? "the documents have no attributes" : "attributes: \(valid.joined(separator: ", "))"
            return .error("", "unknown attribute '\(name)' in \(option) (\(list))")
        case let .unknownTheme(id, codebook, valid):
            return .error(codebook, "unknown theme '\(id)' (themes: \(valid.joined(separator: ", ")))")
        case let .emptySelection(what):
            return .error("", "nothing to report: \(what)")
        case let .invalid(message):
            return .error("", message)
        case let .unreadable(path):
            return .error(path, "cannot read the file")
        }
    }

    /// The one-line message.
    public var description: String { diagnostic.description }
}
