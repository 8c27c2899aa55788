import ArgumentParser
import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCoding
import VerbatimAnalysis
import VerbatimExport
import VerbatimPipeline

extension Verbatim {
    struct Code: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "code",
            abstract: "Apply the codebook to the study's participant turns and count the themes.",
            discussion: """
            Prints, per theme (parents include their sub-themes), the hits, the coded units, the documents
            and the participants. --format json|csv gives one record per coding instead: document, turn,
            speaker, theme, start, end (UTF-8 offsets of the matched words in the transcript's text, as in
            'verbatim show --format json'), unit_start, unit_end, match, rule.

            Examples:
              verbatim code
              verbatim code --codebook ../Codebooks/les-connectes.yaml --format csv > codings.csv
              verbatim code --explain S01-lyon.txt:12
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file")) var codebook: String?
        @Option(name: .long, help: "Output format: text, json or csv.") var format: OutputFormat = .text
        @Option(name: .long, help: "Coding unit: turn, sentence or paragraph (default: the study's, else turn).") var unit: String?
        @Option(name: .long, help: ArgumentHelp("Show which rules fired in one turn, and which hits were dropped and why.", valueName: "doc:turn"))
        var explain: String?
        @Argument(help: "Transcript files, folders or document names (default: the whole study).") var paths: [String] = []

        func run() throws {
            try guarded {
                let study = try studyOptions.open(paths: paths)
                let book = try CodebookSupport.loadForCoding(codebook, study: study)
                let codingUnit = try CodebookSupport.codingUnit(unit, study: study)
                let compiled = CompiledCodebook(book)
                for d in compiled.diagnostics { Terminal.report(d) }
                if let explain { return try runExplain(explain, study: study, compiled: compiled, unit: codingUnit) }
                let corpus = Corpus(study: study, paths: paths)
                for d in corpus.diagnostics { Terminal.report(d) }
                if corpus.entries.isEmpty { return corpus.diagnostics.isEmpty ? 0 : 1 }
                let pool = CoderPool(compiled)
                var tally = CodingTally(codebook: book)
                var failed = false
                var first = true
                var csv = CSVWriter(header: ["document", "turn", "speaker", "theme", "start", "end", "unit_start", "unit_end", "match", "rule"])
                if format == .csv { Terminal.out(csv.text) }
                if format == .json { Terminal.out("[") }
                var done = 0
                var coded = 0, unreadable = 0
                let countOnly = format == .text
                let themeIDs = compiled.themes.map(\.id)
                corpus.streamEntries(batch: countOnly ? 32 : 0, { entry -> Result<([Coding], DocumentCounts?), Diagnostic> in
                    if countOnly {
                        return DocumentCounter.count(entry, study: study, pool: pool, unit: codingUnit).map { ([], $0) }
                    }
                    return study.result(entry).map { t in (pool.with { $0.code(t, unit: codingUnit) }, nil) }
                }) { entry, result in
                    done += 1
                    Terminal.progress("coding \(done)/\(corpus.entries.count) \(entry.document)")
                    switch result {
                    case .failure(let d):
                        failed = true
                        unreadable += 1
                        Terminal.clearProgress()
                        Terminal.report(d)
                    case .success(let (codings, counts)):
                        coded += 1
                        switch format {
                        case .text:
                            if let counts {
                                for (i, id) in themeIDs.enumerated() where counts.hits[i] > 0 {
                                    tally.add(theme: id, .init(hits: counts.hits[i], units: counts.units[i], documents: 1,
                                                               participants: counts.speakerCount(i)))
                                }
                            }
                        case .csv:
                            csv = CSVWriter(header: [])
                            for c in codings {
                                csv.row([c.document, String(c.turn), c.speaker ?? "", c.theme, String(c.start), String(c.end),
                                         String(c.unitStart), String(c.unitEnd), c.match, c.rule])
                            }
                            Terminal.out(String(csv.text.drop(while: { $0 == "\n" })))
                        case .json:
                            var chunk = ""
                            for c in codings {
                                chunk += (first ? "\n  " : ",\n  ") + Code.json(c).serialized(pretty: false)
                                first = false
                            }
                            Terminal.out(chunk)
                        }
                    }
                }
                Terminal.clearProgress()
                switch format {
                case .json: Terminal.out(first ? "]\n" : "\n]\n")
                case .csv: break
                case .text: Terminal.out(render(tally, book: book, documents: coded, unreadable: unreadable, unit: codingUnit))
                }
                return failed ? 1 : 0
            }
        }

        static func json(_ c: Coding) -> JSONValue {
            .object([("document", .string(c.document)), ("turn", .int(c.turn)), ("speaker", .optional(c.speaker)),
                     ("theme", .string(c.theme)), ("start", .int(c.start)), ("end", .int(c.end)),
                     ("unit_start", .int(c.unitStart)), ("unit_end", .int(c.unitEnd)), ("match", .string(c.match)),
                     ("rule", .string(c.rule))])
        }

        func render(_ tally: CodingTally, book: Codebook, documents: Int, unreadable: Int = 0, unit: CodingUnit) -> String {
            var table = TextTable(header: ["theme", "hits", "\(unit.rawValue)s", "documents", "participants"],
                                  alignments: [.left, .right, .right, .right, .right])
            let labels = Dictionary(book.allThemes.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
            for row in tally.rows {
                let indent = String(repeating: "  ", count: tally.depth(of: row.theme))
                table.add([indent + row.theme + (labels[row.theme].map { "  " + $0 } ?? ""), String(row.counts.hits),
                           String(row.counts.units), String(row.counts.documents), String(row.counts.participants)])
            }
            return table.render(headerStyle: { Terminal.bold($0) }, maxWidth: 70)
                + Terminal.dim("\(documents) documents coded with \(book.id) (\(book.allThemes.count) themes)"
                    + (unreadable > 0 ? ", \(unreadable) not read (see the errors above)" : "")
                    + "; participant turns only unless a theme says otherwise; parents include their sub-themes") + "\n"
        }

        func runExplain(_ spec: String, study: Study, compiled: CompiledCodebook, unit: CodingUnit) throws -> Int32 {
            guard let colon = spec.lastIndex(of: ":"), let turn = Int(spec[spec.index(after: colon)...]) else {
                throw CLIError("error: --explain takes DOC:TURN, e.g. S01-lyon.txt:12", code: 64)
            }
            let doc = String(spec[..<colon])
            let corpus = Corpus(study: study, paths: [doc])
            for d in corpus.diagnostics { Terminal.report(d) }
            guard let entry = corpus.entries.first else { return 1 }
            let t: Transcript
            do { t = try study.load(document: entry.document, url: entry.url) } catch { throw CLIError(String(describing: error)) }
            guard let ex = Coder(compiled).explain(t, turn: turn, unit: unit) else {
                throw CLIError("\(doc): error: no turn \(turn) (the transcript has \(t.turns.count) turns)")
            }
            if format == .json {
                Terminal.out(JSONValue.object([
                    ("document", .string(ex.document)), ("turn", .int(ex.turn)), ("speaker", .optional(ex.speaker)),
                    ("role", .string(ex.role.rawValue)), ("codings", .array(ex.codings.map(Code.json))),
                    ("dropped", .array(ex.dropped.map { .object([("theme", .string($0.theme)), ("rule", .string($0.rule)),
                                                                 ("match", .string($0.match)), ("reason", .string($0.reason))]) })),
                ]).serialized() + "\n")
                return 0
            }
            let turnInfo = t.turns.first { $0.index == turn }!
            var out = Terminal.bold("\(ex.document) turn \(turn)") + "  " + (ex.speaker ?? "(unknown speaker)") + Terminal.dim(" [\(ex.role.rawValue)]") + "\n"
            out += "  " + t.text(of: turnInfo).replacingOccurrences(of: "\n", with: "\n  ") + "\n\n"
            if ex.codings.isEmpty { out += "No coding.\n" }
            for c in ex.codings {
                out += Terminal.green("coded ") + Terminal.bold(c.theme) + "  \"\(c.match)\"  " + Terminal.dim("by \(c.rule)") + "\n"
            }
            for d in ex.dropped {
                out += Terminal.yellow("dropped ") + Terminal.bold(d.theme) + "  \"\(d.match)\"  " + Terminal.dim(d.rule.isEmpty ? "" : "by \(d.rule)") + ": \(d.reason)\n"
            }
            Terminal.out(out)
            return 0
        }
    }
}
