import ArgumentParser

extension Verbatim {
    /// Placeholder until the command is written.
    struct Matrix: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "matrix", abstract: "(not available yet)", shouldDisplay: false)
        func run() throws { try guarded { throw CLIError("error: 'matrix' is not available yet") } }
    }
}
