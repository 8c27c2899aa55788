import Foundation
import Testing
import VerbatimTestSupport

/// A names table the study declares but that cannot be read stops every export: otherwise every real
/// name it lists would be in the export (issue 17).
@Suite struct NamesTableFailureTests {
    @Test(arguments: ["missing", "unclosed quote"])
    func exportsStopWhenTheNamesTableCannotBeRead(_ problem: String) throws {
        let s = try StudyCopy()
        defer { s.remove() }
        let names = s.url("names.csv")
        let original = try String(contentsOf: names, encoding: .utf8)
        // A real name of the table, which the export must not hold.
        let realName = try #require(original.split(separator: "\n").dropFirst().first?.split(separator: ",").first.map(String.init))
        if problem == "missing" {
            try FileManager.default.removeItem(at: names)
        } else {
            try Data((original + "\"Dupont,Participant X\n").utf8).write(to: names)
        }
        for (args, output) in [(["excerpts", "--theme", "isolement", "-o"], "out.html"), (["report", "-o"], "report.html"),
                               (["excerpts", "--theme", "isolement", "--format", "csv", "-o"], "out.csv")] {
            let target = s.base.appendingPathComponent(output)
            let r = try s.run(args + [target.path])
            #expect(r.code == 1, "\(args): \(r.err)")
            #expect(!r.signalled)
            #expect(r.err.contains("names.csv"), "\(r.err)")
            #expect(r.err.contains("nothing is exported"), "\(r.err)")
            #expect(!FileManager.default.fileExists(atPath: target.path), "no export written")
            #expect(!r.out.contains(realName))
        }
        // With --real-names the user asks for the names and gets the export; the broken table is
        // still reported as the study's error.
        let target = s.base.appendingPathComponent("real.csv")
        let r = try s.run(["excerpts", "--theme", "isolement", "--format", "csv", "--real-names", "-o", target.path])
        #expect(r.err.contains("names.csv"), "\(r.err)")
        #expect(!r.err.contains("nothing is exported"), "\(r.err)")
        #expect(FileManager.default.fileExists(atPath: target.path))
    }
}
