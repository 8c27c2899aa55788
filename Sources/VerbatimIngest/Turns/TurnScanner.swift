#if canImport(Glibc)
import Glibc
#endif
import VerbatimModel

extension TurnSegmenter {
    /// Segments a plain-text transcript straight from its bytes, for counting: the turns come back as
    /// byte ranges of `buf` instead of a normalised text, which saves building that text and the
    /// paragraph records.
    ///
    /// `buf` must have passed `TextReader.plainTextStart` (UTF-8 without carriage returns, NUL, front matter or
    /// anything the normaliser would change). The spans hold the same words, punctuation and line breaks
    /// as the turns `segment` makes, so coding them gives the same counts; where that cannot be promised
    /// (a line starting with a time stamp, which `segment` cuts; a header turn over several lines), the
    /// result is nil and the caller reads the file the full way.
    public func scanTurns(_ buf: UnsafeBufferPointer<UInt8>, documentInterviewers: [String] = []) -> TurnSpans? {
        guard let base = buf.baseAddress, buf.count > 0 else { return nil }
        let n = buf.count
        // 1. Lines (trailing spaces, tabs, form feeds and no-break spaces trimmed, as TextReader does),
        // paragraphs (runs of non-blank lines) and label candidates.
        var lines: [LineInfo] = []
        var table = LabelTable()
        lines.reserveCapacity(n / 160)
        var paragraph = -1
        var inParagraph = false
        var start = 0
        // Label prefixes already parsed ("Mme Martin : "): a line starting with the same bytes gets the
        // same candidate without parsing again, when nothing after the prefix could change the parse.
        var memos: [(start: Int, length: Int, candidate: LineCandidate, label: Int32, key: Int32)] = []
        while start <= n {
            let k = start < n ? (memchr(base + start, 0x0A, n - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? n) : n
            if start == n && k == n { break }
            let e = TextReader.trimmedEnd(buf, start, k)
            let blank = TextReader.isBlank(buf, start, e)
            if blank {
                inParagraph = false
            } else {
                if !inParagraph { paragraph += 1; inParagraph = true }
                let line = UnsafeBufferPointer(rebasing: buf[start..<e])
                var reused = false
                for m in memos where m.length < e - start && memcmp(base + m.start, base + start, m.length) == 0
                    && TurnSegmenter.reusable(line, after: m.length) {
                    lines.append(LineInfo(paragraph: paragraph, range: start..<e, candidate: m.candidate, label: m.label, key: m.key, table: &table))
                    reused = true
                    break
                }
                if !reused {
                    let found = candidate(line)
                    lines.append(LineInfo(paragraph: paragraph, range: start..<e, candidate: found, table: &table))
                    if let c = found, memos.count < 4, customPatterns.isEmpty, c.shape == .colon, !c.hasCuts, c.time == nil, !c.speechEmpty,
                       TurnSegmenter.reusable(line, after: c.prefixLength) {
                        let info = lines[lines.count - 1]
                        memos.append((start, c.prefixLength, info.candidate!, info.label, info.key))
                    }
                }
            }
            start = k + 1
        }
        if lines.isEmpty { return nil }
        decide(&lines, table: &table, paragraphCount: paragraph + 1, documentInterviewers: documentInterviewers)
        let hasLabels = lines.contains { $0.accepted }

        // 2. Turns, as `segment` builds them, on the file's byte positions.
        var spans = TurnSpans()
        var keySpeaker = [Int32](repeating: -1, count: table.keyText.count)
        var open = false
        var curStart = 0, curEnd = 0
        var curSpeaker: Int32 = -1
        func close() {
            guard open else { return }
            // `curEnd` is a line's end, already trimmed of trailing spaces and tabs (`trimmedEnd`), so
            // there is nothing left to trim (and the bytes need not be read again, long after the
            // first pass).
            spans.starts.append(curStart)
            spans.ends.append(curEnd)
            spans.speakers.append(curSpeaker)
            spans.roles.append(.unknown)  // set below, once every speaker's role is known
            open = false
        }
        var roles: [Role] = []
        var previousParagraph = -1
        for info in lines {
            let firstLine = info.paragraph != previousParagraph
            if firstLine && previousParagraph >= 0 && !hasLabels { close() }
            previousParagraph = info.paragraph
            let r = info.range
            if !info.accepted, let c = info.candidate, c.speechEmpty, open,
               SpeakerRules.notSpeakers.contains(table.keyText[Int(info.key)]) {
                close()  // a section marker: it ends the turn and belongs to none
            } else if info.accepted, let c = info.candidate {
                close()
                let speaker: Int32
                if keySpeaker[Int(info.key)] >= 0 { speaker = keySpeaker[Int(info.key)] } else {
                    speaker = Int32(spans.labels.count)
                    keySpeaker[Int(info.key)] = speaker
                    let label = table.labelText[Int(info.label)]
                    spans.labels.append(label)
                    roles.append(rules.role(of: label, documentInterviewers: documentInterviewers))
                }
                open = true
                curSpeaker = speaker
                curStart = c.speechEmpty ? r.upperBound : min(r.lowerBound + c.prefixLength, r.upperBound)
                curEnd = r.upperBound
            } else {
                let line = UnsafeBufferPointer(rebasing: buf[r])
                let s = LabelParser.skipSpaces(line, 0)
                if let (tEnd, _) = LabelParser.timestamp(line, at: s), tEnd < line.count { return nil }
                if open {
                    curEnd = r.upperBound
                } else if !hasLabels {
                    open = true
                    curSpeaker = -1
                    curStart = r.lowerBound
                    curEnd = r.upperBound
                }
            }
        }
        close()
        // `segment` may drop a first turn that is a header of the same speaker's first real turn.
        if spans.count >= 2 && spans.speakers[0] >= 0 && spans.speakers[0] == spans.speakers[1] {
            // On one line, the span's bytes are the text `segment` judges; over several, decline.
            let s = spans.starts[0], e = spans.ends[0]
            if memchr(base + s, 0x0A, e - s) != nil { return nil }
            if e - s <= 160, TurnSegmenter.looksLikeHeader(String(decoding: UnsafeBufferPointer(rebasing: buf[s..<e]), as: UTF8.self)) {
                spans.starts.removeFirst()
                spans.ends.removeFirst()
                spans.speakers.removeFirst()
                spans.roles.removeFirst()
            }
        }
        let unlabelled = rules.unlabelledRole
        for k in 0..<spans.count {
            let s = spans.speakers[k]
            spans.roles[k] = s >= 0 ? roles[Int(s)] : unlabelled
        }
        return spans
    }

    /// Whether a colon label's parse depends on nothing after its first `length` bytes in `line`: the
    /// speech starts with neither a space nor a time stamp, maybe in emphasis markup (which the parser would
    /// skip or cut), and the
    /// line does not end with a digit (which could make it a `Name  0:00` line).
    static func reusable(_ line: UnsafeBufferPointer<UInt8>, after length: Int) -> Bool {
        guard length < line.count else { return false }
        let c = line[length]
        if c == 0x20 || c == 0x09 || c == 0xC2 || c == 0xE2 || c == 0x5B || c == 0x28 || c == 0x7B || c == 0x5C || c == 0x2A || c == 0x5F
            || (c >= 0x30 && c <= 0x39) { return false }
        let last = line[line.count - 1]
        return !(last >= 0x30 && last <= 0x39)
    }
}
