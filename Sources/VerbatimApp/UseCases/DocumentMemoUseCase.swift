import Foundation
import VerbatimModel
import VerbatimStudy

/// The memo of one document (`memos/documents/<document>.md`), as `verbatim memo DOCUMENT` reads and
/// adds to it, for callers that show it beside the document.
public enum DocumentMemoUseCase {
    /// The document's name as the study lists it, and its memo (nil when it has none).
    /// - Throws: a ``Diagnostic`` when the document is not in the study.
    public static func read(_ document: String, in context: StudyContext) throws -> (document: String, memo: String?) {
        let name = try context.transcript(document).document
        return (name, MemoStore(root: try context.studyRoot()).read(.document(name)))
    }

    /// Adds a paragraph signed by `coder` to the document's memo; returns the memo as it now is.
    /// - Throws: a ``Diagnostic`` for an empty text or a document not in the study; nothing is written then.
    public static func add(_ text: String, to document: String, coder: String, in context: StudyContext) throws -> (document: String, memo: String) {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw Diagnostic.usage("the memo text is empty") }
        try CoderName.validate(coder)
        let name = try context.transcript(document).document
        let store = MemoStore(root: try context.studyRoot())
        try store.append(text, to: .document(name), coder: coder)
        return (name, store.read(.document(name)) ?? "")
    }
}
