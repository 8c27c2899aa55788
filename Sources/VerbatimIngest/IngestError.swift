import VerbatimModel

/// Why a file could not be read. Each case prints as one line naming the file.
public struct IngestError: DiagnosticConvertible, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String

    public init(_ path: String, line: Int? = nil, _ message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { diagnostic.description }

    /// The error as an error diagnostic.
    public var diagnostic: Diagnostic { .error(path, line: line, message) }
}
