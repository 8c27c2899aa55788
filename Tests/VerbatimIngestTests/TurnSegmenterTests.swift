import Foundation
import Testing
import VerbatimModel
@testable import VerbatimIngest

@Suite struct TurnSegmenterTests {
    @Test func frenchSpacingAndNoBreakSpace() throws {
        let t = try transcript("Enquêtrice : Vous aviez peur ?\n\nMme Martin\u{00A0}: Oui, un peu.\n\nEnquêtrice : Et maintenant ?\n\nMme Martin : Plus du tout.")
        #expect(turns(t).map(\.0) == ["Enquêtrice", "Mme Martin", "Enquêtrice", "Mme Martin"])
        #expect(turns(t).map(\.1) == [.interviewer, .participant, .interviewer, .participant])
        #expect(turns(t)[1].2 == "Oui, un peu.")
    }

    @Test func everyLabelShape() throws {
        let cases: [(String, [String])] = [
            ("Name: a\nName: b\nOther: c\nOther: d", ["Name", "Name", "Other", "Other"]),
            ("**Nick Nisi:** hi\n\n**Anna H:** hello\n\n**Nick Nisi:** bye\n\n**Anna H:** ok", ["Nick Nisi", "Anna H", "Nick Nisi", "Anna H"]),
            ("**Claire :** a\n\n**Paul :** b\n\n**Claire :** c\n\n**Paul :** d", ["Claire", "Paul", "Claire", "Paul"]),
            ("**Claire**: a\n\n**Paul** : b\n\n**Claire**: c\n\n**Paul** : d", ["Claire", "Paul", "Claire", "Paul"]),
            ("[id1] a\n\n[id2] b\n\n[id1] c\n\n[id2] d", ["id1", "id2", "id1", "id2"]),
            ("[00:01:23] Anne: a\n[00:01:30] Bob: b\n[00:01:40] Anne: c\n[00:02:00] Bob: d", ["Anne", "Bob", "Anne", "Bob"]),
            ("Anne (00:01:23): a\nBob (00:01:30): b\nAnne (00:01:40): c\nBob (00:02:00): d", ["Anne", "Bob", "Anne", "Bob"]),
            ("Anne Lee  0:00\nhello there\n\nBob  0:05\nhi\n\nAnne Lee  0:09\nbye\n\nBob  1:02:03\nok", ["Anne Lee", "Bob", "Anne Lee", "Bob"]),
            ("Q. Vous habitez ici ?\nR. Oui.\nQ. Depuis quand ?\nR. Toujours.", ["Q", "R", "Q", "R"]),
            ("Q: a\nR: b\nQ: c\nR: d", ["Q", "R", "Q", "R"]),
            ("I: a\nP1: b\nI: c\nP1: d", ["I", "P1", "I", "P1"]),
            ("E : a\nGérard : b\nE : c\nGérard : d", ["E", "Gérard", "E", "Gérard"]),
        ]
        for (text, expected) in cases {
            let t = try transcript(text)
            #expect(turns(t).map(\.0) == expected, "\(text)")
        }
    }

    @Test func rolesFromDefaultsAndDeclarations() throws {
        let t = try transcript("Q. a\nR. b\nQ. c\nR. d")
        #expect(turns(t).map(\.1) == [.interviewer, .participant, .interviewer, .participant])
        let u = try transcript("I: a\nP1: b\nI: c\nP1: d")
        #expect(u.speakers.map(\.role) == [.interviewer, .participant])
        let declared = try transcript("Claire : a\nPaul : b\nClaire : c\nPaul : d", rules: SpeakerRules(interviewers: ["claire"]))
        #expect(declared.speakers.map(\.role) == [.interviewer, .participant])
        // A full name in the case table's interviewer column matches a label that is its first name.
        let byCase = try transcript("Nadia : a\nPaul : b\nNadia : c\nPaul : d", interviewers: ["Nadia Benali"])
        #expect(byCase.speakers.map(\.role) == [.interviewer, .participant])
        let moderator = try transcript("Animatrice : a\nInès : b\nAnimatrice : c\nInès : d")
        #expect(moderator.speakers.map(\.role) == [.interviewer, .participant])
    }

    @Test func unlabelledParagraphsContinueAndPreambleIsNotATurn() throws {
        let text = """
        Les Connectés — entretien n°3
        Lyon, 12 mars 2019

        Enquêtrice : Bonjour.

        Mme Martin : Bonjour. Alors voilà.

        Et puis ma fille m'a aidée.

        Enquêtrice : D'accord.

        Mme Martin : Oui.
        """
        let t = try transcript(text)
        #expect(t.turns.count == 4)
        #expect(turns(t)[1].2 == "Bonjour. Alors voilà.\n\nEt puis ma fille m'a aidée.")
        #expect(t.turns[0].labelStart > 0)
        #expect(t.slice(0, t.turns[0].labelStart).hasPrefix("Les Connectés"))
    }

    @Test func noFalseSpeakers() throws {
        let text = """
        Enquêtrice : Vous utilisez quoi ?

        Mme Martin : Je vais sur
        https://www.impots.gouv.fr et voilà.
        Ce que je veux dire : c'est compliqué.
        À 10:30 je pars.
        10:30 : le car passe.
        Voilà : c'est tout.

        Enquêtrice : Merci.

        Mme Martin : De rien.
        """
        let t = try transcript(text)
        #expect(t.speakers.map(\.label) == ["Enquêtrice", "Mme Martin"])
        #expect(t.turns.count == 4)
        #expect(turns(t)[1].2.contains("Ce que je veux dire : c'est compliqué."))
        #expect(turns(t)[1].2.contains("Voilà : c'est tout."))
    }

    @Test func metadataHeaderIsPreamble() throws {
        let text = """
        Enquêtrice : Claire Dubreuil
        Date : 12 mars 2019
        Lieu : domicile

        Enquêtrice : Bonjour Madame.

        Mme Martin : Bonjour.

        Enquêtrice : On commence ?

        Mme Martin : Oui.
        """
        let t = try transcript(text)
        #expect(t.turns.count == 4)
        #expect(turns(t)[0].2 == "Bonjour Madame.")
    }

    @Test func aSpeakerWhoSpeaksOnceInAFocusGroup() throws {
        let text = "Animatrice : Qui commence ?\nInès : Moi.\nKarim : Moi aussi.\nAnimatrice : Et toi ?\nInès : Oui.\nThéo : Je passe.\nAnimatrice : D'accord."
        let t = try transcript(text)
        #expect(t.speakers.map(\.label) == ["Animatrice", "Inès", "Karim", "Théo"])
    }

    @Test func timestampsAreCutAndKept() throws {
        let text = "[00:12:05] Enquêtrice : Bonjour.\n\n[00:12:07] Mme Nguyen : Bonjour !\n\n[00:12:30] Enquêtrice : Ça va ?\n\n[00:12:31] Mme Nguyen : Oui.\n\n[00:13:00] Et vous ?"
        let t = try transcript(text)
        #expect(t.turns.map { $0.time?.start } == [725, 727, 750, 751])
        #expect(!t.text.contains("00:12"))
        #expect(turns(t)[3].2 == "Oui.\n\nEt vous ?")
        let md = try transcript("**Adam:** \\[04:06\\] Hello.\n\n**Mireille:** Hi.\n\n**Adam:** \\[05:00\\] Bye.\n\n**Mireille:** Ok.")
        #expect(md.turns[0].time?.start == 246)
        #expect(md.text(of: md.turns[0]) == "Hello.")
    }

    @Test func offsetsAreUTF8() throws {
        let t = try transcript("Enquêtrice : é\n\nMme Müller : 👍🏽 ok\n\nEnquêtrice : a\n\nMme Müller : b")
        let turn = t.turns[1]
        let bytes = Array(t.text.utf8)
        #expect(String(decoding: bytes[turn.start..<turn.end], as: UTF8.self) == "👍🏽 ok")
        #expect(turn.end - turn.start == "👍🏽 ok".utf8.count)
    }

    @Test func customPatternsFromTheStudy() throws {
        let rules = SpeakerRules(patterns: ["(Locuteur \\d+) -"])
        let t = try transcript("Locuteur 1 - Bonjour\nLocuteur 2 - Salut", rules: rules)
        #expect(turns(t).map(\.0) == ["Locuteur 1", "Locuteur 2"])
        #expect(turns(t).map(\.2) == ["Bonjour", "Salut"])
        #expect(throws: IngestError.self) { try TurnSegmenter(rules: SpeakerRules(patterns: ["(unclosed"])) }
    }

    @Test func sectionMarkerEndsTheTurn() throws {
        let t = try transcript("**Nick:** a\n\n**Anna:** b\n\n**Break:** \\[26:36\\]\n\n**Nick:** c\n\n**Anna:** d")
        #expect(t.speakers.map(\.label) == ["Nick", "Anna"])
        #expect(turns(t)[1].2 == "b")
    }

    @Test func transcriptWithoutLabels() throws {
        let t = try transcript("Premier paragraphe.\n\nDeuxième paragraphe.")
        #expect(t.turns.count == 2)
        // One participant's text by default (speakers.unlabelled), no longer 'unknown'.
        #expect(t.turns.allSatisfy { $0.speaker == nil && $0.role == .participant })
    }

    @Test func parliamentaryRecordLabels() throws {
        let t = try transcript("M. Raymond Vall, président. - Bonjour.\n\nMme Anne Dupont. - Merci.\n\nM. Raymond Vall, président. - Bien.")
        #expect(t.speakers.map(\.label) == ["M. Raymond Vall", "Mme Anne Dupont"])
    }

    @Test func labelsDifferingOnlyInCaseAndAccentsAreOneSpeaker() throws {
        let t = try transcript("Enquêtrice : a\nMme Martin : b\nENQUETRICE : c\nMme Martin : d")
        #expect(t.speakers.map(\.label) == ["Enquêtrice", "Mme Martin"])
        #expect(t.speakers[0].turns == 2)
    }

    @Test func wordCount() {
        let s = "L’école d'été — c'est « super » ! 12 ans, porte-monnaie…"
        #expect(Transcript.countWords(in: s.utf8, from: 0, to: s.utf8.count) == 7)
    }
}

@Suite struct PreambleHeaderTests {
    @Test func aHeaderLineWithTheInterviewersLabelIsPreamble() throws {
        let t = try transcript("Entretien avec Mme Ouali\n\nEnquêtrice : Claire Dubreuil. Durée : 49 minutes.\n\nEnquêtrice : Merci d'être là.\n\nMme Ouali : Avec plaisir.\n\nEnquêtrice : On commence.\n\nMme Ouali : Oui.")
        #expect(t.turns.count == 4)
        #expect(turns(t)[0].2 == "Merci d'être là.")
        #expect(t.turns.map(\.index) == [1, 2, 3, 4])
    }
}
