import Foundation
import VerbatimModel

/// Turns a read document into a transcript: finds the speaker labels, builds the normalised text and
/// cuts it into speaker turns.
///
/// A line starting like a label becomes a turn only with evidence: the label is declared by the study,
/// is an interviewer word, or recurs in the document; a label seen once is accepted only after the
/// interview has started, when it is a short proper name. Unlabelled paragraphs continue the previous
/// turn; text before the first turn is a preamble. Time stamps are cut from the text and kept on turns.
public struct TurnSegmenter: Sendable {
    public var rules: SpeakerRules
    private let customPatterns: [NSRegularExpression]

    public init(rules: SpeakerRules = SpeakerRules()) throws {
        self.rules = rules
        var compiled: [NSRegularExpression] = []
        for p in rules.patterns {
            do {
                let anchored = p.hasPrefix("^") ? p : "^(?:" + p + ")"
                compiled.append(try NSRegularExpression(pattern: anchored, options: []))
            } catch {
                throw IngestError("verbatim.yaml", "invalid speaker label pattern '\(p)'")
            }
        }
        self.customPatterns = compiled
    }

    private struct LineInfo {
        var paragraph: Int
        var range: Range<Int>  // byte range of the line inside its paragraph
        var candidate: LabelParser.Candidate?
        var accepted = false
    }

    /// Segments `source` into a transcript named `document`. `documentInterviewers` are names the case
    /// table gives as this document's interviewers.
    public func segment(_ source: SourceDocument, document: String, documentInterviewers: [String] = []) -> Transcript {
        // 1. Candidates, line by line.
        let paragraphBytes: [[UInt8]] = source.paragraphs.map { Array($0.text.utf8) }
        var lines: [LineInfo] = []
        lines.reserveCapacity(paragraphBytes.count * 2)
        for (pi, bytes) in paragraphBytes.enumerated() {
            var start = 0
            bytes.withUnsafeBufferPointer { buf in
                let n = buf.count
                var k = 0
                while k <= n {
                    if k == n || buf[k] == 0x0A {
                        let line = UnsafeBufferPointer(rebasing: buf[start..<k])
                        lines.append(LineInfo(paragraph: pi, range: start..<k, candidate: candidate(line)))
                        start = k + 1
                    }
                    k += 1
                }
            }
        }

        // 2. Evidence: how often each label occurs, and which are declared.
        var counts: [String: Int] = [:]
        var letterDots = 0
        for l in lines {
            guard let c = l.candidate else { continue }
            counts[SpeakerRules.fold(c.label), default: 0] += 1
            if c.shape == .letterDot { letterDots += 1 }
        }
        let declared = Set((rules.speakers + rules.interviewers + rules.participants + documentInterviewers).map(SpeakerRules.fold))
        func strong(_ c: LabelParser.Candidate) -> Bool {
            let f = SpeakerRules.fold(c.label)
            if c.shape == .custom || declared.contains(f) { return true }
            let n = counts[f] ?? 0
            switch c.shape {
            case .letterDot: return letterDots >= 2
            case .civilityDash: return true
            case .colon, .nameAndTime: return n >= 2 && SpeakerRules.looksLikeName(c.label)
            case .bracket: return n >= 2 && SpeakerRules.looksLikeName(c.label)
            case .custom: return true
            }
        }
        // Metadata blocks ("Enquêtrice : Claire\nDate : 12/03/2019") at the top are preamble.
        var metadataParagraphs = Set<Int>()
        var p = 0
        var lineIndex = 0
        while p < paragraphBytes.count {
            var ls: [Int] = []
            while lineIndex < lines.count && lines[lineIndex].paragraph == p { ls.append(lineIndex); lineIndex += 1 }
            if ls.count >= 2, ls.allSatisfy({ lines[$0].candidate?.shape == .colon }),
               ls.filter({ counts[SpeakerRules.fold(lines[$0].candidate!.label)] == 1 }).count * 2 > ls.count {
                metadataParagraphs.insert(p)
            } else if ls.contains(where: { lines[$0].candidate.map(strong) ?? false }) {
                break
            }
            p += 1
        }
        var started = false
        var strongLabels = Set<String>()
        for k in lines.indices {
            guard let c = lines[k].candidate, !metadataParagraphs.contains(lines[k].paragraph) else { continue }
            if strong(c) {
                lines[k].accepted = true
                started = true
                strongLabels.insert(SpeakerRules.fold(c.label))
            }
        }
        if strongLabels.count >= 2 {
            started = false
            for k in lines.indices {
                guard let c = lines[k].candidate, !metadataParagraphs.contains(lines[k].paragraph) else { continue }
                if lines[k].accepted { started = true; continue }
                if started, c.shape == .colon, !c.speechEmpty, SpeakerRules.looksLikeName(c.label, maxWords: 3),
                   c.label.split(separator: " ").allSatisfy({ $0.first?.isUppercase == true || $0.first?.isNumber == true }) {
                    lines[k].accepted = true
                }
            }
        }
        let hasLabels = lines.contains { $0.accepted } || source.paragraphs.contains { $0.speaker != nil }

        // 3. Build the text and the turns.
        var out: [UInt8] = []
        out.reserveCapacity(paragraphBytes.reduce(0) { $0 + $1.count + 2 })
        var paragraphs: [Range<Int>] = []
        var turns: [Turn] = []
        var labelKeys: [String: String] = [:]  // folded -> first form
        var current: Turn?
        var currentKey: String?
        let merging = source.format.isSubtitle
        func close() {
            if var t = current {
                t.end = max(t.start, trimmedEnd(out, t.end))
                turns.append(t)
            }
            current = nil
            currentKey = nil
        }
        func open(label: String?, labelStart: Int, start: Int, time: TimeRange?, line: Int?) {
            close()
            var display: String?
            if let label {
                let key = SpeakerRules.fold(label)
                if labelKeys[key] == nil { labelKeys[key] = label }
                display = labelKeys[key]
                currentKey = key
            }
            let role: Role = display.map { rules.role(of: $0, documentInterviewers: documentInterviewers) } ?? .unknown
            current = Turn(index: turns.count + 1, speaker: display, role: role, start: start, end: start,
                           labelStart: labelStart, time: time, line: line)
        }
        var li = 0
        for (pi, para) in source.paragraphs.enumerated() {
            if !out.isEmpty { out.append(0x0A); out.append(0x0A) }
            let pStart = out.count
            let bytes = paragraphBytes[pi]
            var firstLine = true
            while li < lines.count && lines[li].paragraph == pi {
                let info = lines[li]
                if !firstLine { out.append(0x0A) }
                let lineStart = out.count
                let srcLine = para.line.map { $0 + lineOffset(bytes, info.range.lowerBound) }
                if !info.accepted, let c = info.candidate, c.speechEmpty, current != nil,
                   SpeakerRules.notSpeakers.contains(SpeakerRules.fold(c.label)) {
                    // A section marker such as "**Break:** [26:36]": it ends the turn and belongs to none.
                    out.append(contentsOf: bytes[info.range])
                    close()
                } else if info.accepted, let c = info.candidate {
                    // Copy the label prefix without its time stamps, then the speech.
                    var k = info.range.lowerBound
                    let prefixEnd = info.range.lowerBound + c.prefixLength
                    for cut in c.cuts.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                        let lo = info.range.lowerBound + cut.lowerBound, hi = info.range.lowerBound + cut.upperBound
                        if lo > k { out.append(contentsOf: bytes[k..<lo]) }
                        k = max(k, hi)
                    }
                    if prefixEnd > k { out.append(contentsOf: bytes[k..<prefixEnd]) }
                    let speechStart = out.count
                    out.append(contentsOf: bytes[min(prefixEnd, info.range.upperBound)..<info.range.upperBound])
                    let time = c.time.map { TimeRange(start: $0) } ?? para.time
                    if merging, currentKey == SpeakerRules.fold(c.label), current != nil {
                        // A subtitle cue continuing the same speaker.
                        current!.end = out.count
                        if let e = para.time?.end { current!.time?.end = e }
                    } else {
                        open(label: c.label, labelStart: lineStart, start: speechStart, time: time, line: srcLine)
                        if c.speechEmpty { current!.start = out.count }
                        current!.end = out.count
                    }
                } else if firstLine, let voice = para.speaker {
                    out.append(contentsOf: bytes[info.range])
                    if merging, currentKey == SpeakerRules.fold(voice), current != nil {
                        current!.end = out.count
                        if let e = para.time?.end { current!.time?.end = e }
                    } else {
                        open(label: voice, labelStart: lineStart, start: lineStart, time: para.time, line: srcLine)
                        current!.end = out.count
                    }
                } else {
                    // An unlabelled line: a leading time stamp is cut and kept on the turn.
                    var from = info.range.lowerBound
                    var lineTime: Double?
                    bytes.withUnsafeBufferPointer { buf in
                        let line = UnsafeBufferPointer(rebasing: buf[info.range])
                        let s = LabelParser.skipSpaces(line, 0)
                        if let (tEnd, secs) = LabelParser.timestamp(line, at: s), tEnd < line.count {
                            from += LabelParser.skipSpaces(line, tEnd)
                            lineTime = secs
                        }
                    }
                    out.append(contentsOf: bytes[from..<info.range.upperBound])
                    if current != nil {
                        current!.end = out.count
                        if current!.time == nil, let lt = lineTime { current!.time = TimeRange(start: lt) }
                        if let e = para.time?.end { current!.time?.end = e }
                    } else if !hasLabels {
                        // A transcript without labels: each paragraph is a turn of an unknown speaker.
                        if firstLine {
                            open(label: nil, labelStart: lineStart, start: lineStart,
                                 time: para.time ?? lineTime.map { TimeRange(start: $0) }, line: srcLine)
                        }
                        current!.end = out.count
                    }
                }
                firstLine = false
                li += 1
            }
            paragraphs.append(pStart..<out.count)
            if !hasLabels { close() }
        }
        close()
        // A header line such as "Enquêtrice : Claire Dubreuil. Durée : 49 minutes" directly followed by
        // the same speaker's first real turn is preamble, not a turn.
        if !merging, turns.count >= 2, turns[0].speaker != nil, turns[0].speaker == turns[1].speaker,
           turns[0].end - turns[0].start <= 160,
           TurnSegmenter.looksLikeHeader(String(decoding: out[turns[0].start..<turns[0].end], as: UTF8.self)) {
            turns.removeFirst()
            for i in turns.indices { turns[i].index = i + 1 }
        }
        let bodyCount = paragraphs.count
        // Footnotes and endnotes follow the body, outside any turn.
        for note in source.notes where note.kind != .comment {
            if !out.isEmpty { out.append(0x0A); out.append(0x0A) }
            let s = out.count
            out.append(contentsOf: Array(note.text.utf8))
            paragraphs.append(s..<out.count)
        }
        let text = String(decoding: out, as: UTF8.self)
        return Transcript(document: document, path: source.path, format: source.format, text: text, paragraphs: paragraphs,
                          bodyParagraphCount: bodyCount, turns: turns, notes: source.notes, diagnostics: source.diagnostics)
    }

    /// A short header value: a person's name ("Claire Dubreuil") or "key : value" metadata.
    static func looksLikeHeader(_ s: String) -> Bool {
        if s.contains(" : ") || s.contains(": ") { return true }
        let words = s.trimmingCharacters(in: CharacterSet(charactersIn: ". ")).split(separator: " ")
        return (1...4).contains(words.count) && words.allSatisfy { $0.first?.isUppercase == true }
    }

    /// The label candidate of one line: a study pattern first, then the built-in shapes.
    private func candidate(_ line: UnsafeBufferPointer<UInt8>) -> LabelParser.Candidate? {
        if !customPatterns.isEmpty {
            let s = String(decoding: line, as: UTF8.self)
            let ns = s as NSString
            for re in customPatterns {
                if let m = re.firstMatch(in: s, options: [.anchored], range: NSRange(location: 0, length: ns.length)) {
                    let labelRange = m.numberOfRanges > 1 && m.range(at: 1).location != NSNotFound ? m.range(at: 1) : m.range
                    let label = LabelParser.collapse(ns.substring(with: labelRange))
                    let prefixUTF16 = m.range.location + m.range.length
                    let prefix = ns.substring(to: prefixUTF16)
                    var k = prefix.utf8.count
                    k = LabelParser.skipSpaces(line, k)
                    return LabelParser.Candidate(label: label, shape: .custom, prefixLength: k, cuts: [], time: nil, speechEmpty: k >= line.count)
                }
            }
        }
        // Cheap pre-filter: most lines of speech have no colon near their start and do not start with
        // a bracket, a time, a bold mark or Q./R.
        let n = line.count
        if n == 0 { return nil }
        let f = line[LabelParser.skipSpaces(line, 0) < n ? LabelParser.skipSpaces(line, 0) : 0]
        let special = f == 0x5B || f == 0x28 || f == 0x2A || f == 0x5C || (f >= 0x30 && f <= 0x39) || f == 0x51 || f == 0x52
        if !special {
            var hasColonOrDash = false
            var k = 0
            let limit = min(n, 100)
            while k < limit {
                let b = line[k]
                if b == 0x3A || (b == 0x2D && k > 0 && line[k - 1] == 0x20) { hasColonOrDash = true; break }
                k += 1
            }
            if !hasColonOrDash {
                // Still allow "Name  0:00" lines, which are short and end with a digit.
                if !(n <= 60 && line[n - 1] >= 0x30 && line[n - 1] <= 0x39) { return nil }
            }
        }
        return LabelParser.parse(line)
    }

    private func lineOffset(_ bytes: [UInt8], _ upTo: Int) -> Int {
        var n = 0
        var i = 0
        while i < upTo { if bytes[i] == 0x0A { n += 1 }; i += 1 }
        return n
    }

    private func trimmedEnd(_ out: [UInt8], _ end: Int) -> Int {
        var e = end
        while e > 0, out[e - 1] == 0x20 || out[e - 1] == 0x0A || out[e - 1] == 0x09 { e -= 1 }
        return e
    }
}
