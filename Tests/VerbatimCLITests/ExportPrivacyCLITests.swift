import Foundation
import Testing

/// Names the exports used to leak (issue 17): a document named after its participant, a name in
/// lower case, a surname alone, a name written with a space for its hyphen or with invisible
/// characters. None of them reaches excerpts, the report or the code records by default.
@Suite(.serialized) struct ExportPrivacyCLITests {
    static let codebook = """
    codebook: essai
    language: fr
    themes:
      - id: peur
        label: Peur
        rules:
          - any: [peur]
    """

    func makeStudy() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-exportpriv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("transcripts"), withIntermediateDirectories: true)
        try Data("name: Essai\nlanguage: fr\ncodebook: codebook.yaml\nnames: names.csv\ncases: cases.csv\n".utf8)
            .write(to: dir.appendingPathComponent("verbatim.yaml"))
        try Data(Self.codebook.utf8).write(to: dir.appendingPathComponent("codebook.yaml"))
        try Data("name,pseudonym\nClaire Dubreuil,Senior 01\nMarie-Thérèse,Voisine 1\nKévin,Petit-fils 1\n".utf8)
            .write(to: dir.appendingPathComponent("names.csv"))
        try Data("document,group\nentretien-dubreuil,senior\n".utf8).write(to: dir.appendingPathComponent("cases.csv"))
        let text = """
        Enquêtrice : Bonjour madame Dubreuil, vous avez peur ?

        Claire Dubreuil : Oui, peur. Ma voisine Marie Thérèse aussi a peur, et kevin mon petit-fils n'a pas peur. Du\u{200B}breuil, c'est mon nom, la peur.

        Enquêtrice : Merci.

        Claire Dubreuil : De rien, j'ai peur quand même.
        """
        try Data(text.utf8).write(to: dir.appendingPathComponent("transcripts/entretien-dubreuil.txt"))
        return dir
    }

    static let leaks = ["dubreuil", "du\u{200B}breuil", "claire", "marie thérèse", "marie-thérèse", "kevin", "kévin"]

    @Test func noExportLeaksTheNames() throws {
        let dir = try makeStudy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("r.md")
        let runs = [
            try CLI.run(["excerpts", "--context", "1", "--format", "csv"], cwd: dir),
            try CLI.run(["excerpts", "--format", "markdown"], cwd: dir),
            try CLI.run(["code", "--format", "json"], cwd: dir),
            try CLI.run(["report", "--format", "markdown", "-o", report.path], cwd: dir),
        ]
        var outputs = runs.map(\.out)
        for r in runs { #expect(r.code == 0, "\(r.err)") }
        outputs.append(try String(contentsOf: report, encoding: .utf8))
        for (i, out) in outputs.enumerated() {
            for name in Self.leaks {
                #expect(!out.lowercased().contains(name), "output \(i) leaks \(name)")
            }
        }
        // The document is shown under its pseudonym, the rest of its name kept.
        #expect(outputs[1].contains("entretien-Senior 01.txt, tour 2"))
        #expect(outputs[1].contains("Ma voisine Voisine 1 aussi a **peur**, et Petit-fils 1 mon petit-fils"))
        // The speaker's surname alone takes the full name's pseudonym.
        #expect(outputs[0].contains("Bonjour madame Senior 01"))
    }

    @Test func realNamesKeepThem() throws {
        let dir = try makeStudy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["excerpts", "--format", "markdown", "--real-names"], cwd: dir)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("entretien-dubreuil.txt, tour 2"))
        #expect(r.out.contains("Marie Thérèse") && r.out.contains("kevin"))
    }
}
