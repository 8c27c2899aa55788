import Foundation
import Testing
import VerbatimTestSupport

/// Counts a researcher can trust on their own data, end to end: documents in sub-folders named by file
/// name in the tables and on the command line, a single respondent's DOCX counted and coded, a duplicate
/// row reported by the analysis commands.
@Suite(.serialized) struct TrustedCountsCLITests {
    static let codebook = """
    codebook: course
    title: Course
    language: en
    themes:
      - id: course
        label: The course
        definition: What students say about the course, its slides and lectures.
        rules:
          - any: [course, slides, lecture]
    """

    /// A study with QualCoder's focus group and a respondent's DOCX in `transcripts/course/` (copied from
    /// ../shared to a temporary folder), named by file name in its tables.
    static func study(cases: String = "document,group\ntranscript.txt,students\nID1.docx,students\n") throws -> URL {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("verbatim-counts-\(UUID().uuidString)")
        let course = dir.appendingPathComponent("transcripts/course")
        try fm.createDirectory(at: course, withIntermediateDirectories: true)
        for name in ["transcript.txt", "ID1.docx"] {
            try fm.copyItem(at: Shared.url("corpora/transcripts/en/qualcoder/\(name)"), to: course.appendingPathComponent(name))
        }
        try Data("name: Course\nlanguage: en\ncodebook: codebook.yaml\n".utf8).write(to: dir.appendingPathComponent("verbatim.yaml"))
        try Data(codebook.utf8).write(to: dir.appendingPathComponent("codebook.yaml"))
        try Data(cases.utf8).write(to: dir.appendingPathComponent("cases.csv"))
        try Data("document,speaker,gender\ntranscript.txt,id1,F\ntranscript.txt,id2,M\ntranscript.txt,id3,F\n".utf8)
            .write(to: dir.appendingPathComponent("participants.csv"))
        return dir
    }

    static func allGroup(_ out: String) throws -> (N: Int, n: Int) {
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let groups = try #require(obj["groups"] as? [[String: Any]])
        let all = try #require(groups.first { $0["label"] as? String == "(all)" } ?? groups.last)
        let records = try #require(obj["records"] as? [[String: Any]])
        let course = try #require(records.first { $0["theme"] as? String == "course" && $0["group"] as? String == "(all)" }
                                  ?? records.last { $0["theme"] as? String == "course" })
        return (all["N"] as! Int, course["n"] as! Int)
    }

    // Needs ../shared/corpora/transcripts/en/qualcoder.
    @Test(.enabled(if: Shared.exists("corpora/transcripts/en/qualcoder"), "needs ../shared/corpora/transcripts/en/qualcoder"))
    func everyParticipantCountsAndEveryNameWorks() throws {
        let dir = try TrustedCountsCLITests.study()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Three focus-group participants (participants.csv names 'transcript.txt') and the respondent.
        let stats = try Binary.run(["stats", "--by", "group", "--format", "json"], cwd: dir)
        #expect(stats.code == 0, "\(stats.err)")
        #expect(stats.err.isEmpty, "\(stats.err)")
        let (N, n) = try TrustedCountsCLITests.allGroup(stats.out)
        #expect(N == 4)
        #expect(n == 4, "the respondent's DOCX is coded")
        for args in [["show", "ID1.docx"], ["show", "transcript.txt"], ["show", "course/ID1"], ["code", "--explain", "transcript.txt:3"],
                     ["stats", "transcript.txt", "--by", "group"], ["transcripts", "ID1.docx"]] {
            let r = try Binary.run(args, cwd: dir)
            #expect(r.code == 0, "\(args): \(r.err)")
            #expect(!r.err.contains("no such file or document"), "\(args): \(r.err)")
        }
        let show = try Binary.run(["show", "ID1.docx", "--format", "json"], cwd: dir)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(show.out.utf8)) as? [String: Any])
        let turns = try #require(obj["turns"] as? [[String: Any]])
        #expect(turns.map { $0["role"] as? String } == ["participant", "participant", "participant"])
        let check = try Binary.run(["check"], cwd: dir)
        #expect(check.code == 0, "\(check.err)")
        #expect(!check.err.contains("participants.csv"), "\(check.err)")
    }

    // Needs ../shared/corpora/transcripts/en/qualcoder.
    @Test(.enabled(if: Shared.exists("corpora/transcripts/en/qualcoder"), "needs ../shared/corpora/transcripts/en/qualcoder"))
    func aDuplicateRowIsReportedByTheAnalysesToo() throws {
        let dir = try TrustedCountsCLITests.study(cases: "document,group\ntranscript.txt,students\nID1.docx,students\ncourse/ID1.docx,staff\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let message = "cases.csv:4: error: document 'course/ID1.docx' appears twice (first on line 3, written 'ID1.docx', 'course/ID1.docx') with different values for group ('students', 'staff'): that attribute is left empty until one row remains"
        for args in [["check"], ["stats", "--by", "group"], ["show", "ID1"], ["excerpts"], ["transcripts"]] {
            let r = try Binary.run(args, cwd: dir)
            #expect(r.code == 1, "\(args)")
            #expect(r.err.components(separatedBy: "\n").filter { $0 == message }.count == 1, "\(args): \(r.err)")
        }
    }

    // Needs ../shared/corpora/transcripts/en/qualcoder.
    @Test(.enabled(if: Shared.exists("corpora/transcripts/en/qualcoder"), "needs ../shared/corpora/transcripts/en/qualcoder"))
    func anAmbiguousNameOnTheCommandLine() throws {
        let dir = try TrustedCountsCLITests.study()
        defer { try? FileManager.default.removeItem(at: dir) }
        let other = dir.appendingPathComponent("transcripts/other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("Q: a?\n\nR: b.\n\nQ: c?\n\nR: d.".utf8).write(to: other.appendingPathComponent("transcript.md"))
        let r = try Binary.run(["show", "transcript"], cwd: dir)
        #expect(r.code == 1)
        #expect(r.err.contains("transcript: error: 'transcript' could be any of 2 documents: course/transcript.txt, other/transcript.md"), "\(r.err)")
        #expect(try Binary.run(["show", "transcript.txt"], cwd: dir).code == 0)
    }
}
