/// What `verbatim report` asks for. Attributes left nil take the study's usual names (`group`,
/// `territory`, `context`, `wave`, or their French forms) when it has them, and their sections are
/// left out when it does not; an attribute named explicitly must exist.
public struct ReportRequest: Sendable, Equatable {
    /// The stakeholder groups of the bar charts and of each theme's counts (default: `group`).
    public var groupBy: String?
    /// The columns of the heatmap (default: `territory`).
    public var heatmapBy: String?
    /// The attributes compared one by one, with a test per theme (default: `context` and `wave`). The
    /// heatmap's attribute is not repeated among them.
    public var compareBy: [String]?
    /// Only this theme and its sub-themes.
    public var theme: String?
    /// Excerpts per theme at most (0: none).
    public var maxPerTheme: Int
    /// The seed of the excerpt sampling.
    public var seed: UInt64
    /// Columns with fewer participant units than this are flagged.
    public var minN: Int
    /// How many pairs of co-occurring themes to show.
    public var topPairs: Int
    /// A date to print in the header; none by default, so that the same inputs give the same bytes.
    public var date: String?
    /// The program and version named in the footer.
    public var generator: String
    /// The study's questionnaire figures (`indicators.csv`), shown beside the outcomes in the Impact section.
    public var indicators: [Indicator] = []

    /// Creates a request.
    public init(groupBy: String? = nil, heatmapBy: String? = nil, compareBy: [String]? = nil, theme: String? = nil,
                maxPerTheme: Int = 3, seed: UInt64 = 1, minN: Int = 5, topPairs: Int = 15, date: String? = nil,
                generator: String = "verbatim") {
        self.groupBy = groupBy
        self.heatmapBy = heatmapBy
        self.compareBy = compareBy
        self.theme = theme
        self.maxPerTheme = maxPerTheme
        self.seed = seed
        self.minN = minN
        self.topPairs = topPairs
        self.date = date
        self.generator = generator
    }
}
