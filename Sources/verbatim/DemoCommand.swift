import ArgumentParser
import Foundation
import VerbatimApp
import VerbatimStudy

extension Verbatim {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Run the whole pipeline on the bundled study and write its report, verbatims and tables.",
            discussion: """
            Reads the 30 transcripts of Corpora/les-connectes (text, Word and subtitle files), checks the \
            study, codes every participant turn with its codebook, and writes into the output folder:

              rapport.html          the report (open it in a browser; works offline)
              verbatims.docx        balanced verbatims per theme, for Word
              frequences.csv        n/N per theme and group ('verbatim stats')
              matrice-contexte.csv  themes × context with tests ('verbatim matrix')
              matrice-vague.csv     themes × wave, the same
              codages.csv           one row per coding

            Names are replaced by pseudonyms everywhere. Then it prints what it found. Files already in the \
            folder with these names are replaced; the folder cannot be the study folder, nor be inside its \
            transcripts folder, codings/ or memos/, nor hold one of its inputs under one of these names.

            Examples:
              swift run verbatim demo
              verbatim demo --output /tmp/demo
            """
        )
        @Option(name: .long, help: ArgumentHelp("The folder to write into (created if needed).", valueName: "dir"))
        var output: String = "verbatim-demo"
        @Option(name: .long, help: ArgumentHelp("The bundled study's folder (default: found from here or from the program's location).", valueName: "dir"))
        var study: String?
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in the study's verbatim.yaml).", valueName: "file"))
        var codebook: String?

        func validate() throws {
            if output.isEmpty { throw ValidationError("--output needs a folder name") }
        }

        func run() throws {
            try execute { console in
                try Demo.requireOutputFolder(output, study: study)
                let request = DemoUseCase.Request(output: output, study: study, codebook: codebook, generator: "verbatim \(Verbatim.version)")
                let result = try DemoUseCase.run(request, consumer: console)
                let (head, tail) = result.text(style: Terminal.textStyle)
                Terminal.out(head)
                for d in result.errors.prefix(3) { console.report(d) }
                Terminal.out(tail)
                return result.errors.isEmpty ? 0 : 1
            }
        }

        /// Refuses an output folder among the study's inputs (the study folder, a transcripts folder...).
        /// A study that cannot be opened is left for the demo to report.
        static func requireOutputFolder(_ output: String, study: String?) throws {
            guard let root = study.map({ URL(fileURLWithPath: $0) }) ?? StudyLocator.bundledStudy(),
                  let opened = try? VerbatimStudy.Study(root: root) else { return }
            try OutputFile.requireFolder(output, study: opened, files: ["rapport.html", "verbatims.docx", "frequences.csv",
                                                                             "matrice-contexte.csv", "matrice-vague.csv", "codages.csv"])
        }
    }
}
