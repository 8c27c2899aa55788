import Foundation
import VerbatimModel
import VerbatimIngest

/// `verbatim-bench text [MB] [DIR]`: reading and segmenting plain-text transcripts on one core.
///
/// Writes a synthetic French interview corpus (speaker labels in several conventions, accents, both
/// apostrophes, Windows line ends in some files) of about MB megabytes (default 200) into DIR (default
/// a temporary folder), then reads and segments every file in one thread, best of 3 passes, and prints
/// the throughput and the peak memory. Target: 200 MB/s; memory bounded by the largest file.
enum TextBench {
    static func run(_ args: [String]) -> Int32 {
        let megabytes = Int(args.first ?? "") ?? 200
        let dir = URL(fileURLWithPath: args.count > 1 ? args[1] : NSTemporaryDirectory() + "verbatim-text-bench")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let files = generate(megabytes: megabytes, into: dir)
        let total = files.reduce(0) { $0 + $1.1 }
        let segmenter = try! TurnSegmenter()
        var best = Double.infinity
        var turns = 0
        for _ in 0..<3 {
            let start = Date()
            turns = 0
            for (url, _) in files {
                do {
                    let doc = try TranscriptReader.read(url: url, path: url.lastPathComponent)
                    turns += segmenter.segment(doc, document: url.lastPathComponent).turns.count
                } catch {
                    print("ERROR \(error)")
                    return 1
                }
            }
            best = min(best, Date().timeIntervalSince(start))
        }
        let mbps = Double(total) / 1_048_576 / best
        let peakMB = BenchPaths.peakMemoryMB()
        let largest = Double(files.map(\.1).max() ?? 0) / 1_048_576
        print(String(format: "text reader + turn segmentation, one core: %.1f MB in %d files, %d turns", Double(total) / 1_048_576, files.count, turns))
        print(String(format: "  best of 3: %.3f s  =>  %.0f MB/s (target 200 MB/s)", best, mbps))
        print(String(format: "  peak memory: %.0f MB (largest file %.1f MB, corpus %.0f MB)", peakMB, largest, Double(total) / 1_048_576))
        return mbps >= 200 ? 0 : 1
    }

    /// Writes (or reuses) synthetic transcripts of about 4 MB each.
    static func generate(megabytes: Int, into dir: URL) -> [(URL, Int)] {
        let phrases = [
            "Ben euh… au début j'avais vraiment peur d'internet, j’osais pas toucher à la tablette.",
            "Ma petite-fille m’a montré comment faire un appel en visio sur WhatsApp, c'est formidable.",
            "Les impôts en ligne, la CAF, ameli… maintenant je le fais toute seule, sans demander à mon fils.",
            "Ici le réseau ne passe pas, il faut monter au grenier pour capter la 4G, c’est une zone blanche.",
            "La volontaire était d'une patience, elle revenait chaque mardi, on a pris l’habitude de prendre le café.",
            "J'ai pas peur de me faire arnaquer, enfin… si, un peu, les SMS bizarres je les efface tout de suite.",
            "Le car passe deux fois par semaine et la France Services est à trente kilomètres, alors voilà.",
            "Qu’est-ce qui a changé pour vous depuis l’accompagnement ? Et est-ce que vous avez eu peur, au début ?",
        ]
        let labels = [("Enquêtrice : ", "Mme Martin : "), ("E : ", "Gérard : "), ("Q. ", "R. "), ("[00:12:05] Enquêtrice : ", "[00:12:07] Mme Nguyen : ")]
        let perFile = 4 * 1_048_576
        let count = max(1, megabytes * 1_048_576 / perFile)
        var out: [(URL, Int)] = []
        var rng = SplitMix(seed: 42)
        for f in 0..<count {
            let url = dir.appendingPathComponent(String(format: "bench-%03d.txt", f))
            if let attrs = try? FileManager.default.attributesOfItem(atPath: url.path), let size = attrs[.size] as? Int, size >= perFile {
                out.append((url, size)); continue
            }
            let (a, b) = labels[f % labels.count]
            let eol = f % 5 == 0 ? "\r\n" : "\n"
            var s = "Les Connectés — entretien \(f)\(eol)Date : 12 mars 2019\(eol)\(eol)"
            var turn = 0
            while s.utf8.count < perFile {
                s += (turn % 2 == 0 ? a : b)
                let n = 1 + Int(rng.next() % 6)
                for _ in 0..<n { s += phrases[Int(rng.next() % UInt64(phrases.count))] + " " }
                s += eol + eol
                turn += 1
            }
            try? Data(s.utf8).write(to: url)
            out.append((url, s.utf8.count))
        }
        return out
    }
}

/// A small deterministic random generator for reproducible corpora.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
