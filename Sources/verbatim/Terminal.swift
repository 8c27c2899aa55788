import Foundation
import VerbatimModel

/// Terminal output: colours only when the stream is a terminal and NO_COLOR is not set.
enum Terminal {
    static let stdoutIsTTY = isatty(STDOUT_FILENO) != 0
    static let stderrIsTTY = isatty(STDERR_FILENO) != 0
    static let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    nonisolated(unsafe) static var colorOverride: Bool?

    static var colorOut: Bool { colorOverride ?? (stdoutIsTTY && !noColor) }
    static var colorErr: Bool { colorOverride ?? (stderrIsTTY && !noColor) }

    static func bold(_ s: String, err: Bool = false) -> String { style(s, "1", err) }
    static func dim(_ s: String, err: Bool = false) -> String { style(s, "2", err) }
    static func red(_ s: String, err: Bool = false) -> String { style(s, "31", err) }
    static func yellow(_ s: String, err: Bool = false) -> String { style(s, "33", err) }
    static func green(_ s: String, err: Bool = false) -> String { style(s, "32", err) }
    static func cyan(_ s: String, err: Bool = false) -> String { style(s, "36", err) }

    static func style(_ s: String, _ code: String, _ err: Bool) -> String {
        (err ? colorErr : colorOut) ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }

    static func out(_ s: String) {
        FileHandle.standardOutput.write(Data(s.utf8))
    }

    static func error(_ s: String) {
        FileHandle.standardError.write(Data((s.hasSuffix("\n") ? s : s + "\n").utf8))
    }

    /// Prints a diagnostic on stderr, coloured by severity on a terminal.
    static func report(_ d: Diagnostic) {
        var line = d.description
        if colorErr {
            let tag = "\(d.severity.rawValue):"
            let colored = d.severity == .error ? red(tag, err: true) : (d.severity == .warning ? yellow(tag, err: true) : cyan(tag, err: true))
            line = line.replacingOccurrences(of: " \(tag) ", with: " \(colored) ")
        }
        error(line)
    }

    /// Progress for long runs, on stderr, only on a terminal.
    static func progress(_ s: String) {
        guard stderrIsTTY else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(s)".utf8))
    }

    static func clearProgress() {
        guard stderrIsTTY else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
