import ArgumentParser
import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCoding
import VerbatimExport
import VerbatimPipeline

/// The formats `verbatim excerpts` writes.
enum ExcerptFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, csv, json, html, docx

    /// The format a file name implies: `.md`, `.html`, `.csv`, `.json`, `.docx`, `.txt`.
    static func infer(from path: String) -> ExcerptFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "md", "markdown": return .markdown
        case "html", "htm": return .html
        case "csv": return .csv
        case "json": return .json
        case "docx": return .docx
        case "txt", "text": return .text
        default: return nil
        }
    }
}

extension Verbatim {
    struct Excerpts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "excerpts",
            abstract: "Print the coded excerpts (verbatims) of themes, with their attribution, for a report.",
            discussion: """
            Each excerpt is a coded unit (turn, sentence or paragraph) with its matched words highlighted and an attribution line: participant, group, territory (context), wave — document, turn. --theme includes the theme's sub-themes; several codings of a theme in one unit make one excerpt. Without --theme: every top-level theme. Order: theme tree, then document, then position.

            Names are replaced by pseudonyms in every format (the study's names table: 'names:' in verbatim.yaml, or names.csv); a speaker label that is a name missing from the table becomes 'Participant N'. --real-names turns this off.

            --max-per-theme K picks K excerpts per theme, taking turns across the values of --balance (default: the 'group' attribute) and preferring participants not yet quoted; --seed S makes another draw, and the same seed always the same one.

            Formats: text (matches in bold on a terminal), markdown, csv, json, html (one self-contained page), docx (Word; needs -o). -o FILE writes the whole file or nothing, and takes the format from its extension when --format is not given.

            Examples:
              verbatim excerpts --theme peur --where group=senior
              verbatim excerpts --theme peur --context 1 --max-per-theme 6
              verbatim excerpts --theme reseau --where context=rural -o reseau.md
              verbatim excerpts --max-per-theme 5 --balance wave -o verbatims.docx
              verbatim excerpts --theme peur --real-names -o noms-reels.csv
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: ArgumentHelp("A theme id, with its sub-themes (repeatable; default: every top-level theme).", valueName: "id"))
        var theme: [String] = []
        @Option(name: .customLong("where"), help: ArgumentHelp("Keep excerpts whose speaker has this attribute value, ignoring case and accents (repeatable: all must hold).", valueName: "attr=value"))
        var filters: [String] = []
        @Option(name: .long, help: ArgumentHelp("Also show N turns before and after each excerpt.", valueName: "n"))
        var context: Int = 0
        @Option(name: .customLong("max-per-theme"), help: ArgumentHelp("At most K excerpts per theme, balanced and seeded.", valueName: "k"))
        var maxPerTheme: Int?
        @Option(name: .long, help: ArgumentHelp("The attribute --max-per-theme balances (default: group).", valueName: "attr"))
        var balance: String?
        @Option(name: .long, help: ArgumentHelp("Seed of the sampling.", valueName: "s"))
        var seed: UInt64 = 1
        @Option(name: .long, help: "Output format: text, markdown, csv, json, html or docx (default: text, or from -o's extension).")
        var format: ExcerptFormat?
        @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of the standard output.", valueName: "file"))
        var output: String?
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file"))
        var codebook: String?
        @Option(name: .long, help: "Coding unit: turn, sentence or paragraph (default: the study's, else turn).")
        var unit: String?
        @Flag(name: .customLong("real-names"), help: "Keep real names (no pseudonyms): for the research team only.")
        var realNames = false
        @Argument(help: "Transcript files, folders or document names (default: the whole study).")
        var paths: [String] = []

        var resolvedFormat: ExcerptFormat { format ?? output.flatMap(ExcerptFormat.infer) ?? .text }

        func validate() throws {
            if context < 0 { throw ValidationError("--context must be 0 or more") }
            if let k = maxPerTheme, k < 1 { throw ValidationError("--max-per-theme must be 1 or more") }
            if resolvedFormat == .docx && output == nil { throw ValidationError("--format docx writes a file: give -o FILE.docx") }
            if let output, output.isEmpty { throw ValidationError("-o needs a file name") }
        }

        func run() throws {
            try guarded {
                let filters: [AttributeFilter]
                do { filters = try self.filters.map(AttributeFilter.init(parsing:)) } catch let e as ExcerptError {
                    throw CLIError(e.description, code: 64)
                }
                if let output {
                    var isDir: ObjCBool = false
                    if FileManager.default.fileExists(atPath: output, isDirectory: &isDir), isDir.boolValue {
                        throw CLIError("\(output): error: is a folder; -o takes a file name")
                    }
                    let folder = URL(fileURLWithPath: output).deletingLastPathComponent().path
                    if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) || !isDir.boolValue {
                        throw CLIError("\(output): error: no such folder '\(folder)'")
                    }
                }
                let study = try studyOptions.open(paths: paths)
                let book = try CodebookSupport.loadForCoding(codebook, study: study)
                let codingUnit = try CodebookSupport.codingUnit(unit, study: study)
                // An unknown theme is reported before the (slower) coding.
                let ids = Set(book.allThemes.map(\.id))
                if let bad = theme.first(where: { !ids.contains($0) }) {
                    throw CLIError(ExcerptError.unknownTheme(bad, codebook: book.path, valid: book.allThemes.map(\.id)).description)
                }
                let coded = StudyPipeline.run(study: study, codebook: book, paths: paths, unit: codingUnit, keepText: true) { done, total, doc in
                    Terminal.progress("coding \(done)/\(total) \(doc)")
                }
                Terminal.clearProgress()
                for d in coded.diagnostics { Terminal.report(d) }
                let failed = coded.diagnostics.contains { $0.severity == .error }
                if coded.documents.isEmpty { throw CLIError("error: no transcript could be read; nothing to quote") }
                if !realNames && study.names.isEmpty && study.root != nil {
                    Terminal.error("note: the study has no names table ('names:' in verbatim.yaml); only speaker labels are pseudonymised")
                }
                let pseudonymizer = realNames ? nil : Pseudonymizer(study: study, documents: coded.documents)
                let query = ExcerptQuery(themes: theme, filters: filters, context: context, maxPerTheme: maxPerTheme,
                                         balance: balance, seed: seed)
                let report: ExcerptReport
                do { report = try ExcerptSelector.report(coded, query: query, pseudonymizer: pseudonymizer) } catch let e as ExcerptError {
                    throw CLIError(e.description, code: e.isUsage ? 64 : 1)
                }
                try write(report)
                return failed ? 1 : 0
            }
        }

        func write(_ report: ExcerptReport) throws {
            let format = resolvedFormat
            if format == .docx, let output {
                do { try DocxWriter.write(ExcerptDocxBuilder.document(report), to: URL(fileURLWithPath: output)) } catch {
                    throw CLIError(String(describing: error))
                }
                return
            }
            let text: String
            switch format {
            case .text:
                let styled = output == nil && Terminal.colorOut
                let style = styled
                    ? ExcerptTextWriter.Style(highlight: { Terminal.style($0, "1;33", false) }, heading: { Terminal.style($0, "1", false) },
                                              dim: { Terminal.style($0, "2", false) })
                    : .plain
                text = ExcerptTextWriter(style: style).render(report)
            case .markdown: text = ExcerptMarkdownWriter.render(report)
            case .csv: text = ExcerptCSVWriter.render(report)
            case .json: text = ExcerptJSONWriter.render(report)
            case .html: text = ExcerptHTMLWriter.render(report)
            case .docx: text = ""
            }
            if let output {
                do { try ExcerptOutput.write(text, to: URL(fileURLWithPath: output)) } catch {
                    throw CLIError(String(describing: error))
                }
            } else {
                Terminal.out(text)
            }
        }
    }
}
