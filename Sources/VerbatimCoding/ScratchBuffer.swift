/// A growable array of plain values in manually managed storage, for the coder's per-word scratch:
/// no reference counting or uniqueness checks in the inner loop. Copies share storage; the owner
/// frees it with `deallocate()`.
struct ScratchBuffer<T> {
    private(set) var base: UnsafeMutablePointer<T>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 16) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    @inline(__always)
    subscript(i: Int) -> T { base[i] }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func append(_ v: T) {
        if count == capacity { grow() }
        (base + count).initialize(to: v)
        count += 1
    }

    @inline(never)
    private mutating func grow() {
        let bigger = UnsafeMutablePointer<T>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    func deallocate() { base.deallocate() }
}
