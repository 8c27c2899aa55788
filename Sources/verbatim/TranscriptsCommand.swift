import ArgumentParser
import Foundation
import VerbatimApp

extension Verbatim {
    struct Transcripts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "transcripts",
            abstract: "List transcripts: format, turns, speakers and their roles, words, attributes.",
            discussion: """
            Examples:
              verbatim transcripts                       # every transcript of the current study
              verbatim transcripts transcripts/ --format csv > transcripts.csv
              verbatim transcripts S01-lyon.txt --format json
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: "Output format: text, json or csv.") var format: OutputFormat = .text
        @Argument(help: "Transcript files, folders or document names (default: the whole study).") var paths: [String] = []

        func run() throws {
            try execute { console in
                let rows = TranscriptsUseCase.run(paths: paths, in: try studyOptions.context(paths: paths, console))
                if rows.isEmpty && console.failed { return 1 }
                switch format {
                case .json: Terminal.line(TranscriptListOutput.json(rows).serialized())
                case .csv: Terminal.out(TranscriptListOutput.csv(rows))
                case .text: Terminal.out(TranscriptListOutput.text(rows, style: Terminal.textStyle))
                }
                return rows.contains(where: \.failed) ? 1 : 0
            }
        }
    }
}
