import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimExport

/// The formats `verbatim excerpts` writes.
public enum ExcerptFormat: String, Sendable, CaseIterable, FileFormat {
    case text, markdown, csv, json, html, docx

    /// The extensions of each format's files, the usual one first.
    public var fileExtensions: [String] {
        switch self {
        case .text: return ["txt", "text"]
        case .markdown: return ["md", "markdown"]
        case .csv: return ["csv"]
        case .json: return ["json"]
        case .html: return ["html", "htm"]
        case .docx: return ["docx"]
        }
    }

    /// The format a file name implies: `.md`, `.html`, `.csv`, `.json`, `.docx`, `.txt`.
    public static func infer(from path: String) -> ExcerptFormat? { inferFromExtension(path) }
}

/// `verbatim excerpts`: the coded excerpts (verbatims) of themes, pseudonymised, for a report.
public enum ExcerptsUseCase {
    public struct Request: Sendable {
        /// Transcript files, folders or document names (empty: the whole study).
        public var paths: [String]
        public var codebook: String?
        public var unit: String?
        /// Theme ids, each with its sub-themes (empty: every top-level theme).
        public var themes: [String]
        /// `--where NAME=VALUE` filters, as typed.
        public var filters: [String]
        public var context: Int
        public var maxPerTheme: Int?
        public var balance: String?
        public var seed: UInt64
        /// Keep real names (no pseudonyms).
        public var realNames: Bool
        /// Which codings count, and whose.
        public var source: CodingSource = .all
        public var coder: String? = nil
        /// One section per theme of the tree (each of `themes` and its sub-themes, or every theme), each
        /// holding the units coded with that theme itself: the sections of the report and of the demo's
        /// `verbatims.docx`. Otherwise a section per theme of `themes` (every top-level theme when empty),
        /// holding the units coded with it or any of its sub-themes.
        public var eachTheme = false

        public init(paths: [String] = [], codebook: String? = nil, unit: String? = nil, themes: [String] = [],
                    filters: [String] = [], context: Int = 0, maxPerTheme: Int? = nil, balance: String? = nil,
                    seed: UInt64 = 1, realNames: Bool = false) {
            self.paths = paths
            self.codebook = codebook
            self.unit = unit
            self.themes = themes
            self.filters = filters
            self.context = context
            self.maxPerTheme = maxPerTheme
            self.balance = balance
            self.seed = seed
            self.realNames = realNames
        }
    }

    /// Selects the excerpts.
    /// - Throws: a ``Diagnostic`` (or ``ExcerptError``) for a bad filter, an unknown theme or attribute,
    ///   or when no transcript could be read.
    public static func run(_ r: Request, in context: StudyContext) throws -> ExcerptReport {
        let filters = try r.filters.map(AttributeFilter.init(parsing:))
        let study = context.study
        let book = try context.codebook(r.codebook)
        let unit = try context.unit(r.unit)
        // An unknown theme is reported before the (slower) coding.
        for id in r.themes { try context.requireTheme(id, in: book) }
        var coded = StudyPipeline.run(study: study, codebook: book, paths: r.paths, unit: unit, keepText: true,
                                      review: context.review(source: r.source, coder: r.coder)) { done, total, doc in
            context.consumer.progress(done, of: total, doc)
        }
        coded.source = r.source
        context.consumer.endProgress()
        context.consumer.report(coded.diagnostics)
        if coded.documents.isEmpty { throw Diagnostic.error("", "no transcript could be read; nothing to quote") }
        let pseudonymizer = try context.pseudonymizer(realNames: r.realNames, documents: coded.documents)
        var themes = r.themes
        if r.eachTheme { (coded, themes) = eachTheme(coded, themes: r.themes) }
        let query = ExcerptQuery(themes: themes, filters: filters, context: r.context, maxPerTheme: r.maxPerTheme,
                                 balance: r.balance, seed: r.seed)
        return try ExcerptSelector.report(coded, query: query, pseudonymizer: pseudonymizer)
    }

    /// The study with a flat codebook, one theme per theme of the tree that has codings of its own
    /// (under `themes` when given), in tree order, and their ids: as the report and the demo select.
    static func eachTheme(_ coded: CodedStudy, themes: [String]) -> (CodedStudy, [String]) {
        var wanted = Set<String>()
        func walk(_ t: Theme, _ inside: Bool) {
            let take = inside || themes.isEmpty || themes.contains(t.id)
            if take { wanted.insert(t.id) }
            t.children.forEach { walk($0, take) }
        }
        coded.codebook.themes.forEach { walk($0, false) }
        let own = Set(coded.documents.flatMap { $0.codings.map(\.theme) })
        let all = coded.codebook.allThemes
        let ids = all.map(\.id).filter { wanted.contains($0) && own.contains($0) }
        // Nothing coded: the selection as asked, which says that nothing matches.
        if ids.isEmpty { return (coded, themes) }
        var flat = coded
        flat.codebook.themes = ids.compactMap { id in
            all.first { $0.id == id }.map { t -> Theme in
                var copy = t
                copy.children = []
                return copy
            }
        }
        return (flat, ids)
    }

    /// The excerpts in `format`; `textStyle` styles the text format.
    /// Word files highlight the matched words only with `highlight` (a verbatim pasted into a text
    /// should not carry them).
    public static func render(_ report: ExcerptReport, as format: ExcerptFormat,
                              textStyle: ExcerptTextWriter.Style = .plain, highlight: Bool = false) throws -> Data {
        switch format {
        case .text: return Data(ExcerptTextWriter(style: textStyle).render(report).utf8)
        case .markdown: return Data(ExcerptMarkdownWriter.render(report).utf8)
        case .csv: return Data(ExcerptCSVWriter.render(report).utf8)
        case .json: return Data(ExcerptJSONWriter.render(report).utf8)
        case .html: return Data(ExcerptHTMLWriter.render(report).utf8)
        case .docx: return try DocxWriter.data(for: ExcerptDocxBuilder.document(report, highlight: highlight))
        }
    }
}

extension StudyContext {
    /// The pseudonymiser of an export: nil with `realNames`. Without a names table in a study folder, a
    /// note says that only speaker labels are replaced.
    /// - Throws: the names table's problem when the study declares one that cannot be read: the
    ///   export would otherwise hold every real name it lists.
    public func pseudonymizer(realNames: Bool, documents: [CodedDocument]) throws -> Pseudonymizer? {
        if realNames { return nil }
        return try Pseudonymizer.checked(study: study, documents: documents, consumer: isStudyFolder ? consumer : nil)
    }
}

extension Pseudonymizer {
    /// The study's pseudonymiser, refusing to go on when the names table it declares cannot be read.
    /// With `consumer`, a note says when the study has no names table at all.
    public static func checked(study: Study, documents: [CodedDocument], consumer: DiagnosticConsumer? = nil) throws -> Pseudonymizer {
        if let e = study.namesError {
            var d = e
            d.message += ": nothing is exported, since every real name it lists would be in the export (fix the table, or pass --real-names to export without pseudonyms)"
            throw d
        }
        if study.names.isEmpty, let consumer {
            consumer.report(.note("", "the study has no names table ('names:' in \(Study.configName)); only speaker labels are pseudonymised"))
        }
        return Pseudonymizer(study: study, documents: documents)
    }
}
