import Foundation
import VerbatimModel
import VerbatimIngest

/// `verbatim-bench turns [DIR]`: speaker-turn conformance on the shared transcript corpus.
///
/// - Where `X.turns.jsonl` gives the corpus's own turns, the share of ground-truth turns found with the
///   right speaker and the right boundaries (same words), aligned in order (target: 95%).
/// - For the Changelog and QualCoder transcripts, whether the speakers found are exactly the labels the
///   files use.
/// - Taguette's WebVTT case: the expected cue texts and start times.
enum TurnsBench {
    static func run(_ args: [String]) -> Int32 {
        let root = URL(fileURLWithPath: args.first ?? BenchPaths.shared("corpora"))
        let transcripts = root.appendingPathComponent("transcripts")
        var ok = true
        let segmenter = try! TurnSegmenter()
        print("Speaker turns against ground truth (*.turns.jsonl)")
        var totalMatched = 0, totalTruth = 0
        let fm = FileManager.default
        let files = (fm.enumerator(atPath: transcripts.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".turns.jsonl") }.sorted()
        for rel in files {
            let truthURL = transcripts.appendingPathComponent(rel)
            let txtURL = URL(fileURLWithPath: truthURL.path.replacingOccurrences(of: ".turns.jsonl", with: ".txt"))
            guard let truthData = fm.contents(atPath: truthURL.path), fm.fileExists(atPath: txtURL.path) else { continue }
            var truth: [(String, String)] = []
            for line in String(decoding: truthData, as: UTF8.self).split(separator: "\n") {
                guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let sp = obj["speaker"] as? String, let tx = obj["text"] as? String else { continue }
                truth.append((sp, words(tx)))
            }
            do {
                let src = try TranscriptReader.read(url: txtURL, path: txtURL.lastPathComponent)
                let t = segmenter.segment(src, document: txtURL.lastPathComponent)
                let ours = t.turns.map { ($0.speaker ?? "", words(t.text(of: $0))) }
                let matched = lcs(truth, ours)
                totalMatched += matched
                totalTruth += max(truth.count, ours.count)
                let pct = 100 * Double(matched) / Double(max(1, max(truth.count, ours.count)))
                print(String(format: "  %6.2f%%  %4d/%-4d turns (ours %4d)  %@", pct, matched, truth.count, ours.count, rel))
            } catch {
                print("  ERROR  \(rel): \(error)")
                ok = false
            }
        }
        let overall = 100 * Double(totalMatched) / Double(max(1, totalTruth))
        print(String(format: "  overall: %.2f%% of turns with the right speaker and boundaries (target 95%%)", overall))
        if overall < 95 { ok = false }

        print("\nSpeakers used (Changelog **Name:** labels, QualCoder [id] labels)")
        for rel in ["en/changelog/js-party-109.md", "en/changelog/brain-science-1.md", "en/qualcoder/transcript.txt"] {
            let url = transcripts.appendingPathComponent(rel)
            guard let data = fm.contents(atPath: url.path) else { print("  missing \(rel)"); continue }
            let expected = expectedSpeakers(String(decoding: data, as: UTF8.self), bracket: rel.hasSuffix(".txt"))
            do {
                let t = segmenter.segment(try TranscriptReader.read(url: url, path: rel), document: rel)
                let found = Set(t.speakers.map(\.label))
                let same = found == expected
                if !same { ok = false }
                print("  \(same ? "exact" : "DIFFERENT")  \(rel): \(found.count) speakers" +
                      (same ? "" : "; missing \(expected.subtracting(found).sorted()), extra \(found.subtracting(expected).sorted())"))
            } catch {
                print("  ERROR  \(rel): \(error)")
                ok = false
            }
        }

        print("\nTaguette WebVTT case")
        let vtt = root.appendingPathComponent("peer-tests/taguette/test_webvtt.input.vtt")
        do {
            let doc = try TranscriptReader.read(url: vtt, path: "test_webvtt.input.vtt")
            let got = doc.paragraphs.map { "\(TimeRange.format($0.time?.start ?? -1)) \($0.text)" }
            let want = ["00:00:00.123 Hi there", "00:01:04.843 This is an example of a\nsubtitle file in SRT format"]
            let same = got == want
            if !same { ok = false }
            print("  \(same ? "same cues and times" : "DIFFERENT: \(got)")")
        } catch {
            print("  ERROR: \(error)")
            ok = false
        }
        print(ok ? "\nall targets met" : "\nSOME TARGETS MISSED")
        return ok ? 0 : 1
    }

    /// Labels of the form `**Name:**` (Changelog) or `[id]` (QualCoder) at line starts, without section
    /// markers (`**Break:**`, which is followed only by a time).
    static func expectedSpeakers(_ text: String, bracket: Bool) -> Set<String> {
        var out = Set<String>()
        for line in text.split(separator: "\n") {
            if bracket {
                if line.hasPrefix("["), let close = line.firstIndex(of: "]") {
                    out.insert(String(line[line.index(after: line.startIndex)..<close]))
                }
            } else if line.hasPrefix("**"), let r = line.range(of: ":**") {
                let name = String(line[line.index(line.startIndex, offsetBy: 2)..<r.lowerBound])
                let rest = line[r.upperBound...].trimmingCharacters(in: .whitespaces)
                if rest.hasPrefix("\\[") && rest.count <= 10 { continue }  // "**Break:** \[26:36\]"
                out.insert(name)
            }
        }
        return out
    }

    static func words(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Length of the longest common subsequence of two turn lists (speaker and words equal).
    static func lcs(_ a: [(String, String)], _ b: [(String, String)]) -> Int {
        if a.isEmpty || b.isEmpty { return 0 }
        var prev = [Int](repeating: 0, count: b.count + 1)
        var cur = prev
        for i in 1...a.count {
            for j in 1...b.count {
                cur[j] = (a[i - 1] == b[j - 1]) ? prev[j - 1] + 1 : max(prev[j], cur[j - 1])
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}

enum BenchPaths {
    /// Peak resident memory of this process in MB (VmHWM on Linux), or 0 when unknown.
    static func peakMemoryMB() -> Double {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in s.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kb / 1024
        }
        return 0
    }

    /// `../shared/<sub>` from the current folder, else /work/shared/<sub>.
    static func shared(_ sub: String) -> String {
        let local = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("../shared/\(sub)").standardizedFileURL.path
        if FileManager.default.fileExists(atPath: local) { return local }
        return "/work/shared/\(sub)"
    }
}
