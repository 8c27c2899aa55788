import VerbatimModel

/// Where each coded segment sits in its speaker's turns, for the attribution window: one dictionary a
/// document (in the order of ``CodedCorpus/documents``), from the segment's start to its speaker and the
/// rank of its turn among that speaker's participant turns (0, 1, 2...).
public struct SegmentTurns: Sendable {
    public struct Place: Sendable, Equatable {
        public var speaker: String
        public var rank: Int
        public init(speaker: String, rank: Int) {
            self.speaker = speaker
            self.rank = rank
        }
    }
    public var documents: [[Int: Place]]
    public init(documents: [[Int: Place]]) { self.documents = documents }
}

/// The evidence for a theory of change, outcome by outcome, group by group, horizon by horizon.
///
/// For every element of the chain with evidence themes, in the group it concerns (the participant units
/// whose group attribute has that value; every unit when it names none), at each horizon (the units whose
/// horizon attribute has one of the horizon's values) and, with `by`, in each context:
/// - **n / N**: the participant units with a unit of text coded with an evidence theme (or a sub-theme of
///   one), out of every participant unit of the cell: the units and N of ``FrequencyTable`` (a participant
///   unit is an identified focus-group participant, or else a whole document);
/// - **programme**: of those n, how many have an attribution cue to the programme in the same turn as one
///   of their evidence passages or in that speaker's next turn (the window);
/// - **other**: of those n, how many credit another cause in the same window;
/// - **counter**: the participant units of the cell voicing the counter-evidence themes (out of N), and
///   how many of them are also among the n;
/// - a strength reading (``Strength``) stated with its rule; cells with N under `minN` are flagged.
public struct ImpactTable: Sendable {
    /// How widely an outcome is shared in a cell, by a stated rule on n/N.
    public enum Strength: String, Sendable, CaseIterable {
        case most, some, few, none

        /// Reads n of N: ≥ 2/3 most, ≥ 1/3 some, > 0 few, 0 none.
        public static func reading(_ n: Int, of base: Int) -> Strength {
            guard base > 0, n > 0 else { return .none }
            if 3 * n >= 2 * base { return .most }
            if 3 * n >= base { return .some }
            return .few
        }

        /// The reading in plain words, with its rule.
        public var phrase: String {
            switch self {
            case .most: return "shared by most (≥ 2/3 of the group)"
            case .some: return "shared by some (1/3 to 2/3)"
            case .few: return "heard from a few (< 1/3)"
            case .none: return "not heard"
            }
        }

        /// The reading in short words, for narrow columns.
        public var short: String {
            switch self {
            case .most: return "most"
            case .some: return "some"
            case .few: return "few"
            case .none: return "none"
            }
        }
    }

    /// A passage that counts in a cell: where it is, and whether it is attributed to the programme.
    public struct Passage: Sendable, Equatable {
        public var document: String
        /// The segment's start in the document (``CodedCorpus/Segment/start``).
        public var start: Int
        /// The participant unit's speaker (nil: the whole document).
        public var speaker: String?
        /// An attribution cue to the programme in the window.
        public var programme: Bool
        /// An attribution cue to another cause in the window.
        public var other: Bool
    }

    /// The figures of one element in one group, horizon and context.
    public struct Cell: Sendable, Equatable {
        /// Participant units mentioning the evidence.
        public var n: Int
        /// Participant units of the cell (N).
        public var base: Int
        /// Of the n, those crediting the programme in the window.
        public var programme: Int
        /// Of the n, those crediting another cause in the window.
        public var other: Int
        /// Participant units voicing the counter-evidence (out of N).
        public var counter: Int
        /// Of those, the ones also among the n (mixed accounts).
        public var counterAlsoEvidence: Int
        /// Whether N is under the table's minimum.
        public var smallN: Bool
        /// Whether the theory of change expects the element at this horizon.
        public var expected: Bool
        /// The evidence passages (the first one of each participant unit, an attributed one when there is one).
        public var evidence: [Passage]
        /// The counter-evidence passages (the first one of each participant unit).
        public var counterPassages: [Passage]

        public var percent: Double { base > 0 ? 100 * Double(n) / Double(base) : 0 }
        public var strength: Strength { Strength.reading(n, of: base) }
        /// More units voice the counter-evidence than the evidence, or as many (and some do).
        public var contested: Bool { counter > 0 && counter >= n }
    }

    /// One element in one context: its cells per horizon.
    public struct Row: Sendable {
        public var element: TheoryOfChange.Element
        /// The values of the `by` attributes, or empty for the whole group.
        public var context: [String]
        /// One cell per entry of ``ImpactTable/horizons`` (nil entry: every interview of the group).
        public var cells: [Cell]
    }

    public let theory: TheoryOfChange
    /// The horizons of the columns: short and long, or a single nil when the theory of change maps none.
    public let horizons: [TheoryOfChange.Horizon?]
    /// The context attributes (`--by`), possibly none.
    public let by: [String]
    public let minN: Int
    /// Rows by element (in the chain's order), each first for the whole group, then per context.
    public let rows: [Row]

    /// The rule of the window, stated in outputs.
    public static let windowDescription = "an attribution cue in the same turn as an evidence passage, or in that speaker's next turn"
    /// The rule of the strength reading, stated in outputs.
    public static let strengthRule = "most: n/N ≥ 2/3; some: ≥ 1/3; few: > 0; none: 0"

    /// Measures `theory` in `corpus`.
    ///
    /// - Parameters:
    ///   - turns: where each segment sits in its speaker's turns (the window); a segment without a place
    ///     only attributes within itself.
    ///   - themes: the codebook's tree (evidence themes count with their sub-themes).
    ///   - by: context attributes: rows per value after each element's whole-group row.
    /// - Throws: ``AnalysisError/noDocuments``.
    public static func compute(_ corpus: CodedCorpus, turns: SegmentTurns, themes: ThemeTree, theory: TheoryOfChange,
                               by: [String] = [], minN: Int = 5) throws -> ImpactTable {
        guard !corpus.documents.isEmpty else { throw AnalysisError.noDocuments }
        let horizons: [TheoryOfChange.Horizon?] = theory.shortValues.isEmpty && theory.longValues.isEmpty ? [nil] : [.short, .long]
        let programme = Set(theory.programmeCues), other = Set(theory.otherCues)

        // Per participant unit: its attributes and, per segment, its rolled-up themes and place.
        struct Unit {
            var document: String
            var speaker: String?
            var attributes: Attributes
            var segments: [(start: Int, themes: Set<String>, place: SegmentTurns.Place?)]
        }
        var units: [Unit] = []
        for (di, d) in corpus.documents.enumerated() {
            let places = di < turns.documents.count ? turns.documents[di] : [:]
            var mine = d.participants.map { Unit(document: d.name, speaker: $0.speaker, attributes: $0.attributes, segments: []) }
            for s in d.segments {
                guard let p = s.participant, p < mine.count else { continue }
                mine[p].segments.append((s.start, themes.rollUp(s.themes), places[s.start]))
            }
            units += mine
        }

        func inWindow(_ e: (start: Int, themes: Set<String>, place: SegmentTurns.Place?),
                      _ a: (start: Int, themes: Set<String>, place: SegmentTurns.Place?)) -> Bool {
            if a.start == e.start { return true }
            guard let pe = e.place, let pa = a.place, pe.speaker == pa.speaker else { return false }
            return pa.rank == pe.rank || pa.rank == pe.rank + 1
        }

        func cell(_ element: TheoryOfChange.Element, _ members: [Unit], expected: Bool) -> Cell {
            let evidence = Set(element.evidence), counterThemes = Set(element.counter)
            var c = Cell(n: 0, base: members.count, programme: 0, other: 0, counter: 0, counterAlsoEvidence: 0,
                         smallN: members.count < minN, expected: expected, evidence: [], counterPassages: [])
            for u in members {
                let ev = u.segments.filter { !$0.themes.isDisjoint(with: evidence) }
                let cues = u.segments.filter { !$0.themes.isDisjoint(with: programme) }
                let others = u.segments.filter { !$0.themes.isDisjoint(with: other) }
                let against = u.segments.filter { !$0.themes.isDisjoint(with: counterThemes) }
                if !ev.isEmpty {
                    c.n += 1
                    let marked = ev.map { e in (e, cues.contains { inWindow(e, $0) }, others.contains { inWindow(e, $0) }) }
                    if marked.contains(where: \.1) { c.programme += 1 }
                    if marked.contains(where: \.2) { c.other += 1 }
                    let best = marked.first(where: \.1) ?? marked[0]
                    c.evidence.append(Passage(document: u.document, start: best.0.start, speaker: u.speaker,
                                              programme: best.1, other: best.2))
                }
                if let first = against.first {
                    c.counter += 1
                    if !ev.isEmpty { c.counterAlsoEvidence += 1 }
                    c.counterPassages.append(Passage(document: u.document, start: first.start, speaker: u.speaker,
                                                     programme: false, other: false))
                }
            }
            return c
        }

        func key(_ a: Attributes) -> [String]? {
            var out: [String] = []
            for name in by {
                guard let v = a[name], !v.isEmpty else { return nil }
                out.append(v)
            }
            return out
        }

        var rows: [Row] = []
        for element in theory.measured {
            let group = units.filter { u in element.group.map { u.attributes[theory.groupAttribute] == $0 } ?? true }
            func horizonCells(_ members: [Unit]) -> [Cell] {
                horizons.map { h in
                    guard let h else { return cell(element, members, expected: true) }
                    let values = Set(theory.values(of: h))
                    let inHorizon = members.filter { $0.attributes[theory.horizonAttribute].map(values.contains) ?? false }
                    return cell(element, inHorizon, expected: element.expected.includes(h))
                }
            }
            rows.append(Row(element: element, context: [], cells: horizonCells(group)))
            guard !by.isEmpty else { continue }
            let contexts = Set(group.compactMap { key($0.attributes) }).sorted { a, b in
                for (x, y) in zip(a, b) where x != y { return AttributeGroup.naturalOrder(x, y) }
                return false
            }
            for ctx in contexts {
                rows.append(Row(element: element, context: ctx, cells: horizonCells(group.filter { key($0.attributes) == ctx })))
            }
        }
        return ImpactTable(theory: theory, horizons: horizons, by: by, minN: minN, rows: rows)
    }

    /// The groups the measured elements concern, in the chain's order of first appearance (nil: every group).
    public var groups: [String?] {
        var out: [String?] = []
        for r in rows where !out.contains(r.element.group) { out.append(r.element.group) }
        return out
    }
}
