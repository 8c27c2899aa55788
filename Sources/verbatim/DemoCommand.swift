import ArgumentParser
import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCoding
import VerbatimExport
import VerbatimPipeline

extension Verbatim {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Run the whole pipeline on the bundled study and write its report, verbatims and tables.",
            discussion: """
            Reads the 30 transcripts of Corpora/les-connectes (text, Word and subtitle files), checks the \
            study, codes every participant turn with its codebook, and writes into the output folder:

              rapport.html          the report (open it in a browser; works offline)
              verbatims.docx        balanced verbatims per theme, for Word
              frequences.csv        n/N per theme and group ('verbatim stats')
              matrice-contexte.csv  themes × context with tests ('verbatim matrix')
              matrice-vague.csv     themes × wave, the same
              codages.csv           one row per coding

            Names are replaced by pseudonyms everywhere. Then it prints what it found. Files already in the \
            folder with these names are replaced.

            Examples:
              swift run verbatim demo
              verbatim demo --output /tmp/demo
            """
        )
        @Option(name: .long, help: ArgumentHelp("The folder to write into (created if needed).", valueName: "dir"))
        var output: String = "verbatim-demo"
        @Option(name: .long, help: ArgumentHelp("The bundled study's folder (default: found from here or from the program's location).", valueName: "dir"))
        var study: String?
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in the study's verbatim.yaml).", valueName: "file"))
        var codebook: String?

        func validate() throws {
            if output.isEmpty { throw ValidationError("--output needs a folder name") }
        }

        func run() throws {
            try guarded {
                guard let root = study.map({ URL(fileURLWithPath: $0) }) ?? Demo.locateBundledStudy() else {
                    throw CLIError("error: the bundled study Corpora/les-connectes was not found; run this from the verbatim repository or pass --study DIR")
                }
                guard FileManager.default.fileExists(atPath: root.appendingPathComponent(Study.configName).path) else {
                    throw CLIError("\(Study.display(root)): error: not a study folder (no \(Study.configName))")
                }
                let s: Study
                do { s = try Study(root: root) } catch let e as StudyError { throw CLIError(e.description) }
                let shown = Study.display(root)

                // Where to write: refuse a file in the way before doing any work.
                let outURL = URL(fileURLWithPath: output)
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: outURL.path, isDirectory: &isDir), !isDir.boolValue {
                    throw CLIError("\(output): error: is a file; --output takes a folder")
                }

                let codebookFile = codebook ?? (s.codebookURL == nil ? Demo.bundledCodebook(root)?.path : nil)
                let (book, _) = try CodebookSupport.load(codebookFile, study: s)
                guard let unit = CodingUnit(rawValue: s.config.unit) else {
                    throw CLIError("error: unknown unit '\(s.config.unit)' in \(Study.configName) (turn, sentence or paragraph)")
                }
                // One read of the study serves both the health check and the coding.
                let coded = StudyPipeline.run(study: s, codebook: book, unit: unit, check: true, keepText: true) { done, total, doc in
                    Terminal.progress("coding \(done)/\(total) \(doc)")
                }
                Terminal.clearProgress()
                let check = CheckReport(study: s, paths: [], facts: coded.checks, inputDiagnostics: coded.inputDiagnostics)
                guard !coded.documents.isEmpty else { throw CLIError("\(shown): error: no transcript could be read") }
                let codebookURL = codebookFile.map { URL(fileURLWithPath: $0) } ?? s.codebookURL
                let bundle: DemoBundle
                do {
                    bundle = try DemoBundle.make(coded: coded, study: s, codebook: codebookURL, generator: "verbatim \(Verbatim.version)")
                } catch let e as ReportError {
                    throw CLIError(e.description)
                }
                do {
                    try FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true)
                } catch {
                    throw CLIError("\(output): error: cannot create the folder")
                }
                for file in bundle.files {
                    do { try ExcerptOutput.write(file.data, to: outURL.appendingPathComponent(file.name)) } catch {
                        throw CLIError(String(describing: error))
                    }
                }
                summarize(bundle: bundle, coded: coded, check: check, studyPath: shown)
                return check.errors > 0 ? 1 : 0
            }
        }

        /// The few lines the demo prints: the study, where the files are, what the data show.
        func summarize(bundle: DemoBundle, coded: CodedStudy, check: CheckReport, studyPath: String) {
            let r = bundle.report
            let s = ReportStrings(language: "en")
            var out = Terminal.bold(r.title) + "  " + Terminal.dim(studyPath) + "\n"
            var byGroup = ""
            if let t = r.corpus.first(where: { $0.attribute == r.frequencies.attributes.first }) {
                byGroup = " (" + t.rows.map { "\($0.documents) \($0.value)" }.joined(separator: ", ") + ")"
            }
            var formats: [String: Int] = [:]
            for d in coded.documents { formats[d.format.rawValue, default: 0] += 1 }
            out += "  \(r.summary.documents) transcripts\(byGroup); formats: "
                + formats.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + "\n"
            out += "  \(r.summary.participants) participants (interviews count once, focus-group members one by one), \(s.format(r.summary.words)) words spoken\n"
            out += "  \(s.format(r.summary.codings)) codings in \(s.format(r.summary.codedUnits)) \(s.unitName(r.provenance.unit, plural: true)), codebook \(r.provenance.codebook)"
                + (r.provenance.codebookVersion.map { " v\($0)" } ?? "") + " (\(r.summary.themes) themes)\n"
            let errors = check.diagnostics.filter { $0.severity == .error }
            var checkLine = "  check: \(check.read) of \(check.documents) read, "
                + (errors.isEmpty ? Terminal.green("no errors") : Terminal.red("\(errors.count) error\(errors.count == 1 ? "" : "s")"))
                + ", \(check.warnings) warning\(check.warnings == 1 ? "" : "s")"
            if check.warnings + errors.count > 0 { checkLine += Terminal.dim("  (details: verbatim check --study \(studyPath))") }
            out += checkLine + "\n"
            Terminal.out(out)
            for d in errors.prefix(3) { Terminal.report(d) }

            let dir = output.hasSuffix("/") ? output : output + "/"
            let what: [String: String] = [
                "rapport.html": "the report: corpus, themes by group, territories, context and waves with tests, verbatims",
                "verbatims.docx": "\(bundle.excerpts.excerptCount) verbatims, up to 3 per theme, balanced across groups (Word)",
                "frequences.csv": "n/N per theme and group (as verbatim stats --format csv)",
                "codages.csv": "one row per coding (\(s.format(r.summary.codings))), speakers pseudonymised",
            ]
            var files = "\nWrote \(dir) (names replaced by pseudonyms):\n"
            let width = (bundle.files.map(\.name.count).max() ?? 0) + 2
            for f in bundle.files {
                let description = what[f.name] ?? bundle.matrices.first { DemoBundle.matrixFileName($0.attribute) == f.name }
                    .map { "themes × \($0.attribute), with a test per theme (as verbatim matrix --cols \($0.attribute))" } ?? ""
                files += "  " + f.name.padding(toLength: width, withPad: " ", startingAt: 0) + Terminal.dim(description) + "\n"
            }
            Terminal.out(files)

            var findings: [String] = []
            for (attribute, m) in bundle.matrices {
                let name = attribute.lowercased()
                if ["wave", "vague"].contains(name) {
                    if let h = ReportHeadlines.largestDifference(m) { findings.append("largest difference between waves: " + h.text) }
                } else if let h = ReportHeadlines.strongestAssociation(m) {
                    findings.append("strongest association with the \(["context", "contexte"].contains(name) ? "context" : attribute): " + h.text)
                }
            }
            let most = ReportHeadlines.mostMentioned(bundle.frequencies)
            if !most.isEmpty {
                findings.append("most mentioned by each group: " + most.map { "\($0.group): \($0.headline.text)" }.joined(separator: "; "))
            }
            if !findings.isEmpty {
                Terminal.out("\nWhat the data show (p-values not corrected for testing \(r.summary.themes) themes):\n")
                for f in findings { Terminal.out("  - " + AnalysisFormat.wrap(f, width: 110).replacingOccurrences(of: "\n", with: "\n    ") + "\n") }
            }
            Terminal.out(Terminal.dim("""

            Next: open \(dir)rapport.html in a browser, or try
              verbatim stats --by group,wave --study \(studyPath)
              verbatim excerpts --theme demarches-seul --max-per-theme 5 --study \(studyPath)
              verbatim report --study \(studyPath) -o rapport.html

            """))
        }

        /// Looks for Corpora/les-connectes above the current folder, then above the executable.
        static func locateBundledStudy() -> URL? {
            let rel = "Corpora/les-connectes"
            var starts = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
            starts.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
            for start in starts {
                var dir = start.standardizedFileURL
                while true {
                    let candidate = dir.appendingPathComponent(rel)
                    if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(Study.configName).path) { return candidate }
                    let parent = dir.deletingLastPathComponent()
                    if parent.path == dir.path { break }
                    dir = parent
                }
            }
            return nil
        }

        /// The bundled codebook beside the study (`Codebooks/les-connectes.yaml` two folders up), for a
        /// study file that does not name one.
        static func bundledCodebook(_ root: URL) -> URL? {
            let u = root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Codebooks/les-connectes.yaml")
            return FileManager.default.fileExists(atPath: u.path) ? u : nil
        }
    }
}
