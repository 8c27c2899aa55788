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
        return try execute(p, input: input).result
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
        let killed = Flag()
        var timer: DispatchWorkItem?
        let (result, seconds) = try execute(p, input: nil) { pid in
            let t = DispatchWorkItem {
                killed.set()
                kill(pid, SIGKILL)
            }
            timer = t
            DispatchQueue.global().asyncAfter(deadline: .now() + limits.seconds, execute: t)
        }
        timer?.cancel()
        return LimitedResult(result: result, seconds: seconds, timedOut: killed.isSet)
    }
}

extension Binary {
    /// Runs `p` with its standard output and error read at the same time (so that a long output on
    /// either cannot block the program) and `input` written on a thread of its own (so that a program
    /// that prints before it reads cannot block either way). `started` gets the process id once it runs.
    static func execute(_ p: Process, input: Data?, started: ((Int32) -> Void)? = nil) throws -> (result: Result, seconds: Double) {
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inPipe
        let start = Date()
        try p.run()
        started?(p.processIdentifier)
        let errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            if let input { inPipe.fileHandleForWriting.write(input) }
            try? inPipe.fileHandleForWriting.close()
            group.leave()
        }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        let result = Result(code: p.terminationStatus, out: String(decoding: o, as: UTF8.self),
                            err: String(decoding: errBox.data, as: UTF8.self),
                            signalled: p.terminationReason == .uncaughtSignal)
        return (result, Date().timeIntervalSince(start))
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
