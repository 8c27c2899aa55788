import Foundation
import VerbatimModel

/// What "n of N" counts.
public enum CountingLevel: String, Sendable, CaseIterable {
    /// Participant units: identified focus-group participants one by one, every other document once.
    case participant
    /// Documents.
    case document
}

/// A column of a frequency table or a matrix: the units sharing one value of each chosen attribute
/// (`senior`, or `rural · 12 mois` for two attributes crossed), or all of them (the total).
public struct AttributeGroup: Sendable, Hashable {
    /// One value per chosen attribute, in the order the attributes were given; empty for the total.
    public var values: [String]
    /// Whether this is the total over every group.
    public var isTotal: Bool
    /// N: the units counted in "n of N" in this group (participant units or documents, by the level).
    public var size: Int
    /// Documents with at least one unit in the group.
    public var documents: Int
    /// Coded units of text (turns, sentences or paragraphs coded with at least one theme) in the group.
    public var codedUnits: Int
    /// Whether N is under the minimum the analysis was given (its percentages are shown but flagged).
    public var isSmall: Bool

    public init(values: [String], isTotal: Bool = false, size: Int, documents: Int, codedUnits: Int, isSmall: Bool) {
        self.values = values
        self.isTotal = isTotal
        self.size = size
        self.documents = documents
        self.codedUnits = codedUnits
        self.isSmall = isSmall
    }

    /// The values joined with " · " (`rural · 12 mois`), or `totalLabel` for the total.
    public func label(totalLabel: String = "total") -> String {
        isTotal ? totalLabel : values.joined(separator: " · ")
    }

    /// Orders attribute values for display: numbers inside values compare as numbers ("3-6 mois" before
    /// "12 mois"), letters without regard to case and accents, then the exact text breaks ties.
    public static func naturalOrder(_ a: String, _ b: String) -> Bool {
        let r = naturalCompare(a, b)
        return r != 0 ? r < 0 : a < b
    }

    static func naturalCompare(_ a: String, _ b: String) -> Int {
        let x = chunks(a), y = chunks(b)
        for (p, q) in zip(x, y) {
            switch (p, q) {
            case let (.number(m), .number(n)):
                if m != n { return m < n ? -1 : 1 }
            case let (.text(s), .text(t)):
                if s != t { return s < t ? -1 : 1 }
            case (.number, .text): return -1
            case (.text, .number): return 1
            }
        }
        return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
    }

    private enum Chunk { case number(Double), text(String) }

    private static func chunks(_ s: String) -> [Chunk] {
        let folded = s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var out: [Chunk] = []
        var digits = "", text = ""
        for ch in folded.unicodeScalars {
            if ("0"..."9").contains(ch) {
                if !text.isEmpty { out.append(.text(text)); text = "" }
                digits.unicodeScalars.append(ch)
            } else {
                if !digits.isEmpty { out.append(.number(Double(digits) ?? 0)); digits = "" }
                text.unicodeScalars.append(ch)
            }
        }
        if !digits.isEmpty { out.append(.number(Double(digits) ?? 0)) }
        if !text.isEmpty { out.append(.text(text)) }
        return out
    }
}
