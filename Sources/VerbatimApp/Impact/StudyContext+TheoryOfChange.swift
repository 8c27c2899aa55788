import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCodebook

extension StudyContext {
    /// Every value of every attribute in the study's case and participants tables.
    public var tableAttributeValues: [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        func add(_ a: Attributes) {
            for name in a.names { if let v = a[name], !v.isEmpty { out[name, default: []].insert(v) } }
        }
        for (_, a) in study.cases { add(a) }
        for (_, speakers) in study.participants { for (_, a) in speakers { add(a) } }
        return out
    }

    /// The theory of change checked against the study's attribute values: a group or horizon value no
    /// document has. Nothing outside a study folder or for a study without tables.
    public func theoryOfChangeDiagnostics(_ book: Codebook) -> [Diagnostic] {
        guard let toc = book.theoryOfChange, isStudyFolder else { return [] }
        let values = tableAttributeValues
        guard !values.isEmpty else { return [] }
        return TheoryOfChangeLinter.lint(toc, values: values, path: book.path)
    }
}
