import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimAnalysis
import VerbatimIngest
import VerbatimCodebook

extension CodedStudy {
    /// Where each coded segment sits in its speaker's participant turns, for the attribution window.
    public var segmentTurns: SegmentTurns {
        SegmentTurns(documents: documents.map { d in
            var rank: [Int: SegmentTurns.Place] = [:]
            var next: [String: Int] = [:]
            for t in d.turns where t.role == .participant {
                let who = t.speaker ?? ""
                rank[t.index] = SegmentTurns.Place(speaker: who, rank: next[who, default: 0])
                next[who, default: 0] += 1
            }
            var out: [Int: SegmentTurns.Place] = [:]
            for c in d.codings where out[c.unitStart] == nil {
                if let p = rank[c.turn] { out[c.unitStart] = p }
            }
            return out
        })
    }

    /// The codebook's theory of change measured in the study: see ``ImpactTable``.
    /// - Throws: ``AnalysisError`` when the codebook has no theory of change or no document was coded.
    public func impact(by: [String] = [], minN: Int = 5) throws -> ImpactTable {
        guard let theory = codebook.theoryOfChange else {
            throw AnalysisError.invalid("the codebook has no 'theory_of_change:' section: add one to measure outcomes (see the README, \"Impact along the theory of change\")")
        }
        return try ImpactTable.compute(codedCorpus, turns: segmentTurns, themes: themeTree, theory: theory, by: by, minN: minN)
    }
}

/// The impact table with what it was computed on and the questionnaire figures to show beside it.
public struct ImpactResult: Sendable {
    public var table: ImpactTable
    public var info: AnalysisInfo
    /// The study's `indicators.csv`.
    public var indicators: [Indicator]
    /// The language the labels are in.
    public var language: String

    /// The indicators of an element (in one group), for one horizon or any.
    public func indicators(for element: TheoryOfChange.Element, horizon: TheoryOfChange.Horizon? = nil) -> [Indicator] {
        indicators.filter { i in
            i.outcome == element.id && (i.group == nil || element.group == nil || i.group == element.group)
                && (horizon == nil || i.horizon == nil || i.horizon!.includes(horizon!))
        }
    }
}

/// `verbatim impact`: outcomes × groups × horizons, attribution and counter-evidence.
public enum ImpactUseCase {
    public struct Request: Sendable {
        public var input: AnalysisInput
        /// `--by`: a context attribute (or two crossed), nil for none.
        public var by: String?
        public var minN: Int

        public init(input: AnalysisInput, by: String? = nil, minN: Int = 5) {
            self.input = input
            self.by = by
            self.minN = minN
        }
    }

    public static func run(_ r: Request, in context: StudyContext) throws -> ImpactResult {
        let attributes = try r.by.map { try AttributeList.parse($0, option: "by") } ?? []
        let book = try context.codebook(r.input.codebook)
        guard let theory = book.theoryOfChange else {
            throw Diagnostic.error(book.path, "the codebook has no 'theory_of_change:' section: add one to measure outcomes (see the README, \"Impact along the theory of change\")")
        }
        let coded = try context.coded(r.input)
        try context.checkAttributes(attributes + [theory.groupAttribute], coded: coded)
        // A group the theory of change names but no participant unit has gives empty cells: say why.
        var groups: [String: String] = [:]
        for u in coded.participants { if let v = u.attributes[theory.groupAttribute], !v.isEmpty { groups[SpeakerRules.fold(v)] = v } }
        for e in theory.elements {
            guard let g = e.group, groups[SpeakerRules.fold(g)] == nil else { continue }
            context.consumer.report(.warning(book.path, line: e.line,
                "theory of change: outcome '\(e.id)' is for \(theory.groupAttribute) '\(g)', which no participant unit has (values: \(groups.values.sorted().joined(separator: ", "))): its cells are empty"))
        }
        let table = try coded.impact(by: attributes, minN: r.minN)
        let indicators = try coded.indicators(root: context.study.root, theory: theory)
        return ImpactResult(table: table, info: coded.analysisInfo, indicators: indicators, language: coded.language)
    }
}

extension CodedStudy {
    /// The questionnaire figures of the study folder `root` (`indicators.csv`), those computed from its
    /// `survey.csv` linked to the respondents also interviewed in this study (``linking(_:survey:theory:)``).
    /// The one reading of the figures for `impact`, the report, the demo and the workbench.
    public func indicators(root: URL?, theory: TheoryOfChange) throws -> [Indicator] {
        let survey = try SurveyTable.read(root: root)
        let indicators = try IndicatorTable.read(root: root, theory: theory, survey: survey)
        guard let survey, indicators.contains(where: { $0.survey != nil }) else { return indicators }
        return indicators.map { linking($0, survey: survey, theory: theory) }
    }

    /// `indicator` with, when it is computed from `survey`, the respondents who were also interviewed:
    /// a respondent id that names a participant unit (a document, with or without its extension, for
    /// one-person interviews; a speaker's label in a focus group), in the indicator's scope, with
    /// whether that unit's words are coded with one of the outcome's evidence themes (or their
    /// sub-themes).
    func linking(_ indicator: Indicator, survey: SurveyTable, theory: TheoryOfChange) -> Indicator {
        guard var figure = indicator.survey, let element = theory.element(indicator.outcome) else { return indicator }
        var evidence: Set<String> = []
        func add(_ t: Theme) { evidence.insert(t.id); t.children.forEach(add) }
        for id in element.evidence { if let t = codebook.theme(id) { add(t) } else { evidence.insert(id) } }
        // Participant units by folded name: their document's stem for one-person documents, their label.
        var units: [String: (document: CodedDocument, key: String)] = [:]
        for d in documents {
            let stem = (d.document as NSString).deletingPathExtension
            for p in d.participants {
                if d.participants.count == 1 {
                    units[SpeakerRules.fold(stem)] = (d, p.key)
                    units[SpeakerRules.fold(d.document)] = (d, p.key)
                }
                if let label = p.speaker { units[SpeakerRules.fold(label)] = units[SpeakerRules.fold(label)] ?? (d, p.key) }
            }
        }
        let yes = Set(figure.yes.map(SpeakerRules.fold))
        figure.interviewed = []
        for row in survey.rows where IndicatorTable.inScope(row.fields, group: indicator.group, horizon: indicator.horizon, theory: theory) {
            let answer = (row.fields[figure.question] ?? "").trimmingCharacters(in: .whitespaces)
            guard !answer.isEmpty, let (d, key) = units[SpeakerRules.fold(row.id)] else { continue }
            let mentions = d.codings.contains { c in evidence.contains(c.theme) && d.unit(of: c)?.key == key }
            figure.interviewed.append(.init(id: row.id, saidYes: yes.contains(SpeakerRules.fold(answer)), mentions: mentions))
        }
        var out = indicator
        out.survey = figure
        return out
    }
}
