/// A heap buffer of bytes with a stable address, owned by this object and freed with it.
///
/// libxml2 reads from memory without copying, so the bytes of a part must stay put for as long as its
/// reader lives; a Swift array gives no such promise.
final class OwnedBytes {
    let base: UnsafeMutablePointer<UInt8>
    private(set) var count: Int
    let capacity: Int

    /// Allocates room for `capacity` bytes (at least one), none of them in use yet.
    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
        count = 0
    }

    /// Copies `bytes` into a new buffer.
    convenience init(_ bytes: UnsafeRawBufferPointer) {
        self.init(capacity: bytes.count)
        if let src = bytes.baseAddress, bytes.count > 0 {
            base.update(from: src.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        }
        count = bytes.count
    }

    deinit { base.deallocate() }

    /// Sets how many of the bytes are in use, after they were written through `base`.
    func setCount(_ n: Int) {
        precondition(n >= 0 && n <= capacity)
        count = n
    }

    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Whether the bytes contain `needle` anywhere.
    func contains(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        let first = needle[0]
        var i = 0
        let last = count - needle.count
        while i <= last {
            if base[i] == first {
                var j = 1
                while j < needle.count && base[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
