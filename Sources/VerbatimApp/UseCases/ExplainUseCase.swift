import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCoding
import VerbatimExport

/// One turn explained: which rules fired, which hits were dropped and why (`verbatim code --explain`).
public struct TurnExplanation: Sendable {
    public var transcript: Transcript
    public var explanation: Explanation
}

/// Explains the coding of one turn.
public enum ExplainUseCase {
    /// Explains turn `spec` (`DOC:TURN`). Returns nil when the document cannot be found or read (the
    /// problem is reported).
    /// - Throws: a usage ``Diagnostic`` for a malformed `spec`, an error for a turn that does not exist.
    public static func run(_ spec: String, codebook: String?, unit: String?, in context: StudyContext) throws -> TurnExplanation? {
        guard let colon = spec.lastIndex(of: ":"), let turn = Int(spec[spec.index(after: colon)...]) else {
            throw Diagnostic.usage("--explain takes DOC:TURN, e.g. S01-lyon.txt:12")
        }
        let book = try context.codebook(codebook)
        let codingUnit = try context.unit(unit)
        let compiled = CompiledCodebook(book)
        context.consumer.report(compiled.diagnostics)
        let doc = String(spec[..<colon])
        guard let entry = context.corpus([doc]).entries.first else { return nil }
        let t = try context.study.load(document: entry.document, url: entry.url)
        let coder = Coder(compiled)
        guard let ex = coder.explain(t, turn: turn, unit: codingUnit) else {
            throw Diagnostic.error(doc, "no turn \(turn) (the transcript has \(t.turns.count) turns)")
        }
        if let overrun = coder.regexOverrun { throw overrun.diagnostic(t) }
        return TurnExplanation(transcript: t, explanation: ex)
    }
}

extension TurnExplanation {
    /// The explanation as one JSON object.
    public var json: JSONValue {
        let ex = explanation
        return .object([
            ("document", .string(ex.document)), ("turn", .int(ex.turn)), ("speaker", .optional(ex.speaker)),
            ("role", .string(ex.role.rawValue)), ("codings", .array(ex.codings.map(CodingRecords.json))),
            ("dropped", .array(ex.dropped.map { .object([("theme", .string($0.theme)), ("rule", .string($0.rule)),
                                                         ("match", .string($0.match)), ("reason", .string($0.reason))]) })),
        ])
    }

    /// The explanation for a person: the turn, then each coding and each dropped hit.
    public func text(style: TextStyle) -> String {
        let ex = explanation
        var out = style.strong("\(ex.document) turn \(ex.turn)") + "  " + (ex.speaker ?? "(unknown speaker)") + style.note(" [\(ex.role.rawValue)]") + "\n"
        if let turn = transcript.turns.first(where: { $0.index == ex.turn }) {
            out += "  " + transcript.text(of: turn).replacingOccurrences(of: "\n", with: "\n  ") + "\n\n"
        }
        if ex.codings.isEmpty { out += "No coding.\n" }
        for c in ex.codings {
            out += style.good("coded ") + style.strong(c.theme) + "  \"\(c.match)\"  " + style.note("by \(c.rule)") + "\n"
        }
        for d in ex.dropped {
            out += style.caution("dropped ") + style.strong(d.theme) + "  \"\(d.match)\"  " + style.note(d.rule.isEmpty ? "" : "by \(d.rule)") + ": \(d.reason)\n"
        }
        return out
    }
}
