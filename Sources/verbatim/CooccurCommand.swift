import ArgumentParser
import VerbatimAnalysis
import VerbatimApp

extension Verbatim {
    struct Cooccur: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cooccur",
            abstract: "Pairs of themes coded in the same unit or document, with the Jaccard index.",
            discussion: """
            Counts, for each pair of themes, the coded units (default: --level unit, the study's coding \
            unit) or the documents (--level document) where both are coded, how many have each theme, and \
            the Jaccard index (both / either). Every theme takes part, parents counting their sub-themes; \
            a theme is never paired with its own parent. Pairs are sorted by count, then by id.

            Examples:
              verbatim cooccur
              verbatim cooccur --limit 10
              verbatim cooccur --level document --format csv > pairs.csv
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var counting: CountingOptions
        @Option(name: .long, help: ArgumentHelp("Where two themes must meet: unit or document.", valueName: "unit|document"))
        var level: Cooccurrence.Level = .unit
        @Option(name: .long, help: ArgumentHelp("Show only the N most frequent pairs (0: all; default 40 in text, all otherwise).", valueName: "n"))
        var limit: Int?
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file")) var codebook: String?
        @Option(name: .long, help: "Output format: text, csv, json or markdown.") var format: TableFormat = .text
        @Argument(help: "Transcript files, folders or document names (default: the whole study).") var paths: [String] = []

        func validate() throws {
            if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
        }

        func run() throws {
            try execute { console in
                let context = try studyOptions.context(paths: paths, console)
                let request = CooccurUseCase.Request(input: AnalysisInput(paths: paths, codebook: codebook, source: counting.source, coder: counting.coder), level: level,
                                                     limit: limit ?? (format == .text ? 40 : 0))
                let r = try CooccurUseCase.run(request, in: context)
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
