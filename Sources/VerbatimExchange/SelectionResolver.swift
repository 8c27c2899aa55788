import Foundation
import VerbatimModel

/// A source's selections placed in its text: which reading of the offsets was used, and each selection
/// as UTF-8 offsets into the text with LF line ends that the import writes.
public struct ResolvedSource: Sendable {
    /// The text as the import writes it: no byte-order mark, LF line ends.
    public var text: String
    public var model: OffsetModel
    /// Selections of the chosen reading that start and end between words, of those in range.
    public var onWordBoundaries: Int
    /// Each selection's index in the source and its UTF-8 range in `text` (nil when it is left out).
    public var spans: [(start: Int, end: Int)?]
    public var warnings: [String] = []
}

public enum SelectionResolver {
    /// Places `source`'s selections, reading the offsets as the producer (`origin`) is known to count
    /// them, unless another reading lands clearly more of them between words (see ``OffsetModel``).
    public static func resolve(_ source: REFIProject.TextSource, origin: String?, hadBOM: Bool) -> ResolvedSource {
        let scalars = Array((source.text ?? "").unicodeScalars)
        let selections = source.selections
        func score(_ m: OffsetModel) -> Int {
            let table = PositionTable(scalars, hadBOM: hadBOM, model: m)
            var n = 0
            for s in selections {
                guard let a = table.scalarIndex(s.start), let b = table.scalarIndex(s.end), a < b else { continue }
                if WordBoundary.lands(a, b, in: scalars) { n += 1 }
            }
            return n
        }
        let producer = OffsetModel.forOrigin(origin)
        var model = producer
        var landed = score(producer)
        let containsCR = scalars.contains("\r")
        let containsWide = scalars.contains { $0.value > 0xFFFF }
        // Readings differ only with CRs, astral characters or a byte-order mark; try them when they do.
        if !selections.isEmpty && (containsCR || containsWide || hadBOM) {
            for m in OffsetModel.candidates where m != producer {
                let n = score(m)
                if n > landed && (n - landed) * 10 >= selections.count { model = m; landed = n }
            }
        }
        var warnings: [String] = []
        if model != producer {
            warnings.append("offsets read as \(model) (not \(producer), which \(origin ?? "its producer") should use): \(landed) of \(selections.count) selections then fall between words")
        }

        // The written text: CR LF and lone CR become LF; each source scalar's UTF-8 offset in it.
        var out = String.UnicodeScalarView()
        var utf8At = [Int](repeating: 0, count: scalars.count + 1)
        var byte = 0
        var i = 0
        while i < scalars.count {
            utf8At[i] = byte
            let u = scalars[i]
            if u == "\r" {
                if i + 1 < scalars.count && scalars[i + 1] == "\n" {
                    i += 1
                    utf8At[i] = byte
                }
                out.append("\n")
                byte += 1
            } else {
                out.append(u)
                byte += String(u).utf8.count
            }
            i += 1
        }
        utf8At[scalars.count] = byte

        let table = PositionTable(scalars, hadBOM: hadBOM, model: model)
        let limit = table.positions.last ?? 0
        var spans: [(start: Int, end: Int)?] = []
        var clamped = 0
        for s in selections {
            var a = s.start, b = s.end
            if a > b { swap(&a, &b) }
            if a < 0 || b > limit {
                clamped += 1
                a = min(max(a, 0), limit)
                b = min(max(b, 0), limit)
            }
            guard let x = table.scalarIndex(a), let y = table.scalarIndex(b), utf8At[x] < utf8At[y] else {
                spans.append(nil)
                continue
            }
            spans.append((utf8At[x], utf8At[y]))
        }
        if clamped > 0 {
            warnings.append("\(clamped) selection\(clamped == 1 ? "" : "s") outside the text (it has \(limit) positions as \(model)) cut to it")
        }
        return ResolvedSource(text: String(out), model: model, onWordBoundaries: landed, spans: spans, warnings: warnings)
    }
}
