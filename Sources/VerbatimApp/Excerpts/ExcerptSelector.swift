import Foundation
import VerbatimModel
import VerbatimIngest
import VerbatimExport

/// Selects, samples and lays out the coded excerpts of a study: the library side of
/// `verbatim excerpts`.
///
/// For each requested theme (with its sub-themes), every coded unit whose speaker matches the filters
/// becomes one excerpt; several codings of the theme in one unit are merged into one excerpt with
/// several highlights. Excerpts come in theme tree order, then document order, then position.
/// With `maxPerTheme`, ``ExcerptSampler`` picks a balanced, seeded sample.
public enum ExcerptSelector {
    /// Builds the report for `query` from a study coded with `keepText: true`.
    ///
    /// - Parameters:
    ///   - coded: The coded study; its documents must keep their text.
    ///   - query: Themes, filters, context and sampling.
    ///   - pseudonymizer: Replaces names in every text, label and attribute; nil keeps real names.
    /// - Throws: ``ExcerptError`` for an unknown theme or attribute, or when nothing matches.
    public static func report(_ coded: CodedStudy, query: ExcerptQuery, pseudonymizer: Pseudonymizer?) throws -> ExcerptReport {
        let book = coded.codebook
        let all = book.allThemes
        let treeIndex = Dictionary(all.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var themeIDs: [String] = []
        if query.themes.isEmpty {
            themeIDs = book.themes.map(\.id)
        } else {
            for id in query.themes where !themeIDs.contains(id) {
                guard treeIndex[id] != nil else { throw ExcerptError.unknownTheme(id, codebook: book.path, valid: all.map(\.id)) }
                themeIDs.append(id)
            }
            themeIDs.sort { treeIndex[$0]! < treeIndex[$1]! }
        }

        let attributeNames = ExcerptSelector.attributeNames(coded)
        func resolve(_ name: String, option: String) throws -> String {
            if attributeNames.contains(name) { return name }
            let f = SpeakerRules.fold(name)
            if let n = attributeNames.first(where: { SpeakerRules.fold($0) == f }) { return n }
            throw ExcerptError.unknownAttribute(name, option: option, valid: attributeNames)
        }
        let filters = try query.filters.map { AttributeFilter(name: try resolve($0.name, option: "--where"), value: $0.value) }
        let balance: String?
        if let b = query.balance {
            balance = try resolve(b, option: "--balance")
        } else {
            balance = attributeNames.first { ["group", "groupe"].contains(SpeakerRules.fold($0)) }
        }

        let strings = ExcerptStrings(language: coded.language)
        var texts: [Int: [UInt8]] = [:]
        var sections: [ExcerptSection] = []
        for id in themeIDs {
            guard let theme = book.theme(id) else { continue }
            var family: Set<String> = []
            func walk(_ t: Theme) { family.insert(t.id); t.children.forEach(walk) }
            walk(theme)
            var candidates: [ExcerptSampler.Candidate] = []
            for (d, doc) in coded.documents.enumerated() {
                var units: [Int: [Coding]] = [:]
                var order: [Int] = []
                for c in doc.codings where family.contains(c.theme) {
                    let key = c.unitStart
                    if units[key] == nil { order.append(key) }
                    units[key, default: []].append(c)
                }
                for key in order.sorted() {
                    let codings = units[key]!
                    let speaker = codings[0].speaker
                    let attributes = ExcerptSelector.attributes(of: doc, speaker: speaker)
                    guard filters.allSatisfy({ $0.matches(attributes[$0.name]) }) else { continue }
                    candidates.append(.init(document: d, speaker: speaker, codings: codings, attributes: attributes,
                                            balanceValue: balance.flatMap { attributes[$0] }))
                }
            }
            var chosen = candidates
            if let k = query.maxPerTheme {
                chosen = ExcerptSampler.sample(candidates, count: k, seed: query.seed, salt: id)
            }
            let excerpts = chosen.map { c -> Excerpt in
                let doc = coded.documents[c.document]
                if texts[c.document] == nil { texts[c.document] = Array((doc.text ?? "").utf8) }
                return excerpt(c, theme: id, document: doc, bytes: texts[c.document]!, treeIndex: treeIndex, context: query.context,
                               pseudonymizer: pseudonymizer, strings: strings)
            }
            sections.append(ExcerptSection(theme: id, label: theme.label(in: coded.language), definition: theme.definition,
                                           total: candidates.count, excerpts: excerpts))
        }
        if sections.allSatisfy({ $0.excerpts.isEmpty }) {
            if let why = coded.missingValueMessage(filters) { throw ExcerptError.emptySelection(query.summary + ": " + why) }
            throw ExcerptError.emptySelection(query.summary)
        }
        var report = ExcerptReport(title: strings.title(study: coded.name), language: strings.language, codebook: book.id,
                                   pseudonymized: pseudonymizer != nil, sections: sections)
        report.source = coded.source.rawValue
        return report
    }

    /// Attribute names of the documents and their speakers, in order of first appearance.
    public static func attributeNames(_ coded: CodedStudy) -> [String] {
        var names: [String] = []
        var seen: Set<String> = []
        func add(_ a: Attributes) { for n in a.names where !seen.contains(n) { seen.insert(n); names.append(n) } }
        for d in coded.documents { add(d.attributes) }
        for d in coded.documents { for key in d.speakerAttributes.keys.sorted() { add(d.speakerAttributes[key]!) } }
        return names
    }

    /// The document's attributes overridden by the speaker's own.
    static func attributes(of doc: CodedDocument, speaker: String?) -> Attributes {
        var a = doc.attributes
        guard let speaker else { return a }
        if let own = doc.speakerAttributes[speaker] ?? doc.speakerAttributes.first(where: { SpeakerRules.fold($0.key) == SpeakerRules.fold(speaker) })?.value {
            a.merge(own)
        }
        return a
    }

    static func excerpt(_ c: ExcerptSampler.Candidate, theme: String, document doc: CodedDocument, bytes: [UInt8],
                        treeIndex: [String: Int], context: Int, pseudonymizer: Pseudonymizer?, strings: ExcerptStrings) -> Excerpt {
        let first = c.codings[0]
        let (lo, hi) = trimmed(bytes, first.unitStart, first.unitEnd)
        var text = String(decoding: bytes[lo..<hi], as: UTF8.self)
        var highlights = merge(c.codings.map { max($0.start, lo) - lo ..< max(min($0.end, hi), lo) - lo }.filter { !$0.isEmpty })
        if let p = pseudonymizer {
            let result = p.pseudonymize(text, in: doc.document)
            text = result.text
            highlights = merge(highlights.map(result.map).filter { !$0.isEmpty })
        }
        let codes = Set(c.codings.map(\.theme)).sorted { (treeIndex[$0] ?? .max, $0) < (treeIndex[$1] ?? .max, $1) }
        func shown(_ label: String?) -> String? {
            guard let label else { return nil }
            return pseudonymizer?.speaker(label, in: doc.document) ?? label
        }
        let speaker = shown(c.speaker)
        let attributes = pseudonymizer?.pseudonymize(c.attributes) ?? c.attributes
        var before: [ExcerptTurn] = [], after: [ExcerptTurn] = []
        if context > 0, let at = doc.turns.firstIndex(where: { $0.index == first.turn }) {
            func turn(_ t: Turn) -> ExcerptTurn {
                let (a, b) = trimmed(bytes, t.start, t.end)
                let raw = String(decoding: bytes[a..<b], as: UTF8.self)
                return ExcerptTurn(turn: t.index, speaker: shown(t.speaker), text: pseudonymizer?.pseudonymize(raw, in: doc.document).text ?? raw)
            }
            before = doc.turns[max(0, at - context)..<at].map(turn)
            after = doc.turns[(at + 1)..<min(doc.turns.count, at + 1 + context)].map(turn)
        }
        let document = pseudonymizer?.document(doc.document) ?? doc.document
        return Excerpt(theme: theme, codes: codes, document: document, turn: first.turn, speaker: speaker,
                       attributes: attributes, text: text, highlights: highlights,
                       attribution: attribution(speaker: speaker, attributes: attributes, document: document, turn: first.turn, strings: strings),
                       before: before, after: after, sourceStart: lo, sourceEnd: hi)
    }

    /// `Senior 01, senior, Lyon 8e (urbain), 3-6 mois — S01-lyon.txt, tour 12`: the speaker,
    /// then the group, territory (with the context), and wave attributes when present.
    public static func attribution(speaker: String?, attributes: Attributes, document: String, turn: Int, strings: ExcerptStrings) -> String {
        func value(_ names: [String]) -> String? {
            for (n, v) in attributes.pairs where names.contains(SpeakerRules.fold(n)) {
                let t = v.trimmingCharacters(in: .whitespaces)
                if !t.isEmpty { return t }
            }
            return nil
        }
        var parts: [String] = []
        if let speaker { parts.append(speaker) }
        if let g = value(["group", "groupe", "stakeholder", "profil", "profile"]) { parts.append(g) }
        let territory = value(["territory", "territoire", "site", "terrain"])
        let context = value(["context", "contexte"])
        switch (territory, context) {
        case let (t?, c?): parts.append(t.hasSuffix(")") ? "\(t), \(c)" : "\(t) (\(c))")
        case let (t?, nil): parts.append(t)
        case let (nil, c?): parts.append(c)
        default: break
        }
        if let w = value(["wave", "vague"]) { parts.append(w) }
        let source = "\(document), \(strings.turn) \(turn)"
        return parts.isEmpty ? source : parts.joined(separator: ", ") + " — " + source
    }

    /// The range without leading and trailing white space.
    static func trimmed(_ bytes: [UInt8], _ start: Int, _ end: Int) -> (Int, Int) {
        var lo = max(0, min(start, bytes.count)), hi = max(lo, min(end, bytes.count))
        func space(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
        while lo < hi && space(bytes[lo]) { lo += 1 }
        while hi > lo && space(bytes[hi - 1]) { hi -= 1 }
        return (lo, hi)
    }

    /// Sorted, disjoint ranges covering the same offsets (touching ranges are joined).
    static func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, r.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }
}
