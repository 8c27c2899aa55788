import ArgumentParser
import Foundation
import VerbatimApp

extension Verbatim {
    struct Excerpts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "excerpts",
            abstract: "Print the coded excerpts (verbatims) of themes, with their attribution, for a report.",
            discussion: """
            Each excerpt is a coded unit (turn, sentence or paragraph) with its matched words highlighted and an attribution line: participant, group, territory (context), wave — document, turn. --theme includes the theme's sub-themes; several codings of a theme in one unit make one excerpt. Without --theme: every top-level theme. Order: theme tree, then document, then position.

            --each-theme makes a section for each theme of the tree instead (each --theme and its sub-themes, or every theme), sub-themes apart: each holds the units coded with that theme itself, so its count is the one the report gives ('3 of 7'), and --each-theme --max-per-theme 3 -o verbatims.docx writes the demo's verbatims.docx.

            Names are replaced by pseudonyms in every format (the study's names table: 'names:' in verbatim.yaml, or names.csv); a speaker label that is a name missing from the table becomes 'Participant N'. --real-names turns this off.

            --max-per-theme K picks K excerpts per theme, taking turns across the values of --balance (default: the 'group' attribute) and preferring participants not yet quoted; --seed S makes another draw, and the same seed always the same one.

            Formats: text (matches in bold on a terminal), markdown, csv, json, html (one self-contained page), docx (Word; needs -o). -o FILE writes the whole file or nothing, and takes the format from its extension when --format is not given; an extension that is not the format's is refused (usage error), and a name without one gets the format's. -o never replaces an input: a transcript or anything in a transcripts folder, the attribute and names tables, the codebook, verbatim.yaml, or anything in codings/ or memos/.

            Examples:
              verbatim excerpts --theme peur-internet --where group=senior
              verbatim excerpts --theme peur-internet --context 1 --max-per-theme 6
              verbatim excerpts --theme couverture-reseau --where context=rural -o reseau.md
              verbatim excerpts --max-per-theme 5 --balance wave -o verbatims.docx
              verbatim excerpts --each-theme --max-per-theme 3 -o verbatims.docx   # the demo's
              verbatim excerpts --theme peur-internet --real-names -o noms-reels.csv
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var counting: CountingOptions
        @Option(name: .long, help: ArgumentHelp("A theme id, with its sub-themes (repeatable; default: every top-level theme).", valueName: "id"))
        var theme: [String] = []
        @Option(name: .customLong("where"), help: ArgumentHelp("Keep excerpts whose speaker has this attribute value, ignoring case and accents (repeatable: all must hold).", valueName: "attr=value"))
        var filters: [String] = []
        @Option(name: .long, help: ArgumentHelp("Also show N turns before and after each excerpt.", valueName: "n"))
        var context: Int = 0
        @Option(name: .customLong("max-per-theme"), help: ArgumentHelp("At most K excerpts per theme, balanced and seeded.", valueName: "k"))
        var maxPerTheme: Int?
        @Option(name: .long, help: ArgumentHelp("The attribute --max-per-theme balances (default: group).", valueName: "attr"))
        var balance: String?
        @Option(name: .long, help: ArgumentHelp("Seed of the sampling.", valueName: "s"))
        var seed: UInt64 = 1
        @Option(name: .long, help: "Output format: text, markdown, csv, json, html or docx (default: text, or from -o's extension).")
        var format: ExcerptFormat?
        @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of the standard output.", valueName: "file"))
        var output: String?
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file"))
        var codebook: String?
        @Option(name: .long, help: "Coding unit: turn, sentence or paragraph (default: the study's, else turn).")
        var unit: String?
        @Flag(name: .customLong("each-theme"), help: "A section for each theme of the tree, sub-themes apart, with the units coded with that theme itself (as the report and the demo's verbatims.docx).")
        var eachTheme = false
        @Flag(name: .long, help: "In a Word file (docx), highlight the matched words (by default a quotation is plain, ready to paste).")
        var highlight = false
        @Flag(name: .customLong("real-names"), help: "Keep real names (no pseudonyms): for the research team only.")
        var realNames = false
        @Argument(help: "Transcript files, folders or document names (default: the whole study).")
        var paths: [String] = []

        var resolvedFormat: ExcerptFormat { format ?? output.flatMap(ExcerptFormat.infer) ?? .text }

        func validate() throws {
            if context < 0 { throw ValidationError("--context must be 0 or more") }
            if let k = maxPerTheme, k < 1 { throw ValidationError("--max-per-theme must be 1 or more") }
            if resolvedFormat == .docx && output == nil { throw ValidationError("--format docx writes a file: give -o FILE.docx") }
            if let output, output.isEmpty { throw ValidationError("-o needs a file name") }
        }

        func run() throws {
            try execute { console in
                let studyContext = try studyOptions.context(paths: paths, console)
                let target = try output.map { try OutputFile.checked($0, format: format, default: .text, command: "excerpts",
                                                                     study: studyContext.study, inputs: paths + [codebook].compactMap { $0 }) }
                var request = ExcerptsUseCase.Request(paths: paths, codebook: codebook, unit: unit, themes: theme, filters: filters,
                                                      context: context, maxPerTheme: maxPerTheme, balance: balance, seed: seed,
                                                      realNames: realNames)
                (request.source, request.coder, request.eachTheme) = (counting.source, counting.coder, eachTheme)
                let report = try ExcerptsUseCase.run(request, in: studyContext)
                let data = try ExcerptsUseCase.render(report, as: target?.format ?? resolvedFormat,
                                                      textStyle: target == nil ? Terminal.excerptStyle : .plain, highlight: highlight)
                if let file = target?.file { try file.write(data) } else { Terminal.out(data) }
                return 0
            }
        }
    }
}
