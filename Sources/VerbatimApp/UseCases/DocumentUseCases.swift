import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimExport

/// `verbatim show`: one transcript, turn by turn.
public enum ShowUseCase {
    /// Reads the document `doc` (a path, or a document name of the study). Returns nil when it cannot be
    /// found (the problem is reported); the transcript's own diagnostics are reported too.
    /// - Throws: a ``Diagnostic`` when `doc` is a folder or cannot be read.
    public static func run(_ doc: String, in context: StudyContext) throws -> Transcript? {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: doc, isDirectory: &isDir), isDir.boolValue {
            throw Diagnostic.error(doc, "is a folder, not a transcript file")
        }
        guard let entry = context.corpus([doc]).entries.first else { return nil }
        let t = try context.study.load(document: entry.document, url: entry.url)
        context.consumer.report(t.diagnostics)
        return t
    }
}

/// One line of `verbatim transcripts`.
public struct TranscriptRow: Sendable {
    public var document: String
    public var summary: JSONValue?
    public var format = ""
    public var turns = 0
    public var speakers: [Speaker] = []
    public var words = 0
    public var attributes = Attributes()
    public var failed = false
}

/// `verbatim transcripts`: every transcript with its format, turns, words, speakers and attributes.
public enum TranscriptsUseCase {
    /// Reads `paths` (the whole study when empty); each document's problems are reported.
    public static func run(paths: [String], in context: StudyContext) -> [TranscriptRow] {
        let corpus = context.corpus(paths)
        let rows: [(TranscriptRow, [Diagnostic])] = corpus.map { entry, result in
            switch result {
            case .failure(let d): return (TranscriptRow(document: entry.document, failed: true), [d])
            case .success(let t):
                return (TranscriptRow(document: t.document, summary: TranscriptJSON.summary(t), format: t.format.rawValue,
                                      turns: t.turns.count, speakers: t.speakers, words: t.wordCount, attributes: t.attributes),
                        t.diagnostics)
            }
        }
        for (_, diagnostics) in rows { context.consumer.report(diagnostics) }
        return rows.map(\.0)
    }
}

/// `verbatim attributes`: the attributes of documents and speakers, with their types and values.
public enum AttributesUseCase {
    /// Summarises the attributes of `paths` (the whole study when empty); the study's and each
    /// document's problems are reported.
    public static func run(paths: [String], in context: StudyContext) -> [AttributeSummary] {
        let corpus = context.corpus(paths)
        context.consumer.report(context.study.diagnostics)
        let results: [(Attributes, [Attributes], Diagnostic?)] = corpus.map { _, r in
            switch r {
            case .success(let t): return (t.attributes, Array(t.speakerAttributes.values), nil)
            case .failure(let d): return (Attributes(), [], d)
            }
        }
        for case let (_, _, d?) in results { context.consumer.report(d) }
        return AttributeSummary.summarize(documents: results.filter { $0.2 == nil }.map(\.0), speakers: results.flatMap(\.1))
    }
}
