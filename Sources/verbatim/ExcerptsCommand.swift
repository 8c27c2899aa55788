import ArgumentParser

extension Verbatim {
    /// Placeholder until the command is written.
    struct Excerpts: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "excerpts", abstract: "(not available yet)", shouldDisplay: false)
        func run() throws { try guarded { throw CLIError("error: 'excerpts' is not available yet") } }
    }
}
