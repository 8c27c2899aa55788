import ArgumentParser
import Foundation
import VerbatimModel
import VerbatimApp
import VerbatimExchange

extension Verbatim {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export the codebook or the whole study for other QDA software (REFI-QDA .qdc and .qdpx).",
            discussion: """
            REFI-QDA is the exchange standard NVivo, ATLAS.ti, MAXQDA, QualCoder and others import. \
            'export qdc' writes the codebook; 'export qdpx' writes the study: transcripts, codebook, \
            every coder's codings (codings/*.jsonl), memos, cases with their attributes, sets. The \
            identifiers stay the same from one export to the next. 'verbatim import' reads them back.

            Examples:
              verbatim export qdc -o codebook.qdc
              verbatim export qdpx -o les-connectes.qdpx
              verbatim export qdpx -o pour-nvivo.qdpx --offsets utf16 --crlf --include-rules
            """,
            subcommands: [QDC.self, QDPX.self]
        )

        struct QDC: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "qdc",
                abstract: "The codebook as a REFI-QDA codebook (.qdc).",
                discussion: """
                Themes become codes, nested as in the codebook, with their colours and, in their \
                description, the definition, inclusion and exclusion criteria and examples. A theme that \
                only groups others (sub-themes, no rules, no coding) cannot be applied (isCodable="false"). \
                Without -o the codebook is printed.

                Examples:
                  verbatim export qdc -o codebook.qdc
                """
            )
            @OptionGroup var studyOptions: StudyOptions
            @Option(name: .shortAndLong, help: ArgumentHelp("The file to write (default: print it).", valueName: "file.qdc")) var output: String?
            @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file")) var codebook: String?
            @Option(name: .long, help: "Output format of the summary: text or json.") var format: OutputFormat = .text

            func run() throws {
                try execute { console in
                    let context = try studyOptions.context(console)
                    let file = try output.map { try OutputFile($0, study: context.study, inputs: [codebook].compactMap { $0 }) }
                    let request = ExportExchangeUseCase.Request(codebook: codebook, origin: "verbatim \(Verbatim.version)")
                    let (data, summary) = try ExportExchangeUseCase.codebook(request, in: context)
                    guard let file else { Terminal.out(String(decoding: data, as: UTF8.self)); return 0 }
                    try file.write(data)
                    switch format {
                    case .json: Terminal.line(ExchangeOutput.json(summary, file: file.path).serialized())
                    default: Terminal.line(ExchangeOutput.text(summary, file: file.path, codebookOnly: true, style: Terminal.textStyle))
                    }
                    return 0
                }
            }
        }

        struct QDPX: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "qdpx",
                abstract: "The whole study as a REFI-QDA project (.qdpx).",
                discussion: """
                One user per coder (codings/<coder>.jsonl), each transcript's text as verbatim reads it \
                ('verbatim show'), each coded span as a selection with its codings, memos as descriptions \
                and notes, the case and participants tables as cases with variables, sets/*.txt as sets. \
                --include-rules adds the rules' codings of each turn, as the user "verbatim rules". \
                Positions are Unicode code points, as the standard says; --offsets utf16 and --crlf write \
                what NVivo and MAXQDA expect.

                Examples:
                  verbatim export qdpx -o les-connectes.qdpx
                  verbatim export qdpx -o pour-nvivo.qdpx --offsets utf16 --crlf
                """
            )
            enum Offsets: String, ExpressibleByArgument { case codepoints, utf16 }
            @OptionGroup var studyOptions: StudyOptions
            @Option(name: .shortAndLong, help: ArgumentHelp("The file to write (default: <study folder>.qdpx).", valueName: "file.qdpx")) var output: String?
            @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file")) var codebook: String?
            @Flag(name: .customLong("include-rules"), help: "Add the rules' codings, as the user \"verbatim rules\".") var includeRules = false
            @Option(name: .long, help: ArgumentHelp("Positions in code points (the standard) or UTF-16 units (NVivo).", valueName: "codepoints|utf16"))
            var offsets: Offsets = .codepoints
            @Flag(name: .long, help: "Write the texts with CR LF line ends (MAXQDA, NVivo on Windows).") var crlf = false
            @Option(name: .long, help: "Output format of the summary: text or json.") var format: OutputFormat = .text

            func run() throws {
                try execute { console in
                    let context = try studyOptions.context(console)
                    let name = output ?? ((context.study.root?.lastPathComponent ?? "study") + ".qdpx")
                    let file = try OutputFile(name, study: context.study, inputs: [codebook].compactMap { $0 })
                    let request = ExportExchangeUseCase.Request(codebook: codebook, includeRules: includeRules,
                                                                unit: offsets == .utf16 ? .utf16 : .codePoints, crlf: crlf,
                                                                origin: "verbatim \(Verbatim.version)")
                    let (data, summary) = try ExportExchangeUseCase.project(request, in: context)
                    try file.write(data)
                    switch format {
                    case .json: Terminal.line(ExchangeOutput.json(summary, file: file.path).serialized())
                    default: Terminal.line(ExchangeOutput.text(summary, file: file.path, codebookOnly: false, style: Terminal.textStyle))
                    }
                    return 0
                }
            }
        }
    }
}
