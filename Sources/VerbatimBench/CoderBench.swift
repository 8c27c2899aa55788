import Foundation
import VerbatimModel
import VerbatimIngest
import VerbatimCodebook
import VerbatimCoding

/// `verbatim-bench coder CODEBOOK DIR`: the coding engine alone, on transcripts read beforehand, one core.
/// Prints MB/s of transcript text coded (all turns read, participant turns coded).
enum CoderBench {
    static func run(_ args: [String]) -> Int32 {
        let book: Codebook, dir: URL, files: [String]
        switch CodebookBenchInput.parse(args, suite: "coder") {
        case .success(let input): (book, dir, files) = input
        case .failure(let code): return code.rawValue
        }
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

/// `verbatim-bench stages CODEBOOK DIR`: the stages of `verbatim code` on plain-text files held in memory,
/// one core, each timed apart (best of 3): the text check, the turn scan and the coder.
enum StagesBench {
    static func run(_ args: [String]) -> Int32 {
        let book: Codebook, dir: URL, files: [String]
        switch CodebookBenchInput.parse(args, suite: "stages") {
        case .success(let input): (book, dir, files) = input
        case .failure(let code): return code.rawValue
        }
        let buffers: [[UInt8]] = files.compactMap { try? [UInt8](Data(contentsOf: dir.appendingPathComponent($0))) }
        let mb = Double(buffers.reduce(0) { $0 + $1.count }) / 1_048_576
        let segmenter = try! TurnSegmenter()
        let compiled = CompiledCodebook(book)
        func time(_ body: () -> Void) -> Double {
            var best = Double.infinity
            for _ in 0..<3 {
                let start = Date()
                body()
                best = min(best, Date().timeIntervalSince(start))
            }
            return best
        }
        var starts: [Int] = []
        let check = time {
            starts = buffers.map { b in b.withUnsafeBufferPointer { TextReader.plainTextStart($0) ?? -1 } }
        }
        var spans: [TurnSpans?] = []
        let scan = time {
            spans = zip(buffers, starts).map { b, s in
                s < 0 ? nil : b.withUnsafeBufferPointer { segmenter.scanTurns(UnsafeBufferPointer(rebasing: $0[s...])) }
            }
        }
        var words = 0
        let split = time {
            words = 0
            for (k, b) in buffers.enumerated() {
                guard let sp = spans[k] else { continue }
                b.withUnsafeBufferPointer { buf in
                    for t in 0..<sp.count where sp.roles[t] == .participant { words += Words.count(buf, from: starts[k] + sp.starts[t], to: starts[k] + sp.ends[t]) }
                }
            }
        }
        var hits = 0
        let code = time {
            // A new coder each time, as `verbatim code` starts: the first sight of each distinct word
            // (folding, stemming, looking it up) is part of the cost.
            let coder = Coder(compiled)
            hits = 0
            for (k, b) in buffers.enumerated() {
                guard let sp = spans[k] else { continue }
                b.withUnsafeBufferPointer { hits += coder.count(UnsafeBufferPointer(rebasing: $0[starts[k]...]), turns: sp).hits.reduce(0, +) }
            }
        }
        let fast = spans.compactMap { $0 }.count
        func line(_ name: String, _ s: Double) -> String { String(format: "%-8@ %7.3f s  %6.0f MB/s", name as NSString, s, mb / s) }
        print(String(format: "%.1f MB in %d files (%d plain text), one core, best of 3:", mb, buffers.count, fast))
        print(line("check", check))
        print(line("scan", scan))
        print(line("code", code))
        print(line("  words", split) + "  (\(words) words: the coder's word split alone)")
        print(line("total", check + scan + code) + "  (\(hits) hits incl. roll-ups)")
        return 0
    }
}

/// The arguments of the suites that take a codebook and a folder of `.txt` transcripts.
enum CodebookBenchInput {
    struct Exit: Error { let rawValue: Int32 }

    static func parse(_ args: [String], suite: String) -> Result<(Codebook, URL, [String]), Exit> {
        guard args.count == 2 else {
            print("usage: verbatim-bench \(suite) CODEBOOK.yaml CORPUS_DIR")
            return .failure(Exit(rawValue: 64))
        }
        let book: Codebook
        do { (book, _) = try CodebookLoader.load(url: URL(fileURLWithPath: args[0]), path: args[0]) } catch {
            print("\(error)")
            return .failure(Exit(rawValue: 1))
        }
        let dir = URL(fileURLWithPath: args[1])
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted().filter { $0.hasSuffix(".txt") }
        return .success((book, dir, files))
    }
}
