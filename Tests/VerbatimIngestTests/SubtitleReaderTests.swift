import Foundation
import Testing
import VerbatimModel
import VerbatimTestSupport
@testable import VerbatimIngest

@Suite struct SubtitleReaderTests {
    @Test func webVTTVoicesMergeIntoTurns() throws {
        let vtt = """
        WEBVTT

        NOTE recorded on Zoom

        STYLE
        ::cue { color: white }

        1
        00:00:01.000 --> 00:00:04.000
        <v Nadia Benali>Bonjour, vous m'entendez ?

        00:00:04.500 --> 00:00:07.000
        <v Jean-Pierre>Oui, <i>très bien</i> &amp; vous ?

        00:00:07.000 --> 00:00:09.000
        <v Jean-Pierre>Ça marche.

        00:00:10.000 --> 00:00:12.000
        <v Nadia Benali>Parfait.
        """
        let doc = try SubtitleReader.read(data: Data(vtt.utf8), path: "v.vtt", format: .vtt)
        let t = try TurnSegmenter(rules: SpeakerRules(interviewers: ["Nadia Benali"])).segment(doc, document: "v.vtt")
        #expect(turns(t).map(\.0) == ["Nadia Benali", "Jean-Pierre", "Nadia Benali"])
        #expect(turns(t)[1].2 == "Oui, très bien & vous ?\n\nÇa marche.")
        #expect(t.turns[1].time == TimeRange(start: 4.5, end: 9))
        #expect(t.turns[0].role == .interviewer)
    }

    @Test func cuePrefixesBecomeSpeakers() throws {
        let vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nAnne: hello\n\n00:02.000 --> 00:03.000\nBob: hi\n\n00:03.000 --> 00:04.000\nAnne: bye\n\n00:04.000 --> 00:05.000\nBob: ok"
        let doc = try SubtitleReader.read(data: Data(vtt.utf8), path: "p.vtt", format: .vtt)
        let t = try TurnSegmenter().segment(doc, document: "p.vtt")
        #expect(turns(t).map(\.0) == ["Anne", "Bob", "Anne", "Bob"])
    }

    @Test func srtAndSBV() throws {
        let srt = "1\n00:00:00,500 --> 00:00:07,000\nCaption <b>one</b>\n\n2\n00:00:07,000 --> 00:00:11,890\n\n3\n00:00:11,890 --> 00:00:16,320\nCaption three\n"
        let doc = try SubtitleReader.read(data: Data(srt.utf8), path: "s.srt", format: .srt)
        #expect(doc.paragraphs.map(\.text) == ["Caption one", "Caption three"])
        #expect(doc.paragraphs.map { $0.time?.start } == [0.5, 11.89])
        let sbv = "0:00:00.378,0:00:11.378\nCaption #1\n\n0:00:11.378,0:00:12.305\nCaption #2\n"
        let d2 = try SubtitleReader.read(data: Data(sbv.utf8), path: "s.sbv", format: .sbv)
        #expect(d2.paragraphs.map(\.text) == ["Caption #1", "Caption #2"])
    }

    @Test func badSubtitles() throws {
        #expect(throws: IngestError("x.vtt", line: 1, "not a WebVTT file (the first line must be WEBVTT)")) {
            try SubtitleReader.read(data: Data("hello\n".utf8), path: "x.vtt", format: .vtt)
        }
        #expect(throws: IngestError("y.vtt", "no captions with text")) {
            try SubtitleReader.read(data: Data("WEBVTT\n\nNOTE nothing\n".utf8), path: "y.vtt", format: .vtt)
        }
        #expect(throws: IngestError("z.vtt", line: 3, "invalid cue timing '00:00:xx --> 00:01.000'")) {
            try SubtitleReader.read(data: Data("WEBVTT\n\n00:00:xx --> 00:01.000\nhi\n".utf8), path: "z.vtt", format: .vtt)
        }
    }

    // Needs ../shared/corpora/peer-tests/taguette/test_webvtt.input.vtt (Taguette's WebVTT test case).
    @Test(.enabled(if: Shared.exists("corpora/peer-tests/taguette/test_webvtt.input.vtt"),
                   "needs ../shared/corpora/peer-tests/taguette/test_webvtt.input.vtt"))
    func taguetteWebVTTCase() throws {
        let url = Shared.url("corpora/peer-tests/taguette/test_webvtt.input.vtt")
        let doc = try TranscriptReader.read(url: url, path: "test_webvtt.input.vtt")
        #expect(doc.paragraphs.map(\.text) == ["Hi there", "This is an example of a\nsubtitle file in SRT format"])
        #expect(doc.paragraphs.map { $0.time.map { TimeRange.format($0.start) } } == ["00:00:00.123", "00:01:04.843"])
    }

    // Needs ../shared/corpora/transcripts/vtt-srt (real subtitle files, two of them broken on purpose).
    @Test(.enabled(if: Shared.exists("corpora/transcripts/vtt-srt"), "needs ../shared/corpora/transcripts/vtt-srt"))
    func sharedSubtitleFilesReadOrFailCleanly() throws {
        let dir = Shared.url("corpora/transcripts/vtt-srt")
        var read = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() {
            do {
                _ = try TranscriptReader.read(url: dir.appendingPathComponent(name), path: name)
                read += 1
            } catch let e as IngestError {
                #expect(e.path == name)
                #expect(["empty.vtt", "no_captions.vtt"].contains(name), "\(e)")
            }
        }
        #expect(read >= 11)
    }
}
