/// Which themes are coded together: pairs of themes coded in the same unit of text (or the same document),
/// with the Jaccard index of the two sets.
///
/// Sub-themes roll up into their parents (a unit coded with a sub-theme is a unit of its parent), every
/// theme of the tree takes part, and a pair where one theme is an ancestor of the other is skipped (it
/// co-occurs by construction).
public struct Cooccurrence: Sendable {
    /// What "together" means.
    public enum Level: String, Sendable, CaseIterable {
        /// In the same coded unit of text (turn, sentence or paragraph).
        case unit
        /// In the same document.
        case document
    }

    /// Two themes and how often they come together.
    public struct Pair: Sendable, Equatable {
        /// The theme whose id sorts first.
        public var first: ThemeNode
        public var second: ThemeNode
        /// Units (or documents) with both themes.
        public var both: Int
        /// Units (or documents) with the first theme.
        public var firstCount: Int
        /// Units (or documents) with the second theme.
        public var secondCount: Int

        /// |A ∩ B| / |A ∪ B|.
        public var jaccard: Double {
            Jaccard.index(both: both, onlyA: firstCount - both, onlyB: secondCount - both)
        }
    }

    public let level: Level
    /// Coded units (or documents with at least one coding) considered.
    public let total: Int
    /// Units (or documents) per theme, rolled up, in tree order.
    public let counts: [(theme: ThemeNode, count: Int)]
    /// Pairs that occur together at least once: by count (descending), then by the two ids.
    public let pairs: [Pair]

    /// Counts the pairs of themes of `themes` in `corpus`.
    public static func compute(_ corpus: CodedCorpus, themes: ThemeTree, level: Level = .unit) -> Cooccurrence {
        var sets: [Set<String>] = []
        for d in corpus.documents {
            switch level {
            case .unit:
                for s in d.segments {
                    let r = themes.rollUp(s.themes)
                    if !r.isEmpty { sets.append(r) }
                }
            case .document:
                let r = themes.rollUp(d.segments.flatMap(\.themes))
                if !r.isEmpty { sets.append(r) }
            }
        }
        var single: [String: Int] = [:]
        var together: [PairKey: Int] = [:]
        for s in sets {
            let ids = s.sorted()
            for (i, a) in ids.enumerated() {
                single[a, default: 0] += 1
                for b in ids[(i + 1)...] where !themes.isAncestor(a, of: b) && !themes.isAncestor(b, of: a) {
                    together[PairKey(a: a, b: b), default: 0] += 1
                }
            }
        }
        let pairs = together.map { key, n in
            Pair(first: themes.node(key.a)!, second: themes.node(key.b)!, both: n, firstCount: single[key.a] ?? 0,
                 secondCount: single[key.b] ?? 0)
        }.sorted { x, y in
            if x.both != y.both { return x.both > y.both }
            if x.first.id != y.first.id { return x.first.id < y.first.id }
            return x.second.id < y.second.id
        }
        return Cooccurrence(level: level, total: sets.count, counts: themes.nodes.map { ($0, single[$0.id] ?? 0) }, pairs: pairs)
    }

    private struct PairKey: Hashable {
        var a: String
        var b: String
    }
}

extension Cooccurrence {
    /// The same result with only the `n` most frequent pairs (all of them when `n` is 0 or less).
    public func limited(to n: Int) -> Cooccurrence {
        guard n > 0, pairs.count > n else { return self }
        return Cooccurrence(level: level, total: total, counts: counts, pairs: Array(pairs.prefix(n)))
    }
}
