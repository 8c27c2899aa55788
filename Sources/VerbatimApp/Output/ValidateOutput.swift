import Foundation
import VerbatimExport

/// The outputs of `verbatim validate`: text, CSV and JSON.
public enum ValidateOutput {
    public typealias R = ValidateUseCase

    static func counts(_ s: R.Score) -> [(String, JSONValue)] {
        [("true_positives", .int(s.truePositives)), ("false_positives", .int(s.falsePositives)),
         ("false_negatives", .int(s.falseNegatives)), ("true_negatives", .int(s.trueNegatives)),
         ("undecided", .int(s.undecided)),
         ("precision", AgreementOutput.number(s.precision)), ("recall", AgreementOutput.number(s.recall)), ("f1", AgreementOutput.number(s.f1))]
    }

    static func missJSON(_ m: R.Miss) -> JSONValue {
        var fields: [(String, JSONValue)] = [("kind", .string(m.kind.rawValue)), ("document", .string(m.document)),
                                             ("turn", m.turn.map { .int($0) } ?? .null), ("speaker", .optional(m.speaker)),
                                             ("theme", .string(m.theme)), ("text", .string(m.text))]
        func hits(_ h: [R.RuleHit]) -> JSONValue {
            .array(h.map { .object([("rule", .string($0.rule)), ("words", .string($0.words))] + ($0.reason.map { [("reason", .string($0))] } ?? [])) })
        }
        if m.kind == .falsePositive {
            fields.append(("rules", hits(m.rules)))
        } else {
            fields.append(("coded", .array(m.goldQuotes.map { .string($0) })))
            fields.append(("dropped", hits(m.dropped)))
        }
        if let t = m.turn { fields.append(("explain", .string("verbatim code --explain \(m.document):\(t)"))) }
        return .object(fields)
    }

    public static func json(_ r: R.Result) -> JSONValue {
        .object([
            ("gold", .string(r.gold)), ("unit", .string(r.unit.rawValue)), ("codebook", .string(r.codebook)),
            ("reviewed", .string(R.reviewedRule(r.gold, unit: r.unit))),
            ("documents", .array(r.documents.map { .string($0) })), ("units", .int(r.units)),
            ("themes", .array(r.themes.map { t in
                .object([("theme", .string(t.id)), ("label", .string(t.label)), ("depth", .int(t.depth))] + counts(t.score))
            })),
            ("unused_themes", .int(r.unusedThemes)),
            ("overall", r.overall.map { .object(counts($0)) } ?? .null),
            ("false_positives", .array(r.falsePositives.map(missJSON))),
            ("false_negatives", .array(r.falseNegatives.map(missJSON))),
        ])
    }

    public static func csv(_ r: R.Result) -> String {
        var csv = CSVWriter(header: ["theme", "label", "depth", "true_positives", "false_positives", "false_negatives", "true_negatives",
                                     "undecided", "precision", "recall", "f1"])
        func row(_ id: String, _ label: String, _ depth: String, _ s: R.Score) {
            csv.row([id, label, depth, String(s.truePositives), String(s.falsePositives), String(s.falseNegatives), String(s.trueNegatives), String(s.undecided),
                     AgreementOutput.csvNumber(s.precision), AgreementOutput.csvNumber(s.recall), AgreementOutput.csvNumber(s.f1)])
        }
        for t in r.themes { row(t.id, t.label, String(t.depth), t.score) }
        if let o = r.overall { row("(overall)", "", "", o) }
        return csv.text
    }

    public static func text(_ r: R.Result, style: TextStyle, maxListed: Int = 20) -> String {
        var out = style.strong("The rules against \(r.gold)'s decisions") + " per \(r.unit.rawValue): \(r.documents.count) document\(r.documents.count == 1 ? "" : "s") \(r.gold) reviewed, \(r.units) units\n\n"
        var t = Table(header: ["theme", "TP", "FP", "FN", "TN", "undecided", "precision", "recall", "F1"],
                      alignments: [.left, .right, .right, .right, .right, .right, .right, .right, .right])
        func add(_ name: String, _ s: R.Score) {
            t.add([name, String(s.truePositives), String(s.falsePositives), String(s.falseNegatives), String(s.trueNegatives), String(s.undecided),
                   AgreementOutput.decimal(s.precision), AgreementOutput.decimal(s.recall), AgreementOutput.decimal(s.f1)])
        }
        for th in r.themes { add(String(repeating: "  ", count: th.depth) + th.id, th.score) }
        if let o = r.overall { add("(overall: unit × theme)", o) }
        out += r.themes.isEmpty ? "Neither the rules nor \(r.gold) used a theme of the selection in these documents.\n" : t.text(headerStyle: style.strong, maxWidth: 60)
        var notes = ["Units: " + R.reviewedRule(r.gold, unit: r.unit) + ".",
                     "TP: both coded; FP: the rules coded, \(r.gold) decided against it (rejected, or recoded as another theme); FN: \(r.gold) coded, the rules did not. Precision TP/(TP+FP), recall TP/(TP+FN), F1 2TP/(2TP+FP+FN); — : undefined (nothing coded on that side). Undecided: the rules' suggestions \(r.gold) has not decided, left out.",
                     "The rules: the codebook's codings, whatever anyone decided; \(r.gold): manual and accepted codings (recoded ones under their new theme).",
                     "A theme counts with its sub-themes; the overall row and the lists below take each theme on its own."]
        if r.unusedThemes > 0 { notes.append("\(r.unusedThemes) theme\(r.unusedThemes == 1 ? "" : "s") of the selection: used by neither here, not listed.") }
        out += notes.map { style.note($0) }.joined(separator: "\n") + "\n"
        func list(_ title: String, _ items: [R.Miss]) {
            guard !items.isEmpty else { return }
            out += "\n" + style.strong(title) + " (\(items.count))\n"
            for m in items.prefix(maxListed) {
                let place = m.turn.map { "\(m.document):\($0)" } ?? m.document
                out += "\(place)  \(m.theme)"
                if m.kind == .falsePositive {
                    out += "  " + m.rules.map { "by \($0.rule) on \"\(ReviewOutput.short($0.words, 40))\"" }.joined(separator: "; ")
                }
                out += "\n  " + style.note((m.speaker.map { "\($0): " } ?? "") + "« " + ReviewOutput.short(m.text, 100) + " »") + "\n"
                if m.kind == .falseNegative {
                    for q in m.goldQuotes where q != m.text { out += "  " + style.note("\(r.gold) coded « \(ReviewOutput.short(q, 80)) »") + "\n" }
                    for d in m.dropped {
                        out += "  " + style.caution("dropped") + " \"\(ReviewOutput.short(d.words, 40))\"" + (d.rule.isEmpty ? "" : " by \(d.rule)") + ": \(d.reason ?? "")\n"
                    }
                }
            }
            if items.count > maxListed { out += style.note("… and \(items.count - maxListed) more (--format json lists them all)") + "\n" }
        }
        list("False positives: the rules coded, \(r.gold) decided against it", r.falsePositives)
        list("False negatives: \(r.gold) coded, the rules did not", r.falseNegatives)
        let undecided = r.overall?.undecided ?? 0
        if undecided > 0 {
            out += "\n" + style.note("\(undecided) suggestion\(undecided == 1 ? "" : "s") of the rules \(r.gold) has not decided: left out; decide them with 'verbatim suggestions --coder \(r.gold)' for a complete validation.") + "\n"
        }
        if !r.falsePositives.isEmpty || !r.falseNegatives.isEmpty {
            out += "\n" + style.note("See why the rules coded a turn as they did: verbatim code --explain DOC:TURN") + "\n"
        }
        return out
    }
}
