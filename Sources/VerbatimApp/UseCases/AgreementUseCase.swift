import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCodebook
import VerbatimAnalysis
import VerbatimExport

/// `verbatim agree`: intercoder agreement, on a reliability table (`--matrix FILE.csv`) or on the
/// coders' own decisions in the study (`--coders A,B`).
public enum AgreementUseCase {
    /// What both forms share: the level of alpha, the bootstrap and the threshold.
    public struct Options: Sendable {
        public var level: MeasurementLevel
        /// Bootstrap draws for alpha's confidence interval (none when nil).
        public var bootstrap: Int?
        public var seed: UInt64
        /// `--min-alpha`: the alpha under which the command fails.
        public var minAlpha: Double?

        public init(level: MeasurementLevel = .nominal, bootstrap: Int? = nil, seed: UInt64 = 1, minAlpha: Double? = nil) {
            self.level = level
            self.bootstrap = bootstrap
            self.seed = seed
            self.minAlpha = minAlpha
        }

        var bootstrapOptions: AgreementSummary.Bootstrap? {
            bootstrap.map { AgreementSummary.Bootstrap(samples: $0, seed: seed, minimum: minAlpha) }
        }
    }

    /// A defined alpha under `minimum`, described for the error line; nil when it passes.
    static func shortfall(_ s: AgreementSummary, minimum: Double?, name: String) -> String? {
        guard let minimum, let a = s.alpha.value, a < minimum else { return nil }
        return "\(name) \(AgreementOutput.decimal(a))"
    }

    // MARK: - A reliability table

    /// The statistics of one table file.
    public struct MatrixResult: Sendable {
        /// The file as named.
        public var path: String
        public var table: ReliabilityTable
        public var summary: AgreementSummary
        public var options: Options
        /// The figure under `--min-alpha`, described (`alpha 0.743`); nil when it passes.
        public var shortfall: String?
    }

    /// Reads the table at `path` and computes its statistics.
    /// - Throws: a ``Diagnostic`` naming the file and line for a table that cannot be read.
    public static func matrix(path: String, options: Options) throws -> MatrixResult {
        let table = try readMatrix(path: path, level: options.level)
        let summary = AgreementSummary(table, level: options.level, bootstrap: options.bootstrapOptions)
        return MatrixResult(path: path, table: table, summary: summary, options: options,
                            shortfall: shortfall(summary, minimum: options.minAlpha, name: "krippendorff_alpha"))
    }

    /// A reliability table from a CSV file (`-`: standard input): one row per unit, one column per coder, an empty cell for a
    /// missing value. The first row names the coders, unless every cell of it is a number or empty (then
    /// there is no header and the coders are `coder 1`, `coder 2`...); a first column named `unit` holds
    /// the units' ids (else they are numbered from 1). Cells are trimmed; blank lines are skipped. Commas,
    /// semicolons or tabs separate cells; with semicolons, `2,5` is the number 2.5.
    ///
    /// - Throws: a ``Diagnostic`` naming the file (and the line) when the file cannot be read, a quote
    ///   is never closed, a row has another number of cells than the header, a unit id repeats, a value
    ///   is not a number at a level that needs numbers, a value is negative at ratio level, or the table
    ///   has no unit.
    public static func readMatrix(path: String, level: MeasurementLevel) throws -> ReliabilityTable {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw Diagnostic.error(path, "no such file") }
            if isDir.boolValue { throw Diagnostic.error(path, "is a folder, not a CSV table") }
            guard let d = FileManager.default.contents(atPath: path) else { throw Diagnostic.error(path, "cannot read the file") }
            data = d
        }
        guard let text = String(data: data, encoding: .utf8) else { throw Diagnostic.error(path, "is not UTF-8 text") }
        let csv: CSVRecords
        do { csv = try CSVRecords(text) } catch let e as CSVRecords.UnterminatedQuote {
            throw Diagnostic.error(path, line: e.line, "a quoted cell is never closed")
        }
        func trim(_ s: String) -> String { s.trimmingCharacters(in: .whitespaces) }
        let records = csv.records.filter { r in !r.fields.allSatisfy { trim($0).isEmpty } }
        guard let first = records.first else { throw Diagnostic.error(path, "the table is empty") }
        let decimalComma = csv.separator != ","
        let firstCells = first.fields.map(trim)
        let hasHeader = !firstCells.allSatisfy { $0.isEmpty || ReliabilityTable.number($0, decimalComma: decimalComma) != nil }
        let hasUnit = hasHeader && firstCells.first?.lowercased() == "unit"
        let width = firstCells.count
        let coderColumns = hasUnit ? Array(1..<width) : Array(0..<width)
        let coders = coderColumns.map { j in hasHeader && !firstCells[j].isEmpty ? firstCells[j] : "coder \(j - (hasUnit ? 0 : -1))" }
        let body = hasHeader ? Array(records.dropFirst()) : records
        guard !body.isEmpty else { throw Diagnostic.error(path, line: first.line, "the table has no unit, only its header") }
        var units: [String] = []
        var unitLine: [String: Int] = [:]
        var cells: [[String?]] = []
        for r in body {
            let fields = r.fields.map(trim)
            guard fields.count == width else {
                throw Diagnostic.error(path, line: r.line, "\(fields.count) \(fields.count == 1 ? "cell" : "cells") where the \(hasHeader ? "header has" : "first row has") \(width)")
            }
            let id = hasUnit ? fields[0] : String(units.count + 1)
            if hasUnit {
                if id.isEmpty { throw Diagnostic.error(path, line: r.line, "the unit has no id (the 'unit' column is empty)") }
                if let other = unitLine[id] { throw Diagnostic.error(path, line: r.line, "unit '\(id)' is already on line \(other)") }
                unitLine[id] = r.line
            }
            units.append(id)
            var row: [String?] = []
            for (n, j) in coderColumns.enumerated() {
                let v = fields[j]
                if v.isEmpty { row.append(nil); continue }
                if level.needsNumbers {
                    guard let x = ReliabilityTable.number(v, decimalComma: decimalComma) else {
                        throw Diagnostic.error(path, line: r.line, "'\(v)' (\(coders[n])) is not a number; the \(level.rawValue) level needs numbers (use --level nominal for categories)")
                    }
                    if level == .ratio && x < 0 {
                        throw Diagnostic.error(path, line: r.line, "'\(v)' (\(coders[n])) is negative; the ratio level needs values of 0 or more")
                    }
                }
                row.append(v)
            }
            cells.append(row)
        }
        return ReliabilityTable(units: units, coders: coders, cells: cells, decimalComma: decimalComma)
    }

    // MARK: - The coders of a study

    /// What an agreement unit is in a study.
    public enum Unit: String, Sendable, CaseIterable {
        /// Each turn not spoken by an interviewer.
        case turn
        /// Each document.
        case document
    }

    public struct StudyRequest: Sendable {
        /// The coders compared (the names of their `codings/<coder>.jsonl`).
        public var coders: [String]
        public var unit: Unit
        /// Only this theme and its sub-themes.
        public var theme: String?
        /// A `--codebook` file, else the study's.
        public var codebook: String?
        /// `--overall`: `--min-alpha` checks the overall figure instead of each theme's.
        public var overall: Bool
        /// Only these documents (a named set), when given.
        public var documents: [String]?
        /// Quotes and speakers as written, instead of with the study's pseudonyms.
        public var realNames: Bool
        public var options: Options

        public init(coders: [String], unit: Unit = .turn, theme: String? = nil, codebook: String? = nil, overall: Bool = false,
                    documents: [String]? = nil, realNames: Bool = false, options: Options = Options()) {
            self.realNames = realNames
            self.coders = coders
            self.unit = unit
            self.theme = theme
            self.codebook = codebook
            self.overall = overall
            self.documents = documents
            self.options = options
        }
    }

    /// One theme's agreement, on every unit and on the units someone coded.
    public struct ThemeAgreement: Sendable {
        public var id: String
        public var label: String
        /// 0 for a top-level theme.
        public var depth: Int
        public var all: AgreementSummary
        public var coded: AgreementSummary
        /// How many units each coder coded with the theme (or a sub-theme), in the coders' order.
        public var unitsPerCoder: [Int]
    }

    /// A unit and theme where the coders differ.
    public struct Disagreement: Sendable {
        public var document: String
        /// The turn, for turn units.
        public var turn: Int?
        public var speaker: String?
        /// The unit's text (for a document, the passage first coded), on one line.
        public var quote: String
        public var theme: String
        /// The coders who coded the theme there, those who did not, and those who did not see the document.
        public var codedBy: [String]
        public var notCodedBy: [String]
        public var notSeenBy: [String]
    }

    public struct StudyResult: Sendable {
        public var coders: [String]
        public var unit: Unit
        /// The documents some coder saw (made any decision in), and those each coder saw.
        public var documents: [String]
        public var documentsPerCoder: [Int]
        /// The units of those documents, and those at least one coder coded with some theme.
        public var units: Int
        public var codedUnits: Int
        /// The themes some coder used, in codebook order, and the number of themes (of the selection) nobody used.
        public var themes: [ThemeAgreement]
        public var unusedThemes: Int
        /// Every unit × theme decision pooled, each theme on its own (a sub-theme's coding counts once).
        public var overall: (all: AgreementSummary, coded: AgreementSummary)?
        public var disagreements: [Disagreement]
        public var options: Options
        /// `--overall` was given.
        public var overallChecked: Bool
        /// The figures under `--min-alpha`, described; empty when all pass.
        public var shortfalls: [String]
        /// What was counted, in words.
        public var source: String
        public var codebook: String
    }

    /// Intercoder agreement of `r.coders` in the study: for each theme and overall, a present/absent
    /// value per unit and coder from each coder's confirmed codings (manual and accepted, recoded ones
    /// under their new theme; `--source reviewed` with that coder's decisions alone).
    ///
    /// The units are the turns (or documents) of the documents at least one of the coders saw, a coder
    /// having seen a document when they made any decision in it (a tag, an acceptance, a rejection). A
    /// coder who did not see a document has no value (missing) for its units, rather than "absent".
    /// Each figure is given on all those units and on the units at least one coder coded with some
    /// theme, so that text nobody coded cannot inflate agreement unnoticed.
    public static func study(_ r: StudyRequest, in context: StudyContext) throws -> StudyResult {
        let su = try studyUnits(coders: r.coders, unit: r.unit, theme: r.theme, codebook: r.codebook, documents: r.documents, in: context)
        let (units, book, coders, selection, pooled) = (su.units, su.book, su.units.coders, su.selection, su.pooled)
        let themesOf = units.themes
        let allIndices = Array(units.units.indices)
        let codedUnits = allIndices.filter { u in themesOf[u].contains { ($0?.isEmpty == false) } }
        let used = Set(pooled)
        let language = context.study.config.language

        let binaryValues = ["0", "1"]
        func table(_ unitIndices: [Int], _ present: (Set<String>) -> Bool) -> ReliabilityTable {
            ReliabilityTable(units: unitIndices.map(String.init), coders: coders,
                             cells: unitIndices.map { u in themesOf[u].map { $0.map { present($0) ? 1 : 0 } } },
                             values: binaryValues, numbers: [0, 1])
        }
        let boot = r.options.bootstrapOptions
        func summary(_ t: ReliabilityTable) -> AgreementSummary { AgreementSummary(t, level: .nominal, bootstrap: boot) }
        var themes: [ThemeAgreement] = []
        for (t, depth) in selection {
            let ids = CoderUnits.descendants(t)
            guard !ids.isDisjoint(with: used) else { continue }
            let present: (Set<String>) -> Bool = { !$0.isDisjoint(with: ids) }
            let perCoder = coders.indices.map { ci in allIndices.filter { themesOf[$0][ci].map(present) ?? false }.count }
            themes.append(ThemeAgreement(id: t.id, label: t.label(in: language), depth: depth, all: summary(table(allIndices, present)),
                                         coded: summary(table(codedUnits, present)), unitsPerCoder: perCoder))
        }

        // Overall: every unit × used theme of the selection, each theme on its own.
        func overallTable(_ indices: [Int]) -> ReliabilityTable {
            var ids: [String] = [], cells: [[Int?]] = []
            for u in indices {
                for theme in pooled {
                    ids.append("\(u):\(theme)")
                    cells.append(themesOf[u].map { $0.map { $0.contains(theme) ? 1 : 0 } })
                }
            }
            return ReliabilityTable(units: ids, coders: coders, cells: cells, values: binaryValues, numbers: [0, 1])
        }
        let overall = pooled.isEmpty ? nil : (all: summary(overallTable(allIndices)), coded: summary(overallTable(codedUnits)))
        let disagreements = try disagreements(su, realNames: r.realNames, in: context)

        var shortfalls: [String] = []
        if let minimum = r.options.minAlpha {
            if r.overall {
                if let overall {
                    for (name, s) in [("overall (all units)", overall.all), ("overall (coded units)", overall.coded)] {
                        if let f = shortfall(s, minimum: minimum, name: name) { shortfalls.append(f) }
                    }
                }
            } else {
                for t in themes {
                    for (name, s) in [("\(t.id) (all units)", t.all), ("\(t.id) (coded units)", t.coded)] {
                        if let f = shortfall(s, minimum: minimum, name: name) { shortfalls.append(f) }
                    }
                }
            }
        }
        let documents = units.documents
        return StudyResult(coders: coders, unit: r.unit, documents: documents.map(\.document),
                           documentsPerCoder: units.seen.map { s in documents.filter { s.contains($0.document) }.count },
                           units: units.units.count, codedUnits: codedUnits.count, themes: themes,
                           unusedThemes: selection.count - themes.count, overall: overall, disagreements: disagreements,
                           options: r.options, overallChecked: r.overall, shortfalls: shortfalls,
                           source: "each coder's confirmed codings (manual and accepted)", codebook: book.path)
    }

    /// The units of the documents `coders` saw, with each coder's confirmed codings, the codebook, the
    /// themes of the selection and the ids of those some coder used, in tree order.
    struct StudyUnits {
        var units: CoderUnits
        var book: Codebook
        var selection: [(Theme, Int)]
        /// The themes of the selection some coder used (each on its own), in tree order.
        var pooled: [String]
        /// Each coder's decisions, as read.
        var decisions: [[HumanCoding]]
    }

    static func studyUnits(coders names: [String], unit: Unit, theme: String?, codebook: String?, documents: [String]?,
                      in context: StudyContext) throws -> StudyUnits {
        guard context.study.root != nil else {
            throw Diagnostic.error("", "agreement between coders needs a study folder with codings/ (or use --matrix FILE.csv)")
        }
        try BlindCoding.refuse(context.blind, "comparing coders")
        let (coders, byCoder) = try readCoders(names, in: context)
        let book = try context.codebook(codebook)
        if let theme { try context.requireTheme(theme, in: book) }
        let (seen, order) = seenDocuments(coders, byCoder, allowed: documents, in: context)
        guard !order.isEmpty else {
            throw Diagnostic.error("", "none of \(coders.joined(separator: ", ")) has made a decision\(documents == nil ? "" : " in these documents") yet: there is nothing to compare")
        }
        // Each coder's codings, through the application's pipeline: the rules' suggestions with that
        // coder's decisions applied, counting what the coder confirmed.
        let units = try CoderUnits.build(names: coders, reviews: byCoder.map { ReviewSet(source: .reviewed, codings: $0) }, seen: seen,
                                         order: order, unit: unit, book: book, in: context)
        let selection = CoderUnits.selection(book, theme: theme)
        let used = Set(units.themes.flatMap { $0.compactMap { $0 }.flatMap { $0 } })
        return StudyUnits(units: units, book: book, selection: selection, pooled: selection.map(\.0.id).filter { used.contains($0) }, decisions: byCoder)
    }

    /// The units and themes where the coders differ: some coder who saw the document coded the theme
    /// there and another did not (each theme on its own, so that a parent is not repeated).
    static func disagreements(_ table: StudyUnits, realNames: Bool, in context: StudyContext) throws -> [Disagreement] {
        let units = table.units
        let themesOf = units.themes
        var out: [Disagreement] = []
        let pseudonyms = realNames ? nil : try Pseudonymizer.checked(study: context.study, documents: units.documents)
        for (u, ref) in units.units.enumerated() {
            for theme in table.pooled {
                var yes: [String] = [], no: [String] = [], unseen: [String] = []
                for (ci, c) in units.coders.enumerated() {
                    guard let s = themesOf[u][ci] else { unseen.append(c); continue }
                    if s.contains(theme) { yes.append(c) } else { no.append(c) }
                }
                guard !yes.isEmpty && !no.isEmpty else { continue }
                var quote = units.text(of: u, theme: theme)
                var speaker = ref.speaker
                let name = units.documents[ref.document].document
                if let p = pseudonyms {
                    quote = p.pseudonymize(quote, in: name).text
                    speaker = speaker.map { p.speaker($0, in: name) }
                }
                out.append(Disagreement(document: pseudonyms?.document(name) ?? name, turn: ref.turn, speaker: speaker, quote: quote, theme: theme,
                                        codedBy: yes, notCodedBy: no, notSeenBy: unseen))
            }
        }
        return out
    }

    /// The text of UTF-8 offsets `start..<end` of `s` (empty when out of range).
    static func utf8Slice(_ s: String, _ start: Int, _ end: Int) -> String {
        let utf8 = Array(s.utf8)
        guard start >= 0, start <= end, end <= utf8.count else { return "" }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }
}

// MARK: - Samples of documents for double coding

/// `verbatim sample`: a stratified random sample of the study's documents, written as a named set
/// (`sets/<name>.txt`, one document a line) that `verbatim agree --set NAME` restricts to.
public enum SampleUseCase {
    public struct Request: Sendable {
        /// The share of each stratum's documents to draw (0 < share ≤ 1).
        public var share: Double
        /// The attributes whose values make the strata (none: one stratum).
        public var by: [String]
        public var seed: UInt64
        /// The set's name: `sets/<name>.txt`.
        public var name: String
        /// Replace a set of that name.
        public var force: Bool

        public init(share: Double, by: [String] = [], seed: UInt64 = 1, name: String = "sample", force: Bool = false) {
            self.share = share
            self.by = by
            self.seed = seed
            self.name = name
            self.force = force
        }
    }

    public struct Stratum: Sendable {
        /// The attributes' values (`(none)` for a document without one).
        public var values: [String]
        public var documents: Int
        public var drawn: [String]
    }

    public struct Result: Sendable {
        public var name: String
        /// The set's file, as shown.
        public var path: String
        public var share: Double
        public var by: [String]
        public var seed: UInt64
        public var strata: [Stratum]
        /// Every document drawn, in name order.
        public var documents: [String]
        public var total: Int
    }

    /// The value of a document without the attribute.
    public static let noValue = "(none)"

    /// The file of set `name` in the study at `root`.
    public static func file(_ name: String, root: URL) -> URL {
        root.appendingPathComponent("sets").appendingPathComponent(name + ".txt")
    }

    /// Checks a set's name: letters, digits, `-`, `_` and `.`, not starting with a dot.
    public static func validate(_ name: String) throws {
        let ok = !name.isEmpty && !name.hasPrefix(".") && name.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
        if !ok { throw Diagnostic.usage("a set's name takes letters, digits, '-', '_' and '.' (got '\(name)')") }
    }

    /// Draws the sample: in each stratum, its documents in name order are shuffled by a SplitMix64
    /// generator seeded with `seed` and the stratum's values, and the first max(1, round(share × n))
    /// are taken, so that every stratum is represented and the same seed draws the same documents.
    public static func run(_ r: Request, in context: StudyContext) throws -> Result {
        guard let root = context.study.root else { throw Diagnostic.error("", "a sample is written in a study folder (sets/): run it inside a study") }
        guard r.share > 0 && r.share <= 1 else { throw Diagnostic.usage("--share takes a share above 0 and up to 1, e.g. 0.2") }
        try validate(r.name)
        let url = file(r.name, root: root)
        let shown = Study.display(url)
        if FileManager.default.fileExists(atPath: url.path) && !r.force {
            throw Diagnostic.error(shown, "the set already exists; choose another --name, or --force to draw it again")
        }
        let corpus = context.corpus([])
        let attributes: [(String, Attributes)] = corpus.map { entry, result in
            (entry.document, (try? result.get())?.attributes ?? Attributes())
        }
        guard !attributes.isEmpty else { throw Diagnostic.error("", "the study has no transcripts to sample") }
        let present = Set(attributes.flatMap { $0.1.names }).union(context.study.caseColumns)
        for name in r.by where !present.contains(name) {
            throw Diagnostic.error("", "unknown attribute '\(name)' (attributes: \(present.sorted().joined(separator: ", ")))")
        }
        var strata: [[String]: [String]] = [:]
        for (doc, a) in attributes {
            strata[r.by.map { a[$0] ?? noValue }, default: []].append(doc)
        }
        var out: [Stratum] = []
        for key in strata.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            var docs = strata[key]!.sorted()
            var rng = SplitMix64(seed: r.seed ^ fnv1a(key.joined(separator: "\u{0}")))
            for i in stride(from: docs.count - 1, to: 0, by: -1) {
                let j = Int(rng.next() % UInt64(i + 1))
                docs.swapAt(i, j)
            }
            let k = min(docs.count, max(1, Int((r.share * Double(docs.count)).rounded())))
            out.append(Stratum(values: key, documents: docs.count, drawn: Array(docs.prefix(k)).sorted()))
        }
        let documents = out.flatMap(\.drawn).sorted()
        var text = "# verbatim sample --share \(r.share)" + (r.by.isEmpty ? "" : " --by \(r.by.joined(separator: ","))") + " --seed \(r.seed)\n"
        text += documents.map { $0 + "\n" }.joined()
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicFile.write(Data(text.utf8), to: url)
        return Result(name: r.name, path: shown, share: r.share, by: r.by, seed: r.seed, strata: out, documents: documents,
                      total: attributes.count)
    }

    /// The documents of set `name` (lines not empty and not starting with `#`).
    /// - Throws: a ``Diagnostic`` when the study has no such set.
    public static func read(_ name: String, in context: StudyContext) throws -> [String] {
        guard let root = context.study.root else { throw Diagnostic.error("", "sets are kept in a study folder") }
        try validate(name)
        let url = file(name, root: root)
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            let folder = root.appendingPathComponent("sets")
            let known = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".txt") }
                .map { String($0.dropLast(4)) }.sorted()
            throw Diagnostic.error(Study.display(url), "no such set" + (known.isEmpty ? " (make one with 'verbatim sample')" : " (sets: \(known.joined(separator: ", ")))"))
        }
        // Each line names a document as 'verbatim transcripts' lists it, or without its extension.
        let documents = context.study.documentURLs().map(\.document)
        let exact = Set(documents)
        var byStem: [String: [String]] = [:]
        for d in documents { byStem[(d as NSString).deletingPathExtension, default: []].append(d) }
        var out: [String] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if exact.contains(line) {
                out.append(line)
            } else if let match = byStem[line], match.count == 1 {
                out.append(match[0])
            } else {
                context.consumer.report(.warning(Study.display(url), line: i + 1, "'\(line)' is not a document of the study; left out"))
            }
        }
        return out
    }

    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }
}
