import VerbatimModel

/// Per-theme counts of codings, with parents rolling up their sub-themes: what `verbatim code` prints.
///
/// Documents are added one at a time; units and participants are distinct within a document, so the
/// study's figures are sums over documents.
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

        public init(hits: Int = 0, units: Int = 0, documents: Int = 0, participants: Int = 0) {
            self.hits = hits
            self.units = units
            self.documents = documents
            self.participants = participants
        }
    }

    private let order: [String]
    private var ancestors: [String: [String]] = [:]
    private var counts: [String: Counts] = [:]

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

    /// The theme and its ancestors, innermost last.
    public func lineage(of id: String) -> [String] { ancestors[id] ?? [id] }

    /// Adds the codings of one document. Each coding counts for its theme and every ancestor theme.
    public mutating func add(_ codings: [Coding]) {
        var hits: [String: Int] = [:]
        var units: [String: Set<Int>] = [:]
        var speakers: [String: Set<String>] = [:]
        for c in codings {
            for id in lineage(of: c.theme) {
                hits[id, default: 0] += 1
                units[id, default: []].insert(c.unitStart)
                speakers[id, default: []].insert(c.speaker ?? "")
            }
        }
        for (id, h) in hits {
            add(theme: id, Counts(hits: h, units: units[id]!.count, documents: 1, participants: speakers[id]!.count))
        }
    }

    /// Adds one document's counts for a theme (already rolled up).
    public mutating func add(theme: String, _ c: Counts) {
        var t = counts[theme] ?? Counts()
        t.hits += c.hits
        t.units += c.units
        t.documents += c.documents
        t.participants += c.participants
        counts[theme] = t
    }

    /// Counts per theme, in the codebook's tree order.
    public var rows: [(theme: String, counts: Counts)] { order.map { ($0, counts[$0] ?? Counts()) } }

    /// The depth of a theme in the tree (0 for top level).
    public func depth(of id: String) -> Int { (ancestors[id]?.count ?? 1) - 1 }
}
