/// A time span in a recording, in seconds from its start.
public struct TimeRange: Sendable, Equatable, Hashable, Codable {
    public var start: Double
    public var end: Double?

    public init(start: Double, end: Double? = nil) {
        self.start = start
        self.end = end
    }

    /// Formats seconds as `H:MM:SS` or `H:MM:SS.mmm` when there are milliseconds.
    /// Never traps: a time that is not finite is shown as `?`, and one beyond what whole milliseconds
    /// hold in an `Int` is clamped.
    public static func format(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let totalMillis = Int((min(max(seconds, -9e14), 9e14) * 1000).rounded())
        let ms = totalMillis % 1000
        let s = (totalMillis / 1000) % 60
        let m = (totalMillis / 60000) % 60
        let h = totalMillis / 3_600_000
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var out = "\(two(h)):\(two(m)):\(two(s))"
        if ms != 0 {
            let str = String(ms)
            out += "." + String(repeating: "0", count: 3 - str.count) + str
        }
        return out
    }

    /// `start` or `start-end`, formatted for people.
    public var display: String {
        if let end { return "\(TimeRange.format(start))-\(TimeRange.format(end))" }
        return TimeRange.format(start)
    }
}
