import Foundation
import Testing
import VerbatimTestSupport

/// Honest comparisons and honest N, end to end: a focus group of six speakers shares one document (the
/// matrix and the report say so and give the test on documents), `--where` keeps one group in
/// `stats`, `matrix` and `report`, and a study with an unreadable file and a document of unknown role
/// says what it could not code and leaves it out of N.
@Suite struct HonestComparisonsCLITests {
    static let codebook = """
    codebook: transport
    title: Transport
    language: en
    themes:
      - id: transport
        label: Transport
        definition: Getting around.
        rules:
          - any: [bus, train, car]
    """

    /// One focus group of six students (site north) and four staff interviews (two per site).
    static func study(extra: [String: String] = [:], config: String = "") throws -> URL {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("verbatim-honest-\(UUID().uuidString)")
        try fm.createDirectory(at: dir.appendingPathComponent("transcripts"), withIntermediateDirectories: true)
        try Data("name: Honest\nlanguage: en\ncodebook: codebook.yaml\n\(config)".utf8).write(to: dir.appendingPathComponent("verbatim.yaml"))
        try Data(codebook.utf8).write(to: dir.appendingPathComponent("codebook.yaml"))
        let names = ["Alice", "Bruno", "Chloe", "David", "Emma", "Farid"]
        var fg = "Moderator: How do you come here?\n\n"
        for (i, n) in names.enumerated() { fg += "\(n): " + (i < 5 ? "I take the bus every day.\n\n" : "I walk.\n\n") }
        fg += "Moderator: And at the weekend?\n\n"
        for n in names { fg += "\(n): The same, mostly.\n\n" }
        var files = ["fg.txt": fg]
        for i in 1...4 {
            files["staff\(i).txt"] = "Interviewer: How do you come here?\n\nRespondent: " + (i == 1 ? "By train." : "I walk, it is close.")
                + "\n\nInterviewer: Always?\n\nRespondent: Yes.\n"
        }
        for (k, v) in extra { files[k] = v }
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent("transcripts/\(name)")) }
        var cases = "document,group,site\nfg.txt,student,north\n"
        for i in 1...4 { cases += "staff\(i).txt,staff,\(i <= 2 ? "north" : "south")\n" }
        if extra["notes.txt"] != nil { cases += "notes.txt,staff,south\n" }
        try Data(cases.utf8).write(to: dir.appendingPathComponent("cases.csv"))
        var participants = "document,speaker,gender\n"
        for (i, n) in names.enumerated() { participants += "fg.txt,\(n),\(i % 2 == 0 ? "F" : "M")\n" }
        try Data(participants.utf8).write(to: dir.appendingPathComponent("participants.csv"))
        return dir
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func sharedDocumentsAreSaidAndTestedPerDocument() throws {
        let dir = try Self.study()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try Binary.run(["matrix", "--cols", "group"], cwd: dir)
        #expect(text.code == 0, "\(text.err)")
        #expect(text.out.contains("6 participant units share 1 document (focus groups)"), "\(text.out)")
        #expect(text.out.contains("--per document"))
        let participants = try Self.json(try Binary.run(["matrix", "--cols", "group", "--format", "json"], cwd: dir).out)
        let documents = try Self.json(try Binary.run(["matrix", "--cols", "group", "--per", "document", "--format", "json"], cwd: dir).out)
        #expect(participants["tested_per"] as? String == "participant" && documents["tested_per"] as? String == "document")
        #expect(participants["shared_documents"] as? Int == 1 && participants["shared_units"] as? Int == 6)
        func table(_ j: [String: Any]) throws -> [[Int]] {
            let t = try #require((j["tests"] as? [[String: Any]])?.first?["table"] as? [String: Any])
            return [try #require(t["mentions"] as? [Int]), try #require(t["does_not_mention"] as? [Int])]
        }
        // Columns staff, student: 1 of 4 staff and 5 of 6 students; per document 1 of 4 and 1 of 1.
        #expect(try table(participants) == [[1, 5], [3, 1]])
        #expect(try table(documents) == [[1, 1], [3, 0]])
        let perDocument = try Binary.run(["matrix", "--cols", "group", "--per", "document"], cwd: dir)
        #expect(perDocument.out.contains("Test per theme: documents mentioning"), "\(perDocument.out)")
        // The report gives both p-values beside each other, and says why.
        let report = try Binary.run(["report", "--by", "group", "--compare", "site", "--format", "markdown", "-o", "r.md"], cwd: dir)
        #expect(report.code == 0, "\(report.err)")
        let md = try String(contentsOf: dir.appendingPathComponent("r.md"), encoding: .utf8)
        #expect(md.contains("p (documents)"), "\(md)")
        #expect(md.contains("6 participants share 1 document (focus groups)"), "\(md)")
    }

    @Test func whereKeepsOneGroupAndSaysSo() throws {
        let dir = try Self.study()
        defer { try? FileManager.default.removeItem(at: dir) }
        let stats = try Binary.run(["stats", "--by", "site", "--where", "group=staff", "--format", "json"], cwd: dir)
        #expect(stats.code == 0, "\(stats.err)")
        let j = try Self.json(stats.out)
        #expect(j["where"] as? [String] == ["group=staff"])
        let groups = try #require(j["groups"] as? [[String: Any]])
        #expect(groups.map { $0["N"] as? Int } == [2, 2, 4], "\(groups)")
        let text = try Binary.run(["stats", "--by", "site", "--where", "group=staff"], cwd: dir)
        #expect(text.out.contains("Only participant units where group=staff."), "\(text.out)")
        let matrix = try Binary.run(["matrix", "--cols", "site", "--where", "group = staff", "--where", "site=north"], cwd: dir)
        #expect(matrix.code == 0, "\(matrix.err)")
        #expect(matrix.out.contains("Only participant units where group=staff and site=north."), "\(matrix.out)")
        let report = try Binary.run(["report", "--where", "group=staff", "--format", "markdown", "-o", "r.md"], cwd: dir)
        #expect(report.code == 0, "\(report.err)")
        let md = try String(contentsOf: dir.appendingPathComponent("r.md"), encoding: .utf8)
        #expect(md.contains("Only the participant units where group=staff are analysed."), "\(md)")
        #expect(md.contains("**4** participants"), "\(md)")
        let bad = try Binary.run(["stats", "--where", "grup=staff"], cwd: dir)
        #expect(bad.code == 1 && bad.err.contains("did you mean 'group'"), "\(bad.err)")
        let none = try Binary.run(["stats", "--where", "group=nobody"], cwd: dir)
        #expect(none.code == 1 && none.err.contains("no participant unit has group=nobody"), "\(none.err)")
        let malformed = try Binary.run(["matrix", "--cols", "site", "--where", "group"], cwd: dir)
        #expect(malformed.code != 0 && malformed.out.isEmpty, "\(malformed.err)")
    }

    @Test func whatCannotBeCodedIsSaidAndNotInN() throws {
        // An unreadable Word file, and a document without labels in a study that ignores such text.
        let dir = try Self.study(extra: ["notes.txt": "Some notes about the bus and the weather.\n\nMore notes.\n"],
                                 config: "speakers:\n  unlabelled: ignore\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("not a zip".utf8).write(to: dir.appendingPathComponent("transcripts/broken.docx"))
        let code = try Binary.run(["code"], cwd: dir)
        #expect(code.code == 1, "an unreadable file is an error")
        #expect(code.err.contains("broken.docx"), "\(code.err)")
        #expect(code.out.contains("5 documents coded"), "\(code.out)")
        #expect(code.out.contains("1 not read"), "\(code.out)")
        #expect(code.out.contains("1 document not coded, and not in N: notes.txt (2 turns)"), "\(code.out)")
        let stats = try Binary.run(["stats", "--by", "group", "--format", "json"], cwd: dir)
        let j = try Self.json(stats.out)
        let groups = try #require(j["groups"] as? [[String: Any]])
        #expect(groups.map { $0["N"] as? Int } == [4, 6, 10], "notes.txt is not a participant unit: \(groups)")
        #expect(j["documents"] as? Int == 5)
        let notCoded = try #require(j["not_coded"] as? [String])
        #expect(notCoded.first?.hasPrefix("1 document not coded, and not in N: notes.txt") == true, "\(notCoded)")
        let report = try Binary.run(["report", "--format", "markdown", "-o", "r.md"], cwd: dir)
        let md = try String(contentsOf: dir.appendingPathComponent("r.md"), encoding: .utf8)
        #expect(md.contains("1 document not coded and not in N: notes.txt (2 turns)"), "\(report.err)\n\(md)")
    }
}
