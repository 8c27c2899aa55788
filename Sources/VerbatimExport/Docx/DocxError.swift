/// An error raised while producing or writing a DOCX file.
public enum DocxError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The ZIP package could not be assembled; `part` names the entry being added.
    case packaging(part: String, reason: String)
    /// The file could not be written or moved into place at `path`.
    case write(path: String, reason: String)

    /// A one-line message for the terminal.
    public var description: String {
        switch self {
        case .packaging(let part, let reason):
            return "cannot build the DOCX package (part \(part)): \(reason)"
        case .write(let path, let reason):
            return "\(path): cannot write the DOCX file: \(reason)"
        }
    }
}
