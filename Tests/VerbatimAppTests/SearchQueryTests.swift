import Foundation
import Testing
import VerbatimModel
@testable import VerbatimApp

/// The search language (`SearchQuery`), the words of a text and the matcher (`SearchUseCase`).
@Suite struct SearchQueryTests {
    typealias W = SearchQuery.Word

    static func w(_ s: String, prefix: Bool = false) -> W { W(folded: s, prefix: prefix) }

    @Test func wordsAreClausesThatAllMustMatch() throws {
        let q = try SearchQuery(parsing: "peur  Internet")
        #expect(q.clauses == [.phrase([Self.w("peur")]), .phrase([Self.w("internet")])])
        #expect(try SearchQuery(parsing: "Inquiète ÉCRAN").clauses == [.phrase([Self.w("inquiete")]), .phrase([Self.w("ecran")])],
                "folded: case and accents aside")
    }

    @Test func phrasesPrefixesAndNear() throws {
        #expect(try SearchQuery(parsing: "\"prendre rendez-vous\"").clauses == [.phrase([Self.w("prendre"), Self.w("rendez-vous")])])
        #expect(try SearchQuery(parsing: "\"peur des arnaques\" visio").clauses
                == [.phrase([Self.w("peur"), Self.w("des"), Self.w("arnaques")]), .phrase([Self.w("visio")])])
        #expect(try SearchQuery(parsing: "inquiét*").clauses == [.phrase([Self.w("inquiet", prefix: true)])])
        #expect(try SearchQuery(parsing: "peur NEAR internet").clauses == [.near([Self.w("peur")], [Self.w("internet")], within: 5)])
        #expect(try SearchQuery(parsing: "peur NEAR/2 internet").clauses == [.near([Self.w("peur")], [Self.w("internet")], within: 2)])
        #expect(try SearchQuery(parsing: "\"faux mail\" NEAR/3 banque*").clauses
                == [.near([Self.w("faux"), Self.w("mail")], [Self.w("banque", prefix: true)], within: 3)])
        // A lower-case "near" is a word like any other.
        #expect(try SearchQuery(parsing: "peur near internet").clauses.count == 3)
        // Words and a NEAR together.
        #expect(try SearchQuery(parsing: "tablette peur NEAR internet").clauses
                == [.phrase([Self.w("tablette")]), .near([Self.w("peur")], [Self.w("internet")], within: 5)])
        // An elision splits: the words are those the coder counts.
        #expect(try SearchQuery(parsing: "l'ordinateur").clauses == [.phrase([Self.w("l"), Self.w("ordinateur")])])
    }

    @Test func badQueriesThrowUsageErrors() {
        for bad in ["\"unclosed", "peur \"des arnaques", "NEAR x", "peur NEAR", "NEAR", "peur NEAR NEAR internet", "", "   ", "\"\"", "*", "?!"] {
            let error = #expect(throws: Diagnostic.self, "\(bad.debugDescription)") { try SearchQuery(parsing: bad) }
            #expect(error?.exitClass == .usage, "\(bad.debugDescription)")
        }
    }

    @Test func wordsHaveUTF8Offsets() {
        let text = "L'ordinateur, c'est rendez-vous à 10h -bien- été."
        let words = SearchUseCase.words(in: text)
        #expect(words.map(\.text) == ["L", "ordinateur", "c", "est", "rendez-vous", "à", "10h", "bien", "été"])
        let bytes = Array(text.utf8)
        for w in words {
            #expect(String(decoding: bytes[w.start..<w.end], as: UTF8.self) == w.text, "\(w)")
        }
        #expect(words[0].start == 0 && words[0].end == 1)
        #expect(words[1].start == 2 && words[1].end == 12)
        #expect(words[4].start == 20 && words[4].end == 31)
        #expect(words[5].start == 32 && words[5].end == 34, "à is two bytes")
        #expect(words[8].end == bytes.count - 1)
        #expect(SearchUseCase.words(in: "").isEmpty && SearchUseCase.words(in: " , ; ").isEmpty)
        // A typographic apostrophe separates too.
        #expect(SearchUseCase.words(in: "l’ordinateur").map(\.text) == ["l", "ordinateur"])
    }

    /// The matcher's input for `text`, as the search builds it for a turn.
    static func folded(_ text: String) -> [(folded: String, start: Int, end: Int)] {
        SearchUseCase.words(in: text).map { w in
            (folded: w.text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil), start: w.start, end: w.end)
        }
    }

    /// The matched texts of `query` in `text`, nil when it does not match.
    static func matches(_ query: String, _ text: String) throws -> [String]? {
        let q = try SearchQuery(parsing: query)
        let bytes = Array(text.utf8)
        return SearchUseCase.match(q, folded(text)).map { spans in spans.map { String(decoding: bytes[$0.0..<$0.1], as: UTF8.self) } }
    }

    @Test func matchIsCaseAndAccentInsensitive() throws {
        #expect(try Self.matches("peur", "J'avais PEUR, vraiment peur.") == ["PEUR", "peur"])
        #expect(try Self.matches("écran", "l'ECRAN est petit") == ["ECRAN"])
        #expect(try Self.matches("Ecran", "un écran tactile") == ["écran"])
        #expect(try Self.matches("peur", "j'ai peurs de tout") == nil, "a word, not a part of one")
        #expect(try Self.matches("inquiét*", "Inquiète, puis INQUIETUDE, pas quiet.") == ["Inquiète", "INQUIETUDE"])
        #expect(try Self.matches("ordinateur", "C'est l'ordinateur de Philippe.") == ["ordinateur"])
    }

    @Test func matchPhrases() throws {
        #expect(try Self.matches("\"peur des arnaques\"", "Elle a peur des arnaques, surtout.") == ["peur des arnaques"])
        #expect(try Self.matches("\"peur des arnaques\"", "Elle a peur de ces arnaques.") == nil)
        #expect(try Self.matches("\"prendre rendez-vous\"", "Pour prendre rendez-vous chez le médecin.") == ["prendre rendez-vous"])
        #expect(try Self.matches("\"rendez vous\"", "Pour prendre rendez-vous.") == nil, "rendez-vous is one word")
    }

    @Test func matchNear() throws {
        let text = "J'ai peur de tout ce qui est internet."
        // peur … internet: five words between (de tout ce qui est).
        #expect(try Self.matches("peur NEAR internet", text) == ["peur de tout ce qui est internet"])
        #expect(try Self.matches("peur NEAR/5 internet", text) != nil)
        #expect(try Self.matches("peur NEAR/4 internet", text) == nil)
        #expect(try Self.matches("peur NEAR/2 internet", text) == nil)
        #expect(try Self.matches("peur NEAR/2 internet", "Internet me fait peur.") == ["Internet me fait peur"], "either order")
        #expect(try Self.matches("peur NEAR/2 internet", "Internet, ça me fait peur.") == nil, "three words between")
        #expect(try Self.matches("peur NEAR/0 internet", "la peur internet") == ["peur internet"])
        #expect(try Self.matches("peur NEAR internet", "J'ai peur. Voilà.") == nil)
        #expect(try Self.matches("\"faux mail\" NEAR/3 banq*", "un faux mail de la Banque Postale") == ["faux mail de la Banque"])
    }

    @Test func everyClauseMustMatchAndTheFirstGivesTheSpans() throws {
        let text = "Ma tablette, j'en ai peur, mais la tablette m'aide."
        #expect(try Self.matches("tablette peur", text) == ["tablette", "tablette"])
        #expect(try Self.matches("peur tablette", text) == ["peur"])
        #expect(try Self.matches("tablette visio", text) == nil)
        let q = try SearchQuery(parsing: "tablette peur")
        let spans = try #require(SearchUseCase.match(q, Self.folded(text)))
        #expect(spans.map(\.0) == [3, 35])
        #expect(spans.map(\.1) == [11, 43])
    }

    /// The search's word test is CharacterSet.alphanumerics (letters, marks, numbers) on every scalar
    /// of the Basic Multilingual Plane (the historic scripts above it, Tangut say, are missing from
    /// Foundation's table on Linux: there the standard library's answer is the right one).
    @Test func theWordTestIsAlphanumerics() {
        var differ: [UInt32] = []
        for v in UInt32(0)...0xFFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            if SearchUseCase.isAlphanumeric(u) != CharacterSet.alphanumerics.contains(u) { differ.append(v) }
        }
        // Foundation's tables follow an older Unicode version than the standard library's: only scalars
        // assigned since (Unicode 14 and later) may differ.
        let old = differ.filter { v in (Unicode.Scalar(v)!.properties.age.map { $0.major < 14 } ?? false) }
        #expect(old.count == 0, "\(old.count) scalars assigned before Unicode 14 differ, e.g. \(old.prefix(20).map { String($0, radix: 16) })")
    }
}

