import Foundation
import Testing

/// `verbatim code --format csv|json` and `--explain` are exports: names are pseudonymised as in the
/// excerpts unless `--real-names` is given; offsets still point into the real text.
@Suite(.serialized) struct CodePrivacyCLITests {
    static let codebook = """
    codebook: essai
    language: fr
    themes:
      - id: merci
        label: Remerciements
        rules:
          - any: [merci claire, peur]
    """

    func makeStudy() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-codepriv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("transcripts"), withIntermediateDirectories: true)
        try Data("name: Essai\nlanguage: fr\ncodebook: codebook.yaml\nnames: names.csv\n".utf8).write(to: dir.appendingPathComponent("verbatim.yaml"))
        try Data(Self.codebook.utf8).write(to: dir.appendingPathComponent("codebook.yaml"))
        try Data("name,pseudonym\nClaire,Enquêtrice A\nYasmine,Volontaire 2\n".utf8).write(to: dir.appendingPathComponent("names.csv"))
        try Data("Enquêtrice : Vous avez peur ?\n\nYasmine : Oh oui, merci Claire, j'ai peur.\n\nEnquêtrice : Et vous ?\n\nGaston : Moi aussi, peur.\n\nEnquêtrice : Merci.\n\nYasmine : De rien.\n".utf8)
            .write(to: dir.appendingPathComponent("transcripts/FG1.txt"))
        return dir
    }

    @Test func recordsArePseudonymisedByDefault() throws {
        let dir = try makeStudy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = try CLI.run(["code", "--format", "json"], cwd: dir)
        #expect(json.code == 0, "\(json.err)")
        let records = try #require(try CLI.json(json.out) as? [[String: Any]])
        #expect(records.map { $0["speaker"] as? String } == ["Volontaire 2", "Volontaire 2", "Participant 1"])
        #expect(records.map { $0["match"] as? String } == ["merci Enquêtrice A", "peur", "peur"])
        #expect(!json.out.contains("Yasmine") && !json.out.contains("Claire") && !json.out.contains("Gaston"))
        // Offsets are positions in the real text: the real match is there.
        let shown = try #require(try CLI.json(try CLI.run(["show", "FG1.txt", "--format", "json"], cwd: dir).out) as? [String: Any])
        let bytes = Array((shown["text"] as! String).utf8)
        let first = records[0]
        #expect(String(decoding: bytes[(first["start"] as! Int)..<(first["end"] as! Int)], as: UTF8.self) == "merci Claire")
        // `show` is the researcher's view of the source: real names.
        #expect((shown["text"] as! String).contains("Yasmine"))

        let csv = try CLI.run(["code", "--format", "csv"], cwd: dir)
        #expect(csv.code == 0)
        let lines = csv.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("FG1.txt,2,Volontaire 2,merci,") && lines[1].contains(",merci Enquêtrice A,"))
        #expect(lines[3].hasPrefix("FG1.txt,4,Participant 1,merci,"))
        #expect(!csv.out.contains("Yasmine") && !csv.out.contains("Claire") && !csv.out.contains("Gaston"))
    }

    @Test func realNamesKeepsThem() throws {
        let dir = try makeStudy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try CLI.run(["code", "--format", "csv", "--real-names"], cwd: dir)
        #expect(csv.code == 0, "\(csv.err)")
        let lines = csv.out.split(separator: "\n").map(String.init)
        #expect(lines[1].hasPrefix("FG1.txt,2,Yasmine,merci,") && lines[1].contains(",merci Claire,"))
        #expect(lines[3].hasPrefix("FG1.txt,4,Gaston,merci,"))
        let explain = try CLI.run(["code", "--explain", "FG1.txt:2", "--real-names"], cwd: dir)
        #expect(explain.code == 0, "\(explain.err)")
        #expect(explain.out.contains("Yasmine") && explain.out.contains("merci Claire, j'ai peur"))
    }

    @Test func explainIsPseudonymisedByDefault() throws {
        let dir = try makeStudy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try CLI.run(["code", "--explain", "FG1.txt:2"], cwd: dir)
        #expect(text.code == 0, "\(text.err)")
        #expect(text.out.contains("FG1.txt turn 2  Volontaire 2"))
        #expect(text.out.contains("Oh oui, merci Enquêtrice A, j'ai peur."))
        #expect(text.out.contains("\"merci Enquêtrice A\""))
        #expect(!text.out.contains("Yasmine") && !text.out.contains("Claire"))
        let json = try CLI.run(["code", "--explain", "FG1.txt:4", "--format", "json"], cwd: dir)
        let object = try #require(try CLI.json(json.out) as? [String: Any])
        #expect(object["speaker"] as? String == "Participant 1")
        #expect(!json.out.contains("Gaston"))
    }

    @Test func helpSaysSo() throws {
        let help = try CLI.run(["code", "--help"])
        #expect(help.out.contains("--real-names"))
        #expect(help.out.contains("positions, not names"))
    }

    /// A names table that cannot be read stops the records, as it stops the excerpts.
    @Test func unreadableNamesTableStopsTheRecords() throws {
        let dir = try makeStudy()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("names.csv"))
        let r = try CLI.run(["code", "--format", "csv"], cwd: dir)
        #expect(r.code == 1)
        #expect(r.out.isEmpty)
        #expect(r.err.contains("names.csv"))
        // With --real-names the records are written (the table's error is still reported).
        let real = try CLI.run(["code", "--format", "csv", "--real-names"], cwd: dir)
        #expect(real.out.contains("FG1.txt,2,Yasmine,merci,"))
    }
}
