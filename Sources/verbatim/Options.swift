import ArgumentParser
import CVerbatimSystem
import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimApp

/// Output formats every command offers.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}

/// Output formats of the analysis commands (stats, matrix, cooccur).
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case text, csv, json, markdown
}

extension ExcerptFormat: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}

/// Where the study is, shared by every command.
struct StudyOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The study folder (default: found from the current folder upwards).", valueName: "dir"))
    var study: String?

    /// The study to work in (see `StudyLocator`), reporting to `console`; blind coding (`BlindCoding`)
    /// when `blind` (a `--blind` flag) or VERBATIM_BLIND asks for it, for `coder` (else VERBATIM_CODER, else git).
    func context(paths: [String] = [], _ console: Console, blind: Bool = false, coder: String? = nil) throws -> StudyContext {
        let context = try StudyContext(folder: study, paths: paths, consumer: console)
        context.blind = BlindCoding.resolve(flag: blind, coder: coder)
        return context
    }
}

extension ParsableCommand {
    /// Runs a command's body with a console: a problem thrown by the library is printed as a diagnostic,
    /// and the exit code is the worst of the body's own code and of the errors reported (input → 1,
    /// usage → 64).
    func execute(_ body: (Console) throws -> Int32) throws {
        MemoryTuning.apply()
        let console = Console()
        var code: Int32 = 0
        do {
            code = try body(console)
        } catch let e as DiagnosticConvertible {
            console.endProgress()
            console.report(e.diagnostic)
        }
        code = max(code, console.exitCode)
        if code != 0 { throw ExitCode(code) }
    }
}

/// Process-wide memory settings for batch work on large transcripts.
enum MemoryTuning {
    /// Lets glibc serve the multi-megabyte buffers of each document (file bytes, decoded text, normalised
    /// text) from its heap instead of fresh mmap'd pages, so they are reused from one document to the
    /// next instead of being faulted in again. Memory is still returned to the system above 64 MB free.
    static func apply() {
        _ = verbatim_tune_malloc(64 * 1024 * 1024)
    }
}
