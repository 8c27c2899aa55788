import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCodebook
import VerbatimCoding
import VerbatimExport

/// `verbatim codebook show|lint|test`.
public enum CodebookUseCase {
    /// Every problem of the codebook: its warnings, the linter's findings and the compiler's, each once.
    public static func lint(_ file: String?, in context: StudyContext) throws -> (codebook: Codebook, diagnostics: [Diagnostic]) {
        let (book, warnings) = try context.loadCodebook(file)
        var seen = Set<String>()
        let all = (warnings + CodebookLinter.lint(book) + CompiledCodebook(book).diagnostics
                   + context.theoryOfChangeDiagnostics(book)).filter { seen.insert($0.description).inserted }
        return (book, all)
    }

    /// Codes every example and counterexample of the codebook.
    public static func test(_ file: String?, in context: StudyContext) throws -> (codebook: Codebook, result: CodebookTester.Result) {
        let (book, _) = try context.loadCodebook(file)
        return (book, CodebookTester.run(book))
    }
}

/// The outputs of `verbatim codebook show`.
public enum CodebookOutput {
    public static func json(_ book: Codebook) -> JSONValue {
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
        return .object([("codebook", .string(book.id)), ("title", .string(book.title)),
                        ("language", .string(book.language)), ("version", .optional(book.version)),
                        ("themes", .array(book.themes.map(node)))])
    }

    public static func csv(_ book: Codebook) -> String {
        var csv = CSVWriter(header: ["id", "parent", "label", "definition", "include", "exclude", "rules"])
        func walk(_ ts: [Theme], _ parent: String) {
            for t in ts {
                csv.row([t.id, parent, t.label, t.definition ?? "", t.include ?? "", t.exclude ?? "",
                         t.rules.map(\.summary).joined(separator: " | ")])
                walk(t.children, t.id)
            }
        }
        walk(book.themes, "")
        return csv.text
    }

    public static func text(_ book: Codebook, style: TextStyle) -> String {
        var out = style.strong(book.title) + style.note("  \(book.id), language \(book.language)\(book.version.map { ", version \($0)" } ?? ""), \(book.allThemes.count) themes") + "\n"
        func walk(_ ts: [Theme], _ depth: Int) {
            for t in ts {
                let pad = String(repeating: "  ", count: depth)
                let other = t.labels.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
                out += "\n" + pad + style.strong(t.label) + style.note("  \(t.id)\(other.isEmpty ? "" : "  (\(other))")") + "\n"
                if let d = t.definition { out += pad + "  " + d + "\n" }
                if let i = t.include { out += pad + style.note("  include: ") + i + "\n" }
                if let e = t.exclude { out += pad + style.note("  exclude: ") + e + "\n" }
                for r in t.rules { out += pad + style.note("  rule: ") + r.summary + "\n" }
                if !t.unless.isEmpty { out += pad + style.note("  unless: ") + t.unless.map(\.source).joined(separator: ", ") + "\n" }
                walk(t.children, depth + 1)
            }
        }
        walk(book.themes, 0)
        return out
    }

    /// `48 themes: no errors, 0 warnings`.
    public static func lintSummary(_ book: Codebook, _ diagnostics: [Diagnostic], style: TextStyle) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        let themes = book.allThemes.count
        func s(_ n: Int) -> String { n == 1 ? "" : "s" }
        return "\(themes) theme\(s(themes)): " + (errors == 0 ? style.good("no errors") : style.bad("\(errors) error\(s(errors))"))
            + ", \(warnings) warning\(s(warnings))\n"
    }
}

/// The outputs of `verbatim codebook test`.
public enum CodebookTestOutput {
    public static func json(_ result: CodebookTester.Result) -> JSONValue {
        .object([
            ("examples", .int(result.examples)), ("counterexamples", .int(result.counterexamples)),
            ("failures", .array(result.failures.map { f in
                .object([("theme", .string(f.theme)), ("kind", .string(f.kind)), ("text", .string(f.text)),
                         ("found", .array(f.found.map { .string($0) })), ("matches", .array(f.matches.map { .string($0) }))])
            })),
        ])
    }

    public static func csv(_ result: CodebookTester.Result) -> String {
        var csv = CSVWriter(header: ["theme", "kind", "text", "found", "matches"])
        for f in result.failures { csv.row([f.theme, f.kind, f.text, f.found.joined(separator: "; "), f.matches.joined(separator: "; ")]) }
        return csv.text
    }

    public static func text(_ book: Codebook, _ result: CodebookTester.Result, style: TextStyle) -> String {
        var out = ""
        for f in result.failures {
            let what = f.kind == "example" ? "example not coded" : "counterexample coded (\(f.found.joined(separator: ", ")))"
            out += style.bad("FAIL ") + style.strong(f.theme) + ": \(what): \"\(f.text)\"\n"
            for m in f.matches { out += style.note("     matched \(m)") + "\n" }
        }
        let total = result.examples + result.counterexamples
        out += "\(result.examples) examples and \(result.counterexamples) counterexamples in \(book.allThemes.count) themes: "
            + (result.failures.isEmpty ? style.good("all \(total) behave") : style.bad("\(result.failures.count) of \(total) misbehave")) + "\n"
        return out
    }
}
