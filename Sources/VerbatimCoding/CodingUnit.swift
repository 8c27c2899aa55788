import VerbatimModel

/// The unit a theme is applied to: a coding says which unit it was found in, and counts count units.
public enum CodingUnit: String, Sendable, CaseIterable {
    /// A whole speaker turn.
    case turn
    /// A sentence of a turn (see `ranges(of:in:)` for where a sentence ends).
    case sentence
    /// A paragraph of a turn: text between blank lines.
    case paragraph
}

extension CodingUnit {
    /// The byte ranges of the units of `turn` in `buf`, without the spaces and line breaks around them.
    ///
    /// A paragraph ends at a blank line (two line breaks in a row). A sentence ends there too, and
    /// after `.`, `!`, `?` or `…` (and any `.`, `!` or `?` right after it) followed by a space, a line
    /// break or the end of the turn: `3.5`, `www.site.fr` or `?»` end no sentence.
    func ranges(of turn: Turn, in buf: UnsafeBufferPointer<UInt8>) -> [(Int, Int)] {
        let unit = self
        switch unit {
        case .turn:
            return [(turn.start, turn.end)]
        case .paragraph, .sentence:
            var out: [(Int, Int)] = []
            var s = turn.start
            var i = turn.start
            func push(_ e: Int) {
                var a = s, b = e
                while a < b, buf[a] == 0x20 || buf[a] == 0x0A { a += 1 }
                while b > a, buf[b - 1] == 0x20 || buf[b - 1] == 0x0A { b -= 1 }
                if b > a { out.append((a, b)) }
            }
            while i < turn.end {
                let c = buf[i]
                if c == 0x0A, i + 1 < turn.end, buf[i + 1] == 0x0A {
                    push(i); i += 2; s = i; continue
                }
                if unit == .sentence {
                    var endLen = 0
                    if c == 0x2E || c == 0x21 || c == 0x3F { endLen = 1 }
                    if c == 0xE2, i + 2 < turn.end, buf[i + 1] == 0x80, buf[i + 2] == 0xA6 { endLen = 3 }
                    if endLen > 0 {
                        var j = i + endLen
                        while j < turn.end, buf[j] == 0x2E || buf[j] == 0x21 || buf[j] == 0x3F { j += 1 }
                        if j >= turn.end || buf[j] == 0x20 || buf[j] == 0x0A {
                            push(j); i = j; s = i; continue
                        }
                    }
                }
                i += 1
            }
            push(turn.end)
            return out
        }
    }
}

extension CodingUnit {
    /// The unit of `turn` in `text` that holds the byte offset `offset` (the turn itself when `offset`
    /// falls between two of its units, or for the unit `turn`): where a manual coding made at `offset`
    /// is counted, so that it is in the same unit as the rules' codings there.
    public func unit(of turn: Turn, containing offset: Int, in text: String) -> (start: Int, end: Int) {
        if self == .turn { return (turn.start, turn.end) }
        var text = text
        return text.withUTF8 { buf in
            guard turn.start >= 0, turn.end <= buf.count, turn.start <= turn.end else { return (turn.start, turn.end) }
            for (a, b) in ranges(of: turn, in: buf) where a <= offset && offset < b { return (a, b) }
            return (turn.start, turn.end)
        }
    }
}

