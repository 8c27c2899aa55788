import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the `verbatim` executable built beside the tests (the same build as the test bundle).
///
/// It never falls back to another build folder: a stale `.build/release/verbatim` would test old code.
public enum Binary {
    /// What a run printed and how it ended.
    public struct Result: Sendable {
        public var code: Int32
        public var out: String
        public var err: String
        /// Whether the process was killed by a signal rather than exiting.
        public var signalled: Bool
    }

    /// An error starting the program.
    public struct NotBuilt: Error, CustomStringConvertible {
        public var description: String
    }

    /// The executable: `verbatim` in the folder of the running test bundle.
    public static var executable: URL {
        let runner = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var dir = runner.deletingLastPathComponent()
        // On Linux the runner is `<build>/verbatimPackageTests.xctest`; on macOS it sits inside the bundle.
        while dir.pathExtension == "xctest" || dir.lastPathComponent == "MacOS" || dir.lastPathComponent == "Contents" {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("verbatim")
    }

    /// Whether the executable is there.
    public static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: executable.path) }

    /// Runs `verbatim ARGS` in `cwd` with `NO_COLOR=1` and `extraEnvironment`, feeding `input` on its
    /// standard input. Standard output and standard error are read at the same time, so that a long
    /// output on either cannot block the program.
    public static func run(_ arguments: [String], cwd: URL? = nil, environment extraEnvironment: [String: String] = [:],
                           input: Data? = nil) throws -> Result {
        guard isBuilt else { throw NotBuilt(description: "\(executable.path): the verbatim executable is not built beside the tests; run 'swift build'") }
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        p.currentDirectoryURL = cwd ?? FileManager.default.temporaryDirectory
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "VERBATIM_CODER")
        for (k, v) in extraEnvironment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inPipe
        try p.run()
        let errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        // The input is written on its own thread too, so that a program that prints before it reads
        // cannot block on a full pipe either way.
        group.enter()
        DispatchQueue.global().async {
            if let input { inPipe.fileHandleForWriting.write(input) }
            try? inPipe.fileHandleForWriting.close()
            group.leave()
        }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Result(code: p.terminationStatus, out: String(decoding: o, as: UTF8.self),
                      err: String(decoding: errBox.data, as: UTF8.self),
                      signalled: p.terminationReason == .uncaughtSignal)
    }
}

extension Binary {
    /// The time and memory a limited run may take.
    public struct Limits: Sendable {
        /// Wall-clock seconds before the program is killed.
        public var seconds: Double
        /// The address space the program may map, in MB (`ulimit -v`).
        public var memoryMB: Int
        public init(seconds: Double, memoryMB: Int) {
            self.seconds = seconds
            self.memoryMB = memoryMB
        }
    }

    /// How a limited run ended and how long it took.
    public struct LimitedResult: Sendable {
        public var result: Result
        /// Wall-clock seconds from start to exit.
        public var seconds: Double
        /// Whether the program was killed for running past the time limit.
        public var timedOut: Bool
    }

    /// Runs `verbatim ARGS` in `cwd` under `ulimit -v` (through `/bin/sh`, which then executes the
    /// program in its place) and kills it with SIGKILL past `limits.seconds`. A program that ran out of
    /// memory under the limit fails to allocate and is killed by a signal, which `result.signalled` shows.
    public static func run(_ arguments: [String], cwd: URL, limits: Limits) throws -> LimitedResult {
        guard isBuilt else { throw NotBuilt(description: "\(executable.path): the verbatim executable is not built beside the tests; run 'swift build'") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "ulimit -v \(limits.memoryMB * 1024) && exec \"$0\" \"$@\"", executable.path] + arguments
        p.currentDirectoryURL = cwd
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "VERBATIM_CODER")
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        let started = Date()
        try p.run()
        let killed = Flag()
        let pid = p.processIdentifier
        let timer = DispatchWorkItem {
            killed.set()
            kill(pid, SIGKILL)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + limits.seconds, execute: timer)
        let errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        timer.cancel()
        let seconds = Date().timeIntervalSince(started)
        let result = Result(code: p.terminationStatus, out: String(decoding: o, as: UTF8.self),
                            err: String(decoding: errBox.data, as: UTF8.self),
                            signalled: p.terminationReason == .uncaughtSignal)
        return LimitedResult(result: result, seconds: seconds, timedOut: killed.isSet)
    }
}

private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
}
