import VerbatimModel
/// Per-theme counts for one document, indexed like `CompiledCodebook.themes`, each theme including its
/// sub-themes: hits, coded units, and the speakers with at least one coding.
public struct DocumentCounts: Sendable {
    /// Per theme: the number of its codings (and its sub-themes').
    public var hits: [Int]
    /// Per theme: the number of units it (or a sub-theme) codes.
    public var units: [Int]
    /// Turns no theme codes because their speaker's role is unknown (no speaker label recognised, or a
    /// study that ignores unlabelled text), and turns of roles some theme codes.
    public var unknownTurns = 0
    public var codableTurns = 0
    /// The transcript's own errors (a front matter that cannot be read), for the caller to report.
    public var errors: [Diagnostic] = []
    /// The document's speakers with at least one coding, in order of appearance (an empty label for
    /// turns without a speaker); `speakerCount` counts them per theme.
    public var speakerLabels: [String] = []
    /// Speakers with a coding, per theme: the first 64 speakers of the document as bits, others in a set.
    private var speakerBits: [UInt64]
    private var moreSpeakers: [Int: Set<Int>] = [:]
    private var lastUnit: [Int]
    private let lineage: [Int32]
    private let lineageStart: [Int32]

    init(compiled: CompiledCodebook) {
        let n = compiled.themes.count
        hits = Array(repeating: 0, count: n)
        units = Array(repeating: 0, count: n)
        speakerBits = Array(repeating: 0, count: n)
        lastUnit = Array(repeating: -1, count: n)
        var flat: [Int32] = []
        var start: [Int32] = []
        for l in compiled.lineage {
            start.append(Int32(flat.count))
            flat.append(contentsOf: l)
        }
        start.append(Int32(flat.count))
        lineage = flat
        lineageStart = start
    }

    /// The number of distinct speakers with a coding of theme `t` (or one of its sub-themes).
    public func speakerCount(_ t: Int) -> Int { speakerBits[t].nonzeroBitCount + (moreSpeakers[t]?.count ?? 0) }

    mutating func add(_ raws: [Coder.RawCoding], speaker: Int) {
        for r in raws {
            let th = Int(r.theme)
            for k in Int(lineageStart[th])..<Int(lineageStart[th + 1]) {
                let t = Int(lineage[k])
                hits[t] += 1
                if lastUnit[t] != r.unitStart {
                    units[t] += 1
                    lastUnit[t] = r.unitStart
                    if speaker < 64 { speakerBits[t] |= 1 << UInt64(speaker) } else { moreSpeakers[t, default: []].insert(speaker) }
                }
            }
        }
    }
}
