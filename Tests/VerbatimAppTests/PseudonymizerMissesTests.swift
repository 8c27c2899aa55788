import Foundation
import Testing
import VerbatimModel
@testable import VerbatimApp

private func pseudonymize(_ text: String, _ names: [(name: String, pseudonym: String)]) -> String {
    Pseudonymizer(names: names, language: "fr").pseudonymize(text).text
}

/// The names the first pseudonymiser missed (issue 17): document names, one-word entries in another
/// case, hyphens against spaces and invisible characters, surnames of full names used alone.
@Suite struct PseudonymizerMissesTests {
    static let table: [(name: String, pseudonym: String)] = [
        ("Claire Dubreuil", "Enquêtrice A"), ("Claire", "Enquêtrice A"), ("Dubreuil", "Enquêtrice A"),
        ("Kévin", "Volontaire 1"), ("Françoise", "Senior 02"), ("Marie-Claire", "Senior 03"), ("Rose", "Senior 04"),
    ]

    // MARK: (a) document names

    @Test func documentNamesLoseTheirNames() {
        let p = Pseudonymizer(names: Self.table, language: "fr")
        #expect(p.document("entretien-dubreuil.txt") == "entretien-Enquêtrice A.txt")
        #expect(p.document("Claire_Dubreuil.docx") == "Enquêtrice A.docx")
        #expect(p.document("entretiens/claire.dubreuil-2.odt") == "entretiens/Enquêtrice A-2.odt")
        #expect(p.document("kevin2.txt") == "Volontaire 12.txt")
        // Common words are names in a file name too; nothing else changes.
        #expect(p.document("S04-rose.vtt") == "S04-Senior 04.vtt")
        #expect(p.document("S01-lyon.txt") == "S01-lyon.txt")
        #expect(p.document("roseraie.txt") == "roseraie.txt")
        #expect(Pseudonymizer(names: []).document("entretien-dubreuil.txt") == "entretien-dubreuil.txt")
    }

    /// The document name shown in an excerpt's attribution and in the CSV of the codings table.
    @Test func excerptsShowThePseudonymisedDocumentName() throws {
        let p = Pseudonymizer(names: Self.table, language: "fr")
        let coding = Coding(document: "entretien-dubreuil.txt", turn: 2, speaker: "Claire", theme: "t", start: 0, end: 4,
                            unitStart: 0, unitEnd: 10, match: "peur", rule: "any[peur]")
        let shown = CodingRecords.shown(coding, p.registering(document: "entretien-dubreuil.txt", speakers: [("Claire", .participant)]))
        #expect(shown.document == "entretien-Enquêtrice A.txt")
        #expect(shown.speaker == "Enquêtrice A")
        #expect(shown.start == 0 && shown.end == 4)
    }

    // MARK: (b) one-word entries in another case

    @Test func oneWordEntriesInAnyCaseUnlessACommonWord() {
        #expect(pseudonymize("dubreuil, kevin, kévin et francoise", Self.table) == "Enquêtrice A, Volontaire 1, Volontaire 1 et Senior 02")
        #expect(pseudonymize("FRANCOISE", Self.table) == "Senior 02")
        // Claire and Rose are also words: lower-case occurrences stay.
        #expect(pseudonymize("une réponse claire, une rose, Rose et Claire", Self.table) == "une réponse claire, une rose, Senior 04 et Enquêtrice A")
        let p = Pseudonymizer(names: Self.table)
        #expect(p.entries.first { $0.name == "Kévin" }?.anyCase == true)
        #expect(p.entries.first { $0.name == "Rose" }?.anyCase == false)
        #expect(Pseudonymizer.commonWords.contains("pierre") && Pseudonymizer.commonWords.contains("will"))
        #expect(!Pseudonymizer.commonWords.contains("kevin"))
    }

    // MARK: (c) hyphen against space, dashes and invisible characters

    @Test func hyphensSpacesDashesAndInvisibleCharacters() {
        let t = Self.table
        #expect(pseudonymize("Marie Claire est venue", t) == "Senior 03 est venue")
        #expect(pseudonymize("Marie–Claire, Marie\u{00A0}Claire, Marie\u{2011}Claire", t) == "Senior 03, Senior 03, Senior 03")
        #expect(pseudonymize("Claire-Dubreuil", t) == "Enquêtrice A")
        #expect(pseudonymize("Fran\u{00AD}çoise et Du\u{200B}breuil", t) == "Senior 02 et Enquêtrice A")
        #expect(pseudonymize("Claire\u{200B}Dubreuil", t) == "Enquêtrice A")
        #expect(pseudonymize("Kévin\u{200B}et lui", t) == "Volontaire 1\u{200B}et lui")
        #expect(pseudonymize("Claire\u{200D}", t) == "Enquêtrice A\u{200D}")
        // A hyphen still joins words: Claire is not replaced inside another hyphenated name.
        #expect(pseudonymize("Anne-Claire et Claire-Marie", t) == "Anne-Claire et Claire-Marie")
        // Everything around is kept byte for byte.
        #expect(pseudonymize("« Marie Claire » –\u{00A0}oui", t) == "« Senior 03 » –\u{00A0}oui")
    }

    // MARK: (d) parts of a full name

    @Test func surnamesOfFullNamesAlone() {
        let t: [(name: String, pseudonym: String)] = [("Claire Lefèvre", "Anne Morel"), ("Maryvonne Le Goff", "Senior 10"),
                                                      ("Jean de Lattre", "Senior 11"), ("Nguyen Thi Lan", "Senior 20")]
        #expect(pseudonymize("Mme Lefèvre et lefevre, puis Lefèvre.", t) == "Mme Anne Morel et Anne Morel, puis Anne Morel.")
        #expect(pseudonymize("chez les Le Goff, M. de Lattre, Lattre", t) == "chez les Senior 10, M. Senior 11, Senior 11")
        #expect(pseudonymize("Thi Lan et Lan", t) == "Senior 20 et Senior 20")
        let p = Pseudonymizer(names: t)
        #expect(p.entries.contains { $0.name == "Lefèvre" && $0.derived && $0.pseudonym == "Anne Morel" })
        #expect(Pseudonymizer.surnameParts("fils Faucher") == [])
        #expect(Pseudonymizer.surnameParts("Le Goff") == [])
        #expect(Pseudonymizer.surnameParts("Maryvonne Le Goff") == ["Le Goff"])
    }

    @Test func ownRowWinsAndAmbiguousPartsAreNeutral() {
        let t: [(name: String, pseudonym: String)] = [("Claire Lefèvre", "Anne Morel"), ("Paul Lefèvre", "Jean Morel"),
                                                      ("Sophie Roy", "Enquêtrice B"), ("Roy", "Le directeur")]
        #expect(pseudonymize("Lefèvre et Mme Lefèvre", t) == "[nom] et Mme [nom]")
        #expect(pseudonymize("Claire Lefèvre et Paul Lefèvre", t) == "Anne Morel et Jean Morel")
        #expect(pseudonymize("M. Roy", t) == "M. Le directeur")
        // As a speaker label, a name that could be two people is numbered.
        let p = Pseudonymizer(names: t, documents: [("a.txt", [("Lefèvre", .participant)])], language: "en")
        #expect(p.speaker("Lefèvre", in: "a.txt") == "Participant 1")
        #expect(p.pseudonymize("Lefèvre").text == "[name]")
    }
}
