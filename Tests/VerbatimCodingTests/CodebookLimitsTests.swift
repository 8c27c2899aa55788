import Foundation
import Testing
import VerbatimModel
import VerbatimIngest
@testable import VerbatimCoding

/// The limits of the coder's packed numbers (`SortKey`, `Symbol`, `CodebookLimits`): a codebook within
/// them codes as usual, and what is past them is left out with an error, never coded wrongly.
@Suite struct CodebookLimitsTests {
    /// `count` one-word terms `w0`, `w1`... (not stemmed, so that each is its own word).
    func numbered(_ count: Int, from first: Int = 0, prefix: String = "w") -> [Term] {
        (first..<(first + count)).map { Term(kind: .words(["\(prefix)\($0)"]), source: "\(prefix)\($0)", strict: false, stem: false) }
    }

    func text(_ range: Range<Int>, prefix: String = "w") -> String { range.map { "\(prefix)\($0)" }.joined(separator: " ") }

    /// The packing's field widths, and keys that sort like their fields, up to the largest values.
    @Test func sortKeysAndSymbolsAtTheirLimits() {
        #expect(SortKey.themeLimit == 65_536 && SortKey.ruleLimit == 65_535 && SortKey.slotLimit == 256 && SortKey.hitLimit == 16_777_216)
        #expect(Symbol.idLimit == 16_777_216)
        let limits = CodebookLimits.coder
        #expect(limits.themes == 65_536 && limits.rulesPerTheme == 65_535 && limits.termsPerCombinedRule == 256)
        #expect(limits.symbolsPerKind == 16_777_216 && limits.prefixes == 32_764)
        // The largest values of each field come back as they went in, and the exclusion rule (-1).
        let top = SortKey.unpack(SortKey.pack(theme: 65_535, rule: 65_534, slot: 255, hit: 16_777_215))
        #expect(top.theme == 65_535 && top.rule == 65_534 && top.slot == 255 && top.hit == 16_777_215)
        let exclusion = SortKey.unpack(SortKey.pack(theme: 3, rule: -1, slot: 0, hit: 7))
        #expect(exclusion.theme == 3 && exclusion.rule == -1 && exclusion.slot == 0 && exclusion.hit == 7)
        // Keys sort like (theme, rule, slot, hit), exclusions first within their theme.
        let places: [(Int32, Int32, Int32, Int)] = [(0, -1, 0, 5), (0, 0, 0, 9), (0, 0, 1, 0), (0, 1, 0, 0), (1, -1, 0, 0), (65_535, 65_534, 255, 16_777_215)]
        let keys = places.map { SortKey.pack(theme: $0.0, rule: $0.1, slot: $0.2, hit: $0.3) }
        #expect(keys == keys.sorted())
        // One past a field's limit would be read back as another place: what the checks prevent.
        #expect(SortKey.pack(theme: 65_536, rule: 0, slot: 0, hit: 0) == SortKey.pack(theme: 0, rule: 0, slot: 0, hit: 0))
        #expect(SortKey.pack(theme: 0, rule: 65_535, slot: 0, hit: 0) == SortKey.pack(theme: 0, rule: -1, slot: 0, hit: 0))
        #expect(SortKey.pack(theme: 0, rule: 0, slot: 256, hit: 0) == SortKey.pack(theme: 0, rule: 0, slot: 0, hit: 0))
        // Symbols: the largest id keeps its kind; one more would be a symbol of the next kind.
        let last = Symbol.make(.stem, Int32(Symbol.idLimit - 1))
        #expect(last >> Symbol.kindShift == SymbolKind.stem.rawValue)
        #expect(Symbol.make(.stem, Int32(Symbol.idLimit)) == Symbol.make(.folded, 0))
        #expect(Symbol.make(.prefix, Int32(Symbol.idLimit - 1)) > 0)
    }

    /// The compact enums keep the inner loop's tables as small as the integer codes they replace.
    @Test func compactKindsAndModes() {
        #expect(MemoryLayout<CompiledCodebook.RuleKind>.size == 1)
        #expect(MemoryLayout<CompiledCodebook.NegationMode>.size == 1)
        #expect(MemoryLayout<CompiledCodebook.RuleInfo>.size == 12)
        let cb = book("fr", [
            Theme(id: "a", label: "A", rules: [Rule(kind: .any, terms: words("peur")), Rule(kind: .all, terms: words("peur", "internet")),
                                               Rule(kind: .near(within: 3, ordered: true), terms: words("peur", "internet"))]),
            Theme(id: "b", label: "B", negation: .ignore), Theme(id: "c", label: "C", negation: .recode("b")),
        ])
        #expect(cb.ruleInfos.map(\.kind) == [.any, .all, .near])
        #expect(cb.ruleInfos.map(\.ordered) == [false, false, true] && cb.ruleInfos.map(\.within) == [0, 0, 3])
        #expect(cb.negationModes == [.count, .ignore, .recode])
    }

    /// An `any` rule of 300 terms has no limit to meet: each term codes, in a unit holding all of them.
    @Test func anyRuleWithThreeHundredTerms() {
        let t = Theme(id: "x", label: "X", rules: [Rule(kind: .any, terms: numbered(300))])
        let cb = book("fr", [t])
        #expect(cb.diagnostics.isEmpty)
        let codings = Coder(cb).code(text: text(0..<300) + ".")
        #expect(codings.map(\.match) == (0..<300).map { "w\($0)" })
        #expect(Set(codings.map(\.theme)) == ["x"])
        #expect(Coder(cb).code(text: "w299 et w256, w255.").map(\.match) == ["w299", "w256", "w255"])
    }

    /// An `all` or `near` rule takes at most 256 terms: one with 300 is left out with an error naming the
    /// codebook, the theme, the rule and the limit (it would otherwise take term 257 for term 1); the
    /// theme's other rules and the other themes code as usual. A rule of exactly 256 terms codes.
    @Test func combinedRulesPastTheSlotLimitAreLeftOut() throws {
        let big = Theme(id: "grand", label: "Grand", rules: [
            Rule(kind: .any, terms: words("peur")),
            Rule(kind: .all, terms: numbered(300), line: 12),
            Rule(kind: .near(within: 400, ordered: false), terms: numbered(257, prefix: "n"), line: 20),
        ], line: 10)
        let full = Theme(id: "plein", label: "Plein", rules: [Rule(kind: .all, terms: numbered(256, prefix: "p"))])
        let other = Theme(id: "autre", label: "Autre", rules: [Rule(kind: .any, terms: words("internet"))])
        let cb = book("fr", [big, full, other])
        #expect(cb.diagnostics.count == 2)
        let all = try #require(cb.diagnostics.first)
        #expect(all.severity == .error && all.path == "t.yaml" && all.line == 12)
        #expect(all.message.contains("theme 'grand'") && all.message.contains("rule 2 (all[w0, w1,") && all.message.contains("300 terms")
                && all.message.contains("(256)") && all.message.contains("left out"), "\(all)")
        #expect(cb.diagnostics[1].message.contains("rule 3 (near(400)[n0,") && cb.diagnostics[1].line == 20, "\(cb.diagnostics[1])")
        let coder = Coder(cb)
        // Terms 1 to 256 of the `all` rule: every slot a truncated slot number would fill.
        #expect(coder.code(text: text(0..<256)).isEmpty)
        #expect(coder.code(text: text(0..<300)).isEmpty)
        #expect(coder.code(text: text(0..<257, prefix: "n")).isEmpty)
        #expect(coder.code(text: "w0 peur et internet").map(\.theme) == ["grand", "autre"])
        // 256 terms: within the limit, coded when all are there and only then.
        #expect(coder.code(text: text(0..<256, prefix: "p")).map(\.theme) == ["plein"])
        #expect(coder.code(text: text(1..<256, prefix: "p")).isEmpty)
        #expect(coder.code(text: text(0..<255, prefix: "p")).isEmpty)
    }

    /// The check at its boundaries, on the sizes alone: 65,536 themes and 65,535 rules in a theme pass,
    /// one more fails, with the first theme or rule left out named.
    @Test func themeAndRuleCountsAtTheBoundary() {
        let limits = CodebookLimits.coder
        func themes(_ n: Int) -> [Theme] { (0..<n).map { Theme(id: "t\($0)", label: "", line: $0 + 1) } }
        func codebook(_ ts: [Theme]) -> Codebook { Codebook(id: "c", title: "c", language: "fr", themes: ts, path: "big.yaml") }
        let atLimit = themes(65_536)
        #expect(limits.check(codebook(atLimit), themes: atLimit).isEmpty)
        #expect(limits.keptThemes(65_536) == 65_536)
        let past = themes(65_538)
        let d = limits.check(codebook(past), themes: past)
        #expect(d.count == 1)
        #expect(d.first?.severity == .error && d.first?.path == "big.yaml" && d.first?.line == 65_537)
        #expect(d.first?.message == "the codebook has 65538 themes, more than the coder can number (65536): theme 't65536' and the 1 after it are left out and code nothing")
        #expect(limits.keptThemes(65_538) == 65_536)

        let rule = Rule(kind: .any, terms: words("peur"))
        let rules = Theme(id: "r", label: "R", rules: Array(repeating: rule, count: 65_535))
        #expect(limits.check(codebook([rules]), themes: [rules]).isEmpty)
        #expect(limits.keeps(rule, at: 65_534) && !limits.keeps(rule, at: 65_535))
        var more = rules
        more.rules.append(Rule(kind: .any, terms: words("crainte"), line: 99))
        let r = limits.check(codebook([more]), themes: [more])
        #expect(r.map(\.message) == ["theme 'r' has 65536 rules, more than the coder can number in one theme (65535): rule 65536 (any[crainte]) is left out"])
        #expect(r.first?.line == 99)
        let combined = Rule(kind: .all, terms: numbered(256))
        #expect(limits.keeps(combined, at: 0) && !limits.keeps(Rule(kind: .all, terms: numbered(257)), at: 0))
        #expect(limits.keeps(Rule(kind: .any, terms: numbered(1000)), at: 0))
    }

    /// A codebook with more themes than a sort key numbers, compiled and applied: the themes past the
    /// limit code nothing (they would otherwise code as theme 1, 2...), the others as usual, and the
    /// error reaches the diagnostics.
    @Test func themesPastTheLimitAreLeftOut() {
        let n = SortKey.themeLimit + 2
        let ts = (0..<n).map { Theme(id: "t\($0)", label: "", rules: [Rule(kind: .any, terms: numbered(1, from: $0))]) }
        let cb = book("fr", ts)
        #expect(cb.diagnostics.count == 1)
        #expect(cb.diagnostics.first?.message.contains("theme 't65536' and the 1 after it are left out") == true)
        let coder = Coder(cb)
        #expect(coder.code(text: "w0 w1 w65535 w65536 w65537").map(\.theme) == ["t0", "t1", "t65535"])
    }

    /// A theme with more rules than a sort key numbers: the rules past the limit are left out (the
    /// first of them would otherwise be read as an exclusion and drop the theme's other codings).
    @Test func rulesPastTheLimitAreLeftOut() {
        let rules = (0..<(SortKey.ruleLimit + 1)).map { Rule(kind: .any, terms: numbered(1, from: $0)) }
        let cb = book("fr", [Theme(id: "x", label: "X", rules: rules), Theme(id: "y", label: "Y", rules: [Rule(kind: .any, terms: words("peur"))])])
        #expect(cb.diagnostics.count == 1)
        #expect(cb.diagnostics.first?.message.contains("rule 65536 (any[w65535])") == true)
        let codings = Coder(cb).code(text: "w0 w65534 w65535 peur")
        #expect(codings.map(\.match) == ["w0", "w65534", "peur"])
        #expect(codings.map(\.rule) == ["any[w0]", "any[w65534]", "any[peur]"])
    }

    /// Terms needing a symbol id past the limit (lowered here: 16,777,216 distinct words would take too
    /// long) are left out, the first named with its theme and rule and the others counted; the terms
    /// within the limit, and those reusing known symbols, code.
    @Test func termsPastTheSymbolLimitAreLeftOut() throws {
        var limits = CodebookLimits.coder
        limits.symbolsPerKind = 3
        let t = Theme(id: "x", label: "X", rules: [
            Rule(kind: .any, terms: numbered(5), line: 4),
            Rule(kind: .any, terms: words("w1 w2", "w9", "angoiss*", "stress*", "inquiet*", "peur*", stem: false), line: 5),
        ], unless: numbered(1, from: 50), line: 3)
        let stems = Theme(id: "s", label: "S", rules: [Rule(kind: .any, terms: words("peur", "crainte", "inquiétude", "tablette"))])
        let cb = CompiledCodebook(Codebook(id: "t", title: "t", language: "fr", themes: [t, stems], path: "t.yaml"), limits: limits)
        let messages = cb.diagnostics.map(\.message)
        #expect(messages.contains("theme 'x', rule 1 (any[w0, w1, w2, w3, w4]): the term 'w3' is left out: the codebook has more distinct words of unstemmed terms than the coder can number (3)"), "\(messages)")
        #expect(messages.contains("3 more terms are left out: the codebook has more distinct words of unstemmed terms than the coder can number"), "\(messages)")
        #expect(messages.contains { $0.hasPrefix("theme 'x', rule 2 (any[w1 w2, w9, angoiss*, stress*, inquiet*, peur*]): the term 'peur*' is left out") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("theme 's', rule 1 (any[peur, crainte, inquiétude, tablette]): the term 'tablette' is left out: the codebook has more distinct stems") }, "\(messages)")
        #expect(cb.diagnostics.allSatisfy { $0.severity == .error && $0.path == "t.yaml" })
        #expect(cb.diagnostics.first { $0.message.contains("'w3'") }?.line == 4)
        // `w50`, the theme's `unless` term, is among the terms left out (counted): it excludes nothing.
        let codings = Coder(cb).code(text: "w0 w3 w4 w9 angoisse peurxyz, w1 w2, crainte tablette inquiétudes w50")
        #expect(codings.map(\.theme) == ["x", "x", "x", "x", "x", "x", "s", "s"])
        #expect(codings.map(\.match) == ["w0", "angoisse", "w1", "w1 w2", "w2", "inquiétudes", "crainte", "inquiétudes"])
    }

    /// Units with more hits than a sort key numbers have their hits placed without packing: with the
    /// threshold lowered, every unit goes that way, and codes and explains exactly as through the sort
    /// keys (sorted by insertion, or in n log n past 64 places).
    @Test func unpackedPlacesCodeAsPackedOnes() throws {
        var fearTheme = Theme(id: "peur", label: "Peur", rules: [
            Rule(kind: .any, terms: words("peur", "crainte", "angoiss*")),
            Rule(kind: .all, terms: words("internet", "danger")),
            Rule(kind: .near(within: 3, ordered: false), terms: words("arnaque", "internet")),
        ], unless: words("peur de rien"))
        fearTheme.negation = .recode("confiance")
        let themes = [fearTheme,
                      Theme(id: "confiance", label: "Confiance", rules: [Rule(kind: .any, terms: words("confiance", "rassuré", "peur"))]),
                      Theme(id: "x", label: "X", rules: [Rule(kind: .any, terms: numbered(120))])]
        let cb = book("fr", themes)
        let short = "Je n'ai plus peur d'internet, mais le danger des arnaques sur internet reste. J'ai confiance, crainte."
        let long = (0..<6).map { _ in short + " " + text(0..<120) + " peur de rien." }.joined(separator: " ")
        let doc = try TextReader.read(data: Data("E : Alors ?\n\nR : \(long)\n\nE : Et ?\n\nR : \(short)\n".utf8), path: "d.txt")
        let transcript = try TurnSegmenter().segment(doc, document: "d.txt")
        let packed = Coder(cb), unpacked = Coder(cb)
        unpacked.packedHitLimit = 0
        for text in [short, long, "peur", "", "w1 w0 peur w2 w3"] {
            let a = packed.code(text: text), b = unpacked.code(text: text)
            #expect(a.map(\.theme) == b.map(\.theme) && a.map(\.rule) == b.map(\.rule) && a.map(\.match) == b.map(\.match)
                    && a.map(\.start) == b.map(\.start), "\(text.prefix(40))")
        }
        #expect(packed.code(text: long).count > 64)
        for turn in [2, 4] {
            let x = try #require(packed.explain(transcript, turn: turn)), y = try #require(unpacked.explain(transcript, turn: turn))
            #expect(x.codings.map(\.match) == y.codings.map(\.match) && x.codings.map(\.rule) == y.codings.map(\.rule))
            #expect(x.dropped.map(\.reason) == y.dropped.map(\.reason) && x.dropped.map(\.match) == y.dropped.map(\.match))
            #expect(!x.dropped.isEmpty)
        }
        let a = packed.code(transcript, unit: .sentence), b = unpacked.code(transcript, unit: .sentence)
        #expect(a.map(\.match) == b.map(\.match) && a.map(\.unitStart) == b.map(\.unitStart) && !a.isEmpty)
    }
}
