import VerbatimModel

/// Why an analysis cannot be computed: the messages name what was asked and list what is valid.
public enum AnalysisError: DiagnosticConvertible, Equatable, Sendable, CustomStringConvertible {
    /// No document has an attribute of this name; `attributes` are the names that exist.
    case unknownAttribute(String, attributes: [String])
    /// No theme has this id; `themes` are the valid ids, in tree order.
    case unknownTheme(String, themes: [String])
    /// There is nothing to count: no documents at all.
    case noDocuments
    /// No counted unit has a value for every one of these attributes; `level` is "participant" or
    /// "document", `hint` says where the attribute does exist, when it helps.
    case noValues(attributes: [String], level: String, hint: String?)
    /// An option value that is not allowed (e.g. the same attribute twice).
    case invalid(String)

    public var description: String {
        switch self {
        case let .unknownAttribute(name, attributes):
            return "unknown attribute '\(name)' (attributes: \(attributes.isEmpty ? "none" : attributes.joined(separator: ", ")))"
        case let .unknownTheme(id, themes):
            return "unknown theme '\(id)' (themes: \(themes.isEmpty ? "none" : themes.joined(separator: ", ")))"
        case .noDocuments:
            return "no documents to analyse"
        case let .noValues(attributes, level, hint):
            let names = attributes.map { "'\($0)'" }.joined(separator: " and ")
            return "no \(level) has a value for \(names)" + (hint.map { ": \($0)" } ?? "")
        case let .invalid(message):
            return message
        }
    }

    /// The error as a diagnostic about no file in particular (the analysis sees no files).
    public var diagnostic: Diagnostic { .error("", description) }
}
