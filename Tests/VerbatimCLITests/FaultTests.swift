import Foundation
import Testing
import VerbatimTestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private struct SpawnError: Error, CustomStringConvertible { var description: String }

/// Starts `argv` with SIGINT, SIGTERM and SIGHUP at their default disposition; returns its pid.
private func spawnWithDefaultSignals(_ argv: [String], environment: [String: String], stderr: String) throws -> pid_t {
    var attr = posix_spawnattr_t()
    posix_spawnattr_init(&attr)
    defer { posix_spawnattr_destroy(&attr) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for s in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, s) }
    posix_spawnattr_setsigdefault(&attr, &defaults)
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    posix_spawnattr_setsigmask(&attr, &unblocked)
    posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    var files = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&files)
    defer { posix_spawn_file_actions_destroy(&files) }
    posix_spawn_file_actions_addopen(&files, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&files, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for p in cArgs + cEnv { free(p) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, argv[0], &files, &attr, cArgs, cEnv)
    guard rc == 0 else { throw SpawnError(description: "posix_spawn \(argv[0]): \(String(cString: strerror(rc)))") }
    return pid
}

/// The hidden temporary files beside an output (`.NAME.verbatim-PID-N.tmp`).
private func temporaries(in folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".tmp") }
}

/// A C compiler to build the test's fsync shim with: clang or cc on the PATH, else the usual places.
private let compiler: String? = {
    var candidates: [String] = []
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        candidates += ["\(dir)/clang", "\(dir)/cc"]
    }
    candidates += ["/usr/bin/cc", "/usr/bin/clang", "/usr/bin/gcc"]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

#if os(Linux)
private let canPreload = compiler != nil
#else
private let canPreload = false
#endif

/// A run killed while it writes `-o` leaves the old file whole and no temporary file; one killed by
/// SIGKILL leaves its temporary file, which the next run writing there removes (issue 17).
///
/// The write is made slow from outside the program: a tiny library, compiled here and preloaded
/// (`LD_PRELOAD`), makes `fsync` wait, so that the temporary file is surely there, whole, when the
/// signal comes.
@Suite(.serialized) struct KilledWriteTests {
    /// Builds the preloaded library in `folder`: `fsync` sleeps for VERBATIM_TEST_FSYNC_SLEEP seconds.
    func slowFsyncLibrary(in folder: URL) throws -> URL {
        let source = folder.appendingPathComponent("slowfsync.c")
        let library = folder.appendingPathComponent("slowfsync.so")
        try """
        #define _GNU_SOURCE
        #include <dlfcn.h>
        #include <stdlib.h>
        #include <unistd.h>
        int fsync(int fd) {
            const char *s = getenv("VERBATIM_TEST_FSYNC_SLEEP");
            if (s) sleep((unsigned)atoi(s));
            int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
            return real ? real(fd) : 0;
        }
        """.write(to: source, atomically: true, encoding: .utf8)
        let cc = Process()
        cc.executableURL = URL(fileURLWithPath: compiler!)
        cc.arguments = ["-shared", "-fPIC", "-o", library.path, source.path, "-ldl"]
        try cc.run()
        cc.waitUntilExit()
        #expect(cc.terminationStatus == 0, "the fsync shim does not compile")
        return library
    }

    @Test(.enabled(if: canPreload && Binary.isBuilt, "needs Linux (LD_PRELOAD) and a C compiler for the slow-fsync shim"),
          arguments: [SIGTERM, SIGINT])
    func aSignalDuringTheWriteLeavesTheOldFileAndNoTemporary(_ signal: Int32) throws {
        let study = try StudyCopy()
        defer { study.remove() }
        let library = try slowFsyncLibrary(in: study.base)
        let old = Data("the old excerpts\n".utf8)
        try study.write("extraits.md", old)
        // Started with posix_spawn, the signals at their default disposition: a test runner may ignore
        // SIGINT or SIGTERM, and a child inherits that (a program keeps signals ignored when it starts).
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["LD_PRELOAD"] = library.path
        env["VERBATIM_TEST_FSYNC_SLEEP"] = "30"
        let argv = [Binary.executable.path, "excerpts", "--study", study.root.path, "--theme", "isolement", "-o", study.url("extraits.md").path]
        let errFile = study.base.appendingPathComponent("stderr.txt")
        let pid = try spawnWithDefaultSignals(argv, environment: env, stderr: errFile.path)
        // The temporary file appears, written whole, while fsync waits.
        let deadline = Date().addingTimeInterval(60)
        var seen: [String] = []
        var status: Int32 = 0
        var ended = false
        while Date() < deadline {
            seen = temporaries(in: study.root)
            if !seen.isEmpty { break }
            if waitpid(pid, &status, WNOHANG) == pid { ended = true; break }
            usleep(20_000)
        }
        try #require(!ended && seen.count == 1, "no temporary file while writing: \(seen), status \(status): \((try? String(contentsOf: errFile, encoding: .utf8)) ?? "")")
        #expect(seen[0].hasPrefix(".extraits.md.verbatim-\(pid)-"), "\(seen)")
        usleep(200_000)
        kill(pid, signal)
        #expect(waitpid(pid, &status, 0) == pid)
        #expect(status & 0x7f == signal, "killed by the signal, as without the handler (wait status \(status))")
        #expect(temporaries(in: study.root).isEmpty, "\(temporaries(in: study.root))")
        #expect(try study.bytes("extraits.md") == old)
    }

    @Test(.enabled(if: Binary.isBuilt, "runs the built program")) func aLeftoverOfADeadProcessIsRemovedByTheNextRun() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        // A process that has ended: its pid is free (the system gives pids in turn, not again soon).
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/sh")
        gone.arguments = ["-c", "exit 0"]
        try gone.run()
        gone.waitUntilExit()
        let dead = ".extraits.md.verbatim-\(gone.processIdentifier)-1.tmp"
        let alive = ".extraits.md.verbatim-\(getpid())-1.tmp"
        let other = ".autre.md.verbatim-\(gone.processIdentifier)-1.tmp"
        for name in [dead, alive, other] { try study.write(name, Data("half a fi".utf8)) }
        let r = try study.run(["excerpts", "--theme", "isolement", "-o", "extraits.md"])
        #expect(r.code == 0, "\(r.err)")
        let left = Set(temporaries(in: study.root))
        #expect(!left.contains(dead), "the dead process's leftover is removed")
        #expect(left.contains(alive), "a running process's temporary file is left alone")
        #expect(left.contains(other), "another output's leftover is not this run's business")
        #expect(left.count == 2, "\(left)")
        #expect(String(decoding: try study.bytes("extraits.md"), as: UTF8.self).hasPrefix("# "))
    }

    @Test(.enabled(if: Binary.isBuilt, "runs the built program")) func noTemporaryIsLeftAfterASuccessOrAnError() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        let ok = try study.run(["excerpts", "--theme", "isolement", "-o", "extraits.md"])
        #expect(ok.code == 0, "\(ok.err)")
        let report = try study.run(["report", "-o", "rapport.html"])
        #expect(report.code == 0, "\(report.err)")
        #expect(temporaries(in: study.root).isEmpty, "\(temporaries(in: study.root))")
        // A folder that cannot take the temporary file: the write fails, nothing is left.
        if FileManager.default.fileExists(atPath: "/dev/full") {
            let full = try Binary.run(["excerpts", "--theme", "isolement", "--study", study.root.path, "-o", "/dev/full"], cwd: study.base)
            #expect(full.code == 1)
            #expect(full.err == "/dev/full: error: cannot write the file: No space left on device\n", "\(full.err)")
        }
        #expect(temporaries(in: study.root).isEmpty)
    }
}

/// `-o` naming a symbolic link, a device, a FIFO or a folder (issue 17).
@Suite(.serialized) struct OutputTargetTests {
    @Test func aSymbolicLinkIsWrittenThroughAndStays() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        let fm = FileManager.default
        try fm.createDirectory(at: study.base.appendingPathComponent("ailleurs"), withIntermediateDirectories: true)
        try Data("old\n".utf8).write(to: study.base.appendingPathComponent("ailleurs/vrai.md"))
        try fm.createSymbolicLink(atPath: study.url("lien.md").path, withDestinationPath: "../ailleurs/vrai.md")
        let r = try study.run(["excerpts", "--theme", "isolement", "-o", "lien.md"])
        #expect(r.code == 0, "\(r.err)")
        #expect(try fm.destinationOfSymbolicLink(atPath: study.url("lien.md").path) == "../ailleurs/vrai.md")
        let text = try String(contentsOf: study.base.appendingPathComponent("ailleurs/vrai.md"), encoding: .utf8)
        #expect(text.hasPrefix("# "))
        #expect(temporaries(in: study.base.appendingPathComponent("ailleurs")).isEmpty)
        // A link to a file not there yet creates it.
        try fm.createSymbolicLink(atPath: study.url("nouveau.md").path, withDestinationPath: "../ailleurs/nouveau.md")
        let n = try study.run(["excerpts", "--theme", "isolement", "-o", "nouveau.md"])
        #expect(n.code == 0, "\(n.err)")
        #expect(fm.fileExists(atPath: study.base.appendingPathComponent("ailleurs/nouveau.md").path))
        #expect(try fm.destinationOfSymbolicLink(atPath: study.url("nouveau.md").path) == "../ailleurs/nouveau.md")
    }

    @Test func aLinkToAnInputIsRefusedEvenWhenItPointsToNothingYet() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: study.url("lien.csv").path, withDestinationPath: "cases.csv")
        let before = try study.bytes("cases.csv")
        let r = try study.run(["excerpts", "-o", "lien.csv"])
        #expect(r.code == 1)
        #expect(r.err.hasPrefix("lien.csv: error: is the study's case table"), "\(r.err)")
        #expect(try study.bytes("cases.csv") == before)
        try fm.createDirectory(at: study.url("codings"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: study.url("piege.md").path, withDestinationPath: "codings/nouveau.md")
        let d = try study.run(["excerpts", "-o", "piege.md"])
        #expect(d.code == 1)
        #expect(d.err.hasPrefix("piege.md: error: is inside the study's codings/ folder"), "\(d.err)")
        #expect(!fm.fileExists(atPath: study.url("codings/nouveau.md").path))
    }

    @Test func devicesAreWrittenNotReplaced() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        let null = try study.run(["excerpts", "--theme", "isolement", "-o", "/dev/null"])
        #expect(null.code == 0, "\(null.err)")
        var info = stat()
        #expect(stat("/dev/null", &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFCHR, "/dev/null is still a device")
        #expect(!FileManager.default.fileExists(atPath: "/dev/null.txt"))
        // Standard output, here a pipe.
        let out = try study.run(["excerpts", "--theme", "isolement", "--format", "markdown", "-o", "/dev/stdout"])
        #expect(out.code == 0, "\(out.err)")
        #expect(out.out.hasPrefix("# "), "\(out.out.prefix(200))")
        #expect(temporaries(in: URL(fileURLWithPath: "/dev")).isEmpty)
    }

    @Test func aFIFOIsWrittenDirectly() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        let fifo = study.base.appendingPathComponent("tube.md")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        final class Box: @unchecked Sendable { var data = Data() }
        let box = Box()
        let reader = Thread {
            if let h = FileHandle(forReadingAtPath: fifo.path) { box.data = h.readDataToEndOfFile() }
        }
        reader.start()
        let r = try study.run(["excerpts", "--theme", "isolement", "-o", fifo.path])
        #expect(r.code == 0, "\(r.err)")
        while !reader.isFinished { usleep(10_000) }
        #expect(String(decoding: box.data, as: UTF8.self).hasPrefix("# "))
        var info = stat()
        #expect(lstat(fifo.path, &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFIFO, "the FIFO is still a FIFO")
    }

    @Test func aFolderIsRefusedInOneLine() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        try FileManager.default.createDirectory(at: study.url("sortie"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: study.url("lien").path, withDestinationPath: "sortie")
        for (args, name) in [(["excerpts", "-o", "sortie"], "sortie"), (["report", "-o", "lien"], "lien")] {
            let r = try study.run(args)
            #expect(r.code == 1)
            #expect(r.err == "\(name): error: is a folder; -o takes a file name\n", "\(r.err)")
        }
        var isDir: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: study.url("sortie").path, isDirectory: &isDir) && isDir.boolValue)
    }
}

/// Problems of the study itself that every command reading it reports, with exit 1 (issue 17).
@Suite(.serialized) struct StudyFaultTests {
    /// The lines of `err` that are errors.
    func errors(_ err: String) -> [String] { err.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") } }

    func setTranscripts(_ value: String, in study: StudyCopy) throws {
        let config = study.url("verbatim.yaml")
        let text = try String(contentsOf: config, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasPrefix("transcripts:") ? "transcripts: \(value)" : String(line)
        }
        try lines.joined(separator: "\n").write(to: config, atomically: true, encoding: .utf8)
    }

    static let readers: [[String]] = [["code"], ["code", "--format", "csv"], ["transcripts"], ["stats", "--by", "group"], ["check"],
                                      ["excerpts", "--theme", "isolement"]]

    @Test func aCaseTableThatCannotBeReadIsAnErrorEverywhere() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        let fm = FileManager.default
        try fm.moveItem(at: study.url("cases.csv"), to: study.url("cases-old.csv"))
        try fm.createSymbolicLink(atPath: study.url("cases.csv").path, withDestinationPath: "archive/cases.csv")
        for args in Self.readers {
            let r = try study.run(args)
            #expect(r.code == 1, "\(args)")
            #expect(errors(r.err).contains("cases.csv: error: cannot read the case table ('cases:' in verbatim.yaml): it is a symbolic link to 'archive/cases.csv', which does not exist"), "\(args): \(r.err)")
        }
        try fm.removeItem(at: study.url("cases.csv"))
        try fm.createDirectory(at: study.url("cases.csv"), withIntermediateDirectories: true)
        let r = try study.run(["code"])
        #expect(r.code == 1)
        #expect(errors(r.err) == ["cases.csv: error: cannot read the case table ('cases:' in verbatim.yaml): it is a folder"], "\(r.err)")
    }

    @Test(.enabled(if: getuid() != 0, "a file without read permission can still be read by root"))
    func aCaseTableWithoutPermissionIsAnError() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        #expect(chmod(study.url("cases.csv").path, 0) == 0)
        defer { chmod(study.url("cases.csv").path, 0o644) }
        let r = try study.run(["code"])
        #expect(r.code == 1)
        #expect(errors(r.err).contains { $0.hasPrefix("cases.csv: error: cannot read the case table") }, "\(r.err)")
    }

    @Test func aFrontMatterThatCannotBeReadIsAnError() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        let body = "Enquêtrice : Bonjour.\n\nMme Roux : Bonjour, oui.\n"
        let cases: [(String, String)] = [
            ("---\n- senior\n- Lyon\n---\n", "transcripts/S99-liste.txt:2: error: the front matter must map attribute names to values"),
            ("---\ngroup: senior\ngroup: partenaire\n---\n", "transcripts/S99-liste.txt:3:1: error: duplicate key 'group' (first at line 2)"),
            ("---\ngroup: [senior\n---\n", "transcripts/S99-liste.txt:3:1: error: YAML syntax error"),
        ]
        for (front, expected) in cases {
            try study.write("transcripts/S99-liste.txt", Data((front + body).utf8))
            for args in [["show", "S99-liste"], ["code"], ["code", "--format", "csv"], ["check"]] {
                let r = try study.run(args)
                #expect(r.code == 1, "\(args) \(front): \(r.err)")
                #expect(errors(r.err).contains { $0.hasPrefix(expected) }, "\(args) \(front): \(r.err)")
            }
        }
    }

    @Test func aMisspeltOrMissingTranscriptsFolderIsAnErrorEverywhere() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        try setTranscripts("transcrits", in: study)
        for args in Self.readers + [["report", "-o", "rapport.html"]] {
            let r = try study.run(args)
            #expect(r.code == 1, "\(args): \(r.err)")
            #expect(errors(r.err).first == "verbatim.yaml:7: error: the transcripts folder 'transcrits' does not exist (transcrits): check 'transcripts:'", "\(args): \(r.err)")
        }
        let check = try study.run(["check"])
        #expect(!check.out.contains("no errors"), "\(check.out)")
        // A file in its place.
        try study.write("transcrits", Data("x".utf8))
        let file = try study.run(["code"])
        #expect(file.code == 1)
        #expect(errors(file.err).first == "verbatim.yaml:7: error: the transcripts folder 'transcrits' is not a folder (transcrits): check 'transcripts:'", "\(file.err)")
    }

    @Test func anEmptyTranscriptsFolderIsAnError() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        try FileManager.default.createDirectory(at: study.url("vide"), withIntermediateDirectories: true)
        try study.write("vide/notes.csv", Data("a,b\n".utf8))
        try setTranscripts("vide", in: study)
        for args in Self.readers {
            let r = try study.run(args)
            #expect(r.code == 1, "\(args): \(r.err)")
            #expect(errors(r.err).contains("vide: error: the study's transcripts folder holds no transcript file (.txt, .md, .docx, .odt, .vtt, .srt, .sbv): nothing to read"), "\(args): \(r.err)")
        }
    }

    @Test func aLinkedTranscriptsFolderIsFollowed() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        try FileManager.default.moveItem(at: study.url("transcripts"), to: study.base.appendingPathComponent("entretiens"))
        try FileManager.default.createSymbolicLink(atPath: study.url("transcripts").path, withDestinationPath: "../entretiens")
        let check = try study.run(["check"])
        #expect(check.out.hasPrefix("30 documents checked, 30 read"), "\(check.out)")
        #expect(errors(check.err).isEmpty, "\(check.err)")
        let t = try study.run(["transcripts", "--format", "csv"])
        #expect(t.code == 0, "\(t.err)")
        #expect(t.out.contains("S01-lyon.txt"))
        // The linked folder is still an input.
        let o = try study.run(["excerpts", "-o", "transcripts/extraits.md"])
        #expect(o.code == 1)
        #expect(o.err.contains("is inside the study's transcripts folder"), "\(o.err)")
    }

    @Test(arguments: ["relative", "absolute"]) func aTranscriptsFolderOutsideTheStudyIsAWarning(_ how: String) throws {
        let study = try StudyCopy()
        defer { study.remove() }
        let outside = study.base.appendingPathComponent("ailleurs/entretiens")
        try FileManager.default.createDirectory(at: outside.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: study.url("transcripts"), to: outside)
        try setTranscripts(how == "relative" ? "../ailleurs/entretiens" : outside.path, in: study)
        let real = outside.resolvingSymlinksInPath().path
        let written = how == "relative" ? "../ailleurs/entretiens" : outside.path
        for args in [["code"], ["check"], ["transcripts"]] {
            let r = try study.run(args)
            #expect(r.code == 0, "\(args): \(r.err)")
            let warnings = r.err.split(separator: "\n").filter { $0.contains("outside the study folder") }
            #expect(warnings == ["verbatim.yaml:7: warning: the transcripts folder '\(written)' is outside the study folder: reading \(real)"[...]], "\(args): \(r.err)")
        }
        let check = try study.run(["check"])
        #expect(check.out.hasPrefix("30 documents checked, 30 read"), "\(check.out)")
    }
}
