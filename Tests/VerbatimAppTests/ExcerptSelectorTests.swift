import Foundation
import Testing
import ZIPFoundation
import VerbatimModel
import VerbatimStudy
import VerbatimExport
@testable import VerbatimApp

/// Selects excerpts from the fixture study, pseudonymised as the command does by default.
private func report(_ query: ExcerptQuery, realNames: Bool = false) throws -> ExcerptReport {
    let (study, coded, dir) = try ExcerptFixture.coded()
    defer { try? FileManager.default.removeItem(at: dir) }
    let p = realNames ? nil : Pseudonymizer(study: study, documents: coded.documents)
    return try ExcerptSelector.report(coded, query: query, pseudonymizer: p)
}

private func keys(_ s: ExcerptSection) -> [String] { s.excerpts.map { "\($0.document):\($0.turn)" } }

@Suite struct ExcerptSelectorTests {
    @Test func aThemeIncludesItsSubThemes() throws {
        let r = try report(ExcerptQuery(themes: ["peur"]))
        #expect(r.sections.map(\.theme) == ["peur"])
        let s = try #require(r.sections.first)
        #expect(s.label == "Peur d'internet")
        #expect(s.definition == "La personne dit craindre internet.")
        // Theme tree order, then document order (FG1, P01, S01, S02), then position.
        #expect(keys(s) == ["FG1.txt:2", "FG1.txt:4", "P01-mairie.txt:2", "S01-Senior 01.txt:2", "S02-Senior 02.txt:4"])
        #expect(s.total == 5)
        #expect(s.excerpts.map(\.codes) == [["peur"], ["peur", "peur-arnaque"], ["peur", "peur-arnaque"], ["peur", "peur-arnaque"], ["peur", "peur-arnaque"]])

        let sub = try report(ExcerptQuery(themes: ["peur-arnaque"]))
        #expect(keys(sub.sections[0]) == ["FG1.txt:4", "P01-mairie.txt:2", "S01-Senior 01.txt:2", "S02-Senior 02.txt:4"])
        #expect(sub.sections[0].excerpts.allSatisfy { $0.codes == ["peur-arnaque"] })
    }

    @Test func severalThemesComeInTreeOrderAndNoThemeMeansAll() throws {
        let r = try report(ExcerptQuery(themes: ["famille", "peur", "famille"]))
        #expect(r.sections.map(\.theme) == ["peur", "famille"])
        let all = try report(ExcerptQuery())
        #expect(all.sections.map(\.theme) == ["peur", "reseau", "famille"])
        #expect(all.sections.map(\.total) == [5, 3, 2])
        #expect(all.title == "Extraits — Fixture")
        #expect(all.codebook == "fixture")
    }

    @Test func codingsOfOneUnitMergeIntoOneExcerpt() throws {
        let r = try report(ExcerptQuery(themes: ["peur"]))
        let e = try #require(r.sections[0].excerpts.first { $0.document == "S01-Senior 01.txt" })
        #expect(e.text == "Oh oui, j'avais peur. Peur des arnaques surtout, Enquêtrice A, vous savez.")
        #expect(e.matches == ["peur", "Peur", "arnaques"])
        #expect(e.highlights.count == 3)
        let p01 = try #require(r.sections[0].excerpts.first { $0.document == "P01-mairie.txt" })
        #expect(p01.matches == ["peur", "peur", "arnaquer"])
    }

    @Test func highlightsFollowThePseudonyms() throws {
        // "Mme Martin avait peur": the name before the match is longer than its pseudonym.
        let r = try report(ExcerptQuery(themes: ["peur"]))
        let e = try #require(r.sections[0].excerpts.first)
        #expect(e.text == "Senior 01 avait peur au début.")
        #expect(e.matches == ["peur"])
        let real = try report(ExcerptQuery(themes: ["peur"]), realNames: true)
        #expect(real.sections[0].excerpts[0].text == "Mme Martin avait peur au début.")
        #expect(real.sections[0].excerpts[0].matches == ["peur"])
    }

    @Test func attribution() throws {
        let r = try report(ExcerptQuery(themes: ["peur"]))
        let s = r.sections[0]
        #expect(s.excerpts.map(\.attribution) == [
            "Volontaire 1, volontaire, Lyon 8e (urbain), 3-6 mois — FG1.txt, tour 2",
            "Participant 1, volontaire, Lyon 8e (urbain), 3-6 mois — FG1.txt, tour 4",
            // Another unknown speaker of another document: another number, not a second "Participant 1".
            "Participant 2, partenaire, Guéret (rural), 12 mois — P01-mairie.txt, tour 2",
            "Senior 01, senior, Lyon 8e (urbain), 3-6 mois — S01-Senior 01.txt, tour 2",
            "Senior 02, senior, Guéret (rural), 12 mois — S02-Senior 02.txt, tour 4",
        ])
        #expect(s.excerpts.map(\.speaker) == ["Volontaire 1", "Participant 1", "Participant 2", "Senior 01", "Senior 02"])
        // The speaker's own attributes join the document's; names in attribute values are replaced.
        #expect(s.excerpts[0].attributes["gender"] == "F")
        #expect(s.excerpts[3].attributes["interviewer"] == "Enquêtrice A")
        let en = ExcerptSelector.attribution(speaker: nil, attributes: Attributes([("territory", "Creuse (Guéret)"), ("context", "rural")]),
                                             document: "d.txt", turn: 3, strings: ExcerptStrings(language: "en"))
        #expect(en == "Creuse (Guéret), rural — d.txt, turn 3")
        #expect(ExcerptSelector.attribution(speaker: "R", attributes: Attributes(), document: "d.txt", turn: 1, strings: ExcerptStrings(language: "fr"))
                == "R — d.txt, tour 1")
    }

    @Test func whereFiltersOnDocumentAndSpeakerAttributes() throws {
        let seniors = try report(ExcerptQuery(themes: ["peur"], filters: [AttributeFilter(name: "Group", value: "SENIOR")]))
        #expect(keys(seniors.sections[0]) == ["S01-Senior 01.txt:2", "S02-Senior 02.txt:4"])
        let both = try report(ExcerptQuery(themes: ["peur"], filters: [AttributeFilter(name: "group", value: "senior"),
                                                                      AttributeFilter(name: "territory", value: "gueret")]))
        #expect(keys(both.sections[0]) == ["S02-Senior 02.txt:4"])
        let women = try report(ExcerptQuery(themes: ["peur"], filters: [AttributeFilter(name: "gender", value: "f")]))
        #expect(keys(women.sections[0]) == ["FG1.txt:2", "FG1.txt:4"])
        #expect(try AttributeFilter(parsing: " context = périurbain ") == AttributeFilter(name: "context", value: "périurbain"))
        #expect(throws: ExcerptError.badFilter("group")) { try AttributeFilter(parsing: "group") }
    }

    @Test func contextTurns() throws {
        let r = try report(ExcerptQuery(themes: ["reseau"], context: 1))
        let e = try #require(r.sections[0].excerpts.first { $0.document == "S02-Senior 02.txt" })
        #expect(e.before == [ExcerptTurn(turn: 1, speaker: "Enquêtrice", text: "Bonjour Senior 02.")])
        #expect(e.after == [ExcerptTurn(turn: 3, speaker: "Enquêtrice", text: "Et internet, ça vous fait peur ?")])
        let last = try #require(r.sections[0].excerpts.first { $0.document == "S01-Senior 01.txt" })
        #expect(last.before.map(\.turn) == [5])
        #expect(last.after.isEmpty)
        let two = try report(ExcerptQuery(themes: ["famille"], context: 2))
        let fg = try #require(two.sections[0].excerpts.first { $0.document == "FG1.txt" })
        #expect(fg.before.map(\.speaker) == ["Animatrice", "Volontaire 1"])
        #expect(fg.after.map(\.speaker) == ["Participant 1", "Volontaire 2"])
        #expect(try report(ExcerptQuery(themes: ["reseau"])).sections[0].excerpts.allSatisfy { $0.before.isEmpty && $0.after.isEmpty })
    }

    @Test func balancedSamplingIsSeeded() throws {
        let q = ExcerptQuery(themes: ["peur"], maxPerTheme: 2, seed: 1)
        let a = try report(q), b = try report(q)
        #expect(a == b)
        #expect(a.sections[0].total == 5)
        #expect(a.sections[0].excerpts.count == 2)
        // Round robin over the sorted groups: partenaire, then senior (volontaire would come third).
        var draws: Set<[String]> = []
        for seed in UInt64(1)...12 {
            let s = try report(ExcerptQuery(themes: ["peur"], maxPerTheme: 2, seed: seed)).sections[0]
            #expect(s.excerpts.map { $0.attributes["group"] } == ["partenaire", "senior"])
            draws.insert(keys(s))
        }
        #expect(draws.count == 2, "the seed chooses between the two seniors: \(draws)")
        // Balance on another attribute, still in the excerpts' order.
        let byWave = try report(ExcerptQuery(themes: ["peur"], maxPerTheme: 2, balance: "wave", seed: 3)).sections[0]
        #expect(Set(byWave.excerpts.map { $0.attributes["wave"] }) == ["12 mois", "3-6 mois"])
        #expect(try report(ExcerptQuery(themes: ["peur"], maxPerTheme: 10)).sections[0].excerpts.count == 5)
    }

    @Test func samplingPrefersNewParticipants() {
        func candidate(_ doc: Int, _ speaker: String, _ start: Int, _ group: String?) -> ExcerptSampler.Candidate {
            let c = Coding(document: "d\(doc)", turn: start, speaker: speaker, theme: "t", start: start, end: start + 1,
                           unitStart: start, unitEnd: start + 1, match: "x", rule: "any[x]")
            return .init(document: doc, speaker: speaker, codings: [c], attributes: Attributes(), balanceValue: group)
        }
        // One group: three excerpts of X, one of Y: two picks are X and Y whatever the seed.
        let cs = [candidate(0, "X", 1, "a"), candidate(0, "X", 2, "a"), candidate(0, "X", 3, "a"), candidate(0, "Y", 4, "a")]
        for seed in UInt64(0)..<20 {
            let picked = ExcerptSampler.sample(cs, count: 2, seed: seed, salt: "t")
            #expect(Set(picked.map(\.speaker)) == ["X", "Y"])
            #expect(picked.map { $0.codings[0].start } == picked.map { $0.codings[0].start }.sorted())
        }
        // Two values and a candidate without one: values in sorted order, the missing value last.
        let mixed = [candidate(0, "A", 1, nil), candidate(1, "B", 2, "Zeta"), candidate(2, "C", 3, "alpha")]
        #expect(ExcerptSampler.sample(mixed, count: 2, seed: 1, salt: "t").map(\.speaker) == ["B", "C"])
        #expect(ExcerptSampler.sample(mixed, count: 0, seed: 1, salt: "t").isEmpty)
        // Once every participant was quoted, repeats come.
        #expect(ExcerptSampler.sample(cs, count: 3, seed: 5, salt: "t").count == 3)
        var g = SplitMix64(seed: 1)
        #expect(g.next() == 0x910A_2DEC_8902_5CC1)
    }

    @Test func badQueries() throws {
        #expect(throws: ExcerptError.unknownTheme("fear", codebook: "codebook.yaml", valid: ["peur", "peur-arnaque", "reseau", "famille"])) {
            try report(ExcerptQuery(themes: ["fear"]))
        }
        #expect(throws: ExcerptError.unknownAttribute("groupe", option: "--where",
                                                      valid: ["group", "territory", "context", "wave", "interviewer", "gender"])) {
            try report(ExcerptQuery(filters: [AttributeFilter(name: "groupe", value: "senior")]))
        }
        #expect(throws: ExcerptError.unknownAttribute("age", option: "--balance",
                                                      valid: ["group", "territory", "context", "wave", "interviewer", "gender"])) {
            try report(ExcerptQuery(maxPerTheme: 1, balance: "age"))
        }
        #expect(throws: ExcerptError.emptySelection("--theme reseau --where group=volontaire")) {
            try report(ExcerptQuery(themes: ["reseau"], filters: [AttributeFilter(name: "group", value: "volontaire")]))
        }
        #expect(ExcerptError.emptySelection("--theme reseau").description == "error: no excerpt matches --theme reseau")
        #expect(ExcerptError.unknownTheme("x", codebook: "cb.yaml", valid: ["a", "b"]).description
                == "cb.yaml: error: unknown theme 'x' (themes: a, b)")
    }

    /// No real name of the names table, nor the unlisted speaker, appears in any format by default;
    /// they do with real names.
    @Test func noRealNameInAnyFormat() throws {
        let query = ExcerptQuery(context: 2)
        for realNames in [false, true] {
            let r = try report(query, realNames: realNames)
            let docx = try DocxWriter.data(for: ExcerptDocxBuilder.document(r))
            let archive = try Archive(data: docx, accessMode: .read)
            let entry = try #require(archive["word/document.xml"])
            var xml = Data()
            _ = try archive.extract(entry) { xml.append($0) }
            let outputs = [
                "text": ExcerptTextWriter().render(r),
                "markdown": ExcerptMarkdownWriter.render(r),
                "csv": ExcerptCSVWriter.render(r),
                "json": ExcerptJSONWriter.render(r),
                "html": ExcerptHTMLWriter.render(r),
                "docx": String(decoding: xml, as: UTF8.self),
            ]
            for (format, text) in outputs {
                if !realNames {
                    for name in ExcerptFixture.realNames {
                        #expect(!ExcerptSelectorTests.containsWord(text, name), "\(format) leaks \(name)")
                        // Nor in lower case (document names such as S01-martin.txt), but for the
                        // names that are also common words.
                        if !Pseudonymizer.commonWords.contains(Pseudonymizer.key(for: name)) {
                            #expect(!ExcerptSelectorTests.containsWord(text.lowercased(), name.lowercased()), "\(format) leaks \(name) in lower case")
                        }
                    }
                } else {
                    #expect(ExcerptSelectorTests.containsWord(text, "Martin"), "\(format) lacks the real names")
                    #expect(ExcerptSelectorTests.containsWord(text, "Jacqueline"), "\(format) lacks the real names")
                }
            }
            #expect(r.pseudonymized == !realNames)
        }
    }

    /// Whether `word` occurs in `text` as a whole word, in this case.
    static func containsWord(_ text: String, _ word: String) -> Bool {
        var search = text.startIndex..<text.endIndex
        while let r = text.range(of: word, range: search) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
            search = r.upperBound..<text.endIndex
        }
        return false
    }
}
