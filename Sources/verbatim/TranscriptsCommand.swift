import ArgumentParser
import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimExport

extension Verbatim {
    struct Transcripts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "transcripts",
            abstract: "List transcripts: format, turns, speakers and their roles, words, attributes.",
            discussion: """
            Examples:
              verbatim transcripts                       # every transcript of the current study
              verbatim transcripts interviews/ --format csv > transcripts.csv
              verbatim transcripts S01-lyon.txt --format json
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: "Output format: text, json or csv.") var format: OutputFormat = .text
        @Argument(help: "Transcript files, folders or document names (default: the whole study).") var paths: [String] = []

        struct Row: Sendable {
            var document: String
            var summary: JSONValue?
            var format = ""
            var turns = 0
            var speakers: [Speaker] = []
            var words = 0
            var attributes = Attributes()
            var diagnostics: [Diagnostic] = []
            var failed = false
        }

        func run() throws {
            try guarded {
                let study = try studyOptions.open(paths: paths)
                let corpus = Corpus(study: study, paths: paths)
                for d in corpus.diagnostics { Terminal.report(d) }
                if corpus.entries.isEmpty && !corpus.diagnostics.isEmpty { return 1 }
                let rows: [Row] = corpus.map { entry, result in
                    switch result {
                    case .failure(let d): return Row(document: entry.document, diagnostics: [d], failed: true)
                    case .success(let t):
                        return Row(document: t.document, summary: TranscriptJSON.summary(t), format: t.format.rawValue,
                                   turns: t.turns.count, speakers: t.speakers, words: t.wordCount,
                                   attributes: t.attributes, diagnostics: t.diagnostics)
                    }
                }
                for r in rows { for d in r.diagnostics { Terminal.report(d) } }
                let ok = rows.filter { !$0.failed }
                switch format {
                case .json:
                    Terminal.out(JSONValue.array(ok.compactMap(\.summary)).serialized() + "\n")
                case .csv:
                    var columns: [String] = []
                    for r in ok { for n in r.attributes.names where !columns.contains(n) { columns.append(n) } }
                    var csv = CSVWriter(header: ["document", "format", "turns", "speakers", "interviewers", "participants", "words"] + columns)
                    for r in ok {
                        csv.row([r.document, r.format, String(r.turns), String(r.speakers.count),
                                 r.speakers.filter { $0.role == .interviewer }.map(\.label).joined(separator: "; "),
                                 r.speakers.filter { $0.role != .interviewer }.map(\.label).joined(separator: "; "),
                                 String(r.words)] + columns.map { r.attributes[$0] ?? "" })
                    }
                    Terminal.out(csv.text)
                case .text:
                    var table = TextTable(header: ["document", "format", "turns", "words", "speakers", "attributes"],
                                          alignments: [.left, .left, .right, .right, .left, .left])
                    for r in ok {
                        let speakers = r.speakers.map { "\($0.label)\($0.role == .interviewer ? "*" : "")" }.joined(separator: ", ")
                        table.add([r.document, r.format, String(r.turns), String(r.words), speakers.isEmpty ? "(none)" : speakers,
                                   r.attributes.pairs.map(\.value).joined(separator: " · ")])
                    }
                    Terminal.out(table.render(headerStyle: { Terminal.bold($0) }, maxWidth: 70))
                    let failed = rows.count - ok.count
                    var footer = "\(ok.count) document\(ok.count == 1 ? "" : "s"), \(ok.reduce(0) { $0 + $1.turns }) turns, \(ok.reduce(0) { $0 + $1.words }) words"
                    if failed > 0 { footer += "; \(failed) could not be read" }
                    Terminal.out(Terminal.dim(footer + "  (* interviewer or moderator)") + "\n")
                }
                return rows.contains(where: \.failed) || corpus.diagnostics.contains(where: { $0.severity == .error }) ? 1 : 0
            }
        }
    }
}
