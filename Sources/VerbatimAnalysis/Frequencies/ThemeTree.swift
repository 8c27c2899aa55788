import VerbatimModel

/// One theme as the analyses see it: its id, its label in the language of the report, and its place
/// in the codebook's tree.
public struct ThemeNode: Sendable, Hashable {
    /// The theme's id in the codebook.
    public var id: String
    /// The label to print (usually `Theme.label(in:)` for the study's language).
    public var label: String
    /// The parent theme's id, or nil for a top-level theme.
    public var parent: String?
    /// 0 for a top-level theme, 1 for its sub-themes, and so on.
    public var depth: Int

    /// A theme node; `depth` must agree with `parent` (the tree checks it is 0 for a top-level theme).
    public init(id: String, label: String, parent: String? = nil, depth: Int = 0) {
        self.id = id
        self.label = label
        self.parent = parent
        self.depth = depth
    }
}

/// The themes of a codebook in tree order (parents before their children, depth-first, in file order),
/// with the ancestry the counts roll up along: a unit coded with a sub-theme counts for its parent too.
public struct ThemeTree: Sendable {
    /// Every theme, in tree order.
    public let nodes: [ThemeNode]
    private let index: [String: Int]

    /// A tree from nodes already in tree order. A node whose parent is unknown is treated as top level.
    public init(nodes: [ThemeNode]) {
        var index: [String: Int] = [:]
        var kept: [ThemeNode] = []
        for var n in nodes where index[n.id] == nil {
            if let p = n.parent, let i = index[p] { n.depth = kept[i].depth + 1 } else { n.parent = nil; n.depth = 0 }
            index[n.id] = kept.count
            kept.append(n)
        }
        self.nodes = kept
        self.index = index
    }

    /// The tree of `codebook`, with each theme's label in `language` (falling back to the codebook's label).
    public init(codebook: Codebook, language: String) {
        var nodes: [ThemeNode] = []
        func walk(_ themes: [Theme], parent: String?, depth: Int) {
            for t in themes {
                nodes.append(ThemeNode(id: t.id, label: t.label(in: language), parent: parent, depth: depth))
                walk(t.children, parent: t.id, depth: depth + 1)
            }
        }
        walk(codebook.themes, parent: nil, depth: 0)
        self.init(nodes: nodes)
    }

    /// The theme ids in tree order.
    public var ids: [String] { nodes.map(\.id) }

    /// The node with this id.
    public func node(_ id: String) -> ThemeNode? { index[id].map { nodes[$0] } }

    /// The position of a theme in tree order.
    public func position(of id: String) -> Int? { index[id] }

    /// The theme and its ancestors, outermost first; empty for an unknown id.
    public func lineage(of id: String) -> [String] {
        var out: [String] = []
        var current: String? = index[id] == nil ? nil : id
        while let c = current {
            out.append(c)
            current = node(c)?.parent
        }
        return out.reversed()
    }

    /// Whether `ancestor` is a strict ancestor of `id`.
    public func isAncestor(_ ancestor: String, of id: String) -> Bool {
        var current = node(id)?.parent
        while let c = current {
            if c == ancestor { return true }
            current = node(c)?.parent
        }
        return false
    }

    /// The sub-tree rooted at `id`: the theme and all its descendants, the theme at depth 0.
    /// - Throws: ``AnalysisError/unknownTheme(_:themes:)`` listing the valid ids.
    public func subtree(rootedAt id: String) throws -> ThemeTree {
        guard let root = node(id) else { throw AnalysisError.unknownTheme(id, themes: ids) }
        let kept = nodes.filter { $0.id == id || isAncestor(id, of: $0.id) }.map { n -> ThemeNode in
            var m = n
            m.depth -= root.depth
            if m.id == id { m.parent = nil }
            return m
        }
        return ThemeTree(nodes: kept)
    }

    /// The themes a coded unit mentions once sub-themes roll up into their parents: `coded` and every
    /// ancestor of each, restricted to the themes of this tree (unknown ids are dropped).
    public func rollUp<S: Sequence>(_ coded: S) -> Set<String> where S.Element == String {
        var out = Set<String>()
        for id in coded {
            var current: String? = id
            while let c = current, index[c] != nil, out.insert(c).inserted {
                current = node(c)?.parent
            }
        }
        return out
    }
}
