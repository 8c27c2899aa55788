import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import VerbatimModel
import VerbatimStudy

/// Output formats every command offers.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}

/// Where the study is, shared by every command.
struct StudyOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The study folder (default: found from the current folder upwards).", valueName: "dir"))
    var study: String?

    /// The study to work in: --study, else the one enclosing the current folder, else the one
    /// enclosing the first path, else defaults for bare files.
    func open(paths: [String] = []) throws -> Study {
        if let study {
            let url = URL(fileURLWithPath: study)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue else {
                throw CLIError("\(study): error: no such study folder")
            }
            guard FileManager.default.fileExists(atPath: url.appendingPathComponent(Study.configName).path) else {
                throw CLIError("\(study): error: not a study folder (no \(Study.configName)); create one with 'verbatim init \(study)'")
            }
            return try wrap { try Study(root: url) }
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if let root = Study.find(from: cwd) { return try wrap { try Study(root: root) } }
        if let first = paths.first {
            let u = URL(fileURLWithPath: first)
            if let root = Study.find(from: u.hasDirectoryPath ? u : u.deletingLastPathComponent()) {
                return try wrap { try Study(root: root) }
            }
        }
        if paths.isEmpty {
            throw CLIError("error: no study here (no \(Study.configName) in this folder or above); use --study DIR, name transcript files, or run 'verbatim demo'")
        }
        return Study(bareFilesWith: StudyConfig())
    }

    private func wrap(_ f: () throws -> Study) throws -> Study {
        do { return try f() } catch let e as StudyError { throw CLIError(e.description) }
    }
}

/// A fatal error with its message printed as is, one line, exit code 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    var code: Int32 = 1
    init(_ message: String, code: Int32 = 1) {
        description = message
        self.code = code
    }
}

extension ParsableCommand {
    /// Runs `body`, turning a `CLIError` into its message on stderr and its exit code.
    func guarded(_ body: () throws -> Int32) throws {
        MemoryTuning.apply()
        do {
            let code = try body()
            if code != 0 { throw ExitCode(code) }
        } catch let e as CLIError {
            Terminal.error(e.description)
            throw ExitCode(e.code)
        }
    }
}

/// Process-wide memory settings for batch work on large transcripts.
enum MemoryTuning {
    /// Lets glibc serve the multi-megabyte buffers of each document (file bytes, decoded text, normalised
    /// text) from its heap instead of fresh mmap'd pages, so they are reused from one document to the
    /// next instead of being faulted in again. Memory is still returned to the system above 64 MB free.
    static func apply() {
        #if os(Linux)
        // glibc's <malloc.h>: M_TRIM_THRESHOLD = -1, M_MMAP_THRESHOLD = -3.
        _ = glibcMallopt(-3, 64 * 1024 * 1024)
        _ = glibcMallopt(-1, 64 * 1024 * 1024)
        #endif
    }
}

#if os(Linux)
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
