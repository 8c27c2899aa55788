import ArgumentParser
import Foundation
import VerbatimApp

extension Verbatim {
    struct Code: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "code",
            abstract: "Apply the codebook to the study's participant turns and count the themes.",
            discussion: """
            Prints, per theme (parents include their sub-themes), the hits, the coded units, the documents
            and the participants. --format json|csv gives one record per coding instead: document, turn,
            speaker, theme, start, end (UTF-8 offsets of the matched words in the transcript's text, as in
            'verbatim show --format json'), unit_start, unit_end, match, rule.

            The records and --explain are exports like 'verbatim excerpts': names are replaced by pseudonyms (the study's names table), the speaker shows its pseudonym (or 'Participant N' for a label missing from the table), and the matched words, the turn's text and the document's name show pseudonyms too. The offsets (start, end, unit_start, unit_end) still point into the real text of the transcript: they are positions, not names, and 'verbatim show' (the researcher's view of a transcript, with real names) shows that text. --real-names keeps the real names: for the research team only.

            Examples:
              verbatim code
              verbatim code --codebook ../../Codebooks/les-connectes.yaml --format csv > codings.csv
              verbatim code --explain S01-lyon.txt:12
              verbatim code --format csv --real-names > codings-internal.csv
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file")) var codebook: String?
        @Option(name: .long, help: "Output format: text, json or csv.") var format: OutputFormat = .text
        @Option(name: .long, help: "Coding unit: turn, sentence or paragraph (default: the study's, else turn).") var unit: String?
        @Option(name: .long, help: ArgumentHelp("Show which rules fired in one turn, and which hits were dropped and why.", valueName: "doc:turn"))
        var explain: String?
        @Flag(name: .customLong("real-names"), help: "Keep real names in the records and --explain (no pseudonyms): for the research team only.")
        var realNames = false
        @Argument(help: "Transcript files, folders or document names (default: the whole study).") var paths: [String] = []

        func run() throws {
            try execute { console in
                let context = try studyOptions.context(paths: paths, console)
                if let explain {
                    guard let ex = try ExplainUseCase.run(explain, codebook: codebook, unit: unit, realNames: realNames, in: context) else { return 1 }
                    Terminal.out(format == .json ? ex.json.serialized() + "\n" : ex.text(style: Terminal.textStyle))
                    return 0
                }
                let output: CodeRequest.Output = format == .csv ? .csv : (format == .json ? .json : .summary)
                let request = CodeRequest(paths: paths, codebook: codebook, unit: unit, output: output, realNames: realNames)
                let summary = try CodeUseCase.run(request, in: context, emit: Terminal.out)
                if output == .summary, let summary { Terminal.out(summary.text(style: Terminal.textStyle)) }
                return 0
            }
        }
    }
}
