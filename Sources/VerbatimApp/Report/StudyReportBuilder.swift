import Foundation
import VerbatimModel
import VerbatimIngest
import VerbatimAnalysis
import VerbatimExport

/// Builds a ``StudyReport`` from a coded study: the library side of `verbatim report`.
///
/// The numbers come from the same analyses as the other commands, run once on the same
/// ``CodedCorpus``: ``FrequencyTable`` (`verbatim stats`) for the bars and each theme's counts,
/// ``ThemeMatrix`` (`verbatim matrix`) for the heatmap and the comparisons, ``Cooccurrence``
/// (`verbatim cooccur`) for the pairs. Excerpts come from ``ExcerptSelector`` with a balanced, seeded
/// sample per theme; under each theme are the units coded with that theme itself (its sub-themes have
/// their own sections).
public enum StudyReportBuilder {
    /// Attribute names looked for when the request does not name one (compared without case and accents).
    public static let groupNames = ["group", "groupe", "stakeholder", "profil", "profile"]
    /// See ``groupNames``.
    public static let territoryNames = ["territory", "territoire", "site", "terrain"]
    /// See ``groupNames``.
    public static let contextNames = ["context", "contexte"]
    /// See ``groupNames``.
    public static let waveNames = ["wave", "vague"]

    /// The attributes a request resolves to, after defaults.
    public struct ResolvedAttributes: Sendable, Equatable {
        /// The stakeholder groups (nil: the study has none; the charts show the total).
        public var group: String?
        /// The heatmap's columns.
        public var heatmap: String?
        /// The compared attributes.
        public var compare: [String]
        /// The attributes of the corpus tables.
        public var corpus: [String]
        /// The study's context attribute (urban, rural...), when it has one (``contextNames``).
        public var context: String? = nil
        /// The study's wave attribute (the time of the interviews), when it has one (``waveNames``).
        public var wave: String? = nil
    }

    /// Resolves the request's attributes against the coded study: explicit names must exist (case and
    /// accents aside), defaults are kept only when present.
    /// - Throws: ``ReportError/unknownAttribute(_:option:valid:)``.
    public static func attributes(_ coded: CodedStudy, request: ReportRequest) throws -> ResolvedAttributes {
        let names = coded.attributeNames
        func resolve(_ name: String, option: String) throws -> String {
            if names.contains(name) { return name }
            let f = SpeakerRules.fold(name)
            if let n = names.first(where: { SpeakerRules.fold($0) == f }) { return n }
            throw ReportError.unknownAttribute(name, option: option, valid: names)
        }
        func find(_ candidates: [String]) -> String? {
            for c in candidates { if let n = names.first(where: { SpeakerRules.fold($0) == c }) { return n } }
            return nil
        }
        let group = try request.groupBy.map { try resolve($0, option: "--by") } ?? find(groupNames)
        let heatmap = try request.heatmapBy.map { try resolve($0, option: "--across") } ?? find(territoryNames)
        var compare: [String] = []
        if let given = request.compareBy {
            for name in given {
                let n = try resolve(name, option: "--compare")
                if !compare.contains(n) { compare.append(n) }
            }
        } else {
            compare = [find(contextNames), find(waveNames)].compactMap { $0 }
        }
        var corpus: [String] = []
        for a in [group, heatmap] + compare.map(Optional.some) + [find(contextNames), find(waveNames)] {
            if let a, !corpus.contains(a) { corpus.append(a) }
        }
        return ResolvedAttributes(group: group, heatmap: heatmap, compare: compare, corpus: corpus,
                                  context: find(contextNames), wave: find(waveNames))
    }

    /// Builds the report.
    ///
    /// - Parameters:
    ///   - coded: The coded study; its documents must keep their text (`keepText: true`) for excerpts.
    ///   - request: Attributes, theme, sampling, date.
    ///   - pseudonymizer: Replaces names in excerpts, attribute values and codebook texts; nil keeps
    ///     real names.
    ///   - fingerprint: The inputs' SHA-256 (``InputFingerprint``).
    ///   - codebookFile: The codebook's file name, for the footer.
    /// - Throws: ``ReportError`` for an unknown attribute or theme, or nothing to report.
    public static func build(_ coded: CodedStudy, request: ReportRequest, pseudonymizer: Pseudonymizer?,
                             fingerprint: InputFingerprint, codebookFile: String? = nil) throws -> StudyReport {
        guard !coded.documents.isEmpty else { throw ReportError.emptySelection("no document could be read") }
        guard request.maxPerTheme >= 0, request.minN >= 0, request.topPairs >= 0 else {
            throw ReportError.invalid("--max-per-theme and --min-n must be 0 or more")
        }
        let book = coded.codebook
        let tree: ThemeTree
        do { tree = try coded.themes(restrictedTo: request.theme) } catch {
            throw ReportError.unknownTheme(request.theme ?? "", codebook: book.path, valid: book.allThemes.map(\.id))
        }
        let attrs = try attributes(coded, request: request)
        let corpus = coded.codedCorpus
        let strings = ReportStrings(language: coded.language)
        func analysis<T>(_ body: () throws -> T) throws -> T {
            do { return try body() } catch let e as AnalysisError {
                switch e {
                case .noDocuments, .noValues: throw ReportError.emptySelection(e.description)
                default: throw ReportError.invalid(e.description)
                }
            }
        }

        // Frequencies per group (the total alone when the study has no groups).
        let table = try analysis { try FrequencyTable.compute(corpus, themes: tree, by: attrs.group.map { [$0] } ?? [], level: .participant, minN: request.minN) }
        let frequencies = matrix(table, id: "frequencies", totalLabel: strings.total, grouped: attrs.group != nil)
        // Each comparison with its tests on participants and, when participants share documents, on documents.
        func compared(_ a: String) throws -> ReportMatrix {
            let m = try analysis { try ThemeMatrix.compute(corpus, themes: tree, columns: [a], minN: request.minN) }
            var out = matrix(m, id: a, totalLabel: strings.total)
            if m.sharedDocuments > 0 {
                let perDocument = try analysis { try ThemeMatrix.compute(corpus, themes: tree, columns: [a], minN: request.minN, level: .document) }
                out.sharedDocuments = m.sharedDocuments
                out.sharedUnits = m.sharedUnits
                for (i, row) in perDocument.rows.enumerated() where i < out.rows.count { out.rows[i].documentTest = test(row.association) }
            }
            return out
        }
        let heatmap = try attrs.heatmap.map(compared)
        let comparisons = try attrs.compare.filter { $0 != attrs.heatmap }.map(compared)
        let cooccurrence = pairs(Cooccurrence.compute(corpus, themes: tree, level: .unit), tree: tree, top: request.topPairs,
                                 unit: coded.unit.rawValue)

        // Excerpts of each theme itself, balanced by group.
        let excerpts = try themeExcerpts(coded, themes: tree.ids, maxPerTheme: request.maxPerTheme, seed: request.seed,
                                         balance: attrs.group, pseudonymizer: pseudonymizer)
        let themes = reportThemes(tree, codebook: book, excerpts: excerpts, pseudonymizer: pseudonymizer)

        let documentAttributes = attrs.corpus.filter { a in coded.documents.contains { $0.attributes[a] != nil } }
        let documents = coded.documents.map { d -> ReportDocumentRow in
            let shown = pseudonymizer?.pseudonymize(d.attributes) ?? d.attributes
            return ReportDocumentRow(document: pseudonymizer?.document(d.document) ?? d.document, values: documentAttributes.map { shown[$0] ?? "" },
                                     participants: d.participants.count, words: d.participantWords, codings: d.codings.count)
        }
        let summary = ReportSummary(documents: coded.documents.count, participants: corpus.participantCount,
                                    words: coded.documents.reduce(0) { $0 + $1.participantWords }, codings: coded.codings.count,
                                    codedUnits: corpus.documents.reduce(0) { $0 + $1.segments.count }, themes: tree.nodes.count)
        let interviewerThemes = tree.nodes.compactMap { n -> String? in
            guard let t = book.theme(n.id), t.roles.contains(where: { $0 != .participant }) else { return nil }
            return "\(n.label) (\(n.id))"
        }
        let provenance = ReportProvenance(
            generator: request.generator, codebook: book.id, codebookTitle: book.title, codebookVersion: book.version,
            codebookFile: codebookFile ?? (book.path as NSString).lastPathComponent, unit: coded.unit.rawValue,
            interviewerThemes: interviewerThemes, pseudonymized: pseudonymizer != nil, maxPerTheme: request.maxPerTheme,
            balance: attrs.group, seed: request.seed, sha256: fingerprint.sha256, transcripts: fingerprint.transcripts,
            otherInputs: fingerprint.otherInputs, date: request.date)
        var withSource = provenance
        withSource.source = coded.source.rawValue
        withSource.filters = coded.filters
        withSource.uncodableDocuments = coded.uncodable.map { pseudonymizer?.document($0.document) ?? $0.document }
        withSource.uncodableTurns = coded.uncodable.map { $0.turns }
        withSource.unknownTurns = coded.unknownTurns
        var report = StudyReport(
            title: coded.name, language: strings.language, summary: summary,
            corpus: attrs.corpus.map { corpusTable(coded, attribute: $0, pseudonymizer: pseudonymizer) },
            frequencies: frequencies, heatmap: heatmap, comparisons: comparisons, cooccurrence: cooccurrence,
            themes: themes, documents: documents, documentAttributes: documentAttributes, provenance: withSource)
        report.impact = try impactSection(coded, request: request, context: attrs.context, pseudonymizer: pseudonymizer)
        return report
    }

    // MARK: Matrices

    /// A frequency table as a report matrix (no tests). With `grouped` false, only the total is kept.
    static func matrix(_ t: FrequencyTable, id: String, totalLabel: String, grouped: Bool = true) -> ReportMatrix {
        let columns = grouped ? t.groups.map { ReportColumn(label: $0.label(), size: $0.size, isSmall: $0.isSmall) } : []
        let rows = t.rows.map { row in
            ReportRow(theme: row.theme.id, cells: grouped ? row.cells.map { ReportCell(n: $0.n, base: $0.base) } : [],
                      total: ReportCell(n: row.total.n, base: row.total.base))
        }
        return ReportMatrix(id: id, attributes: t.attributes, columns: columns,
                            total: ReportColumn(label: totalLabel, size: t.total.size, isSmall: t.total.isSmall),
                            rows: rows, minN: t.minN, excluded: t.excluded)
    }

    /// A theme matrix as a report matrix: participant units n/N per column, and each theme's test.
    static func matrix(_ m: ThemeMatrix, id: String, totalLabel: String) -> ReportMatrix {
        let rows = m.rows.map { row in
            ReportRow(theme: row.theme.id,
                      cells: row.cells.map { ReportCell(n: $0.participants.count, base: $0.participants.base) },
                      total: ReportCell(n: row.total.participants.count, base: row.total.participants.base),
                      test: test(row.association))
        }
        return ReportMatrix(id: id, attributes: m.attributes,
                            columns: m.columns.map { ReportColumn(label: $0.label(), size: $0.size, isSmall: $0.isSmall) },
                            total: ReportColumn(label: totalLabel, size: m.total.size, isSmall: m.total.isSmall),
                            rows: rows, minN: m.minN, excluded: m.excluded)
    }

    /// A test result with its warnings as structured values, so that each writer words them in the
    /// report's language.
    static func test(_ a: AssociationResult) -> ReportTest {
        let kind: ReportTest.Kind
        switch a.test {
        case .chiSquare: kind = .chiSquare
        case .fisherExact: kind = .fisherExact
        case .freemanHalton: kind = .freemanHalton
        case .none: kind = .none
        }
        var warnings: [ReportTestWarning] = []
        let chi = a.chiSquare
        if chi.droppedRows > 0 { warnings.append(.droppedRows(chi.droppedRows)) }
        if chi.droppedColumns > 0 { warnings.append(.droppedColumns(chi.droppedColumns)) }
        if a.test == .none {
            warnings.append(.nothingToTest)
        } else {
            if chi.expected.cellsBelowFive > 0 { warnings.append(.smallExpected(cells: chi.expected.cellsBelowFive, of: chi.expected.cellCount)) }
            if chi.expected.cellsBelowOne > 0 { warnings.append(.expectedUnderOne(minimum: chi.expected.minimumExpected)) }
            if let fh = a.freemanHalton, case let .monteCarlo(samples, _, _) = fh.method { warnings.append(.monteCarlo(samples: samples)) }
        }
        // Keep any caveat the structured ones do not cover, in English.
        let known = warnings.count
        if a.warnings.count > known { warnings += a.warnings.dropFirst(known).map { .other($0) } }
        return ReportTest(kind: kind, statistic: a.statistic, degreesOfFreedom: a.degreesOfFreedom, p: a.pValue,
                          cramersV: a.cramersV, warnings: warnings)
    }

    /// The most frequent pairs among themes without sub-themes (among all themes when the tree has a
    /// single level... of one theme).
    static func pairs(_ c: Cooccurrence, tree: ThemeTree, top: Int, unit: String) -> ReportCooccurrence {
        let parents = Set(tree.nodes.compactMap(\.parent))
        let leaves = Set(tree.ids.filter { !parents.contains($0) })
        let leavesOnly = leaves.count >= 2
        let kept = c.pairs.filter { !leavesOnly || (leaves.contains($0.first.id) && leaves.contains($0.second.id)) }
        let shown = kept.prefix(top).map { p in
            ReportPair(first: p.first.id, second: p.second.id, both: p.both, firstCount: p.firstCount,
                       secondCount: p.secondCount, jaccard: p.jaccard)
        }
        return ReportCooccurrence(unit: unit, total: c.total, pairs: Array(shown), pairCount: kept.count, leavesOnly: leavesOnly)
    }

    // MARK: Themes and excerpts

    /// Excerpts coded with each theme itself (not its sub-themes), at most `maxPerTheme` per theme,
    /// balanced over the values of `balance`; keyed by theme id. Themes without a coding of their own
    /// have no entry.
    public static func themeExcerpts(_ coded: CodedStudy, themes ids: [String], maxPerTheme: Int, seed: UInt64,
                                     balance: String?, pseudonymizer: Pseudonymizer?) throws -> [String: ExcerptSection] {
        guard maxPerTheme > 0 else { return [:] }
        let coding = Set(coded.documents.flatMap { $0.codings.map(\.theme) })
        let wanted = ids.filter { coding.contains($0) }
        guard !wanted.isEmpty else { return [:] }
        let report = try flatExcerpts(coded, themes: wanted, maxPerTheme: maxPerTheme, seed: seed, balance: balance,
                                      pseudonymizer: pseudonymizer)
        return Dictionary(report.sections.map { ($0.theme, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// An excerpt report with one section per theme of `themes` (in the order given), each holding the
    /// units coded with that theme itself, sampled and balanced: what `verbatim demo` writes to Word.
    public static func flatExcerpts(_ coded: CodedStudy, themes ids: [String], maxPerTheme: Int?, seed: UInt64,
                                    balance: String?, pseudonymizer: Pseudonymizer?) throws -> ExcerptReport {
        var flat = coded
        let all = coded.codebook.allThemes
        flat.codebook.themes = ids.compactMap { id in
            all.first { $0.id == id }.map { t -> Theme in
                var copy = t
                copy.children = []
                return copy
            }
        }
        let query = ExcerptQuery(themes: ids, maxPerTheme: maxPerTheme, balance: balance, seed: seed)
        do {
            return try ExcerptSelector.report(flat, query: query, pseudonymizer: pseudonymizer)
        } catch let e as ExcerptError {
            if case .emptySelection = e {
                return ExcerptReport(title: ExcerptStrings(language: coded.language).title(study: coded.name), language: coded.language,
                                     codebook: coded.codebook.id, pseudonymized: pseudonymizer != nil, sections: [])
            }
            throw ReportError.invalid(e.description)
        }
    }

    /// The themes of `tree` with their codebook entries, colours and excerpts.
    static func reportThemes(_ tree: ThemeTree, codebook: Codebook, excerpts: [String: ExcerptSection],
                             pseudonymizer: Pseudonymizer?) -> [ReportTheme] {
        var colors: [String: String] = [:]
        var topIndex = 0
        let byID = Dictionary(codebook.allThemes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func text(_ s: String?) -> String? {
            guard let s, !s.isEmpty else { return nil }
            return pseudonymizer?.pseudonymize(s).text ?? s
        }
        return tree.nodes.map { node in
            let theme = byID[node.id]
            let color = ReportColor.themeColor(theme?.color, fallback: node.parent.flatMap { colors[$0] }, index: topIndex)
            if node.depth == 0 { topIndex += 1 }
            colors[node.id] = color
            let negation: String?
            switch theme?.negation ?? .count {
            case .ignore: negation = "ignore"
            case .count: negation = nil
            case .recode(let id): negation = "→ \(id)"
            }
            let roles = theme?.roles ?? [.participant]
            let section = excerpts[node.id]
            return ReportTheme(
                id: node.id, label: node.label, parent: node.parent, depth: node.depth,
                children: tree.nodes.filter { $0.parent == node.id }.map(\.id), color: color,
                definition: text(theme?.definition), include: text(theme?.include), exclude: text(theme?.exclude),
                rules: theme?.rules.map(\.summary) ?? [], unless: theme?.unless.map(\.source) ?? [], negation: negation,
                roles: roles == [.participant] ? [] : roles.map(\.rawValue),
                excerpts: section?.excerpts ?? [], excerptTotal: section?.total ?? 0)
        }
    }

    // MARK: Corpus

    /// Documents, participant units and words per value of `attribute`.
    ///
    /// A document counts under its own value; its participant units under theirs (a participant's own
    /// attribute overrides the document's); words under the document's value, or, for an attribute
    /// only participants have, under each participant's value (the words of their own turns).
    static func corpusTable(_ coded: CodedStudy, attribute a: String, pseudonymizer: Pseudonymizer?) -> CorpusTable {
        var rows: [String: CorpusRow] = [:]
        var missing = CorpusRow(value: "", documents: 0, participants: 0, words: 0)
        func add(_ value: String?, documents: Int = 0, participants: Int = 0, words: Int = 0) {
            guard let v = value?.trimmingCharacters(in: .whitespaces), !v.isEmpty else {
                missing.documents += documents
                missing.participants += participants
                missing.words += words
                return
            }
            rows[v, default: CorpusRow(value: v, documents: 0, participants: 0, words: 0)].documents += documents
            rows[v]!.participants += participants
            rows[v]!.words += words
        }
        let documentLevel = coded.documents.contains { $0.attributes[a] != nil }
        for d in coded.documents {
            for p in d.participants { add(p.attributes[a], participants: 1) }
            if documentLevel {
                add(d.attributes[a], documents: 1, words: d.participantWords)
            } else {
                var values: [String?] = []
                for p in d.participants {
                    let v = p.attributes[a]
                    if !values.contains(v) { values.append(v) }
                    add(v, words: p.speaker.map { words(of: $0, in: d) } ?? d.participantWords)
                }
                for v in values { add(v, documents: 1) }
            }
        }
        func shown(_ v: String) -> String { pseudonymizer?.pseudonymize(v).text ?? v }
        let sorted = rows.keys.sorted(by: AttributeGroup.naturalOrder).map { key -> CorpusRow in
            var r = rows[key]!
            r.value = shown(r.value)
            return r
        }
        let total = CorpusRow(value: "", documents: coded.documents.count, participants: coded.participants.count,
                              words: coded.documents.reduce(0) { $0 + $1.participantWords })
        let hasMissing = missing.documents > 0 || missing.participants > 0
        missing.value = ReportStrings(language: coded.language).noValue
        return CorpusTable(attribute: a, rows: sorted, missing: hasMissing ? missing : nil, total: total)
    }

    /// Words of the participant turns of `speaker` in a document (0 when its text was not kept).
    static func words(of speaker: String, in d: CodedDocument) -> Int {
        guard let text = d.text else { return 0 }
        return d.turns.filter { $0.speaker == speaker && $0.role != .interviewer }
            .reduce(0) { $0 + Transcript.countWords(in: text.utf8, from: $1.start, to: $1.end) }
    }
}
