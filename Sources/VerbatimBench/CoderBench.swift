import Foundation
import VerbatimModel
import VerbatimIngest
import VerbatimCodebook
import VerbatimCoding

/// `verbatim-bench coder CODEBOOK DIR`: the coding engine alone, on transcripts read beforehand, one core.
/// Prints MB/s of transcript text coded (all turns read, participant turns coded).
enum CoderBench {
    static func run(_ args: [String]) -> Int32 {
        guard args.count == 2 else {
            print("usage: verbatim-bench coder CODEBOOK.yaml CORPUS_DIR")
            return 64
        }
        let (book, _): (Codebook, [Diagnostic])
        do { (book, _) = try CodebookLoader.load(url: URL(fileURLWithPath: args[0]), path: args[0]) } catch {
            print("\(error)")
            return 1
        }
        let dir = URL(fileURLWithPath: args[1])
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted().filter { $0.hasSuffix(".txt") }
        let segmenter = try! TurnSegmenter()
        var transcripts: [Transcript] = []
        for f in files {
            let url = dir.appendingPathComponent(f)
            guard let doc = try? TranscriptReader.read(url: url, path: f) else { continue }
            transcripts.append(segmenter.segment(doc, document: f))
        }
        let bytes = transcripts.reduce(0) { $0 + $1.text.utf8.count }
        let coder = Coder(CompiledCodebook(book))
        var best = Double.infinity
        var hits = 0
        for _ in 0..<3 {
            let start = Date()
            hits = 0
            for t in transcripts { hits += coder.count(t).hits.reduce(0, +) }
            best = min(best, Date().timeIntervalSince(start))
        }
        print(String(format: "coder alone, one core: %.1f MB in %d transcripts, best of 3: %.3f s => %.0f MB/s (%d hits incl. roll-ups)",
                     Double(bytes) / 1_048_576, transcripts.count, best, Double(bytes) / 1_048_576 / best, hits))
        return 0
    }
}
