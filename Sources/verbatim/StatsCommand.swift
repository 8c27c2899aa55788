import ArgumentParser
import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCoding
import VerbatimAnalysis
import VerbatimExport
import VerbatimPipeline

/// Output formats of the analysis commands (stats, matrix, cooccur).
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case text, csv, json, markdown
}

extension CountingLevel: ExpressibleByArgument {}
extension ThemeMatrix.CellKind: ExpressibleByArgument {}
extension Cooccurrence.Level: ExpressibleByArgument {}

/// What the analysis commands share: coding the study, validating attributes and themes, printing.
enum AnalysisSupport {
    /// Splits `group,wave` into attribute names: one or two, distinct (a usage error otherwise).
    static func attributeList(_ spec: String, option: String) throws -> [String] {
        let names = spec.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty, !names.contains(where: \.isEmpty) else {
            throw CLIError("error: --\(option) takes one attribute or two separated by a comma, e.g. group or context,wave", code: 64)
        }
        guard names.count <= 2 else {
            throw CLIError("error: --\(option) crosses at most two attributes (got \(names.count): \(names.joined(separator: ", ")))", code: 64)
        }
        if names.count == 2 && names[0] == names[1] {
            throw CLIError("error: --\(option) names '\(names[0])' twice", code: 64)
        }
        return names
    }

    /// Opens the study, loads and checks the codebook and `theme`, and codes the documents.
    /// Returns the coded study and whether a document could not be read.
    static func code(_ options: StudyOptions, codebook: String?, paths: [String], theme: String? = nil)
        throws -> (coded: CodedStudy, study: Study, failed: Bool)
    {
        let study = try options.open(paths: paths)
        let book = try CodebookSupport.loadForCoding(codebook, study: study)
        if let theme, book.theme(theme) == nil {
            throw CLIError("error: " + AnalysisError.unknownTheme(theme, themes: book.allThemes.map(\.id)).description)
        }
        let unit = try CodebookSupport.codingUnit(nil, study: study)
        let coded = StudyPipeline.run(study: study, codebook: book, paths: paths, unit: unit) { done, total, doc in
            Terminal.progress("coding \(done)/\(total) \(doc)")
        }
        Terminal.clearProgress()
        for d in coded.diagnostics { Terminal.report(d) }
        let failed = coded.diagnostics.contains { $0.severity == .error }
        if coded.documents.isEmpty {
            throw CLIError("error: " + AnalysisError.noDocuments.description
                + (paths.isEmpty ? " (the study has no transcripts)" : " (none of the paths given is a readable transcript)"))
        }
        return (coded, study, failed)
    }

    /// Checks that each attribute exists: an attribute of the study's tables that no selected document has
    /// is an empty selection; any other unknown name is listed with the valid ones.
    static func checkAttributes(_ names: [String], coded: CodedStudy, study: Study) throws {
        let present = Set(coded.attributeNames)
        var tableColumns = Set(study.caseColumns)
        for (_, speakers) in study.participants { for (_, a) in speakers { tableColumns.formUnion(a.names) } }
        if !names.isEmpty && present.isEmpty && tableColumns.isEmpty {
            throw CLIError("error: these documents have no attributes to compare by '\(names.joined(separator: ","))': add a cases.csv (or YAML front matter); 'verbatim code' gives the totals")
        }
        for name in names where !present.contains(name) {
            if tableColumns.contains(name) {
                throw CLIError("error: no document in the selection has a value for '\(name)' (\(coded.documents.count) \(coded.documents.count == 1 ? "document" : "documents") selected)")
            }
            let all = present.union(tableColumns).sorted()
            throw CLIError("error: " + AnalysisError.unknownAttribute(name, attributes: all).description)
        }
    }

    /// Runs an analysis, turning its errors into one-line messages (exit 1).
    static func compute<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as AnalysisError { throw CLIError("error: \(e.description)") }
    }

    /// The terminal style: bold headers, dim notes, only on a terminal.
    static var style: TextStyle { TextStyle(strong: { Terminal.bold($0) }, note: { Terminal.dim($0) }) }

    /// Writes `text` to stdout, ending with a newline.
    static func print(_ text: String) { Terminal.out(text.hasSuffix("\n") ? text : text + "\n") }
}

extension Verbatim {
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "How many participants mention each theme, per group: n/N and %, coded units, documents, words.",
            discussion: """
            For each theme of the codebook (in tree order; a parent counts a participant who mentions any of \
            its sub-themes once) and each value of the chosen attributes (default: group), prints n/N (%):
            the participant units mentioning the theme out of all the participant units of the group, \
            whether or not they mention anything. A participant unit is a focus-group participant listed in \
            participants.csv, or else a whole document (an interview, or a focus group whose participants \
            are not identified). Interviewer and moderator turns never count. A second table gives the coded \
            units, documents and words of each theme. Groups with N under --min-n are marked †.

            --by takes one attribute or two crossed with a comma (group,wave). --per document counts \
            documents instead of participant units. --format csv gives one row per theme × group with the \
            columns theme, label, depth, the attribute value(s), n, N, percent, units, documents, words, \
            small_n (the total rows have the value '(all)'); json the same records plus the groups and their N.

            Examples:
              verbatim stats
              verbatim stats --by group,wave
              verbatim stats --by context --theme peur-internet
              verbatim stats --per document --format csv > themes-by-group.csv
              verbatim stats --by group --format markdown >> report.md
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: ArgumentHelp("Attribute(s) to group by: one, or two crossed with a comma.", valueName: "attr[,attr]"))
        var by: String = "group"
        @Option(name: .long, help: ArgumentHelp("Only this theme and its sub-themes.", valueName: "id")) var theme: String?
        @Option(name: .long, help: ArgumentHelp("What n and N count: participant (units) or document.", valueName: "participant|document"))
        var per: CountingLevel = .participant
        @Option(name: .customLong("min-n"), help: ArgumentHelp("Flag groups with fewer units than this.", valueName: "n"))
        var minN: Int = 5
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file")) var codebook: String?
        @Option(name: .long, help: "Output format: text, csv, json or markdown.") var format: TableFormat = .text
        @Argument(help: "Transcript files, folders or document names (default: the whole study).") var paths: [String] = []

        func validate() throws {
            if minN < 0 { throw ValidationError("--min-n must be 0 or more") }
        }

        func run() throws {
            try guarded {
                let attributes = try AnalysisSupport.attributeList(by, option: "by")
                let (coded, study, failed) = try AnalysisSupport.code(studyOptions, codebook: codebook, paths: paths, theme: theme)
                try AnalysisSupport.checkAttributes(attributes, coded: coded, study: study)
                let table = try AnalysisSupport.compute { try coded.frequencies(by: attributes, theme: theme, per: per, minN: minN) }
                let info = coded.analysisInfo
                switch format {
                case .text: AnalysisSupport.print(table.text(info: info, style: AnalysisSupport.style))
                case .csv: AnalysisSupport.print(table.csv())
                case .json: AnalysisSupport.print(table.json(info: info).serialized())
                case .markdown: AnalysisSupport.print(table.markdown(info: info))
                }
                return failed ? 1 : 0
            }
        }
    }
}
