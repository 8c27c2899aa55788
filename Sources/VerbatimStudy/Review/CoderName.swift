import Foundation
import VerbatimModel

/// Who is coding: `--coder NAME`, else `VERBATIM_CODER`, else `git config user.name`.
public enum CoderName {
    /// The coder's name, or nil when none is set.
    public static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                               cwd: URL? = nil) -> String? {
        if let option, !option.trimmingCharacters(in: .whitespaces).isEmpty { return option.trimmingCharacters(in: .whitespaces) }
        if let env = environment["VERBATIM_CODER"], !env.trimmingCharacters(in: .whitespaces).isEmpty {
            return env.trimmingCharacters(in: .whitespaces)
        }
        return gitUserName(cwd: cwd)
    }

    /// The coder's name for a command that writes.
    /// - Throws: a ``Diagnostic`` saying how to set one.
    public static func require(option: String?, cwd: URL? = nil) throws -> String {
        guard let name = resolve(option: option, cwd: cwd) else {
            throw Diagnostic.error("", "who is coding? pass --coder NAME, set VERBATIM_CODER=NAME, or run 'git config --global user.name NAME'")
        }
        try validate(name)
        return name
    }

    /// A name must make a file name: no `/`, no control characters, not `.` or `..`, at most 64 characters.
    public static func validate(_ name: String) throws {
        if name.count > 64 || name == "." || name == ".." || name.hasPrefix(".")
            || name.unicodeScalars.contains(where: { $0 == "/" || $0 == "\\" || $0.value < 0x20 || $0 == ":" }) {
            throw Diagnostic.usage("'\(name)' cannot be a coder's name: it names the file codings/<coder>.jsonl (no /, \\, :, leading dot, or control characters; at most 64 characters)")
        }
    }

    /// The file-name form of a name (spaces kept: `codings/Marie Dupont.jsonl`).
    public static func fileName(_ name: String) -> String { name + ".jsonl" }

    static func gitUserName(cwd: URL?) -> String? {
        let candidates = ["/usr/bin/git", "/usr/local/bin/git", "/bin/git"]
        guard let git = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: git)
        p.arguments = ["config", "user.name"]
        if let cwd { p.currentDirectoryURL = cwd }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        let name = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return name.isEmpty ? nil : name
    }
}
