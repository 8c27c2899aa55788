import Foundation
import VerbatimModel
import VerbatimIngest

/// Picks a balanced, reproducible sample of excerpts for `--max-per-theme`.
///
/// Candidates are grouped by the value of the balance attribute (values compared ignoring case and
/// accents, in sorted order; candidates without a value come last). Each group is shuffled with a
/// generator seeded by the seed and the theme id, so that one theme's sample does not depend on which
/// other themes were asked for. Then values take turns (round robin), each giving its next candidate
/// whose participant has not been picked yet; when no value has a new participant left, the turns go
/// on allowing repeats. The sample is returned in the candidates' order.
public enum ExcerptSampler {
    /// One unit that may become an excerpt.
    public struct Candidate: Sendable {
        /// Index of the document in the coded study.
        public var document: Int
        /// The speaker label as in the transcript.
        public var speaker: String?
        /// The unit's codings of the theme (and its sub-themes), in text order.
        public var codings: [Coding]
        /// The speaker's attributes.
        public var attributes: Attributes
        /// The value of the balance attribute.
        public var balanceValue: String?

        /// Creates a candidate.
        public init(document: Int, speaker: String?, codings: [Coding], attributes: Attributes, balanceValue: String?) {
            self.document = document
            self.speaker = speaker
            self.codings = codings
            self.attributes = attributes
            self.balanceValue = balanceValue
        }

        /// Who spoke: the document and the speaker label.
        var participant: String { "\(document)\u{1F}\(speaker ?? "")" }
    }

    /// At most `count` of `candidates`, balanced and seeded (see the type's description).
    public static func sample(_ candidates: [Candidate], count: Int, seed: UInt64, salt: String) -> [Candidate] {
        guard count < candidates.count else { return candidates }
        guard count > 0 else { return [] }
        var buckets: [String: [Int]] = [:]
        for (i, c) in candidates.enumerated() {
            let key = c.balanceValue.map { SpeakerRules.fold($0.trimmingCharacters(in: .whitespaces)) } ?? ""
            buckets[key, default: []].append(i)
        }
        // Sorted values; the candidates without a value ("") last.
        let keys = buckets.keys.sorted { a, b in a.isEmpty != b.isEmpty ? !a.isEmpty : a < b }
        var rng = SplitMix64(seed: seed ^ fnv1a(salt))
        var queues = keys.map { key -> [Int] in
            var q = buckets[key]!
            // Fisher-Yates written out, so that the order does not depend on the standard library's
            // shuffle algorithm.
            var i = q.count - 1
            while i > 0 {
                let j = Int(rng.next() % UInt64(i + 1))
                q.swapAt(i, j)
                i -= 1
            }
            return q
        }
        var picked: [Int] = []
        var used: Set<String> = []
        var taken = Set<Int>()
        // First rounds: a participant not yet picked from each value in turn.
        var progress = true
        while progress && picked.count < count {
            progress = false
            for q in queues.indices where picked.count < count {
                if let pos = queues[q].firstIndex(where: { !used.contains(candidates[$0].participant) }) {
                    let i = queues[q].remove(at: pos)
                    picked.append(i)
                    taken.insert(i)
                    used.insert(candidates[i].participant)
                    progress = true
                }
            }
        }
        // Then repeats, still in turn.
        progress = true
        while progress && picked.count < count {
            progress = false
            for q in queues.indices where picked.count < count && !queues[q].isEmpty {
                picked.append(queues[q].removeFirst())
                progress = true
            }
        }
        return picked.sorted().map { candidates[$0] }
    }

    /// FNV-1a hash of a string's UTF-8 bytes: stable across runs and platforms, unlike `Hasher`.
    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }
}

/// SplitMix64: a small, fast generator whose sequence depends only on its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
