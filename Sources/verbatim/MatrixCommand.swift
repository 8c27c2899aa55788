import ArgumentParser
import VerbatimAnalysis
import VerbatimApp

extension Verbatim {
    struct Matrix: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "matrix",
            abstract: "Themes × attribute values, with a test of independence per theme.",
            discussion: """
            One row per theme (parents count their sub-themes once), one column per value of --cols (two \
            attributes crossed with a comma give columns such as 'rural · 12 mois'), and a total. The cell \
            shows, by --cell: percent (default), participant units mentioning the theme as n/N (% of the \
            column); participants, the same count alone; documents, the documents where it is coded; units, \
            its coded units. csv and json give every count with its base, its column percentage (share of \
            the column) and its row percentage (share of the theme's total).

            Per theme, the participant units mentioning / not mentioning it are tested against the columns \
            (a 2 × k table): Fisher's exact test for 2 × 2, the Freeman–Halton exact test when expected \
            counts are small, Pearson's chi-square otherwise; with Cramér's V. '!' marks a test with \
            warnings (small expected counts...), listed in --format json. p-values are not corrected for \
            the number of themes tested. When participant units share a document (focus-group members), the \
            notes say so: --per document tests documents instead. --where NAME=VALUE (repeatable) keeps only \
            the participant units with that attribute value (e.g. --where group=senior).

            Examples:
              verbatim matrix --cols wave
              verbatim matrix --rows themes --cols context,wave --cell units
              verbatim matrix --cols group --format csv > matrix.csv
              verbatim matrix --cols context --where group=senior --per document
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var counting: CountingOptions
        @Option(name: .long, help: ArgumentHelp("What the rows are: themes (the only kind for now).", valueName: "themes"))
        var rows: String = "themes"
        @Option(name: .long, help: ArgumentHelp("Attribute(s) of the columns: one, or two crossed with a comma.", valueName: "attr[,attr]"))
        var cols: String
        @Option(name: .long, help: ArgumentHelp("What the text table shows: units, documents, participants or percent.", valueName: "kind"))
        var cell: ThemeMatrix.CellKind = .percent
        @Option(name: .long, help: ArgumentHelp("Only this theme and its sub-themes.", valueName: "id")) var theme: String?
        @Option(name: .long, help: ArgumentHelp("What the tests count: participant (units) or document.", valueName: "level"))
        var per: CountingLevel = .participant
        @Option(name: .customLong("where"), help: ArgumentHelp("Only participant units with this attribute value (repeatable).", valueName: "attr=value"))
        var filters: [String] = []
        @Option(name: .customLong("min-n"), help: ArgumentHelp("Flag columns with fewer participant units than this.", valueName: "n"))
        var minN: Int = 5
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file")) var codebook: String?
        @Option(name: .long, help: "Output format: text, csv, json or markdown.") var format: TableFormat = .text
        @Argument(help: "Transcript files, folders or document names (default: the whole study).") var paths: [String] = []

        func validate() throws {
            if rows != "themes" { throw ValidationError("--rows can only be 'themes' for now (got '\(rows)')") }
            if minN < 0 { throw ValidationError("--min-n must be 0 or more") }
        }

        func run() throws {
            try execute { console in
                let context = try studyOptions.context(paths: paths, console)
                let input = AnalysisInput(paths: paths, codebook: codebook, theme: theme, source: counting.source, coder: counting.coder,
                                          filters: filters)
                let r = try MatrixUseCase.run(.init(input: input, columns: cols, minN: minN, per: per), in: context)
                switch format {
                case .text: Terminal.line(r.value.text(cell: cell, info: r.info, style: Terminal.textStyle))
                case .csv: Terminal.line(r.value.csv())
                case .json: Terminal.line(r.value.json(info: r.info).serialized())
                case .markdown: Terminal.line(r.value.markdown(cell: cell, info: r.info))
                }
                return 0
            }
        }
    }
}
