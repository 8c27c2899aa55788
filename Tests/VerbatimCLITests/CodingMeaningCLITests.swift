import Foundation
import Testing
import VerbatimTestSupport

/// Coding that means what it says, end to end: a negated mention counts for a topic, a stem takes only
/// its own word's forms, `codebook test` names what coded a counterexample, and `codebook forms` lists
/// what each term matched.
@Suite struct CodingMeaningCLITests {
    static let codebook = """
    codebook: course
    title: Course
    language: en
    themes:
      - id: work
        label: Coursework
        definition: Assignments and their load.
        examples: ["I don't like all the assignments."]
        counterexamples: ["I was assigned to a group."]
        rules:
          - any: [assignment]
      - id: loose
        label: Loose
        definition: The same term, taking the stem's whole family.
        stem: loose
        examples: ["The assignments were long."]
        counterexamples: ["I was assigned to a group."]
        rules:
          - any: [assignment]
      - id: fear
        label: Fear
        definition: Fear, now.
        negation: ignore
        examples: ["I am afraid of the exam."]
        counterexamples: ["I am not afraid of the exam."]
        rules:
          - any: [afraid]
    """

    static func study() throws -> URL {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("verbatim-meaning-\(UUID().uuidString)")
        try fm.createDirectory(at: dir.appendingPathComponent("transcripts"), withIntermediateDirectories: true)
        try Data("name: Course\nlanguage: en\ncodebook: codebook.yaml\n".utf8).write(to: dir.appendingPathComponent("verbatim.yaml"))
        try Data(codebook.utf8).write(to: dir.appendingPathComponent("codebook.yaml"))
        let text = """
        Interviewer: How was the course?

        Student: I don't like all the assignments. The assignment on week two was fine. I was assigned to a group, and I am not afraid.

        Interviewer: And the exam?

        Student: I am afraid of the exam. Assignments again.
        """
        try Data(text.utf8).write(to: dir.appendingPathComponent("transcripts/s1.txt"))
        return dir
    }

    @Test func negatedMentionsCountAndStemsKeepToTheirWord() throws {
        let dir = try Self.study()
        defer { try? FileManager.default.removeItem(at: dir) }
        let code = try Binary.run(["code", "--format", "csv"], cwd: dir)
        #expect(code.code == 0, "\(code.err)")
        let rows = code.out.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        let work = rows.filter { $0[3] == "work" }.map { $0[8] }
        #expect(work == ["assignments", "assignment", "Assignments"], "\(code.out)")
        let loose = rows.filter { $0[3] == "loose" }.map { $0[8] }
        #expect(loose == ["assignments", "assignment", "assigned", "Assignments"], "\(code.out)")
        #expect(rows.filter { $0[3] == "fear" }.count == 1, "'not afraid' is dropped for a theme that says negation: ignore")
    }

    @Test func codebookTestNamesTheWordAndRule() throws {
        let dir = try Self.study()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Binary.run(["codebook", "test"], cwd: dir)
        #expect(r.code == 1)
        #expect(r.out == """
            FAIL loose: counterexample coded (loose): "I was assigned to a group."
                 matched 'assigned' by any[assignment] (loose)
            3 examples and 3 counterexamples in 3 themes: 1 of 6 misbehave

            """, "\(r.out)")
        let json = try Binary.run(["codebook", "test", "--format", "json"], cwd: dir)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let failure = try #require((obj["failures"] as? [[String: Any]])?.first)
        #expect(failure["matches"] as? [String] == ["'assigned' by any[assignment] (loose)"], "\(json.out)")
    }

    @Test func formsListWhatEachTermMatched() throws {
        let dir = try Self.study()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try Binary.run(["codebook", "forms", "--format", "csv"], cwd: dir)
        #expect(csv.code == 0, "\(csv.err)")
        #expect(csv.out == """
            theme,rule,term,form,count
            work,any[assignment],assignment,assignments,2
            work,any[assignment],assignment,assignment,1
            loose,any[assignment],assignment,assignments,2
            loose,any[assignment],assignment,assigned,1
            loose,any[assignment],assignment,assignment,1
            fear,any[afraid],afraid,afraid,2

            """, "\(csv.out)")
        let text = try Binary.run(["codebook", "forms", "work"], cwd: dir)
        #expect(text.out == """
            work
              any[assignment]
                assignment  assignments 2, assignment 1

            1 term matched 2 distinct forms in 1 document

            """, "\(text.out)")
        let json = try Binary.run(["codebook", "forms", "fear", "--format", "json"], cwd: dir)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["form"] as? String } == ["afraid"] && rows.map { $0["count"] as? Int } == [2], "\(json.out)")
        let bad = try Binary.run(["codebook", "forms", "works"], cwd: dir)
        #expect(bad.code == 1)
        #expect(bad.err.contains("unknown theme 'works'") && bad.err.contains("did you mean 'work'"), "\(bad.err)")
    }
}
