import Foundation
import Testing
import VerbatimModel
@testable import VerbatimStudy

/// Finding a coding again after its transcript was corrected (`Anchor.place`).
@Suite struct AnchorTests {
    /// UTF-8 offsets of the `occurrence`-th (1-based) `quote` in `text`.
    static func span(of quote: String, in text: String, occurrence: Int = 1) throws -> (start: Int, end: Int) {
        let hits = Anchor.occurrences(of: Array(quote.utf8), in: Array(text.utf8))
        try #require(hits.count >= occurrence, "\(quote) is in the text \(hits.count) times")
        return hits[occurrence - 1]
    }

    /// A manual coding of the `occurrence`-th `quote` of `text`, made as `verbatim tag` makes it.
    static func coding(_ quote: String, in text: String, occurrence: Int = 1) throws -> HumanCoding {
        let (start, end) = try span(of: quote, in: text, occurrence: occurrence)
        let (q, prefix, suffix) = QuoteContext.of(text, start: start, end: end)
        #expect(q == quote)
        return HumanCoding(id: "m-test", document: "S01.txt", turn: 2, start: start, end: end, quote: q, prefix: prefix, suffix: suffix,
                           theme: "peur", coder: "Marie", status: .manual, time: "2024-05-01T10:00:00Z")
    }

    static func slice(_ text: String, _ r: (start: Int, end: Int)) -> String {
        String(decoding: Array(text.utf8)[r.start..<r.end], as: UTF8.self)
    }

    static let original = """
    Enquêtrice : Et aujourd'hui, est-ce que vous avez toujours cette peur ?

    Mme Martin : Ah oui, toujours un peu. Mais les arnaques, oui. J'ai peur qu'on me prenne mes données, mon compte.

    Enquêtrice : Vous en avez parlé à quelqu'un ?
    """

    @Test func quoteContextTakesUpTo32CharactersAroundTheSpan() throws {
        let text = "Une ligne avant, très longue, pour dépasser trente-deux caractères. J'ai peur qu'on me prenne mes données, et la suite est longue aussi."
        let (start, end) = try Self.span(of: "J'ai peur", in: text)
        let (q, prefix, suffix) = QuoteContext.of(text, start: start, end: end)
        #expect(q == "J'ai peur")
        #expect(prefix.count == QuoteContext.width && text.contains(prefix + q + suffix))
        #expect(prefix.hasSuffix("caractères. "))
        #expect(suffix.count == QuoteContext.width && suffix.hasPrefix(" qu'on me prenne"))
        let atStart = QuoteContext.of(text, start: 0, end: 3)
        #expect(atStart.quote == "Une" && atStart.prefix.isEmpty)
    }

    @Test func unchangedTextKeepsTheStoredOffsets() throws {
        let c = try Self.coding("J'ai peur qu'on me prenne mes données", in: Self.original)
        let r = try #require(Anchor.place(c, in: Self.original))
        #expect(r.start == c.start && r.end == c.end)
    }

    @Test func findsTheQuoteAfterAParagraphWasInsertedAbove() throws {
        let quote = "J'ai peur qu'on me prenne mes données"
        let c = try Self.coding(quote, in: Self.original)
        let corrected = "Évaluation « Les Connectés » : entretien corrigé le 3 avril.\n\nEnquêtrice : Bonjour.\n\n" + Self.original
        let r = try #require(Anchor.place(c, in: corrected))
        #expect(r.start != c.start, "the offsets moved")
        #expect(r.start == c.start + (corrected.utf8.count - Self.original.utf8.count))
        #expect(Self.slice(corrected, r) == quote)
    }

    @Test func findsAReSpacedQuote() throws {
        let quote = "J'ai peur qu'on me prenne mes données"
        let c = try Self.coding(quote, in: Self.original)
        // A line break inside the quote, and a double space.
        let broken = Self.original.replacingOccurrences(of: "J'ai peur qu'on me", with: "J'ai peur\nqu'on  me")
        #expect(!broken.contains(quote))
        let r = try #require(Anchor.place(c, in: broken))
        #expect(Self.slice(broken, r) == "J'ai peur\nqu'on  me prenne mes données")

        // The other way round: the quote had a line break, the corrected text a single space.
        let spaced = Self.original.replacingOccurrences(of: "Mais les arnaques, oui.", with: "Mais les\narnaques,   oui.")
        let c2 = try Self.coding("les\narnaques,   oui", in: spaced)
        let r2 = try #require(Anchor.place(c2, in: Self.original))
        #expect(Self.slice(Self.original, r2) == "les arnaques, oui")

        // A non-breaking space for a space.
        let nbsp = Self.original.replacingOccurrences(of: "prenne mes", with: "prenne\u{A0}mes")
        let r3 = try #require(Anchor.place(c, in: nbsp))
        #expect(Self.slice(nbsp, r3) == "J'ai peur qu'on me prenne\u{A0}mes données")
    }

    /// Bytes 0xA0 are taken for a non-breaking space even as the second byte of a character (U+00E0 "à"
    /// is C3 A0, U+00A0 itself is C2 A0): a re-spaced quote holding "à" or a non-breaking space is not
    /// found again.
    @Test
    func findsAReSpacedQuoteHoldingAnAccentedA() throws {
        let text = "Mme Martin : J'ai peur à cause des arnaques, voilà tout."
        let quote = "peur à cause des arnaques"
        let c = try Self.coding(quote, in: text)
        let respaced = "Mme Martin : J'ai peur\nà cause  des arnaques, voilà tout."
        #expect(Anchor.place(c, in: respaced).map { Self.slice(respaced, $0) } == "peur\nà cause  des arnaques")
        // A quote with a non-breaking space, found where the corrected text has a plain one.
        let nbsp = "Mme Martin : J'ai peur\u{A0}des arnaques."
        let c2 = try Self.coding("peur\u{A0}des arnaques", in: nbsp)
        let plain = "Mme Martin : Oui, j'ai peur des arnaques."
        #expect(Anchor.place(c2, in: plain).map { Self.slice(plain, $0) } == "peur des arnaques")
    }

    @Test func theContextDecidesBetweenTwoOccurrences() throws {
        let text = """
        Mme Martin : Au début j'avais peur des arnaques, comme tout le monde.

        Enquêtrice : Et maintenant ?

        Mme Martin : Maintenant je n'ai plus peur des arnaques, je sais les reconnaître.
        """
        let quote = "peur des arnaques"
        let c = try Self.coding(quote, in: text, occurrence: 2)
        // A long passage inserted between the two occurrences (the second moves far away, the first stays
        // nearer the stored offset), and a word near the second changed.
        let corrected = text
            .replacingOccurrences(of: "Enquêtrice : Et maintenant ?", with: "Enquêtrice : Et maintenant, après toutes ces séances avec les volontaires du programme, qu'est-ce qui a changé pour vous, au quotidien, avec la tablette ?")
            .replacingOccurrences(of: "Maintenant je n'ai plus", with: "Aujourd'hui je n'ai plus")
        let first = try Self.span(of: quote, in: corrected, occurrence: 1)
        let second = try Self.span(of: quote, in: corrected, occurrence: 2)
        #expect(abs(first.start - c.start) < abs(second.start - c.start), "the position alone would choose the first")
        let r = try #require(Anchor.place(c, in: corrected))
        #expect(r.start == second.start && r.end == second.end)

        // And the first occurrence, coded, stays the first.
        let c1 = try Self.coding(quote, in: text, occurrence: 1)
        let r1 = try #require(Anchor.place(c1, in: corrected))
        #expect(r1.start == first.start)
    }

    @Test func nilWhenTheQuoteIsGone() throws {
        let c = try Self.coding("J'ai peur qu'on me prenne mes données", in: Self.original)
        let rewritten = Self.original.replacingOccurrences(of: "J'ai peur qu'on me prenne mes données", with: "Je crains pour mes données")
        #expect(Anchor.place(c, in: rewritten) == nil)
        // A shorter text than the stored offsets, without the quote, is no crash either.
        #expect(Anchor.place(c, in: "Mme Martin : Oui.") == nil)
        #expect(Anchor.place(c, in: "") == nil)
        // Nor does a part of the quote count.
        #expect(Anchor.place(c, in: "J'ai peur qu'on me prenne") == nil)
    }
}
