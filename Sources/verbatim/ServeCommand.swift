import ArgumentParser
import Foundation
import VerbatimModel
import VerbatimApp
import VerbatimServe

extension Verbatim {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Open the study in the browser workbench (on this computer only).",
            discussion: """
            Serves the study at http://127.0.0.1:PORT/ with a secret token in the address it prints; \
            only that address opens it, and only from this computer. The workbench reads the same files \
            as the other commands and writes the coder's decisions to codings/<coder>.jsonl, as \
            'verbatim tag', 'accept' and 'reject' do. Ctrl-C stops it. With --blind (or \
            VERBATIM_BLIND=1) the coder sees the rules' codings and their own decisions only, never \
            another coder's, in every page and in the API.

            To start it (it runs until Ctrl-C):
              verbatim serve --coder Marie
              verbatim serve --study ~/etude --port 8500 --no-open
              verbatim serve --port 0            # any free port
              verbatim serve --coder Marie --blind
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var coderOption: CoderOption
        @Option(name: .long, help: "The port on 127.0.0.1 (0: any free port).") var port: Int = 8421
        @Flag(name: .customLong("no-open"), help: "Do not open a browser (none is opened without a display either).") var noOpen = false
        @Flag(name: .long, help: "Blind coding: show no other coder's codings (also VERBATIM_BLIND=1).") var blind = false

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port takes a number from 0 to 65535") }
        }

        func run() throws {
            try execute { console in
                let context = try studyOptions.context(console)
                let root = try context.studyRoot()
                let settings = WorkbenchSettings(studyRoot: root, coder: try coderOption.name(), port: port,
                                                 blind: blind || BlindCoding.requested())
                try Workbench.serve(settings: settings, openBrowser: !noOpen) { address in
                    Terminal.line("verbatim workbench for \(context.study.name), coder \(settings.coder)" + (settings.blind ? " (blind coding)" : ""))
                    Terminal.line(address)
                    Terminal.line("Ctrl-C stops it.")
                    fflush(stdout)
                }
                Terminal.line("stopped")
                return 0
            }
        }
    }
}
