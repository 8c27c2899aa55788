import ArgumentParser

extension Verbatim {
    /// Placeholder until the command is written.
    struct Cooccur: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cooccur", abstract: "(not available yet)", shouldDisplay: false)
        func run() throws { try guarded { throw CLIError("error: 'cooccur' is not available yet") } }
    }
}
