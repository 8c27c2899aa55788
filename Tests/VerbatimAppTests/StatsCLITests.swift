import Foundation
import Testing

/// The stats, matrix and cooccur commands, run as a researcher would on the fixture study.
@Suite(.serialized) struct StatsCLITests {
    @Test func statsTextCSVAndJSON() throws {
        let dir = try StatsFixture.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try StatsFixture.run(["stats"], cwd: dir)
        #expect(text.code == 0, "\(text.err)")
        #expect(text.out.contains("Participant units mentioning each theme, by group"))
        #expect(text.out.contains("4/7 (57%)"))
        #expect(text.out.contains("  Démarches"))
        let csv = try StatsFixture.run(["stats", "--format", "csv", "--by", "group,wave"], cwd: dir)
        #expect(csv.code == 0, "\(csv.err)")
        #expect(csv.out.hasPrefix("theme,label,depth,group,wave,n,N,percent,units,documents,words,small_n\n"))
        let json = try StatsFixture.run(["stats", "--format", "json", "--by", "group,wave"], cwd: dir)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let records = try #require(obj["records"] as? [[String: Any]])
        let rows = StatsFixture.csvRecords(csv.out)
        #expect(rows.count == records.count)
        for (c, j) in zip(rows, records) {
            for (k, v) in c { #expect(StatsFixture.same(v, j[k]), "\(k) \(c) \(j)") }
        }
        let md = try StatsFixture.run(["stats", "--format", "markdown"], cwd: dir)
        #expect(md.out.contains("| Theme | A | B | Total |"))
    }

    @Test func matrixAndCooccur() throws {
        let dir = try StatsFixture.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try StatsFixture.run(["matrix", "--cols", "context"], cwd: dir)
        #expect(m.code == 0, "\(m.err)")
        #expect(m.out.contains("Fisher"))
        #expect(m.out.contains("0.143"))
        let csv = try StatsFixture.run(["matrix", "--rows", "themes", "--cols", "context", "--format", "csv"], cwd: dir)
        let json = try StatsFixture.run(["matrix", "--cols", "context", "--format", "json"], cwd: dir)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let records = try #require(obj["records"] as? [[String: Any]])
        let rows = StatsFixture.csvRecords(csv.out)
        #expect(rows.count == records.count)
        for (c, j) in zip(rows, records) {
            for (k, v) in c where k != "warnings" { #expect(StatsFixture.same(v, j[k]), "\(k) \(c) \(j)") }
        }
        let co = try StatsFixture.run(["cooccur", "--level", "document", "--format", "csv"], cwd: dir)
        #expect(co.code == 0, "\(co.err)")
        #expect(co.out.split(separator: "\n").count == 7)
    }

    @Test func badInputsListTheValidNamesAndPrintNothing() throws {
        let dir = try StatsFixture.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [([String], String)] = [
            (["stats", "--by", "territoire"], "error: unknown attribute 'territoire' (attributes: context, gender, group, wave)"),
            (["matrix", "--cols", "wave,territoire"], "error: unknown attribute 'territoire' (attributes: context, gender, group, wave)"),
            (["stats", "--theme", "x"], "codebook.yaml: error: unknown theme 'x' (themes: peur, usages, demarches, famille, relance)"),
            (["matrix", "--cols", "wave", "--theme", "x"], "codebook.yaml: error: unknown theme 'x' (themes: peur, usages, demarches, famille, relance)"),
            (["stats", "--by", "gender", "--per", "document"], "error: no document has a value for 'gender': 'gender' is a participant attribute; count per participant instead"),
            (["stats", "--by", "gender", "I1.txt"], "error: no document in the selection has a value for 'gender' (1 document selected)"),
            (["stats", "missing.txt"], "error: no documents to analyse (none of the paths given is a readable transcript)"),
        ]
        for (args, message) in cases {
            let r = try StatsFixture.run(args, cwd: dir)
            #expect(r.code == 1, "\(args)")
            #expect(r.out.isEmpty, "\(args)")
            #expect(r.err.split(separator: "\n").last.map(String.init) == message, "\(args): \(r.err)")
        }
        let rows = try StatsFixture.run(["matrix", "--rows", "documents", "--cols", "wave"], cwd: dir)
        #expect(rows.code == 64)
        #expect(rows.out.isEmpty)
        #expect(rows.err.contains("--rows can only be 'themes'"))
        let three = try StatsFixture.run(["stats", "--by", "group,wave,context"], cwd: dir)
        #expect(three.code == 64)
        #expect(three.out.isEmpty)
    }

    @Test func helpHasExamples() throws {
        for command in ["stats", "matrix", "cooccur"] {
            let r = try StatsFixture.run([command, "--help"], cwd: FileManager.default.temporaryDirectory)
            #expect(r.code == 0)
            #expect(r.out.contains("Examples:"), "\(command)")
        }
    }
}
