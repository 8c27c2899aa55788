import VerbatimModel

/// Per-theme counts of codings, with parents rolling up their sub-themes: what `verbatim code` prints.
public struct CodingTally: Sendable {
    public struct Counts: Sendable, Equatable {
        /// Codings (matched passages).
        public var hits = 0
        /// Distinct coded units.
        public var units = 0
        /// Distinct documents with at least one coding.
        public var documents = 0
        /// Distinct participants (document and speaker) with at least one coding.
        public var participants = 0
    }

    private let order: [String]
    private var ancestors: [String: [String]] = [:]
    private var hits: [String: Int] = [:]
    private var units: [String: Set<UnitKey>] = [:]
    private var documents: [String: Set<String>] = [:]
    private var participants: [String: Set<SpeakerKey>] = [:]

    struct UnitKey: Hashable { var document: String; var start: Int }
    struct SpeakerKey: Hashable { var document: String; var speaker: String }

    /// A tally for the themes of `codebook`, in tree order.
    public init(codebook: Codebook) {
        var order: [String] = []
        var ancestors: [String: [String]] = [:]
        func walk(_ ts: [Theme], _ path: [String]) {
            for t in ts {
                order.append(t.id)
                ancestors[t.id] = path + [t.id]
                walk(t.children, path + [t.id])
            }
        }
        walk(codebook.themes, [])
        self.order = order
        self.ancestors = ancestors
    }

    /// Adds the codings of one document. Each coding counts for its theme and every ancestor theme.
    public mutating func add(_ codings: [Coding]) {
        for c in codings {
            for id in ancestors[c.theme] ?? [c.theme] {
                hits[id, default: 0] += 1
                units[id, default: []].insert(UnitKey(document: c.document, start: c.unitStart))
                documents[id, default: []].insert(c.document)
                participants[id, default: []].insert(SpeakerKey(document: c.document, speaker: c.speaker ?? ""))
            }
        }
    }

    /// Merges another tally of the same codebook.
    public mutating func merge(_ other: CodingTally) {
        for (k, v) in other.hits { hits[k, default: 0] += v }
        for (k, v) in other.units { units[k, default: []].formUnion(v) }
        for (k, v) in other.documents { documents[k, default: []].formUnion(v) }
        for (k, v) in other.participants { participants[k, default: []].formUnion(v) }
    }

    /// Counts per theme, in the codebook's tree order.
    public var rows: [(theme: String, counts: Counts)] {
        order.map { id in
            (id, Counts(hits: hits[id] ?? 0, units: units[id]?.count ?? 0, documents: documents[id]?.count ?? 0,
                        participants: participants[id]?.count ?? 0))
        }
    }

    /// The depth of a theme in the tree (0 for top level).
    public func depth(of id: String) -> Int { (ancestors[id]?.count ?? 1) - 1 }
}
