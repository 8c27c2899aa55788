import Foundation

/// The report's "Impact" section: the theory of change as a chain, and per stakeholder group the
/// outcomes with their evidence at each horizon, per context, beside the questionnaire figures, with a
/// verbatim for and one against. Built by `StudyReportBuilder` from `ImpactTable`; every text is
/// already in the report's language and pseudonymised.
public struct ReportImpact: Sendable, Equatable {
    /// One element of the chain.
    public struct Node: Sendable, Equatable {
        public var id: String
        public var label: String
        /// 0 activities, 1 outputs, 2 outcomes, 3 impact.
        public var step: Int
        public var leadsTo: [String]
        /// The largest share n/N over the horizons where the element is expected (nil: not measured).
        public var share: Double?
        /// That share's n/N (`9/11`), so that the box never shows a percentage without its base.
        public var count: String?
        public init(id: String, label: String, step: Int, leadsTo: [String], share: Double?) {
            self.id = id
            self.label = label
            self.step = step
            self.leadsTo = leadsTo
            self.share = share
        }
    }

    /// One cell: an outcome at a horizon (in a context).
    public struct Cell: Sendable, Equatable {
        public var n: Int
        public var base: Int
        public var programme: Int
        public var other: Int
        public var counter: Int
        public var expected: Bool
        public var smallN: Bool
        /// The strength reading in words (`partagé par la plupart`).
        public var reading: String
        public var contested: Bool
        public init(n: Int, base: Int, programme: Int, other: Int, counter: Int, expected: Bool, smallN: Bool,
                    reading: String, contested: Bool) {
            self.n = n
            self.base = base
            self.programme = programme
            self.other = other
            self.counter = counter
            self.expected = expected
            self.smallN = smallN
            self.reading = reading
            self.contested = contested
        }
    }

    /// A verbatim for or against an outcome.
    public struct Quote: Sendable, Equatable {
        public var text: String
        /// Who and where: `Senior 04 · 12 mois (S04-lille.txt)`.
        public var source: String
        public var against: Bool
        /// An attribution cue to the programme in the window.
        public var credited: Bool
        public init(text: String, source: String, against: Bool, credited: Bool) {
            self.text = text
            self.source = source
            self.against = against
            self.credited = credited
        }
    }

    /// A questionnaire figure shown beside the outcome.
    public struct Figure: Sendable, Equatable {
        /// `91 % (n non donné)`.
        public var value: String
        public var label: String?
        public var source: String
        /// Computed from the study's respondent-level answers (`survey.csv`) rather than copied from a report.
        public var computed: Bool
        /// For a computed figure, what the respondents also interviewed said: `sur les 5 répondants aussi interrogés…`.
        public var link: String?
        public init(value: String, label: String?, source: String, computed: Bool = false, link: String? = nil) {
            self.computed = computed
            self.link = link
            self.value = value
            self.label = label
            self.source = source
        }
    }

    public struct Outcome: Sendable, Equatable {
        public var id: String
        public var label: String
        /// One cell per horizon.
        public var cells: [Cell]
        /// Per context value, one cell per horizon.
        public var contexts: [(value: String, cells: [Cell])]
        public var figures: [Figure]
        public var quotes: [Quote]

        public init(id: String, label: String, cells: [Cell], contexts: [(value: String, cells: [Cell])], figures: [Figure], quotes: [Quote]) {
            self.id = id
            self.label = label
            self.cells = cells
            self.contexts = contexts
            self.figures = figures
            self.quotes = quotes
        }

        public static func == (a: Outcome, b: Outcome) -> Bool {
            a.id == b.id && a.label == b.label && a.cells == b.cells && a.figures == b.figures && a.quotes == b.quotes
                && a.contexts.map(\.value) == b.contexts.map(\.value) && a.contexts.map(\.cells) == b.contexts.map(\.cells)
        }
    }

    public struct Group: Sendable, Equatable {
        /// The group's value (`senior`).
        public var value: String
        public var outcomes: [Outcome]
        public init(value: String, outcomes: [Outcome]) {
            self.value = value
            self.outcomes = outcomes
        }
    }

    /// The horizons' titles (`Court terme (3-6 mois)`).
    public var horizons: [String]
    public var chain: [Node]
    public var groups: [Group]
    /// The context attribute of the comparison rows, if any.
    public var context: String?
    /// What was counted, how (already in the report's language).
    public var notes: [String]

    public init(horizons: [String], chain: [Node], groups: [Group], context: String?, notes: [String]) {
        self.horizons = horizons
        self.chain = chain
        self.groups = groups
        self.context = context
        self.notes = notes
    }
}

/// The words of the Impact section, in French or English.
public struct ImpactStrings: Sendable {
    public let french: Bool
    public init(language: String) { french = OutputLanguage.code(language) == "fr" }

    public var title: String { french ? "Impact" : "Impact" }
    public var chainTitle: String { french ? "La théorie du changement et ses preuves" : "The theory of change and its evidence" }
    public var steps: [String] { french ? ["Activités", "Réalisations", "Effets", "Impact"] : ["Activities", "Outputs", "Outcomes", "Impact"] }
    public func group(_ g: String) -> String { french ? "Groupe : \(g)" : "Group: \(g)" }
    public var outcome: String { french ? "Effet attendu" : "Outcome" }
    public var mention: String { french ? "l'évoquent" : "mention it" }
    public var credit: String { french ? "dont l'attribuent au programme" : "of whom credit the programme" }
    public var otherCause: String { french ? "autre cause" : "other cause" }
    public var against: String { french ? "s'y opposent" : "voice the opposite" }
    public var reading: String { french ? "lecture" : "reading" }
    public var contexts: String { french ? "Selon le contexte" : "By context" }
    public var questionnaire: String { french ? "Questionnaire (résultat publié)" : "Questionnaire (published result)" }
    public var questionnaireComputed: String { french ? "Questionnaire (calculé à partir de survey.csv)" : "Questionnaire (computed from survey.csv)" }
    /// Where a computed figure comes from: `calculé à partir de survey.csv, « q » : 3 répondants sur 5`.
    public func computedSource(given: String, question: String, yes: Int, answered: Int) -> String {
        let computed = french ? "calculé à partir de survey.csv, « \(question) » : \(yes) répondant\(yes > 1 ? "s" : "") sur \(answered)"
            : "computed from survey.csv, '\(question)': \(yes) of \(answered) respondents"
        return given.isEmpty ? computed.prefix(1).uppercased() + computed.dropFirst() : "\(given) (\(computed))"
    }
    /// What the respondents also interviewed said, beside a computed figure.
    public func link(interviewed: Int, yes: Int, yesMention: Int, no: Int, noMention: Int) -> String {
        if french {
            return "Sur les \(interviewed) répondant\(interviewed == 1 ? "" : "s") aussi interrogé\(interviewed == 1 ? "" : "s") en entretien : "
                + "\(yes) ont répondu oui (\(yesMention) en parle\(yesMention > 1 ? "nt" : "") en entretien), "
                + "\(no) non (\(noMention) en parle\(noMention > 1 ? "nt" : ""))."
        }
        return "Of the \(interviewed) respondent\(interviewed == 1 ? "" : "s") also interviewed: \(yes) said yes (\(yesMention) speak\(yesMention == 1 ? "s" : "") of it in the interview), "
            + "\(no) did not (\(noMention) speak\(noMention == 1 ? "s" : "") of it)."
    }
    public var forQuote: String { french ? "Pour" : "For" }
    public var againstQuote: String { french ? "Contre" : "Against" }
    public var credited: String { french ? "attribué au programme" : "credited to the programme" }
    public var noAgainst: String { french ? "Aucun propos contraire dans ce groupe." : "No contrary account in this group." }
    public var notExpected: String { french ? "non attendu à cet horizon" : "not expected at this horizon" }
    public var legend: String {
        french ? "Teinte : part la plus forte du groupe qui évoque l'effet, aux horizons où il est attendu ; gris : non mesuré par les entretiens."
            : "Shade: the largest share of the group mentioning the outcome, at the horizons where it is expected; grey: not measured by the interviews."
    }
    public func horizon(_ h: String, values: [String]) -> String {
        let name = h == "short" ? (french ? "Court terme" : "Short term") : h == "long" ? (french ? "Long terme" : "Long term") : (french ? "Ensemble" : "All")
        return values.isEmpty ? name : "\(name) (\(values.joined(separator: ", ")))"
    }
    /// The reading in a word or two; the rule is in the notes.
    public func reading(_ strength: String, contested: Bool) -> String {
        let base: String
        switch strength {
        case "most": base = french ? "la plupart" : "most"
        case "some": base = french ? "une partie" : "some"
        case "few": base = french ? "quelques-uns" : "a few"
        default: base = french ? "absent" : "not heard"
        }
        return base + (contested ? (french ? ", contesté" : ", contested") : "")
    }
    public func figure(_ value: Double, n: Int?) -> String {
        let v = value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
        if french { return "\(v) % " + (n.map { "(n = \($0))" } ?? "(effectif non donné)") }
        return "\(v)% " + (n.map { "(n = \($0))" } ?? "(n not given)")
    }
    public func notes(unit: String, window: Bool, minN: Int, computed: Bool = false) -> [String] {
        french ? [
            "n/N : unités de participants du groupe à cet horizon dont les propos sont codés avec un thème de preuve de l'effet, sur toutes ses unités (un entretien compte une fois, un volontaire de focus group identifié compte pour lui-même), comme dans « verbatim stats » ; unité de codage : \(unit).",
            "Attribution : parmi ces n, ceux qui relient l'effet au programme (ou à une autre cause) dans le même tour de parole ou dans le tour suivant de la même personne.",
            "Contre : unités du groupe à cet horizon qui tiennent un propos contraire (sur N). Lecture : la plupart si n/N ≥ 2/3, une partie si ≥ 1/3, quelques-uns au-dessous ; « contesté » si au moins autant de propos contraires.",
            "† N inférieur à \(minN) : à lire comme des cas, non comme des proportions. ° effet non attendu à cet horizon par la théorie du changement.",
            computed ? "Les chiffres du questionnaire sont les résultats publiés de l'évaluation ou sont calculés à partir des réponses individuelles (survey.csv) ; aucun n'est calculé à partir des entretiens."
                : "Les chiffres du questionnaire sont les résultats publiés de l'évaluation, non calculés à partir des entretiens.",
        ] : [
            "n/N: participant units of the group at that horizon whose words are coded with an evidence theme of the outcome, out of all its units (an interview counts once, an identified focus-group volunteer counts for themself), as in 'verbatim stats'; coding unit: \(unit).",
            "Attribution: of those n, the ones who link the outcome to the programme (or to another cause) in the same turn or in that person's next turn.",
            "Against: units of the group at that horizon voicing a contrary account (out of N). Reading: most if n/N ≥ 2/3, some if ≥ 1/3, a few below; 'contested' when at least as many contrary accounts.",
            "† N under \(minN): read as cases, not proportions. ° the theory of change does not expect the outcome at this horizon.",
            computed ? "Questionnaire figures are the evaluation's published results or are computed from the respondents' answers (survey.csv); none is computed from the interviews."
                : "Questionnaire figures are the evaluation's published results, not computed from the interviews.",
        ]
    }
}
