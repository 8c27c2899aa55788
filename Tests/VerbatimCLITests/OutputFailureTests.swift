import Foundation
import Testing
import VerbatimTestSupport

/// Standard output that cannot be written (a full disk) is one line on standard error and exit 1,
/// never a crash (issue 17).
@Suite struct OutputFailureTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full (Linux) to stand for a full disk"),
          arguments: [["code", "--format", "csv"], ["code"], ["stats", "--by", "group", "--format", "json"], ["excerpts", "--theme", "isolement"]])
    func aFullDiskIsAnErrorNotACrash(_ args: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "exec \"$0\" \"$@\" > /dev/full", Binary.executable.path] + args
        p.currentDirectoryURL = Repository.bundledStudy
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        p.environment = env
        let err = Pipe()
        p.standardError = err
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationReason == .exit, "no signal: \(message.prefix(300))")
        #expect(p.terminationStatus == 1)
        let lines = message.split(separator: "\n")
        #expect(lines.last == "verbatim: error: cannot write to standard output: No space left on device", "\(message.prefix(300))")
    }
}
