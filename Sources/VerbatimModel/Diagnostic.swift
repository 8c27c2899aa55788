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

    /// What kind of problem an error is, which decides a command's exit code: a problem with an input
    /// (a file, a value in it, a name that matches nothing) exits with 1, a malformed command line with 64.
    public enum ExitClass: String, Sendable, Codable {
        case input, usage

        /// The process exit code of this class: 1 for input problems, 64 (EX_USAGE) for usage errors.
        public var exitCode: Int32 { self == .usage ? 64 : 1 }
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
    /// Whether an error is about an input or about the command line.
    public var exitClass: ExitClass

    public init(_ severity: Severity, path: String, line: Int? = nil, column: Int? = nil, _ message: String,
                exitClass: ExitClass = .input) {
        self.severity = severity
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.exitClass = exitClass
    }

    public static func error(_ path: String, line: Int? = nil, column: Int? = nil, _ message: String) -> Diagnostic {
        Diagnostic(.error, path: path, line: line, column: column, message)
    }

    public static func warning(_ path: String, line: Int? = nil, column: Int? = nil, _ message: String) -> Diagnostic {
        Diagnostic(.warning, path: path, line: line, column: column, message)
    }

    /// An error in the command line (exit code 64), about no file in particular unless `path` is given.
    public static func usage(_ message: String, path: String = "") -> Diagnostic {
        Diagnostic(.error, path: path, message, exitClass: .usage)
    }

    /// A note: information that is neither an error nor a warning.
    public static func note(_ path: String, line: Int? = nil, _ message: String) -> Diagnostic {
        Diagnostic(.note, path: path, line: line, message)
    }

    /// The `path:line:column: severity: message` form, on one line; `severity: message` when the
    /// diagnostic is about no file in particular.
    public var description: String {
        var location = path
        if let line { location += ":\(line)" }
        if let column, line != nil { location += ":\(column)" }
        let oneLine = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        return location.isEmpty ? "\(severity.rawValue): \(oneLine)" : "\(location): \(severity.rawValue): \(oneLine)"
    }
}

/// An error that is, or can be said as, one located diagnostic: every module's error type conforms, so
/// that a front end reports any of them the same way (printed by the command line, shown by the
/// workbench) and takes the exit code from its ``Diagnostic/exitClass``.
public protocol DiagnosticConvertible: Error {
    /// The error as a diagnostic.
    var diagnostic: Diagnostic { get }
}

extension Diagnostic: DiagnosticConvertible {
    public var diagnostic: Diagnostic { self }
}

/// Where the application layer sends the problems it meets and the progress of long runs. The command
/// line prints them on standard error; the web workbench shows them.
public protocol DiagnosticConsumer: AnyObject, Sendable {
    /// Takes one problem (an error, a warning or a note).
    func report(_ diagnostic: Diagnostic)
    /// Progress of a long run over documents: `done` of `total`, the current document named.
    func progress(_ done: Int, of total: Int, _ item: String)
    /// The long run is over.
    func endProgress()
}

extension DiagnosticConsumer {
    public func progress(_ done: Int, of total: Int, _ item: String) {}
    public func endProgress() {}
    /// Reports each diagnostic in order.
    public func report(_ diagnostics: [Diagnostic]) { for d in diagnostics { report(d) } }
}
