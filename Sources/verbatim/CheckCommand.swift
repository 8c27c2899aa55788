import ArgumentParser
import Foundation
import VerbatimApp

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
              verbatim check --format csv > problems.csv
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: "Output format: text, json or csv.") var format: OutputFormat = .text
        @Argument(help: "Transcript files, folders or document names (default: the whole study).") var paths: [String] = []

        func run() throws {
            try execute { console in
                let report = CheckUseCase.run(paths: paths, in: try studyOptions.context(paths: paths, console))
                switch format {
                case .text:
                    console.report(report.diagnostics)
                    Terminal.line(report.summaryLine(style: Terminal.textStyle))
                case .json: Terminal.line(report.json.serialized())
                case .csv: Terminal.out(report.csv)
                }
                return report.errors > 0 ? 1 : 0
            }
        }
    }
}
