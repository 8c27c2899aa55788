/// A study's analysis report, ready to be written as one HTML page (``ReportHTMLWriter``) or as Markdown
/// (``ReportMarkdownWriter``).
///
/// The pipeline builds one from a coded study (`StudyReportBuilder` in VerbatimApp): the corpus
/// tables, the theme frequencies per stakeholder group, the matrices with their tests, the co-occurring
/// themes, a balanced selection of excerpts per theme, the codebook and where the numbers come from.
/// The writers only lay it out: every number and every text is already in the model, already
/// pseudonymised when it was asked to be.
public struct StudyReport: Sendable, Equatable {
    /// The study's name, the report's title.
    public var title: String
    /// ISO 639-1 code of the report's language (`fr` or `en`): headings and labels follow it.
    public var language: String
    /// The headline figures of the corpus.
    public var summary: ReportSummary
    /// Documents, participant units and words per value of the corpus attributes (group, territory...).
    public var corpus: [CorpusTable]
    /// Theme frequencies per stakeholder group (n/N), drawn as bar charts; no tests.
    public var frequencies: ReportMatrix
    /// Themes × the heatmap attribute (territory), with a test per theme; nil when the study has none.
    public var heatmap: ReportMatrix?
    /// Themes × each comparison attribute (context, wave), with a test per theme.
    public var comparisons: [ReportMatrix]
    /// The themes most often coded together.
    public var cooccurrence: ReportCooccurrence
    /// Every theme in tree order, with its codebook entry and its excerpts.
    public var themes: [ReportTheme]
    /// One row per document, for the appendix.
    public var documents: [ReportDocumentRow]
    /// The attributes shown in the document appendix, in column order.
    public var documentAttributes: [String]
    /// What was counted, how, and from which inputs.
    public var provenance: ReportProvenance
    /// The evidence along the codebook's theory of change, when it has one: the report opens with it.
    public var impact: ReportImpact? = nil

    /// Creates a report.
    public init(title: String, language: String, summary: ReportSummary, corpus: [CorpusTable], frequencies: ReportMatrix,
                heatmap: ReportMatrix?, comparisons: [ReportMatrix], cooccurrence: ReportCooccurrence, themes: [ReportTheme],
                documents: [ReportDocumentRow], documentAttributes: [String], provenance: ReportProvenance) {
        self.title = title
        self.language = language
        self.summary = summary
        self.corpus = corpus
        self.frequencies = frequencies
        self.heatmap = heatmap
        self.comparisons = comparisons
        self.cooccurrence = cooccurrence
        self.themes = themes
        self.documents = documents
        self.documentAttributes = documentAttributes
        self.provenance = provenance
    }

    /// The localised words of the report.
    public var strings: ReportStrings { ReportStrings(language: language) }

    /// The theme with this id.
    public func theme(_ id: String) -> ReportTheme? { themes.first { $0.id == id } }

    /// Every matrix of the report: the frequencies, the heatmap and the comparisons.
    public var matrices: [ReportMatrix] { [frequencies] + (heatmap.map { [$0] } ?? []) + comparisons }
}

/// The headline figures of a report's corpus.
public struct ReportSummary: Sendable, Equatable {
    /// Documents analysed.
    public var documents: Int
    /// Participant units (who counts in "n of N").
    public var participants: Int
    /// Words spoken by participants (interviewer turns left out).
    public var words: Int
    /// Codings (one per match of a theme's rule).
    public var codings: Int
    /// Distinct coded units of text.
    public var codedUnits: Int
    /// Themes of the codebook (or of the chosen sub-tree).
    public var themes: Int

    /// Creates a summary.
    public init(documents: Int, participants: Int, words: Int, codings: Int, codedUnits: Int, themes: Int) {
        self.documents = documents
        self.participants = participants
        self.words = words
        self.codings = codings
        self.codedUnits = codedUnits
        self.themes = themes
    }
}

/// Documents, participant units and words per value of one attribute.
public struct CorpusTable: Sendable, Equatable {
    /// The attribute's name (`group`, `territory`...).
    public var attribute: String
    /// One row per value, in natural order.
    public var rows: [CorpusRow]
    /// Documents or participant units without a value, when there are any.
    public var missing: CorpusRow?
    /// Every document and unit.
    public var total: CorpusRow

    /// Creates a table.
    public init(attribute: String, rows: [CorpusRow], missing: CorpusRow? = nil, total: CorpusRow) {
        self.attribute = attribute
        self.rows = rows
        self.missing = missing
        self.total = total
    }
}

/// One value of a corpus table.
public struct CorpusRow: Sendable, Equatable {
    /// The attribute's value.
    public var value: String
    /// Documents with the value.
    public var documents: Int
    /// Participant units with the value.
    public var participants: Int
    /// Words spoken by those participants.
    public var words: Int

    /// Creates a row.
    public init(value: String, documents: Int, participants: Int, words: Int) {
        self.value = value
        self.documents = documents
        self.participants = participants
        self.words = words
    }
}

/// Themes × the values of an attribute: n/N per cell, and optionally a test per theme.
public struct ReportMatrix: Sendable, Equatable {
    /// A stable name for the matrix: `frequencies`, or the attribute(s) of the columns (`territory`).
    /// HTML output puts it in the `data-table` attribute of every bar and cell.
    public var id: String
    /// The attributes of the columns.
    public var attributes: [String]
    /// The columns, in natural order of their values.
    public var columns: [ReportColumn]
    /// All columns together.
    public var total: ReportColumn
    /// One row per theme, in tree order.
    public var rows: [ReportRow]
    /// Columns with fewer participant units than this are flagged.
    public var minN: Int
    /// Participant units left out for want of a value.
    public var excluded: Int
    /// Documents holding several participant units (focus groups), and the units they hold: the tests
    /// on participants then overstate significance, and each row also has the test on documents.
    public var sharedDocuments = 0
    public var sharedUnits = 0

    /// Creates a matrix.
    public init(id: String, attributes: [String], columns: [ReportColumn], total: ReportColumn, rows: [ReportRow],
                minN: Int, excluded: Int) {
        self.id = id
        self.attributes = attributes
        self.columns = columns
        self.total = total
        self.rows = rows
        self.minN = minN
        self.excluded = excluded
    }

    /// Whether the rows carry tests of independence.
    public var hasTests: Bool { rows.contains { $0.test != nil } }

    /// Whether a column (or the total) is flagged as small.
    public var anySmall: Bool { columns.contains(where: \.isSmall) || total.isSmall }

    /// The row of a theme.
    public func row(_ theme: String) -> ReportRow? { rows.first { $0.theme == theme } }
}

/// A column of a matrix: one value of the attribute(s), or the total.
public struct ReportColumn: Sendable, Equatable {
    /// The value (`senior`, `rural · 12 mois`), or the localised "Total".
    public var label: String
    /// N: the participant units of the column.
    public var size: Int
    /// Whether N is under the matrix's minimum.
    public var isSmall: Bool

    /// Creates a column.
    public init(label: String, size: Int, isSmall: Bool) {
        self.label = label
        self.size = size
        self.isSmall = isSmall
    }
}

/// One theme in a matrix.
public struct ReportRow: Sendable, Equatable {
    /// The theme's id.
    public var theme: String
    /// One cell per column.
    public var cells: [ReportCell]
    /// The theme over all columns.
    public var total: ReportCell
    /// The test of independence, when the matrix has one.
    public var test: ReportTest?
    /// The same test counting documents, when participant units share documents.
    public var documentTest: ReportTest? = nil

    /// Creates a row.
    public init(theme: String, cells: [ReportCell], total: ReportCell, test: ReportTest? = nil) {
        self.theme = theme
        self.cells = cells
        self.total = total
        self.test = test
    }
}

/// n of N: the participant units mentioning a theme out of those of a column.
public struct ReportCell: Sendable, Equatable {
    /// Participant units mentioning the theme.
    public var n: Int
    /// All the participant units of the column.
    public var base: Int

    /// Creates a cell.
    public init(n: Int, base: Int) {
        self.n = n
        self.base = base
    }

    /// 100 × n / N, or nil when N is 0.
    public var percent: Double? { base > 0 ? 100 * Double(n) / Double(base) : nil }
}

/// A test of independence between mentioning a theme and the columns.
public struct ReportTest: Sendable, Equatable {
    /// What was run.
    public enum Kind: String, Sendable, Equatable {
        /// Pearson's chi-square test.
        case chiSquare = "chi-square"
        /// Fisher's exact test on a 2 × 2 table.
        case fisherExact = "fisher-exact"
        /// The Fisher–Freeman–Halton exact test.
        case freemanHalton = "freeman-halton"
        /// Nothing could be tested.
        case none
    }

    /// The test.
    public var kind: Kind
    /// The test's statistic (chi-square, odds ratio, probability of the observed table).
    public var statistic: Double
    /// Degrees of freedom of the tested table.
    public var degreesOfFreedom: Int
    /// The p-value (1 when nothing was tested).
    public var p: Double
    /// Cramér's V (nan when nothing was tested).
    public var cramersV: Double
    /// Why the result should be read with care.
    public var warnings: [ReportTestWarning]

    /// Creates a test result.
    public init(kind: Kind, statistic: Double, degreesOfFreedom: Int, p: Double, cramersV: Double, warnings: [ReportTestWarning]) {
        self.kind = kind
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        self.p = p
        self.cramersV = cramersV
        self.warnings = warnings
    }
}

/// A caveat about a test, worded by each writer in the report's language.
public enum ReportTestWarning: Sendable, Equatable {
    /// Rows with a zero total were left out of the test.
    case droppedRows(Int)
    /// Columns with a zero total were left out of the test.
    case droppedColumns(Int)
    /// Fewer than two non-empty rows or columns: nothing was tested.
    case nothingToTest
    /// `cells` of the `of` cells have expected counts under 5.
    case smallExpected(cells: Int, of: Int)
    /// The smallest expected count is under 1.
    case expectedUnderOne(minimum: Double)
    /// The p-value is a Monte Carlo estimate from this many random tables.
    case monteCarlo(samples: Int)
    /// Any other caveat, in English.
    case other(String)
}

/// The pairs of themes most often coded in the same unit of text.
public struct ReportCooccurrence: Sendable, Equatable {
    /// The coding unit (`turn`, `sentence`, `paragraph`).
    public var unit: String
    /// Coded units considered.
    public var total: Int
    /// The pairs shown, the most frequent first.
    public var pairs: [ReportPair]
    /// Pairs that occur at least once among the themes considered, before keeping the top ones.
    public var pairCount: Int
    /// Whether only themes without sub-themes were considered.
    public var leavesOnly: Bool

    /// Creates the co-occurrence section.
    public init(unit: String, total: Int, pairs: [ReportPair], pairCount: Int, leavesOnly: Bool) {
        self.unit = unit
        self.total = total
        self.pairs = pairs
        self.pairCount = pairCount
        self.leavesOnly = leavesOnly
    }
}

/// Two themes coded together.
public struct ReportPair: Sendable, Equatable {
    /// The first theme's id.
    public var first: String
    /// The second theme's id.
    public var second: String
    /// Units with both themes.
    public var both: Int
    /// Units with the first theme.
    public var firstCount: Int
    /// Units with the second theme.
    public var secondCount: Int
    /// Jaccard index: both / (first + second − both).
    public var jaccard: Double

    /// Creates a pair.
    public init(first: String, second: String, both: Int, firstCount: Int, secondCount: Int, jaccard: Double) {
        self.first = first
        self.second = second
        self.both = both
        self.firstCount = firstCount
        self.secondCount = secondCount
        self.jaccard = jaccard
    }
}

/// One theme: its codebook entry, and the excerpts quoted for it.
public struct ReportTheme: Sendable, Equatable {
    /// The theme's id.
    public var id: String
    /// The label in the report's language.
    public var label: String
    /// The parent theme's id.
    public var parent: String?
    /// 0 for a top-level theme.
    public var depth: Int
    /// The sub-themes' ids.
    public var children: [String]
    /// `#RRGGBB`: the codebook's colour, else the parent's, else one of a fixed palette.
    public var color: String
    /// What the theme means.
    public var definition: String?
    /// What to include.
    public var include: String?
    /// What to exclude.
    public var exclude: String?
    /// The rules, summarised (`any[peur, crainte]`, `near(6)[internet, danger]`).
    public var rules: [String]
    /// Exclusion terms (`unless`).
    public var unless: [String]
    /// The negation policy when it is not the default (`ignore`, or the id of the theme it recodes to).
    public var negation: String?
    /// The roles whose turns the theme codes, when not participants only.
    public var roles: [String]
    /// Excerpts coded with this theme itself (not its sub-themes), sampled and balanced.
    public var excerpts: [Excerpt]
    /// How many units are coded with this theme itself, before sampling.
    public var excerptTotal: Int

    /// Creates a theme entry.
    public init(id: String, label: String, parent: String? = nil, depth: Int = 0, children: [String] = [], color: String,
                definition: String? = nil, include: String? = nil, exclude: String? = nil, rules: [String] = [],
                unless: [String] = [], negation: String? = nil, roles: [String] = [], excerpts: [Excerpt] = [],
                excerptTotal: Int = 0) {
        self.id = id
        self.label = label
        self.parent = parent
        self.depth = depth
        self.children = children
        self.color = color
        self.definition = definition
        self.include = include
        self.exclude = exclude
        self.rules = rules
        self.unless = unless
        self.negation = negation
        self.roles = roles
        self.excerpts = excerpts
        self.excerptTotal = excerptTotal
    }
}

/// One document in the appendix.
public struct ReportDocumentRow: Sendable, Equatable {
    /// The document's name.
    public var document: String
    /// The values of ``StudyReport/documentAttributes``, in order (empty when missing).
    public var values: [String]
    /// Participant units of the document.
    public var participants: Int
    /// Words spoken by participants.
    public var words: Int
    /// Codings in the document.
    public var codings: Int

    /// Creates a row.
    public init(document: String, values: [String], participants: Int, words: Int, codings: Int) {
        self.document = document
        self.values = values
        self.participants = participants
        self.words = words
        self.codings = codings
    }
}

/// Where a report's numbers come from: the coding, the counting rules and the inputs' fingerprint.
public struct ReportProvenance: Sendable, Equatable {
    /// The program and its version (`verbatim 0.1.0`).
    public var generator: String
    /// The codebook's id.
    public var codebook: String
    /// The codebook's title.
    public var codebookTitle: String
    /// The codebook's version, when it has one.
    public var codebookVersion: String?
    /// The codebook's file name.
    public var codebookFile: String
    /// The coding unit (`turn`, `sentence`, `paragraph`).
    public var unit: String
    /// Themes that also code interviewer turns (`roles: [interviewer]`), by label.
    public var interviewerThemes: [String]
    /// Whether names were replaced by pseudonyms.
    public var pseudonymized: Bool
    /// Excerpts per theme at most.
    public var maxPerTheme: Int
    /// The attribute the excerpt sampling balances, when there is one.
    public var balance: String?
    /// The sampling's seed.
    public var seed: UInt64
    /// Hex SHA-256 of the inputs (see ``inputs``).
    public var sha256: String
    /// The inputs hashed: how many transcripts, and the other files by name.
    public var transcripts: Int
    /// The other input files hashed (codebook, attribute tables), by name, in order.
    public var otherInputs: [String]
    /// The date printed in the header, only when asked for.
    public var date: String?
    /// `--where` filters (`group=senior`): only those participant units are analysed.
    public var filters: [String] = []
    /// Documents not coded (no turn of a coded role), each with its number of turns; turns of unknown
    /// role in the documents coded.
    public var uncodableDocuments: [String] = []
    public var uncodableTurns: [Int] = []
    public var unknownTurns = 0
    /// Which codings were counted: `all`, `reviewed`, `manual` or `rules` (see `verbatim stats --source`).
    public var source: String = "all"

    /// Creates the provenance.
    public init(generator: String, codebook: String, codebookTitle: String, codebookVersion: String?, codebookFile: String,
                unit: String, interviewerThemes: [String], pseudonymized: Bool, maxPerTheme: Int, balance: String?,
                seed: UInt64, sha256: String, transcripts: Int, otherInputs: [String], date: String?) {
        self.generator = generator
        self.codebook = codebook
        self.codebookTitle = codebookTitle
        self.codebookVersion = codebookVersion
        self.codebookFile = codebookFile
        self.unit = unit
        self.interviewerThemes = interviewerThemes
        self.pseudonymized = pseudonymized
        self.maxPerTheme = maxPerTheme
        self.balance = balance
        self.seed = seed
        self.sha256 = sha256
        self.transcripts = transcripts
        self.otherInputs = otherInputs
        self.date = date
    }
}
