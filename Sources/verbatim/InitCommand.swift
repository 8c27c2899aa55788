import ArgumentParser
import Foundation
import VerbatimStudy

extension Verbatim {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a new study folder with a commented verbatim.yaml and empty attribute tables.",
            discussion: """
            Examples:
              verbatim init my-study
              verbatim init entretiens-2025 --name "Évaluation Les Connectés"
            """
        )
        @Argument(help: "The folder to create (or an existing folder without a study).") var dir: String
        @Option(name: .long, help: "The study's name.") var name: String?

        func run() throws {
            try execute { _ in
                try StudyTemplate.create(at: URL(fileURLWithPath: dir), name: name)
                Terminal.out("""
                Created a study in \(dir):
                  \(dir)/verbatim.yaml      settings, with a comment on every key
                  \(dir)/transcripts/       put your .txt, .docx, .odt, .vtt, .srt files here
                  \(dir)/cases.csv          one row per transcript: group, territory, wave...
                  \(dir)/participants.csv   focus-group participants' attributes
                Next: copy transcripts in, then run 'verbatim check' inside \(dir).

                """)
                return 0
            }
        }
    }
}
