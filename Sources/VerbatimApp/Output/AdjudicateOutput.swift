import Foundation
import VerbatimExport

/// The outputs of `verbatim adjudicate`: text, CSV and JSON.
public enum AdjudicateOutput {
    public typealias U = AdjudicateUseCase

    static func itemJSON(_ i: U.Item) -> JSONValue {
        guard case .object(let fields) = AgreementOutput.disagreementJSON(i.disagreement) else { return .null }
        return .object([("id", .string(i.id))] + fields + [("decision", .optional(i.decision))])
    }

    public static func json(_ r: U.ListResult) -> JSONValue {
        .object([("coders", .array(r.coders.map { .string($0) })), ("recorded_as", .string(U.coder)), ("documents", .int(r.documents)),
                 ("open", .array(r.open.map(itemJSON))), ("decided", .array(r.decided.map(itemJSON))),
                 ("agreements", .int(r.agreements)), ("agreements_not_recorded", .int(r.agreementsMissing))])
    }

    public static func csv(_ r: U.ListResult) -> String {
        var csv = CSVWriter(header: ["id", "document", "turn", "speaker", "theme", "coded_by", "not_coded_by", "not_seen_by", "decision", "quote"])
        for i in r.open + r.decided {
            let d = i.disagreement
            csv.row([i.id, d.document, d.turn.map(String.init) ?? "", d.speaker ?? "", d.theme, d.codedBy.joined(separator: ";"),
                     d.notCodedBy.joined(separator: ";"), d.notSeenBy.joined(separator: ";"), i.decision ?? "", d.quote])
        }
        return csv.text
    }

    public static func text(_ r: U.ListResult, all: Bool, style: TextStyle) -> String {
        let coders = r.coders.joined(separator: ",")
        var out = style.strong("Disagreements of \(r.coders.joined(separator: ", "))") + " per turn, in \(r.documents) document\(r.documents == 1 ? "" : "s"): "
            + "\(r.open.count) open, \(r.decided.count) settled (codings/\(U.coder).jsonl)\n"
        for i in r.open + (all ? r.decided : []) {
            let d = i.disagreement
            var who = "coded by \(d.codedBy.joined(separator: ", ")); not by \(d.notCodedBy.joined(separator: ", "))"
            if !d.notSeenBy.isEmpty { who += "; not seen by \(d.notSeenBy.joined(separator: ", "))" }
            out += "\n" + style.strong(i.id) + "  \(d.document):\(d.turn ?? 0)  \(d.theme)  \(who)" + (i.decision.map { "  " + style.good("settled: \($0)") } ?? "") + "\n"
            out += "  " + style.note((d.speaker.map { "\($0): " } ?? "") + "« " + ReviewOutput.short(d.quote, 100) + " »") + "\n"
        }
        if r.open.isEmpty { out += "\n" + style.good("Every disagreement is settled.") + "\n" }
        var notes: [String] = []
        if let first = r.open.first {
            notes.append("Settle one: verbatim adjudicate \(first.id) --keep present|absent (or --accept-coder \(r.coders[0])) --coders \(coders)")
        }
        if r.agreementsMissing > 0 {
            notes.append("\(r.agreementsMissing) of \(r.agreements) agreement\(r.agreements == 1 ? "" : "s") (a theme every coder who saw the turn coded) not yet in '\(U.coder)': verbatim adjudicate --coders \(coders) --agreements")
        }
        notes.append("Count the settled coding: verbatim stats --source reviewed --coder \(U.coder)")
        return out + "\n" + notes.map { style.note($0) }.joined(separator: "\n") + "\n"
    }

    public static func json(_ decisions: [U.Decision]) -> JSONValue {
        .array(decisions.map { d in
            .object([("id", .string(d.id)), ("document", .string(d.document)), ("turn", .int(d.turn)), ("theme", .string(d.theme)),
                     ("decision", .string(d.decision)), ("replaced", .bool(d.replaced)),
                     ("records", .array(d.records.map { .string($0.id) }))])
        })
    }

    public static func text(_ decisions: [U.Decision]) -> String {
        decisions.map { d in
            "\(d.id)  \(d.document):\(d.turn)  \(d.theme)  \(d.decision)" + (d.replaced ? " (replaces the earlier decision)" : "")
                + "  → \(d.records.count) line\(d.records.count == 1 ? "" : "s") in codings/\(U.coder).jsonl\n"
        }.joined()
    }
}
