import ArgumentParser
import Foundation
import VerbatimApp

extension Verbatim {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write the study's analysis report: one self-contained HTML page (or Markdown).",
            discussion: """
            The report holds: the corpus (documents, participants and words per group, territory, context \
            and wave); theme frequencies per stakeholder group as bar charts (n/N and %, the same numbers as \
            'verbatim stats'); a heatmap of themes × territories and the comparisons by context and by wave \
            with their tests (the same as 'verbatim matrix'); the themes most often coded together; for each \
            theme its definition, its counts per group and a balanced selection of verbatims; the codebook; \
            and a footer saying what was counted, with a SHA-256 fingerprint of the inputs (transcripts, \
            codebook, attribute tables) so that two reports can be told apart.

            The HTML file needs nothing else: no network, no script, inline CSS and SVG. Headings follow the \
            study's language (French for 'language: fr'). Names are replaced by pseudonyms unless \
            --real-names is given. The output is the same for the same inputs: no date unless --date is given.

            Attributes: --by (default: group), --across (the heatmap's columns, default: territory) and \
            --compare (default: context,wave) take the study's attribute names; a section whose default \
            attribute the study lacks is left out.

            -o takes .html or .md (a name without an extension gets the format's; another extension is \
            refused) and never replaces an input of the study (transcripts, tables, codebook, verbatim.yaml, \
            codings/, memos/). A theme's verbatims are units coded with that theme itself, sub-themes apart, \
            as 'verbatim excerpts --each-theme' selects them. --where NAME=VALUE (repeatable) keeps only the \
            participant units with that value (a team lead comparing seniors across territories), as the \
            report says under its summary. When participants share documents (focus groups), each test is \
            given on participants and on documents.

            Examples:
              verbatim report
              verbatim report -o rapport.html --date 2024-06-30
              verbatim report --format markdown -o rapport.md
              verbatim report --theme seniors --max-per-theme 5
              verbatim report --across departement --compare wave
              verbatim report --real-names -o interne.html
              verbatim report --where group=senior --by territory --compare context -o seniors.html
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var counting: CountingOptions
        @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The file to write (default: report.html, or report.md with --format markdown).", valueName: "file"))
        var output: String?
        @Option(name: .long, help: "Output format: html or markdown (default: from -o's extension, else html).")
        var format: ReportFormat?
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file"))
        var codebook: String?
        @Flag(name: .customLong("real-names"), help: "Keep real names (no pseudonyms): for the research team only.")
        var realNames = false
        @Option(name: .customLong("max-per-theme"), help: ArgumentHelp("Verbatims per theme, balanced across groups (0: none).", valueName: "k"))
        var maxPerTheme: Int = 3
        @Option(name: .long, help: ArgumentHelp("The attribute of the stakeholder groups (default: group).", valueName: "attr"))
        var by: String?
        @Option(name: .long, help: ArgumentHelp("The attribute of the heatmap's columns (default: territory).", valueName: "attr"))
        var across: String?
        @Option(name: .long, help: ArgumentHelp("Attributes compared with a test per theme, separated by commas (default: context,wave).", valueName: "attr,..."))
        var compare: String?
        @Option(name: .long, help: ArgumentHelp("Only this theme and its sub-themes.", valueName: "id"))
        var theme: String?
        @Option(name: .long, help: ArgumentHelp("Seed of the verbatim sampling.", valueName: "s"))
        var seed: UInt64 = 1
        @Option(name: .customLong("min-n"), help: ArgumentHelp("Flag groups with fewer participants than this.", valueName: "n"))
        var minN: Int = 5
        @Option(name: .long, help: ArgumentHelp("A date to print in the header (none by default).", valueName: "text"))
        var date: String?
        @Option(name: .customLong("where"), help: ArgumentHelp("Only participant units with this attribute value (repeatable).", valueName: "attr=value"))
        var filters: [String] = []
        @Argument(help: "Transcript files, folders or document names (default: the whole study).")
        var paths: [String] = []

        func validate() throws {
            if maxPerTheme < 0 { throw ValidationError("--max-per-theme must be 0 or more") }
            if minN < 0 { throw ValidationError("--min-n must be 0 or more") }
            if let output, output.isEmpty { throw ValidationError("-o needs a file name") }
            if let compare, compare.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }).contains(where: \.isEmpty) {
                throw ValidationError("--compare takes attribute names separated by commas, e.g. context,wave")
            }
        }

        func run() throws {
            try execute { console in
                let studyContext = try studyOptions.context(paths: paths, console)
                let (file, fileFormat) = try OutputFile.checked(output ?? "report.\((format ?? .html).fileExtensions[0])", format: format, default: .html, command: "report",
                                                                study: studyContext.study, inputs: paths + [codebook].compactMap { $0 })
                let report = ReportRequest(
                    groupBy: by, heatmapBy: across,
                    compareBy: compare.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
                    theme: theme, maxPerTheme: maxPerTheme, seed: seed, minN: minN, date: date,
                    generator: "verbatim \(Verbatim.version)")
                var request = ReportUseCase.Request(paths: paths, codebook: codebook, format: fileFormat, report: report,
                                                    realNames: realNames)
                (request.source, request.coder, request.filters) = (counting.source, counting.coder, filters)
                let text = try ReportUseCase.run(request, in: studyContext)
                try file.write(Data(text.utf8))
                Terminal.line(file.path)
                return 0
            }
        }
    }
}
