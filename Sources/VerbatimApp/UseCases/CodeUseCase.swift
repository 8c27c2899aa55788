import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCoding
import VerbatimAnalysis
import VerbatimExport

/// What `verbatim code` is asked for.
public struct CodeRequest: Sendable {
    /// What the run produces: the per-theme summary, or one record per coding.
    public enum Output: String, Sendable {
        case summary, csv, json
    }

    /// Transcript files, folders or document names (empty: the whole study).
    public var paths: [String]
    /// A `--codebook` file, else the study's.
    public var codebook: String?
    /// A `--unit` option, else the study's.
    public var unit: String?
    public var output: Output
    /// Keep real names in the records (`--real-names`); by default speakers, matched text and
    /// document names are pseudonymised as in the excerpts. Offsets always point into the real text.
    public var realNames: Bool

    public init(paths: [String] = [], codebook: String? = nil, unit: String? = nil, output: Output = .summary, realNames: Bool = false) {
        self.paths = paths
        self.codebook = codebook
        self.unit = unit
        self.output = output
        self.realNames = realNames
    }
}

/// What a summary run of `verbatim code` counted.
public struct CodeSummary: Sendable {
    public var tally: CodingTally
    public var codebook: Codebook
    public var unit: CodingUnit
    /// Documents coded.
    public var documents: Int
    /// Documents that could not be read (each reported as an error).
    public var unreadable: Int
    /// Documents read but with no turn any theme codes (unknown role, interviewers only): not coded,
    /// not in the counts; with the number of their turns.
    public var uncodable: [(document: String, turns: Int)] = []
    /// Turns of unknown role in the documents coded (not coded either).
    public var unknownTurns = 0
}

/// Applies the codebook to every participant turn of the study, streaming: documents are read, coded
/// and written out in a fixed order while the next ones are being read, on every core.
public enum CodeUseCase {
    /// Codes the documents. Records (CSV or JSON) are passed to `emit` in pieces as they are ready; the
    /// summary is returned (nil when there was no document to code).
    public static func run(_ request: CodeRequest, in context: StudyContext, emit: (String) -> Void) throws -> CodeSummary? {
        let study = context.study
        let book = try context.codebook(request.codebook)
        let unit = try context.unit(request.unit)
        let compiled = CompiledCodebook(book)
        context.consumer.report(compiled.diagnostics)
        let corpus = context.corpus(request.paths)
        if corpus.entries.isEmpty { return nil }
        // The records are an export: names replaced as in the excerpts (the summary shows no name).
        var pseudonymizer = request.output == .summary ? nil : try context.pseudonymizer(realNames: request.realNames, documents: [])
        let pool = CoderPool(compiled)
        var tally = CodingTally(codebook: book)
        var first = true
        if request.output == .csv { emit(CodingRecords.csvHeader) }
        if request.output == .json { emit("[") }
        var done = 0, coded = 0, unreadable = 0
        var uncodable: [(document: String, turns: Int)] = [], unknownTurns = 0
        let countOnly = request.output == .summary
        let themeIDs = compiled.themes.map(\.id)
        let needsSpeakers = pseudonymizer != nil
        corpus.streamEntries(batch: countOnly ? 32 : 0, { entry -> Result<([Coding], DocumentCounts?, [(label: String, role: Role)], [Diagnostic]), Diagnostic> in
            if countOnly {
                return DocumentCounter.count(entry, study: study, pool: pool, unit: unit).map { ([], $0, [], $0.errors) }
            }
            return study.result(entry).flatMap { t in
                pool.coded(t) { ($0.code(t, unit: unit), nil, needsSpeakers ? Pseudonymizer.speakers(of: t.turns) : [],
                                 t.diagnostics.filter { $0.severity == .error }) }
            }
        }) { entry, result in
            done += 1
            context.consumer.progress(done, of: corpus.entries.count, entry.document)
            switch result {
            case .failure(let d):
                unreadable += 1
                context.consumer.endProgress()
                context.consumer.report(d)
            case .success(let (codings, counts, speakers, errors)):
                if !errors.isEmpty {
                    // The document's own errors (its front matter): its attributes are missing.
                    context.consumer.endProgress()
                    context.consumer.report(errors)
                }
                if let counts, counts.codableTurns == 0 {
                    uncodable.append((entry.document, counts.unknownTurns))
                    return
                }
                if let counts { unknownTurns += counts.unknownTurns }
                coded += 1
                switch request.output {
                case .summary:
                    if let counts {
                        for (i, id) in themeIDs.enumerated() where counts.hits[i] > 0 {
                            tally.add(theme: id, .init(hits: counts.hits[i], units: counts.units[i], documents: 1,
                                                       participants: counts.speakerCount(i)))
                        }
                    }
                case .csv:
                    pseudonymizer?.register(document: entry.document, speakers: speakers)
                    let p = pseudonymizer
                    emit(CodingRecords.csvRows(CodingRecords.shown(codings, p)))
                case .json:
                    pseudonymizer?.register(document: entry.document, speakers: speakers)
                    let p = pseudonymizer
                    var chunk = ""
                    for c in CodingRecords.shown(codings, p) {
                        chunk += (first ? "\n  " : ",\n  ") + CodingRecords.json(c).serialized(pretty: false)
                        first = false
                    }
                    emit(chunk)
                }
            }
        }
        context.consumer.endProgress()
        if request.output == .json { emit(first ? "]\n" : "\n]\n") }
        var summary = CodeSummary(tally: tally, codebook: book, unit: unit, documents: coded, unreadable: unreadable)
        summary.uncodable = uncodable
        summary.unknownTurns = unknownTurns
        return summary
    }
}

/// The records of `verbatim code --format csv|json`: one per coding.
public enum CodingRecords {
    /// The CSV columns.
    public static let columns = ["document", "turn", "speaker", "theme", "start", "end", "unit_start", "unit_end", "match", "rule"]

    /// The coding as an export shows it with `pseudonymizer` (nil: as it is): the speaker's shown
    /// name, the matched text with names replaced and the document's shown name. The offsets are
    /// left alone: they are positions in the real text, which hold no name.
    /// The codings as an export shows them (see ``shown(_:_:)``), each distinct speaker, matched text
    /// and document looked up once: a document's thousands of codings repeat a few terms.
    public static func shown(_ codings: [Coding], _ pseudonymizer: Pseudonymizer?) -> [Coding] {
        guard let p = pseudonymizer else { return codings }
        var matches: [String: [String: String]] = [:], speakers: [String: [String: String]] = [:], documents: [String: String] = [:]
        return codings.map { c in
            var c = c
            let doc = c.document
            if let s = c.speaker {
                if let shown = speakers[doc]?[s] { c.speaker = shown } else {
                    let shown = p.speaker(s, in: doc)
                    speakers[doc, default: [:]][s] = shown
                    c.speaker = shown
                }
            }
            if let shown = matches[doc]?[c.match] { c.match = shown } else {
                let shown = p.pseudonymize(c.match, in: doc).text
                matches[doc, default: [:]][c.match] = shown
                c.match = shown
            }
            if let shown = documents[doc] { c.document = shown } else {
                let shown = p.document(doc)
                documents[doc] = shown
                c.document = shown
            }
            return c
        }
    }

    public static func shown(_ c: Coding, _ pseudonymizer: Pseudonymizer?) -> Coding {
        guard let p = pseudonymizer else { return c }
        var c = c
        c.speaker = c.speaker.map { p.speaker($0, in: c.document) }
        c.match = p.pseudonymize(c.match, in: c.document).text
        c.document = p.document(c.document)
        return c
    }

    /// The CSV header line.
    public static var csvHeader: String { CSVWriter(header: columns).text }

    /// CSV rows for `codings`, without a header.
    public static func csvRows(_ codings: [Coding]) -> String {
        var csv = CSVWriter(header: [])
        for c in codings {
            csv.row([c.document, String(c.turn), c.speaker ?? "", c.theme, String(c.start), String(c.end),
                     String(c.unitStart), String(c.unitEnd), c.match, c.rule])
        }
        return String(csv.text.drop(while: { $0 == "\n" }))
    }

    /// One coding as a JSON object.
    public static func json(_ c: Coding) -> JSONValue {
        .object([("document", .string(c.document)), ("turn", .int(c.turn)), ("speaker", .optional(c.speaker)),
                 ("theme", .string(c.theme)), ("start", .int(c.start)), ("end", .int(c.end)),
                 ("unit_start", .int(c.unitStart)), ("unit_end", .int(c.unitEnd)), ("match", .string(c.match)),
                 ("rule", .string(c.rule))])
    }
}

extension CodeSummary {
    /// The table `verbatim code` prints: per theme, hits, coded units, documents and participants.
    public func text(style: TextStyle) -> String {
        var table = Table(header: ["theme", "hits", "\(unit.rawValue)s", "documents", "participants"],
                              alignments: [.left, .right, .right, .right, .right])
        let labels = Dictionary(codebook.allThemes.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        for row in tally.rows {
            let indent = String(repeating: "  ", count: tally.depth(of: row.theme))
            table.add([indent + row.theme + (labels[row.theme].map { "  " + $0 } ?? ""), String(row.counts.hits),
                       String(row.counts.units), String(row.counts.documents), String(row.counts.participants)])
        }
        return table.text(headerStyle: style.strong, maxWidth: 70)
            + style.note("\(documents) \(documents == 1 ? "document" : "documents") coded with \(codebook.id) (\(codebook.allThemes.count) themes)"
                + (unreadable > 0 ? ", \(unreadable) not read (see the errors above)" : "")
                + "; participant turns only unless a theme says otherwise; parents include their sub-themes") + "\n"
            + NotCoded.lines(uncodable: uncodable, unknownTurns: unknownTurns).map { style.bad($0) + "\n" }.joined()
    }
}

/// What `code`, `stats` and `report` say about what they could not code.
public enum NotCoded {
    /// `1 document not coded, and not in N: x.txt (12 turns): every turn is of unknown role...`
    public static func lines(uncodable: [(document: String, turns: Int)], unknownTurns: Int) -> [String] {
        var out: [String] = []
        if !uncodable.isEmpty {
            let n = uncodable.count
            out.append("\(n) \(n == 1 ? "document" : "documents") not coded, and not in N: "
                + uncodable.map { "\($0.document) (\($0.turns) \($0.turns == 1 ? "turn" : "turns"))" }.joined(separator: ", ")
                + ": no turn a theme codes (every turn is of unknown role, or an interviewer's: no participant label recognised); label the speakers, or see speakers.unlabelled in verbatim.yaml")
        }
        if unknownTurns > 0 {
            out.append("\(unknownTurns) \(unknownTurns == 1 ? "turn" : "turns") of unknown role not coded in the documents coded (no speaker label recognised)")
        }
        return out
    }
}
