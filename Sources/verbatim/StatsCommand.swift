import ArgumentParser

extension Verbatim {
    /// Placeholder until the command is written.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stats", abstract: "(not available yet)", shouldDisplay: false)
        func run() throws { try guarded { throw CLIError("error: 'stats' is not available yet") } }
    }
}
