/// What the coder knows of one distinct word form: the symbols it matches, the trie nodes it starts,
/// and its role in negation.
struct TokenInfo {
    /// Range into the coder's symbol pool (all symbols, for continuing phrases).
    var symbolStart: Int32
    var symbolCount: Int16
    /// Number of trie root children this word starts (they follow its symbols in the pool).
    var rootCount: Int16
    var flags: UInt8

    static let negator: UInt8 = 1       // ne, n', pas, jamais, rien, sans, not, never, n't...
    static let plus: UInt8 = 2          // "plus": a negator unless "de plus", "en plus", "le plus"...
    static let unnegates: UInt8 = 4     // de, en, le, la, les, au, un, une: "de plus" is not a negation
    static let breaker: UInt8 = 8       // mais, si, car, but, if...: a negation does not reach past it
    static let pas: UInt8 = 16          // "pas": not a negation when "mal" follows it
    static let mal: UInt8 = 32          // "mal": "pas mal" is "quite a lot" or "not bad"
    static let que: UInt8 = 64          // que, qu': "plus ... que" is a comparison
    static let ce: UInt8 = 128          // "ce": "ce que" is a relative, not a comparison
}

/// A hash table from word forms (raw UTF-8 bytes) to their `TokenInfo`, so that each distinct word is
/// folded, stemmed and looked up once. Open addressing with the entries in the table itself, so that a
/// lookup reads one entry: the word's hash, its first eight bytes, and its info. Longer words keep the
/// rest of their bytes in an arena. Storage is manually managed: the coder's inner loop reads it without
/// reference counting.
final class TokenCache {
    struct Entry {
        /// The word's first eight bytes (little-endian, zero-padded): a word of up to eight bytes is
        /// compared without reading the arena.
        var head: UInt64
        /// The high half of the word's hash (the low bits choose the slot).
        var tag: UInt32
        /// The word's length in bytes; 0 for an empty slot.
        var length: Int32
        /// Where the bytes after the first eight are, in the arena.
        var offset: Int32
        var info: TokenInfo
    }

    private(set) var entries: UnsafeMutablePointer<Entry>
    private var slotCount: Int
    private(set) var mask: Int
    private(set) var count = 0
    private(set) var arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0
    private var arenaCapacity: Int

    /// A small direct-mapped table in front of `entries`, for words of up to eight bytes: the few
    /// hundred words that make most of speech ("de", "je", "c'est"...) are then found in 128 KB that
    /// stays close to the processor, while the big table, megabytes on a real vocabulary, is read for
    /// the rest. (An entry there is a copy; it is replaced by any other word of the same slot.)
    private(set) var front: UnsafeMutablePointer<Entry>
    static let frontSlots = 4096

    /// Above this many distinct words the cache is emptied, which bounds its memory (about 64 MB of
    /// table at most).
    static let maxEntries = 1 << 20

    init() {
        slotCount = 1 << 13
        mask = slotCount - 1
        entries = TokenCache.emptyTable(slotCount)
        arenaCapacity = 1 << 16
        arena = .allocate(capacity: arenaCapacity)
        front = TokenCache.emptyTable(TokenCache.frontSlots)
    }

    deinit {
        front.deallocate()
        entries.deallocate()
        arena.deallocate()
    }

    private static func emptyTable(_ n: Int) -> UnsafeMutablePointer<Entry> {
        let t = UnsafeMutablePointer<Entry>.allocate(capacity: n)
        t.initialize(repeating: Entry(head: 0, tag: 0, length: 0, offset: 0,
                                      info: TokenInfo(symbolStart: 0, symbolCount: 0, rootCount: 0, flags: 0)), count: n)
        return t
    }

    /// `n` (1...8) bytes at `b + i` as a little-endian integer, zero-padded; one load when eight bytes
    /// can be read below `limit`.
    @inline(__always)
    static func load(_ b: UnsafePointer<UInt8>, _ i: Int, _ n: Int, limit: Int) -> UInt64 {
        if i + 8 <= limit {
            let x = UInt64(littleEndian: UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self))
            return n >= 8 ? x : x & ((1 &<< UInt64(n &* 8)) &- 1)
        }
        var v: UInt64 = 0
        for k in 0..<n { v |= UInt64(b[i + k]) &<< UInt64(8 * k) }
        return v
    }

    /// The hash and head of the word `b[s..<e]` (`limit`: how far the buffer may be read): a
    /// multiply-xorshift mix eight bytes at a time, one or two rounds for most words.
    @inline(__always)
    static func key(_ b: UnsafePointer<UInt8>, _ s: Int, _ e: Int, limit: Int) -> (hash: UInt64, head: UInt64) {
        let len = e - s
        let head = load(b, s, min(len, 8), limit: limit)
        var h = (0x9E37_79B9_7F4A_7C15 ^ UInt64(len) ^ head) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        var i = s + 8
        while i < e {
            h = (h ^ load(b, i, min(e - i, 8), limit: limit)) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 29
            i += 8
        }
        return (h, head)
    }

    /// The slot of the word `b[s..<e]`, or -1 when it is not cached yet.
    @inline(__always)
    func lookup(_ b: UnsafePointer<UInt8>, _ s: Int, _ e: Int, hash h: UInt64, head: UInt64) -> Int {
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        var slot = Int(tag) & mask
        let len = Int32(truncatingIfNeeded: e - s)
        while true {
            let entry = entries + slot
            let n = entry.pointee.length
            if n == 0 { return -1 }
            if entry.pointee.head == head && n == len && entry.pointee.tag == tag
                && (len <= 8 || memcmp(arena + Int(entry.pointee.offset), b + s + 8, Int(len) - 8) == 0) {
                return slot
            }
            slot = (slot + 1) & mask
        }
    }

    /// The info of the word in `slot` (from `lookup` or `insert`).
    @inline(__always)
    func info(_ slot: Int) -> TokenInfo { entries[slot].info }

    /// Adds a word with its info; returns its slot.
    @discardableResult
    func insert(_ b: UnsafePointer<UInt8>, _ s: Int, _ e: Int, hash h: UInt64, head: UInt64, info: TokenInfo) -> Int {
        let len = e - s
        if (count + 1) * 2 > slotCount { grow() }
        let tail = max(0, len - 8)
        while arenaCount + tail > arenaCapacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: arenaCapacity * 2)
            bigger.update(from: arena, count: arenaCount)
            arena.deallocate()
            arena = bigger
            arenaCapacity *= 2
        }
        if tail > 0 { (arena + arenaCount).update(from: b + s + 8, count: tail) }
        var slot = Int(truncatingIfNeeded: h >> 32) & mask
        while entries[slot].length != 0 { slot = (slot + 1) & mask }
        entries[slot] = Entry(head: head, tag: UInt32(truncatingIfNeeded: h >> 32), length: Int32(len),
                              offset: Int32(arenaCount), info: info)
        arenaCount += tail
        count += 1
        return slot
    }

    func clear() {
        count = 0
        arenaCount = 0
        for k in 0..<slotCount { entries[k].length = 0 }
        for k in 0..<TokenCache.frontSlots { front[k].length = 0 }
    }

    /// The info of the word `b[s..<e]` with this hash and head, when the front table has it.
    @inline(__always)
    func frontInfo(_ s: Int, _ e: Int, hash h: UInt64, head: UInt64) -> TokenInfo? {
        let f = front + (Int(truncatingIfNeeded: h) & (TokenCache.frontSlots - 1))
        let len = Int32(truncatingIfNeeded: e - s)
        if f.pointee.head == head && f.pointee.length == len && f.pointee.tag == UInt32(truncatingIfNeeded: h >> 32) && len <= 8 {
            return f.pointee.info
        }
        return nil
    }

    /// Copies a word of up to eight bytes and its info into the front table.
    @inline(__always)
    func remember(_ s: Int, _ e: Int, hash h: UInt64, head: UInt64, info: TokenInfo) {
        let len = e - s
        if len > 8 { return }
        front[Int(truncatingIfNeeded: h) & (TokenCache.frontSlots - 1)] =
            Entry(head: head, tag: UInt32(truncatingIfNeeded: h >> 32), length: Int32(len), offset: 0, info: info)
    }

    /// Doubles the table. A slot is chosen by the tag (the hash's high half), so entries move without
    /// their words being hashed again.
    private func grow() {
        let old = entries, oldCount = slotCount
        slotCount *= 2
        mask = slotCount - 1
        entries = TokenCache.emptyTable(slotCount)
        for k in 0..<oldCount where old[k].length != 0 {
            var slot = Int(old[k].tag) & mask
            while entries[slot].length != 0 { slot = (slot + 1) & mask }
            entries[slot] = old[k]
        }
        old.deallocate()
    }
}

#if canImport(Glibc)
import Glibc
#endif
