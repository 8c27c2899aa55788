import ArgumentParser

extension Verbatim {
    /// Placeholder until the command is written.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "report", abstract: "(not available yet)", shouldDisplay: false)
        func run() throws { try guarded { throw CLIError("error: 'report' is not available yet") } }
    }
}
