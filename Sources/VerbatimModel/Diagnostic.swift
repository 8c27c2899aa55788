/// A problem found while reading or checking an input, located by path and, when known, line and column.
///
/// Diagnostics print in the conventional compiler form `path:line:column: severity: message`, so that
/// editors and scripts can jump to them.
public struct Diagnostic: Sendable, Equatable, Hashable, Codable, Error, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Codable, Comparable {
        case error, warning, note

        private var rank: Int { self == .error ? 2 : (self == .warning ? 1 : 0) }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// The file the diagnostic is about, as the user named it.
    public var path: String
    /// The 1-based line in that file, when there is one.
    public var line: Int?
    /// The 1-based column, when there is one.
    public var column: Int?
    /// One line of English saying what is wrong.
    public var message: String

    public init(_ severity: Severity, path: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.severity = severity
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public static func error(_ path: String, line: Int? = nil, column: Int? = nil, _ message: String) -> Diagnostic {
        Diagnostic(.error, path: path, line: line, column: column, message)
    }

    public static func warning(_ path: String, line: Int? = nil, column: Int? = nil, _ message: String) -> Diagnostic {
        Diagnostic(.warning, path: path, line: line, column: column, message)
    }

    /// The `path:line:column: severity: message` form, on one line.
    public var description: String {
        var location = path
        if let line { location += ":\(line)" }
        if let column, line != nil { location += ":\(column)" }
        let oneLine = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        return "\(location): \(severity.rawValue): \(oneLine)"
    }
}
