import Foundation
import Dispatch
import VerbatimModel
import VerbatimIngest

/// The documents a command works on: a study's transcripts, or files and folders named on the command
/// line, resolved against the study when they are inside it.
public struct Corpus: Sendable {
    public struct Entry: Sendable {
        public var document: String
        public var url: URL

        public init(document: String, url: URL) {
            self.document = document
            self.url = url
        }
    }

    public let study: Study
    public private(set) var entries: [Entry] = []
    /// Paths that could not be resolved (missing, ambiguous, unsupported), reported but not fatal, then
    /// the study's own problems (``Study/diagnostics``: its settings and tables), so that every command
    /// reading documents reports them.
    public private(set) var diagnostics: [Diagnostic] = []

    /// Resolves `paths` (or, when empty, all the study's transcripts). A path that is not a file or folder
    /// is a document name of the study, found by ``DocumentResolver`` (`S01-lyon`, `ID1.docx`,
    /// `course/transcript.txt`); an ambiguous name is an error listing the documents it could be.
    public init(study: Study, paths: [String]) {
        self.study = study
        defer { diagnostics += study.diagnostics }
        if paths.isEmpty {
            entries = study.documentURLs().map { Entry(document: $0.document, url: $0.url) }
            return
        }
        let fm = FileManager.default
        var seen = Set<String>()
        var listing: [(document: String, url: URL)]?
        var resolver: DocumentResolver?
        for p in paths {
            let url = URL(fileURLWithPath: p).standardizedFileURL
            var isDir: ObjCBool = false
            if !fm.fileExists(atPath: url.path, isDirectory: &isDir) {
                // A document name of the study.
                if listing == nil {
                    listing = study.documentURLs()
                    resolver = DocumentResolver(documents: listing!.map(\.document), folders: study.config.transcripts)
                }
                switch resolver!.resolve(p) {
                case .document(let d):
                    if let e = listing!.first(where: { $0.document == d }), seen.insert(e.url.path).inserted {
                        entries.append(Entry(document: e.document, url: e.url))
                    }
                case .ambiguous(let candidates):
                    diagnostics.append(.error(p, DocumentResolver.ambiguity(p, candidates)))
                case .none:
                    diagnostics.append(.error(p, "no such file or document"))
                }
                continue
            }
            if isDir.boolValue && TranscriptReader.extensions.contains(url.pathExtension.lowercased()) {
                diagnostics.append(.error(p, "is a folder, not a transcript file"))
                continue
            }
            if isDir.boolValue {
                guard let en = fm.enumerator(at: url, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]) else { continue }
                var found: [URL] = []
                for case let f as URL in en where TranscriptReader.extensions.contains(f.pathExtension.lowercased()) {
                    found.append(f.standardizedFileURL)
                }
                if found.isEmpty { diagnostics.append(.warning(p, "folder holds no transcript file")) }
                for f in found.sorted(by: { $0.path < $1.path }) where seen.insert(f.path).inserted {
                    entries.append(Entry(document: study.documentName(for: f), url: f))
                }
            } else if seen.insert(url.path).inserted {
                entries.append(Entry(document: study.documentName(for: url), url: url))
            }
        }
    }

    /// Reads every document on every core and applies `transform` to each result as soon as it is read,
    /// so that only the results, not the transcripts, are kept. Results come back in document order.
    public func map<T: Sendable>(_ transform: @escaping @Sendable (Entry, Result<Transcript, Diagnostic>) -> T) -> [T] {
        let study = self.study
        return mapEntries { e in transform(e, study.result(e)) }
    }

    /// Applies `transform` to every entry on every core; results come back in document order.
    public func mapEntries<T: Sendable>(_ transform: @escaping @Sendable (Entry) -> T) -> [T] {
        let n = entries.count
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: n)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let box = ResultsBox(results)
        let entries = self.entries
        DispatchQueue.concurrentPerform(iterations: n) { i in
            box.buffer[i] = transform(entries[i])
        }
        // Each result is moved out of its slot, which leaves the buffer uninitialised for deallocate().
        return (0..<n).map { results.moveElement(from: $0)! }
    }
}

extension Study {
    /// Reads and segments one entry, its failure as a diagnostic.
    public func result(_ e: Corpus.Entry) -> Result<Transcript, Diagnostic> {
        do {
            return .success(try load(document: e.document, url: e.url))
        } catch let err as IngestError {
            return .failure(err.diagnostic)
        } catch let err as StudyError {
            return .failure(err.diagnostic)
        } catch {
            return .failure(.error(Study.display(e.url), "cannot read the file: \(SystemErrorText.reason(error))"))
        }
    }
}

extension Corpus {
    /// Reads the documents on every core, `transform`ing each as soon as it is read, and hands the
    /// results to `consume` one at a time, in document order, on the calling thread. Documents are
    /// processed in small batches, so memory holds a few transcripts and results, not the corpus.
    public func stream<T: Sendable>(batch: Int = 0, _ transform: @escaping @Sendable (Entry, Result<Transcript, Diagnostic>) -> T,
                                    consume: (Entry, T) -> Void) {
        let study = self.study
        streamEntries(batch: batch, { e in transform(e, study.result(e)) }, consume: consume)
    }

    /// Like `stream`, for a `transform` that reads each entry itself.
    public func streamEntries<T: Sendable>(batch: Int = 0, _ transform: @escaping @Sendable (Entry) -> T, consume: (Entry, T) -> Void) {
        let size = batch > 0 ? batch : max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
        var i = 0
        while i < entries.count {
            let slice = Array(entries[i..<min(entries.count, i + size)])
            let sub = Corpus(study: study, entries: slice)
            for (e, r) in zip(slice, sub.mapEntries(transform)) { consume(e, r) }
            i += size
        }
    }

    /// A corpus of the given entries of `study`.
    public init(study: Study, entries: [Entry]) {
        self.study = study
        self.entries = entries
    }
}

/// Each iteration of `concurrentPerform` writes its own slot.
private final class ResultsBox<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>
    init(_ b: UnsafeMutableBufferPointer<T?>) { buffer = b }
}
