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
        return CheckReport(study: study, paths: paths, facts: facts, inputDiagnostics: corpus.diagnostics)
    }
}
