import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimExport

/// A study's health check: what `verbatim check` reports, and what the demo and the workbench show.
public struct CheckReport: Sendable {
    /// Documents checked.
    public var documents = 0
    /// Documents that could be read.
    public var read = 0
    /// Every problem found, inputs first, then the study's tables, then each document's.
    public var diagnostics: [Diagnostic] = []
    public var facts: [StudyChecker.DocumentFacts] = []
    public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }

    public init() {}

    /// The report from each document's facts (``StudyChecker/facts(_:_:study:)``) and the problems with
    /// the paths named; the study-wide checks run when the whole study is checked.
    public init(study: Study, paths: [String], facts: [StudyChecker.DocumentFacts], inputDiagnostics: [Diagnostic]) {
        documents = facts.count
        read = facts.filter(\.read).count
        self.facts = facts
        diagnostics = inputDiagnostics
        if paths.isEmpty { diagnostics += StudyChecker.studyDiagnostics(study, documents: facts.map(\.document)) }
        else { diagnostics += study.diagnostics }
        for f in facts { diagnostics += f.diagnostics }
    }

    /// `30 documents checked, 30 read: no errors, 1 warning`.
    public func summaryLine(style: TextStyle = .plain) -> String {
        let e = errors, w = warnings
        var s = "\(documents) document\(documents == 1 ? "" : "s") checked, \(read) read: "
        s += e == 0 ? style.good("no errors") : style.bad("\(e) error\(e == 1 ? "" : "s")")
        s += ", \(w) warning\(w == 1 ? "" : "s")"
        return s
    }

    /// The problems as a JSON array of `path`, `line`, `severity`, `message`.
    public var json: JSONValue {
        .array(diagnostics.map { d in
            .object([("path", .string(d.path)), ("line", d.line.map { .int($0) } ?? .null),
                     ("severity", .string(d.severity.rawValue)), ("message", .string(d.message))])
        })
    }

    /// The problems as CSV: `path,line,severity,message`.
    public var csv: String {
        var csv = CSVWriter(header: ["path", "line", "severity", "message"])
        for d in diagnostics { csv.row([d.path, d.line.map(String.init) ?? "", d.severity.rawValue, d.message]) }
        return csv.text
    }
}

/// `verbatim check`: reads every document and checks the study.
public enum CheckUseCase {
    /// Checks `paths` (the whole study when empty). The problems are in the report, not sent to the
    /// consumer: the front end decides how to show them.
    public static func run(paths: [String], in context: StudyContext) -> CheckReport {
        let study = context.study
        let corpus = Corpus(study: study, paths: paths)
        let facts = corpus.map { entry, result in StudyChecker.facts(entry, result, study: study) }
        var report = CheckReport(study: study, paths: paths, facts: facts, inputDiagnostics: corpus.diagnostics)
        report.diagnostics += codingProblems(paths: paths, in: context)
        return report
    }

    /// The problems of the coders' files: malformed lines, codings of unknown themes or documents,
    /// codings whose quote is no longer in the transcript, decisions on suggestions the rules no
    /// longer make. Nothing when the study has no coding.
    static func codingProblems(paths: [String], in context: StudyContext) -> [Diagnostic] {
        guard let root = context.study.root else { return [] }
        let contents = CodingStore(root: root).read()
        var out = contents.diagnostics
        guard !contents.codings.isEmpty else { return out }
        guard let (book, _) = try? context.loadCodebook(nil), let unit = try? context.unit() else {
            out.append(.warning("codings", "the codings cannot be checked against the transcripts without a valid codebook"))
            return out
        }
        let themes = Set(book.allThemes.map(\.id))
        let documents = Set(Corpus(study: context.study, paths: []).entries.map(\.document))
        for c in contents.codings {
            let file = "codings/" + CoderName.fileName(c.coder)
            if !themes.contains(c.theme) {
                out.append(.warning(file, "coding \(c.id) has theme '\(c.theme)', which the codebook does not have; it is not counted"))
            }
            if !documents.contains(c.document) {
                out.append(.warning(file, "coding \(c.id) is on '\(c.document)', which is not a transcript of the study; it is not counted"))
            }
        }
        let coded = StudyPipeline.run(study: context.study, codebook: book, paths: paths, unit: unit,
                                      review: ReviewSet(source: .all, codings: contents.codings))
        return out + coded.reviewDiagnostics
    }
}
