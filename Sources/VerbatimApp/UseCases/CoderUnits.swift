import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCodebook
import VerbatimCoding

/// The units of the documents some coder saw, with each coder's codings on each: what `agree`,
/// `adjudicate` and `validate` compare.
///
/// A "coder" here is a column: a person's confirmed codings (manual and accepted, recoded ones under
/// their new theme), or the rules' codings (for `validate`). A column has no value (nil) on the units of
/// a document its coder did not see.
struct CoderUnits {
    struct UnitRef {
        /// The index of the document in ``documents``.
        var document: Int
        /// The turn, for turn units.
        var turn: Int?
        var speaker: String?
        /// The turn's span (UTF-8 offsets), for turn units.
        var start: Int
        var end: Int
    }

    /// The columns' names, in order.
    var coders: [String]
    /// The documents some column saw, in the order they were first seen, with their text.
    var documents: [CodedDocument]
    /// The documents each column saw.
    var seen: [Set<String>]
    var units: [UnitRef]
    /// `codings[unit][column]`: the column's codings on the unit, nil when it did not see the document.
    var codings: [[[Coding]?]]

    /// `themes[unit][column]`: the themes (as coded, each on its own) of the column on the unit.
    var themes: [[Set<String>?]] { codings.map { row in row.map { $0.map { Set($0.map(\.theme)) } } } }

    /// Reads the documents `order` (names as the study lists them) and codes them once per column, with
    /// that column's `review` (nil: the rules' codings alone); `seen[i]` are the documents column `i`
    /// has values for.
    /// - Throws: a ``Diagnostic`` when none of the documents can be read.
    static func build(names: [String], reviews: [ReviewSet?], seen: [Set<String>], order: [String], unit: AgreementUseCase.Unit,
                      book: Codebook, in context: StudyContext) throws -> CoderUnits {
        let codingUnit = try context.unit()
        var coded: [CodedStudy] = []
        for (i, review) in reviews.enumerated() {
            let study = StudyPipeline.run(study: context.study, codebook: book, paths: order, unit: codingUnit, keepText: i == 0, review: review)
            context.consumer.report(i == 0 ? study.diagnostics : study.reviewDiagnostics)
            coded.append(study)
        }
        let documents = coded[0].documents.filter { order.contains($0.document) }
        guard !documents.isEmpty else { throw Diagnostic.error("", "none of the documents the coders saw could be read") }
        let perColumn: [[String: CodedDocument]] = coded.map { s in
            Dictionary(s.documents.map { ($0.document, $0) }, uniquingKeysWith: { a, _ in a })
        }
        var units: [UnitRef] = []
        var codings: [[[Coding]?]] = []
        for (di, doc) in documents.enumerated() {
            let refs: [UnitRef]
            switch unit {
            case .turn:
                refs = doc.turns.filter { $0.role != .interviewer }.map { UnitRef(document: di, turn: $0.index, speaker: $0.speaker, start: $0.start, end: $0.end) }
            case .document:
                refs = [UnitRef(document: di, turn: nil, speaker: nil, start: 0, end: 0)]
            }
            for ref in refs {
                units.append(ref)
                codings.append(names.indices.map { ci -> [Coding]? in
                    guard seen[ci].contains(doc.document), let d = perColumn[ci][doc.document] else { return nil }
                    return d.codings.filter { ref.turn == nil || $0.turn == ref.turn }
                })
            }
        }
        return CoderUnits(coders: names, documents: documents, seen: seen, units: units, codings: codings)
    }

    /// The text of unit `u` on one line: the turn, or for a document unit the passage of `theme` first
    /// coded by any column (empty when none).
    func text(of u: Int, theme: String? = nil) -> String {
        let ref = units[u]
        let text = documents[ref.document].text ?? ""
        if ref.turn != nil { return AgreementUseCase.utf8Slice(text, ref.start, ref.end) }
        for column in codings[u] {
            if let c = column?.first(where: { theme == nil || $0.theme == theme }) {
                return AgreementUseCase.utf8Slice(text, c.unitStart, c.unitEnd)
            }
        }
        return ""
    }

    /// The themes of `selection` (or of the whole codebook), in tree order, with their depth.
    static func selection(_ book: Codebook, theme: String?) -> [(Theme, Int)] {
        var out: [(Theme, Int)] = []
        func walk(_ t: Theme, _ depth: Int) {
            out.append((t, depth))
            for c in t.children { walk(c, depth + 1) }
        }
        if let id = theme, let t = book.theme(id) { walk(t, 0) } else { for t in book.themes { walk(t, 0) } }
        return out
    }

    /// `t` and the ids of its sub-themes, at any depth.
    static func descendants(_ t: Theme) -> Set<String> { t.children.reduce(into: Set([t.id])) { $0.formUnion(descendants($1)) } }
}

extension AgreementUseCase {
    /// The coders to compare, checked: valid names, none twice, each with a coding file; and their
    /// decisions, with what the files' malformed lines say reported.
    static func readCoders(_ names: [String], option: String = "--coders", in context: StudyContext) throws -> (coders: [String], decisions: [[HumanCoding]]) {
        guard let root = context.study.root else {
            throw Diagnostic.error("", "comparing coders needs a study folder with codings/")
        }
        var coders: [String] = []
        for c in names {
            try CoderName.validate(c)
            if coders.contains(c) { throw Diagnostic.usage("\(option) names '\(c)' twice") }
            coders.append(c)
        }
        guard !coders.isEmpty else { throw Diagnostic.usage("\(option) takes the coders to compare, e.g. \(option) Marie,Paul") }
        let store = CodingStore(root: root)
        let contents = store.read()
        context.consumer.report(contents.diagnostics)
        for c in coders where !contents.coders.contains(c) {
            let known = contents.coders.isEmpty ? "there is no coding file yet" : "coders: \(contents.coders.joined(separator: ", "))"
            throw Diagnostic.error(Study.display(store.file(for: c)), "no coding file for '\(c)' (\(known))")
        }
        return (coders, coders.map { c in contents.codings.filter { $0.coder == c } })
    }

    /// The documents each coder saw (made any decision in), among the study's (a decision on a document
    /// the study no longer has is a warning) and the `allowed` ones; and all of them in first-seen order.
    static func seenDocuments(_ coders: [String], _ decisions: [[HumanCoding]], allowed documents: [String]?,
                              in context: StudyContext) -> (seen: [Set<String>], order: [String]) {
        let existing = Set(context.study.documentURLs().map(\.document))
        var gone: [String: Set<String>] = [:]
        for (ci, list) in decisions.enumerated() { for h in list where !existing.contains(h.document) { gone[h.document, default: []].insert(coders[ci]) } }
        for (doc, who) in gone.sorted(by: { $0.key < $1.key }) {
            context.consumer.report(.warning("", "\(who.sorted().joined(separator: ", "))'s decisions on '\(doc)' are left out: the study has no such document"))
        }
        let allowed = documents.map(Set.init)
        let seen: [Set<String>] = decisions.map { list in
            Set(list.map(\.document).filter { existing.contains($0) && (allowed?.contains($0) ?? true) })
        }
        var order: [String] = []
        for s in seen { for d in s.sorted() where !order.contains(d) { order.append(d) } }
        return (seen, order)
    }
}
