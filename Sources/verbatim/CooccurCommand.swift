import ArgumentParser
import VerbatimAnalysis
import VerbatimPipeline

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
              verbatim cooccur --level document --format csv > pairs.csv
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: ArgumentHelp("Where two themes must meet: unit or document.", valueName: "unit|document"))
        var level: Cooccurrence.Level = .unit
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file")) var codebook: String?
        @Option(name: .long, help: "Output format: text, csv, json or markdown.") var format: TableFormat = .text
        @Argument(help: "Transcript files, folders or document names (default: the whole study).") var paths: [String] = []

        func run() throws {
            try guarded {
                let (coded, _, failed) = try AnalysisSupport.code(studyOptions, codebook: codebook, paths: paths)
                let result = coded.cooccurrence(level: level)
                let info = coded.analysisInfo
                switch format {
                case .text: AnalysisSupport.print(result.text(info: info, style: AnalysisSupport.style))
                case .csv: AnalysisSupport.print(result.csv())
                case .json: AnalysisSupport.print(result.json(info: info).serialized())
                case .markdown: AnalysisSupport.print(result.markdown(info: info))
                }
                return failed ? 1 : 0
            }
        }
    }
}
