import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCoding
import VerbatimExport

/// `verbatim codebook forms [THEME]`: for each term, the distinct word forms it matched in the study's
/// documents, with their counts, so that a codebook's author sees what a stem or a prefix takes in.
public enum CodebookFormsUseCase {
    public struct Result: Sendable {
        public var codebook: Codebook
        public var rows: [TermForms.Row]
        /// Documents read, and documents that could not be read (each reported).
        public var documents: Int
        public var unreadable: Int
    }

    /// The forms of the terms of `theme` and its sub-themes (every theme when nil).
    public static func run(theme: String?, codebook file: String?, unit option: String? = nil, in context: StudyContext) throws -> Result {
        let book = try context.codebook(file)
        var ids: Set<String>?
        if let theme {
            try context.requireTheme(theme, in: book)
            var family = Set<String>()
            func walk(_ t: Theme) { family.insert(t.id); t.children.forEach(walk) }
            if let t = book.theme(theme) { walk(t) }
            ids = family
        }
        let unit = try context.unit(option)
        let compiled = CompiledCodebook(book)
        context.consumer.report(compiled.diagnostics)
        let corpus = context.corpus([])
        let pool = CoderPool(compiled)
        var forms = TermForms()
        var documents = 0, unreadable = 0
        let study = context.study
        corpus.streamEntries(batch: 8, { entry in study.result(entry).map { t in pool.with { $0.forms(t, unit: unit) } } }) { _, result in
            switch result {
            case .failure(let d):
                unreadable += 1
                context.consumer.report(d)
            case .success(let f):
                documents += 1
                forms.merge(f)
            }
        }
        return Result(codebook: book, rows: forms.rows(compiled, themes: ids), documents: documents, unreadable: unreadable)
    }
}

/// The outputs of `verbatim codebook forms`.
public enum CodebookFormsOutput {
    public static let columns = ["theme", "rule", "term", "form", "count"]

    public static func csv(_ result: CodebookFormsUseCase.Result) -> String {
        var csv = CSVWriter(header: columns)
        for r in result.rows { csv.row([r.theme, r.rule, r.term, r.form, String(r.count)]) }
        return csv.text
    }

    public static func json(_ result: CodebookFormsUseCase.Result) -> JSONValue {
        .array(result.rows.map { r in
            .object([("theme", .string(r.theme)), ("rule", .string(r.rule)), ("term", .string(r.term)),
                     ("form", .string(r.form)), ("count", .int(r.count))])
        })
    }

    /// Theme by theme, each term with its forms: `peur  peur 41, peurs 3`.
    public static func text(_ result: CodebookFormsUseCase.Result, style: TextStyle) -> String {
        var out = ""
        var theme = "", rule = ""
        var line: (term: String, forms: [String])?
        func flush() {
            if let l = line { out += "    " + style.strong(l.term) + "  " + l.forms.joined(separator: ", ") + "\n" }
            line = nil
        }
        for r in result.rows {
            if r.theme != theme {
                flush()
                theme = r.theme
                rule = ""
                out += (out.isEmpty ? "" : "\n") + style.strong(r.theme) + "\n"
            }
            if r.rule != rule {
                flush()
                rule = r.rule
                out += "  " + style.note(r.rule) + "\n"
            }
            if line?.term != r.term { flush(); line = (r.term, []) }
            line!.forms.append("\(r.form) \(r.count)")
        }
        flush()
        let terms = Set(result.rows.map { "\($0.theme)\u{0}\($0.rule)\u{0}\($0.term)" }).count
        let forms = result.rows.count
        out += (out.isEmpty ? "" : "\n") + style.note("\(terms) term\(terms == 1 ? "" : "s") matched \(forms) distinct form\(forms == 1 ? "" : "s") in \(result.documents) document\(result.documents == 1 ? "" : "s")"
            + (result.unreadable > 0 ? " (\(result.unreadable) could not be read)" : "")) + "\n"
        return out
    }
}
