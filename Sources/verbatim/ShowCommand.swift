import ArgumentParser
import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimExport

extension Verbatim {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one transcript turn by turn, numbered, with speakers and roles.",
            discussion: """
            DOC is a file path or a document name of the study (with or without its extension).

            Examples:
              verbatim show S01-lyon.txt
              verbatim show interview.docx --format json | jq '.turns[0]'
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: "Output format: text or json (csv: one row per turn).") var format: OutputFormat = .text
        @Argument(help: "The transcript to show.") var doc: String

        func run() throws {
            try guarded {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: doc, isDirectory: &isDir), isDir.boolValue {
                    throw CLIError("\(doc): error: is a folder, not a transcript file")
                }
                let study = try studyOptions.open(paths: [doc])
                let corpus = Corpus(study: study, paths: [doc])
                for d in corpus.diagnostics { Terminal.report(d) }
                guard let entry = corpus.entries.first else { return 1 }
                let t: Transcript
                do { t = try study.load(document: entry.document, url: entry.url) } catch {
                    throw CLIError(String(describing: error))
                }
                for d in t.diagnostics { Terminal.report(d) }
                switch format {
                case .json:
                    Terminal.out(TranscriptJSON.full(t).serialized() + "\n")
                case .csv:
                    var csv = CSVWriter(header: ["index", "speaker", "role", "time", "start", "end", "text"])
                    for turn in t.turns {
                        csv.row([String(turn.index), turn.speaker ?? "", turn.role.rawValue, turn.time?.display ?? "",
                                 String(turn.start), String(turn.end), t.text(of: turn)])
                    }
                    Terminal.out(csv.text)
                case .text:
                    Terminal.out(render(t))
                }
                return 0
            }
        }

        func render(_ t: Transcript) -> String {
            var out = Terminal.bold(t.document) + "  " + Terminal.dim("\(t.format.rawValue), \(t.turns.count) turns, \(t.wordCount) words") + "\n"
            if !t.attributes.isEmpty {
                out += Terminal.dim(t.attributes.pairs.map { "\($0.name): \($0.value)" }.joined(separator: " · ")) + "\n"
            }
            if let first = t.turns.first, first.labelStart > 0 {
                let pre = t.slice(0, first.labelStart).trimmingCharacters(in: .whitespacesAndNewlines)
                if !pre.isEmpty {
                    out += "\n" + Terminal.dim("(preamble, not a turn)") + "\n"
                    for l in pre.split(separator: "\n", omittingEmptySubsequences: true) { out += Terminal.dim("  " + l) + "\n" }
                }
            }
            let width = String(t.turns.count).count
            for turn in t.turns {
                let num = String(repeating: " ", count: width - String(turn.index).count) + String(turn.index)
                var head = "\n" + Terminal.dim(num) + "  "
                let name = turn.speaker ?? "(unknown speaker)"
                head += turn.role == .interviewer ? Terminal.cyan(name) : Terminal.bold(name)
                head += Terminal.dim(" [\(turn.role.rawValue)]")
                if let time = turn.time { head += Terminal.dim(" " + time.display) }
                out += head + "\n"
                let indent = String(repeating: " ", count: width + 2)
                for l in t.text(of: turn).split(separator: "\n", omittingEmptySubsequences: false) {
                    out += (l.isEmpty ? "" : indent + l) + "\n"
                }
            }
            if !t.notes.isEmpty {
                out += "\n" + Terminal.bold("Notes") + "\n"
                for n in t.notes {
                    out += "  [\(n.kind.rawValue)\(n.author.map { ", " + $0 } ?? "")] " + n.text.replacingOccurrences(of: "\n", with: " ") + "\n"
                }
            }
            return out
        }
    }
}
