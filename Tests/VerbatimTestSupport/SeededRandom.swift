import Foundation

/// A small, fast, seeded random generator (SplitMix64), so that a random test can be replayed.
///
/// Random tests take their seed from `VERBATIM_SEED` when it is set, else a fresh one; they put the seed
/// in every failure message (`seeded.note`) so that `VERBATIM_SEED=<seed> swift test --filter <test>`
/// replays the failing run.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    /// The seed this generator started from.
    public let seed: UInt64
    private var state: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    /// A generator seeded from `VERBATIM_SEED`, else from the system's random source.
    public static func fromEnvironment() -> SeededRandom {
        if let v = environmentSeed { return SeededRandom(seed: v) }
        var system = SystemRandomNumberGenerator()
        return SeededRandom(seed: system.next())
    }

    /// A generator seeded from `VERBATIM_SEED`, else from `fixed`: for the tests that run on one chosen
    /// seed by default, and can still be replayed (or tried) on another.
    public static func fromEnvironment(default fixed: UInt64) -> SeededRandom {
        SeededRandom(seed: environmentSeed ?? fixed)
    }

    /// `VERBATIM_SEED` as a number (decimal, or hexadecimal after `0x`), when it is set.
    public static var environmentSeed: UInt64? {
        guard let s = ProcessInfo.processInfo.environment["VERBATIM_SEED"]?.trimmingCharacters(in: .whitespaces), !s.isEmpty else { return nil }
        if s.hasPrefix("0x") || s.hasPrefix("0X") { return UInt64(s.dropFirst(2), radix: 16) }
        return UInt64(s)
    }

    /// The words to put in a failure message.
    public var note: String { "seed \(seed) (replay with VERBATIM_SEED=\(seed))" }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
