/// Every agreement statistic of one reliability table: what `verbatim agree` prints for a table, a
/// theme or the whole codebook.
public struct AgreementSummary: Sendable {
    public var level: MeasurementLevel
    /// Units in the table (with or without values), coders, and the distinct values used.
    public var units: Int
    public var coders: Int
    public var values: [String]
    /// Units with two values or more, and the values they hold (Krippendorff's n).
    public var pairableUnits: Int
    public var pairableValues: Int
    public var percentAgreement: PercentAgreement
    /// Cohen's kappa (two coders only) and Fleiss' kappa (units every coder coded): both nominal,
    /// whatever the level.
    public var cohen: CohenKappa
    public var fleiss: FleissKappa
    /// Krippendorff's alpha at `level`.
    public var alpha: KrippendorffAlpha
    /// The bootstrap interval of alpha, when asked for.
    public var bootstrap: AlphaBootstrap?

    /// Options of the bootstrap.
    public struct Bootstrap: Sendable {
        public var samples: Int
        public var seed: UInt64
        public var confidence: Double
        public var minimum: Double?

        public init(samples: Int, seed: UInt64, confidence: Double = 0.95, minimum: Double? = nil) {
            self.samples = samples
            self.seed = seed
            self.confidence = confidence
            self.minimum = minimum
        }
    }

    /// The statistics of `table` at `level`, with a bootstrap interval of alpha when `bootstrap` is given.
    /// - Precondition: at a level other than nominal, the table's values are numbers.
    public init(_ table: ReliabilityTable, level: MeasurementLevel = .nominal, bootstrap: Bootstrap? = nil) {
        self.level = level
        units = table.unitCount
        coders = table.coders.count
        values = table.values
        pairableUnits = table.pairableUnitCount
        pairableValues = table.pairableValueCount
        percentAgreement = PercentAgreement(table)
        cohen = CohenKappa(table)
        fleiss = FleissKappa(table)
        alpha = KrippendorffAlpha(table, level: level)
        self.bootstrap = bootstrap.map {
            AlphaBootstrap(table, level: level, samples: $0.samples, seed: $0.seed, confidence: $0.confidence, minimum: $0.minimum)
        }
    }
}
