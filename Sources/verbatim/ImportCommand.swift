import ArgumentParser
import Foundation
import VerbatimModel
import VerbatimApp

extension Verbatim {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Make a study from a REFI-QDA project or codebook (.qdpx, .qde, .qdc) of another QDA program.",
            discussion: """
            Reads projects and codebooks from NVivo, ATLAS.ti, MAXQDA, QualCoder, Taguette and others. \
            The sources become transcripts, the codes a codebook (codebook.yaml, without rules), each \
            user's codings codings/<user>.jsonl, the cases' variables cases.csv, the sets of sources \
            sets/<name>.txt, the notes memos. What cannot be carried (PDF, picture, audio and video \
            selections, graphs, links...) is counted in the summary. The file is only read.

            The study is a new folder (--into, default: the file's name without its extension); an \
            existing folder that is not empty is refused, so that two projects never mix.

            Examples:
              verbatim export qdpx -o projet.qdpx && verbatim import projet.qdpx --into ../projet-importe
              verbatim export qdc -o codebook.qdc && verbatim import codebook.qdc --into ../codebook-importe --format json

            Exit codes: 0 imported (warnings are printed); 1 the file cannot be read or is not a REFI-QDA \
            file, or the folder cannot be written; 64 usage error.
            """
        )
        @Argument(help: ArgumentHelp("The file to import.", valueName: "file.qdpx|file.qdc|file.qde")) var file: String
        @Option(name: .long, help: ArgumentHelp("The new study folder (default: the file's name without its extension).", valueName: "dir"))
        var into: String?
        @Option(name: .long, help: ArgumentHelp("The transcripts' language, for the study and its codebook.", valueName: "code"))
        var language: String = "fr"
        @Option(name: .long, help: "Output format: text or json.") var format: OutputFormat = .text

        func validate() throws {
            if let into, into.isEmpty { throw ValidationError("--into needs a folder name") }
        }

        func run() throws {
            try execute { console in
                let request = ImportExchangeUseCase.Request(file: file, into: into, language: language)
                let r = try ImportExchangeUseCase.run(request, consumer: console)
                switch format {
                case .json: Terminal.line(ExchangeOutput.json(r).serialized())
                default: Terminal.line(ExchangeOutput.text(r, style: Terminal.textStyle))
                }
                return 0
            }
        }
    }
}
