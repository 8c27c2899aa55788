import Foundation
import VerbatimModel

/// The compact binary form in which the index keeps a document's turns and its rules' codings: one
/// value per document instead of one database row per turn or coding (a 10,000-document study holds
/// millions of each), read back whole when a document is shown or searched.
///
/// Layout: a table of the distinct strings (speakers, themes, rules), then the records, every number a
/// LEB128 variable-length integer (signed ones zig-zag encoded), offsets as differences so that most
/// take one or two bytes.
enum IndexPacking {
    /// Bumped when the layout changes; a value of another version is refused (the index is rebuilt).
    static let version: UInt8 = 1

    struct Writer {
        var bytes: [UInt8] = []
        var strings: [String: Int] = [:]
        var table: [String] = []

        mutating func uint(_ v: Int) {
            var x = UInt64(max(0, v))
            while x >= 0x80 { bytes.append(UInt8(x & 0x7F) | 0x80); x >>= 7 }
            bytes.append(UInt8(x))
        }
        mutating func int(_ v: Int) { uint(Int(bitPattern: UInt((v << 1) ^ (v >> 63)))) }
        mutating func double(_ d: Double) {
            var b = d.bitPattern.littleEndian
            withUnsafeBytes(of: &b) { bytes.append(contentsOf: $0) }
        }
        /// 0 for nil, else 1 + the string's place in the table.
        mutating func string(_ s: String?) {
            guard let s else { uint(0); return }
            if let i = strings[s] { uint(i + 1); return }
            strings[s] = table.count
            table.append(s)
            uint(table.count)
        }
        /// The value: version, string table, then the records.
        func finished() -> [UInt8] {
            var head = Writer()
            head.bytes.append(IndexPacking.version)
            head.uint(table.count)
            for s in table {
                let u = Array(s.utf8)
                head.uint(u.count)
                head.bytes.append(contentsOf: u)
            }
            return head.bytes + bytes
        }
    }

    struct Malformed: Error {}

    struct Reader {
        let bytes: [UInt8]
        var at = 0
        var table: [String] = []

        init(_ bytes: [UInt8]) throws {
            self.bytes = bytes
            guard bytes.first == IndexPacking.version else { throw Malformed() }
            at = 1
            let n = try uint()
            guard n <= bytes.count else { throw Malformed() }
            table.reserveCapacity(n)
            for _ in 0..<n {
                let len = try uint()
                guard len <= bytes.count - at else { throw Malformed() }
                table.append(String(decoding: bytes[at..<(at + len)], as: UTF8.self))
                at += len
            }
        }

        var atEnd: Bool { at >= bytes.count }

        mutating func uint() throws -> Int {
            var x: UInt64 = 0, shift: UInt64 = 0
            while true {
                guard at < bytes.count, shift < 64 else { throw Malformed() }
                let b = bytes[at]
                at += 1
                x |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            guard x <= UInt64(Int.max) else { throw Malformed() }
            return Int(x)
        }
        mutating func int() throws -> Int {
            let u = UInt(try uint())
            return Int(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
        }
        mutating func double() throws -> Double {
            guard bytes.count - at >= 8 else { throw Malformed() }
            var b: UInt64 = 0
            for i in 0..<8 { b |= UInt64(bytes[at + i]) << (8 * UInt64(i)) }
            at += 8
            return Double(bitPattern: b)
        }
        mutating func string() throws -> String? {
            let i = try uint()
            guard i > 0 else { return nil }
            guard i <= table.count else { throw Malformed() }
            return table[i - 1]
        }
    }

    // MARK: Turns

    static func pack(_ turns: [Turn]) -> [UInt8] {
        var w = Writer()
        w.uint(turns.count)
        var previous = 0
        for t in turns {
            w.uint(t.index)
            w.string(t.speaker)
            w.uint(t.role.ordinal)
            w.int(t.labelStart - previous)
            w.int(t.start - t.labelStart)
            w.int(t.end - t.start)
            previous = t.end
            var flags = 0
            if t.time != nil { flags |= 1 }
            if t.time?.end != nil { flags |= 2 }
            if t.line != nil { flags |= 4 }
            w.uint(flags)
            if let time = t.time {
                w.double(time.start)
                if let end = time.end { w.double(end) }
            }
            if let line = t.line { w.uint(line) }
        }
        return w.finished()
    }

    static func turns(_ bytes: [UInt8]) throws -> [Turn] {
        var r = try Reader(bytes)
        let n = try r.uint()
        guard n <= bytes.count else { throw Malformed() }
        var out: [Turn] = []
        out.reserveCapacity(n)
        var previous = 0
        for _ in 0..<n {
            let index = try r.uint()
            let speaker = try r.string()
            let ordinal = try r.uint()
            guard ordinal < Role.allCases.count else { throw Malformed() }
            let labelStart = previous + (try r.int())
            let start = labelStart + (try r.int())
            let end = start + (try r.int())
            previous = end
            let flags = try r.uint()
            var time: TimeRange? = nil
            if flags & 1 != 0 {
                let s = try r.double()
                time = TimeRange(start: s, end: flags & 2 != 0 ? try r.double() : nil)
            }
            let line = flags & 4 != 0 ? try r.uint() : nil
            out.append(Turn(index: index, speaker: speaker, role: Role.allCases[ordinal], start: start, end: end,
                            labelStart: labelStart, time: time, line: line))
        }
        return out
    }

    // MARK: Codings

    /// The codings of one document; a match is stored only when it is not the text at its offsets.
    static func pack(_ codings: [Coding], text: [UInt8]) -> [UInt8] {
        var w = Writer()
        w.uint(codings.count)
        var previous = 0
        for c in codings {
            w.uint(c.turn)
            w.string(c.speaker)
            w.string(c.theme)
            w.string(c.rule)
            w.int(c.start - previous)
            w.int(c.end - c.start)
            w.int(c.unitStart - c.start)
            w.int(c.unitEnd - c.unitStart)
            previous = c.start
            let same = c.start >= 0 && c.end <= text.count && c.start <= c.end
                && text[c.start..<c.end].elementsEqual(c.match.utf8)
            if same { w.uint(0) } else { w.uint(1); w.string(c.match) }
        }
        return w.finished()
    }

    static func codings(_ bytes: [UInt8], document: String, text: [UInt8]) throws -> [Coding] {
        var r = try Reader(bytes)
        let n = try r.uint()
        guard n <= bytes.count else { throw Malformed() }
        var out: [Coding] = []
        out.reserveCapacity(n)
        var previous = 0
        for _ in 0..<n {
            let turn = try r.uint()
            let speaker = try r.string()
            guard let theme = try r.string(), let rule = try r.string() else { throw Malformed() }
            let start = previous + (try r.int())
            let end = start + (try r.int())
            let unitStart = start + (try r.int())
            let unitEnd = unitStart + (try r.int())
            previous = start
            let match: String
            if try r.uint() == 0 {
                guard start >= 0, start <= end, end <= text.count else { throw Malformed() }
                match = String(decoding: text[start..<end], as: UTF8.self)
            } else {
                match = try r.string() ?? ""
            }
            out.append(Coding(document: document, turn: turn, speaker: speaker, theme: theme, start: start, end: end,
                              unitStart: unitStart, unitEnd: unitEnd, match: match, rule: rule))
        }
        return out
    }
}
