import Foundation
import VerbatimModel
import VerbatimStudy

/// Changes one of the coder's own codings in place: its theme, its memo, or both. The coding keeps
/// its id, its span and its quote; its time becomes the time of the change.
///
/// A manual coding may change theme and memo; a decision on a rules' suggestion may change its memo,
/// and an accepted one its theme (the suggestion's own theme is kept as `suggested_theme`, as
/// `verbatim recode` records it). A rejection has no theme to change.
public enum EditCodingUseCase {
    public struct Request: Sendable {
        public var id: String
        public var coder: String
        /// The new theme (nil: unchanged).
        public var theme: String?
        /// The new memo (nil: unchanged; empty or blank: the memo is removed).
        public var memo: String?
        public var codebook: String?

        public init(id: String, coder: String, theme: String? = nil, memo: String? = nil, codebook: String? = nil) {
            self.id = id
            self.coder = coder
            self.theme = theme
            self.memo = memo
            self.codebook = codebook
        }
    }

    /// Rewrites the coding in the coder's file and returns it as written.
    /// - Throws: a ``Diagnostic`` for an id that is not the coder's, an unknown theme, a theme given to
    ///   a rejection, or a request that changes nothing; nothing is written then.
    public static func run(_ r: Request, in context: StudyContext) throws -> HumanCoding {
        let root = try context.studyRoot()
        guard r.theme != nil || r.memo != nil else { throw Diagnostic.usage("nothing to change: give a theme, a memo, or both") }
        if let theme = r.theme { try context.requireTheme(theme, in: try context.codebook(r.codebook)) }
        let store = CodingStore(root: root)
        let edited: HumanCoding? = try store.update(coder: r.coder) { codings in
            guard let i = codings.firstIndex(where: { $0.id == r.id }) else { return nil }
            var c = codings[i]
            if let theme = r.theme, theme != c.theme {
                switch c.status {
                case .rejected:
                    throw Diagnostic.usage("\(r.id) is a rejection: it has no theme to change (accept the suggestion under another theme instead)")
                case .accepted:
                    let original = c.suggestedTheme ?? c.theme
                    c.theme = theme
                    c.suggestedTheme = theme == original ? nil : original
                case .manual:
                    c.theme = theme
                }
            }
            if let memo = r.memo {
                let trimmed = memo.trimmingCharacters(in: .whitespacesAndNewlines)
                c.memo = trimmed.isEmpty ? nil : trimmed
            }
            if c != codings[i] { c.time = HumanCoding.now() }
            codings[i] = c
            return c
        }
        if let edited { return edited }
        if let other = store.read().codings.first(where: { $0.id == r.id }) {
            throw Diagnostic.error("", "\(r.id) is \(other.coder)'s coding: only its coder changes it (codings/\(CoderName.fileName(other.coder)))")
        }
        throw Diagnostic.error("", "no coding \(r.id) in codings/\(CoderName.fileName(r.coder)) ('verbatim codings --coder \"\(r.coder)\"' lists them)")
    }
}
