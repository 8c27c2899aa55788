import ArgumentParser
import Foundation
import VerbatimModel
import VerbatimStudy

extension Verbatim {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Run verbatim on the bundled study \"Les Connectés\" and say what it holds.",
            discussion: """
            Reads every transcript of Corpora/les-connectes (text, Word and subtitle files), finds the
            speaker turns and the attributes, checks the study, and summarises it.

            Example:
              swift run verbatim demo
            """
        )
        @Option(name: .long, help: ArgumentHelp("The bundled study's folder (default: found from here or from the program's location).", valueName: "dir"))
        var study: String?

        func run() throws {
            try guarded {
                guard let root = study.map({ URL(fileURLWithPath: $0) }) ?? Demo.locateBundledStudy() else {
                    throw CLIError("error: the bundled study Corpora/les-connectes was not found; run this from the verbatim repository or pass --study")
                }
                let s: Study
                do { s = try Study(root: root) } catch let e as StudyError { throw CLIError(e.description) }
                let (report, _) = CheckReport.run(study: s, paths: [])
                let facts = report.facts.filter(\.read)
                var byGroup: [String: Int] = [:]
                var formats: [String: Int] = [:]
                var turns = 0, interviewerTurns = 0, speakers = 0
                for f in facts {
                    let group = s.attributesFor(document: f.document)["group"] ?? "(no group)"
                    byGroup[group, default: 0] += 1
                    formats[(f.document as NSString).pathExtension.lowercased(), default: 0] += 1
                    turns += f.speakers.reduce(0) { $0 + $1.turns }
                    interviewerTurns += f.speakers.filter { $0.role == .interviewer }.reduce(0) { $0 + $1.turns }
                    speakers += f.speakers.filter { $0.role == .participant }.count
                }
                let words = facts.reduce(0) { $0 + $1.words }
                Terminal.out(Terminal.bold("\(s.name)") + "  " + Terminal.dim(Study.display(root)) + "\n")
                Terminal.out("  \(facts.count) transcripts: " + byGroup.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + "\n")
                Terminal.out("  formats: " + formats.sorted { $0.key < $1.key }.map { "\($0.value) .\($0.key)" }.joined(separator: ", ") + "\n")
                Terminal.out("  \(turns) speaker turns (\(interviewerTurns) by interviewers and moderators, not coded), \(speakers) participants, \(words) words spoken\n")
                for d in report.diagnostics { Terminal.report(d) }
                Terminal.out("  check: " + report.summaryLine() + "\n")
                Terminal.out(Terminal.dim("""
                Next:
                  verbatim transcripts --study \(Study.display(root))      one line per transcript
                  verbatim show S01-lyon.txt --study \(Study.display(root))
                  verbatim attributes --study \(Study.display(root))

                """))
                return report.errors > 0 ? 1 : 0
            }
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
    }
}
