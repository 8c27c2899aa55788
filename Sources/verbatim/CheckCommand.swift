import ArgumentParser
import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimExport

extension Verbatim {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check a study's health: unreadable files, missing speakers, label typos, missing attributes.",
            discussion: """
            Prints one diagnostic per line as path:line: error|warning: message, then a summary.
            Exits with 1 when there are errors (warnings alone exit with 0).

            Examples:
              verbatim check
              verbatim check --study Corpora/les-connectes --format csv > problems.csv
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: "Output format: text, json or csv.") var format: OutputFormat = .text
        @Argument(help: "Transcript files, folders or document names (default: the whole study).") var paths: [String] = []

        func run() throws {
            try guarded {
                let study = try studyOptions.open(paths: paths)
                let (report, _) = CheckReport.run(study: study, paths: paths)
                switch format {
                case .text:
                    for d in report.diagnostics { Terminal.report(d) }
                    Terminal.out(report.summaryLine() + "\n")
                case .json:
                    Terminal.out(JSONValue.array(report.diagnostics.map { d in
                        .object([("path", .string(d.path)), ("line", d.line.map { .int($0) } ?? .null),
                                 ("severity", .string(d.severity.rawValue)), ("message", .string(d.message))])
                    }).serialized() + "\n")
                case .csv:
                    var csv = CSVWriter(header: ["path", "line", "severity", "message"])
                    for d in report.diagnostics { csv.row([d.path, d.line.map(String.init) ?? "", d.severity.rawValue, d.message]) }
                    Terminal.out(csv.text)
                }
                return report.errors > 0 ? 1 : 0
            }
        }
    }
}

/// The result of checking a study, shared by `check` and `demo`.
struct CheckReport {
    var documents = 0
    var read = 0
    var diagnostics: [Diagnostic] = []
    var facts: [StudyChecker.DocumentFacts] = []
    var errors: Int { diagnostics.filter { $0.severity == .error }.count }
    var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }

    static func run(study: Study, paths: [String]) -> (CheckReport, Corpus) {
        let corpus = Corpus(study: study, paths: paths)
        let facts = corpus.map { entry, result in StudyChecker.facts(entry, result, study: study) }
        return (CheckReport(study: study, paths: paths, facts: facts, inputDiagnostics: corpus.diagnostics), corpus)
    }

    init() {}

    /// The report from facts already gathered (by `check`, or by the pipeline of `demo`).
    init(study: Study, paths: [String], facts: [StudyChecker.DocumentFacts], inputDiagnostics: [Diagnostic]) {
        documents = facts.count
        read = facts.filter(\.read).count
        self.facts = facts
        diagnostics = inputDiagnostics
        if paths.isEmpty { diagnostics += StudyChecker.studyDiagnostics(study, documents: facts.map(\.document)) }
        else { diagnostics += study.diagnostics }
        for f in facts { diagnostics += f.diagnostics }
    }

    func summaryLine() -> String {
        let e = errors, w = warnings
        var s = "\(documents) document\(documents == 1 ? "" : "s") checked, \(read) read: "
        s += e == 0 ? Terminal.green("no errors") : Terminal.red("\(e) error\(e == 1 ? "" : "s")")
        s += ", \(w) warning\(w == 1 ? "" : "s")"
        return s
    }
}
