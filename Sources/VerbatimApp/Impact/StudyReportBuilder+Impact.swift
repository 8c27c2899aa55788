import Foundation
import VerbatimModel
import VerbatimAnalysis
import VerbatimExport

extension StudyReportBuilder {
    /// The report's Impact section, when the codebook has a theory of change: the same ``ImpactTable`` as
    /// `verbatim impact --by <context>`, with the request's questionnaire figures and, per outcome, a
    /// verbatim for (one crediting the programme when there is one) and one against.
    static func impactSection(_ coded: CodedStudy, request: ReportRequest, context: String?,
                              pseudonymizer: Pseudonymizer?) throws -> ReportImpact? {
        guard coded.codebook.theoryOfChange != nil else { return nil }
        let table: ImpactTable
        do { table = try coded.impact(by: context.map { [$0] } ?? [], minN: request.minN) } catch let e as AnalysisError {
            throw ReportError.invalid(e.description)
        }
        let t = ImpactStrings(language: coded.language)
        let theory = table.theory
        let language = coded.language
        func cell(_ c: ImpactTable.Cell) -> ReportImpact.Cell {
            ReportImpact.Cell(n: c.n, base: c.base, programme: c.programme, other: c.other, counter: c.counter, expected: c.expected,
                              smallN: c.smallN, reading: t.reading(c.strength.rawValue, contested: c.contested), contested: c.contested)
        }
        let documents = Dictionary(coded.documents.map { ($0.document, $0) }, uniquingKeysWith: { a, _ in a })
        func quote(_ p: ImpactTable.Passage, against: Bool, horizon: String) -> ReportImpact.Quote? {
            guard let d = documents[p.document], let text = d.text,
                  let coding = d.codings.first(where: { $0.unitStart == p.start }) else { return nil }
            let bytes = Array(text.utf8)
            guard coding.unitStart >= 0, coding.unitEnd <= bytes.count, coding.unitStart < coding.unitEnd else { return nil }
            var said = String(decoding: bytes[coding.unitStart..<coding.unitEnd], as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if let ps = pseudonymizer { said = ps.pseudonymize(said, in: d.document).text }
            if said.count > 420 { said = String(said.prefix(417)) + "…" }
            var who = [String]()
            if let s = coding.speaker { who.append(pseudonymizer?.speaker(s, in: d.document) ?? s) }
            who.append(horizon)
            return ReportImpact.Quote(text: said, source: who.joined(separator: " · ") + " (\(pseudonymizer?.document(d.document) ?? d.document))", against: against, credited: p.programme)
        }
        let horizonTitles = table.horizons.map { h in h.map { t.horizon($0.rawValue, values: theory.values(of: $0)) } ?? t.horizon("all", values: []) }
        var groups: [ReportImpact.Group] = []
        for g in table.groups {
            var outcomes: [ReportImpact.Outcome] = []
            for row in table.rows where row.element.group == g && row.context.isEmpty {
                let e = row.element
                let contexts = table.rows.filter { $0.element.id == e.id && !$0.context.isEmpty }
                    .map { r in (value: r.context.map { v in pseudonymizer?.pseudonymize(v).text ?? v }.joined(separator: " · "),
                                 cells: r.cells.map(cell)) }
                let figures = request.indicators.filter { $0.outcome == e.id && ($0.group == nil || $0.group == e.group) }
                    .map { i in
                        ReportImpact.Figure(value: t.figure(i.value, n: i.n), label: i.label,
                                            source: i.survey.map { f in t.computedSource(given: f.givenSource, question: f.question, yes: f.said, answered: f.answered) } ?? i.source,
                                            computed: i.survey != nil,
                                            link: i.survey.flatMap { f in
                                                guard !f.interviewed.isEmpty else { return nil }
                                                let yes = f.interviewed.filter(\.saidYes), no = f.interviewed.filter { !$0.saidYes }
                                                return t.link(interviewed: f.interviewed.count, yes: yes.count, yesMention: yes.filter(\.mentions).count,
                                                              no: no.count, noMention: no.filter(\.mentions).count)
                                            }) }
                // A verbatim for: from the latest expected horizon, one crediting the programme first; against: the
                // latest horizon with one.
                var quotes: [ReportImpact.Quote] = []
                let order = Array(zip(row.cells, horizonTitles).reversed())
                if let (c, title) = order.first(where: { $0.0.expected && !$0.0.evidence.isEmpty }) ?? order.first(where: { !$0.0.evidence.isEmpty }),
                   let p = c.evidence.first(where: \.programme) ?? c.evidence.first,
                   let q = quote(p, against: false, horizon: title) {
                    quotes.append(q)
                }
                if let (c, title) = order.first(where: { !$0.0.counterPassages.isEmpty }),
                   let p = c.counterPassages.first, let q = quote(p, against: true, horizon: title) {
                    quotes.append(q)
                }
                outcomes.append(ReportImpact.Outcome(id: e.id, label: e.label(in: language), cells: row.cells.map(cell),
                                                     contexts: contexts, figures: figures, quotes: quotes))
            }
            groups.append(ReportImpact.Group(value: g ?? t.horizon("all", values: []), outcomes: outcomes))
        }
        let chain = theory.elements.map { e -> ReportImpact.Node in
            let row = table.rows.first { $0.element.id == e.id && $0.context.isEmpty }
            // The expected cell with the largest share, whose n/N the box shows beside it.
            let best = row.flatMap { r in r.cells.filter(\.expected).max { a, b in
                (a.base > 0 ? Double(a.n) / Double(a.base) : 0) < (b.base > 0 ? Double(b.n) / Double(b.base) : 0) } }
            let share = row.map { _ in best.map { $0.base > 0 ? Double($0.n) / Double($0.base) : 0 } ?? 0 }
            var node = ReportImpact.Node(id: e.id, label: e.label(in: language), step: TheoryOfChange.Step.allCases.firstIndex(of: e.step) ?? 2,
                                         leadsTo: e.leadsTo, share: share)
            if let best, best.base > 0 { node.count = "\(best.n)/\(best.base)" }
            return node
        }
        return ReportImpact(horizons: horizonTitles, chain: chain, groups: groups, context: context,
                            notes: t.notes(unit: coded.unit.rawValue, window: true, minN: request.minN,
                                           computed: request.indicators.contains { $0.survey != nil }))
    }
}

/// The Impact view of the workbench: the report's Impact section computed now on the study, with
/// its questionnaire figures, names as written (the workbench is the coder's own view).
public enum ImpactViewUseCase {
    /// nil when the codebook has no theory of change.
    public static func run(context attribute: String? = nil, minN: Int = 5, in context: StudyContext) throws -> ReportImpact? {
        let book = try context.codebook(nil)
        guard let theory = book.theoryOfChange else { return nil }
        var request = ReportRequest(minN: minN)
        let coded = try context.coded(AnalysisInput(), keepText: true)
        request.indicators = try coded.indicators(root: context.study.root, theory: theory)
        return try StudyReportBuilder.impactSection(coded, request: request, context: attribute, pseudonymizer: nil)
    }
}
