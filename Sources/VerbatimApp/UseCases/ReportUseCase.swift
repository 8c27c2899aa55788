import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimExport

/// The formats `verbatim report` writes.
public enum ReportFormat: String, Sendable, CaseIterable, FileFormat {
    case html, markdown

    /// The extensions of each format's files, the usual one first.
    public var fileExtensions: [String] {
        switch self {
        case .html: return ["html", "htm"]
        case .markdown: return ["md", "markdown"]
        }
    }

    /// The format a file name implies: `.html`/`.htm` or `.md`/`.markdown`.
    public static func infer(from path: String) -> ReportFormat? { inferFromExtension(path) }
}

/// `verbatim report`: the whole study's analysis as one self-contained HTML page (or Markdown).
public enum ReportUseCase {
    public struct Request: Sendable {
        public var paths: [String]
        public var codebook: String?
        public var format: ReportFormat
        /// What to put in the report: attributes, theme, sampling, date, generator.
        public var report: ReportRequest
        public var realNames: Bool
        /// Which codings count, and whose.
        public var source: CodingSource = .all
        public var coder: String? = nil
        /// `--where NAME=VALUE` filters, as typed: only the participant units with these values.
        public var filters: [String] = []

        public init(paths: [String] = [], codebook: String? = nil, format: ReportFormat = .html,
                    report: ReportRequest = ReportRequest(), realNames: Bool = false) {
            self.paths = paths
            self.codebook = codebook
            self.format = format
            self.report = report
            self.realNames = realNames
        }
    }

    /// Codes the study and renders the report.
    /// - Throws: a ``Diagnostic`` or ``ReportError`` for an unknown theme or attribute, or nothing to report.
    public static func run(_ r: Request, in context: StudyContext) throws -> String {
        let study = context.study
        let book = try context.codebook(r.codebook)
        if let theme = r.report.theme { try context.requireTheme(theme, in: book) }
        let filters = try r.filters.map(AttributeFilter.init(parsing:))
        let unit = try context.unit()
        var coded = StudyPipeline.run(study: study, codebook: book, paths: r.paths, unit: unit, keepText: true,
                                      review: context.review(source: r.source, coder: r.coder)) { done, total, doc in
            context.consumer.progress(done, of: total, doc)
        }
        coded.source = r.source
        coded = coded.separatingUncodable()
        context.consumer.endProgress()
        context.consumer.report(coded.diagnostics)
        if coded.documents.isEmpty {
            throw ReportError.emptySelection(r.paths.isEmpty ? "the study has no readable transcript"
                : "none of the paths given is a readable transcript")
        }
        if !filters.isEmpty {
            try context.checkAttributes(filters.map(\.name), coded: coded)
            let all = coded
            coded = coded.filtered(filters)
            if coded.documents.isEmpty {
                throw ReportError.emptySelection(all.emptySelectionMessage(filters))
            }
        }
        let pseudonymizer = try context.pseudonymizer(realNames: r.realNames, documents: coded.documents)
        let codebookURL = r.codebook.map { URL(fileURLWithPath: $0) } ?? study.codebookURL
        let fingerprint = try InputFingerprint.compute(study: study, coded: coded, paths: r.paths, codebook: codebookURL)
        var request = r.report
        if let theory = book.theoryOfChange { request.indicators = try coded.indicators(root: study.root, theory: theory) }
        let report = try StudyReportBuilder.build(coded, request: request, pseudonymizer: pseudonymizer,
                                                  fingerprint: fingerprint, codebookFile: codebookURL?.lastPathComponent)
        return r.format == .html ? ReportHTMLWriter.render(report) : ReportMarkdownWriter.render(report)
    }
}
