/// How often each theme comes up in each group of a study: "9 of 14 seniors (64%) mention it".
///
/// For every theme (in tree order; a parent counts every unit coded with one of its sub-themes, so a
/// participant who mentions two sub-themes counts once for the parent) and every group of units sharing
/// the chosen attribute values, plus the total:
/// - **n / N**: the counted units (participant units, or documents) mentioning the theme, out of all the
///   counted units of the group, whether or not they mention anything;
/// - the coded units of text, the documents and the words of those coded units.
///
/// ```swift
/// let table = try FrequencyTable.compute(corpus, themes: tree, by: ["group"])
/// for row in table.rows { print(row.theme.label, row.total.fraction, row.total.percent) }
/// ```
public struct FrequencyTable: Sendable {
    /// The figures of one theme in one group.
    public struct Cell: Sendable, Equatable {
        /// Counted units (participants or documents, by ``FrequencyTable/level``) mentioning the theme.
        public var n: Int
        /// All the counted units of the group (N).
        public var base: Int
        /// Coded units of text (turns, sentences or paragraphs) coded with the theme.
        public var units: Int
        /// Documents where the theme is coded.
        public var documents: Int
        /// Words of the coded units (each unit counted once).
        public var words: Int
        /// Whether N is under the table's minimum: the percentage is unstable.
        public var smallN: Bool

        public init(n: Int, base: Int, units: Int, documents: Int, words: Int, smallN: Bool) {
            self.n = n
            self.base = base
            self.units = units
            self.documents = documents
            self.words = words
            self.smallN = smallN
        }

        /// 100 × n / N (0 when N is 0).
        public var percent: Double { base > 0 ? 100 * Double(n) / Double(base) : 0 }

        /// `n/N`, e.g. `9/14`.
        public var fraction: String { "\(n)/\(base)" }
    }

    /// One theme: its cells per group and its total.
    public struct Row: Sendable {
        public var theme: ThemeNode
        /// One cell per entry of ``FrequencyTable/groups``, in the same order.
        public var cells: [Cell]
        /// The theme over every group.
        public var total: Cell
    }

    /// The attributes the groups are made of (one, or two crossed).
    public let attributes: [String]
    /// What n and N count.
    public let level: CountingLevel
    /// Groups with a smaller N are flagged (``Cell/smallN``, ``AttributeGroup/isSmall``).
    public let minN: Int
    /// The groups, in natural order of their values.
    public let groups: [AttributeGroup]
    /// All the groups together.
    public let total: AttributeGroup
    /// One row per theme, in tree order.
    public let rows: [Row]
    /// Counted units left out because they have no value for one of the attributes.
    public let excluded: Int

    /// Counts the themes of `themes` in `corpus`, per value of `attributes` (crossed when there are two).
    ///
    /// - Parameters:
    ///   - level: what n and N count: participant units (the default) or documents.
    ///   - minN: groups with fewer counted units are flagged as small (5 by default).
    /// - Throws: ``AnalysisError``: no documents, an attribute no document or participant has (the message
    ///   lists those that exist), or no counted unit with a value for the attributes.
    public static func compute(_ corpus: CodedCorpus, themes: ThemeTree, by attributes: [String],
                               level: CountingLevel = .participant, minN: Int = 5) throws -> FrequencyTable {
        let c = try GroupedCounts.count(corpus, themes: themes, by: attributes, level: level, minN: minN)
        let columns = c.groups + [c.total]
        let rows = themes.nodes.enumerated().map { ti, node -> Row in
            let cells = columns.enumerated().map { gi, group in
                Cell(n: c.mentioning[ti][gi], base: group.size, units: c.units[ti][gi], documents: c.documents[ti][gi],
                     words: c.words[ti][gi], smallN: group.isSmall)
            }
            return Row(theme: node, cells: Array(cells.dropLast()), total: cells.last!)
        }
        return FrequencyTable(attributes: attributes, level: level, minN: minN, groups: c.groups, total: c.total,
                              rows: rows, excluded: c.excluded)
    }
}
