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
              verbatim codebook forms peur-internet   # the words each term matched in the study
            """,
            subcommands: [ShowCodebook.self, Lint.self, TestCodebook.self, Forms.self]
        )
    }

    struct CodebookArguments: ParsableArguments {
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: "Output format: text, json or csv.") var format: OutputFormat = .text
        @Argument(help: "The codebook file (.yaml, .yml or .csv).") var file: String?

        /// The context: the study when no file is named (its 'codebook:' is then used) or when `--study`
        /// names one (its attribute values are then checked against the theory of change); a named file
        /// alone is checked on its own.
        func context(_ console: Console) throws -> StudyContext {
            file == nil || studyOptions.study != nil ? try studyOptions.context(console)
                : StudyContext(study: Study(bareFilesWith: StudyConfig()), consumer: console)
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

    struct Forms: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "forms",
            abstract: "For each term, the distinct word forms it matched in the study, with their counts.",
            discussion: """
            Every match of a word or phrase term in a unit its theme codes, before rules, exclusions and
            negation, counted by its words in lower case: what a stem or a prefix takes in. THEME
            includes its sub-themes; without it, every theme.

            Examples:
              verbatim codebook forms
              verbatim codebook forms peur-internet
              verbatim codebook forms demarches-en-ligne --format csv
            """)
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file")) var codebook: String?
        @Option(name: .long, help: "Coding unit: turn, sentence or paragraph (default: the study's, else turn).") var unit: String?
        @Option(name: .long, help: "Output format: text, json or csv.") var format: OutputFormat = .text
        @Argument(help: "A theme id (with its sub-themes); default: every theme.") var theme: String?

        func run() throws {
            try execute { console in
                let result = try CodebookFormsUseCase.run(theme: theme, codebook: codebook, unit: unit, in: studyOptions.context(console))
                switch format {
                case .json: Terminal.line(CodebookFormsOutput.json(result).serialized())
                case .csv: Terminal.out(CodebookFormsOutput.csv(result))
                case .text: Terminal.out(CodebookFormsOutput.text(result, style: Terminal.textStyle))
                }
                return 0
            }
        }
    }
}
