import Foundation
import Testing
import VerbatimAnalysis
import VerbatimApp

/// The matrix of the fixture study by context: rural = I1, I2, FG2 (3 participant units); urbain = I3 and
/// FG1's Inès, Théo, Léa (4).
@Suite struct MatrixStudyTests {
    func row(_ m: ThemeMatrix, _ id: String) throws -> ThemeMatrix.Row {
        try #require(m.rows.first { $0.theme.id == id })
    }

    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance * max(1, abs(b)) }

    @Test func testsMatchSciPy() throws {
        let m = try StatsFixture.coded().matrix(columns: ["context"])
        #expect(m.columns.map { $0.label() } == ["rural", "urbain"])
        #expect(m.columns.map(\.size) == [3, 4])
        // python3 -c "from scipy.stats import chi2_contingency, fisher_exact
        // for t in ([[2,0],[1,4]], [[2,2],[1,2]], [[2,1],[1,3]], [[1,2],[2,2]]):
        //     c = chi2_contingency(t, correction=False); print(c.statistic, c.pvalue, c.dof, fisher_exact(t).pvalue)"
        // 3.7333333333333334 0.05333685282913989 1 0.14285714285714288
        // 0.1944444444444445 0.6592430036926307 1 1.0
        // 1.2152777777777777 0.2702893848016955 1 0.48571428571428565
        // 0.19444444444444453 0.6592430036926306 1 1.0
        let expected: [(String, [[Int]], Double, Double, Double)] = [
            ("peur", [[2, 0], [1, 4]], 3.7333333333333334, 0.05333685282913989, 0.14285714285714288),
            ("usages", [[2, 2], [1, 2]], 0.1944444444444445, 0.6592430036926307, 1.0),
            ("demarches", [[2, 1], [1, 3]], 1.2152777777777777, 0.2702893848016955, 0.48571428571428565),
            ("famille", [[1, 2], [2, 2]], 0.19444444444444453, 0.6592430036926306, 1.0),
        ]
        for (id, table, chi2, chi2p, fisherP) in expected {
            let r = try row(m, id)
            #expect(r.table.counts == table, "\(id)")
            #expect(r.association.test == .fisherExact, "\(id)")
            #expect(close(r.association.pValue, fisherP, 1e-7), "\(id) Fisher p \(r.association.pValue)")
            #expect(close(r.association.chiSquare.statistic, chi2), "\(id) chi2 \(r.association.chiSquare.statistic)")
            #expect(close(r.association.chiSquare.pValue, chi2p, 1e-7), "\(id) chi2 p \(r.association.chiSquare.pValue)")
            #expect(r.association.degreesOfFreedom == 1)
            #expect(!r.association.warnings.isEmpty, "\(id): expected counts under 5 are warned")
        }
    }

    @Test func cellsAndPercentages() throws {
        let m = try StatsFixture.coded().matrix(columns: ["context"])
        let usages = try row(m, "usages")
        #expect(usages.cells.map(\.participants.count) == [2, 2])
        #expect(usages.cells.map(\.participants.columnPercent) == [200.0 / 3, 50])
        #expect(usages.cells.map(\.participants.rowPercent) == [50, 50])
        #expect(usages.cells.map(\.units.count) == [3, 3])           // I1 turns 2 and 4, Zoé; Inès twice, Théo
        #expect(usages.cells.map(\.documents.count) == [2, 1])
        #expect(usages.total.units.count == 6)
        let text = m.text(cell: .percent)
        #expect(text.contains("2/3 (67%)†"))
        #expect(text.contains("Fisher"))
        #expect(m.text(cell: .units).contains("Coded units of each theme, by context"))
    }

    @Test func crossedColumns() throws {
        let m = try StatsFixture.coded().matrix(columns: ["context", "wave"])
        #expect(m.columns.map { $0.label() } == ["rural · 3-6 mois", "rural · 12 mois", "urbain · 3-6 mois", "urbain · 12 mois"])
        #expect(m.columns.map(\.size) == [2, 1, 1, 3])
        #expect(try row(m, "peur").table.counts == [[1, 1, 0, 0], [1, 0, 1, 3]])
    }

    @Test func csvAndJSONGiveTheSameNumbers() throws {
        let coded = try StatsFixture.coded()
        let m = try coded.matrix(columns: ["context"])
        let csv = StatsFixture.csvRecords(m.csv())
        let json = try #require(try JSONSerialization.jsonObject(with: Data(m.json(info: coded.analysisInfo).serialized().utf8)) as? [String: Any])
        let records = try #require(json["records"] as? [[String: Any]])
        #expect(csv.count == m.rows.count * 3)
        #expect(csv.count == records.count)
        for (c, j) in zip(csv, records) {
            for field in m.recordFields where field != "warnings" {
                #expect(StatsFixture.same(c[field], j[field]), "\(field) \(c) \(j)")
            }
            #expect(c["warnings"] == (j["warnings"] as? [String])?.joined(separator: "; "))
        }
        let columns = try #require(json["columns"] as? [[String: Any]])
        #expect(columns.map { $0["N"] as? Int } == [3, 4, 7])
        let peur = try #require(records.first { $0["theme"] as? String == "peur" })
        #expect(peur["test"] as? String == "fisher-exact")
        #expect(close(try #require(peur["p"] as? Double), 0.14285714285714288, 1e-7))
    }
}

/// Co-occurrences on the fixture study.
@Suite struct CooccurStudyTests {
    @Test func unitAndDocumentLevels() throws {
        let coded = try StatsFixture.coded()
        // Only I1's turn 4 has two themes that are not parent and child (demarches and famille).
        let units = coded.cooccurrence(level: .unit)
        #expect(units.total == 10)
        #expect(units.pairs.map { "\($0.first.id)+\($0.second.id)=\($0.both)" } == ["demarches+famille=1"])
        #expect(abs(units.pairs[0].jaccard - 1.0 / 6) < 1e-12)   // demarches 4 units, famille 3
        // Documents: I1 and FG1 {relance, usages, demarches, famille}; I2 {peur}; FG2 {peur, usages, demarches}.
        let docs = coded.cooccurrence(level: .document)
        #expect(docs.total == 4)
        #expect(docs.pairs.map { "\($0.first.id)+\($0.second.id)=\($0.both)" } == [
            "demarches+famille=2", "demarches+relance=2", "famille+relance=2", "relance+usages=2",
            "demarches+peur=1", "peur+usages=1",
        ])
        #expect(abs(docs.pairs[0].jaccard - 2.0 / 3) < 1e-12)
        let csv = StatsFixture.csvRecords(docs.csv())
        #expect(csv.first == ["theme": "demarches", "label": "Démarches", "with": "famille", "with_label": "Famille",
                              "both": "2", "theme_n": "3", "with_n": "2", "jaccard": "0.667"])
        #expect(docs.markdown().contains("| Démarches (`demarches`) | Famille (`famille`) | 2 | 3 | 2 | 0.67 |"))
    }
}
