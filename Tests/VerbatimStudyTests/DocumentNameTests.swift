import Foundation
import Testing
import VerbatimModel
import VerbatimIngest
import VerbatimTestSupport
@testable import VerbatimStudy

/// One way of finding a document by name, for the tables and the command line (`DocumentResolver`).
@Suite struct DocumentResolverTests {
    let resolver = DocumentResolver(documents: ["S01-lyon.txt", "course/transcript.txt", "course/ID1.docx", "en/focus/FG1.md",
                                                "a/notes.txt", "b/notes.txt", "x/S02.txt", "x/S02.docx"],
                                    folders: ["transcripts"])

    @Test func everyWayOfNamingADocument() {
        for (name, doc) in [("S01-lyon.txt", "S01-lyon.txt"), ("S01-lyon", "S01-lyon.txt"), ("transcripts/S01-lyon.txt", "S01-lyon.txt"),
                            ("transcript.txt", "course/transcript.txt"), ("transcript", "course/transcript.txt"),
                            ("course/transcript", "course/transcript.txt"), ("./transcripts/course/transcript.txt", "course/transcript.txt"),
                            ("ID1.docx", "course/ID1.docx"), ("ID1", "course/ID1.docx"), ("focus/FG1.md", "en/focus/FG1.md"),
                            ("course\\transcript.txt", "course/transcript.txt"), ("s01-LYON.TXT", "S01-lyon.txt"),
                            (" x/S02.docx ", "x/S02.docx")] {
            #expect(resolver.resolve(name) == .document(doc), "\(name)")
        }
    }

    @Test func ambiguousAndMissingNames() {
        #expect(resolver.resolve("notes.txt") == .ambiguous(["a/notes.txt", "b/notes.txt"]))
        #expect(resolver.resolve("S02") == .ambiguous(["x/S02.docx", "x/S02.txt"]))
        #expect(resolver.resolve("ript.txt") == .none)
        #expect(resolver.resolve("ghost") == .none)
        #expect(resolver.resolve("") == .none)
        #expect(DocumentResolver.ambiguity("notes.txt", ["a/notes.txt", "b/notes.txt"])
                == "'notes.txt' could be any of 2 documents: a/notes.txt, b/notes.txt; write its path inside the transcripts folder")
    }
}

/// Tables and command arguments naming documents in sub-folders; duplicate, ambiguous and orphan rows.
@Suite struct DocumentNameTests {
    static let focusGroup = "[id1] I like the course.\n\n[id2] I am struggling.\n\n[id3] The slides are OK.\n\n[id1] I learn a lot.\n\n[id2] I will ask for help.\n\n[id3] Yes."

    @Test func tablesNameDocumentsInSubFoldersByFileName() throws {
        let dir = try makeStudy(files: [
            "transcripts/course/transcript.txt": DocumentNameTests.focusGroup,
            "transcripts/course/ID1.txt": "I really like learning new things.",
            "cases.csv": "document,group\ntranscript.txt,students\nID1,respondent\n",
            "participants.csv": "document,speaker,age\ntranscript.txt,id1,20\ntranscript,id2,30\ncourse/transcript.txt,id3,40\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let study = try Study(root: dir)
        #expect(study.diagnostics.isEmpty, "\(study.diagnostics)")
        let corpus = Corpus(study: study, paths: [])
        let ts = corpus.map { _, r in try! r.get() }
        let fg = try #require(ts.first { $0.document == "course/transcript.txt" })
        #expect(fg.attributes["group"] == "students")
        #expect(fg.speakerAttributes.keys.sorted() == ["id1", "id2", "id3"])
        #expect(fg.speakerAttributes["id3"]?["age"] == "40")
        #expect(ts.first { $0.document == "course/ID1.txt" }?.attributes["group"] == "respondent")
        let facts = corpus.map { e, r in StudyChecker.facts(e, r, study: study) }
        let messages = facts.flatMap(\.diagnostics).map(\.message) + StudyChecker.studyDiagnostics(study).map(\.message)
        #expect(!messages.contains { $0.contains("participants") || $0.contains("not among") || $0.contains("no attributes") }, "\(messages)")
    }

    // Needs ../shared/corpora/transcripts/en/qualcoder: QualCoder's focus group and a respondent's DOCX,
    // put in a study's sub-folder (copied to a temporary study, never into the repository).
    @Test(.enabled(if: Shared.exists("corpora/transcripts/en/qualcoder"), "needs ../shared/corpora/transcripts/en/qualcoder"))
    func sharedFilesInASubFolder() throws {
        let dir = try makeStudy(files: [
            "cases.csv": "document,group\ntranscript.txt,students\nID1.docx,respondent\n",
            "participants.csv": "document,speaker,gender\ntranscript.txt,id1,F\ntranscript.txt,id2,M\ntranscript.txt,id3,F\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let course = dir.appendingPathComponent("transcripts/course")
        try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
        for name in ["transcript.txt", "ID1.docx"] {
            try FileManager.default.copyItem(at: Shared.url("corpora/transcripts/en/qualcoder/\(name)"), to: course.appendingPathComponent(name))
        }
        let study = try Study(root: dir)
        #expect(study.diagnostics.isEmpty, "\(study.diagnostics)")
        for name in ["ID1.docx", "ID1", "course/ID1.docx", "transcripts/course/ID1.docx"] {
            let c = Corpus(study: study, paths: [name])
            #expect(c.entries.map(\.document) == ["course/ID1.docx"], "\(name)")
            #expect(c.diagnostics.isEmpty)
        }
        let c = Corpus(study: study, paths: ["transcript.txt"])
        let t = try study.load(document: c.entries[0].document, url: c.entries[0].url)
        #expect(t.document == "course/transcript.txt")
        #expect(t.speakerAttributes.count == 3)
        #expect(t.attributes["group"] == "students")
        let id1 = try study.load(document: "course/ID1.docx", url: course.appendingPathComponent("ID1.docx"))
        #expect(id1.attributes["group"] == "respondent")
        #expect(id1.turns.allSatisfy { $0.role == .participant })
    }

    @Test func anAmbiguousNameIsAnErrorListingTheCandidates() throws {
        let dir = try makeStudy(files: [
            "transcripts/a/notes.txt": interview,
            "transcripts/b/notes.txt": interview,
            "cases.csv": "document,group\nnotes.txt,senior\na/notes.txt,senior\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let study = try Study(root: dir)
        let cases = Study.display(dir.appendingPathComponent("cases.csv"))
        #expect(study.diagnostics.map(\.description) == [
            "\(cases):2: error: 'notes.txt' could be any of 2 documents: a/notes.txt, b/notes.txt; write its path inside the transcripts folder; the row is not used",
        ])
        #expect(study.attributesFor(document: "a/notes.txt")["group"] == "senior")
        #expect(study.attributesFor(document: "b/notes.txt").isEmpty)
        let c = Corpus(study: study, paths: ["notes"])
        #expect(c.entries.isEmpty)
        #expect(c.diagnostics.first?.description == "notes: error: 'notes' could be any of 2 documents: a/notes.txt, b/notes.txt; write its path inside the transcripts folder")
        // The study's own problems come after the names' and with every corpus.
        #expect(c.diagnostics.count == 2)
        #expect(Corpus(study: study, paths: []).diagnostics == study.diagnostics)
    }

    @Test func duplicateRowsAreNeverSilentlyTheFirstOne() throws {
        let dir = try makeStudy(files: [
            "transcripts/S01.txt": interview,
            "transcripts/S02.txt": interview,
            "transcripts/S03.txt": interview,
            "cases.csv": "document,group,wave\nS01.txt,senior,1\nS02.txt,senior,1\nS01,partenaire,1\nS02.txt,senior,1\nS03.txt,senior,1\nS03.txt,senior,2\nS03.txt,senior,3\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let study = try Study(root: dir)
        let cases = Study.display(dir.appendingPathComponent("cases.csv"))
        #expect(study.diagnostics.map(\.description) == [
            "\(cases):4: error: document 'S01.txt' appears twice (first on line 2, written 'S01.txt', 'S01') with different values for group ('senior', 'partenaire'): that attribute is left empty until one row remains",
            "\(cases):5: warning: document 'S02.txt' appears twice (first on line 3) with the same values; keep one row",
            "\(cases):7: error: document 'S03.txt' appears 3 times (first on line 6) with different values for wave ('1', '2', '3'): that attribute is left empty until one row remains",
        ])
        #expect(study.attributesFor(document: "S01.txt").pairs.map { "\($0.name)=\($0.value)" } == ["wave=1"])
        #expect(study.attributesFor(document: "S02.txt")["group"] == "senior")
        #expect(study.attributesFor(document: "S03.txt").pairs.map { "\($0.name)=\($0.value)" } == ["group=senior"])
        // Every command reading documents reports them; check does not repeat them.
        let corpus = Corpus(study: study, paths: ["S02"])
        #expect(corpus.diagnostics == study.diagnostics)
        #expect(StudyChecker.studyDiagnostics(study).isEmpty)
    }

    @Test func participantRowsMatchingNoDocumentOrNoSpeaker() throws {
        let fg = "Animatrice : Qui commence ?\n\nInès : Moi.\n\nKarim : Moi.\n\nAnimatrice : Merci.\n\nInès : De rien.\n\nKarim : Oui."
        let dir = try makeStudy(files: [
            "transcripts/groups/FG1.txt": fg,
            "cases.csv": "document,group\nFG1,volontaire\n",
            "participants.csv": "document,speaker,gender\nFG1.txt,Inès,F\nFG1.txt,Karim,M\nFG1.txt,Paul,M\nFG1.txt,Animatrice,F\nFG9.txt,Zoé,F\nFG1.txt,ines,F\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let study = try Study(root: dir)
        let part = Study.display(dir.appendingPathComponent("participants.csv"))
        #expect(study.diagnostics.map(\.description) == [
            "\(part):7: warning: speaker 'Inès' of groups/FG1.txt appears twice (first on line 2) with the same values; keep one row",
        ])
        let corpus = Corpus(study: study, paths: [])
        let facts = corpus.map { e, r in StudyChecker.facts(e, r, study: study) }
        let all = (facts.flatMap(\.diagnostics) + StudyChecker.studyDiagnostics(study)).map(\.description)
        #expect(all.contains("\(part):4: warning: speaker 'Paul' of groups/FG1.txt never speaks in the transcript"))
        #expect(all.contains { $0.hasPrefix("\(part):5: warning: speaker 'Animatrice' of groups/FG1.txt is an interviewer or moderator in the transcript") })
        #expect(all.contains("\(part):6: warning: document 'FG9.txt' is not among the study's transcripts: its 1 speaker is not counted apart"))
        #expect(!all.contains { $0.contains("missing from") })
    }

    @Test func unlabelledSettingAndItsCheck() throws {
        let answers = "Je me sers de la tablette.\n\nJ'avais peur au début."
        for (config, role, warned) in [("name: T\n", Role.participant, true),
                                       ("name: T\nspeakers:\n  unlabelled: participant\n", .participant, false),
                                       ("name: T\nspeakers:\n  unlabelled: interviewer\n", .interviewer, false),
                                       ("name: T\nspeakers:\n  unlabelled: ignore\n", .unknown, false)] {
            let dir = try makeStudy(config: config, files: ["transcripts/R01.txt": answers, "cases.csv": "document,group\nR01,senior\n"])
            defer { try? FileManager.default.removeItem(at: dir) }
            let study = try Study(root: dir)
            let corpus = Corpus(study: study, paths: [])
            let t = try study.load(document: "R01.txt", url: corpus.entries[0].url)
            #expect(t.turns.map(\.role) == [role, role], "\(config)")
            let facts = corpus.map { e, r in StudyChecker.facts(e, r, study: study) }
            let messages = facts.flatMap(\.diagnostics).map(\.message)
            #expect(messages.contains { $0.hasPrefix("no speaker label recognised: read as one participant's text (2 turns)") } == warned, "\(messages)")
        }
        #expect(throws: StudyError.self) { try StudyConfig.parse("speakers:\n  unlabelled: everyone\n", path: "verbatim.yaml") }
        do {
            _ = try StudyConfig.parse("name: X\nspeakers:\n  unlabelled: [a]\n", path: "verbatim.yaml")
        } catch let e as StudyError {
            #expect(e.description == "verbatim.yaml:3:15: error: 'speakers.unlabelled' must be participant, interviewer, ignore (whose text a document without speaker labels is)")
        }
    }
}
