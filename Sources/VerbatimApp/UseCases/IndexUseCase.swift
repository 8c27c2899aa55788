import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCoding

/// Brings the study's index (`.verbatim/index.sqlite`) up to date: documents whose file changed (by
/// size, time and content hash), whose study settings changed, or whose codebook changed are read and
/// coded again, on every core; documents gone from the study are removed; the rest is not touched.
public enum IndexUseCase {
    /// What an update did.
    public struct Summary: Sendable {
        public var documents = 0
        /// Documents read again (new or changed).
        public var read = 0
        /// Documents coded again because only the codebook changed.
        public var recoded = 0
        public var removed = 0
        public var seconds = 0.0
    }

    /// Updates the index and returns it with what was done.
    public static func update(codebook file: String? = nil, in context: StudyContext) throws -> (StudyIndex, Summary) {
        let started = Date()
        let root = try context.studyRoot()
        let study = context.study
        let index = try StudyIndex(root: root)
        var summary = Summary()

        // What the documents' reading and coding depend on besides their own file.
        var settings = SHA256()
        for name in [Study.configName, study.config.cases, study.config.participants] {
            settings.update(Array(name.utf8))
            if let data = FileManager.default.contents(atPath: root.appendingPathComponent(name).path) { settings.update(data) }
        }
        let settingsHash = settings.hexDigest()
        // The codebook is fingerprinted from its bytes; it is loaded and compiled only when a document
        // must be coded, so that an index already up to date costs a look at the files' sizes and times.
        var codebookHash: String? = nil
        let unit = try context.unit()
        let codebookURL = (try? context.codebookLocation(file))?.url
        if let codebookURL, let data = FileManager.default.contents(atPath: codebookURL.path) {
            codebookHash = SHA256.hexDigest(of: Array(data) + Array("\u{0}\(unit.rawValue)".utf8))
        }

        let corpus = Corpus(study: study, paths: [])
        context.consumer.report(corpus.diagnostics)
        let states = try index.states()
        summary.documents = corpus.entries.count
        var stale: [Corpus.Entry] = []
        var fileStates: [String: StudyIndex.FileState] = [:]
        for entry in corpus.entries {
            let stat = FileStat.of(entry.url.path)
            let size = stat?.size ?? -1
            let mtime = stat?.mtime ?? 0
            var state = StudyIndex.FileState(path: entry.url.path, size: size, mtime: mtime, hash: "", settings: settingsHash, codebook: codebookHash)
            if let old = states[entry.document], old.path == state.path, old.size == size, old.mtime == mtime, old.settings == settingsHash {
                if old.codebook == codebookHash { continue }
                state.hash = old.hash
                summary.recoded += 1
            } else {
                summary.read += 1
            }
            fileStates[entry.document] = state
            stale.append(entry)
        }
        let present = Set(corpus.entries.map(\.document))
        let gone = states.keys.filter { !present.contains($0) }
        try index.remove(gone)
        summary.removed = gone.count

        if stale.isEmpty {
            summary.seconds = Date().timeIntervalSince(started)
            return (index, summary)
        }
        let pool = codebookURL == nil ? nil : CoderPool(CompiledCodebook(try context.codebook(file)))
        // Reading, coding and preparing each document run on every core; one writer thread stores the
        // prepared batches meanwhile (SQLite has one writer), at most two batches ahead.
        let writer = IndexWriter(index)
        var batch: [StudyIndex.Prepared] = []
        var done = 0
        let sub = Corpus(study: study, entries: stale)
        let pending = fileStates
        sub.stream(batch: 64, { entry, result -> Result<StudyIndex.Prepared, Diagnostic> in
            result.flatMap { t in
                var state = pending[entry.document]!
                state.hash = FileManager.default.contents(atPath: entry.url.path).map { SHA256.hexDigest(of: $0) } ?? ""
                let units = Dictionary(StudyPipeline.participantKeys(t).map { ($0.label, $0.key) }, uniquingKeysWith: { a, _ in a })
                guard let pool else { return .success(StudyIndex.prepare(t, state: state, codings: nil, units: units)) }
                return pool.coded(t) { $0.code(t, unit: unit) }.map { StudyIndex.prepare(t, state: state, codings: $0, units: units) }
            }
        }) { entry, result in
            done += 1
            context.consumer.progress(done, of: stale.count, entry.document)
            switch result {
            case .failure(let d): context.consumer.report(d)
            case .success(let prepared): batch.append(prepared)
            }
            if batch.count >= 64 {
                writer.submit(batch)
                batch.removeAll()
            }
        }
        writer.submit(batch)
        try writer.finish()
        context.consumer.endProgress()
        summary.seconds = Date().timeIntervalSince(started)
        return (index, summary)
    }
}

/// Stores prepared documents on a thread of its own, a bounded number of batches ahead of the readers.
final class IndexWriter: @unchecked Sendable {
    let index: StudyIndex
    let queue = DispatchQueue(label: "verbatim.index.writer")
    let room = DispatchSemaphore(value: 2)
    let lock = NSLock()
    var failure: Error?

    init(_ index: StudyIndex) { self.index = index }

    /// Queues a batch (waits while two are pending); after a failure, batches are dropped.
    func submit(_ batch: [StudyIndex.Prepared]) {
        guard !batch.isEmpty else { return }
        room.wait()
        queue.async {
            defer { self.room.signal() }
            self.lock.lock()
            let failed = self.failure != nil
            self.lock.unlock()
            if failed { return }
            do { try self.index.store(batch) } catch {
                self.lock.lock()
                self.failure = error
                self.lock.unlock()
            }
        }
    }

    /// Waits for every batch, and throws the first failure.
    func finish() throws {
        queue.sync {}
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
    }
}
