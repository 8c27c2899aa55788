import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCoding

/// How far each coder has got with each document: the share of its participant turns the coder coded
/// (by hand, or by accepting a rules' suggestion), and how many of the rules' suggestions the coder
/// decided (accepted or rejected).
public enum ReviewProgressUseCase {
    public struct Coder: Sendable, Equatable {
        /// Participant turns with at least one of the coder's manual codings or accepted suggestions.
        public var codedTurns = 0
        /// The rules' suggestions of the document the coder accepted or rejected.
        public var decided = 0
        /// The coder's manual codings in the document (any turn).
        public var manual = 0
        public init() {}
    }

    public struct Document: Sendable {
        public var document: String
        /// Turns not spoken by an interviewer.
        public var participantTurns = 0
        /// The rules' suggestions in the document.
        public var suggestions = 0
        /// By coder's name.
        public var coders: [String: Coder] = [:]
    }

    public struct Result: Sendable {
        /// Every coder with a coding in `codings/`, and `alwaysCoder` when given, sorted.
        public var coders: [String]
        /// By document name.
        public var documents: [String: Document]
    }

    /// Codes the study with its codebook and counts each coder's work per document.
    /// - Parameter alwaysCoder: a coder listed even without a file yet (the workbench's own).
    /// - Throws: a ``Diagnostic`` when the codebook cannot be loaded.
    public static func run(alwaysCoder: String? = nil, in context: StudyContext) throws -> Result {
        let root = try context.studyRoot()
        let book = try context.codebook(nil)
        let coded = StudyPipeline.run(study: context.study, codebook: book, unit: try context.unit())
        let store = CodingStore(root: root).read()
        var coders = Set(store.codings.map(\.coder))
        if let alwaysCoder { coders.insert(alwaysCoder) }
        let byDocument = Dictionary(grouping: store.codings, by: \.document)
        var out: [String: Document] = [:]
        for d in coded.documents {
            var doc = Document(document: d.document)
            let participantTurns = Set(d.turns.filter { $0.role != .interviewer }.map(\.index))
            doc.participantTurns = participantTurns.count
            let ids = Set(SuggestionID.ids(for: d.codings))
            doc.suggestions = ids.count
            for c in coders { doc.coders[c] = Coder() }
            let mine = Dictionary(grouping: byDocument[d.document] ?? [], by: \.coder)
            for (coder, codings) in mine {
                var p = Coder()
                p.manual = codings.filter { $0.status == .manual }.count
                p.decided = Set(codings.compactMap(\.suggestion).filter(ids.contains)).count
                p.codedTurns = Set(codings.filter { $0.status != .rejected }.map(\.turn)).intersection(participantTurns).count
                doc.coders[coder] = p
            }
            out[d.document] = doc
        }
        return Result(coders: coders.sorted(), documents: out)
    }
}
