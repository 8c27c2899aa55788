import Foundation
import Testing
import VerbatimModel
import VerbatimTestSupport
@testable import VerbatimIngest

/// Documents without speaker labels: one participant's text by default, or what `speakers.unlabelled`
/// says; subtitle cues without voices are one speaker's, in turns that follow sentences.
@Suite struct UnlabelledTextTests {
    static let answers = "Je me sers de la tablette tous les jours.\n\nAu début j'avais peur de me faire arnaquer.\n\nMaintenant je fais mes courses en ligne."

    @Test func aDocumentWithoutLabelsIsOneParticipantsText() throws {
        let t = try transcript(UnlabelledTextTests.answers)
        #expect(t.turns.count == 3)
        #expect(t.turns.allSatisfy { $0.speaker == nil && $0.role == .participant })
        #expect(t.speakers.isEmpty)
    }

    @Test(arguments: [(SpeakerRules.Unlabelled.participant, Role.participant), (.interviewer, .interviewer), (.ignore, .unknown)])
    func theStudySaysWhoseTextItIs(_ setting: SpeakerRules.Unlabelled, _ role: Role) throws {
        let t = try transcript(UnlabelledTextTests.answers, rules: SpeakerRules(unlabelled: setting))
        #expect(t.turns.map(\.role) == [role, role, role])
    }

    @Test func labelledDocumentsAreUnchanged() throws {
        let t = try transcript("Préambule.\n\nEnquêtrice : Bonjour.\n\nMme Martin : Bonjour.\n\nEnquêtrice : Alors ?\n\nMme Martin : Voilà.",
                               rules: SpeakerRules(unlabelled: .ignore))
        #expect(t.turns.map(\.role) == [.interviewer, .participant, .interviewer, .participant])
    }

    @Test func theCountingScanGivesTheSameRoles() throws {
        for setting in [SpeakerRules.Unlabelled.participant, .interviewer, .ignore] {
            let outcome = try TurnScannerTests.compare(Array(UnlabelledTextTests.answers.utf8), rules: SpeakerRules(unlabelled: setting))
            #expect(outcome == .same, "\(setting)")
        }
        let segmenter = try TurnSegmenter()
        let spans = Array(UnlabelledTextTests.answers.utf8).withUnsafeBufferPointer { segmenter.scanTurns($0) }
        #expect(spans?.roles == [.participant, .participant, .participant])
    }

    @Test func subtitleCuesWithoutVoicesAreOneSpeakerInSentences() throws {
        let srt = """
        1
        00:00:01,000 --> 00:00:03,000
        Au début j'avais peur

        2
        00:00:03,000 --> 00:00:05,000
        de me faire arnaquer.

        3
        00:00:05,200 --> 00:00:07,000
        Maintenant ça va mieux !

        4
        00:00:10,000 --> 00:00:12,000
        Après une pause

        5
        00:00:12,000 --> 00:00:13,000
        je continue.
        """
        let doc = try SubtitleReader.read(data: Data(srt.utf8), path: "s.srt", format: .srt)
        let t = try TurnSegmenter().segment(doc, document: "s.srt")
        #expect(turns(t).map(\.2) == ["Au début j'avais peur\n\nde me faire arnaquer.", "Maintenant ça va mieux !", "Après une pause\n\nje continue."])
        #expect(t.turns.allSatisfy { $0.role == .participant && $0.speaker == nil })
        #expect(t.turns[0].time == TimeRange(start: 1, end: 5))
        #expect(t.turns[2].time == TimeRange(start: 10, end: 13))
        // Interviewer's captions, if the study says so.
        let i = try TurnSegmenter(rules: SpeakerRules(unlabelled: .interviewer)).segment(doc, document: "s.srt")
        #expect(i.turns.allSatisfy { $0.role == .interviewer })
    }

    @Test func unpunctuatedCaptionsStillMakePassages() throws {
        var srt = ""
        for k in 0..<60 {
            srt += "\(k + 1)\n00:\(String(format: "%02d", k / 30)):\(String(format: "%02d", (k % 30) * 2)),000 --> 00:\(String(format: "%02d", k / 30)):\(String(format: "%02d", (k % 30) * 2 + 1)),900\n"
            srt += "and then we went to the library with my grandson\n\n"
        }
        let doc = try SubtitleReader.read(data: Data(srt.utf8), path: "auto.srt", format: .srt)
        let t = try TurnSegmenter().segment(doc, document: "auto.srt")
        #expect(t.turns.count > 1)
        #expect(t.turns.allSatisfy { $0.end - $0.start < TurnSegmenter.cueTurnBytes + 100 })
    }

    // Needs ../shared/corpora/transcripts/en/qualcoder (a single respondent's written answers, DOCX and ODT).
    @Test(.enabled(if: Shared.exists("corpora/transcripts/en/qualcoder/ID1.docx"), "needs ../shared/corpora/transcripts/en/qualcoder"),
          arguments: ["ID1.docx", "ID2.odt"])
    func singleRespondentWordAndLibreOfficeFiles(_ name: String) throws {
        let url = Shared.url("corpora/transcripts/en/qualcoder/\(name)")
        let t = try TurnSegmenter().segment(try TranscriptReader.read(url: url, path: name), document: name)
        #expect(t.turns.count == 3)
        #expect(t.turns.allSatisfy { $0.role == .participant })
    }

    // Needs ../shared/corpora/transcripts/vtt-srt (real subtitle files without voices).
    @Test(.enabled(if: Shared.exists("corpora/transcripts/vtt-srt"), "needs ../shared/corpora/transcripts/vtt-srt"),
          arguments: ["sample.srt", "sample.sbv", "captions_with_bom.vtt", "youtube_dl.vtt", "using_identifiers.vtt"])
    func sharedCaptionsWithoutVoicesAreAParticipants(_ name: String) throws {
        let url = Shared.url("corpora/transcripts/vtt-srt/\(name)")
        let t = try TurnSegmenter().segment(try TranscriptReader.read(url: url, path: name), document: name)
        #expect(!t.turns.isEmpty)
        #expect(t.turns.allSatisfy { $0.role == .participant && $0.speaker == nil })
        // Nothing of the captions is lost between the turns.
        let words = t.turns.map { Transcript.countWords(in: t.text.utf8, from: $0.start, to: $0.end) }.reduce(0, +)
        #expect(words == Transcript.countWords(in: t.text.utf8, from: 0, to: t.text.utf8.count))
    }

    // Needs ../shared/corpora: no document there keeps the role 'unknown' by default.
    @Test(.enabled(if: Shared.exists("corpora/transcripts") && Shared.exists("corpora/docx"), "needs ../shared/corpora"))
    func noSharedDocumentIsLeftUnknown() throws {
        let segmenter = try TurnSegmenter()
        var unlabelled = 0
        for sub in ["corpora/transcripts", "corpora/docx"] {
            let root = Shared.url(sub)
            let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
            for case let url as URL in e where TranscriptReader.extensions.contains(url.pathExtension.lowercased()) && !url.lastPathComponent.contains(".pandoc") {
                guard let doc = try? TranscriptReader.read(url: url, path: url.lastPathComponent) else { continue }
                let t = segmenter.segment(doc, document: url.lastPathComponent)
                #expect(!t.turns.contains { $0.role == .unknown }, "\(url.path)")
                if !t.turns.isEmpty && t.speakers.isEmpty { unlabelled += 1 }
            }
        }
        // The DOCX conformance files and the captions without voices are mostly unlabelled texts.
        #expect(unlabelled > 200)
    }
}
