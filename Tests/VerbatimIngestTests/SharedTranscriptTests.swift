import Foundation
import Testing
import VerbatimModel
import VerbatimTestSupport
@testable import VerbatimIngest

/// Conformance on the real transcripts in ../shared/corpora/transcripts and the peer projects' test files
/// in ../shared/corpora/peer-tests. Every test needs its folder of ../shared and is reported as skipped
/// without it.
@Suite struct SharedTranscriptTests {
    // Needs ../shared/corpora/transcripts (real transcripts with their ground-truth turns).
    @Test(.enabled(if: Shared.exists("corpora/transcripts"), "needs ../shared/corpora/transcripts"),
          arguments: ["fr/cfpp2000/Anita_MUSSO_F_46_11e", "fr/tcof/Cartables_bar_08", "fr/tcof/Cha_hey_07", "fr/tcof/Chee_alb_sd"])
    func groundTruthTurns(_ name: String) throws {
        let dir = Shared.url("corpora/transcripts")
        let truthData = try Data(contentsOf: dir.appendingPathComponent(name + ".turns.jsonl"))
        var truth: [(String, String)] = []
        for line in String(decoding: truthData, as: UTF8.self).split(separator: "\n") {
            let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            truth.append((obj["speaker"] as! String, (obj["text"] as! String).split(separator: " ").joined(separator: " ")))
        }
        let doc = try TranscriptReader.read(url: dir.appendingPathComponent(name + ".txt"), path: name)
        let t = try TurnSegmenter().segment(doc, document: name)
        let ours = t.turns.map { ($0.speaker ?? "", t.text(of: $0).split(whereSeparator: \.isWhitespace).joined(separator: " ")) }
        var same = 0
        for (a, b) in zip(truth, ours) where a == b { same += 1 }
        #expect(Double(same) / Double(max(truth.count, ours.count)) >= 0.95)
    }

    // Needs ../shared/corpora/transcripts/en/changelog (podcast transcripts).
    @Test(.enabled(if: Shared.exists("corpora/transcripts/en/changelog"), "needs ../shared/corpora/transcripts/en/changelog"))
    func changelogSpeakersExactly() throws {
        let dir = Shared.url("corpora/transcripts/en/changelog")
        let js = try TurnSegmenter().segment(try TranscriptReader.read(url: dir.appendingPathComponent("js-party-109.md"), path: "js"), document: "js")
        #expect(Set(js.speakers.map(\.label)) == ["Nick Nisi", "Vladimir de Turckheim", "Marian Villa", "Chris Wilcox",
                                                  "Jason Etcovitch", "Anna Henningsen", "Rich Trott"])
        let brain = try TurnSegmenter().segment(try TranscriptReader.read(url: dir.appendingPathComponent("brain-science-1.md"), path: "b"), document: "b")
        #expect(Set(brain.speakers.map(\.label)) == ["Adam Stacoviak", "Mireille B. Reece, Psy.D"])
    }

    // Needs ../shared/corpora/transcripts/en/qualcoder/transcript.txt (QualCoder's sample transcript).
    @Test(.enabled(if: Shared.exists("corpora/transcripts/en/qualcoder/transcript.txt"),
                   "needs ../shared/corpora/transcripts/en/qualcoder/transcript.txt"))
    func qualCoderSpeakersExactly() throws {
        let url = Shared.url("corpora/transcripts/en/qualcoder/transcript.txt")
        let t = try TurnSegmenter().segment(try TranscriptReader.read(url: url, path: "q"), document: "q")
        #expect(t.speakers.map(\.label) == ["id1", "id2", "id3"])
        #expect(t.turns.count == 7)
    }

    // Needs ../shared/corpora/peer-tests/interview-analysis (the interview-analysis project's test files).
    @Test(.enabled(if: Shared.exists("corpora/peer-tests/interview-analysis"), "needs ../shared/corpora/peer-tests/interview-analysis"))
    func interviewAnalysisPeerFiles() throws {
        let dir = Shared.url("corpora/peer-tests/interview-analysis")
        let c = try TurnSegmenter().segment(try TranscriptReader.read(url: dir.appendingPathComponent("Lecturer C.md"), path: "c"), document: "c")
        #expect(c.speakers.map(\.label) == ["Interviewer", "Lecturer C"])
        #expect(c.speakers.map(\.role) == [.interviewer, .participant])
        #expect(c.turns.count == 16)
    }
}
