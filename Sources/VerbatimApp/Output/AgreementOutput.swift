import Foundation
import VerbatimAnalysis
import VerbatimExport

/// The outputs of `verbatim agree`: text, CSV and JSON.
public enum AgreementOutput {
    /// Three decimals, `—` for none.
    public static func decimal(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        return String(format: "%.3f", x)
    }

    static func number(_ x: Double?) -> JSONValue { x.map { $0.isFinite ? .double($0) : .null } ?? .null }
    static func csvNumber(_ x: Double?) -> String { x.map { $0.isFinite ? String($0) : "" } ?? "" }

    // MARK: - One summary

    /// The JSON fields of a summary: the four statistics (null when undefined, with the reason in
    /// `notes`), the counts, and the details of each.
    public static func fields(_ s: AgreementSummary) -> [(String, JSONValue)] {
        var notes: [(String, JSONValue)] = []
        func note(_ key: String, _ u: AgreementUndefined?) { if let u { notes.append((key, .string(u.description))) } }
        note("percent_agreement", s.percentAgreement.undefined)
        note("cohen_kappa", s.cohen.undefined)
        note("fleiss_kappa", s.fleiss.undefined)
        note("krippendorff_alpha", s.alpha.undefined)
        var out: [(String, JSONValue)] = [
            ("level", .string(s.level.rawValue)),
            ("units", .int(s.units)),
            ("coders", .int(s.coders)),
            ("pairable_units", .int(s.pairableUnits)),
            ("pairable_values", .int(s.pairableValues)),
            ("percent_agreement", number(s.percentAgreement.value)),
            ("cohen_kappa", number(s.cohen.value)),
            ("fleiss_kappa", number(s.fleiss.value)),
            ("krippendorff_alpha", number(s.alpha.value)),
            ("unanimous_units", .int(s.percentAgreement.unanimousUnits)),
            ("cohen", .object([("units", .int(s.cohen.units)), ("observed_agreement", number(s.cohen.observedAgreement)),
                               ("expected_agreement", number(s.cohen.expectedAgreement))])),
            ("fleiss", .object([("units", .int(s.fleiss.units)), ("raters", .int(s.fleiss.raters)),
                                ("incomplete_units", .int(s.fleiss.incompleteUnits)),
                                ("observed_agreement", number(s.fleiss.observedAgreement)),
                                ("expected_agreement", number(s.fleiss.expectedAgreement))])),
            ("alpha", .object([("observed_disagreement", number(s.alpha.observedDisagreement)),
                               ("expected_disagreement", number(s.alpha.expectedDisagreement))])),
        ]
        if let b = s.bootstrap {
            var fields: [(String, JSONValue)] = [("samples", .int(b.samples)), ("seed", .string(String(b.seed))),
                                                 ("confidence", .double(b.confidence)), ("lower", number(b.lower)), ("upper", number(b.upper)),
                                                 ("undefined_samples", .int(b.undefinedSamples))]
            if let m = b.minimum { fields += [("min_alpha", .double(m)), ("share_below_min_alpha", number(b.belowMinimum))] }
            out.append(("bootstrap", .object(fields)))
        } else {
            out.append(("bootstrap", .null))
        }
        out.append(("notes", .object(notes)))
        return out
    }

    /// The table of a summary's statistics, with a note on each.
    static func statistics(_ s: AgreementSummary, style: TextStyle) -> String {
        var t = Table(header: ["statistic", "value", "on"], alignments: [.left, .right, .left])
        let p = s.percentAgreement
        t.add(["percent agreement", decimal(p.value),
               p.undefined?.description ?? "\(p.units) units with two values or more, \(p.unanimousUnits) unanimous"])
        t.add(["Cohen's kappa", decimal(s.cohen.value), s.cohen.undefined?.description ?? "\(s.cohen.units) units both coders coded"])
        let f = s.fleiss
        t.add(["Fleiss' kappa", decimal(f.value), f.undefined?.description
                ?? "\(f.units) units coded by all \(f.raters) coders" + (f.incompleteUnits > 0 ? " (\(f.incompleteUnits) left out)" : "")])
        var alphaNote = s.alpha.undefined?.description
            ?? "\(s.level.rawValue); \(s.pairableValues) pairable values in \(s.pairableUnits) units"
        if let b = s.bootstrap {
            if let lo = b.lower, let hi = b.upper {
                alphaNote += "; \(Int((b.confidence * 100).rounded()))% bootstrap interval [\(decimal(lo)), \(decimal(hi))] (\(b.samples) draws, seed \(b.seed))"
            } else {
                alphaNote += "; no bootstrap interval (alpha is undefined in every draw)"
            }
        }
        t.add(["Krippendorff's alpha", decimal(s.alpha.value), alphaNote])
        return t.text(headerStyle: style.strong, maxWidth: 140)
    }

    static let csvColumns = ["scope", "level", "units", "coders", "pairable_units", "pairable_values", "percent_agreement",
                             "cohen_kappa", "fleiss_kappa", "krippendorff_alpha", "alpha_lower", "alpha_upper"]

    static func csvRow(_ scope: [String], _ s: AgreementSummary) -> [String] {
        scope + [s.level.rawValue, String(s.units), String(s.coders), String(s.pairableUnits), String(s.pairableValues),
                 csvNumber(s.percentAgreement.value), csvNumber(s.cohen.value), csvNumber(s.fleiss.value), csvNumber(s.alpha.value),
                 csvNumber(s.bootstrap?.lower), csvNumber(s.bootstrap?.upper)]
    }

    // MARK: - A table file

    public static func json(_ r: AgreementUseCase.MatrixResult) -> JSONValue {
        var out: [(String, JSONValue)] = [("file", .string(r.path))]
        out += fields(r.summary)
        out.insert(("coder_names", .array(r.table.coders.map { .string($0) })), at: 4)
        out.insert(("values", .array(r.table.values.map { .string($0) })), at: 5)
        out.append(("min_alpha", r.options.minAlpha.map { .double($0) } ?? .null))
        out.append(("below_min_alpha", r.options.minAlpha == nil ? .null : .bool(r.shortfall != nil)))
        return .object(out)
    }

    public static func csv(_ r: AgreementUseCase.MatrixResult) -> String {
        var csv = CSVWriter(header: csvColumns)
        csv.row(csvRow([r.path], r.summary))
        return csv.text
    }

    public static func text(_ r: AgreementUseCase.MatrixResult, style: TextStyle) -> String {
        let s = r.summary
        let coders = r.table.coders.joined(separator: ", ")
        var out = style.strong(r.path) + ": \(s.units) units, \(s.coders) coders (\(coders)), \(s.values.count) values\n\n"
        out += statistics(s, style: style)
        if let m = r.options.minAlpha {
            out += "\n" + (r.shortfall == nil ? style.good("alpha reaches \(decimal(m))") : style.bad("alpha is below \(decimal(m))")) + "\n"
        }
        return out
    }

    // MARK: - The coders of a study

    static func disagreementJSON(_ d: AgreementUseCase.Disagreement) -> JSONValue {
        .object([("document", .string(d.document)), ("turn", d.turn.map { .int($0) } ?? .null), ("speaker", .optional(d.speaker)),
                 ("theme", .string(d.theme)), ("coded_by", .array(d.codedBy.map { .string($0) })),
                 ("not_coded_by", .array(d.notCodedBy.map { .string($0) })), ("not_seen_by", .array(d.notSeenBy.map { .string($0) })),
                 ("quote", .string(d.quote))])
    }

    public static func json(_ r: AgreementUseCase.StudyResult) -> JSONValue {
        func pair(_ all: AgreementSummary, _ coded: AgreementSummary) -> [(String, JSONValue)] {
            [("all_units", .object(fields(all))), ("coded_units", .object(fields(coded)))]
        }
        let themes: [JSONValue] = r.themes.map { t in
            .object([("theme", .string(t.id)), ("label", .string(t.label)), ("depth", .int(t.depth)),
                     ("units_coded_by", .object(zip(r.coders, t.unitsPerCoder).map { ($0, .int($1)) }))] + pair(t.all, t.coded))
        }
        return .object([
            ("coders", .array(r.coders.map { .string($0) })),
            ("unit", .string(r.unit.rawValue)),
            ("source", .string(r.source)),
            ("codebook", .string(r.codebook)),
            ("documents", .int(r.documents.count)),
            ("documents_seen_by", .object(zip(r.coders, r.documentsPerCoder).map { ($0, .int($1)) })),
            ("units", .int(r.units)),
            ("coded_units", .int(r.codedUnits)),
            ("units_entered", .string(unitsEntered(r))),
            ("uncoded_text", .string(uncodedText)),
            ("themes", .array(themes)),
            ("unused_themes", .int(r.unusedThemes)),
            ("overall", r.overall.map { .object(pair($0.all, $0.coded)) } ?? .null),
            ("min_alpha", r.options.minAlpha.map { .double($0) } ?? .null),
            ("checked", .string(r.overallChecked ? "overall" : "themes")),
            ("below_min_alpha", .array(r.shortfalls.map { .string($0) })),
            ("disagreements", .array(r.disagreements.map(disagreementJSON))),
        ])
    }

    /// Which units entered the figures, in words.
    static func unitsEntered(_ r: AgreementUseCase.StudyResult) -> String {
        "every \(r.unit == .turn ? "non-interviewer turn" : "document") of the documents at least one coder saw (made any decision in: a tag, an acceptance, a rejection); a coder who did not see a document has no value there (missing, not 'absent')"
    }

    /// How text nobody coded was handled, in words.
    static let uncodedText = "'all_units' counts a unit nobody coded as an agreement on 'absent'; 'coded_units' leaves out the units no coder coded with any theme, so that uncoded text cannot inflate agreement; characters are never counted, only units"

    public static func csv(_ r: AgreementUseCase.StudyResult) -> String {
        var csv = CSVWriter(header: ["theme", "label", "depth", "units_kind"] + csvColumns.dropFirst())
        for t in r.themes {
            csv.row(Array(csvRow([t.id, t.label, String(t.depth), "all"], t.all)))
            csv.row(Array(csvRow([t.id, t.label, String(t.depth), "coded"], t.coded)))
        }
        if let o = r.overall {
            csv.row(csvRow(["(overall)", "", "", "all"], o.all))
            csv.row(csvRow(["(overall)", "", "", "coded"], o.coded))
        }
        return csv.text
    }

    public static func text(_ r: AgreementUseCase.StudyResult, style: TextStyle, maxDisagreements: Int = 20) -> String {
        var out = style.strong("Agreement of \(r.coders.joined(separator: ", "))") + " per \(r.unit.rawValue), on \(r.source)\n"
        let seen = zip(r.coders, r.documentsPerCoder).map { "\($0) \($1)" }.joined(separator: ", ")
        out += "\(r.documents.count) document\(r.documents.count == 1 ? "" : "s") seen by a coder (\(seen)); \(r.units) units, \(r.codedUnits) coded by someone\n\n"
        var t = Table(header: ["theme", "units", "alpha", "kappa", "agreement", "coded units", "alpha (coded)", "kappa (coded)",
                               "agreement (coded)", "units coded by"],
                      alignments: [.left, .right, .right, .right, .right, .right, .right, .right, .right, .left])
        func kappa(_ s: AgreementSummary) -> String { s.coders == 2 ? decimal(s.cohen.value) : decimal(s.fleiss.value) }
        func interval(_ s: AgreementSummary) -> String {
            guard let b = s.bootstrap, let lo = b.lower, let hi = b.upper else { return decimal(s.alpha.value) }
            return "\(decimal(s.alpha.value)) [\(decimal(lo)), \(decimal(hi))]"
        }
        for th in r.themes {
            t.add([String(repeating: "  ", count: th.depth) + th.id, String(th.all.units), interval(th.all), kappa(th.all),
                   decimal(th.all.percentAgreement.value), String(th.coded.units), interval(th.coded), kappa(th.coded),
                   decimal(th.coded.percentAgreement.value), zip(r.coders, th.unitsPerCoder).map { "\($0) \($1)" }.joined(separator: ", ")])
        }
        if let o = r.overall {
            t.add(["(overall: unit × theme)", String(o.all.units), interval(o.all), kappa(o.all), decimal(o.all.percentAgreement.value),
                   String(o.coded.units), interval(o.coded), kappa(o.coded), decimal(o.coded.percentAgreement.value), ""])
        }
        if r.themes.isEmpty {
            out += "No coder used a theme of the selection in these documents.\n"
        } else {
            out += t.text(headerStyle: style.strong, maxWidth: 60)
        }
        var notes = ["alpha: Krippendorff's nominal alpha; kappa: \(r.coders.count == 2 ? "Cohen's" : "Fleiss'"); agreement: share of agreeing pairs.",
                     "units: every \(r.unit == .turn ? "non-interviewer turn" : "document") of the documents a coder saw; coded units: those some coder coded with a theme. A coder who did not see a document has no value there.",
                     "A theme counts with its sub-themes; the overall row pools every unit × theme decision, each theme on its own."]
        if r.unusedThemes > 0 { notes.append("\(r.unusedThemes) theme\(r.unusedThemes == 1 ? "" : "s") of the selection: used by no coder here, not listed.") }
        let undefined = r.themes.filter { $0.coded.alpha.value == nil }.map(\.id)
        if !undefined.isEmpty { notes.append("— : undefined (\(undefined.count) theme\(undefined.count == 1 ? "" : "s")); see --format json for why.") }
        out += notes.map { style.note($0) }.joined(separator: "\n") + "\n"

        if !r.disagreements.isEmpty {
            out += "\n" + style.strong("Disagreements") + " (\(r.disagreements.count))\n"
            for d in r.disagreements.prefix(maxDisagreements) {
                let place = d.turn.map { "\(d.document):\($0)" } ?? d.document
                var who = "coded by \(d.codedBy.joined(separator: ", ")); not by \(d.notCodedBy.joined(separator: ", "))"
                if !d.notSeenBy.isEmpty { who += "; not seen by \(d.notSeenBy.joined(separator: ", "))" }
                out += "\(place)  \(d.theme)  \(who)\n"
                let speaker = d.speaker.map { "\($0): " } ?? ""
                out += "  " + style.note(speaker + "« " + ReviewOutput.short(d.quote, 100) + " »") + "\n"
            }
            if r.disagreements.count > maxDisagreements {
                out += style.note("… and \(r.disagreements.count - maxDisagreements) more (--format json lists them all)") + "\n"
            }
        }
        if let m = r.options.minAlpha {
            out += "\n" + (r.shortfalls.isEmpty ? style.good("alpha reaches \(decimal(m))" + (r.overallChecked ? " overall" : " for every theme"))
                                               : style.bad("alpha is below \(decimal(m)): " + r.shortfalls.joined(separator: ", "))) + "\n"
        }
        return out
    }

    // MARK: - A sample

    public static func json(_ r: SampleUseCase.Result) -> JSONValue {
        .object([("set", .string(r.name)), ("file", .string(r.path)), ("share", .double(r.share)),
                 ("by", .array(r.by.map { .string($0) })), ("seed", .string(String(r.seed))), ("total", .int(r.total)),
                 ("strata", .array(r.strata.map { s in
                     .object([("values", .array(s.values.map { .string($0) })), ("documents", .int(s.documents)),
                              ("drawn", .array(s.drawn.map { .string($0) }))])
                 })),
                 ("documents", .array(r.documents.map { .string($0) }))])
    }

    public static func csv(_ r: SampleUseCase.Result) -> String {
        var csv = CSVWriter(header: ["document"] + r.by)
        for s in r.strata { for d in s.drawn { csv.row([d] + s.values) } }
        return csv.text
    }

    public static func text(_ r: SampleUseCase.Result, style: TextStyle) -> String {
        var out = style.strong("\(r.path)") + ": \(r.documents.count) of \(r.total) documents"
            + (r.by.isEmpty ? "" : " by \(r.by.joined(separator: " × "))") + " (share \(r.share), seed \(r.seed))\n\n"
        var t = Table(header: (r.by.isEmpty ? ["stratum"] : r.by) + ["drawn", "documents"], alignments: Array(repeating: .left, count: max(1, r.by.count)) + [.right, .left])
        for s in r.strata {
            t.add((r.by.isEmpty ? ["(all)"] : s.values) + ["\(s.drawn.count)/\(s.documents)", s.drawn.joined(separator: ", ")])
        }
        out += t.text(headerStyle: style.strong, maxWidth: 120)
        let target = Int((r.share * Double(r.total)).rounded())
        if r.documents.count > target {
            out += style.note("Every stratum has at least one document drawn: \(r.documents.count) rather than \(target) (\(r.strata.count) strata).") + "\n"
        }
        out += style.note("Compare the coders on it: verbatim agree --coders A,B --set \(r.name)") + "\n"
        return out
    }
}
