import Foundation

/// Bounds applied to every entry read from a ZIP container (DOCX, ODT), so that a crafted file cannot
/// exhaust memory: a "zip bomb" is refused before or while it is inflated.
public struct ZipLimits: Sendable, Equatable {
    /// The largest uncompressed size accepted for one entry, in bytes.
    public var maxEntrySize: UInt64
    /// The largest accepted ratio of uncompressed to compressed size, for entries that are big enough to
    /// matter (see `ratioThreshold`).
    public var maxRatio: UInt64
    /// Entries whose uncompressed size is at most this many bytes are not checked for their ratio:
    /// small XML parts legitimately compress very well.
    public var ratioThreshold: UInt64
    /// The largest total uncompressed size of the entries read for one document (its main part, notes,
    /// relationships...), in bytes: four parts each under `maxEntrySize` cannot add up past this.
    public var maxDocumentSize: UInt64

    public init(maxEntrySize: UInt64 = 256 << 20, maxRatio: UInt64 = 100, ratioThreshold: UInt64 = 1 << 20,
                maxDocumentSize: UInt64 = 256 << 20) {
        self.maxEntrySize = maxEntrySize
        self.maxRatio = maxRatio
        self.ratioThreshold = ratioThreshold
        self.maxDocumentSize = maxDocumentSize
    }

    /// 256 MB per entry and per document, at most 100:1 for entries above 1 MB.
    public static let `default` = ZipLimits()
}

/// How many bytes of large ZIP entries the whole process holds inflated at once, across the threads
/// that read documents side by side: an entry above `threshold` waits until the others' bytes are
/// released, so that a folder of large documents is read one large part at a time instead of all of
/// them at once (memory stays near one document's worth, whatever the folder holds).
final class ExpansionGate: @unchecked Sendable {
    /// Entries at most this large pass without waiting.
    let threshold: UInt64
    /// The bytes of large entries held at once (one entry larger than this still passes alone).
    let budget: UInt64
    private var held: UInt64 = 0
    private let condition = NSCondition()

    init(threshold: UInt64, budget: UInt64) {
        self.threshold = threshold
        self.budget = budget
    }

    /// The process's gate: entries above 16 MB, 256 MB of them at once.
    static let shared = ExpansionGate(threshold: 16 << 20, budget: 256 << 20)

    /// Runs `body` once `size` bytes fit in the budget (at once for a small entry), then gives them back.
    func with<R>(_ size: UInt64, _ body: () throws(IngestError) -> R) throws(IngestError) -> R {
        if size <= threshold { return try body() }
        let amount = min(size, budget)
        condition.lock()
        while held > 0 && held + amount > budget { condition.wait() }
        held += amount
        condition.unlock()
        defer {
            condition.lock()
            held -= amount
            condition.broadcast()
            condition.unlock()
        }
        return try body()
    }

    /// The bytes held now (for tests).
    var heldNow: UInt64 {
        condition.lock()
        defer { condition.unlock() }
        return held
    }
}
