import Foundation
import Testing
import VerbatimTestSupport

/// `verbatim export qdc|qdpx` and `verbatim import` from the command line: output, exit codes, one-line
/// errors, inputs never replaced.
@Suite(.serialized) struct ExchangeCLITests {
    @Test func exportThenImportFromTheCommandLine() throws {
        let study = try StudyCopy()
        defer { try? FileManager.default.removeItem(at: study.base) }
        let qdc = try study.run(["export", "qdc", "-o", "../codebook.qdc"])
        #expect(qdc.code == 0, "\(qdc.err)")
        #expect(qdc.out.hasSuffix("48 themes (REFI-QDA codebook)\n"), "\(qdc.out)")
        let printed = try study.run(["export", "qdc"])
        #expect(printed.out == (try String(contentsOf: study.base.appendingPathComponent("codebook.qdc"), encoding: .utf8)))
        let qdpx = try study.run(["export", "qdpx", "-o", "../study.qdpx", "--format", "json"])
        #expect(qdpx.code == 0, "\(qdpx.err)")
        #expect(qdpx.out.contains("\"sources\": 30"), "\(qdpx.out)")
        let imported = try Binary.run(["import", "study.qdpx", "--into", "copy"], cwd: study.base)
        #expect(imported.code == 0, "\(imported.err)")
        #expect(imported.out.hasPrefix("copy: imported a project (written by verbatim "), "\(imported.out)")
        #expect(imported.out.contains("everything was carried"))
        let check = try Binary.run(["check"], cwd: study.base.appendingPathComponent("copy"))
        #expect(check.code == 0, "\(check.err)")
    }

    @Test func badInputIsOneLineAndExitOne() throws {
        let study = try StudyCopy()
        defer { try? FileManager.default.removeItem(at: study.base) }
        // Never over an input.
        let over = try study.run(["export", "qdpx", "-o", "cases.csv"])
        #expect(over.code == 1)
        #expect(over.err.hasPrefix("cases.csv: error: is the study's case table"), "\(over.err)")
        // Not a REFI-QDA file.
        try "plain text".write(to: study.base.appendingPathComponent("notes.qdc"), atomically: true, encoding: .utf8)
        let notXML = try Binary.run(["import", "notes.qdc"], cwd: study.base)
        #expect(notXML.code == 1)
        #expect(notXML.err.hasPrefix("notes.qdc:"), "\(notXML.err)")
        #expect(notXML.err.contains("error: not a REFI-QDA file: malformed XML"), "\(notXML.err)")
        #expect(notXML.err.split(separator: "\n").count == 1, "\(notXML.err)")
        #expect(!FileManager.default.fileExists(atPath: study.base.appendingPathComponent("notes").path))
        let missing = try Binary.run(["import", "nope.qdpx"], cwd: study.base)
        #expect(missing.code == 1 && missing.err == "nope.qdpx: error: no such file\n", "\(missing.err)")
        // The study itself is not an empty folder.
        _ = try study.run(["export", "qdpx", "-o", "../p.qdpx"])
        let into = try Binary.run(["import", "p.qdpx", "--into", "study"], cwd: study.base)
        #expect(into.code == 1)
        #expect(into.err.hasPrefix("study: error: exists and is not empty"), "\(into.err)")
    }
}
