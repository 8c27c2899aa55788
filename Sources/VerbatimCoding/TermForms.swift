import VerbatimModel

/// The word forms each term matched: what a stem or a prefix takes in, for `verbatim codebook forms`.
///
/// Every hit of a word or phrase term in a unit that one of the term's themes codes (by its speaker's
/// role), before rules, exclusions and negation are applied, counted by its text in lower case.
public struct TermForms: Sendable {
    /// One term of one rule (or one exclusion) of one theme, and a form it matched.
    public struct Row: Sendable, Equatable {
        public var theme: String
        /// The rule's summary (`any[peur, crainte]`), or `unless` for an exclusion term.
        public var rule: String
        /// The term as written in the codebook.
        public var term: String
        /// The words matched, in lower case.
        public var form: String
        /// How many times.
        public var count: Int
    }

    struct Key: Hashable {
        var term: Int32
        var role: UInt8
        var form: String
    }
    var counts: [Key: Int] = [:]

    public init() {}

    /// Adds another document's forms.
    public mutating func merge(_ other: TermForms) {
        for (k, v) in other.counts { counts[k, default: 0] += v }
    }

    /// The rows, theme by theme in codebook order, then by rule, term, most frequent form first; only
    /// for the themes in `themes` when given.
    public func rows(_ compiled: CompiledCodebook, themes: Set<String>? = nil) -> [Row] {
        struct Sorted { var theme: Int32; var rule: Int32; var slot: Int32; var row: Row }
        var merged: [String: Sorted] = [:]
        for (k, n) in counts {
            let entry = compiled.terms[Int(k.term)]
            let start = Int(compiled.placeStart[Int(k.term)]), end = Int(compiled.placeStart[Int(k.term) + 1])
            for p in compiled.places[start..<end] {
                let theme = compiled.themes[Int(p.theme)]
                if let themes, !themes.contains(theme.id) { continue }
                guard compiled.roleMasks[Int(p.theme)] & (1 << k.role) != 0 else { continue }
                let rule = p.rule >= 0 ? compiled.ruleSummaries[Int(p.theme)][Int(p.rule)] : "unless"
                var term = entry.source
                if p.rule >= 0, Int(p.slot) < theme.rules[Int(p.rule)].terms.count { term = theme.rules[Int(p.rule)].terms[Int(p.slot)].source }
                let key = "\(p.theme)\u{0}\(p.rule)\u{0}\(term)\u{0}\(k.form)"
                if merged[key] != nil { merged[key]!.row.count += n } else {
                    merged[key] = Sorted(theme: p.theme, rule: p.rule, slot: p.slot,
                                         row: Row(theme: theme.id, rule: rule, term: term, form: k.form, count: n))
                }
            }
        }
        return merged.values.sorted { a, b in
            let x = (a.theme, a.rule < 0 ? Int32.max : a.rule, a.slot), y = (b.theme, b.rule < 0 ? Int32.max : b.rule, b.slot)
            if x != y { return x < y }
            if a.row.term != b.row.term { return a.row.term < b.row.term }
            if a.row.count != b.row.count { return a.row.count > b.row.count }
            return a.row.form < b.row.form
        }.map(\.row)
    }
}

extension Coder {
    /// The forms the terms match in `transcript`'s units (see `TermForms`).
    public func forms(_ transcript: Transcript, unit: CodingUnit = .turn) -> TermForms {
        var forms = TermForms()
        var text = transcript.text
        text.withUTF8 { buf in
            let skip = Role.allCases.filter { !compiled.roleCoded($0) }
            for turn in transcript.turns where !skip.contains(turn.role) {
                for (s, e) in unit.ranges(of: turn, in: buf) {
                    clearRaws()
                    codeUnit(buf, s, e, role: turn.role, trace: nil)
                    for i in 0..<hits.count {
                        let h = hits[i]
                        if compiled.regexes.contains(where: { $0.term == h.term }) { continue }
                        let form = Folding.lower(Substring(String(decoding: UnsafeBufferPointer(rebasing: buf[h.start..<h.end]), as: UTF8.self)))
                        forms.counts[TermForms.Key(term: h.term, role: UInt8(turn.role.ordinal), form: form), default: 0] += 1
                    }
                }
            }
            clearRaws()
        }
        return forms
    }
}
