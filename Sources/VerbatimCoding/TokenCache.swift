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
}

/// A hash table from word forms (raw UTF-8 bytes) to their `TokenInfo`, so that each distinct word is
/// folded, stemmed and looked up once. Keys live in one byte arena; open addressing, FNV-1a hashing.
/// Storage is manually managed: the coder's inner loop reads it without reference counting.
final class TokenCache {
    struct Entry {
        var hash: UInt64
        /// The word's first eight bytes (little-endian, zero-padded): a word of up to eight bytes is
        /// compared without reading the arena.
        var head: UInt64
        var offset: Int32
        var length: Int32
    }

    private var slots: UnsafeMutablePointer<Int32>
    private var slotCount: Int
    private var mask: Int
    private(set) var entries: UnsafeMutablePointer<Entry>
    private(set) var infos: UnsafeMutablePointer<TokenInfo>
    private var entryCapacity: Int
    private(set) var count = 0
    private(set) var arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0
    private var arenaCapacity: Int

    /// Above this many distinct words the cache is emptied, which bounds its memory.
    static let maxEntries = 1 << 21

    init() {
        slotCount = 1 << 14
        mask = slotCount - 1
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: -1, count: slotCount)
        entryCapacity = slotCount / 2
        entries = .allocate(capacity: entryCapacity)
        infos = .allocate(capacity: entryCapacity)
        arenaCapacity = 1 << 16
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        slots.deallocate()
        entries.deallocate()
        infos.deallocate()
        arena.deallocate()
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

    /// The index of the word `b[s..<e]`, or -1 when it is not cached yet.
    @inline(__always)
    func lookup(_ b: UnsafePointer<UInt8>, _ s: Int, _ e: Int, hash h: UInt64, head: UInt64) -> Int {
        var slot = Int(truncatingIfNeeded: h) & mask
        let len = e - s
        while true {
            let idx = Int(slots[slot])
            if idx < 0 { return -1 }
            let entry = entries[idx]
            if entry.hash == h && entry.head == head && Int(entry.length) == len
                && (len <= 8 || memcmp(arena + Int(entry.offset) + 8, b + s + 8, len - 8) == 0) {
                return idx
            }
            slot = (slot + 1) & mask
        }
    }

    /// Adds a word with its info; returns its index.
    @discardableResult
    func insert(_ b: UnsafePointer<UInt8>, _ s: Int, _ e: Int, hash h: UInt64, head: UInt64, info: TokenInfo) -> Int {
        let len = e - s
        if count >= entryCapacity { growEntries() }
        if count * 2 >= slotCount { growSlots() }
        while arenaCount + len > arenaCapacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: arenaCapacity * 2)
            bigger.update(from: arena, count: arenaCount)
            arena.deallocate()
            arena = bigger
            arenaCapacity *= 2
        }
        (arena + arenaCount).update(from: b + s, count: len)
        let idx = count
        entries[idx] = Entry(hash: h, head: head, offset: Int32(arenaCount), length: Int32(len))
        infos[idx] = info
        arenaCount += len
        count += 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(idx)
        return idx
    }

    func clear() {
        count = 0
        arenaCount = 0
        slots.update(repeating: -1, count: slotCount)
    }

    private func growEntries() {
        let cap = entryCapacity * 2
        let e = UnsafeMutablePointer<Entry>.allocate(capacity: cap)
        e.moveInitialize(from: entries, count: count)
        entries.deallocate()
        entries = e
        let i = UnsafeMutablePointer<TokenInfo>.allocate(capacity: cap)
        i.moveInitialize(from: infos, count: count)
        infos.deallocate()
        infos = i
        entryCapacity = cap
    }

    private func growSlots() {
        slots.deallocate()
        slotCount *= 2
        mask = slotCount - 1
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: -1, count: slotCount)
        for i in 0..<count {
            var slot = Int(truncatingIfNeeded: entries[i].hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
