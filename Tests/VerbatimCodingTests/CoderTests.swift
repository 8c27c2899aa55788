import Foundation
import Testing
import CVerbatimScan
import VerbatimModel
import VerbatimIngest
import VerbatimCodebook
import VerbatimTestSupport
@testable import VerbatimCoding

/// The package's root folder.
func packageRoot() -> URL {
    var root = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { root.deleteLastPathComponent() }
    return root
}

/// Every word of the plain-text transcripts at hand: the bundled study's and, when present, those of
/// ../shared/corpora/transcripts.
func transcriptVocabulary() -> Set<String> {
    let root = packageRoot()
    var vocabulary = Set<String>()
    for dir in [root.appendingPathComponent("Corpora"), root.deletingLastPathComponent().appendingPathComponent("shared/corpora/transcripts")] {
        let en = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)
        while let f = en?.nextObject() as? URL {
            guard f.pathExtension == "txt", !f.lastPathComponent.contains("pandoc"),
                  var text = try? String(contentsOf: f, encoding: .utf8) else { continue }
            text.withUTF8 { buf in
                var tk = Tokenizer(buf, from: 0, to: buf.count)
                while tk.advance() { vocabulary.insert(String(decoding: UnsafeBufferPointer(rebasing: buf[tk.tokenStart..<tk.tokenEnd]), as: UTF8.self)) }
            }
        }
    }
    return vocabulary
}

/// Builds a one-theme codebook.
func book(_ language: String = "fr", _ themes: [Theme]) -> CompiledCodebook {
    CompiledCodebook(Codebook(id: "t", title: "t", language: language, themes: themes, path: "t.yaml"))
}

func words(_ terms: String..., strict: Bool = false, stem: Bool = true) -> [Term] {
    terms.map { t in
        if t.hasPrefix("re:") { return Term(kind: .regex(String(t.dropFirst(3))), source: t, strict: strict, stem: stem) }
        return Term(kind: .words(t.split(separator: " ").map(String.init)), source: t, strict: strict, stem: stem)
    }
}

/// Codes `marked` (expected matches between « and ») and returns (expected, found) match texts for `theme`.
func matches(_ cb: CompiledCodebook, _ marked: String, theme: String) -> (expected: [String], found: [String], text: String) {
    var text = ""
    var expected: [String] = []
    var current: String?
    for ch in marked {
        if ch == "«" { current = "" } else if ch == "»" { expected.append(current!); current = nil } else {
            text.append(ch)
            if current != nil { current!.append(ch) }
        }
    }
    let codings = Coder(cb).code(text: text).filter { $0.theme == theme }
    // Check offsets point at the match.
    for c in codings {
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[c.start..<c.end], as: UTF8.self) == c.match || c.match.contains(" … "))
    }
    return (expected, codings.map(\.match), text)
}

@Suite struct CoderTests {
    let fear = Theme(id: "peur", label: "Peur", rules: [Rule(kind: .any, terms: words("peur", "crainte", "angoiss*", "me faire arnaquer"))],
                     negation: .ignore)

    @Test func anyTermsStemsPrefixesAndPhrases() {
        let cb = book("fr", [fear])
        for marked in [
            "J'ai «peur» de me faire voler.",
            "Mes «craintes», c'était surtout les virus.",
            "Ça m'«angoisse», ça m'«angoissait» beaucoup.",
            "J'avais vraiment peur de «me faire arnaquer».".replacingOccurrences(of: "vraiment peur", with: "vraiment «peur»"),
            "«PEUR», «Peur», «peurs».",
        ] {
            let r = matches(cb, marked, theme: "peur")
            #expect(r.found == r.expected, "\(r.text)")
        }
    }

    @Test func accentsCaseLigaturesAndApostrophes() {
        let t = Theme(id: "x", label: "X", rules: [Rule(kind: .any, terms: words("école", "cœur", "aujourd'hui", "l'ordinateur", stem: false))])
        let cb = book("fr", [t])
        for marked in [
            "L'«ECOLE» et l’«école», l'«Ecole».",
            "De tout mon «coeur», de tout mon «cœur».",
            "«aujourd’hui» comme «aujourd'hui».",
            "«l’ordinateur», «L'ORDINATEUR», «l'ordinateur».",
        ] {
            let r = matches(cb, marked, theme: "x")
            #expect(r.found == r.expected, "\(r.text)")
        }
    }

    @Test func elisionsAreSplit() {
        let t = Theme(id: "x", label: "X", rules: [Rule(kind: .any, terms: words("ordinateur", "habitude", "aide"))])
        let r = matches(book("fr", [t]), "L'«ordinateur», d’«habitude», qu'«aide», jusqu'«aide», lorsqu’«aide».", theme: "x")
        #expect(r.found == r.expected)
    }

    @Test func hyphenMatchesSpace() {
        let t = Theme(id: "x", label: "X", rules: [Rule(kind: .any, terms: words("petits-enfants", "e-mail"))])
        let r = matches(book("fr", [t]), "Mes «petits-enfants», mes «petits enfants», un «e-mail», un «e mail».", theme: "x")
        #expect(r.found == r.expected)
    }

    @Test func strictTermsKeepCaseAndAccents() {
        let t = Theme(id: "caf", label: "CAF", rules: [Rule(kind: .any, terms: words("CAF", strict: true))])
        let r = matches(book("fr", [t]), "La «CAF» m'a écrit. Un caf au lait, un Caf.", theme: "caf")
        #expect(r.found == r.expected)
    }

    @Test func allRule() {
        let t = Theme(id: "prix", label: "Prix", rules: [Rule(kind: .all, terms: words("tablette", "prix"))])
        let cb = book("fr", [t])
        #expect(Coder(cb).code(text: "La tablette, c'était un prix.").count == 1)
        #expect(Coder(cb).code(text: "La tablette est belle.").isEmpty)
    }

    @Test func nearRule() {
        let t = Theme(id: "danger", label: "Danger", rules: [Rule(kind: .near(within: 3, ordered: false), terms: words("internet", "danger"))])
        let cb = book("fr", [t])
        let r = matches(cb, "Je pense que «internet c'est un danger».", theme: "danger")
        #expect(r.found == r.expected)
        #expect(Coder(cb).code(text: "Internet, je ne sais pas, on dit souvent que c'est un danger.").isEmpty)
        let ordered = Theme(id: "o", label: "O", rules: [Rule(kind: .near(within: 3, ordered: true), terms: words("danger", "internet"))])
        #expect(Coder(book("fr", [ordered])).code(text: "internet c'est un danger").isEmpty)
        #expect(Coder(book("fr", [ordered])).code(text: "le danger d'internet").count == 1)
    }

    @Test func negationWindows() {
        let cb = book("fr", [fear])
        for (text, coded) in [
            ("Je n'ai plus peur d'internet.", false),
            ("J'ai plus peur, maintenant.", false),
            ("Je n’ai jamais eu peur de ça.", false),
            ("Ça ne me fait plus peur.", false),
            ("Rien ne me fait peur.", false),
            ("Sans crainte.", false),
            ("J'ai de plus en plus peur.", true),
            ("Non, j'ai peur.", true),
            ("Je ne sais pas pourquoi mais j'ai peur.", true),
            ("Je n'ai pas d'ordinateur chez moi et honnêtement j'ai peur.", true),
            ("J'ai peur.", true),
        ] {
            #expect(!Coder(cb).code(text: text).isEmpty == coded, "\(text)")
        }
        let en = book("en", [Theme(id: "fear", label: "Fear", rules: [Rule(kind: .any, terms: words("afraid", "fear"))], negation: .ignore)])
        #expect(Coder(en).code(text: "I'm not afraid any more.").isEmpty)
        #expect(Coder(en).code(text: "I don't fear it.").isEmpty)
        #expect(Coder(en).code(text: "I never feared the internet.").isEmpty)
        #expect(Coder(en).code(text: "I was afraid.").count == 1)
    }

    @Test func negationPolicies() {
        var counted = fear
        counted.negation = .count
        #expect(Coder(book("fr", [counted])).code(text: "Je n'ai plus peur.").count == 1)
        // A theme that says nothing counts negated mentions: they are still about the topic.
        let transport = Theme(id: "transport", label: "Transport", rules: [Rule(kind: .any, terms: words("métro", "bus"))])
        #expect(transport.negation == .count)
        #expect(Coder(book("fr", [transport])).code(text: "Elles prennent pas le métro.").map(\.match) == ["métro"])
        let assignments = Theme(id: "assignments", label: "Assignments", rules: [Rule(kind: .any, terms: words("assignment"))])
        #expect(Coder(book("en", [assignments])).code(text: "I don't like all the assignments.").map(\.match) == ["assignments"])
        var ignored = assignments
        ignored.negation = .ignore
        #expect(Coder(book("en", [ignored])).code(text: "I don't like all the assignments.").isEmpty)
        var recoded = fear
        recoded.negation = .recode("confiance")
        let cb = book("fr", [recoded, Theme(id: "confiance", label: "Confiance")])
        let c = Coder(cb).code(text: "Je n'ai plus peur.")
        #expect(c.map(\.theme) == ["confiance"])
        #expect(c.first?.rule.hasPrefix("negation of peur") == true)
    }

    /// Comparative "plus" and "pas mal" do not negate; a real negation before them still does.
    @Test func comparisonsAndPasMalAreNotNegations() {
        let ease = Theme(id: "aise", label: "À l'aise", rules: [Rule(kind: .any, terms: words("à l'aise", "rassurée", "peur", "appris"))],
                         negation: .ignore)
        let cb = book("fr", [ease])
        for (text, coded) in [
            ("Je suis plus à l'aise qu'avant.", true),
            ("Plus rassurée qu'avant, oui.", true),
            ("Je suis plus rassurée qu’avant avec la tablette.", true),
            ("J'ai de plus en plus peur.", true),
            ("De plus en plus à l'aise.", true),
            ("C'est le plus rassurée que je sois.", true),
            ("J'ai pas mal appris avec elle.", true),
            ("C'est pas mal, je suis à l'aise.", true),
            // A comparison whose "que" comes several words after "plus".
            ("Je suis plus à l'aise sur la tablette qu'avant.", true),
            ("Je suis plus à l'aise avec la petite tablette qu'avec l'ordinateur.", true),
            // Still negations: "ne" before a comparison, "plus" without "que", "ce que" after "plus".
            ("Je ne suis pas plus rassurée qu'avant.", false),
            ("Je ne suis pas plus à l'aise qu'avant.", false),
            ("J'ai plus peur.", false),
            ("J'ai plus peur de ce que je fais.", false),
            // "depuis que", "avant que": conjunctions, not the end of a comparison.
            ("J'ai plus peur depuis que je sais faire.", false),
            ("Je suis plus à l'aise depuis qu'elle m'a montré.", false),
            ("Je n'ai pas appris.", false),
            ("Je n'ai pas mal appris.", false),
        ] {
            #expect(!Coder(cb).code(text: text).isEmpty == coded, "\(text)")
        }
        // The explanation names the negation that is left.
        let ex = Coder(cb).code(text: "Je ne suis pas plus rassurée qu'avant, mais plus à l'aise qu'avant.")
        #expect(ex.map(\.match) == ["à l'aise"])
    }

    /// The third person plural of a French verb in -er, which Snowball does not stem like the other
    /// forms ("montrent" stays "montrent" while "montrer" is "montr"), is a form of the verb.
    @Test func frenchThirdPersonPluralsAreFormsOfTheirVerb() {
        let show = Theme(id: "montrer", label: "Montrer", rules: [Rule(kind: .any, terms: words("arnaquer", "montrer", "changer"))])
        let cb = book("fr", [show])
        for (text, match) in [("Ils arnaquent les gens.", "arnaquent"), ("Elles nous montrent tout.", "montrent"),
                              ("Les sites changent tout le temps.", "changent"), ("Il montre.", "montre")] {
            #expect(Coder(cb).code(text: text).map(\.match) == [match], "\(text)")
        }
        // Words that merely end in -ent are not taken in: "souvent", "comment", "moment".
        for text in ["Souvent, comment, un moment.", "Un changement."] {
            #expect(Coder(cb).code(text: text).isEmpty, "\(text)")
        }
    }

    @Test func exclusions() {
        var t = fear
        t.unless = words("peur de rien")
        let cb = book("fr", [t])
        #expect(Coder(cb).code(text: "Elle n'a peur de rien, ma voisine, moi j'ai peur.").isEmpty)
        #expect(Coder(cb).code(text: "Moi j'ai peur.").count == 1)
    }

    @Test func regexTerms() {
        let t = Theme(id: "num", label: "N", rules: [Rule(kind: .any, terms: words("re:\\b\\d{2} ?km\\b"))])
        let r = matches(book("fr", [t]), "C'est à «30 km», ou «45km» par la route.", theme: "num")
        #expect(r.found == r.expected)
    }

    @Test func offsetsWithCombiningAccentsAndEmoji() throws {
        // Decomposed "é" (e + U+0301) and an emoji before the hit: offsets are UTF-8 bytes of the text.
        let t = Theme(id: "x", label: "X", rules: [Rule(kind: .any, terms: words("tablette", "épuisée"))])
        let text = "Mme Mu\u{0308}ller 👍🏽 : la «tablette» est «e\u{0301}puise\u{0301}e»."
        let r = matches(book("fr", [t]), text, theme: "x")
        #expect(r.found == r.expected)
    }

    @Test func rolesAndTurnsOfATranscript() throws {
        let doc = try TextReader.read(data: Data("Enquêtrice : Vous aviez peur ?\n\nMme Martin : Oh oui, peur de tout.\n\nEnquêtrice : Et ensuite ?\n\nMme Martin : Plus maintenant, je n'ai plus peur.".utf8), path: "t.txt")
        let t = try TurnSegmenter().segment(doc, document: "t.txt")
        let codings = Coder(book("fr", [fear])).code(t)
        #expect(codings.map(\.turn) == [2])
        let c = try #require(codings.first)
        #expect(t.slice(c.start, c.end) == "peur")
        #expect(t.slice(c.unitStart, c.unitEnd) == "Oh oui, peur de tout.")
        var asked = fear
        asked.roles = [.interviewer]
        #expect(Coder(book("fr", [asked])).code(t).map(\.turn) == [1])
        let ex = try #require(Coder(book("fr", [fear])).explain(t, turn: 4))
        #expect(ex.codings.isEmpty)
        #expect(ex.dropped.first?.reason == "negated by 'plus' (negation: ignore)")
        let ex1 = try #require(Coder(book("fr", [fear])).explain(t, turn: 1))
        #expect(ex1.dropped.first?.reason.hasPrefix("interviewer turns are not coded") == true)
    }

    @Test func sentenceAndParagraphUnits() throws {
        let doc = try TextReader.read(data: Data("E : Alors ?\n\nR : J'ai peur. Et la crainte reste !\n\nLa peur, toujours.\n\nE : Bon.\n\nR : Voilà.".utf8), path: "t.txt")
        let t = try TurnSegmenter().segment(doc, document: "t.txt")
        let coder = Coder(book("fr", [fear]))
        #expect(Set(coder.code(t, unit: .turn).map(\.unitStart)).count == 1)
        #expect(Set(coder.code(t, unit: .paragraph).map(\.unitStart)).count == 2)
        #expect(Set(coder.code(t, unit: .sentence).map(\.unitStart)).count == 3)
    }

    /// A stemmed term takes the inflected forms of its own word, not every word of its stem; `stem:
    /// loose` takes the whole family back.
    @Test func stemsMatchTheirOwnWordsForms() {
        func found(_ language: String, _ term: String, loose: Bool = false, in text: String) -> [String] {
            let t = Term(kind: .words(term.split(separator: " ").map(String.init)), source: term, looseStem: loose)
            return Coder(book(language, [Theme(id: "x", label: "X", rules: [Rule(kind: .any, terms: [t])])])).code(text: text).map(\.match)
        }
        let en = "I was assigned two assignments; I assign one. Feeling sad, feelings, I feel, she feels. I learned, learning, learns."
        #expect(found("en", "assignment", in: en) == ["assignments"])
        #expect(found("en", "assignment", loose: true, in: en) == ["assigned", "assignments", "assign"])
        #expect(found("en", "feeling", in: en) == ["Feeling", "feelings"])
        #expect(found("en", "feeling", loose: true, in: en) == ["Feeling", "feelings", "feel", "feels"])
        #expect(found("en", "learn", in: en) == ["learned", "learning", "learns"])
        #expect(found("en", "study", in: "She studies, studied, is studying; a study.") == ["studies", "studied", "studying", "study"])
        #expect(found("en", "stop", in: "It stopped, it stops.") == ["stopped", "stops"])
        let fr = "Le stationnement, les stationnements, les stations de métro, la station."
        #expect(found("fr", "stationnement", in: fr) == ["stationnement", "stationnements"])
        #expect(found("fr", "stationnement", loose: true, in: fr) == ["stationnement", "stationnements", "stations", "station"])
        #expect(found("fr", "arnaquer", in: "On m'a arnaquée, une arnaque, des arnaques, arnaquer, arnaquait.")
                == ["arnaquée", "arnaque", "arnaques", "arnaquer", "arnaquait"])
        #expect(found("fr", "envoie", in: "Elle envoie, j'envoyais, envoyé, envoyer.") == ["envoie", "envoyais", "envoyé", "envoyer"])
        #expect(found("fr", "bon", in: "C'est bon, une bonne idée, des bons, bonnes.") == ["bon", "bonne", "bons", "bonnes"])
        #expect(found("fr", "déclaration", in: "La déclaration, déclarer, les déclarations.") == ["déclaration", "déclarations"])
        // A language without endings here keeps the stem's family.
        #expect(found("de", "Arbeit", in: "Die Arbeit, arbeiten.").count == found("de", "Arbeit", loose: true, in: "Die Arbeit, arbeiten.").count)
    }

    @Test func englishStemming() {
        let t = Theme(id: "learn", label: "Learning", rules: [Rule(kind: .any, terms: words("learn", "struggle"))])
        let r = matches(book("en", [t]), "I «learned» a lot, «learning» is good, but I «struggled».", theme: "learn")
        #expect(r.found == r.expected)
    }
}

@Suite struct TokenizerInternalsTests {
    /// The eight-bytes-at-a-time letter test agrees with the byte classes on every byte value, in
    /// every position of the word.
    @Test func alnumMaskAgreesWithTheByteClasses() {
        for v in 0..<256 {
            let c = UInt8(v)
            let isAlnum = c < 0x80 && Tokenizer.asciiKind(c) == 1
            for pos in 0..<8 {
                var x: UInt64 = 0x6161_6161_6161_6161  // "aaaaaaaa"
                x &= ~(UInt64(0xFF) << UInt64(8 * pos))
                x |= UInt64(c) << UInt64(8 * pos)
                let m = Tokenizer.alnumMask(x)
                #expect((m >> UInt64(8 * pos + 7)) & 1 == (isAlnum ? 1 : 0), "byte \(v) at \(pos)")
                #expect(m | (0x80 << UInt64(8 * pos)) == 0x8080_8080_8080_8080, "neighbours of byte \(v) at \(pos)")
            }
        }
    }

    /// The tokenizer's fast paths (ASCII and Latin-1 inline, the rest out of line) split text exactly as
    /// the character-by-character definition does: same words, same breaks, on random mixes of ASCII,
    /// accented letters, apostrophes, elisions, typographic punctuation, other scripts and emoji. Random: a
    /// failure gives the seed to replay it with (`VERBATIM_SEED=N`).
    @Test func fastTokenizerAgreesWithTheCharacterDefinition() {
        let pieces = ["a", "bc", "Zx", "9", "hello", "anticonstitutionnellement", " ", "  ", "\n", ",", ".", "!", "?", ";", ":",
                      "(", "\"", "[", "'", "’", "ʼ", "é", "à", "É", "ç", "×", "÷", "…", "«", "»", "\u{00A0}", "—", "-",
                      "œ", "ß", "日本", "😀", "𝒜", "l'", "qu’", "jusqu'", "aujourd'hui", "n't", "e\u{0301}", "#", "_"]
        var rng = SeededRandom.fromEnvironment()
        for round in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...24, using: &rng) { text += pieces.randomElement(using: &rng)! }
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buf in
                // A unit anywhere in the text, so that word ends at the unit's end are exercised too.
                let from = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count / 3, using: &rng)
                let to = Int.random(in: from...bytes.count, using: &rng)
                var fast = Tokenizer(buf, from: from, to: to)
                var got: [String] = []
                while fast.advance() {
                    got.append("\(fast.tokenStart)-\(fast.tokenEnd) \(fast.tokenBreak)")
                }
                let expected = referenceTokens(buf, from: from, to: to)
                #expect(got == expected, "round \(round): \(text.debugDescription) [\(from), \(to)); \(rng.note)")
            }
        }
    }

    /// The coder's word splitter (byte classes 64 at a time, `Tokenizer` for the rest) gives the same
    /// words and breaks as `Tokenizer`, on the same random mixes and on units starting
    /// and ending anywhere; and the vector byte classes are those of the byte-at-a-time version. Random: a
    /// failure gives the seed to replay it with (`VERBATIM_SEED=N`).
    @Test func wordSplitterAgreesWithTheTokenizer() {
        let pieces = ["a", "bc", "Zx", "9", "hello", "anticonstitutionnellement", " ", "  ", "\n", ",", ".", "!", "?", ";", ":",
                      "(", ")", "\"", "[", "]", "'", "’", "ʼ", "é", "à", "É", "ç", "ÿ", "×", "÷", "…", "«", "»", "\u{00A0}", "—", "-",
                      "œ", "ß", "日本", "😀", "𝒜", "l'", "qu’", "jusqu'", "aujourd'hui", "c’est", "n't", "e\u{0301}", "#", "_", "\t",
                      String(repeating: "x", count: 70), "‘", "™", "€"]
        var rng = SeededRandom.fromEnvironment()
        for round in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...40, using: &rng) { text += pieces.randomElement(using: &rng)! }
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buf in
                // Units start on character boundaries, as turns do.
                let bounds = [0] + text.unicodeScalars.indices.map { text.utf8.distance(from: text.utf8.startIndex, to: $0) } + [bytes.count]
                let from = bounds[Int.random(in: 0..<max(1, bounds.count / 3), using: &rng)]
                let to = bounds.filter { $0 >= from }.randomElement(using: &rng) ?? from
                var reference = Tokenizer(buf, from: from, to: to)
                var expected: [String] = []
                while reference.advance() {
                    expected.append("\(reference.tokenStart)-\(reference.tokenEnd) \(reference.tokenBreak)")
                }
                let masks = UnsafeMutablePointer<UInt64>.allocate(capacity: WordSplitter.maskCount(to - from))
                defer { masks.deallocate() }
                var splitter = WordSplitter(buf, from: from, to: to, masks: masks)
                var got: [String] = []
                while splitter.advance() {
                    got.append("\(splitter.tokenStart)-\(splitter.tokenEnd) \(splitter.tokenBreak)")
                }
                #expect(got == expected, "round \(round): \(text.debugDescription) [\(from), \(to)); \(rng.note)")
                // The vector classes against the byte-at-a-time ones, on the whole text.
                let count = WordSplitter.maskCount(bytes.count)
                let a = UnsafeMutablePointer<UInt64>.allocate(capacity: count), b = UnsafeMutablePointer<UInt64>.allocate(capacity: count)
                defer { a.deallocate(); b.deallocate() }
                if let base = buf.baseAddress {
                    verbatim_token_masks_level(base, bytes.count, 0, 0, b, 0)
                    for level: Int32 in [1, 2] {
                        verbatim_token_masks_level(base, bytes.count, 0, 0, a, level)
                        #expect((0..<count).allSatisfy { a[$0] == b[$0] }, "round \(round): masks of \(text.debugDescription), level \(level); \(rng.note)")
                    }
                }
                // In place, with text around the unit (as in a transcript), the classes are the same.
                if bytes.isEmpty { return }
                let padded = Array(repeating: UInt8(ascii: "a"), count: 80) + bytes + Array(repeating: UInt8(ascii: "a"), count: 80)
                for level: Int32 in [1, 2] {
                    padded.withUnsafeBufferPointer { p in
                        verbatim_token_masks_level(p.baseAddress! + 80, bytes.count, 80, 80, a, level)
                    }
                    #expect((0..<count).allSatisfy { a[$0] == b[$0] }, "round \(round): masks in place of \(text.debugDescription), level \(level); \(rng.note)")
                }
            }
        }
    }

    /// The byte-level analysis of ASCII and Latin-1 words gives every word the same symbols, trie roots
    /// and negation flags as the general, string-based one: on every word of the transcripts at hand,
    /// and on made-up words with capitals, accents, ligatures, apostrophes and negations, against the
    /// bundled codebook and one with strict terms and prefixes, in French, English and a language
    /// without a stemmer.
    @Test func latinWordAnalysisAgreesWithTheGeneralOne() throws {
        let root = packageRoot()
        var vocabulary = transcriptVocabulary()
        #expect(vocabulary.count > 1000)
        let made: [String] = ["Écoute", "ÉCOUTE", "écouter", "Internet", "INTERNET", "peur", "Peur", "PEURS", "crainte", "angoissé", "Angoisse",
                    "aujourd'hui", "aujourd’hui", "aujourdʼhui", "don't", "can't", "n'", "plus", "Plus", "mais", "sans", "jamais", "ne",
                    "Straße", "straße", "Cæsar", "cœur", "naïve", "NAÏVE", "Ÿvonne", "ÿ", "Ðenis", "þorn", "ñandú", "ØRE", "øre", "É",
                    "petits", "enfants", "rendez", "vous", "mot", "passe", "arnaque", "arnaqué", "ARNAQUÉS", "démarches", "Démarche",
                    String(repeating: "é", count: 40), String(repeating: "a", count: 70), "l'", "qu’", "'", "’", "x’y", "a'b'c", "ÀÉÎÕÜ"]
            + "àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿßÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ".map { "x\($0)y" }
        vocabulary.formUnion(made)
        let strict = Theme(id: "strict", label: "Strict", rules: [
            Rule(kind: .any, terms: words("Écout*", "INTER*", "aujourd'hui", "Straße", "Peur", strict: true)),
            Rule(kind: .any, terms: words("angoiss*", "ecout*", "ARNAQU*", "cœur", "naive", "rendez-vous", "peur", "démarche")),
            Rule(kind: .any, terms: words("straße", "cæsar", "øre", stem: false)),
            // Every Latin-1 letter, folded (`xay`, `xaey`...): a word folded differently misses its term.
            Rule(kind: .any, terms: "àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿß".map { Term(kind: .words(["x\($0)y"]), source: "x\($0)y", strict: false, stem: false) }),
        ])
        var books = [book("fr", [strict]), book("en", [strict]), book("xx", [strict])]
        let bundled = root.appendingPathComponent("Codebooks/les-connectes.yaml")
        if let (cb, _) = try? CodebookLoader.load(url: bundled, path: bundled.path) { books.append(CompiledCodebook(cb)) }
        var compared = 0
        for cb in books {
            let fast = Coder(cb), general = Coder(cb)
            for w in vocabulary {
                var bytes = Array(w.utf8)
                guard let a = bytes.withUnsafeMutableBufferPointer({ fast.analyzeLatin(UnsafeBufferPointer($0)) }) else { continue }
                let b = general.compute(w)
                let x = fast.contents(a), y = general.contents(b)
                #expect(x.symbols == y.symbols && x.roots == y.roots && x.flags == y.flags, "\(w) in \(cb.language): \(x) for \(y)")
                compared += 1
            }
        }
        #expect(compared > 4000)
    }

    /// What the stem gate relies on: the French stemmer's folded stem, but for its last three bytes (and
    /// never less than its first two), is a prefix of the folded word. Checked on every word of the
    /// transcripts at hand and on words chosen for the stemmer's replacements (-euse, -ence, -logie,
    /// -aux, -amment, -ution...), and the gate lets through every word whose stem is a codebook stem.
    @Test func frenchStemsStartLikeTheirWords() throws {
        var vocabulary = transcriptVocabulary()
        let stress = """
            heureuse heureuses heureusement fréquence fréquences biologie biologies conclusion révolution solution
            vivement activement naturellement rapidement chevaux travaux canaux journaux animaux bateaux châteaux
            nouveaux beaux eaux aux ceux jeux yeux cieux actrice acteurs informatique logique physiques politiques
            abusivement constamment évidemment prudemment récemment fréquemment puissamment suffisamment fuyant
            payer appuyer envoyer essayer noyer cueillir ayant aïeux naïve naïvement égoïste ambiguë ambiguïté noël
            citoyenneté tranquillité possibilité capacité ville fille famille gentiment nettement ancienne anciennes
            parisienne bonne bonnes personne sonner étiquette baguette nouvelle belle elles illettrés quotidiennement
            es as us os ès été aimer aimerait créé créées dû mûre Ïle Ëlle quoi qu
            """.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        vocabulary.formUnion(stress)
        #expect(vocabulary.count > 1000)
        let stemmer = Stemmer(language: "fr")
        var stems = Set<String>()
        for w in vocabulary {
            let lower = Folding.lower(Substring(w))
            let word = Array(Folding.fold(lower).utf8)
            let stem = Folding.fold(stemmer.stem(lower))
            let s = Array(stem.utf8)
            let k = min(s.count, max(2, s.count - 3))
            #expect(word.count >= k && Array(word[0..<k]) == Array(s[0..<k]), "\(w) -> \(stem)")
            stems.insert(stem)
        }
        // A gate for a word's own stem lets the word through.
        for w in vocabulary {
            let lower = Folding.lower(Substring(w))
            let gate = StemGate(stems: [Folding.fold(stemmer.stem(lower))], language: "fr")
            var folded = Array(Folding.fold(lower).utf8)
            #expect(folded.withUnsafeMutableBufferPointer { gate.mayMatch($0.baseAddress!, $0.count) }, "\(w)")
        }
        #expect(stems.count > 500)
        // And with a few stems, it keeps most words out, and every other language lets all through.
        let few = StemGate(stems: ["peur", "internet", "arnaqu"], language: "fr")
        var out = 0
        for w in vocabulary {
            var folded = Array(Folding.fold(Folding.lower(Substring(w))).utf8)
            if !folded.withUnsafeMutableBufferPointer({ few.mayMatch($0.baseAddress!, $0.count) }) { out += 1 }
        }
        #expect(out * 10 > vocabulary.count * 9)
        var x = Array("zzz".utf8)
        #expect(x.withUnsafeMutableBufferPointer { StemGate(stems: ["peur"], language: "en").mayMatch($0.baseAddress!, $0.count) })
    }

    /// The tokenizer's rules applied one character at a time, through `classify`.
    private func referenceTokens(_ b: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> [String] {
        let tk = Tokenizer(b, from: from, to: end)
        var out: [String] = []
        var i = from
        outer: while true {
            var brk = false
            while i < end {
                let (k, w) = tk.classify(i)
                if k == 1 { break }
                if k == 3 { brk = true }
                i = min(i + w, end)
            }
            if i >= end { return out }
            let start = i
            while i < end {
                let (k, w) = tk.classify(i)
                if k == 1 { i = min(i + w, end); continue }
                if k == 2, i + w < end, tk.classify(i + w).kind == 1 {
                    if Tokenizer.isElision(b, start, i) {
                        out.append("\(start)-\(i) \(brk)")
                        i += w
                        continue outer
                    }
                    i += w
                    continue
                }
                break
            }
            out.append("\(start)-\(i) \(brk)")
        }
    }

    /// A role's ordinal, used as its bit in role sets, is its place in `Role.allCases`.
    @Test func roleOrdinalsFollowAllCases() {
        for (k, role) in Role.allCases.enumerated() { #expect(role.ordinal == k, "\(role)") }
    }

    /// Words that differ only in their last byte, of every length up to 30 bytes, are told apart, in a
    /// text that ends right after them or goes on.
    @Test func cachedWordsDifferingInTheirLastByteAreToldApart() {
        let cache = TokenCache()
        var words: [[UInt8]] = []
        for len in 1...30 {
            for last in [UInt8(ascii: "a"), UInt8(ascii: "b")] {
                words.append(Array(repeating: UInt8(ascii: "x"), count: len - 1) + [last])
            }
        }
        for (k, w) in words.enumerated() {
            w.withUnsafeBufferPointer { b in
                let key = TokenCache.key(b.baseAddress!, 0, w.count, limit: w.count)
                cache.insert(b.baseAddress!, 0, w.count, hash: key.hash, head: key.head,
                             info: TokenInfo(symbolStart: Int32(k), symbolCount: 0, rootCount: 0, flags: 0))
            }
        }
        for (k, w) in words.enumerated() {
            for padding in [0, 40] {
                let text = w + Array(repeating: UInt8(ascii: " "), count: padding)
                text.withUnsafeBufferPointer { b in
                    let key = TokenCache.key(b.baseAddress!, 0, w.count, limit: b.count)
                    let slot = cache.lookup(b.baseAddress!, 0, w.count, hash: key.hash, head: key.head)
                    #expect(slot >= 0 && cache.info(slot).symbolStart == Int32(k), "word \(k), padding \(padding)")
                }
            }
        }
    }

    /// Words of every length up to 20 bytes, ASCII and accented, hash and compare alike whether the
    /// buffer can be read past them or not.
    @Test func tokenKeysDoNotDependOnWhatFollows() {
        for len in 1...20 {
            let word = Array(String(repeating: "é", count: len / 2) + String(repeating: "x", count: len % 2)).map(String.init).joined()
            let bytes = Array(word.utf8)
            let padded = bytes + Array("zzzzzzzzzz".utf8)
            bytes.withUnsafeBufferPointer { a in
                padded.withUnsafeBufferPointer { b in
                    let k1 = TokenCache.key(a.baseAddress!, 0, a.count, limit: a.count)
                    let k2 = TokenCache.key(b.baseAddress!, 0, a.count, limit: b.count)
                    #expect(k1.hash == k2.hash && k1.head == k2.head, "length \(bytes.count)")
                    let cache = TokenCache()
                    cache.insert(a.baseAddress!, 0, a.count, hash: k1.hash, head: k1.head, info: TokenInfo(symbolStart: 0, symbolCount: 0, rootCount: 0, flags: 0))
                    #expect(cache.lookup(b.baseAddress!, 0, a.count, hash: k2.hash, head: k2.head) >= 0)
                    #expect(cache.lookup(b.baseAddress!, 0, a.count + 1, hash: TokenCache.key(b.baseAddress!, 0, a.count + 1, limit: b.count).hash,
                                         head: TokenCache.key(b.baseAddress!, 0, a.count + 1, limit: b.count).head) == -1)
                }
            }
        }
    }
}
