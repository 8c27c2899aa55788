import Foundation
import VerbatimModel

/// Finds the document a researcher means by a name: in `cases.csv` and `participants.csv`, and on the
/// command line (`show`, `stats`, `--explain DOC:TURN`, `tag`...). The one place where names are matched,
/// so that a name finds the same document everywhere.
///
/// A document's name is its path inside the transcripts folder (`course/transcript.txt`). A name finds
/// it when it is, in this order:
/// 1. that path (also written with the transcripts folder in front: `transcripts/course/transcript.txt`);
/// 2. the end of that path, whole components: the file name `transcript.txt`, or `course/transcript.txt`
///    for `en/course/transcript.txt`;
/// 3. the same without the extension: `transcript`, `course/transcript`;
/// 4. steps 2 and 3 ignoring case.
///
/// The first step that finds anything decides: one document is the answer; several are an ambiguous
/// name, which is an error listing them (nothing is picked for the researcher).
public struct DocumentResolver: Sendable {
    public enum Match: Equatable, Sendable {
        case document(String)
        /// The documents the name could mean, sorted.
        case ambiguous([String])
        case none
    }

    /// The documents, by their path inside the transcripts folder.
    public let documents: [String]
    /// The transcripts folders, relative to the study (`transcripts`), which a name may start with.
    public let folders: [String]
    private let exact: Set<String>

    public init(documents: [String], folders: [String] = []) {
        self.documents = documents
        self.folders = folders.map(DocumentResolver.clean).filter { !$0.isEmpty && $0 != "." }
        self.exact = Set(documents)
    }

    /// The document `name` means.
    public func resolve(_ name: String) -> Match {
        let name = DocumentResolver.clean(name)
        guard !name.isEmpty else { return .none }
        if exact.contains(name) { return .document(name) }
        for folder in folders where name.hasPrefix(folder + "/") {
            let inside = String(name.dropFirst(folder.count + 1))
            if exact.contains(inside) { return .document(inside) }
        }
        for ignoringCase in [false, true] {
            let wanted = ignoringCase ? name.lowercased() : name
            func ends(_ path: String) -> Bool {
                let p = ignoringCase ? path.lowercased() : path
                return p == wanted || p.hasSuffix("/" + wanted)
            }
            let byPath = documents.filter { ends($0) }
            if let m = DocumentResolver.match(byPath) { return m }
            let byStem = documents.filter { ends(DocumentResolver.withoutExtension($0)) }
            if let m = DocumentResolver.match(byStem) { return m }
        }
        return .none
    }

    private static func match(_ found: [String]) -> Match? {
        switch found.count {
        case 0: return nil
        case 1: return .document(found[0])
        default: return .ambiguous(found.sorted { NaturalOrder($0) < NaturalOrder($1) })
        }
    }

    /// The message for an ambiguous `name`: `'transcript' could be any of 2 documents: a/transcript.txt,
    /// b/transcript.txt; write its path inside the transcripts folder`.
    public static func ambiguity(_ name: String, _ candidates: [String]) -> String {
        "'\(name)' could be any of \(candidates.count) documents: \(candidates.joined(separator: ", ")); write its path inside the transcripts folder"
    }

    /// `course/transcript.txt` → `course/transcript`.
    static func withoutExtension(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return (path as NSString).deletingPathExtension }
        let file = String(path[path.index(after: slash)...])
        return String(path[...slash]) + (file as NSString).deletingPathExtension
    }

    /// Trims spaces, writes `\` as `/`, drops a leading `./` and a trailing `/`.
    static func clean(_ name: String) -> String {
        var s = name.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\\", with: "/")
        while s.hasPrefix("./") { s.removeFirst(2) }
        while s.count > 1 && s.hasSuffix("/") { s.removeLast() }
        return s
    }
}
