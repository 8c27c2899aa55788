import ArgumentParser
import Foundation
import VerbatimAnalysis
import VerbatimApp

extension CountingLevel: ExpressibleByArgument {}
extension ThemeMatrix.CellKind: ExpressibleByArgument {}
extension Cooccurrence.Level: ExpressibleByArgument {}

extension Verbatim {
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "How many participants mention each theme, per group: n/N and %, coded units, documents, words.",
            discussion: """
            For each theme of the codebook (in tree order; a parent counts a participant who mentions any of \
            its sub-themes once) and each value of the chosen attributes (default: group), prints n/N (%):
            the participant units mentioning the theme out of all the participant units of the group, \
            whether or not they mention anything. A participant unit is a focus-group participant listed in \
            participants.csv, or else a whole document (an interview, or a focus group whose participants \
            are not identified). Interviewer and moderator turns never count. A second table gives the coded \
            units, documents and words of each theme. Groups with N under --min-n are marked †.

            --by takes one attribute or two crossed with a comma (group,wave). --per document counts \
            documents instead of participant units. --format csv gives one row per theme × group with the \
            columns theme, label, depth, the attribute value(s), n, N, percent, units, documents, words, \
            small_n (the total rows have the value '(all)'); json the same records plus the groups and their N.

            Examples:
              verbatim stats
              verbatim stats --by group,wave
              verbatim stats --by context --theme peur-internet
              verbatim stats --per document --format csv > themes-by-group.csv
              verbatim stats --by group --format markdown >> report.md
              verbatim stats --by context --where group=senior
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var counting: CountingOptions
        @Option(name: .long, help: ArgumentHelp("Attribute(s) to group by: one, or two crossed with a comma.", valueName: "attr[,attr]"))
        var by: String = "group"
        @Option(name: .long, help: ArgumentHelp("Only this theme and its sub-themes.", valueName: "id")) var theme: String?
        @Option(name: .long, help: ArgumentHelp("What n and N count: participant (units) or document.", valueName: "participant|document"))
        var per: CountingLevel = .participant
        @Option(name: .customLong("where"), help: ArgumentHelp("Only participant units with this attribute value (repeatable).", valueName: "attr=value"))
        var filters: [String] = []
        @Option(name: .customLong("min-n"), help: ArgumentHelp("Flag groups with fewer units than this.", valueName: "n"))
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
                let input = AnalysisInput(paths: paths, codebook: codebook, theme: theme, source: counting.source, coder: counting.coder,
                                          filters: filters)
                let r = try StatsUseCase.run(.init(input: input, by: by, per: per, minN: minN), in: context)
                switch format {
                case .text: Terminal.line(r.value.text(info: r.info, style: Terminal.textStyle))
                case .csv: Terminal.line(r.value.csv())
                case .json: Terminal.line(r.value.json(info: r.info).serialized())
                case .markdown: Terminal.line(r.value.markdown(info: r.info))
                }
                return 0
            }
        }
    }
}
