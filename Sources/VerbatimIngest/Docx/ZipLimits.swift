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

    public init(maxEntrySize: UInt64 = 256 << 20, maxRatio: UInt64 = 100, ratioThreshold: UInt64 = 1 << 20) {
        self.maxEntrySize = maxEntrySize
        self.maxRatio = maxRatio
        self.ratioThreshold = ratioThreshold
    }

    /// 256 MB per entry, at most 100:1 for entries above 1 MB.
    public static let `default` = ZipLimits()
}
