import Foundation
import Testing
import VerbatimModel
import VerbatimCodebook
@testable import VerbatimCoding

/// A codebook regular expression that backtracks catastrophically is stopped after a bounded amount of
/// work and reported with its rule, instead of running for minutes (issue 17).
@Suite struct RegexBoundTests {
    let nested = Theme(id: "danger", label: "Danger", rules: [Rule(kind: .any, terms: [Term(kind: .regex("(a+)+$"), source: "re:(a+)+$", strict: false, stem: false)])])
    let plain = Theme(id: "word", label: "Word", rules: [Rule(kind: .any, terms: [Term(kind: .words(["internet"]), source: "internet", strict: false, stem: false)])])

    @Test func nestedRepeatsOnAHostileTextAreStoppedAndNamed() {
        let coder = Coder(book("en", [nested, plain]))
        // 2^64 ways to split 64 a's: without a bound this would not finish.
        let started = Date()
        let codings = coder.code(text: "internet " + String(repeating: "a", count: 64) + "b")
        let seconds = Date().timeIntervalSince(started)
        let overrun = coder.regexOverrun
        #expect(overrun?.term == "re:(a+)+$")
        #expect(overrun?.themes == ["danger"])
        #expect(overrun?.message.contains("takes too long") == true)
        #expect(seconds < 20, "stopped after a bounded amount of work, not 2^64 steps (\(seconds) s)")
        // The word terms were still matched; the regular expression found nothing it could report.
        #expect(codings.map(\.theme) == ["word"])
    }

    @Test func theSameExpressionOnAnOrdinaryTextMatchesAndClearsTheOverrun() {
        let coder = Coder(book("en", [nested, plain]))
        _ = coder.code(text: String(repeating: "a", count: 64) + "b")
        #expect(coder.regexOverrun != nil)
        // The next entry point starts afresh.
        let codings = coder.code(text: "the internet, aaa")
        #expect(coder.regexOverrun == nil)
        #expect(Set(codings.map(\.theme)) == ["danger", "word"])
        #expect(codings.first { $0.theme == "danger" }?.match == "aaa")
    }

    @Test func theBoundFallsAtTheSamePlaceEveryRun() {
        // The bound counts the engine's progress reports (steps, not time): the same text is stopped
        // the same way on every run.
        let text = String(repeating: "a", count: 40) + "b"
        let results = (0..<3).map { _ -> RegexOverrun? in
            let coder = Coder(book("en", [nested]))
            _ = coder.code(text: text)
            return coder.regexOverrun
        }
        #expect(results.allSatisfy { $0 != nil && $0 == results[0] })
    }

    @Test func longOrdinaryTextsStayUnderTheBound() {
        // A long turn with many matches, accents and astral characters: no overrun, and every match's
        // byte offsets are those of its text (UTF-16 offsets turned into UTF-8 in one pass).
        let t = Theme(id: "km", label: "Km", rules: [Rule(kind: .any, terms: [Term(kind: .regex("\\b\\d{2} ?km\\b"), source: "re:\\b\\d{2} ?km\\b", strict: false, stem: false)])])
        let coder = Coder(book("fr", [t]))
        let piece = "Élodie 👍🏽 a fait 30 km, puis «45km» à vélo ; ça fait loin. "
        var text = String(repeating: piece, count: 3000)
        let codings = coder.code(text: text)
        #expect(coder.regexOverrun == nil)
        #expect(codings.count == 6000)
        text.withUTF8 { buf in
            for c in codings {
                let s = String(decoding: UnsafeBufferPointer(rebasing: buf[c.start..<c.end]), as: UTF8.self)
                #expect(s == "30 km" || s == "45km")
            }
        }
    }
}
