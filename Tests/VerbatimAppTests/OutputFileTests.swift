import Foundation
import Testing
import VerbatimModel
import VerbatimStudy
import VerbatimApp
import VerbatimTestSupport

/// `OutputFile`, the one way to an `-o` file, and `StudyLocator` on a folder inside a study.
@Suite struct OutputFileTests {
    @Test func theFormatAndTheExtensionAreCheckedAgainstEachOther() throws {
        #expect(try OutputFile.resolve("a", format: nil, default: ExcerptFormat.text, command: "excerpts") == ("a.txt", .text))
        #expect(try OutputFile.resolve("a", format: ExcerptFormat.docx, default: .text, command: "excerpts") == ("a.docx", .docx))
        #expect(try OutputFile.resolve("dir.v2/a", format: ReportFormat.markdown, default: .html, command: "report") == ("dir.v2/a.md", .markdown))
        #expect(try OutputFile.resolve("a.HTM", format: nil, default: ReportFormat.markdown, command: "report") == ("a.HTM", .html))
        #expect(try OutputFile.resolve("a.markdown", format: ExcerptFormat.markdown, default: .text, command: "excerpts") == ("a.markdown", .markdown))
        do {
            _ = try OutputFile.resolve("r.pdf", format: nil, default: ReportFormat.html, command: "report")
            Issue.record("r.pdf was accepted")
        } catch let d as Diagnostic {
            #expect(d.exitClass == .usage)
            #expect(d.description == "r.pdf: error: verbatim report does not write '.pdf' files (formats: html .html, markdown .md)")
        }
        do {
            _ = try OutputFile.resolve("out.md", format: ExcerptFormat.csv, default: .text, command: "excerpts")
            Issue.record("out.md was accepted as csv")
        } catch let d as Diagnostic {
            #expect(d.exitClass == .usage)
            #expect(d.message.hasPrefix("'.md' is not a csv file: --format csv writes .csv"))
        }
    }

    @Test func inputsOfTheBundledStudyAreRefusedAndOtherFilesAccepted() throws {
        let study = try Study(root: Repository.bundledStudy)
        let cwd = Repository.bundledStudy
        for (path, what) in [("cases.csv", "case table"), ("participants.csv", "participants table"), ("names.csv", "names table"),
                             ("verbatim.yaml", "settings"), ("transcripts/S01-lyon.txt", "transcripts folder"),
                             ("../../Codebooks/les-connectes.yaml", "codebook"), ("./transcripts/../cases.csv", "case table")] {
            do {
                _ = try OutputFile(path, study: study, cwd: cwd)
                Issue.record("\(path) was accepted")
            } catch let d as Diagnostic {
                #expect(d.path == path)
                #expect(d.exitClass == .input)
                #expect(d.message.contains(what), "\(d)")
            }
        }
        // Files that are no input, not written by these checks.
        _ = try OutputFile("rapport.html", study: study, cwd: cwd)
        _ = try OutputFile("../rapport.html", study: study, cwd: cwd)
        _ = try OutputFile("sources.md", study: study, cwd: cwd)
        #expect(throws: Diagnostic.self) { try OutputFile.requireFolder(".", study: study, cwd: cwd) }
        #expect(throws: Diagnostic.self) { try OutputFile.requireFolder("transcripts/demo", study: study, cwd: cwd) }
        try OutputFile.requireFolder("verbatim-demo", study: study, cwd: cwd)
    }

    @Test func aFolderInsideAStudyOpensTheStudy() throws {
        let study = try StudyLocator.open(folder: "transcripts", cwd: Repository.bundledStudy)
        #expect(study.root?.standardizedFileURL.path == Repository.bundledStudy.standardizedFileURL.path)
        let deeper = try StudyLocator.open(folder: Repository.bundledStudy.appendingPathComponent("transcripts").path)
        #expect(deeper.config.name == study.config.name)
    }
}
