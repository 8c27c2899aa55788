/// Finds a speaker label at the start of one line of a transcript, by its shape alone.
///
/// The parser says only "this line starts like `Name:`"; whether that is a speaker is decided with the
/// evidence of the whole document by `TurnSegmenter`. It works on UTF-8 bytes: lines are scanned once.
struct LabelParser {
    /// How a label was written; the segmenter asks for more evidence for the weaker shapes.
    enum Shape: Equatable {
        /// `Name:` `Name :` `**Name:**` `[00:01] Name:` `Name (00:01):`
        case colon
        /// `[Name] text`
        case bracket
        /// `Q. text` / `R. text`
        case letterDot
        /// `Name  0:00` alone on a line (otter.ai); the speech starts on the next line.
        case nameAndTime
        /// `M. Jean Dupont, président. - text` (French parliamentary records).
        case civilityDash
        /// Matched a study's own pattern.
        case custom
    }

    struct Candidate {
        /// The label as written, without markup, spaces collapsed.
        var label: String
        var shape: Shape
        /// Byte length of the line prefix (label, markup, time stamps, spaces) before the speech.
        var prefixLength: Int
        /// Byte ranges inside the prefix that are time stamps, to be cut from the normalised text: at most
        /// two (before and after the label), kept inline so that copying a candidate allocates nothing.
        var cut1: Range<Int>?
        var cut2: Range<Int>?
        var cuts: [Range<Int>] { [cut1, cut2].compactMap { $0 } }
        var hasCuts: Bool { cut1 != nil || cut2 != nil }

        init(label: String, shape: Shape, prefixLength: Int, cuts: Cuts, time: Double?, speechEmpty: Bool, bold: Bool = false) {
            self.label = label
            self.shape = shape
            self.prefixLength = prefixLength
            self.cut1 = cuts.first
            self.cut2 = cuts.second
            self.time = time
            self.speechEmpty = speechEmpty
            self.bold = bold
        }
        var time: Double?
        /// Whether nothing follows the label on the line.
        var speechEmpty: Bool
        /// Whether the label is in bold markup (`**Name:**`, `__Name:__`).
        var bold: Bool
    }

    /// The time stamps cut from a label prefix: at most two (before and after the label).
    struct Cuts {
        var first: Range<Int>?
        var second: Range<Int>?
        mutating func add(_ r: Range<Int>) {
            if first == nil { first = r } else { second = r }
        }
    }

    /// A leading time stamp (`[00:01:23]`, `\[07:48\]`, `(12:05)`, `00:01:23`) at `i`, with its end and
    /// seconds; also in emphasis markup (`**[00:01:23]**`, `*[00:01:23]*`, `_[00:01:23]_`).
    static func timestamp(_ b: UnsafeBufferPointer<UInt8>, at start: Int) -> (end: Int, seconds: Double)? {
        let n = b.count
        if start < n, b[start] == 0x2A || b[start] == 0x5F {  // * _
            let mark = b[start]
            var k = start
            while k < n, b[k] == mark, k - start < 2 { k += 1 }
            let width = k - start
            guard let (end, secs) = plainTimestamp(b, at: k), end + width <= n,
                  (end..<(end + width)).allSatisfy({ b[$0] == mark }) else { return nil }
            return (end + width, secs)
        }
        return plainTimestamp(b, at: start)
    }

    /// `timestamp` without emphasis markup.
    static func plainTimestamp(_ b: UnsafeBufferPointer<UInt8>, at start: Int) -> (end: Int, seconds: Double)? {
        var i = start
        let n = b.count
        var close: UInt8 = 0
        var escaped = false
        if i < n && b[i] == 0x5C /* \ */ && i + 1 < n && b[i + 1] == 0x5B { escaped = true; i += 1 }
        if i < n && (b[i] == 0x5B || b[i] == 0x28 || b[i] == 0x7B) {  // [ ( {
            close = b[i] == 0x5B ? 0x5D : (b[i] == 0x28 ? 0x29 : 0x7D)
            i += 1
        }
        guard let (tEnd, secs) = clock(b, at: i) else { return nil }
        i = tEnd
        if close != 0 {
            if escaped && i < n && b[i] == 0x5C { i += 1 }
            guard i < n && b[i] == close else { return nil }
            i += 1
        } else {
            // A bare clock must be followed by white space or a dash, not by more text.
            guard i < n, b[i] == 0x20 || b[i] == 0x09 else { return nil }
        }
        return (i, secs)
    }

    /// `h:mm`, `hh:mm:ss`, `mm:ss.mmm`, `mm.ss` is not accepted (too ambiguous).
    static func clock(_ b: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int, Double)? {
        var i = start
        let n = b.count
        // Up to three fields, kept in a tuple rather than an array: this runs on every line that
        // starts with a digit, and an array would be allocated each time.
        var fields = (0, 0, 0)
        var count = 0
        while true {
            var digits = 0
            var v = 0
            while i < n, b[i] >= 0x30, b[i] <= 0x39, digits < 3 { v = v * 10 + Int(b[i] - 0x30); digits += 1; i += 1 }
            if digits == 0 || digits > 2 { return nil }
            if count > 0 && digits != 2 { return nil }
            switch count {
            case 0: fields.0 = v
            case 1: fields.1 = v
            default: fields.2 = v
            }
            count += 1
            if i < n, b[i] == 0x3A /* : */, count < 3, i + 1 < n, b[i + 1] >= 0x30, b[i + 1] <= 0x39 { i += 1; continue }
            break
        }
        guard count >= 2 else { return nil }
        var millis = 0.0
        if i < n, b[i] == 0x2E || b[i] == 0x2C, i + 1 < n, b[i + 1] >= 0x30, b[i + 1] <= 0x39 {
            i += 1
            var scale = 0.1
            while i < n, b[i] >= 0x30, b[i] <= 0x39 { millis += Double(b[i] - 0x30) * scale; scale /= 10; i += 1 }
        }
        if fields.1 >= 60 || (count == 3 && fields.2 >= 60) { return nil }
        let secs = count == 3 ? Double(fields.0 * 3600 + fields.1 * 60 + fields.2) : Double(fields.0 * 60 + fields.1)
        return (i, secs + millis)
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

    /// The bytes the label scan in `parse` acts on, as bits of byte values below 64:
    /// `( : * . \n " ? ! ; = /`.
    static var nameStops: UInt64 {
        1 << 0x28 | 1 << 0x3A | 1 << 0x2A | 1 << 0x2E | 1 << 0x0A | 1 << 0x22 | 1 << 0x3F | 1 << 0x21 | 1 << 0x3B | 1 << 0x3D | 1 << 0x2F
    }

    /// Skips spaces, tabs and no-break spaces (U+00A0, U+202F) from `i`.
    static func skipSpaces(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var i = i
        while i < b.count {
            if isSpace(b[i]) { i += 1; continue }
            if b[i] == 0xC2, i + 1 < b.count, b[i + 1] == 0xA0 { i += 2; continue }
            if b[i] == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0xAF || b[i + 2] == 0x89 { i += 3; continue }
            break
        }
        return i
    }

    /// Parses the start of `line`. Returns nil when the line does not start like a label.
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Candidate? {
        let n = b.count
        guard n > 0 else { return nil }
        var i = skipSpaces(b, 0)
        var cuts = Cuts()
        var time: Double?
        // Optional leading time stamp.
        if let (tEnd, secs) = timestamp(b, at: i) {
            time = secs
            var after = skipSpaces(b, tEnd)
            // "00:01:23 - Name:" separators.
            if after < n, b[after] == 0x2D, after + 1 < n, isSpace(b[after + 1]) { after = skipSpaces(b, after + 1) }
            cuts.add(i..<after)
            i = after
        }
        guard i < n else { return nil }
        // Bold markup, `**` or `__`.
        var bold = false
        var boldMark: UInt8 = 0x2A
        if i + 1 < n, b[i] == 0x2A || b[i] == 0x5F, b[i + 1] == b[i] { bold = true; boldMark = b[i]; i += 2 }
        // A time stamp inside the markup: "**[00:01:23] Name:**".
        if bold, time == nil, let (tEnd, secs) = timestamp(b, at: i) {
            time = secs
            var after = skipSpaces(b, tEnd)
            if after < n, b[after] == 0x2D, after + 1 < n, isSpace(b[after + 1]) { after = skipSpaces(b, after + 1) }
            cuts.add(i..<after)
            i = after
            guard i < n else { return nil }
        }
        let nameStart = i
        // Name  0:00 alone on the line (otter.ai).
        if !bold, time == nil, let c = nameAndTime(b, from: i) { return c }
        // [Name] text
        if !bold, b[i] == 0x5B {
            var j = i + 1
            while j < n, b[j] != 0x5D, b[j] != 0x5B, j - i < 64 { j += 1 }
            guard j < n, b[j] == 0x5D, j > i + 1 else { return nil }
            let name = String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<j]), as: UTF8.self)
            var k = j + 1
            if k < n, b[k] == 0x3A { k += 1 }
            k = skipSpaces(b, k)
            return Candidate(label: collapse(name), shape: .bracket, prefixLength: k, cuts: cuts, time: time, speechEmpty: k >= n)
        }
        // Scan the name: up to ':' (outside parentheses), at most 64 bytes.
        var j = i
        var parenTime: Range<Int>?
        var nameEnd = -1
        var colonEnd = -1
        while j < n && j - nameStart <= 64 {
            let c = b[j]
            if c == 0x5B /* [ */, parenTime == nil, j > nameStart, let (tEnd, secs) = timestamp(b, at: j) {
                // "Name [00:01:23]:" — a bracketed time is cut, as a parenthesised one.
                parenTime = j..<tEnd
                if time == nil { time = secs }
                j = tEnd
                continue
            }
            if c == 0x5F, bold, boldMark == 0x5F, j + 1 < n, b[j + 1] == 0x5F {
                // "__Name__:" or "__Name__ :"
                let k = skipSpaces(b, j + 2)
                guard k < n, b[k] == 0x3A else { return nil }
                nameEnd = j
                colonEnd = k + 1
                break
            }
            // Most bytes of a name are none of the ones looked at below (all below 64): skip them at once.
            if c >= 64 || (LabelParser.nameStops >> UInt64(c)) & 1 == 0 { j += 1; continue }
            if c == 0x28 /* ( */ {
                // "Name (00:01:23):" — a parenthesised time is cut; other parentheses are part of the name.
                if let (tEnd, secs) = timestamp(b, at: j) {
                    parenTime = j..<tEnd
                    if time == nil { time = secs }
                    j = tEnd
                    continue
                }
                guard let close = (j..<min(n, j + 40)).first(where: { b[$0] == 0x29 }) else { return nil }
                j = close + 1
                continue
            }
            if c == 0x3A /* : */ {
                nameEnd = j
                colonEnd = j + 1
                break
            }
            if c == 0x2A, bold, boldMark == 0x2A, j + 1 < n, b[j + 1] == 0x2A {
                // "**Name**:" or "**Name** :"
                var k = skipSpaces(b, j + 2)
                if k < n, b[k] == 0x3A {
                    nameEnd = j
                    colonEnd = k + 1
                    break
                }
                // "**Name**" alone or followed by text: not a colon label.
                _ = k
                k = 0
                return nil
            }
            if c == 0x2E /* . */, j + 2 < n, b[j + 1] == 0x20, b[j + 2] == 0x2D || b[j + 2] == 0xE2 {
                // "M. Nom, fonction. - text" / ". – text"
                let dashLen = b[j + 2] == 0x2D ? 1 : 3
                if dashLen == 3, !(j + 4 < n && b[j + 3] == 0x80 && (b[j + 4] == 0x93 || b[j + 4] == 0x94)) { j += 1; continue }
                let after = j + 2 + dashLen
                guard after < n, isSpace(b[after]) else { j += 1; continue }
                let name = String(decoding: UnsafeBufferPointer(rebasing: b[nameStart..<j]), as: UTF8.self)
                guard isCivilityName(name) else { return nil }
                let k = skipSpaces(b, after)
                return Candidate(label: collapse(civilityCore(name)), shape: .civilityDash, prefixLength: k, cuts: cuts, time: time, speechEmpty: k >= n)
            }
            if c == 0x0A || c == 0x22 || c == 0x3F || c == 0x21 || c == 0x3B || c == 0x3D || c == 0x2F { break }  // \n " ? ! ; = /
            j += 1
        }
        if nameEnd < 0 {
            // Q. / R. text
            if !bold, n >= 2, (b[i] == 0x51 || b[i] == 0x52), b[i + 1] == 0x2E, n == i + 2 || isSpace(b[i + 2]) {
                let k = skipSpaces(b, i + 2)
                return Candidate(label: b[i] == 0x51 ? "Q" : "R", shape: .letterDot, prefixLength: k, cuts: cuts, time: time, speechEmpty: k >= n)
            }
            // Name  0:00 alone on the line (otter.ai).
            if time == nil, !bold { return nameAndTime(b, from: i) }
            return nil
        }
        // The colon must end the label: followed by white space, markup or the end of the line.
        var k = colonEnd
        if k < n, !(isSpace(b[k]) || b[k] == 0x2A || b[k] == 0x5F || b[k] == 0xC2 || b[k] == 0xE2) { return nil }
        if bold, k + 1 < n, b[k] == boldMark, b[k + 1] == boldMark { k += 2 }
        k = skipSpaces(b, k)
        // A time stamp right after the label: "**Name:** \[04:06\] text".
        if let (tEnd, secs) = timestamp(b, at: k) {
            if time == nil { time = secs }
            let after = skipSpaces(b, tEnd)
            cuts.add(k..<after)
            k = after
        }
        var end = nameEnd
        while end > nameStart {  // trim spaces and no-break spaces before the colon
            if isSpace(b[end - 1]) { end -= 1; continue }
            if end - 2 >= nameStart, b[end - 2] == 0xC2, b[end - 1] == 0xA0 { end -= 2; continue }
            if end - 3 >= nameStart, b[end - 3] == 0xE2, b[end - 2] == 0x80, b[end - 1] == 0xAF || b[end - 1] == 0x89 { end -= 3; continue }
            break
        }
        guard end > nameStart else { return nil }
        var name = ""
        if let pt = parenTime, pt.lowerBound >= nameStart, pt.upperBound <= nameEnd {
            name = String(decoding: UnsafeBufferPointer(rebasing: b[nameStart..<pt.lowerBound]), as: UTF8.self)
                + String(decoding: UnsafeBufferPointer(rebasing: b[pt.upperBound..<end]), as: UTF8.self)
        } else {
            name = String(decoding: UnsafeBufferPointer(rebasing: b[nameStart..<end]), as: UTF8.self)
        }
        if bold, name.hasSuffix("**") || name.hasSuffix("__") { name.removeLast(2) }
        name = collapse(name)
        guard !name.isEmpty else { return nil }
        return Candidate(label: name, shape: .colon, prefixLength: k, cuts: cuts, time: time, speechEmpty: k >= n, bold: bold)
    }

    /// `Name  0:00` or `Name 1:02:03` with nothing after the time.
    static func nameAndTime(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Candidate? {
        var end = b.count
        while end > start, isSpace(b[end - 1]) { end -= 1 }
        // Walk back over the clock.
        var t = end
        while t > start, (b[t - 1] >= 0x30 && b[t - 1] <= 0x39) || b[t - 1] == 0x3A { t -= 1 }
        guard t < end, t > start, isSpace(b[t - 1]), let (cEnd, secs) = clock(b, at: t), cEnd == end else { return nil }
        var nameEnd = t
        while nameEnd > start, isSpace(b[nameEnd - 1]) { nameEnd -= 1 }
        guard nameEnd > start, nameEnd - start <= 48 else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: b[start..<nameEnd]), as: UTF8.self)
        return Candidate(label: collapse(name), shape: .nameAndTime, prefixLength: b.count, cuts: Cuts(), time: secs, speechEmpty: true)
    }

    static let civilities: Set<String> = ["M.", "Mme", "Mmes", "MM.", "Mlle", "Dr", "Pr", "Me"]

    static func isCivilityName(_ s: String) -> Bool {
        guard let first = s.split(separator: " ").first else { return false }
        return civilities.contains(String(first)) && s.utf8.count <= 90
    }

    /// "M. Jean Dupont, président" -> "M. Jean Dupont".
    static func civilityCore(_ s: String) -> String {
        if let comma = s.firstIndex(of: ",") { return String(s[..<comma]) }
        return s
    }

    /// Trims and collapses white space (including no-break spaces) to single spaces.
    static func collapse(_ s: String) -> String {
        // Fast path: nothing to collapse (no tab, no no-break or thin space, no double or edge space).
        var clean = true
        var previousSpace = true
        for b in s.utf8 {
            if b == 0x20 {
                if previousSpace { clean = false; break }
                previousSpace = true
            } else if b == 0x09 || b == 0xC2 || b == 0xE2 {
                clean = false
                break
            } else {
                previousSpace = false
            }
        }
        if clean && !previousSpace { return s }
        var out = ""
        var pendingSpace = false
        for ch in s.unicodeScalars {
            if ch == " " || ch == "\t" || ch == "\u{00A0}" || ch == "\u{202F}" || ch == "\u{2009}" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" "); pendingSpace = false }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
