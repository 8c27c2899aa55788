import Foundation
import Testing
import VerbatimModel
@testable import VerbatimStudy

/// A result object whose lifetime the tests watch.
private final class Tracked: @unchecked Sendable {
    let index: Int
    init(_ index: Int) { self.index = index }
}

/// Weak references to the results, filled from the concurrent transform.
private final class WeakList: @unchecked Sendable {
    private let lock = NSLock()
    private var refs: [Int: () -> AnyObject?] = [:]
    func add(_ o: Tracked) {
        lock.lock()
        refs[o.index] = { [weak o] in o }
        lock.unlock()
    }
    var alive: Int { refs.values.filter { $0() != nil }.count }
    var count: Int { refs.count }
}

/// `Corpus.mapEntries` hands its results over without keeping a reference: every command used to leak
/// each document's result (with `keepText`, whole transcripts).
struct CorpusMemoryTests {
    @Test func resultsAreReleasedOnceTheCallerDropsThem() {
        let entries = (0..<64).map { Corpus.Entry(document: "d\($0).txt", url: URL(fileURLWithPath: "/nonexistent/d\($0).txt")) }
        let corpus = Corpus(study: Study(bareFilesWith: StudyConfig()), entries: entries)
        let watched = WeakList()
        do {
            let results = corpus.mapEntries { e -> Tracked in
                let t = Tracked(Int(e.document.dropFirst().dropLast(4))!)
                watched.add(t)
                return t
            }
            #expect(results.map(\.index) == Array(0..<64))
            #expect(watched.alive == 64)
        }
        #expect(watched.count == 64)
        #expect(watched.alive == 0, "results still referenced after the caller dropped them: the corpus leaks them")
    }

    @Test func streamingReleasesEachBatch() {
        let entries = (0..<40).map { Corpus.Entry(document: "d\($0).txt", url: URL(fileURLWithPath: "/nonexistent/d\($0).txt")) }
        let corpus = Corpus(study: Study(bareFilesWith: StudyConfig()), entries: entries)
        let watched = WeakList()
        var seen = 0
        corpus.streamEntries(batch: 8, { e -> Tracked in
            let t = Tracked(Int(e.document.dropFirst().dropLast(4))!)
            watched.add(t)
            return t
        }) { _, t in
            #expect(t.index == seen)
            seen += 1
        }
        #expect(seen == 40)
        #expect(watched.alive == 0)
    }
}
