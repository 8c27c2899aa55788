/// What the coder knows of one distinct word form: the symbols it matches and its role in negation.
struct TokenInfo {
    /// Range into the coder's symbol pool.
    var symbolStart: Int32
    var symbolCount: Int32
    var flags: UInt8

    static let negator: UInt8 = 1       // ne, n', pas, jamais, rien, sans, not, never, n't...
    static let plus: UInt8 = 2          // "plus": a negator unless "de plus", "en plus", "le plus"...
    static let unnegates: UInt8 = 4     // de, en, le, la, les, au, un, une: "de plus" is not a negation
    static let breaker: UInt8 = 8       // mais, si, car, but, if...: a negation does not reach past it
}

/// A hash table from word forms (raw UTF-8 bytes) to their `TokenInfo`, so that each distinct word is
/// folded, stemmed and looked up once. Keys live in one byte arena; open addressing, FNV-1a hashing.
struct TokenCache {
    private var arena: [UInt8] = []
    private var slots: [Int32]          // index into entries, -1 when empty
    private var entries: [(hash: UInt64, offset: Int32, length: Int32)] = []
    private(set) var infos: [TokenInfo] = []
    private var mask: Int

    /// Above this many distinct words the cache is emptied, which bounds its memory.
    static let maxEntries = 1 << 21

    init() {
        slots = [Int32](repeating: -1, count: 1 << 14)
        mask = (1 << 14) - 1
    }

    var count: Int { entries.count }

    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = s
        while i < e {
            h = (h ^ UInt64(b[i])) &* 0x100_0000_01b3
            i += 1
        }
        return h
    }

    /// The info index of the word `b[s..<e]`, or nil when it is not cached yet.
    @inline(__always)
    func lookup(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, hash h: UInt64) -> Int32? {
        var slot = Int(truncatingIfNeeded: h) & mask
        let len = e - s
        while true {
            let idx = slots[slot]
            if idx < 0 { return nil }
            let entry = entries[Int(idx)]
            if entry.hash == h && Int(entry.length) == len {
                var same = true
                let off = Int(entry.offset)
                var k = 0
                while k < len { if arena[off + k] != b[s + k] { same = false; break }; k += 1 }
                if same { return idx }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Adds a word with its info; returns its index.
    mutating func insert(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, hash h: UInt64, info: TokenInfo) -> Int32 {
        if entries.count >= TokenCache.maxEntries { clear() }
        if entries.count * 2 >= slots.count { grow() }
        let idx = Int32(entries.count)
        entries.append((h, Int32(arena.count), Int32(e - s)))
        arena.append(contentsOf: UnsafeBufferPointer(rebasing: b[s..<e]))
        infos.append(info)
        var slot = Int(truncatingIfNeeded: h) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = idx
        return idx
    }

    mutating func clear() {
        arena.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        infos.removeAll(keepingCapacity: true)
        for i in slots.indices { slots[i] = -1 }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for (i, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i)
        }
    }
}
