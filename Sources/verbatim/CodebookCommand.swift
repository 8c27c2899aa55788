import ArgumentParser
import Foundation
import VerbatimStudy
import VerbatimApp

extension Verbatim {
    struct CodebookCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "codebook",
            abstract: "Show, check and test a codebook.",
            discussion: """
            FILE defaults to the study's codebook ('codebook:' in verbatim.yaml).

            Examples:
              verbatim codebook show ../../Codebooks/les-connectes.yaml
              verbatim codebook lint
              verbatim codebook test        # codes every example and counterexample
            """,
            subcommands: [ShowCodebook.self, Lint.self, TestCodebook.self]
        )
    }

    struct CodebookArguments: ParsableArguments {
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: "Output format: text, json or csv.") var format: OutputFormat = .text
        @Argument(help: "The codebook file (.yaml, .yml or .csv).") var file: String?

        /// The context: the study only matters when no file is named (its 'codebook:' is then used).
        func context(_ console: Console) throws -> StudyContext {
            file == nil ? try studyOptions.context(console) : StudyContext(study: Study(bareFilesWith: StudyConfig()), consumer: console)
        }
    }

    struct ShowCodebook: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the theme tree with definitions and rules.")
        @OptionGroup var args: CodebookArguments

        func run() throws {
            try execute { console in
                let (book, _) = try args.context(console).loadCodebook(args.file)
                switch args.format {
                case .json: Terminal.line(CodebookOutput.json(book).serialized())
                case .csv: Terminal.out(CodebookOutput.csv(book))
                case .text: Terminal.out(CodebookOutput.text(book, style: Terminal.textStyle))
                }
                return 0
            }
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "lint", abstract: "Check a codebook: ids, rules, regular expressions, negation targets, examples.")
        @OptionGroup var args: CodebookArguments

        func run() throws {
            try execute { console in
                let (book, diagnostics) = try CodebookUseCase.lint(args.file, in: args.context(console))
                console.report(diagnostics)
                Terminal.out(CodebookOutput.lintSummary(book, diagnostics, style: Terminal.textStyle))
                return 0
            }
        }
    }

    struct TestCodebook: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "test", abstract: "Code every example and counterexample; exit 1 if one misbehaves.")
        @OptionGroup var args: CodebookArguments

        func run() throws {
            try execute { console in
                let (book, result) = try CodebookUseCase.test(args.file, in: args.context(console))
                switch args.format {
                case .json: Terminal.line(CodebookTestOutput.json(result).serialized())
                case .csv: Terminal.out(CodebookTestOutput.csv(result))
                case .text: Terminal.out(CodebookTestOutput.text(book, result, style: Terminal.textStyle))
                }
                return result.failures.isEmpty ? 0 : 1
            }
        }
    }
}
