import ArgumentParser
import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCoding
import VerbatimExport
import VerbatimPipeline

/// The formats `verbatim report` writes.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case html, markdown

    /// The format a file name implies: `.html`/`.htm` or `.md`/`.markdown`.
    static func infer(from path: String) -> ReportFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "html", "htm": return .html
        case "md", "markdown": return .markdown
        default: return nil
        }
    }
}

extension Verbatim {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write the study's analysis report: one self-contained HTML page (or Markdown).",
            discussion: """
            The report holds: the corpus (documents, participants and words per group, territory, context \
            and wave); theme frequencies per stakeholder group as bar charts (n/N and %, the same numbers as \
            'verbatim stats'); a heatmap of themes × territories and the comparisons by context and by wave \
            with their tests (the same as 'verbatim matrix'); the themes most often coded together; for each \
            theme its definition, its counts per group and a balanced selection of verbatims; the codebook; \
            and a footer saying what was counted, with a SHA-256 fingerprint of the inputs (transcripts, \
            codebook, attribute tables) so that two reports can be told apart.

            The HTML file needs nothing else: no network, no script, inline CSS and SVG. Headings follow the \
            study's language (French for 'language: fr'). Names are replaced by pseudonyms unless \
            --real-names is given. The output is the same for the same inputs: no date unless --date is given.

            Attributes: --by (default: group), --across (the heatmap's columns, default: territory) and \
            --compare (default: context,wave) take the study's attribute names; a section whose default \
            attribute the study lacks is left out.

            Examples:
              verbatim report
              verbatim report -o rapport.html --date 2024-06-30
              verbatim report --format markdown -o rapport.md
              verbatim report --theme seniors --max-per-theme 5
              verbatim report --across departement --compare wave
              verbatim report --real-names -o interne.html
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The file to write (default: report.html, or report.md with --format markdown).", valueName: "file"))
        var output: String?
        @Option(name: .long, help: "Output format: html or markdown (default: from -o's extension, else html).")
        var format: ReportFormat?
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file"))
        var codebook: String?
        @Flag(name: .customLong("real-names"), help: "Keep real names (no pseudonyms): for the research team only.")
        var realNames = false
        @Option(name: .customLong("max-per-theme"), help: ArgumentHelp("Verbatims per theme, balanced across groups (0: none).", valueName: "k"))
        var maxPerTheme: Int = 3
        @Option(name: .long, help: ArgumentHelp("The attribute of the stakeholder groups (default: group).", valueName: "attr"))
        var by: String?
        @Option(name: .long, help: ArgumentHelp("The attribute of the heatmap's columns (default: territory).", valueName: "attr"))
        var across: String?
        @Option(name: .long, help: ArgumentHelp("Attributes compared with a test per theme, separated by commas (default: context,wave).", valueName: "attr,..."))
        var compare: String?
        @Option(name: .long, help: ArgumentHelp("Only this theme and its sub-themes.", valueName: "id"))
        var theme: String?
        @Option(name: .long, help: ArgumentHelp("Seed of the verbatim sampling.", valueName: "s"))
        var seed: UInt64 = 1
        @Option(name: .customLong("min-n"), help: ArgumentHelp("Flag groups with fewer participants than this.", valueName: "n"))
        var minN: Int = 5
        @Option(name: .long, help: ArgumentHelp("A date to print in the header (none by default).", valueName: "text"))
        var date: String?
        @Argument(help: "Transcript files, folders or document names (default: the whole study).")
        var paths: [String] = []

        var resolvedFormat: ReportFormat { format ?? output.flatMap(ReportFormat.infer) ?? .html }
        var resolvedOutput: String { output ?? (resolvedFormat == .markdown ? "report.md" : "report.html") }

        func validate() throws {
            if maxPerTheme < 0 { throw ValidationError("--max-per-theme must be 0 or more") }
            if minN < 0 { throw ValidationError("--min-n must be 0 or more") }
            if let output, output.isEmpty { throw ValidationError("-o needs a file name") }
            if let compare, compare.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }).contains(where: \.isEmpty) {
                throw ValidationError("--compare takes attribute names separated by commas, e.g. context,wave")
            }
        }

        func run() throws {
            try guarded {
                let path = resolvedOutput
                let url = URL(fileURLWithPath: path)
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                    throw CLIError("\(path): error: is a folder; -o takes a file name")
                }
                let folder = url.deletingLastPathComponent().path
                if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) || !isDir.boolValue {
                    throw CLIError("\(path): error: no such folder '\(folder)'")
                }

                let study = try studyOptions.open(paths: paths)
                let book = try CodebookSupport.loadForCoding(codebook, study: study)
                if let theme, book.theme(theme) == nil {
                    throw CLIError(ReportError.unknownTheme(theme, codebook: book.path, valid: book.allThemes.map(\.id)).description)
                }
                let unit = try CodebookSupport.codingUnit(nil, study: study)
                let coded = StudyPipeline.run(study: study, codebook: book, paths: paths, unit: unit, keepText: true) { done, total, doc in
                    Terminal.progress("coding \(done)/\(total) \(doc)")
                }
                Terminal.clearProgress()
                for d in coded.diagnostics { Terminal.report(d) }
                let failed = coded.diagnostics.contains { $0.severity == .error }
                if coded.documents.isEmpty {
                    throw CLIError(ReportError.emptySelection(paths.isEmpty ? "the study has no readable transcript"
                        : "none of the paths given is a readable transcript").description)
                }
                if !realNames && study.names.isEmpty && study.root != nil {
                    Terminal.error("note: the study has no names table ('names:' in verbatim.yaml); only speaker labels are pseudonymised")
                }

                let codebookURL = codebook.map { URL(fileURLWithPath: $0) } ?? study.codebookURL
                let request = ReportRequest(
                    groupBy: by, heatmapBy: across,
                    compareBy: compare.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
                    theme: theme, maxPerTheme: maxPerTheme, seed: seed, minN: minN, date: date,
                    generator: "verbatim \(Verbatim.version)")
                let text: String
                do {
                    let fingerprint = try InputFingerprint.compute(study: study, coded: coded, paths: paths, codebook: codebookURL)
                    let pseudonymizer = realNames ? nil : Pseudonymizer(study: study, documents: coded.documents)
                    let report = try StudyReportBuilder.build(coded, request: request, pseudonymizer: pseudonymizer,
                                                              fingerprint: fingerprint, codebookFile: codebookURL?.lastPathComponent)
                    text = resolvedFormat == .html ? ReportHTMLWriter.render(report) : ReportMarkdownWriter.render(report)
                } catch let e as ReportError {
                    throw CLIError(e.description)
                }
                do { try ExcerptOutput.write(text, to: url) } catch { throw CLIError(String(describing: error)) }
                Terminal.out(path + "\n")
                return failed ? 1 : 0
            }
        }
    }
}
