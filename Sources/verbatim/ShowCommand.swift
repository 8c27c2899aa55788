import ArgumentParser
import Foundation
import VerbatimExport
import VerbatimApp

extension Verbatim {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one transcript turn by turn, numbered, with speakers and roles.",
            discussion: """
            DOC is a file path or a document name of the study (with or without its extension).

            Examples:
              verbatim show S01-lyon.txt
              verbatim show S03-lyon.docx --format json | jq '.turns[0]'
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: "Output format: text or json (csv: one row per turn).") var format: OutputFormat = .text
        @Argument(help: "The transcript to show.") var doc: String

        func run() throws {
            try execute { console in
                guard let t = try ShowUseCase.run(doc, in: try studyOptions.context(paths: [doc], console)) else { return 1 }
                switch format {
                case .json: Terminal.line(TranscriptJSON.full(t).serialized())
                case .csv: Terminal.out(TranscriptOutput.csv(t))
                case .text: Terminal.out(TranscriptOutput.text(t, style: Terminal.textStyle))
                }
                return 0
            }
        }
    }
}
