import Foundation
import VerbatimModel

/// The study's memos: Markdown files in `memos/documents/<document>.md` and `memos/themes/<theme>.md`,
/// to read and edit in any text editor, and to merge with git.
public struct MemoStore: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    /// What a memo is about.
    public enum Subject: Sendable, Equatable {
        case document(String)
        case theme(String)

        var folder: String {
            switch self {
            case .document: return "documents"
            case .theme: return "themes"
            }
        }

        var name: String {
            switch self {
            case .document(let d): return d
            case .theme(let t): return t
            }
        }
    }

    /// The memo's file.
    public func file(_ subject: Subject) -> URL {
        let safe = subject.name.replacingOccurrences(of: "/", with: "__")
        return root.appendingPathComponent("memos").appendingPathComponent(subject.folder).appendingPathComponent(safe + ".md")
    }

    /// The memo's text, or nil when there is none.
    public func read(_ subject: Subject) -> String? {
        FileManager.default.contents(atPath: file(subject).path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Adds a paragraph to the memo, signed by `coder` with the time, creating the file when needed.
    /// - Throws: a ``Diagnostic`` when the file cannot be written.
    public func append(_ text: String, to subject: Subject, coder: String, time: String = HumanCoding.now()) throws {
        let url = file(subject)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw Diagnostic.error(Study.display(url.deletingLastPathComponent()), "cannot create the folder: \(SystemErrorText.reason(error))")
        }
        // Under the memos' lock, so that two processes adding at once both keep their paragraph.
        try FileLock.with("memos", in: root) {
            var memo = read(subject) ?? ""
            if !memo.isEmpty && !memo.hasSuffix("\n") { memo += "\n" }
            if !memo.isEmpty { memo += "\n" }
            memo += "_\(coder), \(time)_\n\n" + text.trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
            try AtomicFile.write(Data(memo.utf8), to: url)
        }
    }
}
