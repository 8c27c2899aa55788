import ArgumentParser
import Foundation
import VerbatimApp

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
            try execute { console in
                let context = try studyOptions.context(paths: paths, console)
                let summaries = AttributesUseCase.run(paths: paths, in: context)
                switch format {
                case .json: Terminal.line(AttributeListOutput.json(summaries).serialized())
                case .csv: Terminal.out(AttributeListOutput.csv(summaries))
                case .text: Terminal.out(AttributeListOutput.text(summaries, casesFile: context.study.config.cases, style: Terminal.textStyle))
                }
                return 0
            }
        }
    }
}
