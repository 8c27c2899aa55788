import ArgumentParser
import Foundation
import VerbatimApp

extension Verbatim {
    struct Impact: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "impact",
            abstract: "Evidence for each outcome of the theory of change, per group and horizon: n/N, attribution, counter-evidence.",
            discussion: """
            Reads the codebook's 'theory_of_change:' section: its outcomes (each with a stakeholder group, \
            the horizon it is expected at, evidence and counter-evidence themes) and its attribution cues. \
            For each outcome, in its group, at the short and the long horizon (the values of the horizon \
            attribute that 'horizons:' maps), prints:
              n/N        participant units whose words are coded with an evidence theme, out of all the \
            participant units of the cell (the same units and N as 'verbatim stats');
              programme  of those n, how many credit the programme: an attribution cue to the programme in \
            the same turn as an evidence passage or in that speaker's next turn;
              other      of those n, how many credit another cause in the same window;
              counter    participant units of the cell voicing the counter-evidence;
              reading    most (n/N >= 2/3), some (>= 1/3), few (> 0) or none; 'contested' when at least as \
            many voice the counter-evidence. Cells with N under --min-n are marked †.
            Questionnaire figures from the study's indicators.csv are shown beside the outcome, as \
            published results.

            --by adds, under each outcome, a row per value of a context attribute. --format csv gives one \
            row per outcome × context × horizon; json the same records with the chain and the indicators.

            Exit codes: 0 ok; 1 input problem (no theory of change, bad indicators.csv); 64 usage.

            Examples:
              verbatim impact
              verbatim impact --by context
              verbatim impact --format csv > impact.csv
              verbatim impact --format markdown >> report.md
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var counting: CountingOptions
        @Option(name: .long, help: ArgumentHelp("A context attribute to compare within each group (or two crossed with a comma).", valueName: "attr[,attr]"))
        var by: String?
        @Option(name: .customLong("min-n"), help: ArgumentHelp("Flag cells with fewer units than this.", valueName: "n"))
        var minN: Int = 5
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file")) var codebook: String?
        @Option(name: .long, help: "Output format: text, csv, json or markdown.") var format: TableFormat = .text
        @Argument(help: "Transcript files, folders or document names (default: the whole study).") var paths: [String] = []

        func validate() throws {
            if minN < 0 { throw ValidationError("--min-n must be 0 or more") }
        }

        func run() throws {
            try execute { console in
                let context = try studyOptions.context(paths: paths, console)
                let input = AnalysisInput(paths: paths, codebook: codebook, source: counting.source, coder: counting.coder)
                let r = try ImpactUseCase.run(.init(input: input, by: by, minN: minN), in: context)
                switch format {
                case .text: Terminal.line(r.text(style: Terminal.textStyle))
                case .csv: Terminal.line(r.csv())
                case .json: Terminal.line(r.json().serialized())
                case .markdown: Terminal.line(r.markdown())
                }
                return 0
            }
        }
    }
}
