import Foundation
import Testing
import VerbatimModel
@testable import VerbatimIngest

/// Labels whose form is their evidence: bold Markdown labels and labels with a time stamp, and `Name:`
/// at the start of subtitle cues (Zoom, Teams), even when a name occurs once.
@Suite struct MarkedLabelTests {
    @Test func boldLabelsWithTimeStampsGiveCleanTimedTurns() throws {
        let md = """
        **Animateur :** [00:00:05] Alors... pour commencer, présentez-vous.

        **Mme Martin :** [00:00:09] Oui, alors moi j'ai soixante-dix-huit ans.

        **Animateur :** [00:00:15] Et internet ?

        **M. Ravier :** [00:00:20] Moi non, jamais.
        """
        let doc = try TextReader.read(data: Data(md.utf8), path: "fg.md", format: .markdown)
        let t = try TurnSegmenter().segment(doc, document: "fg.md")
        #expect(t.speakers.map(\.label) == ["Animateur", "Mme Martin", "M. Ravier"])
        #expect(t.turns.map(\.role) == [.interviewer, .participant, .interviewer, .participant])
        #expect(turns(t).map(\.2) == ["Alors... pour commencer, présentez-vous.", "Oui, alors moi j'ai soixante-dix-huit ans.",
                                      "Et internet ?", "Moi non, jamais."])
        #expect(t.turns.map { $0.time?.start } == [5, 9, 15, 20])
        #expect(!t.turns.contains { t.text(of: $0).contains("**") || t.text(of: $0).contains("[00:") })
    }

    @Test func otherWaysOfWritingThem() throws {
        let md = """
        **Animateur\u{00A0}:** [00:00:05] Un.

        **Mme Martin [00:00:12] :** Deux.

        **[00:00:20] Animateur :** Trois.

        **Mme Martin :** **[00:00:30]** Quatre.

        __Animateur :__ *[00:00:40]* Cinq.

        **Mme Martin** : _[00:00:50]_ Six.
        """
        let doc = try TextReader.read(data: Data(md.utf8), path: "v.md", format: .markdown)
        let t = try TurnSegmenter().segment(doc, document: "v.md")
        #expect(turns(t).map(\.0) == ["Animateur", "Mme Martin", "Animateur", "Mme Martin", "Animateur", "Mme Martin"])
        #expect(turns(t).map(\.2) == ["Un.", "Deux.", "Trois.", "Quatre.", "Cinq.", "Six."])
        #expect(t.turns.map { $0.time?.start } == [5, 12, 20, 30, 40, 50])
    }

    @Test func plainLabelsWithTimeStampsOnceEach() throws {
        let t = try transcript("Enquêtrice : [00:00:05] Bonjour.\n\nJeannine : [00:00:09] Bonjour.\n\nEnquêtrice : [00:00:15] Ça va ?\n\nRobert : [00:00:20] Oui.")
        #expect(t.speakers.map(\.label) == ["Enquêtrice", "Jeannine", "Robert"])
    }

    @Test func boldProseIsNotTakenForSpeakers() throws {
        // Bold lead-ins of a written text, without any label known to be a speaker's.
        let md = "**Objectif :** mesurer l'usage.\n\n**Méthode :** des entretiens.\n\nLe reste du texte."
        let doc = try TextReader.read(data: Data(md.utf8), path: "r.md", format: .markdown)
        let t = try TurnSegmenter().segment(doc, document: "r.md")
        #expect(t.speakers.isEmpty)
        // A sentence with a colon in a bold-labelled transcript stays speech.
        let fg = try TextReader.read(data: Data("**Animateur :** Bien.\n\n**Inès :** Oui.\n\n**Animateur :** Alors.\n\n**Ce que je veux dire :** rien.".utf8),
                                     path: "f.md", format: .markdown)
        #expect(try TurnSegmenter().segment(fg, document: "f.md").speakers.map(\.label) == ["Animateur", "Inès"])
    }

    @Test func theCountingScanAgrees() throws {
        for text in ["**Animateur :** [00:00:05] Alors...\n\n**Mme Martin :** [00:00:09] Oui.\n\n**Animateur :** [00:00:15] Et vous ?",
                     "**Animateur :** Alors...\n\n**Mme Martin :** *[00:00:09]* Oui.\n\n**Animateur :** Et vous ?\n\n**Mme Martin :** Non.",
                     "__Animateur :__ a\n\n__Inès :__ b\n\n__Animateur :__ c"] {
            let outcome = try TurnScannerTests.compare(text)
            #expect(outcome == .same || outcome == .declined, "\(outcome)")
        }
    }

    @Test func zoomCuesWithNamesOnceOrTwice() throws {
        let vtt = """
        WEBVTT

        1
        00:00:01.000 --> 00:00:04.000
        Claire Dubreuil: Bonjour, merci d'être là.

        2
        00:00:04.500 --> 00:00:07.000
        Jeannine Martin: Bonjour.

        3
        00:00:07.500 --> 00:00:09.000
        Claire Dubreuil: Vous avez une tablette ?

        4
        00:00:09.500 --> 00:00:12.000
        Robert Martin: Oui, et moi aussi: depuis l'an dernier.
        """
        let doc = try SubtitleReader.read(data: Data(vtt.utf8), path: "zoom.vtt", format: .vtt)
        let t = try TurnSegmenter(rules: SpeakerRules(interviewers: ["Claire Dubreuil"])).segment(doc, document: "zoom.vtt")
        #expect(turns(t).map(\.0) == ["Claire Dubreuil", "Jeannine Martin", "Claire Dubreuil", "Robert Martin"])
        #expect(turns(t).map(\.2) == ["Bonjour, merci d'être là.", "Bonjour.", "Vous avez une tablette ?", "Oui, et moi aussi: depuis l'an dernier."])
        #expect(t.turns.map(\.role) == [.interviewer, .participant, .interviewer, .participant])
        #expect(t.turns[1].time == TimeRange(start: 4.5, end: 7))
    }

    @Test func aShortSRTWithEveryNameOnce() throws {
        let srt = "1\n00:00:01,000 --> 00:00:04,000\nInterviewer: How did you start?\n\n2\n00:00:04,500 --> 00:00:09,000\nSam Lee: With my grandson,\nhe showed me the tablet.\n"
        let doc = try SubtitleReader.read(data: Data(srt.utf8), path: "z.srt", format: .srt)
        let t = try TurnSegmenter().segment(doc, document: "z.srt")
        #expect(turns(t).map(\.0) == ["Interviewer", "Sam Lee"])
        #expect(turns(t).map(\.1) == [.interviewer, .participant])
        #expect(turns(t)[1].2 == "With my grandson,\nhe showed me the tablet.")
    }

    @Test func aColonInFewCuesIsNotALabel() throws {
        // Captions of a talk: two cues in ten start like a label.
        var vtt = "WEBVTT\n\n"
        let lines = ["Remember: the internet is a tool", "that anyone can learn", "with a little help", "from the volunteers", "who come every week.",
                     "Look: ask questions", "when you do not understand", "and write things down", "in a notebook", "for later."]
        for (k, l) in lines.enumerated() { vtt += "00:00:\(String(format: "%02d", k)).000 --> 00:00:\(String(format: "%02d", k)).900\n\(l)\n\n" }
        let doc = try SubtitleReader.read(data: Data(vtt.utf8), path: "talk.vtt", format: .vtt)
        let t = try TurnSegmenter().segment(doc, document: "talk.vtt")
        #expect(t.speakers.isEmpty)
        #expect(t.turns.allSatisfy { $0.role == .participant })
    }
}
