import Foundation
import Testing
import VerbatimModel
import VerbatimIngest
@testable import VerbatimStudy

/// A fresh study folder per test.
func makeStudy(config: String = "name: Test\nlanguage: fr\n", files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-study-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("transcripts"), withIntermediateDirectories: true)
    try Data(config.utf8).write(to: dir.appendingPathComponent("verbatim.yaml"))
    for (name, content) in files {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: url)
    }
    return dir
}

let interview = "Enquêtrice : Bonjour.\n\nMme Martin : Bonjour.\n\nEnquêtrice : Et alors ?\n\nMme Martin : Voilà."

@Suite struct StudyConfigTests {
    @Test func parsesEveryKey() throws {
        let yaml = """
        name: Les Connectés
        language: FR
        transcripts: [entretiens, focus]
        cases: cas.csv
        participants: part.csv
        speakers:
          interviewers: [Claire, "Nadia Benali"]
          participants: [E]
          labels: [Voix off]
          patterns: ['(Locuteur \\d+) -']
        names:
          Jeannine Martin: Senior 01
        unit: sentence
        """
        let (c, warnings) = try StudyConfig.parse(yaml, path: "verbatim.yaml")
        #expect(warnings.isEmpty)
        #expect(c.name == "Les Connectés")
        #expect(c.language == "fr")
        #expect(c.transcripts == ["entretiens", "focus"])
        #expect(c.speakerRules.interviewers == ["Claire", "Nadia Benali"])
        #expect(c.speakerRules.patterns == ["(Locuteur \\d+) -"])
        #expect(c.names.first?.pseudonym == "Senior 01")
        #expect(c.unit == "sentence")
    }

    @Test func unknownKeysAreWarnedWithTheirLine() throws {
        let (_, warnings) = try StudyConfig.parse("name: X\nlangage: fr\nspeakers:\n  interviewer: [E]\n", path: "verbatim.yaml")
        #expect(warnings.map(\.description) == [
            "verbatim.yaml:2:1: warning: unknown key 'langage' (known: cases, codebook, description, language, name, names, participants, speakers, transcripts, unit)",
            "verbatim.yaml:4:3: warning: unknown key 'speakers.interviewer' (known: interviewers, labels, participants, patterns, unlabelled)",
        ])
    }

    @Test func syntaxErrorsAreLocated() throws {
        do {
            _ = try StudyConfig.parse("name: X\nspeakers: [a, b\nunit: turn\n", path: "verbatim.yaml")
            Issue.record("expected an error")
        } catch let e as StudyError {
            #expect(e.diagnostic.line != nil)
            #expect(e.description.hasPrefix("verbatim.yaml:"))
            #expect(e.description.contains("error: YAML syntax error"))
        }
        #expect(throws: StudyError.self) { try StudyConfig.parse("unit: word\n", path: "verbatim.yaml") }
    }
}

@Suite struct StudyTests {
    @Test func findsTheStudyUpwardsAndReadsAttributes() throws {
        let dir = try makeStudy(files: [
            "transcripts/S01.txt": interview,
            "transcripts/sub/S02.md": "---\ngroup: senior\nwave: 2\n---\n" + interview,
            "cases.csv": "document;group;territory;age;date\nS01.txt;senior;Lyon;78;2019-03-12\nS02;senior;\"Creuse, Guéret\";81;2020-01-21\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let found = Study.find(from: dir.appendingPathComponent("transcripts/sub"))
        #expect(found?.standardizedFileURL.path == dir.standardizedFileURL.path)
        let study = try Study(root: dir)
        #expect(study.diagnostics.isEmpty)
        let corpus = Corpus(study: study, paths: [])
        #expect(corpus.entries.map(\.document) == ["S01.txt", "sub/S02.md"])
        let ts = corpus.map { _, r in try! r.get() }
        #expect(ts[0].attributes.pairs.map(\.value) == ["senior", "Lyon", "78", "2019-03-12"])
        // The case table wins over front matter; front matter adds what the table lacks.
        #expect(ts[1].attributes["territory"] == "Creuse, Guéret")
        #expect(ts[1].attributes["wave"] == "2")
        let summary = AttributeSummary.summarize(documents: ts.map(\.attributes), speakers: [])
        #expect(Dictionary(uniqueKeysWithValues: summary.map { ($0.name, $0.type) }) ==
                ["group": .text, "territory": .text, "age": .number, "date": .date, "wave": .number])
    }

    @Test func participantsAndInterviewerColumn() throws {
        let fg = "Nadia : Qui commence ?\n\nInès : Moi.\n\nKarim : Moi.\n\nNadia : Merci.\n\nInès : De rien.\n\nKarim : Oui.\n\nZoé : Salut."
        let dir = try makeStudy(files: [
            "transcripts/FG1.txt": fg,
            "cases.csv": "document,group,interviewer\nFG1.txt,volontaire,Nadia Benali\n",
            "participants.csv": "document,speaker,gender\nFG1.txt,Inès,F\nFG1.txt,Karim,M\nFG1.txt,Paul,M\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let study = try Study(root: dir)
        let corpus = Corpus(study: study, paths: [])
        let facts = corpus.map { e, r in StudyChecker.facts(e, r, study: study) }
        let t = try study.load(document: "FG1.txt", url: corpus.entries[0].url)
        #expect(t.speakers.map(\.role) == [.interviewer, .participant, .participant, .participant])
        #expect(t.speakerAttributes["Inès"]?["gender"] == "F")
        let messages = facts[0].diagnostics.map(\.message)
        #expect(messages.contains("speaker 'Zoé' is missing from participants.csv"))
        #expect(messages.contains("speaker 'Paul' of FG1.txt never speaks in the transcript"))
    }

    @Test func checkFindsProblems() throws {
        let typo = interview + "\n\nEnquetrise : Merci.\n\nEnquêtrice : Au revoir.\n\nMme Martin : Au revoir."
        let dir = try makeStudy(files: [
            "transcripts/ok.txt": interview,
            "transcripts/one.txt": "Mme Martin : Je parle seule.\n\nMme Martin : Encore moi.",
            "transcripts/typo.txt": typo,
            "transcripts/broken.docx": "this is not a zip",
            "cases.csv": "document,group\nok.txt,senior\none.txt,senior\ntypo.txt,senior\nbroken.docx,senior\nghost.txt,senior\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let study = try Study(root: dir)
        let corpus = Corpus(study: study, paths: [])
        let facts = corpus.map { e, r in StudyChecker.facts(e, r, study: study) }
        let all = facts.flatMap(\.diagnostics) + StudyChecker.studyDiagnostics(study, documents: corpus.entries.map(\.document))
        let text = all.map(\.description).joined(separator: "\n")
        #expect(all.contains { $0.severity == .error && $0.path.hasSuffix("broken.docx") })
        #expect(text.contains("only one speaker ('Mme Martin')"))
        #expect(text.contains("speaker 'Enquetrise' (1 turn) looks like a typo of 'Enquêtrice'"))
        #expect(text.contains("cases.csv:6: warning: document 'ghost.txt' is not among the study's transcripts"))
        #expect(!text.contains("ok.txt"))
    }

    @Test func badTables() throws {
        let dir = try makeStudy(files: [
            "transcripts/a.txt": interview,
            "cases.csv": "document,group\na.txt,\"senior\nb.txt,x\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let study = try Study(root: dir)
        #expect(study.diagnostics.map(\.description) == [
            "\(Study.display(dir.appendingPathComponent("cases.csv"))):2: error: unterminated quoted field",
        ])
    }

    @Test func initCreatesAStudyAndRefusesToOverwrite() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try StudyTemplate.create(at: dir, name: "Mon étude")
        let study = try Study(root: dir)
        #expect(study.name == "Mon étude")
        // Until a transcript is put in it, the empty transcripts folder is the one problem (issue 17).
        #expect(study.diagnostics.map(\.message) == ["the study's transcripts folder holds no transcript file (.txt, .md, .docx, .odt, .vtt, .srt, .sbv): nothing to read"])
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("transcripts").path))
        #expect(throws: StudyError.self) { try StudyTemplate.create(at: dir, name: nil) }
    }

    @Test func csvDialects() throws {
        let t = try CSVTable.parse(Data("\u{FEFF}a;b\r\n1;\"x;y\"\r\n2;\"he said \"\"hi\"\"\"\r\n".utf8), path: "t.csv")
        #expect(t.header == ["a", "b"])
        #expect(t.rows.map(\.fields) == [["1", "x;y"], ["2", "he said \"hi\""]])
        #expect(t.rows.map(\.line) == [2, 3])
    }
}
