import Foundation

/// The order in which file names are listed, as a file browser lists them: case and accents aside,
/// runs of digits compared as numbers (`S2` before `S10`). Each name's key is computed once, so that
/// sorting 10,000 documents costs 10,000 foldings rather than a locale look-up per comparison.
public struct NaturalOrder: Comparable, Sendable {
    enum Chunk: Comparable, Sendable {
        case number(Double, String)
        case text(String)

        static func < (a: Chunk, b: Chunk) -> Bool {
            switch (a, b) {
            case let (.number(x, sx), .number(y, sy)): return x != y ? x < y : sx.count < sy.count
            case let (.text(x), .text(y)): return x < y
            case (.number, .text): return true
            case (.text, .number): return false
            }
        }
    }

    let chunks: [Chunk]
    let raw: String

    /// The key of `name`.
    public init(_ name: String) {
        raw = name
        // ASCII (most file names) folds by lowercasing; Foundation's folding costs microseconds a name.
        let folded = name.utf8.allSatisfy({ $0 < 0x80 }) ? name.lowercased()
            : name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out: [Chunk] = []
        var current = ""
        var digits = false
        func flush() {
            guard !current.isEmpty else { return }
            out.append(digits ? .number(Double(current) ?? 0, current) : .text(current))
            current = ""
        }
        for ch in folded {
            let isDigit = ch.isASCII && ch.isNumber
            if isDigit != digits { flush(); digits = isDigit }
            current.append(ch)
        }
        flush()
        chunks = out
    }

    public static func < (a: NaturalOrder, b: NaturalOrder) -> Bool {
        a.chunks != b.chunks ? a.chunks.lexicographicallyPrecedes(b.chunks) : a.raw < b.raw
    }

    public static func == (a: NaturalOrder, b: NaturalOrder) -> Bool { a.raw == b.raw }
}
