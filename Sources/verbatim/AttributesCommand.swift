import ArgumentParser
import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimExport

extension Verbatim {
    struct AttributesCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attributes",
            abstract: "List document and speaker attributes with their inferred types and values.",
            discussion: """
            Document attributes come from the case table (cases.csv) and YAML front matter; speaker
            attributes from the participants table (participants.csv). Types: number, date, text.

            Examples:
              verbatim attributes
              verbatim attributes --format json
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: "Output format: text, json or csv.") var format: OutputFormat = .text
        @Argument(help: "Transcript files, folders or document names (default: the whole study).") var paths: [String] = []

        func run() throws {
            try guarded {
                let study = try studyOptions.open(paths: paths)
                let corpus = Corpus(study: study, paths: paths)
                for d in corpus.diagnostics + study.diagnostics { Terminal.report(d) }
                let results: [(Attributes, [Attributes], Diagnostic?)] = corpus.map { _, r in
                    switch r {
                    case .success(let t): return (t.attributes, Array(t.speakerAttributes.values), nil)
                    case .failure(let d): return (Attributes(), [], d)
                    }
                }
                for case let (_, _, d?) in results { Terminal.report(d) }
                let summaries = AttributeSummary.summarize(documents: results.filter { $0.2 == nil }.map(\.0),
                                                           speakers: results.flatMap(\.1))
                switch format {
                case .json:
                    Terminal.out(JSONValue.array(summaries.map { s in
                        .object([("name", .string(s.name)), ("level", .string(s.level.rawValue)), ("type", .string(s.type.rawValue)),
                                 ("missing", .int(s.missing)),
                                 ("values", .array(s.values.map { .object([("value", .string($0.value)), ("count", .int($0.count))]) }))])
                    }).serialized() + "\n")
                case .csv:
                    var csv = CSVWriter(header: ["name", "level", "type", "value", "count"])
                    for s in summaries { for v in s.values { csv.row([s.name, s.level.rawValue, s.type.rawValue, v.value, String(v.count)]) } }
                    Terminal.out(csv.text)
                case .text:
                    if summaries.isEmpty {
                        Terminal.out("No attributes: add a case table (\(study.config.cases)) or YAML front matter to the transcripts.\n")
                        break
                    }
                    var table = TextTable(header: ["attribute", "level", "type", "distinct", "missing", "values"],
                                          alignments: [.left, .left, .left, .right, .right, .left])
                    for s in summaries {
                        let shown = s.values.prefix(6).map { "\($0.value) (\($0.count))" }.joined(separator: ", ") + (s.values.count > 6 ? ", …" : "")
                        table.add([s.name, s.level.rawValue, s.type.rawValue, String(s.values.count), String(s.missing), shown])
                    }
                    Terminal.out(table.render(headerStyle: { Terminal.bold($0) }, maxWidth: 90))
                }
                return results.contains { $0.2 != nil } ? 1 : 0
            }
        }
    }
}
