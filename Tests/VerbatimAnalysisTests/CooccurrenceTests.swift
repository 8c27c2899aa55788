import Testing
import VerbatimModel
@testable import VerbatimAnalysis

@Suite struct CooccurrenceTests {
    @Test func unitLevelPairsSkipAncestors() {
        // Segments, rolled up: D1 {usages, demarches}, {usages, famille, demarches}; D3 {usages, demarches},
        // {usages, famille}, {peur}, {peur}; D4 {peur}.
        let c = Cooccurrence.compute(frequencyCorpus(), themes: frequencyTree, level: .unit)
        #expect(c.total == 7)
        #expect(c.pairs.count == 1)
        let p = c.pairs[0]
        #expect(p.first.id == "demarches")
        #expect(p.second.id == "famille")
        #expect(p.both == 1)
        #expect(p.firstCount == 3)
        #expect(p.secondCount == 2)
        #expect(abs(p.jaccard - 0.25) < 1e-12)
        #expect(c.counts.map(\.count) == [4, 3, 2, 3])
    }

    @Test func documentLevelPairsAreSortedByCountThenIds() {
        // Documents, rolled up: D1 {usages, demarches, famille}; D3 {usages, demarches, famille, peur}; D4 {peur}.
        let c = Cooccurrence.compute(frequencyCorpus(), themes: frequencyTree, level: .document)
        #expect(c.total == 3)
        #expect(c.pairs.map { "\($0.first.id)+\($0.second.id)=\($0.both)" } == [
            "demarches+famille=2", "demarches+peur=1", "famille+peur=1", "peur+usages=1",
        ])
        #expect(abs(c.pairs[1].jaccard - 1.0 / 3) < 1e-12)  // demarches 2, peur 2, both 1
    }
}
