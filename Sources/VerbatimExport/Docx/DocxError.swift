import VerbatimModel

/// An error raised while producing or writing a DOCX file.
public enum DocxError: DiagnosticConvertible, CustomStringConvertible, Sendable, Equatable {
    /// The ZIP package could not be assembled; `part` names the entry being added.
    case packaging(part: String, reason: String)

    /// The error as a diagnostic naming the file or the part.
    public var diagnostic: Diagnostic {
        switch self {
        case .packaging(let part, let reason):
            return .error("", "cannot build the DOCX package (part \(part)): \(reason)")
        }
    }

    /// A one-line message for the terminal.
    public var description: String { diagnostic.description }
}
