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

    /// The working views that print turn text (the rules' suggestions, the codings, the search) follow
    /// the same rule: names replaced, the document under its pseudonym, unless `--real-names`.
    @Test func suggestionsCodingsAndSearchLeakNoName() throws {
        let dir = try makeStudy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tagged = try CLI.run(["tag", "entretien-dubreuil", "2", "peur", "--coder", "Ana", "--memo", "Claire Dubreuil a peur"], cwd: dir)
        #expect(tagged.code == 0, "\(tagged.err)")
        let runs = [
            try CLI.run(["suggestions", "--coder", "Ana"], cwd: dir),
            try CLI.run(["suggestions", "--format", "csv"], cwd: dir),
            try CLI.run(["suggestions", "--format", "json"], cwd: dir),
            try CLI.run(["codings", "--format", "csv"], cwd: dir),
            try CLI.run(["codings"], cwd: dir),
            try CLI.run(["search", "peur"], cwd: dir),
            try CLI.run(["search", "peur", "--format", "csv"], cwd: dir),
        ]
        for (i, r) in runs.enumerated() {
            #expect(r.code == 0, "run \(i): \(r.err)")
            for name in Self.leaks {
                #expect(!r.out.lowercased().contains(name), "run \(i) leaks \(name): \(r.out.prefix(400))")
            }
            #expect(r.out.contains("entretien-Senior 01"), "run \(i) shows the document under its pseudonym: \(r.out.prefix(300))")
        }
        // The match marked in the pseudonymised turn is the pseudonymised match.
        let json = try JSONSerialization.jsonObject(with: Data(runs[2].out.utf8)) as! [[String: Any]]
        #expect(json.count >= 4)
        for s in json {
            let text = Array((s["turn_text"] as! String).utf8)
            let lo = s["match_start"] as! Int, hi = s["match_end"] as! Int
            #expect(String(decoding: text[lo..<hi], as: UTF8.self) == s["match"] as! String)
            #expect(s["speaker"] as? String == "Senior 01")
        }
        let real = try CLI.run(["suggestions", "--real-names", "--format", "csv"], cwd: dir)
        #expect(real.out.contains("entretien-dubreuil.txt") && real.out.contains("Claire Dubreuil"), "\(real.out.prefix(300))")
    }

    /// Speakers the names table does not list are numbered across the whole export: "Participant 1"
    /// is one person, not the first unknown speaker of every document.
    @Test func numberedSpeakersAreUniqueAcrossDocuments() throws {
        let dir = try makeStudy()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (file, name) in [("un.txt", "Zorglub"), ("deux.txt", "Bidule")] {
            let text = "Enquêtrice : Bonjour ?\n\n\(name) : peur un.\n\nEnquêtrice : Et ?\n\n\(name) : peur deux.\n\nEnquêtrice : Merci.\n\n\(name) : peur trois.\n"
            try Data(text.utf8).write(to: dir.appendingPathComponent("transcripts/\(file)"))
        }
        let csv = try CLI.run(["code", "--format", "csv"], cwd: dir)
        #expect(csv.code == 0, "\(csv.err)")
        let rows = csv.out.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let speakers = Dictionary(grouping: rows, by: { String($0[0]) }).mapValues { Set($0.map { String($0[2]) }) }
        #expect(speakers["deux.txt"] != nil && speakers["un.txt"] != nil, "\(csv.out.prefix(400))")
        #expect(speakers["deux.txt"]!.count == 1 && speakers["un.txt"]!.count == 1)
        #expect(speakers["deux.txt"] != speakers["un.txt"], "two people, two pseudonyms: \(speakers)")
        // The excerpts number them the same way as the code records.
        let excerpts = try CLI.run(["excerpts", "--theme", "peur", "--format", "csv"], cwd: dir)
        #expect(excerpts.code == 0, "\(excerpts.err)")
        for (doc, shown) in speakers {
            #expect(excerpts.out.contains(shown.first!) , "\(doc) as \(shown): \(excerpts.out.prefix(500))")
        }
    }

    /// A speaker the table does not list is hidden in what others say too: "Zorglub a raison" is
    /// "Participant N a raison", N being the number of Zorglub's own attribution.
    @Test func unlistedSpeakersAreReplacedInsideTheText() throws {
        let dir = try makeStudy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "Enquêtrice : Bonjour ?\n\nZorglub : J'ai peur, Bidule aussi.\n\nBidule : Zorglub a raison, j'ai peur.\n\n"
            + "Zorglub : Oui, peur.\n\nBidule : Peur aussi.\n\nEnquêtrice : Merci.\n"
        try Data(text.utf8).write(to: dir.appendingPathComponent("transcripts/groupe.txt"))
        let runs = [try CLI.run(["excerpts", "--theme", "peur", "--format", "markdown"], cwd: dir),
                    try CLI.run(["report", "--format", "markdown", "-o", dir.appendingPathComponent("r.md").path], cwd: dir),
                    try CLI.run(["suggestions", "--format", "csv"], cwd: dir)]
        for r in runs { #expect(r.code == 0, "\(r.err)") }
        let outputs = [runs[0].out, try String(contentsOf: dir.appendingPathComponent("r.md"), encoding: .utf8), runs[2].out]
        for (i, out) in outputs.enumerated() {
            #expect(!out.contains("Zorglub") && !out.contains("Bidule"), "output \(i): \(out.prefix(800))")
        }
        // The same pseudonym in the text as in the attribution.
        let excerpts = runs[0].out
        guard let said = excerpts.range(of: #"Participant \d+ a raison"#, options: .regularExpression) else {
            Issue.record("no pseudonym where Zorglub is named: \(excerpts.prefix(800))"); return
        }
        let zorglub = String(excerpts[said].dropLast(" a raison".count))
        #expect(excerpts.contains("*\(zorglub) — groupe.txt, tour 2*"), "\(excerpts.prefix(1200))")
        // The real names stay with --real-names.
        let real = try CLI.run(["excerpts", "--theme", "peur", "--format", "markdown", "--real-names"], cwd: dir)
        #expect(real.out.contains("Zorglub a raison"))
    }
}
