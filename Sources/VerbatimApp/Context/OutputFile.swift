import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import VerbatimModel
import VerbatimStudy
import VerbatimExport

/// A file a use case is asked to write (`-o FILE`), checked before any work is done and written
/// atomically (``AtomicFile``) once the whole output is ready.
///
/// Every `-o` goes through it, and it never lets one replace an input: a transcript, anything inside a
/// transcripts folder, the attribute and names tables, the codebook, `verbatim.yaml`, or anything inside
/// the study's `codings/`, `memos/` or `.verbatim/` folders (see ``StudyInputs``). Paths are compared
/// once resolved (symbolic links followed, `..` removed) and, for files that exist, by their identity
/// on disk, so that a hard link or another spelling of the same file (another case, on a file system
/// that ignores case) is refused as well. An output that exists and is not an input is replaced.
public struct OutputFile: Sendable {
    /// The path as the user gave it.
    public let path: String
    public var url: URL { URL(fileURLWithPath: path) }

    /// Checks that `path` can be written: it is not a folder, its folder exists, and it is none of the
    /// inputs of `study` nor of the command (`inputs`: the files and folders it was given, its
    /// `--codebook`).
    /// - Parameters:
    ///   - path: The file to write, as given.
    ///   - study: The study the command reads (for bare files, a study without a folder).
    ///   - inputs: Other files and folders the command reads, as given on its command line.
    ///   - cwd: The folder relative paths are taken from.
    /// - Throws: a ``Diagnostic`` naming the path (an input error, exit 1).
    public init(_ path: String, study: Study, inputs: [String] = [],
                cwd: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws {
        guard !path.isEmpty else { throw Diagnostic.usage("-o needs a file name") }
        let absolute = URL(fileURLWithPath: path, relativeTo: cwd)
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: absolute.path, isDirectory: &isDir), isDir.boolValue {
            throw Diagnostic.error(path, "is a folder; -o takes a file name")
        }
        let folder = absolute.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir) || !isDir.boolValue {
            let shown = URL(fileURLWithPath: path).deletingLastPathComponent().path
            throw Diagnostic.error(path, "no such folder '\(shown)'")
        }
        let guarded = StudyInputs(study: study, inputs: inputs, cwd: cwd)
        if let what = guarded.input(at: absolute) {
            throw Diagnostic.error(path, "\(what); verbatim never writes over its inputs: choose another file")
        }
        self.path = path
    }

    /// Checks that `folder` can take the files a command writes into it (`verbatim demo --output`): it is
    /// not the study folder, nor inside a transcripts folder or the study's `codings/`, `memos/` or
    /// `.verbatim/`, and none of `files` in it is an input.
    /// - Throws: a ``Diagnostic`` naming the folder (an input error, exit 1).
    public static func requireFolder(_ folder: String, study: Study, files: [String] = [],
                                     cwd: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws {
        guard !folder.isEmpty else { throw Diagnostic.usage("--output needs a folder name") }
        let absolute = URL(fileURLWithPath: folder, relativeTo: cwd)
        let guarded = StudyInputs(study: study, cwd: cwd)
        if let what = guarded.folderRole(absolute) {
            throw Diagnostic.error(folder, "\(what); verbatim never writes among its inputs: choose another folder")
        }
        for name in files {
            if let what = guarded.input(at: absolute.appendingPathComponent(name)) {
                let role = what.hasPrefix("is ") ? String(what.dropFirst(3)) : what
                throw Diagnostic.error(folder, "would replace '\(name)', \(role); choose another folder")
            }
        }
    }

    /// The file to write and its format, checked: first that `path` is none of the inputs (see
    /// ``init(_:study:inputs:cwd:)``), then that its extension and `format` agree (see
    /// ``resolve(_:format:default:command:)``: the file may get the format's extension), then the file
    /// as it will be written.
    /// - Throws: a ``Diagnostic``: an input error (exit 1) for an input or a missing folder, a usage
    ///   error (exit 64) for an extension that does not fit.
    public static func checked<F: FileFormat>(_ path: String, format: F?, default fallback: F, command: String,
                                              study: Study, inputs: [String] = [],
                                              cwd: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws -> (file: OutputFile, format: F) {
        _ = try OutputFile(path, study: study, inputs: inputs, cwd: cwd)
        let resolved = try resolve(path, format: format, default: fallback, command: command)
        let file = resolved.path == path ? OutputFile(checkedPath: path)
            : try OutputFile(resolved.path, study: study, inputs: inputs, cwd: cwd)
        return (file, resolved.format)
    }

    private init(checkedPath: String) { path = checkedPath }

    /// The path and format of an output, checked against each other:
    /// - a path without an extension gets the format's (`--format`, else `fallback`);
    /// - with `--format`, the path's extension must be one of that format's;
    /// - without, the extension chooses the format, and must be one the command writes.
    /// - Parameters:
    ///   - path: The file name as given.
    ///   - format: The `--format` option, when given.
    ///   - fallback: The format when neither `--format` nor an extension says.
    ///   - command: The command, for the message (`excerpts`).
    /// - Throws: a usage ``Diagnostic`` (exit 64) listing the formats and their extensions.
    public static func resolve<F: FileFormat>(_ path: String, format: F?, default fallback: F,
                                              command: String) throws -> (path: String, format: F) {
        let name = URL(fileURLWithPath: path).lastPathComponent
        // A device or a pipe (`/dev/stdout`, `/dev/null`, a FIFO) is written as it is named.
        if AtomicFile.isWrittenDirectly(path) {
            let implied = F.inferFromExtension(path)
            return (path, format ?? implied ?? fallback)
        }
        let ext = name.hasPrefix(".") && !name.dropFirst().contains(".") ? "" : (name as NSString).pathExtension.lowercased()
        let list = F.allCases.map { "\($0.rawValue) .\($0.fileExtensions[0])" }.joined(separator: ", ")
        if ext.isEmpty {
            let f = format ?? fallback
            return (path + "." + f.fileExtensions[0], f)
        }
        let implied = F.allCases.first { $0.fileExtensions.contains(ext) }
        if let format {
            if implied == format { return (path, format) }
            throw Diagnostic.usage("'.\(ext)' is not a \(format.rawValue) file: --format \(format.rawValue) writes .\(format.fileExtensions[0]) (formats of verbatim \(command): \(list))", path: path)
        }
        guard let implied else {
            throw Diagnostic.usage("verbatim \(command) does not write '.\(ext)' files (formats: \(list))", path: path)
        }
        return (path, implied)
    }

    /// Writes the whole file, replacing any file there.
    /// - Throws: ``AtomicFile/WriteError``.
    public func write(_ data: Data) throws { try AtomicFile.write(data, to: url) }
}

/// A format a command writes to a file, known by the extensions of its files.
public protocol FileFormat: RawRepresentable, CaseIterable, Equatable, Sendable where RawValue == String {
    /// The extensions of the format's files, without the dot, the usual one first.
    var fileExtensions: [String] { get }
}

extension FileFormat {
    /// The format a file name implies by its extension, if any.
    public static func inferFromExtension(_ path: String) -> Self? {
        let ext = (path as NSString).pathExtension.lowercased()
        return ext.isEmpty ? nil : allCases.first { $0.fileExtensions.contains(ext) }
    }
}

/// The files and folders a study reads, which nothing verbatim writes may replace.
struct StudyInputs {
    /// A file or folder that is an input, with what it is (`is the study's case table...`).
    struct Entry {
        var path: String
        var identity: FileIdentity?
        var what: String
        var isFolder: Bool
    }

    private(set) var entries: [Entry] = []
    /// The study folder, resolved.
    private(set) var root: (path: String, identity: FileIdentity?)?

    init(study: Study, inputs: [String] = [], cwd: URL) {
        let config = Study.configName
        if let r = study.root {
            let rootPath = StudyInputs.resolved(r)
            root = (rootPath, FileIdentity(rootPath))
            add(r.appendingPathComponent(config), "is the study's settings (\(config))")
            for folder in study.config.transcripts {
                add(study.transcriptsFolder(folder) ?? r.appendingPathComponent(folder), folder: "the study's transcripts folder '\(folder)'")
            }
            add(r.appendingPathComponent(study.config.cases), "is the study's case table ('cases:' in \(config))")
            add(r.appendingPathComponent(study.config.participants), "is the study's participants table ('participants:' in \(config))")
            if let names = study.config.namesFile {
                add(r.appendingPathComponent(names), "is the study's names table ('names:' in \(config))")
            }
            if let codebook = study.codebookURL {
                add(codebook, "is the study's codebook ('codebook:' in \(config))")
            }
            add(r.appendingPathComponent(IndicatorTable.fileName), "is the study's questionnaire figures (\(IndicatorTable.fileName))")
            add(r.appendingPathComponent(ExchangeIDs.fileName), "is the study's REFI-QDA identities (\(ExchangeIDs.fileName), written by 'verbatim import')")
            add(r.appendingPathComponent("sets"), folder: "the study's sets/ folder (document sets)")
            add(r.appendingPathComponent("codings"), folder: "the study's codings/ folder (the coders' decisions)")
            add(r.appendingPathComponent("memos"), folder: "the study's memos/ folder")
            add(r.appendingPathComponent(".verbatim"), folder: "the study's .verbatim/ folder (its index and locks)")
        }
        for input in inputs where !input.isEmpty {
            let u = URL(fileURLWithPath: input, relativeTo: cwd)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: u.path, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                add(u, folder: "'\(input)', a folder this command reads")
            } else {
                add(u, "is '\(input)', a file this command reads")
            }
        }
    }

    private mutating func add(_ url: URL, _ what: String) {
        let p = StudyInputs.resolved(url)
        entries.append(Entry(path: p, identity: FileIdentity(p), what: what, isFolder: false))
    }

    private mutating func add(_ url: URL, folder what: String) {
        let p = StudyInputs.resolved(url)
        entries.append(Entry(path: p, identity: FileIdentity(p), what: what, isFolder: true))
    }

    /// What input the file at `url` is (`is the study's case table ...`, `is inside the study's
    /// transcripts folder ...`), or nil when it is none.
    func input(at url: URL) -> String? {
        let p = StudyInputs.resolved(url)
        let identity = FileIdentity(p)
        for e in entries where !e.isFolder {
            if e.path == p || (identity != nil && identity == e.identity) { return e.what }
        }
        if let folder = containingFolder(of: p) { return "is inside \(folder.what)" }
        return nil
    }

    /// What the folder at `url` is among the inputs (the study folder, a transcripts folder or inside
    /// one...), or nil.
    func folderRole(_ url: URL) -> String? {
        let p = StudyInputs.resolved(url)
        let identity = FileIdentity(p)
        if let root, root.path == p || (identity != nil && identity == root.identity) {
            return "is the study folder"
        }
        for e in entries where e.isFolder {
            if e.path == p || (identity != nil && identity == e.identity) { return "is \(e.what)" }
        }
        for e in entries where !e.isFolder {
            if e.path == p || (identity != nil && identity == e.identity) { return e.what }
        }
        if let folder = containingFolder(of: p) { return "is inside \(folder.what)" }
        return nil
    }

    /// The input folder holding the resolved path `p`, by path or by the identity of one of its parents.
    private func containingFolder(of p: String) -> Entry? {
        let folders = entries.filter(\.isFolder)
        if folders.isEmpty { return nil }
        if let e = folders.first(where: { p.hasPrefix($0.path == "/" ? "/" : $0.path + "/") }) { return e }
        let identities = folders.compactMap { e in e.identity.map { ($0, e) } }
        if identities.isEmpty { return nil }
        var dir = URL(fileURLWithPath: p).deletingLastPathComponent().path
        while true {
            if let id = FileIdentity(dir), let hit = identities.first(where: { $0.0 == id }) { return hit.1 }
            let parent = URL(fileURLWithPath: dir).deletingLastPathComponent().path
            if parent == dir || parent.isEmpty { return nil }
            dir = parent
        }
    }

    /// The absolute path of `url` with its symbolic links followed and `.` and `..` removed, as far as
    /// it exists; the rest is appended as written, without `.` and `..`.
    static func resolved(_ url: URL) -> String {
        let path = url.path
        if let real = realPath(path) { return real }
        // A symbolic link to a file that does not exist yet: where it points.
        let target = AtomicFile.resolvedTarget(url.standardizedFileURL.path).path
        if target != url.standardizedFileURL.path { return resolved(URL(fileURLWithPath: target)) }
        let last = url.lastPathComponent
        let parent = url.deletingLastPathComponent()
        if last == ".." || last == "." || parent.path == path || parent.path.isEmpty {
            return url.standardizedFileURL.path
        }
        return (resolved(parent) as NSString).appendingPathComponent(last)
    }

    private static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}

/// A file's identity on disk (device and inode): the same for every path to one file.
struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64

    init?(_ path: String) {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        device = UInt64(s.st_dev)
        inode = UInt64(s.st_ino)
    }
}
