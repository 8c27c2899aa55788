import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimAnalysis

/// What `stats`, `matrix` and `cooccur` share: the documents to code and the codebook.
public struct AnalysisInput: Sendable {
    /// Transcript files, folders or document names (empty: the whole study).
    public var paths: [String]
    /// A `--codebook` file, else the study's.
    public var codebook: String?
    /// Only this theme and its sub-themes.
    public var theme: String?
    /// Which codings count.
    public var source: CodingSource
    /// Only this coder's decisions.
    public var coder: String?
    /// `--where NAME=VALUE` filters, as typed: only the participant units with these attribute values.
    public var filters: [String]

    public init(paths: [String] = [], codebook: String? = nil, theme: String? = nil, source: CodingSource = .all,
                coder: String? = nil, filters: [String] = []) {
        self.paths = paths
        self.codebook = codebook
        self.theme = theme
        self.source = source
        self.coder = coder
        self.filters = filters
    }
}

/// An analysis with what it was computed on.
public struct AnalysisResult<Value: Sendable>: Sendable {
    public var value: Value
    /// The study, codebook, unit and documents, for the outputs' headers.
    public var info: AnalysisInfo
}

extension StudyContext {
    /// Loads the codebook, checks `input.theme`, and codes the documents, reporting what could not be
    /// read. The first half of every analysis.
    /// - Throws: a ``Diagnostic`` for an unknown theme or when no document could be read.
    public func coded(_ input: AnalysisInput, keepText: Bool = false, check: Bool = false) throws -> CodedStudy {
        let book = try codebook(input.codebook)
        if let theme = input.theme { try requireTheme(theme, in: book) }
        let filters = try input.filters.map(AttributeFilter.init(parsing:))
        let unit = try self.unit()
        var coded = StudyPipeline.run(study: study, codebook: book, paths: input.paths, unit: unit, check: check,
                                      keepText: keepText, review: review(source: input.source, coder: input.coder)) { done, total, doc in
            self.consumer.progress(done, of: total, doc)
        }
        coded.source = input.source
        coded = coded.separatingUncodable()
        consumer.endProgress()
        consumer.report(coded.diagnostics)
        if coded.documents.isEmpty {
            throw Diagnostic.error("", AnalysisError.noDocuments.description
                + (input.paths.isEmpty ? " (the study has no transcripts)" : " (none of the paths given is a readable transcript)"))
        }
        if !filters.isEmpty {
            try checkAttributes(filters.map(\.name), coded: coded)
            let all = coded
            coded = coded.filtered(filters)
            if coded.documents.isEmpty {
                throw Diagnostic.error("", all.emptySelectionMessage(filters))
            }
        }
        return coded
    }

    /// Checks that each attribute exists: an attribute of the study's tables that no selected document
    /// has is an empty selection; any other unknown name is listed with the valid ones.
    public func checkAttributes(_ names: [String], coded: CodedStudy) throws {
        let present = Set(coded.attributeNames)
        var tableColumns = Set(study.caseColumns)
        for (_, speakers) in study.participants { for (_, a) in speakers { tableColumns.formUnion(a.names) } }
        if !names.isEmpty && present.isEmpty && tableColumns.isEmpty {
            throw Diagnostic.error("", "these documents have no attributes to compare by '\(names.joined(separator: ","))': add a cases.csv (or YAML front matter); 'verbatim code' gives the totals")
        }
        for name in names where !present.contains(name) {
            if tableColumns.contains(name) {
                throw Diagnostic.error("", "no document in the selection has a value for '\(name)' (\(coded.documents.count) \(coded.documents.count == 1 ? "document" : "documents") selected)")
            }
            let known = present.union(tableColumns).sorted()
            // A likely typo is named before the list: the attribute a few letters away, ignoring case and accents.
            func fold(_ s: String) -> String { s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
            let guess = StudyContext.likelyTypo(of: name, among: known, fold: fold)
            let error = AnalysisError.unknownAttribute(name, attributes: known).diagnostic
            guard let guess else { throw error }
            throw Diagnostic.error(error.path, error.message.replacingOccurrences(of: "unknown attribute '\(name)'",
                                                                                  with: "unknown attribute '\(name)'; did you mean '\(guess)'?"))
        }
    }
}

/// Parses the attribute lists of `--by` and `--cols`.
public enum AttributeList {
    /// Splits `group,wave` into attribute names: one or two, distinct.
    /// - Throws: a usage ``Diagnostic`` naming `option`.
    public static func parse(_ spec: String, option: String) throws -> [String] {
        let names = spec.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty, !names.contains(where: \.isEmpty) else {
            throw Diagnostic.usage("--\(option) takes one attribute or two separated by a comma, e.g. group or context,wave")
        }
        guard names.count <= 2 else {
            throw Diagnostic.usage("--\(option) crosses at most two attributes (got \(names.count): \(names.joined(separator: ", ")))")
        }
        if names.count == 2 && names[0] == names[1] { throw Diagnostic.usage("--\(option) names '\(names[0])' twice") }
        return names
    }
}

/// `verbatim stats`: theme frequencies per group, n/N.
public enum StatsUseCase {
    public struct Request: Sendable {
        public var input: AnalysisInput
        /// `--by`: one attribute, or two crossed with a comma.
        public var by: String
        public var per: CountingLevel
        public var minN: Int

        public init(input: AnalysisInput, by: String = "group", per: CountingLevel = .participant, minN: Int = 5) {
            self.input = input
            self.by = by
            self.per = per
            self.minN = minN
        }
    }

    public static func run(_ r: Request, in context: StudyContext) throws -> AnalysisResult<FrequencyTable> {
        let attributes = try AttributeList.parse(r.by, option: "by")
        let coded = try context.coded(r.input)
        try context.checkAttributes(attributes, coded: coded)
        let table = try coded.frequencies(by: attributes, theme: r.input.theme, per: r.per, minN: r.minN)
        return AnalysisResult(value: table, info: coded.analysisInfo)
    }
}

/// `verbatim matrix`: themes × attribute values, with a test per theme.
public enum MatrixUseCase {
    public struct Request: Sendable {
        public var input: AnalysisInput
        /// `--cols`: one attribute, or two crossed with a comma.
        public var columns: String
        public var minN: Int
        /// What the tests count: participant units, or documents (`--per document`).
        public var per: CountingLevel

        public init(input: AnalysisInput, columns: String, minN: Int = 5, per: CountingLevel = .participant) {
            self.input = input
            self.columns = columns
            self.minN = minN
            self.per = per
        }
    }

    public static func run(_ r: Request, in context: StudyContext) throws -> AnalysisResult<ThemeMatrix> {
        let attributes = try AttributeList.parse(r.columns, option: "cols")
        let coded = try context.coded(r.input)
        try context.checkAttributes(attributes, coded: coded)
        let matrix = try coded.matrix(columns: attributes, theme: r.input.theme, minN: r.minN, level: r.per)
        return AnalysisResult(value: matrix, info: coded.analysisInfo)
    }
}

/// `verbatim cooccur`: pairs of themes coded together.
public enum CooccurUseCase {
    public struct Request: Sendable {
        public var input: AnalysisInput
        public var level: Cooccurrence.Level
        /// At most this many pairs (0: all).
        public var limit: Int

        public init(input: AnalysisInput, level: Cooccurrence.Level = .unit, limit: Int = 0) {
            self.input = input
            self.level = level
            self.limit = limit
        }
    }

    public static func run(_ r: Request, in context: StudyContext) throws -> AnalysisResult<Cooccurrence> {
        let coded = try context.coded(r.input)
        let all = coded.cooccurrence(level: r.level)
        let result = all.limited(to: r.limit)
        if result.pairs.count < all.pairs.count {
            context.consumer.report(.note("", "showing the \(result.pairs.count) most frequent of \(all.pairs.count) pairs (--limit 0 shows them all)"))
        }
        return AnalysisResult(value: result, info: coded.analysisInfo)
    }
}
