import Foundation
import VerbatimModel

/// Applies a compiled codebook to transcripts. Pure: no I/O, no printing.
///
/// A coder is not thread-safe: it caches the words it has seen, owns a stemmer and keeps scratch
/// buffers between units. Use one coder per thread over a shared `CompiledCodebook` (see `CoderPool`).
///
/// Its work is spread over a few files, by role:
/// - `Coder.swift`: its state and the public entry points;
/// - `Coder+Words.swift`: what the codebook makes of each distinct word (symbols, trie roots, negation
///   flags), worked out once per word and kept in the token cache;
/// - `Coder+Matching.swift`: splitting a unit into words, matching phrases through the trie, and the
///   negation scope of each hit (`NegationScope`);
/// - `Coder+Rules.swift`: placing the hits in their themes' rules (`SortKey`), evaluating `any`, `all`
///   and `near` rules, exclusions and negation policies, and recording codings (`RawCoding`).
public final class Coder {
    /// The codebook this coder applies.
    public let compiled: CompiledCodebook
    let stemmer: Stemmer
    let cache = TokenCache()

    // The coder's mutable state below is marked `@exclusivity(unchecked)`: Swift would otherwise check,
    // at run time and on every access, that no two accesses to a class's property overlap; the
    // attribute turns that check off, and the compiler does not prove it instead. It holds because only
    // this coder touches its state, from one thread at a time, and no access to a property is still
    // going on when another one to the same property starts.

    /// Symbols and root children of cached words, addressed by `TokenInfo.symbolStart`.
    @exclusivity(unchecked) var pool: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) var poolCount = 0
    @exclusivity(unchecked) var poolCapacity = 1 << 12
    /// How many words before a hit a negation reaches (within the clause).
    public var negationWindow = 4
    /// The codebook's tables that coding reads for every unit, in this coder's own memory: coders on
    /// other threads share the compiled codebook, and reading its arrays would retain and release
    /// them, an atomic write to memory every thread touches.
    let tables: CoderTables

    /// Negation words by their folded form (see `TokenInfo` flags).
    let flagWords: [String: UInt8]
    /// The codebook's prefixes as bytes, by first byte.
    let prefixTable: PrefixTable
    /// Which words can have one of the codebook's stems, by their first bytes (see `StemGate`).
    let stemGate: StemGate
    /// French with inflection: the third person plural of a verb in -er ("arnaquent", "montrent"),
    /// whose stem Snowball leaves unlike the other forms', is also looked up as its infinitive.
    let frenchPlurals: Bool

    // Scratch for matching one unit (see `Coder+Matching.swift`), kept between units so that its
    // storage is reused.

    /// The byte offset of each word of the unit, when the codebook has regular expressions (to place
    /// their matches among the words).
    @exclusivity(unchecked) var tokenStarts: [Int] = []
    /// Partial phrase matches after the current word.
    @exclusivity(unchecked) var activeScratch = ScratchBuffer<Partial>()
    /// Room for a unit's byte classes (see `WordSplitter`).
    @exclusivity(unchecked) var masks = UnsafeMutablePointer<UInt64>.allocate(capacity: 64)
    @exclusivity(unchecked) var maskCapacity = 64
    /// Partial phrase matches being advanced by the current word.
    @exclusivity(unchecked) var nextScratch = ScratchBuffer<Partial>()
    /// Scratch for sorting a unit's hits (see `SortKey`).
    @exclusivity(unchecked) var sortKeys = ScratchBuffer<UInt64>()
    /// The unit's hits: every term found in it.
    @exclusivity(unchecked) var hits = ScratchBuffer<Hit>()
    /// The regular-expression term that took too long in the text coded by the last public entry point
    /// (then no regular expression was matched in the rest of it); nil when none did. Each entry point
    /// starts by clearing it.
    @exclusivity(unchecked) public internal(set) var regexOverrun: RegexOverrun?
    /// How many more progress reports than a unit's length a regular expression may take on it:
    /// about a third of a second of backtracking on this machine, far above any ordinary expression.
    static let regexProgressAllowance = 256
    /// Units with more hits than this have their placed hits sorted without packing them into sort keys
    /// (see `placeHitsSorted`): `SortKey.hitLimit`, lowered by the tests to exercise that path.
    @exclusivity(unchecked) var packedHitLimit = SortKey.hitLimit

    // Scratch for evaluating rules (see `Coder+Rules.swift`).

    /// The unit's hits placed in their themes' rules, sorted by theme, rule, slot and hit.
    @exclusivity(unchecked) var placeHits = ScratchBuffer<PlacedHit>()
    /// The codings found so far, before their strings are made.
    @exclusivity(unchecked) var raws: [RawCoding] = []
    /// The hits' byte ranges of `all` codings whose terms are far apart (see `RawCoding.parts`).
    @exclusivity(unchecked) var partsStore: [[Range<Int>]] = []
    /// For `all` and `near` rules: the hits of each slot.
    @exclusivity(unchecked) var slotScratch: [[Hit]] = []
    /// For `all` and `near` rules: the combinations of hits found, one hit per slot.
    @exclusivity(unchecked) var comboScratch: [Hit] = []

    /// Makes a coder for `compiled`, with its own copies of the tables the inner loop reads.
    public init(_ compiled: CompiledCodebook) {
        self.compiled = compiled
        tables = CoderTables(compiled)
        pool = .allocate(capacity: poolCapacity)
        var fw: [String: UInt8] = [:]
        for w in NegationWords.negators { fw[w, default: 0] |= TokenInfo.negator }
        for w in NegationWords.unnegators { fw[w, default: 0] |= TokenInfo.unnegates }
        for w in NegationWords.breakers { fw[w, default: 0] |= TokenInfo.breaker }
        fw["plus", default: 0] |= TokenInfo.plus
        fw["pas", default: 0] |= TokenInfo.pas
        fw["mal", default: 0] |= TokenInfo.mal
        for w in NegationWords.comparisonEnds { fw[w, default: 0] |= TokenInfo.que }
        for w in NegationWords.notComparison { fw[w, default: 0] |= TokenInfo.ce }
        flagWords = fw
        prefixTable = PrefixTable(compiled.prefixes)
        stemGate = StemGate(stems: compiled.stems.keys, language: compiled.language)
        frenchPlurals = compiled.inflection != nil && ["fr", "french"].contains(compiled.language.lowercased())
        stemmer = Stemmer(language: compiled.language)
    }

    deinit {
        tables.deallocate()
        masks.deallocate()
        pool.deallocate()
        activeScratch.deallocate()
        nextScratch.deallocate()
        hits.deallocate()
        sortKeys.deallocate()
        placeHits.deallocate()
    }

    // MARK: Public entry points

    /// Codes every unit of `transcript`, turn by turn, for the roles each theme codes.
    public func code(_ transcript: Transcript, unit: CodingUnit = .turn) -> [Coding] {
        regexOverrun = nil
        var out: [Coding] = []
        var text = transcript.text
        text.withUTF8 { buf in
            clearRaws()
            let skip = Role.allCases.filter { !compiled.roleCoded($0) }
            for turn in transcript.turns where !skip.contains(turn.role) {
                let first = raws.count
                for (s, e) in unit.ranges(of: turn, in: buf) { codeUnit(buf, s, e, role: turn.role, trace: nil) }
                for k in first..<raws.count { raws[k].turn = Int32(turn.index) }
            }
            let speakers = Dictionary(transcript.turns.map { ($0.index, $0.speaker) }, uniquingKeysWith: { a, _ in a })
            out.reserveCapacity(raws.count)
            for r in raws { out.append(materialize(r, buf, document: transcript.document, speaker: speakers[Int(r.turn)] ?? nil)) }
        }
        return out
    }

    /// Per-theme counts for one transcript, without building codings: what `verbatim code` prints.
    public func count(_ transcript: Transcript, unit: CodingUnit = .turn) -> DocumentCounts {
        regexOverrun = nil
        var counts = DocumentCounts(compiled: compiled)
        var speakerIndex: [String: Int] = [:]
        var text = transcript.text
        let skip = Role.allCases.filter { !compiled.roleCoded($0) }
        for turn in transcript.turns {
            if skip.contains(turn.role) {
                if turn.role == .unknown { counts.unknownTurns += 1 }
            } else {
                counts.codableTurns += 1
            }
        }
        text.withUTF8 { buf in
            for turn in transcript.turns where !skip.contains(turn.role) {
                clearRaws()
                if unit == .turn {
                    codeUnit(buf, turn.start, turn.end, role: turn.role, trace: nil)
                } else {
                    for (s, e) in unit.ranges(of: turn, in: buf) { codeUnit(buf, s, e, role: turn.role, trace: nil) }
                }
                if raws.isEmpty { continue }
                let label = turn.speaker ?? ""
                let speaker: Int
                if let k = speakerIndex[label] { speaker = k } else { speaker = speakerIndex.count; speakerIndex[label] = speaker }
                counts.add(raws, speaker: speaker)
            }
        }
        counts.speakerLabels = speakerIndex.sorted { $0.value < $1.value }.map(\.key)
        return counts
    }

    /// Per-theme counts for turns given as byte ranges of `buffer` (see `TurnSegmenter.scanTurns`), turn
    /// by turn: the same counts as `count(_:unit: .turn)` on the transcript those turns come from.
    public func count(_ buffer: UnsafeBufferPointer<UInt8>, turns: TurnSpans) -> DocumentCounts {
        regexOverrun = nil
        var counts = DocumentCounts(compiled: compiled)
        // The document's speakers with a coding, numbered in order of appearance (the spans' speaker
        // ids, -1 for none, shifted by one to index this array).
        var speakerIndex = [Int](repeating: -1, count: turns.labels.count + 1)
        var labels: [String] = []
        let coded = Role.allCases.map { compiled.roleCoded($0) }
        for k in 0..<turns.count {
            let role = turns.roles[k]
            if !coded[role.ordinal] {
                if role == .unknown { counts.unknownTurns += 1 }
                continue
            }
            counts.codableTurns += 1
            clearRaws()
            codeUnit(buffer, turns.starts[k], turns.ends[k], role: role, trace: nil)
            if raws.isEmpty { continue }
            let s = turns.speakers[k]
            var speaker = speakerIndex[Int(s) + 1]
            if speaker < 0 {
                speaker = labels.count
                speakerIndex[Int(s) + 1] = speaker
                labels.append(s >= 0 ? turns.labels[Int(s)] : "")
            }
            counts.add(raws, speaker: speaker)
        }
        counts.speakerLabels = labels
        return counts
    }

    /// Codes a piece of text as one participant's unit (used by `verbatim codebook test`).
    public func code(text: String) -> [Coding] {
        regexOverrun = nil
        var out: [Coding] = []
        var s = text
        s.withUTF8 { buf in
            clearRaws()
            codeUnit(buf, 0, buf.count, role: .participant, trace: nil)
            for r in raws { out.append(materialize(r, buf, document: "", speaker: nil)) }
        }
        return out
    }

    /// What happened in one turn: the codings, and the hits that were dropped and why.
    public func explain(_ transcript: Transcript, turn index: Int, unit: CodingUnit = .turn) -> Explanation? {
        regexOverrun = nil
        guard let turn = transcript.turns.first(where: { $0.index == index }) else { return nil }
        var trace = Explanation(document: transcript.document, turn: index, speaker: turn.speaker, role: turn.role)
        var text = transcript.text
        text.withUTF8 { buf in
            clearRaws()
            for (s, e) in unit.ranges(of: turn, in: buf) { codeUnit(buf, s, e, role: turn.role, trace: &trace) }
            trace.codings = raws.map { r -> Coding in
                var c = materialize(r, buf, document: transcript.document, speaker: turn.speaker)
                c.turn = index
                return c
            }
        }
        return trace
    }

    /// Makes the `Coding` of a raw coding: its match text, theme id and rule summary.
    func materialize(_ r: RawCoding, _ b: UnsafeBufferPointer<UInt8>, document: String, speaker: String?) -> Coding {
        func text(_ lo: Int, _ hi: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self) }
        let match = r.parts >= 0 ? partsStore[Int(r.parts)].map { text($0.lowerBound, $0.upperBound) }.joined(separator: " … ")
            : text(r.start, r.end)
        let from = r.recodedFrom >= 0 ? r.recodedFrom : r.theme
        var rule = compiled.ruleSummaries[Int(from)][Int(r.rule)]
        if r.recodedFrom >= 0 { rule = "negation of \(compiled.themes[Int(from)].id): \(rule)" }
        return Coding(document: document, turn: Int(r.turn), speaker: speaker, theme: compiled.themes[Int(r.theme)].id,
                      start: r.start, end: r.end, unitStart: r.unitStart, unitEnd: r.unitEnd, match: match, rule: rule)
    }
}
