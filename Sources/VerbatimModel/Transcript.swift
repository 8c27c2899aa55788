/// A transcript read and segmented: its normalised text, its paragraphs and its speaker turns.
///
/// All positions are UTF-8 byte offsets into `text`. Lines and columns are derived only for display.
public struct Transcript: Sendable {
    /// The document's name as it appears in reports and in `cases.csv` (the file name, or a path
    /// relative to the study's transcript folder).
    public var document: String
    /// The path as the user or the study named it, for diagnostics.
    public var path: String
    public var format: SourceFormat
    /// The whole normalised text: NFC, `\n` line ends, paragraphs separated by a blank line.
    public var text: String
    /// Paragraphs as UTF-8 ranges into `text`, body first, then footnotes and endnotes.
    public var paragraphs: [Range<Int>]
    /// How many of `paragraphs` are body; the rest are notes placed after the body.
    public var bodyParagraphCount: Int
    /// Speaker turns in order. Text before the first label (a preamble) belongs to no turn.
    public var turns: [Turn]
    public var notes: [Note]
    /// Document attributes (from `cases.csv` or front matter).
    public var attributes: Attributes
    /// Speaker attributes keyed by speaker label (focus-group participants, from `participants.csv`).
    public var speakerAttributes: [String: Attributes]
    public var diagnostics: [Diagnostic]

    public init(document: String, path: String, format: SourceFormat, text: String, paragraphs: [Range<Int>],
                bodyParagraphCount: Int, turns: [Turn], notes: [Note] = [], attributes: Attributes = Attributes(),
                speakerAttributes: [String: Attributes] = [:], diagnostics: [Diagnostic] = []) {
        self.document = document
        self.path = path
        self.format = format
        self.text = text
        self.paragraphs = paragraphs
        self.bodyParagraphCount = bodyParagraphCount
        self.turns = turns
        self.notes = notes
        self.attributes = attributes
        self.speakerAttributes = speakerAttributes
        self.diagnostics = diagnostics
    }

    /// The text of a UTF-8 range of `text`.
    public func slice(_ start: Int, _ end: Int) -> String {
        let utf8 = text.utf8
        let lo = utf8.index(utf8.startIndex, offsetBy: start)
        let hi = utf8.index(lo, offsetBy: end - start)
        return String(text[lo..<hi])
    }

    /// The speech of a turn.
    public func text(of turn: Turn) -> String { slice(turn.start, turn.end) }

    /// Distinct speakers in order of first appearance, with their roles and turn counts.
    public var speakers: [Speaker] {
        var order: [String] = []
        var byLabel: [String: Speaker] = [:]
        for t in turns {
            guard let s = t.speaker else { continue }
            if byLabel[s] == nil {
                order.append(s)
                byLabel[s] = Speaker(label: s, role: t.role, turns: 0)
            }
            byLabel[s]!.turns += 1
        }
        return order.map { byLabel[$0]! }
    }

    /// Words in the turns (runs of letters or digits), the figure `verbatim transcripts` reports.
    public var wordCount: Int {
        var n = 0
        for t in turns { n += Transcript.countWords(in: text.utf8, from: t.start, to: t.end) }
        return n
    }

    /// Counts words in a UTF-8 range: runs of letters or digits, with an apostrophe (`'` or `’`) or a
    /// hyphen inside a word kept in it. Latin-1 punctuation (no-break space, guillemets) and the general
    /// punctuation block (dashes, typographic quotes, ellipsis, thin spaces) separate words; other
    /// non-ASCII characters count as letters, which is right for accented Latin text.
    public static func countWords(in utf8: String.UTF8View, from: Int, to: Int) -> Int {
        var n = 0
        var inWord = false
        var bytes = [UInt8](); bytes.reserveCapacity(to - from)
        let lo = utf8.index(utf8.startIndex, offsetBy: from)
        let hi = utf8.index(lo, offsetBy: to - from)
        bytes.append(contentsOf: utf8[lo..<hi])
        var i = 0
        let count = bytes.count
        while i < count {
            let b = bytes[i]
            var width = 1
            var isWord = false
            var joiner = false
            if b < 0x80 {
                isWord = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                joiner = b == 0x27 || b == 0x2D
            } else if b >= 0xC0 {
                width = b >= 0xF0 ? 4 : (b >= 0xE0 ? 3 : 2)
                if b == 0xC2 {
                    isWord = false
                } else if b == 0xC3, i + 1 < count {
                    isWord = bytes[i + 1] != 0x97 && bytes[i + 1] != 0xB7
                } else if b == 0xE2, i + 2 < count, bytes[i + 1] == 0x80 || bytes[i + 1] == 0x81 {
                    joiner = bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x99 || bytes[i + 2] == 0x91)
                } else {
                    isWord = true
                }
            }
            if isWord {
                if !inWord { n += 1; inWord = true }
            } else if !(inWord && joiner) {
                inWord = false
            }
            i += width
        }
        return n
    }
}
