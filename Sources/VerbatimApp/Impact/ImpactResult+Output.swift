import Foundation
import VerbatimModel
import VerbatimAnalysis
import VerbatimExport

extension ImpactResult {
    /// The group as shown: its value, or `(all)` for an element that names none.
    static func groupName(_ g: String?) -> String { g ?? AnalysisFormat.totalValue }

    /// `short (3-6 mois)`, `long (12 mois)`, or `all` when the theory of change maps no horizon.
    public func horizonTitle(_ h: TheoryOfChange.Horizon?) -> String {
        guard let h else { return "all" }
        let values = table.theory.values(of: h)
        return values.isEmpty ? h.rawValue : "\(h.rawValue) (\(values.joined(separator: ", ")))"
    }

    /// The notes that state what was counted: the unit, the window, the cues, the reading's rule.
    public var notes: [String] {
        let t = table.theory
        var out = [
            "n/N = participant units of the group at that horizon whose words are coded with an evidence theme (or one of its sub-themes), out of all its participant units: focus-group participants listed in the participants table one by one, every other document once (the units and N of 'verbatim stats'); coding unit: \(info.unit).",
            "programme / other cause = of those n, the units with \(ImpactTable.windowDescription); programme cues: \(t.programmeCues.isEmpty ? "none" : t.programmeCues.joined(separator: ", ")); other causes: \(t.otherCues.isEmpty ? "none" : t.otherCues.joined(separator: ", ")).",
            "counter = participant units of the cell voicing the outcome's counter-evidence themes (out of N).",
            "Reading: \(ImpactTable.strengthRule); 'contested' when at least as many units voice the counter-evidence.",
        ]
        if table.rows.contains(where: { $0.cells.contains(where: \.smallN) }) {
            out.append("† N under \(table.minN): read these cells as cases, not proportions.")
        }
        if table.rows.contains(where: { $0.cells.contains { !$0.expected } }) {
            out.append("° the theory of change does not expect the outcome at this horizon.")
        }
        if !indicators.isEmpty {
            out.append(indicators.contains { $0.survey != nil }
                ? "Questionnaire figures come from \(IndicatorTable.fileName): published survey results, or computed from the respondents' answers in \(SurveyTable.fileName) where a question is named; none is computed from the interviews."
                : "Questionnaire figures come from \(IndicatorTable.fileName): published survey results, not computed from the interviews.")
        }
        out.append(info.provenanceNote)
        return out
    }

    func mention(_ c: ImpactTable.Cell) -> String {
        AnalysisFormat.fraction(c.n, c.base) + (c.smallN ? "†" : "") + (c.expected ? "" : "°")
    }

    func reading(_ c: ImpactTable.Cell) -> String { c.strength.short + (c.contested ? ", contested" : "") }

    func rowName(_ r: ImpactTable.Row) -> String {
        r.context.isEmpty ? r.element.label(in: language) : "  · " + r.context.joined(separator: " · ")
    }

    // MARK: Text

    /// Per group, a table of the outcomes with the horizons side by side, the questionnaire figures, and the notes.
    public func text(style: TextStyle = .plain) -> String {
        var out = style.strong("Impact along the theory of change: outcomes by group and horizon") + "\n"
        for group in table.groups {
            let rows = table.rows.filter { $0.element.group == group }
            out += "\n" + style.strong("\(table.theory.groupAttribute) = \(Self.groupName(group))") + "\n"
            var header = ["outcome", "id"]
            var align: [Table.Alignment] = [.left, .left]
            for h in table.horizons {
                header += [horizonTitle(h), "programme", "other", "counter", "reading"]
                align += [.right, .right, .right, .right, .left]
            }
            var t = Table(header: header, alignments: align)
            for r in rows {
                var line = [rowName(r), r.context.isEmpty ? r.element.id : ""]
                for c in r.cells {
                    line += [mention(c), String(c.programme), String(c.other), String(c.counter), reading(c)]
                }
                t.add(line)
            }
            out += t.text(headerStyle: style.strong, maxWidth: 44) + "\n"
            var figures: [String] = []
            for r in rows where r.context.isEmpty {
                for i in indicators(for: r.element) {
                    figures.append("  \(r.element.label(in: language)): \(i.label.map { "\($0): " } ?? "")\(i.shown), \(i.horizon.map { "\($0.rawValue) term, " } ?? "")\(i.source)"
                                   + (i.survey?.linkSummary.map { "; " + $0 } ?? ""))
                }
            }
            if !figures.isEmpty {
                out += style.strong((indicators.contains { $0.survey != nil } ? "Questionnaire (published or computed from survey.csv, beside the interviews)" : "Questionnaire (published results, beside the interviews)")) + "\n" + figures.joined(separator: "\n") + "\n"
            }
        }
        out += "\n"
        for n in notes { out += style.note(AnalysisFormat.wrap(n)) + "\n" }
        return out
    }

    // MARK: Markdown

    public func markdown() -> String {
        var out = "### Impact along the theory of change\n\n"
        for group in table.groups {
            let rows = table.rows.filter { $0.element.group == group }
            out += "#### \(table.theory.groupAttribute) = \(Self.groupName(group))\n\n"
            var header = ["Outcome"]
            var align: [Table.Alignment] = [.left]
            for h in table.horizons {
                header += [horizonTitle(h), "Programme", "Other cause", "Counter", "Reading"]
                align += [.right, .right, .right, .right, .left]
            }
            var t = Table(header: header, alignments: align)
            for r in rows {
                var line = [r.context.isEmpty ? "\(r.element.label(in: language)) (`\(r.element.id)`)" : "&emsp;" + r.context.joined(separator: " · ")]
                for c in r.cells {
                    line += [mention(c), String(c.programme), String(c.other), String(c.counter), reading(c)]
                }
                t.add(line)
            }
            out += t.markdown() + "\n"
            for r in rows where r.context.isEmpty {
                for i in indicators(for: r.element) {
                    out += "- Questionnaire (\(i.survey == nil ? "published" : "computed")), \(r.element.label(in: language)): \(i.label.map { "\($0): " } ?? "")\(i.shown), \(i.source)"
                        + (i.survey?.linkSummary.map { "; " + $0 } ?? "") + "\n"
                }
            }
            if rows.contains(where: { r in r.context.isEmpty && !indicators(for: r.element).isEmpty }) { out += "\n" }
        }
        for n in notes { out += n + "\n\n" }
        return String(out.dropLast())
    }

    // MARK: CSV and JSON

    public var recordFields: [String] {
        ["outcome", "label", "step", "group"] + table.by + ["horizon", "horizon_values", "expected", "n", "N", "percent",
            "programme", "other", "counter", "counter_also_evidence", "reading", "contested", "small_n", "unit", "attribution_window",
            "evidence", "indicator", "source"]
    }

    func values(_ r: ImpactTable.Row) -> [String] {
        r.context.isEmpty ? table.by.map { _ in AnalysisFormat.totalValue } : r.context
    }

    /// The `evidence` column: where a row's figure comes from.
    static func evidenceKind(_ i: Indicator?) -> String {
        guard let i else { return "interviews" }
        return i.survey == nil ? "questionnaire (published)" : "questionnaire (computed from \(SurveyTable.fileName))"
    }

    /// Tidy CSV: one row per outcome × context × horizon from the interviews, and after each outcome's
    /// rows one row per questionnaire figure beside it (`evidence` says which: a joint display in long
    /// form). A questionnaire row has the respondents in `n` (who said yes, when computed) and `N`, its
    /// percentage, its own label and source, and the interview columns empty.
    public func csv() -> String {
        var w = CSVWriter(header: recordFields)
        let rows = table.rows
        for (index, r) in rows.enumerated() {
            for (h, c) in zip(table.horizons, r.cells) {
                w.row([r.element.id, r.element.label(in: language), r.element.step.rawValue, Self.groupName(r.element.group)]
                      + values(r) + [h?.rawValue ?? AnalysisFormat.totalValue, h.map { table.theory.values(of: $0).joined(separator: ";") } ?? "",
                      c.expected ? "true" : "false", String(c.n), String(c.base), AnalysisFormat.csvNumber(AnalysisFormat.rounded(c.percent)),
                      String(c.programme), String(c.other), String(c.counter), String(c.counterAlsoEvidence), c.strength.rawValue,
                      c.contested ? "true" : "false", c.smallN ? "true" : "false", info.unit, ImpactTable.windowDescription,
                      Self.evidenceKind(nil), "", ""])
            }
            let last = index + 1 == rows.count || rows[index + 1].element.id != r.element.id || rows[index + 1].element.group != r.element.group
            guard last else { continue }
            for i in indicators(for: r.element) {
                let horizon = i.horizon?.rawValue ?? AnalysisFormat.totalValue
                let values = i.horizon.map { e in table.horizons.compactMap { $0 }.filter { e.includes($0) }
                    .flatMap { table.theory.values(of: $0) }.joined(separator: ";") } ?? ""
                w.row([r.element.id, r.element.label(in: language), r.element.step.rawValue, Self.groupName(i.group ?? r.element.group)]
                      + table.by.map { _ in AnalysisFormat.totalValue }
                      + [horizon, values, "", i.survey.map { String($0.said) } ?? "", i.n.map(String.init) ?? "",
                         AnalysisFormat.csvNumber(AnalysisFormat.rounded(i.value)), "", "", "", "", "", "", "", "respondent", "",
                         Self.evidenceKind(i), i.label ?? "", i.source + (i.survey?.linkSummary.map { "; " + $0 } ?? "")])
            }
        }
        return w.text
    }

    public func json() -> JSONValue {
        let t = table.theory
        let records: [JSONValue] = table.rows.flatMap { r in
            zip(table.horizons, r.cells).map { h, c -> JSONValue in
                .object([("outcome", .string(r.element.id)), ("label", .string(r.element.label(in: language))),
                         ("step", .string(r.element.step.rawValue)), ("group", .string(Self.groupName(r.element.group)))]
                        + zip(table.by, values(r)).map { ($0, JSONValue.string($1)) }
                        + [("horizon", .string(h?.rawValue ?? AnalysisFormat.totalValue)), ("expected", .bool(c.expected)),
                           ("n", .int(c.n)), ("N", .int(c.base)), ("percent", AnalysisFormat.jsonNumber(AnalysisFormat.rounded(c.percent))),
                           ("programme", .int(c.programme)), ("other", .int(c.other)), ("counter", .int(c.counter)),
                           ("counter_also_evidence", .int(c.counterAlsoEvidence)), ("reading", .string(c.strength.rawValue)),
                           ("reading_text", .string(c.strength.phrase)), ("contested", .bool(c.contested)), ("small_n", .bool(c.smallN))])
            }
        }
        let inds: [JSONValue] = indicators.map { i in
            .object([("outcome", .string(i.outcome)), ("group", .optional(i.group)), ("horizon", .optional(i.horizon?.rawValue)),
                     ("value", .double(i.value)), ("n", i.n.map { .int($0) } ?? .null), ("source", .string(i.source)),
                     ("label", .optional(i.label)),
                     ("kind", .string(i.survey == nil ? "published questionnaire result" : "computed from survey.csv"))]
                    + (i.survey.map { f -> [(String, JSONValue)] in
                        [("question", .string(f.question)), ("yes_answers", .array(f.yes.map { .string($0) })),
                         ("answered", .int(f.answered)), ("said_yes", .int(f.said)),
                         ("interviewed", .array(f.interviewed.map { r in
                             .object([("respondent", .string(r.id)), ("said_yes", .bool(r.saidYes)), ("mentions", .bool(r.mentions))]) }))]
                    } ?? []))
        }
        let chain: [JSONValue] = t.elements.map { e in
            .object([("id", .string(e.id)), ("label", .string(e.label(in: language))), ("step", .string(e.step.rawValue)),
                     ("group", .optional(e.group)), ("horizon", .string(e.expected.rawValue)),
                     ("evidence", .array(e.evidence.map { .string($0) })), ("counter", .array(e.counter.map { .string($0) })),
                     ("leads_to", .array(e.leadsTo.map { .string($0) }))])
        }
        return .object(AnalysisFormat.infoFields(info) + [
            ("group_attribute", .string(t.groupAttribute)), ("horizon_attribute", .string(t.horizonAttribute)),
            ("horizons", .object([("short", .array(t.shortValues.map { .string($0) })), ("long", .array(t.longValues.map { .string($0) }))])),
            ("by", .array(table.by.map { .string($0) })), ("min_n", .int(table.minN)),
            ("counted", .string("participant units (as in 'verbatim stats')")), ("window", .string(ImpactTable.windowDescription)),
            ("reading_rule", .string(ImpactTable.strengthRule)),
            ("attribution", .object([("programme", .array(t.programmeCues.map { .string($0) })), ("other", .array(t.otherCues.map { .string($0) }))])),
            ("chain", .array(chain)), ("records", .array(records)), ("indicators", .array(inds)),
        ])
    }
}
