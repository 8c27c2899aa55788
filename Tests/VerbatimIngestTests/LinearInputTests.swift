import Foundation
import Testing
import VerbatimModel
@testable import VerbatimIngest

/// Inputs that used to take time growing faster than their size (issue 17), generated here at a modest
/// size: the results must be those of the plain reading. (No timing here: see Benchmarks/worst_cases.py.)
@Suite struct LinearInputTests {
    /// Turns separated by single newlines: one paragraph of many lines, each turn with its own line.
    @Test func turnsOnSingleNewlinesKeepTheirLineNumbers() throws {
        let n = 2000
        var text = ""
        for k in 0..<n { text += (k % 2 == 0 ? "Enquêteur : question \(k) ?" : "Marie : réponse \(k).") + "\n" }
        let doc = try TextReader.read(data: Data(text.utf8), path: "t.txt")
        #expect(doc.paragraphs.count == 1)
        let t = try TurnSegmenter().segment(doc, document: "t")
        #expect(t.turns.count == n)
        #expect(t.turns.map(\.line) == (1...n).map { Optional($0) })
        #expect(t.text(of: t.turns[n - 1]) == "réponse \(n - 1).")
    }

    /// A cue with many `<` and no `>` keeps them all; markup after them is still removed.
    @Test func cueWithManyOpeningBracketsAndNoClosingOne() {
        let many = String(repeating: "a<", count: 5000)
        #expect(SubtitleReader.cleanCueText(many).0 == many)
        // A `<` runs to the next `>`, as before: "< y <v Ana>" is one tag.
        let (text, voice) = SubtitleReader.cleanCueText("x < y <v Ana>bonjour <i>toi</i> < z")
        #expect(text == "x bonjour toi < z")
        #expect(voice == nil)
        let (text2, voice2) = SubtitleReader.cleanCueText("<v Ana>bonjour <b>toi</b> < z")
        #expect(text2 == "bonjour toi < z")
        #expect(voice2 == "Ana")
    }
}
