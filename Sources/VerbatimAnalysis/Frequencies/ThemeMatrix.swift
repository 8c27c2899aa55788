/// Themes × attribute values, with a test of independence per theme: does mentioning the theme depend on
/// the group?
///
/// Each cell gives three counts, each with its row and column percentages:
/// - **participants**: participant units mentioning the theme; column % = n / N, the share of the
///   column's participant units that mention it;
/// - **documents**: documents where the theme is coded; column % = share of the column's documents;
/// - **units**: coded units of text; column % = share of the column's coded units that carry the theme.
///
/// The row % of a count is its share of the theme's total over all columns.
///
/// Per theme, ``Association/test(_:)`` is run on the 2 × k table of participant units *mentioning* /
/// *not mentioning* the theme × the k column values.
public struct ThemeMatrix: Sendable {
    /// What the text form of a matrix shows in each cell.
    public enum CellKind: String, Sendable, CaseIterable {
        /// Coded units of text.
        case units
        /// Documents.
        case documents
        /// Participant units.
        case participants
        /// Participant units as n/N and percentage of the column.
        case percent
    }

    /// A count with its base and percentages.
    public struct Measure: Sendable, Equatable {
        /// The count.
        public var count: Int
        /// What the column percentage divides by (the column's participant units, documents or coded units).
        public var base: Int
        /// The count's share of the theme's total over all columns, 0–100; nil when that total is 0.
        public var rowPercent: Double?
        /// 100 × count / base; nil when the base is 0.
        public var columnPercent: Double?

        public init(count: Int, base: Int, rowTotal: Int) {
            self.count = count
            self.base = base
            self.rowPercent = rowTotal > 0 ? 100 * Double(count) / Double(rowTotal) : nil
            self.columnPercent = base > 0 ? 100 * Double(count) / Double(base) : nil
        }
    }

    /// One theme in one column.
    public struct Cell: Sendable, Equatable {
        public var participants: Measure
        public var documents: Measure
        public var units: Measure
        /// Words of the coded units.
        public var words: Int
        /// Whether the column's N (participant units) is under the matrix's minimum.
        public var smallN: Bool

        /// The measure a cell kind shows (participants for ``CellKind/percent``).
        public func measure(_ kind: CellKind) -> Measure {
            switch kind {
            case .units: return units
            case .documents: return documents
            case .participants, .percent: return participants
            }
        }
    }

    /// One theme: its cells, its total, and its test of independence.
    public struct Row: Sendable {
        public var theme: ThemeNode
        /// One cell per column, in the order of ``ThemeMatrix/columns``.
        public var cells: [Cell]
        public var total: Cell
        /// The 2 × k table tested: row 0 participant units mentioning the theme, row 1 those not
        /// mentioning it; one column per entry of ``ThemeMatrix/columns``.
        public var table: ContingencyTable
        /// The test chosen by ``Association/test(_:)`` and its results.
        public var association: AssociationResult
    }

    /// The attributes of the columns (one, or two crossed).
    public let attributes: [String]
    /// Columns whose participant N is under this are flagged.
    public let minN: Int
    /// The columns, in natural order of their values (N = participant units).
    public let columns: [AttributeGroup]
    /// All columns together.
    public let total: AttributeGroup
    /// One row per theme, in tree order.
    public let rows: [Row]
    /// Participant units left out because they have no value for one of the attributes.
    public let excluded: Int
    /// What the tests count: participant units (the default) or documents.
    public var level: CountingLevel = .participant
    /// Documents holding more than one participant unit (focus groups), and the units they hold: such
    /// units share a discussion, so tests that take them as independent overstate significance.
    public var sharedDocuments = 0
    public var sharedUnits = 0

    /// Builds the matrix of `themes` × the values of `columns` (crossed when there are two attributes).
    /// - Throws: ``AnalysisError`` as ``FrequencyTable/compute(_:themes:by:level:minN:)`` does.
    ///   With `level` `.document`, each theme's test counts documents mentioning it or not.
    public static func compute(_ corpus: CodedCorpus, themes: ThemeTree, columns attributes: [String],
                               minN: Int = 5, level: CountingLevel = .participant) throws -> ThemeMatrix {
        guard !attributes.isEmpty else { throw AnalysisError.invalid("a matrix needs at least one column attribute") }
        let c = try GroupedCounts.count(corpus, themes: themes, by: attributes, level: .participant, minN: minN)
        let groups = c.groups + [c.total]
        let labels = c.groups.map { $0.label() }
        let rows = themes.nodes.enumerated().map { ti, node -> Row in
            let last = groups.count - 1
            let cells = groups.enumerated().map { gi, group in
                Cell(participants: Measure(count: c.participants[ti][gi], base: c.participantBase[gi], rowTotal: c.participants[ti][last]),
                     documents: Measure(count: c.documents[ti][gi], base: group.documents, rowTotal: c.documents[ti][last]),
                     units: Measure(count: c.units[ti][gi], base: group.codedUnits, rowTotal: c.units[ti][last]),
                     words: c.words[ti][gi], smallN: group.isSmall)
            }
            let mentioning = (0..<c.groups.count).map { level == .document ? c.documents[ti][$0] : c.participants[ti][$0] }
            let notMentioning = (0..<c.groups.count).map {
                level == .document ? c.groups[$0].documents - c.documents[ti][$0] : c.participantBase[$0] - c.participants[ti][$0]
            }
            // Built from counts that are non-negative and of equal length: it cannot fail.
            let table = try! ContingencyTable([mentioning, notMentioning], rowLabels: ["mentions", "does not mention"],
                                              columnLabels: labels)
            return Row(theme: node, cells: Array(cells.dropLast()), total: cells[last], table: table,
                       association: Association.test(table))
        }
        var matrix = ThemeMatrix(attributes: attributes, minN: minN, columns: c.groups, total: c.total, rows: rows,
                                 excluded: c.excluded)
        matrix.level = level
        let shared = corpus.documents.filter { $0.participants.count > 1 }
        matrix.sharedDocuments = shared.count
        matrix.sharedUnits = shared.reduce(0) { $0 + $1.participants.count }
        return matrix
    }
}
