import Foundation
import VerbatimModel
import VerbatimExport
import VerbatimExchange

/// What `verbatim export qdc|qdpx` and `verbatim import` print.
public enum ExchangeOutput {
    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    public static func text(_ s: ExportExchangeUseCase.Summary, file: String, codebookOnly: Bool, style: TextStyle) -> String {
        if codebookOnly { return "\(style.strong(file)): \(plural(s.themes, "theme")) (REFI-QDA codebook)" }
        var line = "\(style.strong(file)): \(plural(s.documents, "source")), \(plural(s.themes, "code")), \(plural(s.codings, "coding")) on \(plural(s.selections, "selection"))"
        line += " by \(plural(s.coders.count, "user"))"
        if !s.coders.isEmpty { line += " (\(s.coders.joined(separator: ", ")))" }
        line += ", \(plural(s.cases, "case")), \(plural(s.sets, "set")), \(plural(s.notes, "note"))"
        if s.unplaced > 0 { line += "; " + style.caution("\(s.unplaced) not placed") }
        return line
    }

    public static func json(_ s: ExportExchangeUseCase.Summary, file: String) -> JSONValue {
        .object([("file", .string(file)), ("sources", .int(s.documents)), ("codes", .int(s.themes)), ("selections", .int(s.selections)),
                 ("codings", .int(s.codings)), ("users", .array(s.coders.map { .string($0) })), ("cases", .int(s.cases)),
                 ("sets", .int(s.sets)), ("notes", .int(s.notes)), ("unplaced", .int(s.unplaced))])
    }

    public static func text(_ r: ImportExchangeUseCase.Result, style: TextStyle) -> String {
        var lines: [String] = []
        let from = r.origin.map { " (written by \($0))" } ?? ""
        lines.append("\(style.strong(r.study)): imported \(r.isCodebook ? "a codebook" : "a project")\(from)")
        lines.append("  \(plural(r.themes, "theme")), \(plural(r.documents, "transcript")), \(plural(r.codings, "coding")) by \(plural(r.coders.count, "coder"))"
                     + (r.coders.isEmpty ? "" : " (\(r.coders.joined(separator: ", ")))") + ", \(plural(r.cases, "case")), \(plural(r.sets, "set")), \(plural(r.memos, "memo"))")
        for o in r.offsets where o.selections > 0 {
            lines.append(style.note("  \(o.document): offsets read as \(o.model); \(o.onWords) of \(o.selections) selections on word boundaries"))
        }
        if r.notCarried.isEmpty {
            lines.append("  " + style.good("everything was carried"))
        } else {
            lines.append("  " + style.caution("not carried:"))
            for n in r.notCarried { lines.append("    \(n.count) \(n.what)") }
        }
        if r.warnings > 0 { lines.append(style.note("  \(plural(r.warnings, "warning")) above")) }
        lines.append(style.note("  next: cd \(r.study.contains(" ") ? "'\(r.study)'" : r.study) && verbatim check"))
        return lines.joined(separator: "\n")
    }

    public static func json(_ r: ImportExchangeUseCase.Result) -> JSONValue {
        .object([
            ("study", .string(r.study)), ("origin", r.origin.map { .string($0) } ?? .null), ("codebook_only", .bool(r.isCodebook)),
            ("themes", .int(r.themes)), ("transcripts", .int(r.documents)), ("codings", .int(r.codings)),
            ("coders", .array(r.coders.map { .string($0) })), ("cases", .int(r.cases)), ("sets", .int(r.sets)), ("memos", .int(r.memos)),
            ("offsets", .array(r.offsets.map { .object([("document", .string($0.document)), ("reading", .string($0.model)),
                                                         ("on_word_boundaries", .int($0.onWords)), ("selections", .int($0.selections))]) })),
            ("not_carried", .array(r.notCarried.map { .object([("what", .string($0.what)), ("count", .int($0.count))]) })),
            ("warnings", .int(r.warnings)),
        ])
    }
}
