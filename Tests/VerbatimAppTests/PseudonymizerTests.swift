import Foundation
import Testing
import VerbatimModel
import VerbatimExport
@testable import VerbatimApp

/// The names table used by most tests below.
private let table: [(name: String, pseudonym: String)] = [
    ("Mme Lefèvre", "Senior 03"),
    ("Jeannine Martin", "Senior 01"),
    ("Martin", "Senior 01b"),
    ("Claire", "Enquêtrice A"),
    ("Claire Dubreuil", "Enquêtrice A"),
    ("d'Artagnan", "Mousquetaire"),
    ("Anne-Laure", "Partenaire 05"),
    ("lulu", "Senior 99"),
    ("Kevin", "Petit-fils"),
    ("Kévin", "Volontaire"),
    ("Dr Hervouët", "Médecin"),
    ("Mme Le Goff", "Senior 10"),
    ("M. Le Goff", "Époux de Senior 10"),
]

private func pseudonymize(_ text: String, _ names: [(name: String, pseudonym: String)] = table) -> String {
    Pseudonymizer(names: names, language: "fr").pseudonymize(text).text
}

@Suite struct PseudonymizerTests {
    @Test func namesInAnyCaseAccentsAndApostrophes() {
        #expect(pseudonymize("MME LEFEVRE et mme  lefèvre, puis Mme Lefèvre.") == "Senior 03 et Senior 03, puis Senior 03.")
        #expect(pseudonymize("Le fils d’Artagnan et D'ARTAGNAN.") == "Le fils Mousquetaire et Mousquetaire.")
        #expect(pseudonymize("claire dubreuil est passée") == "Enquêtrice A est passée")
        #expect(pseudonymize("Mme\u{00A0}Lefèvre") == "Senior 03")
    }

    @Test func longestNamesFirst() {
        #expect(pseudonymize("Jeannine Martin est là, Martin aussi.") == "Senior 01 est là, Senior 01b aussi.")
        #expect(pseudonymize("Claire Dubreuil, puis Claire.") == "Enquêtrice A, puis Enquêtrice A.")
        // The table's order does not matter.
        #expect(pseudonymize("Jeannine Martin", table.reversed()) == "Senior 01")
    }

    @Test func wholeWordsOnly() {
        #expect(pseudonymize("Claireville, Martine et Martinez") == "Claireville, Martine et Martinez")
        #expect(pseudonymize("Marie-Claire et Saint-Martin") == "Marie-Claire et Saint-Martin")
        #expect(pseudonymize("Claire-Marie") == "Claire-Marie")
        #expect(pseudonymize("(Martin) «Claire» Martin.") == "(Senior 01b) «Enquêtrice A» Senior 01b.")
        #expect(pseudonymize("Anne-Laure et Anne") == "Partenaire 05 et Anne")
        // A hesitation "Clai- Claire": the name is replaced, the cut-off start is not a name.
        #expect(pseudonymize("Claire- euh") == "Enquêtrice A- euh")
    }

    /// "Claire" is a first name in the table and a French adjective: a capitalised one-word entry
    /// replaces only capitalised occurrences; entries of several words, or written in lower case,
    /// replace any case.
    @Test func claireTheNameAndClaireTheAdjective() {
        #expect(pseudonymize("Une réponse claire, Claire !") == "Une réponse claire, Enquêtrice A !")
        #expect(pseudonymize("CLAIRE m'a dit") == "Enquêtrice A m'a dit")
        #expect(pseudonymize("c'est clair et net, claire comme de l'eau") == "c'est clair et net, claire comme de l'eau")
        #expect(pseudonymize("claire dubreuil") == "Enquêtrice A")
        #expect(pseudonymize("Lulu et lulu") == "Senior 99 et Senior 99")
        let p = Pseudonymizer(names: table)
        #expect(p.entries.first { $0.name == "Claire" }?.anyCase == false)
        #expect(p.entries.first { $0.name == "Claire Dubreuil" }?.anyCase == true)
        #expect(p.entries.first { $0.name == "lulu" }?.anyCase == true)
    }

    @Test func theEntryWrittenAsInTheTextWins() {
        #expect(pseudonymize("Kevin et Kévin") == "Petit-fils et Volontaire")
        #expect(pseudonymize("KÉVIN") == "Volontaire")
    }

    @Test func civilitiesGiveTheBareName() {
        #expect(pseudonymize("le docteur Hervouët, Dr Hervouët") == "le docteur Médecin, Médecin")
        // The full forms keep their own pseudonyms; the bare "Le Goff", derived from both rows with
        // different pseudonyms, could be either person: it becomes the neutral "[nom]".
        #expect(pseudonymize("M. Le Goff et Mme Le Goff") == "Époux de Senior 10 et Senior 10")
        #expect(pseudonymize("chez les Le Goff") == "chez les [nom]")
        let p = Pseudonymizer(names: table)
        #expect(p.entries.contains { $0.name == "Hervouët" && $0.derived })
        #expect(p.entries.contains { $0.name == "Lefèvre" && $0.derived })
        #expect(p.entries.filter { $0.name == "Le Goff" }.map(\.pseudonym) == ["[name]"])
        #expect(p.entries.first { $0.name == "Le Goff" }?.ambiguous == true)
    }

    @Test func everythingElseIsKeptByteForByte() {
        let text = "C’est\u{00A0}: « Claire » ! (rires)\n\nEt\tpuis…  Martin.  "
        let result = Pseudonymizer(names: table).pseudonymize(text)
        #expect(result.text == "C’est\u{00A0}: « Enquêtrice A » ! (rires)\n\nEt\tpuis…  Senior 01b.  ")
        #expect(result.replacements.map(\.name) == ["Claire", "Martin"])
        // Decomposed accents (NFD) are part of the name they follow.
        #expect(pseudonymize("Mme Lefe\u{0300}vre.") == "Senior 03.")
        #expect(pseudonymize("") == "")
        #expect(Pseudonymizer(names: []).pseudonymize("Claire").text == "Claire")
    }

    @Test func replacementsRemapRanges() throws {
        let text = "J'ai dit à Claire Dubreuil que j'avais peur de Martin."
        let result = Pseudonymizer(names: table).pseudonymize(text)
        #expect(result.text == "J'ai dit à Enquêtrice A que j'avais peur de Senior 01b.")
        func range(_ s: String, _ word: String) throws -> Range<Int> {
            let r = try #require(s.range(of: word))
            return s.utf8.distance(from: s.startIndex, to: r.lowerBound)..<s.utf8.distance(from: s.startIndex, to: r.upperBound)
        }
        func slice(_ s: String, _ r: Range<Int>) -> String {
            String(decoding: Array(s.utf8)[r], as: UTF8.self)
        }
        // A range after a replacement moves with it.
        #expect(slice(result.text, result.map(try range(text, "peur"))) == "peur")
        // A range before any replacement stays.
        #expect(result.map(try range(text, "J'ai")) == (try range(text, "J'ai")))
        // A range on a name covers its pseudonym; a range on part of a name grows to the whole pseudonym.
        #expect(slice(result.text, result.map(try range(text, "Claire Dubreuil"))) == "Enquêtrice A")
        #expect(slice(result.text, result.map(try range(text, "Dubreuil"))) == "Enquêtrice A")
        #expect(slice(result.text, result.map(try range(text, "Martin."))) == "Senior 01b.")
        let first = try #require(result.replacements.first)
        #expect(slice(text, first.original) == "Claire Dubreuil")
        #expect(slice(result.text, first.replaced) == "Enquêtrice A")
    }

    @Test func speakerLabels() {
        let p = Pseudonymizer(names: table + [("Senior 01", "Senior 01")], documents: [
            ("a.txt", [("Enquêtrice", .interviewer), ("Mme Lefèvre", .participant), ("R", .participant), ("P1", .participant),
                       ("Jacqueline", .participant), ("Bernard Dupuis", .participant), ("Sophie", .interviewer),
                       ("Locuteur 2", .participant), ("Animatrice (Claire)", .interviewer), ("Animatrice (Paule)", .interviewer),
                       ("Mme Martin", .participant), ("MME LEFEVRE", .participant), ("Int2", .interviewer), ("Q.", .interviewer)]),
            ("b.txt", [("Bernard Dupuis", .participant), ("Senior 01b", .participant), ("Participant 1", .participant), ("Gaston", .participant)]),
        ], language: "fr")
        #expect(p.speaker("Enquêtrice", in: "a.txt") == "Enquêtrice")
        #expect(p.speaker("Mme Lefèvre", in: "a.txt") == "Senior 03")
        #expect(p.speaker("MME LEFEVRE", in: "a.txt") == "Senior 03")
        #expect(p.speaker("R", in: "a.txt") == "R")
        #expect(p.speaker("P1", in: "a.txt") == "P1")
        #expect(p.speaker("Int2", in: "a.txt") == "Int2")
        #expect(p.speaker("Q.", in: "a.txt") == "Q.")
        #expect(p.speaker("Jacqueline", in: "a.txt") == "Participant 1")
        #expect(p.speaker("Bernard Dupuis", in: "a.txt") == "Participant 2")
        #expect(p.speaker("Sophie", in: "a.txt") == "Enquêteur 1")
        #expect(p.speaker("Locuteur 2", in: "a.txt") == "Locuteur 2")
        #expect(p.speaker("Animatrice (Claire)", in: "a.txt") == "Animatrice (Enquêtrice A)")
        #expect(p.speaker("Animatrice (Paule)", in: "a.txt") == "Animatrice")
        // "Mme Martin" is not a row, but "Martin" is.
        #expect(p.speaker("Mme Martin", in: "a.txt") == "Senior 01b")
        // Numbered across documents, the same label keeping its number; a number already used by a
        // label of the document is skipped.
        #expect(p.speaker("Bernard Dupuis", in: "b.txt") == "Participant 2")
        #expect(p.speaker("Gaston", in: "b.txt") == "Participant 3")
        #expect(p.speaker("Participant 1", in: "b.txt") == "Participant 1")
        #expect(p.speaker("Senior 01b", in: "b.txt") == "Senior 01b")
        // A label of an unknown document is never shown as it is when it could be a name.
        #expect(p.speaker("Gaston", in: "c.txt") == "Participant")
        #expect(Pseudonymizer(names: [], documents: [("x", [("Sam", .participant)])], language: "en").speaker("Sam", in: "x") == "Participant 1")
    }

    @Test func attributeValues() {
        let p = Pseudonymizer(names: table)
        let a = p.pseudonymize(Attributes([("group", "senior"), ("interviewer", "Claire Dubreuil")]))
        #expect(a.pairs.map(\.value) == ["senior", "Enquêtrice A"])
        #expect(a.names == ["group", "interviewer"])
    }

    @Test func codesAndLabels() {
        #expect(Pseudonymizer.isCode("R"))
        #expect(Pseudonymizer.isCode("S01"))
        #expect(Pseudonymizer.isCode("FG2"))
        #expect(!Pseudonymizer.isCode("Lan"))
        #expect(!Pseudonymizer.isCode("Rachid"))
        #expect(Pseudonymizer.withoutCivility("Mme Martin") == "Martin")
        #expect(Pseudonymizer.withoutCivility("madame Bouchet") == "Bouchet")
        #expect(Pseudonymizer.withoutCivility("Le Goff") == nil)
        #expect(Pseudonymizer.withoutCivility("Mme") == nil)
    }
}
