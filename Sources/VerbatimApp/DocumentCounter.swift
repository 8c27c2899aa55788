#if canImport(Glibc)
import Glibc
#endif
import Foundation
import VerbatimModel
import VerbatimIngest
import VerbatimStudy
import VerbatimCoding

/// Per-theme counts of one document, for `verbatim code`: plain-text transcripts are counted straight
/// from their bytes (`TextReader.plainTextStart`, `TurnSegmenter.scanTurns`, `Coder.count(_:turns:)`),
/// skipping the normalised text and paragraph records that only excerpts need; every other document,
/// and any plain-text file that needs more than that, goes through the full reader. Both ways give the
/// same counts (the tests compare them on every corpus at hand).
public enum DocumentCounter {
    public static func count(_ entry: Corpus.Entry, study: Study, pool: CoderPool, unit: CodingUnit) -> Result<DocumentCounts, Diagnostic> {
        if unit == .turn, ["txt", "text", "md", "markdown"].contains(entry.url.pathExtension.lowercased()),
           let counted = fastCount(entry, study: study, pool: pool) {
            return counted
        }
        return study.result(entry).flatMap { t in
            pool.coded(t) { $0.count(t, unit: unit) }.map { counts in
                var counts = counts
                counts.errors = t.diagnostics.filter { $0.severity == .error }
                return counts
            }
        }
    }

    /// Counts straight from the file's bytes, or nil when the full reader must be used.
    static func fastCount(_ entry: Corpus.Entry, study: Study, pool: CoderPool) -> Result<DocumentCounts, Diagnostic>? {
        let fd = open(entry.url.path, O_RDONLY)
        if fd < 0 { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0,
              Int(st.st_size) <= TranscriptReader.maxFileSize else { return nil }
        let size = Int(st.st_size)
        let memory = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { memory.deallocate() }
        var got = 0
        while got < size {
            let r = read(fd, memory + got, size - got)
            if r < 0 && errno == EINTR { continue }
            if r <= 0 { return nil }
            got += r
        }
        let all = UnsafeBufferPointer(start: memory.assumingMemoryBound(to: UInt8.self), count: size)
        guard let start = TextReader.plainTextStart(all) else { return nil }
        let text = UnsafeBufferPointer(rebasing: all[start...])
        let interviewers = Study.interviewers(in: study.attributesFor(document: entry.document))
        guard let spans = study.segmenter.scanTurns(text, documentInterviewers: interviewers) else { return nil }
        return pool.bounded { $0.count(text, turns: spans) }.mapError { $0.diagnostic(entry, file: all, textStart: start) }
    }
}
