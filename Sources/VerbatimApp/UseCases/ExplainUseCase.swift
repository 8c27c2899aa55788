import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCoding
import VerbatimExport

/// One turn explained: which rules fired, which hits were dropped and why (`verbatim code --explain`).
public struct TurnExplanation: Sendable {
    public var transcript: Transcript
    public var explanation: Explanation
    /// Replaces names in what is printed (nil: `--real-names`).
    public var pseudonymizer: Pseudonymizer?
}

/// Explains the coding of one turn.
public enum ExplainUseCase {
    /// Explains turn `spec` (`DOC:TURN`). Returns nil when the document cannot be found or read (the
    /// problem is reported).
    /// - Throws: a usage ``Diagnostic`` for a malformed `spec`, an error for a turn that does not exist.
    ///
    /// Without `realNames`, the speaker, the turn's text, the matched words and the document's name
    /// are shown as the excerpts show them (names replaced by pseudonyms).
    public static func run(_ spec: String, codebook: String?, unit: String?, realNames: Bool = false,
                           in context: StudyContext) throws -> TurnExplanation? {
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
        let pseudonymizer = try context.pseudonymizer(realNames: realNames, documents: [])?
            .registering(document: t.document, speakers: Pseudonymizer.speakers(of: t.turns))
        return TurnExplanation(transcript: t, explanation: ex, pseudonymizer: pseudonymizer)
    }
}

extension TurnExplanation {
    /// The explanation as one JSON object.
    public var json: JSONValue {
        let ex = shown
        return .object([
            ("document", .string(ex.document)), ("turn", .int(ex.turn)), ("speaker", .optional(ex.speaker)),
            ("role", .string(ex.role.rawValue)), ("codings", .array(ex.codings.map(CodingRecords.json))),
            ("dropped", .array(ex.dropped.map { .object([("theme", .string($0.theme)), ("rule", .string($0.rule)),
                                                         ("match", .string($0.match)), ("reason", .string($0.reason))]) })),
        ])
    }

    /// The explanation with names replaced, as printed.
    var shown: Explanation {
        guard let p = pseudonymizer else { return explanation }
        var ex = explanation
        ex.speaker = ex.speaker.map { p.speaker($0, in: ex.document) }
        ex.codings = ex.codings.map { CodingRecords.shown($0, p) }
        ex.dropped = ex.dropped.map { d in
            var d = d
            d.match = p.pseudonymize(d.match, in: ex.document).text
            return d
        }
        ex.document = p.document(ex.document)
        return ex
    }

    /// The explanation for a person: the turn, then each coding and each dropped hit.
    public func text(style: TextStyle) -> String {
        let ex = shown
        var out = style.strong("\(ex.document) turn \(ex.turn)") + "  " + (ex.speaker ?? "(unknown speaker)") + style.note(" [\(ex.role.rawValue)]") + "\n"
        if let turn = transcript.turns.first(where: { $0.index == ex.turn }) {
            let raw = transcript.text(of: turn)
            out += "  " + (pseudonymizer?.pseudonymize(raw, in: transcript.document).text ?? raw).replacingOccurrences(of: "\n", with: "\n  ") + "\n\n"
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
