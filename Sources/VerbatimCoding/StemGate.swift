/// Stemming a word costs about as much as everything else the coder does with it, and most words'
/// stems are not in the codebook: the gate lets through only the words that can have one.
///
/// The French Snowball stemmer changes a word only from its third letter on (its regions RV, R1 and R2
/// start there at the earliest), and there only by removing a suffix, replacing it with at most three
/// letters (`log`, `ent`, `eux`, `iqu`, `abl`, `eau`, `al`, `ant`, `u`, `i`), removing a last letter or
/// an accent, or marking vowels (undone at the end). So a word's folded stem, but for its last three
/// bytes (and never less than its first two), is a prefix of the folded word. A word that starts with
/// none of the codebook stems cut that way cannot have one of them as its stem. For other languages the
/// gate lets every word through. (The tests check the property on every word at hand.)
struct StemGate {
    /// A trie of the cut stems: child of (node, byte) in an open-addressing table, and whether a node
    /// ends a cut stem. Nil when every word must be stemmed.
    private let keys: [UInt32]
    private let children: [Int32]
    private let terminal: [Bool]
    private let mask: Int
    private let active: Bool

    init<S: Sequence>(stems: S, language: String) where S.Element == String {
        var cut: [[UInt8]] = []
        var ok = ["fr", "french"].contains(language.lowercased())
        for stem in stems {
            let b = Array(stem.utf8)
            if b.isEmpty { ok = false; continue }  // an empty stem: stem everything
            cut.append(Array(b[0..<min(b.count, max(2, b.count - 3))]))
        }
        var edges: [UInt32: Int32] = [:]
        var term = [false]
        for c in cut {
            var node: Int32 = 0
            for byte in c {
                let key = UInt32(node) << 8 | UInt32(byte)
                if let child = edges[key] { node = child } else {
                    let child = Int32(term.count)
                    edges[key] = child
                    term.append(false)
                    node = child
                }
            }
            term[Int(node)] = true
        }
        var size = 16
        while size < edges.count * 2 { size *= 2 }
        var k = [UInt32](repeating: UInt32.max, count: size)
        var v = [Int32](repeating: -1, count: size)
        for (key, child) in edges {
            var slot = StemGate.slot(key, size - 1)
            while k[slot] != UInt32.max { slot = (slot + 1) & (size - 1) }
            k[slot] = key
            v[slot] = child
        }
        keys = k
        children = v
        terminal = term
        mask = size - 1
        active = ok
    }

    @inline(__always)
    private static func slot(_ key: UInt32, _ mask: Int) -> Int { Int((UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask }

    /// Whether a word whose folded form is `folded[0..<count]` may have a codebook stem.
    @inline(__always)
    func mayMatch(_ folded: UnsafeMutablePointer<UInt8>, _ count: Int) -> Bool {
        if !active { return true }
        var node: UInt32 = 0
        for i in 0..<count {
            let key = node << 8 | UInt32(folded[i])
            var slot = StemGate.slot(key, mask)
            while true {
                let k = keys[slot]
                if k == key { break }
                if k == UInt32.max { return false }
                slot = (slot + 1) & mask
            }
            node = UInt32(children[slot])
            if terminal[Int(node)] { return true }
        }
        return false
    }
}
