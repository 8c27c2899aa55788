import Foundation
import VerbatimModel
import VerbatimApp
import VerbatimExport

/// Terminal output: colours only when the stream is a terminal and NO_COLOR is not set.
enum Terminal {
    static let stdoutIsTTY = isatty(STDOUT_FILENO) != 0
    static let stderrIsTTY = isatty(STDERR_FILENO) != 0
    static let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false

    static var colorOut: Bool { stdoutIsTTY && !noColor }
    static var colorErr: Bool { stderrIsTTY && !noColor }

    static func style(_ s: String, _ code: String, _ err: Bool) -> String {
        (err ? colorErr : colorOut) ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }

    /// The text style of standard output: bold, dim and colours on a terminal, plain elsewhere.
    static var textStyle: TextStyle {
        TextStyle(strong: { style($0, "1", false) }, note: { style($0, "2", false) }, good: { style($0, "32", false) },
                  bad: { style($0, "31", false) }, caution: { style($0, "33", false) }, accent: { style($0, "36", false) })
    }

    /// The style of excerpts printed on a terminal: matched words in bold yellow.
    static var excerptStyle: ExcerptTextWriter.Style {
        colorOut ? ExcerptTextWriter.Style(highlight: { style($0, "1;33", false) }, heading: { style($0, "1", false) },
                                           dim: { style($0, "2", false) }) : .plain
    }

    /// Writes to standard output. A write that fails (a full disk, a closed file) is one line on
    /// standard error and exit code 1, never a trap; a reader that stopped reading (`| head`) ends the
    /// command quietly.
    static func out(_ s: String) {
        var s = s
        s.withUTF8 { out(UnsafeRawBufferPointer($0)) }
    }

    /// Writes bytes to standard output, as ``out(_:)`` does.
    static func out(_ data: Data) {
        data.withUnsafeBytes { out($0) }
    }

    private static func out(_ bytes: UnsafeRawBufferPointer) {
        let code = AtomicFile.writeAll(STDOUT_FILENO, bytes)
        if code == 0 { return }
        if code == EPIPE { exit(0) }
        rawError("verbatim: error: cannot write to standard output: \(String(cString: strerror(code)))\n")
        exit(1)
    }

    /// Writes to standard error, ignoring failures (there is nowhere left to say them).
    static func rawError(_ s: String) {
        var s = s
        _ = s.withUTF8 { AtomicFile.writeAll(STDERR_FILENO, UnsafeRawBufferPointer($0)) }
    }

    /// Writes `text` to stdout, ending with a newline.
    static func line(_ text: String) { out(text.hasSuffix("\n") ? text : text + "\n") }

    static func error(_ s: String) {
        rawError(s.hasSuffix("\n") ? s : s + "\n")
    }
}

/// The command line's diagnostic consumer: each problem on standard error as `path:line:col: severity:
/// message` (the severity coloured on a terminal), progress on standard error on a terminal only; it
/// remembers the exit code the errors call for.
final class Console: DiagnosticConsumer, @unchecked Sendable {
    private(set) var exitCode: Int32 = 0

    func report(_ d: Diagnostic) {
        if d.severity == .error { exitCode = max(exitCode, d.exitClass.exitCode) }
        var line = d.description
        if Terminal.colorErr {
            let tag = "\(d.severity.rawValue):"
            let code = d.severity == .error ? "31" : (d.severity == .warning ? "33" : "36")
            if let r = line.range(of: tag) { line.replaceSubrange(r, with: Terminal.style(tag, code, true)) }
        }
        Terminal.error(line)
    }

    /// Whether an error was reported.
    var failed: Bool { exitCode != 0 }

    func progress(_ done: Int, of total: Int, _ item: String) {
        guard Terminal.stderrIsTTY else { return }
        Terminal.rawError("\r\u{1B}[Kcoding \(done)/\(total) \(item)")
    }

    func endProgress() {
        guard Terminal.stderrIsTTY else { return }
        Terminal.rawError("\r\u{1B}[K")
    }
}
