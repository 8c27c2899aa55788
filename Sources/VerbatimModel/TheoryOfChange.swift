/// A programme's theory of change, as a codebook's optional `theory_of_change:` section gives it: the
/// chain from activities to impact, each link an element with the themes that are evidence for it and
/// against it, the stakeholder group it concerns and the horizon it is expected at.
///
/// The section names attributes of the study: `group_attribute` (default `group`) holds the stakeholder
/// groups; `horizons.attribute` (default `wave`) holds the time since the programme, and `horizons.short`
/// and `horizons.long` list which of its values are the short and the long term.
public struct TheoryOfChange: Sendable, Equatable {
    /// The attribute whose values are the stakeholder groups (`group`).
    public var groupAttribute: String
    /// The attribute whose values say when the interview took place (`wave`).
    public var horizonAttribute: String
    /// The values of ``horizonAttribute`` that make the short term (`3-6 mois`).
    public var shortValues: [String]
    /// The values of ``horizonAttribute`` that make the long term (`12 mois`).
    public var longValues: [String]
    /// Themes whose units credit the programme ("grâce aux jeunes", "depuis les ateliers").
    public var programmeCues: [String]
    /// Themes whose units credit another cause (a relative, another course, "j'ai appris toute seule").
    public var otherCues: [String]
    /// The elements of the chain, in file order.
    public var elements: [Element]
    /// 1-based line of the section in the codebook file, when known.
    public var line: Int?

    public init(groupAttribute: String = "group", horizonAttribute: String = "wave", shortValues: [String] = [],
                longValues: [String] = [], programmeCues: [String] = [], otherCues: [String] = [],
                elements: [Element] = [], line: Int? = nil) {
        self.groupAttribute = groupAttribute
        self.horizonAttribute = horizonAttribute
        self.shortValues = shortValues
        self.longValues = longValues
        self.programmeCues = programmeCues
        self.otherCues = otherCues
        self.elements = elements
        self.line = line
    }

    /// The step of the chain an element belongs to, in the chain's order.
    public enum Step: String, Sendable, Equatable, CaseIterable, Comparable {
        case activities, outputs, outcomes, impact
        public static func < (a: Step, b: Step) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// When an outcome is expected to show.
    public enum Expected: String, Sendable, Equatable, CaseIterable {
        case short, long, both
        /// Whether the outcome is expected at `horizon`.
        public func includes(_ horizon: Horizon) -> Bool {
            self == .both || rawValue == horizon.rawValue
        }
    }

    /// A horizon of the evaluation.
    public enum Horizon: String, Sendable, Equatable, CaseIterable {
        case short, long
    }

    /// One element of the chain: an activity, an output, an outcome or an impact.
    public struct Element: Sendable, Equatable {
        public var id: String
        /// Label in the codebook's language.
        public var label: String
        /// Labels in other languages (`en: Reduced apprehension`).
        public var labels: [String: String]
        public var step: Step
        /// The stakeholder group (a value of ``TheoryOfChange/groupAttribute``); nil: every group.
        public var group: String?
        public var expected: Expected
        /// Themes whose units are evidence for the element (each with its sub-themes).
        public var evidence: [String]
        /// Themes whose units are evidence against it ("plus dépendant", "abandonné").
        public var counter: [String]
        /// Elements this one leads to (the next links of the chain).
        public var leadsTo: [String]
        /// 1-based line in the codebook file, when known.
        public var line: Int?

        public init(id: String, label: String, labels: [String: String] = [:], step: Step = .outcomes, group: String? = nil,
                    expected: Expected = .both, evidence: [String] = [], counter: [String] = [], leadsTo: [String] = [],
                    line: Int? = nil) {
            self.id = id
            self.label = label
            self.labels = labels
            self.step = step
            self.group = group
            self.expected = expected
            self.evidence = evidence
            self.counter = counter
            self.leadsTo = leadsTo
            self.line = line
        }

        /// The label in `language`, falling back to the codebook's own label.
        public func label(in language: String) -> String {
            labels[language] ?? labels.first { language.lowercased().hasPrefix($0.key) }?.value ?? label
        }
    }

    /// The values of the horizon attribute that make `horizon`.
    public func values(of horizon: Horizon) -> [String] { horizon == .short ? shortValues : longValues }

    /// The horizon a value of the horizon attribute belongs to, if any.
    public func horizon(ofValue value: String) -> Horizon? {
        if shortValues.contains(value) { return .short }
        if longValues.contains(value) { return .long }
        return nil
    }

    /// The element with this id.
    public func element(_ id: String) -> Element? { elements.first { $0.id == id } }

    /// The elements that have evidence themes: those the interviews can speak to.
    public var measured: [Element] { elements.filter { !$0.evidence.isEmpty } }
}
