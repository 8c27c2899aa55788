import Foundation
import Testing
import VerbatimModel
import VerbatimAnalysis
import VerbatimApp

/// Frequencies on the fixture study (see ``StatsFixture`` for the hand count of every unit).
@Suite struct StatsStudyTests {
    func row(_ t: FrequencyTable, _ id: String) throws -> FrequencyTable.Row {
        try #require(t.rows.first { $0.theme.id == id })
    }

    @Test func participantUnitsPerGroup() throws {
        let t = try StatsFixture.coded().frequencies(by: ["group"])
        // A: I1, I2. B: I3, FG1's three listed participants, FG2 once (its participants are not listed).
        #expect(t.groups.map { $0.label() } == ["A", "B"])
        #expect(t.groups.map(\.size) == [2, 5])
        #expect(t.total.size == 7)
        #expect(t.groups.map(\.documents) == [2, 3])

        let peur = try row(t, "peur")
        #expect(peur.cells.map(\.fraction) == ["1/2", "1/5"])   // M. B (I2); FG2 as a whole
        #expect(peur.total.fraction == "2/7")
        #expect(peur.cells.map(\.words) == [4, 5])
        #expect(peur.theme.label == "Peur")                     // the study is in French, not the 'en' label

        // Roll-up: Inès mentions both sub-themes and counts once for 'usages'; Mme A (I1) too.
        let usages = try row(t, "usages")
        #expect(usages.cells.map(\.fraction) == ["1/2", "3/5"])  // I1; Inès, Théo, FG2
        #expect(usages.total.fraction == "4/7")
        #expect(usages.total.units == 6)
        #expect(usages.total.words == 32)
        #expect(usages.total.documents == 3)
        #expect(usages.cells.map(\.units) == [2, 4])

        let demarches = try row(t, "demarches")
        #expect(demarches.cells.map(\.fraction) == ["1/2", "2/5"])  // I1; Inès, FG2
        #expect(demarches.total.units == 4)
        #expect(demarches.total.words == 26)                      // 7 + 9 + 7 + 3

        let famille = try row(t, "famille")
        #expect(famille.cells.map(\.fraction) == ["1/2", "2/5"])  // I1; Inès, Théo
        #expect(famille.total.words == 15)                        // 9 + 3 + 3
        #expect(famille.total.documents == 2)
    }

    @Test func interviewerCodingsMakeNoParticipant() throws {
        let t = try StatsFixture.coded().frequencies(by: ["group"])
        let relance = try row(t, "relance")
        // I1's interviewer turn is attributed to the interview's unit; FG1's moderator is nobody's.
        #expect(relance.cells.map(\.fraction) == ["1/2", "0/5"])
        #expect(relance.cells.map(\.units) == [1, 1])
        #expect(relance.cells.map(\.words) == [4, 3])
        #expect(relance.cells.map(\.documents) == [1, 1])
        // The moderator is never a participant unit.
        #expect(t.total.size == 7)
    }

    @Test func documentLevel() throws {
        let t = try StatsFixture.coded().frequencies(by: ["group"], per: .document)
        #expect(t.groups.map(\.size) == [2, 3])
        #expect(try row(t, "peur").cells.map(\.fraction) == ["1/2", "1/3"])
        #expect(try row(t, "usages").cells.map(\.fraction) == ["1/2", "2/3"])
        #expect(try row(t, "relance").cells.map(\.fraction) == ["1/2", "1/3"])  // FG1's moderator counts for FG1
        #expect(try row(t, "usages").total.words == 32)
    }

    @Test func minNFlags() throws {
        let t = try StatsFixture.coded().frequencies(by: ["group"], minN: 5)
        #expect(t.groups.map(\.isSmall) == [true, false])   // A has 2 units, B exactly 5
        #expect(try row(t, "peur").cells.map(\.smallN) == [true, false])
        let text = t.text()
        #expect(text.contains("1/2 (50%)†"))
        #expect(text.contains("† N under 5"))
        #expect(t.csv().contains("peur,Peur,0,A,1,2,50,1,1,4,true\n"))
    }

    @Test func crossedAttributesAndSpeakerAttributes() throws {
        let coded = try StatsFixture.coded()
        let t = try coded.frequencies(by: ["group", "wave"])
        #expect(t.groups.map { $0.label() } == ["A · 3-6 mois", "A · 12 mois", "B · 3-6 mois", "B · 12 mois"])
        #expect(t.groups.map(\.size) == [1, 1, 2, 3])
        let g = try coded.frequencies(by: ["gender"])
        #expect(g.groups.map { $0.label() } == ["F", "M"])
        #expect(g.excluded == 4)
        #expect(try row(g, "famille").cells.map(\.fraction) == ["1/2", "1/1"])
        #expect(coded.attributeNames == ["context", "gender", "group", "wave"])
    }

    @Test func oneThemeAndItsSubThemes() throws {
        let t = try StatsFixture.coded().frequencies(by: ["group"], theme: "usages")
        #expect(t.rows.map(\.theme.id) == ["usages", "demarches", "famille"])
        #expect(throws: AnalysisError.unknownTheme("x", themes: ["peur", "usages", "demarches", "famille", "relance"])) {
            try StatsFixture.coded().frequencies(theme: "x")
        }
    }

    @Test func csvAndJSONGiveTheSameNumbers() throws {
        let coded = try StatsFixture.coded()
        for level in CountingLevel.allCases {
            let t = try coded.frequencies(by: ["group", "wave"], per: level)
            let csv = StatsFixture.csvRecords(t.csv())
            let json = try #require(try JSONSerialization.jsonObject(with: Data(t.json(info: coded.analysisInfo).serialized().utf8)) as? [String: Any])
            let records = try #require(json["records"] as? [[String: Any]])
            #expect(csv.count == records.count)
            #expect(csv.count == t.rows.count * (t.groups.count + 1))
            for (c, j) in zip(csv, records) {
                for field in t.recordFields { #expect(StatsFixture.same(c[field], j[field]), "\(field) \(c) \(j)") }
            }
            let groups = try #require(json["groups"] as? [[String: Any]])
            #expect(groups.map { $0["N"] as? Int } == (t.groups + [t.total]).map(\.size))
        }
    }
}
