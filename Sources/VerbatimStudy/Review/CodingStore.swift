import Foundation
import VerbatimModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The coders' files of a study: `codings/<coder>.jsonl`, one decision per line.
///
/// Reading never fails as a whole: a malformed line (a hand edit, a merge with conflict markers) is a
/// diagnostic with its file and line, and the other lines still count. Writing takes the coder's lock
/// (`.verbatim/locks/<coder>.lock`, so that two processes of the same coder wait for each other),
/// reads the file again, applies the change, and replaces the file atomically: a process killed in the
/// middle leaves the old file or the new one, never half of one.
public struct CodingStore: Sendable {
    /// The study folder.
    public let root: URL
    public var folder: URL { root.appendingPathComponent("codings") }

    public init(root: URL) { self.root = root }

    /// Every coding file's decisions, with the problems met.
    public struct Contents: Sendable {
        public var codings: [HumanCoding] = []
        public var diagnostics: [Diagnostic] = []
        /// The files read, by coder.
        public var coders: [String] = []
    }

    /// Reads every `codings/*.jsonl` (or only `coder`'s).
    public func read(coder: String? = nil) -> Contents {
        var out = Contents()
        let files: [URL]
        if let coder {
            files = [file(for: coder)].filter { FileManager.default.fileExists(atPath: $0.path) }
        } else {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            files = names.filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
        }
        for url in files {
            let (codings, problems) = Self.parse(url: url, display: Study.display(url))
            out.codings += codings
            out.diagnostics += problems
            out.coders.append(String(url.lastPathComponent.dropLast(6)))
        }
        return out
    }

    /// The file of `coder`.
    public func file(for coder: String) -> URL { folder.appendingPathComponent(CoderName.fileName(coder)) }

    /// Parses one coding file.
    public static func parse(url: URL, display: String) -> ([HumanCoding], [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return ([], [.error(display, "cannot read the coding file")])
        }
        var codings: [HumanCoding] = []
        var problems: [Diagnostic] = []
        let decoder = JSONDecoder()
        var lineNumber = 0
        for raw in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.last == UInt8(ascii: "\r") ? raw.dropLast() : raw
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            if let first = line.first, [UInt8(ascii: "<"), UInt8(ascii: "="), UInt8(ascii: ">")].contains(first),
               line.count >= 7, Set(line.prefix(7)).count == 1 {
                problems.append(.error(display, line: lineNumber, "a merge conflict marker: resolve the conflict (keep both coders' lines), then remove the marker lines"))
                continue
            }
            do {
                let c = try decoder.decode(HumanCoding.self, from: Data(line))
                if let problem = check(c) {
                    problems.append(.error(display, line: lineNumber, problem + "; the line is ignored"))
                } else {
                    codings.append(c)
                }
            } catch {
                problems.append(.error(display, line: lineNumber, "not a coding (one JSON object per line with id, document, turn, start, end, quote, theme, coder, status, time); the line is ignored"))
            }
        }
        return (codings, problems)
    }

    /// What is wrong with a decoded coding, if anything.
    static func check(_ c: HumanCoding) -> String? {
        if c.id.isEmpty { return "a coding without an id" }
        if c.start < 0 || c.end < c.start { return "start and end are not a span (start \(c.start), end \(c.end))" }
        if c.status != .manual && c.suggestion == nil { return "an \(c.status.rawValue) decision without its 'suggestion'" }
        if c.theme.isEmpty { return "a coding without a theme" }
        return nil
    }

    /// Changes `coder`'s file under the coder's lock: `change` gets the file's current decisions (the
    /// ones that could be read) and returns the new ones. Malformed lines are kept as they are, at the
    /// end of the file, so that nothing a person wrote is lost.
    /// - Throws: a ``Diagnostic`` when the file cannot be locked or written, or what `change` throws.
    @discardableResult
    public func update<T>(coder: String, _ change: (inout [HumanCoding]) throws -> T) throws -> T {
        try CoderName.validate(coder)
        let fm = FileManager.default
        return try FileLock.with("codings-" + CoderName.fileName(coder), in: root) {
            try locked(coder: coder, fm: fm, change)
        }
    }

    private func locked<T>(coder: String, fm: FileManager, _ change: (inout [HumanCoding]) throws -> T) throws -> T {
        let url = file(for: coder)
        let display = Study.display(url)
        var codings: [HumanCoding] = []
        var kept: [Data] = []
        if let data = fm.contents(atPath: url.path) {
            let decoder = JSONDecoder()
            for raw in data.split(separator: UInt8(ascii: "\n")) where !raw.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                if let c = try? decoder.decode(HumanCoding.self, from: Data(raw)), Self.check(c) == nil { codings.append(c) } else { kept.append(Data(raw)) }
            }
        }
        let before = codings
        let result = try change(&codings)
        // Nothing changed (a failed untag, say): the file is left as it is, and none is created.
        if codings == before { return result }
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic.error(Study.display(folder), "cannot create the folder: \(SystemErrorText.reason(error))")
        }
        codings.sort(by: HumanCoding.fileOrder)
        var out = Data()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for c in codings {
            do { out.append(try encoder.encode(c)) } catch { throw Diagnostic.error(display, "cannot encode a coding: \(SystemErrorText.reason(error))") }
            out.append(UInt8(ascii: "\n"))
        }
        for k in kept { out.append(k); out.append(UInt8(ascii: "\n")) }
        try AtomicFile.write(out, to: url)
        return result
    }
}
