import Foundation

/// How a producer counts selection positions in a source's plain text.
///
/// The standard says Unicode code points from 0, end exclusive. NVivo (Windows) counts UTF-16 code
/// units, with a CRLF as 2 and its byte-order mark not counted; ATLAS.ti counts a CRLF as 1.
public struct OffsetModel: Sendable, Equatable, Hashable, CustomStringConvertible {
    public enum Unit: String, Sendable, Equatable, Hashable { case codePoints = "code points", utf16 = "UTF-16 units" }
    public var unit: Unit
    /// A CR LF pair counts as one position (its CR is not counted).
    public var crlfAsOne: Bool
    /// A byte-order mark at the start of the file counts as a position.
    public var bomCounted: Bool

    public init(unit: Unit, crlfAsOne: Bool = false, bomCounted: Bool = false) {
        self.unit = unit
        self.crlfAsOne = crlfAsOne
        self.bomCounted = bomCounted
    }

    public static let standard = OffsetModel(unit: .codePoints)
    public static let nvivo = OffsetModel(unit: .utf16)
    public static let atlas = OffsetModel(unit: .codePoints, crlfAsOne: true)

    /// Every reading the import tries when the producer's own does not land selections on words.
    public static let candidates: [OffsetModel] = [
        .standard, .nvivo, .atlas, OffsetModel(unit: .utf16, crlfAsOne: true),
        OffsetModel(unit: .codePoints, bomCounted: true), OffsetModel(unit: .utf16, bomCounted: true),
    ]

    /// The reading a producer (`Project@origin`) is known to use.
    public static func forOrigin(_ origin: String?) -> OffsetModel {
        let o = (origin ?? "").lowercased()
        if o.contains("nvivo") { return .nvivo }
        if o.contains("atlas") { return .atlas }
        return .standard
    }

    public var description: String {
        var s = unit.rawValue
        if crlfAsOne { s += ", CRLF as 1" }
        if bomCounted { s += ", BOM counted" }
        return s
    }

    /// Positions before each scalar of `scalars` (and after the last) under this model.
    func table(_ scalars: [Unicode.Scalar], hadBOM: Bool) -> [Int] {
        var out = [Int]()
        out.reserveCapacity(scalars.count + 1)
        var p = hadBOM && bomCounted ? 1 : 0
        for (i, u) in scalars.enumerated() {
            out.append(p)
            if crlfAsOne && u == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n" { continue }
            p += unit == .utf16 ? (u.value > 0xFFFF ? 2 : 1) : 1
        }
        out.append(p)
        return out
    }
}

/// A source's text with the positions of its scalars under one ``OffsetModel``.
struct PositionTable {
    let positions: [Int]

    init(_ scalars: [Unicode.Scalar], hadBOM: Bool, model: OffsetModel) {
        positions = model.table(scalars, hadBOM: hadBOM)
    }

    /// The scalar index at position `p`: exact, or the next scalar when `p` falls inside one (a
    /// surrogate pair, a counted CR); nil past the end or before the start.
    func scalarIndex(_ p: Int) -> Int? {
        guard let last = positions.last, p >= 0, p <= last else { return nil }
        var lo = 0, hi = positions.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if positions[mid] < p { lo = mid + 1 } else { hi = mid }
        }
        // When positions repeat (CR of a CRLF counted as nothing), take the last scalar at `p`.
        while lo + 1 < positions.count && positions[lo + 1] == p && positions[lo] == p { lo += 1 }
        return lo
    }
}

/// Positions for export: from UTF-8 offsets in verbatim's text to positions in the text written.
public struct ExportPositions: Sendable {
    /// The text as written to the source file.
    public let written: String
    private let byUTF8: [Int32]

    /// - Parameters:
    ///   - text: verbatim's text (LF line ends).
    ///   - unit: code points (the standard) or UTF-16 units (NVivo).
    ///   - crlf: write CR LF line ends (MAXQDA, NVivo on Windows); positions count both characters.
    public init(text: String, unit: OffsetModel.Unit, crlf: Bool) {
        written = crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text
        var table = [Int32](repeating: -1, count: text.utf8.count + 1)
        var byte = 0, p = 0
        for u in text.unicodeScalars {
            table[byte] = Int32(p)
            byte += String(u).utf8.count
            let width = unit == .utf16 ? (u.value > 0xFFFF ? 2 : 1) : 1
            p += (crlf && u == "\n") ? 2 : width
        }
        table[byte] = Int32(p)
        byUTF8 = table
    }

    /// The position of UTF-8 offset `offset`, or nil when it is not the start of a character.
    public func position(_ offset: Int) -> Int? {
        guard offset >= 0, offset < byUTF8.count, byUTF8[offset] >= 0 else { return nil }
        return Int(byUTF8[offset])
    }
}

/// Word boundaries, for choosing the reading of offsets that lands selections between words.
enum WordBoundary {
    static func isWord(_ u: Unicode.Scalar) -> Bool {
        let p = u.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
    }

    /// Whether `[start, end)` of `scalars` neither starts nor ends inside a word.
    static func lands(_ start: Int, _ end: Int, in scalars: [Unicode.Scalar]) -> Bool {
        guard start >= 0, end <= scalars.count, start <= end else { return false }
        func boundary(_ i: Int) -> Bool {
            i == 0 || i == scalars.count || !isWord(scalars[i - 1]) || !isWord(scalars[i])
        }
        return boundary(start) && boundary(end)
    }
}
