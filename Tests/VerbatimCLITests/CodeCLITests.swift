import Foundation
import Testing

/// `verbatim code` and `verbatim codebook` end to end, on a small study made in a temporary folder.
@Suite(.serialized) struct CodeCLITests {
    static let codebook = """
    codebook: essai
    title: Essai
    language: fr
    themes:
      - id: peur
        label: Peur d'internet
        labels: {en: Fear of the internet}
        definition: La personne dit avoir peur d'internet ou de se faire arnaquer.
        examples: ["J'ai peur de me faire arnaquer.", "Internet, ça m'angoisse."]
        counterexamples: ["Je n'ai plus peur.", "J'ai peur qu'il pleuve demain."]
        rules:
          - any: [peur, "angoiss*", arnaquer]
        unless: [peur qu'il pleuve]
        negation: confiance
      - id: confiance
        label: Confiance
        definition: La personne dit ne plus avoir peur.
        examples: ["Je n'ai plus peur."]
        rules:
          - any: [confiance]
    """

    func makeStudy() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-code-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("transcripts"), withIntermediateDirectories: true)
        try Data("name: Essai\nlanguage: fr\ncodebook: codebook.yaml\n".utf8).write(to: dir.appendingPathComponent("verbatim.yaml"))
        try Data(CodeCLITests.codebook.utf8).write(to: dir.appendingPathComponent("codebook.yaml"))
        try Data("Enquêtrice : Vous avez peur ?\n\nMme Martin : Oh oui, peur de tout. Ça m'angoisse.\n\nEnquêtrice : Et maintenant ?\n\nMme Martin : Je n'ai plus peur.".utf8)
            .write(to: dir.appendingPathComponent("transcripts/S01.txt"))
        return dir
    }

    @Test func summaryAndRecords() throws {
        let dir = try makeStudy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try CLI.run(["code"], cwd: dir)
        #expect(text.code == 0, "\(text.err)")
        #expect(text.out.contains("peur"))
        let json = try CLI.run(["code", "--format", "json"], cwd: dir)
        let records = try #require(try CLI.json(json.out) as? [[String: Any]])
        #expect(records.map { $0["theme"] as! String } == ["peur", "peur", "confiance"])
        #expect(Set(records[0].keys) == ["document", "turn", "speaker", "theme", "start", "end", "unit_start", "unit_end", "match", "rule"])
        #expect(records.map { $0["turn"] as! Int } == [2, 2, 4])
        #expect(records[2]["rule"] as? String == "negation of peur: any[peur, angoiss*, arnaquer]")
        // Offsets point into the text `verbatim show --format json` prints.
        let shown = try #require(try CLI.json(try CLI.run(["show", "S01.txt", "--format", "json"], cwd: dir).out) as? [String: Any])
        let bytes = Array((shown["text"] as! String).utf8)
        for r in records {
            #expect(String(decoding: bytes[(r["start"] as! Int)..<(r["end"] as! Int)], as: UTF8.self) == r["match"] as! String)
        }
        let csv = try CLI.run(["code", "--format", "csv"], cwd: dir)
        #expect(csv.out.split(separator: "\n").first == "document,turn,speaker,theme,start,end,unit_start,unit_end,match,rule")
        #expect(csv.out.split(separator: "\n").count == 4)
        #expect(text.out.contains("1 document coded"))
    }

    /// A transcript that cannot be read is named in an error, the others are still coded, the summary
    /// counts only the documents coded, and the exit code is 1.
    @Test func unreadableTranscriptIsNamedAndNotCounted() throws {
        let dir = try makeStudy()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data([0x45, 0x20, 0x3A, 0x20, 0x6F, 0x75, 0x69, 0x0A, 0x0A, 0x52, 0x20, 0x3A, 0x20, 0x00, 0x0A]).write(to: dir.appendingPathComponent("transcripts/S02.txt"))
        let r = try CLI.run(["code"], cwd: dir)
        #expect(r.code == 1)
        #expect(r.err.contains("S02.txt:3: error: binary data"))
        #expect(r.out.contains("1 document coded") && r.out.contains("1 not read"))
        #expect(r.out.contains("peur"))
    }

    @Test func explain() throws {
        let dir = try makeStudy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["code", "--explain", "S01.txt:4"], cwd: dir)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("coded confiance"))
        #expect(r.out.contains("negated by 'plus': coded as confiance instead"))
        let interviewer = try CLI.run(["code", "--explain", "S01.txt:1"], cwd: dir)
        #expect(interviewer.out.contains("interviewer turns are not coded"))
        let bad = try CLI.run(["code", "--explain", "S01.txt:99"], cwd: dir)
        #expect(bad.code == 1)
        #expect(bad.err.contains("no turn 99"))
    }

    @Test func codebookShowLintTest() throws {
        let dir = try makeStudy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let show = try CLI.run(["codebook", "show"], cwd: dir)
        #expect(show.code == 0)
        #expect(show.out.contains("Peur d'internet"))
        #expect(show.out.contains("en: Fear of the internet"))
        let test = try CLI.run(["codebook", "test"], cwd: dir)
        #expect(test.code == 0, "\(test.out)")
        #expect(test.out.contains("3 examples and 2 counterexamples"))
        // A failing example makes `test` exit 1 and name it.
        let failing = CodeCLITests.codebook.replacingOccurrences(of: "examples: [\"Je n'ai plus peur.\"]", with: "examples: [\"Je n'ai plus peur.\", \"Tout va bien.\"]")
        try Data(failing.utf8).write(to: dir.appendingPathComponent("failing.yaml"))
        let f = try CLI.run(["codebook", "test", "failing.yaml"], cwd: dir)
        #expect(f.code == 1)
        #expect(f.out.contains("FAIL confiance: example not coded: \"Tout va bien.\""))
    }

    @Test func badCodebooksAreLocated() throws {
        let dir = try makeStudy()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("codebook: x\nthemes:\n  - id: a\n    label: A\n    rules:\n      - any: [\"re:(unclosed\"]\n    negation: nowhere\n".utf8)
            .write(to: dir.appendingPathComponent("bad.yaml"))
        let r = try CLI.run(["code", "--codebook", "bad.yaml"], cwd: dir)
        #expect(r.code == 1)
        #expect(r.out.isEmpty)
        #expect(r.err.contains("bad.yaml:"))
        #expect(r.err.contains("invalid regular expression"))
        #expect(r.err.contains("unknown theme 'nowhere'"))
        try Data("codebook: x\nthemes: [a, b\n".utf8).write(to: dir.appendingPathComponent("syntax.yaml"))
        let s = try CLI.run(["codebook", "lint", "syntax.yaml"], cwd: dir)
        #expect(s.code == 1)
        #expect(s.err.contains("syntax.yaml:"))
        #expect(s.err.contains("YAML syntax error"))
        let missing = try CLI.run(["code", "--codebook", "nope.yaml"], cwd: dir)
        #expect(missing.code == 1)
        #expect(missing.err.contains("nope.yaml: error: no such codebook file"))
    }
}
