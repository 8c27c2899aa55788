#if canImport(Glibc)
import Glibc
#endif
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
    let customPatterns: [NSRegularExpression]

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

    /// A line of the document and its label candidate, if any. A plain value (the label's text is in the
    /// `LabelTable`), so that the thousands of lines of a transcript copy cheaply.
    struct LineInfo {
        var paragraph: Int
        var range: Range<Int>  // byte range of the line inside its paragraph
        var candidate: LineCandidate?
        var accepted = false
        /// The candidate's label and folded-label ids (see `LabelTable`), -1 without a candidate.
        var label: Int32 = -1
        var key: Int32 = -1

        /// A line without a candidate.
        init(paragraph: Int, range: Range<Int>) {
            self.paragraph = paragraph
            self.range = range
        }

        /// A line and its candidate, whose label is interned in `table` and counted there.
        init(paragraph: Int, range: Range<Int>, candidate: LabelParser.Candidate?, table: inout LabelTable) {
            if let c = candidate {
                let (label, key) = table.intern(c.label)
                self.init(paragraph: paragraph, range: range, candidate: LineCandidate(c), label: label, key: key, table: &table)
            } else {
                self.init(paragraph: paragraph, range: range)
            }
        }

        /// A line whose candidate's label is already interned (`label`, `key`); counted in `table`.
        init(paragraph: Int, range: Range<Int>, candidate: LineCandidate, label: Int32, key: Int32, table: inout LabelTable) {
            self.paragraph = paragraph
            self.range = range
            self.candidate = candidate
            self.label = label
            self.key = key
            table.keyCount[Int(key)] += 1
        }
    }

    /// What a line's label candidate says, apart from the label's text (see `LabelParser.Candidate`).
    struct LineCandidate {
        var shape: LabelParser.Shape
        var prefixLength: Int
        var cut1: Range<Int>?
        var cut2: Range<Int>?
        var time: Double?
        var speechEmpty: Bool
        var bold: Bool
        var cuts: [Range<Int>] { [cut1, cut2].compactMap { $0 } }
        var hasCuts: Bool { cut1 != nil || cut2 != nil }
        /// A `Name:` label in bold or with a time stamp: the marks of a transcript's labels.
        var marked: Bool { shape == .colon && (bold || time != nil) }

        init(_ c: LabelParser.Candidate) {
            shape = c.shape
            prefixLength = c.prefixLength
            cut1 = c.cut1
            cut2 = c.cut2
            time = c.time
            speechEmpty = c.speechEmpty
            bold = c.bold
        }
    }

    /// Labels seen in a document, interned: each distinct label is folded and checked once, and the
    /// rest of the work compares small integers instead of hashing strings.
    struct LabelTable {
        private var labelIDs: [String: Int32] = [:]
        private var keyIDs: [String: Int32] = [:]
        /// Per label id: its folded key id and whether it looks like a name (-1 not computed yet).
        var keyOfLabel: [Int32] = []
        var labelText: [String] = []
        var nameCheck: [Int8] = []
        /// Per key id: the folded text and how many lines carry it.
        var keyText: [String] = []
        var keyCount: [Int] = []

        /// The first labels interned, compared before hashing: a document has few speakers.
        private var recent: [(String, Int32)] = []

        mutating func intern(_ label: String) -> (label: Int32, key: Int32) {
            for (text, id) in recent where text == label { return (id, keyOfLabel[Int(id)]) }
            if let id = labelIDs[label] { return (id, keyOfLabel[Int(id)]) }
            let folded = SpeakerRules.fold(label)
            let key: Int32
            if let k = keyIDs[folded] { key = k } else {
                key = Int32(keyText.count)
                keyIDs[folded] = key
                keyText.append(folded)
                keyCount.append(0)
            }
            let id = Int32(labelText.count)
            labelIDs[label] = id
            if recent.count < 8 { recent.append((label, id)) }
            labelText.append(label)
            keyOfLabel.append(key)
            nameCheck.append(-1)
            return (id, key)
        }

        mutating func looksLikeName(_ label: Int32) -> Bool {
            if nameCheck[Int(label)] < 0 { nameCheck[Int(label)] = SpeakerRules.looksLikeName(labelText[Int(label)]) ? 1 : 0 }
            return nameCheck[Int(label)] == 1
        }
    }

    /// Segments `source` into a transcript named `document`. `documentInterviewers` are names the case
    /// table gives as this document's interviewers.
    public func segment(_ source: SourceDocument, document: String, documentInterviewers: [String] = []) -> Transcript {
        // 1. Candidates, line by line.
        var lines: [LineInfo] = []
        var table = LabelTable()
        lines.reserveCapacity(source.paragraphs.count * 2)
        for (pi, para) in source.paragraphs.enumerated() {
            var start = 0
            para.withUTF8 { buf in
                let n = buf.count
                guard let base = buf.baseAddress, n > 0 else {
                    lines.append(LineInfo(paragraph: pi, range: 0..<0))
                    return
                }
                while true {
                    // Lines end at LF; memchr finds it far faster than a byte loop.
                    let k = memchr(base + start, 0x0A, n - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? n
                    let line = UnsafeBufferPointer(rebasing: buf[start..<k])
                    lines.append(LineInfo(paragraph: pi, range: start..<k, candidate: candidate(line), table: &table))
                    if k >= n { break }
                    start = k + 1
                }
            }
        }

        decide(&lines, table: &table, paragraphCount: source.paragraphs.count, documentInterviewers: documentInterviewers,
               cues: source.format.isSubtitle)
        let hasLabels = lines.contains { $0.accepted } || source.paragraphs.contains { $0.speaker != nil }

        // 3. Build the text and the turns.
        var initial = TextOut()
        initial.text.reserveCapacity(source.paragraphs.reduce(0) { $0 + $1.content.utf8.count + 2 })
        var paragraphs: [Range<Int>] = []
        let merging = source.format.isSubtitle
        var builder = TurnBuilder(out: initial, rules: rules, documentInterviewers: documentInterviewers, table: table)
        var li = 0
        for (pi, para) in source.paragraphs.enumerated() {
            if !builder.out.isEmpty { builder.out.newline(); builder.out.newline() }
            let pStart = builder.out.count
            // Cues without voices: a pause of two seconds or more ends the turn.
            if merging, !hasLabels, let cur = builder.current, let end = cur.time?.end, let start = para.time?.start,
               start - end >= TurnSegmenter.cuePause {
                builder.close()
            }
            para.withUTF8 { bytes in
            var firstLine = true
            // The line's index inside its paragraph: lines are cut at every LF, so it is the number of
            // LFs before the line, counted as the lines go by (not recounted from the paragraph start).
            var lineInParagraph = 0
            while li < lines.count && lines[li].paragraph == pi {
                let info = lines[li]
                if !firstLine { builder.out.newline() }
                let lineStart = builder.out.count
                let srcLine = para.line.map { $0 + lineInParagraph }
                if !info.accepted, let c = info.candidate, c.speechEmpty, builder.current != nil,
                   SpeakerRules.notSpeakers.contains(builder.table.keyText[Int(info.key)]) {
                    // A section marker such as "**Break:** [26:36]": it ends the turn and belongs to none.
                    builder.out.append(para.content, info.range.lowerBound, info.range.upperBound)
                    builder.close()
                } else if info.accepted, let c = info.candidate {
                    // Copy the label prefix without its time stamps, then the speech.
                    var k = info.range.lowerBound
                    let prefixEnd = info.range.lowerBound + c.prefixLength
                    for cut in (c.hasCuts ? c.cuts.sorted(by: { $0.lowerBound < $1.lowerBound }) : []) {
                        let lo = info.range.lowerBound + cut.lowerBound, hi = info.range.lowerBound + cut.upperBound
                        if lo > k { builder.out.append(para.content, k, lo) }
                        k = max(k, hi)
                    }
                    if prefixEnd > k { builder.out.append(para.content, k, prefixEnd) }
                    let speechStart = builder.out.count
                    builder.out.append(para.content, min(prefixEnd, info.range.upperBound), info.range.upperBound)
                    let time = c.time.map { TimeRange(start: $0) } ?? para.time
                    if merging, builder.currentKey == info.key, builder.current != nil {
                        // A subtitle cue continuing the same speaker.
                        builder.current!.end = builder.out.count
                        if let e = para.time?.end { builder.current!.time?.end = e }
                    } else {
                        builder.open(label: builder.table.labelText[Int(info.label)], key: info.key, labelStart: lineStart, start: speechStart, time: time, line: srcLine)
                        if c.speechEmpty { builder.current!.start = builder.out.count }
                        builder.current!.end = builder.out.count
                    }
                } else if firstLine, let voice = para.speaker {
                    builder.out.append(para.content, info.range.lowerBound, info.range.upperBound)
                    let voiceKey = builder.table.intern(voice).key
                    if merging, builder.currentKey == voiceKey, builder.current != nil {
                        builder.current!.end = builder.out.count
                        if let e = para.time?.end { builder.current!.time?.end = e }
                    } else {
                        builder.open(label: voice, key: voiceKey, labelStart: lineStart, start: lineStart, time: para.time, line: srcLine)
                        builder.current!.end = builder.out.count
                    }
                } else {
                    // An unlabelled line: a leading time stamp is cut and kept on the turn.
                    var from = info.range.lowerBound
                    var lineTime: Double?
                    let line = UnsafeBufferPointer(rebasing: bytes[info.range])
                    let s = LabelParser.skipSpaces(line, 0)
                    if let (tEnd, secs) = LabelParser.timestamp(line, at: s), tEnd < line.count {
                        from += LabelParser.skipSpaces(line, tEnd)
                        lineTime = secs
                    }
                    builder.out.append(para.content, from, info.range.upperBound)
                    if builder.current != nil {
                        builder.current!.end = builder.out.count
                        if builder.current!.time == nil, let lt = lineTime { builder.current!.time = TimeRange(start: lt) }
                        if let e = para.time?.end { builder.current!.time?.end = e }
                    } else if !hasLabels {
                        // A transcript without labels: each paragraph is a turn, whose role the study's
                        // `speakers.unlabelled` says (one participant's by default). (After a section
                        // marker, the rest of the paragraph is a new turn too.)
                        if firstLine || builder.current == nil {
                            builder.open(label: nil, key: nil, labelStart: lineStart, start: lineStart,
                                 time: para.time ?? lineTime.map { TimeRange(start: $0) }, line: srcLine)
                        }
                        builder.current!.end = builder.out.count
                    }
                }
                firstLine = false
                lineInParagraph += 1
                li += 1
            }
            }
            paragraphs.append(pStart..<builder.out.count)
            // Subtitle cues without voices are one speaker's: consecutive cues make one turn (a cue is
            // often part of a sentence), up to the end of a sentence, a pause, or `cueTurnBytes`.
            if !hasLabels, !merging || TurnSegmenter.endsSentence(para.content)
                || builder.current.map({ $0.end - $0.start >= TurnSegmenter.cueTurnBytes }) == true {
                builder.close()
            }
        }
        builder.close()
        var turns = builder.turns
        var out = builder.out
        // A header line such as "Enquêtrice : Claire Dubreuil. Durée : 49 minutes" directly followed by
        // the same speaker's first real turn is preamble, not a turn.
        if !merging, turns.count >= 2, turns[0].speaker != nil, turns[0].speaker == turns[1].speaker,
           turns[0].end - turns[0].start <= 160,
           TurnSegmenter.looksLikeHeader(out.slice(turns[0].start, turns[0].end)) {
            turns.removeFirst()
            for i in turns.indices { turns[i].index = i + 1 }
        }
        let bodyCount = paragraphs.count
        // Footnotes and endnotes follow the body, outside any turn.
        for note in source.notes where note.kind != .comment {
            if !out.isEmpty { out.newline(); out.newline() }
            let s = out.count
            out.text.append(note.text)
            paragraphs.append(s..<out.count)
        }
        let text = out.text
        return Transcript(document: document, path: source.path, format: source.format, text: text, paragraphs: paragraphs,
                          bodyParagraphCount: bodyCount, turns: turns, notes: source.notes, diagnostics: source.diagnostics)
    }

    /// Decides which candidate lines are speaker labels, with the evidence of the whole document: marks
    /// them `accepted`; `table` holds the lines' interned labels. Shared by `segment` and `scanTurns`.
    /// `cues`: each paragraph is a subtitle cue.
    func decide(_ lines: inout [LineInfo], table: inout LabelTable, paragraphCount: Int, documentInterviewers: [String],
                cues: Bool = false) {
        // 2. Evidence: how often each label occurs (counted in `table` as the lines were collected, each
        // distinct label folded once), and which are declared.
        var letterDots = 0
        for k in lines.indices where lines[k].candidate?.shape == .letterDot { letterDots += 1 }
        let declared = Set((rules.speakers + rules.interviewers + rules.participants + documentInterviewers).map(SpeakerRules.fold))
        let declaredKey = table.keyText.map { declared.contains($0) }
        func strong(_ k: Int) -> Bool {
            guard let c = lines[k].candidate else { return false }
            let key = Int(lines[k].key)
            if c.shape == .custom || declaredKey[key] { return true }
            let n = table.keyCount[key]
            switch c.shape {
            case .letterDot: return letterDots >= 2
            case .civilityDash: return true
            case .colon, .nameAndTime, .bracket: return n >= 2 && table.looksLikeName(lines[k].label)
            case .custom: return true
            }
        }
        // Metadata blocks ("Enquêtrice : Claire\nDate : 12/03/2019") at the top are preamble.
        var metadataParagraphs = Set<Int>()
        var p = 0
        var lineIndex = 0
        while p < paragraphCount {
            var ls: [Int] = []
            while lineIndex < lines.count && lines[lineIndex].paragraph == p { ls.append(lineIndex); lineIndex += 1 }
            if ls.count >= 2, ls.allSatisfy({ lines[$0].candidate?.shape == .colon }),
               ls.filter({ table.keyCount[Int(lines[$0].key)] == 1 }).count * 2 > ls.count {
                metadataParagraphs.insert(p)
            } else if ls.contains(where: { strong($0) }) {
                break
            }
            p += 1
        }
        var started = false
        // Which label keys have a strong line (keys are small integers), and how many.
        var strongKey = [Bool](repeating: false, count: table.keyText.count)
        var strongCount = 0
        for k in lines.indices {
            guard lines[k].candidate != nil, metadataParagraphs.isEmpty || !metadataParagraphs.contains(lines[k].paragraph) else { continue }
            if strong(k) {
                lines[k].accepted = true
                started = true
                let key = Int(lines[k].key)
                if !strongKey[key] { strongKey[key] = true; strongCount += 1 }
            }
        }
        // Marked labels: where the labels are written in bold or with a time stamp, and one of them is
        // known to be a speaker's (it recurs, is declared, or is an interviewer word), every marked
        // label that looks like a name is a speaker's, even one that occurs once
        // ("**Mme Martin :** [00:00:09] Oui." beside "**Animateur :** [00:00:05] Alors...").
        func outsideMetadata(_ k: Int) -> Bool { metadataParagraphs.isEmpty || !metadataParagraphs.contains(lines[k].paragraph) }
        var anchored = false
        for k in lines.indices where lines[k].candidate?.marked == true && outsideMetadata(k) {
            if lines[k].accepted || SpeakerRules.foldedDefaults.contains(table.keyText[Int(lines[k].key)]) { anchored = true; break }
        }
        // Subtitle cues starting with `Name:` (Zoom, Teams): when most cues do, each such cue is that
        // speaker's, however few times the name occurs.
        var cueLabels: [Int] = []
        if cues {
            var previous = -1
            for k in lines.indices where lines[k].paragraph != previous {
                previous = lines[k].paragraph
                if let c = lines[k].candidate, c.shape == .colon, !c.speechEmpty, table.looksLikeName(lines[k].label) { cueLabels.append(k) }
            }
            if !(cueLabels.count == paragraphCount || (cueLabels.count >= 2 && cueLabels.count * 2 >= paragraphCount)) { cueLabels = [] }
        }
        func acceptWeak(_ k: Int) {
            lines[k].accepted = true
            let key = Int(lines[k].key)
            if !strongKey[key] { strongKey[key] = true; strongCount += 1 }
        }
        if anchored {
            for k in lines.indices where !lines[k].accepted && lines[k].candidate?.marked == true && outsideMetadata(k)
                && table.looksLikeName(lines[k].label) {
                acceptWeak(k)
            }
        }
        for k in cueLabels where !lines[k].accepted { acceptWeak(k) }
        if strongCount >= 2 {
            started = false
            for k in lines.indices {
                guard let c = lines[k].candidate, metadataParagraphs.isEmpty || !metadataParagraphs.contains(lines[k].paragraph) else { continue }
                if lines[k].accepted { started = true; continue }
                let labelText = table.labelText[Int(lines[k].label)]
                if started, c.shape == .colon, !c.speechEmpty, SpeakerRules.looksLikeName(labelText, maxWords: 3),
                   labelText.split(separator: " ").allSatisfy({ $0.first?.isUppercase == true || $0.first?.isNumber == true }) {
                    lines[k].accepted = true
                }
            }
        }
    }

    /// The turns being built and the normalised text they point into.
    /// The normalised text being built, from slices of the source's paragraphs: appending a slice of a
    /// valid string copies bytes without validating them again.
    struct TextOut {
        var text = ""
        var count: Int { text.utf8.count }
        var isEmpty: Bool { text.isEmpty }

        mutating func newline() { text.append("\n") }

        /// Appends the UTF-8 range `lo..<hi` of `content` (its bounds are character boundaries).
        mutating func append(_ content: Substring, _ lo: Int, _ hi: Int) {
            guard hi > lo else { return }
            let u = content.utf8
            let a = u.index(u.startIndex, offsetBy: lo)
            let b = u.index(a, offsetBy: hi - lo)
            text.append(contentsOf: content[a..<b])
        }

        /// The byte just before UTF-8 offset `i`.
        func byte(before i: Int) -> UInt8 {
            let u = text.utf8
            return u[u.index(u.startIndex, offsetBy: i - 1)]
        }

        func slice(_ lo: Int, _ hi: Int) -> String {
            let u = text.utf8
            let a = u.index(u.startIndex, offsetBy: lo)
            return String(text[a..<u.index(a, offsetBy: hi - lo)])
        }
    }

    private struct TurnBuilder {
        var out: TextOut
        let rules: SpeakerRules
        let documentInterviewers: [String]
        var table: LabelTable
        var turns: [Turn] = []
        var current: Turn?
        var currentKey: Int32?
        /// Per key id: the first form of the label seen, and its role.
        var display: [Int32: String] = [:]
        var roles: [Int32: Role] = [:]

        init(out: TextOut, rules: SpeakerRules, documentInterviewers: [String], table: LabelTable) {
            self.out = out
            self.rules = rules
            self.documentInterviewers = documentInterviewers
            self.table = table
        }

        mutating func close() {
            if var t = current {
                var e = t.end
                while e > t.start {
                    let c = out.byte(before: e)
                    if c == 0x20 || c == 0x0A || c == 0x09 { e -= 1 } else { break }
                }
                t.end = e
                turns.append(t)
            }
            current = nil
            currentKey = nil
        }

        mutating func open(label: String?, key: Int32?, labelStart: Int, start: Int, time: TimeRange?, line: Int?) {
            close()
            var shown: String?
            var role = rules.unlabelledRole
            if let label, let key {
                if display[key] == nil {
                    display[key] = label
                    roles[key] = rules.role(of: label, documentInterviewers: documentInterviewers)
                }
                shown = display[key]
                role = roles[key]!
                currentKey = key
            }
            current = Turn(index: turns.count + 1, speaker: shown, role: role, start: start, end: start,
                           labelStart: labelStart, time: time, line: line)
        }
    }

    /// Seconds of silence between two cues without voices that end a turn.
    static let cuePause = 2.0
    /// The length (UTF-8 bytes, about 150 words) after which cues without voices and without sentence
    /// punctuation (automatic captions) end a turn at the end of a cue, so that a turn stays a passage.
    static let cueTurnBytes = 1000

    /// Whether `text` ends with the end of a sentence: `.`, `?`, `!` or `…`, maybe followed by closing
    /// quotes, brackets or emphasis markup.
    static func endsSentence(_ text: Substring) -> Bool {
        for ch in text.reversed() {
            switch ch {
            case " ", "\t", "\n", "\u{00A0}", "\u{202F}", "\"", "'", "»", "”", "’", ")", "]", "*", "_": continue
            case ".", "?", "!", "…": return true
            default: return false
            }
        }
        return false
    }

    /// A short header value: a person's name ("Claire Dubreuil") or "key : value" metadata.
    static func looksLikeHeader(_ s: String) -> Bool {
        if s.contains(" : ") || s.contains(": ") { return true }
        let words = s.trimmingCharacters(in: CharacterSet(charactersIn: ". ")).split(separator: " ")
        return (1...4).contains(words.count) && words.allSatisfy { $0.first?.isUppercase == true }
    }

    /// The label candidate of one line: a study pattern first, then the built-in shapes.
    func candidate(_ line: UnsafeBufferPointer<UInt8>) -> LabelParser.Candidate? {
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
                    return LabelParser.Candidate(label: label, shape: .custom, prefixLength: k, cuts: LabelParser.Cuts(), time: nil, speechEmpty: k >= line.count)
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
            let limit = min(n, 100)
            var hasColonOrDash = memchr(line.baseAddress!, 0x3A, limit) != nil
            if !hasColonOrDash, let dash = memchr(line.baseAddress!, 0x2D, limit) {
                // "M. Nom, fonction. - text": a dash after a space.
                var k = UnsafeRawPointer(dash) - UnsafeRawPointer(line.baseAddress!)
                while k < limit {
                    if line[k] == 0x2D && k > 0 && line[k - 1] == 0x20 { hasColonOrDash = true; break }
                    k += 1
                }
            }
            if !hasColonOrDash {
                // Still allow "Name  0:00" lines, which are short and end with a digit.
                if !(n <= 60 && line[n - 1] >= 0x30 && line[n - 1] <= 0x39) { return nil }
            }
        }
        return LabelParser.parse(line)
    }

}

extension SourceDocument.Paragraph {
    /// Calls `body` with the paragraph's UTF-8 bytes, copying only when the slice is not contiguous.
    func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var base = content.base
        let u = base.utf8
        let lo = u.distance(from: u.startIndex, to: content.startIndex)
        let hi = lo + content.utf8.count
        return base.withUTF8 { body(UnsafeBufferPointer(rebasing: $0[lo..<hi])) }
    }
}
