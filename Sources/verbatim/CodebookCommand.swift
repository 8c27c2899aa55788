import ArgumentParser
import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCodebook
import VerbatimCoding
import VerbatimExport

extension Verbatim {
    struct CodebookCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "codebook",
            abstract: "Show, check and test a codebook.",
            discussion: """
            FILE defaults to the study's codebook ('codebook:' in verbatim.yaml).

            Examples:
              verbatim codebook show Codebooks/les-connectes.yaml
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

        func load() throws -> (Codebook, [Diagnostic]) {
            let study: Study? = file == nil ? try studyOptions.open() : nil
            return try CodebookSupport.load(file, study: study)
        }
    }

    struct ShowCodebook: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the theme tree with definitions and rules.")
        @OptionGroup var args: CodebookArguments

        func run() throws {
            try guarded {
                let (book, _) = try args.load()
                switch args.format {
                case .json:
                    func node(_ t: Theme) -> JSONValue {
                        .object([("id", .string(t.id)), ("label", .string(t.label)),
                                 ("labels", .object(t.labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
                                 ("color", .optional(t.color)), ("definition", .optional(t.definition)),
                                 ("include", .optional(t.include)), ("exclude", .optional(t.exclude)),
                                 ("examples", .array(t.examples.map { .string($0) })),
                                 ("counterexamples", .array(t.counterexamples.map { .string($0) })),
                                 ("rules", .array(t.rules.map { .string($0.summary) })),
                                 ("unless", .array(t.unless.map { .string($0.source) })),
                                 ("themes", .array(t.children.map(node)))])
                    }
                    Terminal.out(JSONValue.object([("codebook", .string(book.id)), ("title", .string(book.title)),
                                                   ("language", .string(book.language)), ("version", .optional(book.version)),
                                                   ("themes", .array(book.themes.map(node)))]).serialized() + "\n")
                case .csv:
                    var csv = CSVWriter(header: ["id", "parent", "label", "definition", "include", "exclude", "rules"])
                    func walk(_ ts: [Theme], _ parent: String) {
                        for t in ts {
                            csv.row([t.id, parent, t.label, t.definition ?? "", t.include ?? "", t.exclude ?? "",
                                     t.rules.map(\.summary).joined(separator: " | ")])
                            walk(t.children, t.id)
                        }
                    }
                    walk(book.themes, "")
                    Terminal.out(csv.text)
                case .text:
                    var out = Terminal.bold(book.title) + Terminal.dim("  \(book.id), language \(book.language)\(book.version.map { ", version \($0)" } ?? ""), \(book.allThemes.count) themes") + "\n"
                    func walk(_ ts: [Theme], _ depth: Int) {
                        for t in ts {
                            let pad = String(repeating: "  ", count: depth)
                            let other = t.labels.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
                            out += "\n" + pad + Terminal.bold(t.label) + Terminal.dim("  \(t.id)\(other.isEmpty ? "" : "  (\(other))")") + "\n"
                            if let d = t.definition { out += pad + "  " + d + "\n" }
                            if let i = t.include { out += pad + Terminal.dim("  include: ") + i + "\n" }
                            if let e = t.exclude { out += pad + Terminal.dim("  exclude: ") + e + "\n" }
                            for r in t.rules { out += pad + Terminal.dim("  rule: ") + r.summary + "\n" }
                            if !t.unless.isEmpty { out += pad + Terminal.dim("  unless: ") + t.unless.map(\.source).joined(separator: ", ") + "\n" }
                            walk(t.children, depth + 1)
                        }
                    }
                    walk(book.themes, 0)
                    Terminal.out(out)
                }
                return 0
            }
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "lint", abstract: "Check a codebook: ids, rules, regular expressions, negation targets, examples.")
        @OptionGroup var args: CodebookArguments

        func run() throws {
            try guarded {
                let (book, warnings) = try args.load()
                var all = warnings + CodebookLinter.lint(book) + CompiledCodebook(book).diagnostics
                var seen = Set<String>()
                all = all.filter { seen.insert($0.description).inserted }
                for d in all { Terminal.report(d) }
                let errors = all.filter { $0.severity == .error }.count
                let warns = all.filter { $0.severity == .warning }.count
                Terminal.out("\(book.allThemes.count) themes: " + (errors == 0 ? Terminal.green("no errors") : Terminal.red("\(errors) errors")) + ", \(warns) warnings\n")
                return errors > 0 ? 1 : 0
            }
        }
    }

    struct TestCodebook: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "test", abstract: "Code every example and counterexample; exit 1 if one misbehaves.")
        @OptionGroup var args: CodebookArguments

        func run() throws {
            try guarded {
                let (book, _) = try args.load()
                let result = CodebookTester.run(book)
                switch args.format {
                case .json:
                    Terminal.out(JSONValue.object([
                        ("examples", .int(result.examples)), ("counterexamples", .int(result.counterexamples)),
                        ("failures", .array(result.failures.map { f in
                            .object([("theme", .string(f.theme)), ("kind", .string(f.kind)), ("text", .string(f.text)),
                                     ("found", .array(f.found.map { .string($0) }))])
                        })),
                    ]).serialized() + "\n")
                case .csv:
                    var csv = CSVWriter(header: ["theme", "kind", "text", "found"])
                    for f in result.failures { csv.row([f.theme, f.kind, f.text, f.found.joined(separator: "; ")]) }
                    Terminal.out(csv.text)
                case .text:
                    for f in result.failures {
                        let what = f.kind == "example" ? "example not coded" : "counterexample coded (\(f.found.joined(separator: ", ")))"
                        Terminal.out(Terminal.red("FAIL ") + Terminal.bold(f.theme) + ": \(what): \"\(f.text)\"\n")
                    }
                    let total = result.examples + result.counterexamples
                    Terminal.out("\(result.examples) examples and \(result.counterexamples) counterexamples in \(book.allThemes.count) themes: "
                                 + (result.failures.isEmpty ? Terminal.green("all \(total) behave") : Terminal.red("\(result.failures.count) of \(total) misbehave")) + "\n")
                }
                return result.failures.isEmpty ? 0 : 1
            }
        }
    }
}
