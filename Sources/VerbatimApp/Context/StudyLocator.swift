import Foundation
import VerbatimModel
import VerbatimStudy

/// Finds the study a command works in. One rule for every front end:
///
/// 1. the folder given (`--study DIR`), which must hold a `verbatim.yaml` or be inside a folder that
///    does (`--study my-study/transcripts` is `my-study`);
/// 2. else the study enclosing the current folder (found upwards, like git);
/// 3. else the study enclosing the first path named;
/// 4. else, when paths are named, defaults for bare files (no tables).
public enum StudyLocator {
    /// Opens the study.
    /// - Parameters:
    ///   - folder: The `--study` folder, if given.
    ///   - paths: The transcript files, folders or document names the command was given.
    ///   - cwd: The folder the command runs in.
    /// - Throws: a ``Diagnostic`` when no study can be found or its `verbatim.yaml` is invalid.
    public static func open(folder: String?, paths: [String] = [],
                            cwd: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws -> Study {
        if let folder {
            let url = URL(fileURLWithPath: folder, relativeTo: cwd).standardizedFileURL
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue else {
                throw Diagnostic.error(folder, "no such study folder")
            }
            // A folder inside a study (its transcripts, say) stands for the study above it.
            guard let root = Study.find(from: url) else {
                throw Diagnostic.error(folder, "not a study folder (no \(Study.configName) in it or above it); create one with 'verbatim init \(folder)'")
            }
            return try Study(root: root)
        }
        if let root = Study.find(from: cwd) { return try Study(root: root) }
        if let first = paths.first {
            let u = URL(fileURLWithPath: first, relativeTo: cwd)
            if let root = Study.find(from: u.hasDirectoryPath ? u : u.deletingLastPathComponent()) { return try Study(root: root) }
        }
        if paths.isEmpty {
            throw Diagnostic.error("", "no study here (no \(Study.configName) in this folder or above); use --study DIR, name transcript files, or run 'verbatim demo'")
        }
        return Study(bareFilesWith: StudyConfig())
    }

    /// The bundled study `Corpora/les-connectes`, looked for above the current folder, then above the
    /// running program.
    public static func bundledStudy(cwd: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) -> URL? {
        let rel = "Corpora/les-connectes"
        let starts = [cwd, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        for start in starts {
            var dir = start.standardizedFileURL
            while true {
                let candidate = dir.appendingPathComponent(rel)
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(Study.configName).path) { return candidate }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return nil
    }
}
