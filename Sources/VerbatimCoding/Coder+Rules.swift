import Foundation
import VerbatimModel

/// Evaluating rules on a unit's hits: each hit is placed in every (theme, rule, slot) its term occupies,
/// the places are sorted (see `SortKey`), and each theme's exclusions, roles, rules and negation policy
/// decide its codings, recorded as `RawCoding`s.
extension Coder {
    /// Forgets the codings found so far.
    func clearRaws() {
        raws.removeAll(keepingCapacity: true)
        if !partsStore.isEmpty { partsStore.removeAll(keepingCapacity: true) }
    }

    /// Fills `placeHits` with each hit in each place (theme, rule, slot) its term has, sorted by theme,
    /// rule, slot and hit: packed into `SortKey`s and sorted as integers, by insertion as units mostly
    /// hold few hits (a unit with more than a few dozen is sorted in n log n). A unit with more hits
    /// than a key holds (`packedHitLimit`) has its places sorted without packing, in the same order.
    @inline(__always)
    func placeHitsSorted() {
        let places = tables.places, placeStart = tables.placeStart
        placeHits.removeAll()
        if hits.count > packedHitLimit {
            for hi in 0..<hits.count {
                let term = Int(hits[hi].term)
                for k in Int(placeStart[term])..<Int(placeStart[term + 1]) {
                    let p = places[k]
                    placeHits.append(PlacedHit(theme: p.theme, rule: p.rule, slot: p.slot, hit: Int32(hi)))
                }
            }
            var placed = UnsafeMutableBufferPointer(start: placeHits.base, count: placeHits.count)
            placed.sort { ($0.theme, $0.rule, $0.slot, $0.hit) < ($1.theme, $1.rule, $1.slot, $1.hit) }
            return
        }
        var keys = sortKeys
        keys.removeAll()
        for hi in 0..<hits.count {
            let term = Int(hits[hi].term)
            for k in Int(placeStart[term])..<Int(placeStart[term + 1]) {
                let p = places[k]
                keys.append(SortKey.pack(theme: p.theme, rule: p.rule, slot: p.slot, hit: hi))
            }
        }
        let k = keys.base
        if keys.count > 64 {
            var sorted = UnsafeMutableBufferPointer(start: k, count: keys.count)
            sorted.sort()
        } else {
            for i in 1..<max(1, keys.count) {
                let v = k[i]
                var j = i
                while j > 0 && k[j - 1] > v { k[j] = k[j - 1]; j -= 1 }
                k[j] = v
            }
        }
        for i in 0..<keys.count { placeHits.append(SortKey.unpack(k[i])) }
        sortKeys = keys
    }

    /// Evaluates the rules on the hits of the unit `s..<e` of `b`, spoken by `role`: appends the
    /// unit's codings to `raws`, one per theme and passage.
    func evaluate(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, role: Role,
                  trace: UnsafeMutablePointer<Explanation>?) {
        placeHitsSorted()
        func text(_ lo: Int, _ hi: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self) }
        let unitFirst = raws.count
        var g = 0
        while g < placeHits.count {
            let ti = placeHits[g].theme
            var gEnd = g
            while gEnd < placeHits.count && placeHits[gEnd].theme == ti { gEnd += 1 }
            defer { g = gEnd }
            if tables.roleMasks[Int(ti)] & (1 << UInt8(role.ordinal)) == 0 {
                let theme = compiled.themes[Int(ti)]
                let h = hits[Int(placeHits[g].hit)]
                trace?.pointee.dropped.append(.init(theme: theme.id, rule: "", match: text(h.start, h.end),
                                                    reason: "\(role.rawValue) turns are not coded for this theme (roles: \(theme.roles.map(\.rawValue).joined(separator: ", ")))"))
                continue
            }
            // Exclusion terms sort first (rule -1).
            if placeHits[g].rule < 0 {
                if let trace {
                    let theme = compiled.themes[Int(ti)]
                    let ex = hits[Int(placeHits[g].hit)]
                    for k in g..<gEnd where placeHits[k].rule >= 0 {
                        let h = hits[Int(placeHits[k].hit)]
                        trace.pointee.dropped.append(.init(theme: theme.id, rule: compiled.ruleSummaries[Int(ti)][Int(placeHits[k].rule)],
                                                           match: text(h.start, h.end),
                                                           reason: "excluded: the unit contains '\(text(ex.start, ex.end))' (unless: \(compiled.terms[Int(ex.term)].source))"))
                    }
                }
                continue
            }
            var r = g
            while r < gEnd {
                let ri = placeHits[r].rule
                var rEnd = r
                while rEnd < gEnd && placeHits[rEnd].rule == ri { rEnd += 1 }
                defer { r = rEnd }
                let rule = tables.ruleInfos[Int(tables.ruleBase[Int(ti)]) + Int(ri)]
                let mode = tables.negationModes[Int(ti)]
                if rule.kind == .any {
                    for k in r..<rEnd {
                        let h = hits[Int(placeHits[k].hit)]
                        if h.negation == nil || mode == .count {
                            raws.append(RawCoding(theme: ti, rule: ri, start: h.start, end: h.end, unitStart: s, unitEnd: e))
                        } else {
                            emit(CollectionOfOne(h), parts: nil, theme: ti, rule: ri, unit: s, e, mode: mode, b, trace: trace)
                        }
                    }
                } else {
                    // The hits of each slot, in scratch arrays that keep their storage between units.
                    let nSlots = Int(rule.slots)
                    while slotScratch.count < nSlots { slotScratch.append([]) }
                    for k in 0..<nSlots { slotScratch[k].removeAll(keepingCapacity: true) }
                    for k in r..<rEnd { slotScratch[Int(placeHits[k].slot)].append(hits[Int(placeHits[k].hit)]) }
                    var complete = true
                    for k in 0..<nSlots where slotScratch[k].isEmpty { complete = false; break }
                    guard complete else { continue }
                    comboScratch.removeAll(keepingCapacity: true)
                    if rule.kind == .near {
                        Coder.nearCombinations(slotScratch, count: nSlots, within: Int(rule.within), ordered: rule.ordered, into: &comboScratch)
                        var c = 0
                        while c < comboScratch.count {
                            emit(comboScratch[c..<(c + nSlots)], parts: nil, theme: ti, rule: ri, unit: s, e, mode: mode, b, trace: trace)
                            c += nSlots
                        }
                    } else {
                        var lo = Int.max, hi = Int.min
                        for k in 0..<nSlots {
                            var best = slotScratch[k][0]
                            for h in slotScratch[k] where h.start < best.start { best = h }
                            comboScratch.append(best)
                            lo = min(lo, best.start)
                            hi = max(hi, best.end)
                        }
                        if hi - lo <= 240 {
                            emit(comboScratch[...], parts: nil, theme: ti, rule: ri, unit: s, e, mode: mode, b, trace: trace)
                        } else {
                            let first = comboScratch[0]
                            emit(CollectionOfOne(first), parts: comboScratch.sorted { $0.start < $1.start }.map { $0.start..<$0.end },
                                 theme: ti, rule: ri, unit: s, e, mode: mode, b, trace: trace)
                        }
                    }
                }
            }
        }
        // One coding per theme and passage within the unit, even when several rules find it: the unit's
        // codings sorted in place by theme, start, end and rule (insertion sort: units hold few), and the
        // first of each passage kept.
        if raws.count - unitFirst > 1 {
            let kept = raws.withUnsafeMutableBufferPointer { buf -> Int in
                func less(_ x: RawCoding, _ y: RawCoding) -> Bool { (x.theme, x.start, x.end, x.rule) < (y.theme, y.start, y.end, y.rule) }
                if buf.count - unitFirst > 64 {
                    // Many codings (one long turn): a stable n log n sort, ties kept in their order as
                    // the insertion sort keeps them.
                    let original = Array(buf[unitFirst...])
                    let order = original.indices.sorted { a, b in
                        less(original[a], original[b]) || (!less(original[b], original[a]) && a < b)
                    }
                    for (k, o) in order.enumerated() { buf[unitFirst + k] = original[o] }
                } else {
                    for i in (unitFirst + 1)..<buf.count {
                        let v = buf[i]
                        var j = i
                        while j > unitFirst && less(v, buf[j - 1]) { buf[j] = buf[j - 1]; j -= 1 }
                        buf[j] = v
                    }
                }
                var w = unitFirst + 1
                for k in (unitFirst + 1)..<buf.count {
                    let p = buf[w - 1], r = buf[k]
                    if p.theme == r.theme && p.start == r.start && p.end == r.end { continue }
                    buf[w] = r
                    w += 1
                }
                return w
            }
            raws.removeSubrange(kept...)
        }
    }

    /// Records the coding of a combination of hits, applying the theme's negation policy.
    private func emit<C: Collection>(_ combo: C, parts: [Range<Int>]?, theme ti: Int32, rule ri: Int32, unit s: Int, _ e: Int,
                                     mode: CompiledCodebook.NegationMode, _ b: UnsafeBufferPointer<UInt8>,
                                     trace: UnsafeMutablePointer<Explanation>?) where C.Element == Hit {
        func text(_ lo: Int, _ hi: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self) }
        var lo = Int.max, hi = Int.min
        var negation: Range<Int>?
        for h in combo {
            lo = min(lo, h.start)
            hi = max(hi, h.end)
            if negation == nil { negation = h.negation }
        }
        let first = combo.first!
        var raw = RawCoding(theme: ti, rule: ri, start: parts == nil ? lo : first.start,
                            end: parts == nil ? hi : first.end, unitStart: s, unitEnd: e)
        if let parts {
            raw.parts = Int32(partsStore.count)
            partsStore.append(parts)
        }
        if mode != .count, let neg = negation {
            let summary = trace == nil ? "" : compiled.ruleSummaries[Int(ti)][Int(ri)]
            let id = trace == nil ? "" : compiled.themes[Int(ti)].id
            if mode == .ignore {
                trace?.pointee.dropped.append(.init(theme: id, rule: summary, match: text(lo, hi),
                                                    reason: "negated by '\(text(neg.lowerBound, neg.upperBound))' (negation: ignore)"))
                return
            }
            guard let o = compiled.recode[Int(ti)] else { return }
            raw.recodedFrom = ti
            raw.theme = Int32(o)
            trace?.pointee.dropped.append(.init(theme: id, rule: summary, match: text(lo, hi),
                                                reason: "negated by '\(text(neg.lowerBound, neg.upperBound))': coded as \(compiled.themes[o].id) instead"))
        }
        raws.append(raw)
    }

    /// One hit per slot, all within `within` words of each other (in slot order when `ordered`): at most
    /// `within` words between the outermost hits, not counting the words of multi-word terms themselves.
    /// Each combination found is appended to `out` as `count` consecutive hits, one per slot; for each
    /// hit of the first slot, the nearest fitting hit of each next slot is taken.
    static func nearCombinations(_ slots: [[Hit]], count nSlots: Int, within: Int, ordered: Bool, into out: inout [Hit]) {
        for anchor in slots[0] {
            let base = out.count
            out.append(anchor)
            var complete = true
            for k in 1..<max(1, nSlots) {
                var lo = Int.max, hi = Int.min, extra = 0
                for q in base..<out.count {
                    lo = min(lo, out[q].firstToken)
                    hi = max(hi, out[q].lastToken)
                    extra += out[q].lastToken - out[q].firstToken
                }
                let lastToken = out[out.count - 1].lastToken
                var best: Hit?
                var bestDistance = Int.max
                for h in slots[k] {
                    if ordered && h.firstToken <= lastToken { continue }
                    let span = max(hi, h.lastToken) - min(lo, h.firstToken) - extra - (h.lastToken - h.firstToken)
                    guard span > 0 && span - 1 <= within else { continue }  // at most `within` words between them
                    let d = abs(h.firstToken - anchor.firstToken)
                    if d < bestDistance { best = h; bestDistance = d }
                }
                guard let best else { complete = false; break }
                out.append(best)
            }
            if !complete { out.removeSubrange(base...) }
        }
    }
}
