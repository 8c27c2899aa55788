import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimExport

/// The outputs of `verbatim codings`, `suggestions` and `search`.
public enum ReviewOutput {
    /// A quote on one line, cut at 70 characters.
    public static func short(_ s: String, _ n: Int = 70) -> String {
        let one = s.split(whereSeparator: \.isNewline).joined(separator: " ")
        return one.count > n ? String(one.prefix(n - 1)) + "…" : one
    }

    // MARK: Codings

    /// The codings with the names of the study's names table replaced in their quotes and context.
    ///
    /// The quote and its context are cut again from the transcript with its names replaced, so that a
    /// name the stored context cuts in half ("… Claire Du") is replaced whole. A coding whose quote is
    /// no longer at its offsets (the transcript changed since) has its stored quote and context
    /// pseudonymised together instead.
    public static func pseudonymized(_ codings: [HumanCoding], study: Study) -> [HumanCoding] {
        let p = Pseudonymizer(names: study.names, language: study.config.language)
        let urls = Dictionary(study.documentURLs().map { ($0.document, $0.url) }, uniquingKeysWith: { a, _ in a })
        var texts: [String: (original: [UInt8], shown: PseudonymizedText, bytes: [UInt8])?] = [:]
        func text(_ document: String) -> (original: [UInt8], shown: PseudonymizedText, bytes: [UInt8])? {
            if let cached = texts[document] { return cached }
            var entry: (original: [UInt8], shown: PseudonymizedText, bytes: [UInt8])?
            if let url = urls[document], let t = try? study.load(document: document, url: url) {
                let shown = p.pseudonymize(t.text)
                entry = (Array(t.text.utf8), shown, Array(shown.text.utf8))
            }
            texts[document] = entry
            return entry
        }
        let width = QuoteContext.width
        return codings.map { c in
            var c = c
            if let t = text(c.document), c.start >= 0, c.start <= c.end, c.end <= t.original.count,
               String(decoding: t.original[c.start..<c.end], as: UTF8.self) == c.quote {
                let r = t.shown.map(c.start..<c.end)
                c.quote = String(decoding: t.bytes[r], as: UTF8.self)
                // A window of bytes wide enough for `width` characters; a character cut at its start
                // is beyond the last `width` characters kept.
                let lo = max(0, r.lowerBound - 4 * width - 4), hi = min(t.bytes.count, r.upperBound + 4 * width + 4)
                c.prefix = String(String(decoding: t.bytes[lo..<r.lowerBound], as: UTF8.self).suffix(width))
                c.suffix = String(String(decoding: t.bytes[r.upperBound..<hi], as: UTF8.self).prefix(width))
            } else {
                let whole = p.pseudonymize(c.prefix + c.quote + c.suffix)
                let bytes = Array(whole.text.utf8)
                let a = whole.map(offset: c.prefix.utf8.count), b = whole.map(offset: c.prefix.utf8.count + c.quote.utf8.count, isEnd: true)
                c.prefix = String(decoding: bytes[..<a], as: UTF8.self)
                c.quote = String(decoding: bytes[a..<max(a, b)], as: UTF8.self)
                c.suffix = String(decoding: bytes[max(a, b)...], as: UTF8.self)
            }
            if let m = c.memo { c.memo = p.pseudonymize(m).text }
            c.document = p.document(c.document)
            return c
        }
    }

    static let codingColumns = ["id", "coder", "status", "document", "turn", "start", "end", "theme", "suggested_theme", "suggestion",
                                "quote", "prefix", "suffix", "time", "memo"]

    public static func csv(_ codings: [HumanCoding]) -> String {
        var csv = CSVWriter(header: codingColumns)
        for c in codings {
            csv.row([c.id, c.coder, c.status.rawValue, c.document, String(c.turn), String(c.start), String(c.end), c.theme,
                     c.suggestedTheme ?? "", c.suggestion ?? "", c.quote, c.prefix, c.suffix, c.time, c.memo ?? ""])
        }
        return csv.text
    }

    public static func json(_ codings: [HumanCoding]) -> JSONValue {
        .array(codings.map { c in
            .object([("id", .string(c.id)), ("coder", .string(c.coder)), ("status", .string(c.status.rawValue)),
                     ("document", .string(c.document)), ("turn", .int(c.turn)), ("start", .int(c.start)), ("end", .int(c.end)),
                     ("theme", .string(c.theme)), ("suggested_theme", .optional(c.suggestedTheme)), ("suggestion", .optional(c.suggestion)),
                     ("quote", .string(c.quote)), ("prefix", .string(c.prefix)), ("suffix", .string(c.suffix)),
                     ("time", .string(c.time)), ("memo", .optional(c.memo))])
        })
    }

    public static func text(_ codings: [HumanCoding], style: TextStyle) -> String {
        if codings.isEmpty { return "No coding yet: code with 'verbatim tag', or review the rules' suggestions with 'verbatim suggestions'.\n" }
        var t = Table(header: ["id", "coder", "status", "where", "theme", "quote"])
        for c in codings {
            let theme = c.suggestedTheme.map { "\(c.theme) (was \($0))" } ?? c.theme
            t.add([c.id, c.coder, c.status.rawValue, "\(c.document):\(c.turn)", theme, "\"" + short(c.quote, 50) + "\""])
        }
        var counts: [HumanCoding.Status: Int] = [:]
        for c in codings { counts[c.status, default: 0] += 1 }
        let summary = HumanCoding.Status.allCases.compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }.joined(separator: ", ")
        return t.text(headerStyle: style.strong, maxWidth: 60) + style.note("\(codings.count) codings and decisions: \(summary)") + "\n"
    }

    // MARK: Suggestions

    /// At most `n` characters before a match, starting at a word, on one line.
    static func contextBefore(_ s: String, _ n: Int = 80) -> String {
        let one = s.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard one.count > n else { return one }
        let tail = one.suffix(n)
        return "…" + (tail.firstIndex(of: " ").map { String(tail[tail.index(after: $0)...]) } ?? String(tail))
    }

    /// At most `n` characters after a match, ending at a word, on one line.
    static func contextAfter(_ s: String, _ n: Int = 80) -> String {
        let one = s.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard one.count > n else { return one }
        let head = one.prefix(n)
        return (head.lastIndex(of: " ").map { String(head[..<$0]) } ?? String(head)) + "…"
    }

    /// A rule short enough for one line: a long term list is summed up by its kind and size
    /// (`any[34 terms]`); the matched words are marked in the turn anyway. CSV and JSON keep it whole.
    static func shortRule(_ rule: String, max: Int = 60) -> String {
        guard rule.count > max, let open = rule.firstIndex(of: "["), rule.hasSuffix("]") else { return rule }
        let terms = rule[rule.index(after: open)..<rule.index(before: rule.endIndex)].components(separatedBy: ", ").count
        return rule[..<open] + "[\(terms) terms]"
    }

    public static func text(_ suggestions: [Suggestion], total: Int, style: TextStyle) -> String {
        if suggestions.isEmpty { return "No suggestion left to decide.\n" }
        var out = ""
        for s in suggestions {
            let c = s.coding
            let bytes = Array(s.turnText.utf8)
            let before = String(decoding: bytes[..<s.matchStart], as: UTF8.self)
            let match = String(decoding: bytes[s.matchStart..<s.matchEnd], as: UTF8.self)
            let after = String(decoding: bytes[s.matchEnd...], as: UTF8.self)
            out += style.strong(s.id) + "  \(c.document):\(c.turn)  " + style.strong(c.theme) + "  " + style.note("by \(shortRule(c.rule))") + "\n"
            out += "  " + (c.speaker.map { $0 + ": " } ?? "") + contextBefore(before) + "[" + style.caution(match) + "]"
                + contextAfter(after) + "\n"
        }
        out += style.note("\(suggestions.count < total ? "\(suggestions.count) of " : "")\(total) suggestion\(total == 1 ? "" : "s") to decide: verbatim accept ID..., verbatim reject ID..., verbatim recode ID THEME") + "\n"
        return out
    }

    public static func csv(_ suggestions: [Suggestion]) -> String {
        var csv = CSVWriter(header: ["id", "document", "turn", "speaker", "theme", "rule", "match", "start", "end", "turn_text"])
        for s in suggestions {
            let c = s.coding
            csv.row([s.id, c.document, String(c.turn), c.speaker ?? "", c.theme, c.rule, c.match, String(c.start), String(c.end), s.turnText])
        }
        return csv.text
    }

    public static func json(_ suggestions: [Suggestion]) -> JSONValue {
        .array(suggestions.map { s in
            let c = s.coding
            return .object([("id", .string(s.id)), ("document", .string(c.document)), ("turn", .int(c.turn)), ("speaker", .optional(c.speaker)),
                            ("theme", .string(c.theme)), ("rule", .string(c.rule)), ("match", .string(c.match)),
                            ("start", .int(c.start)), ("end", .int(c.end)), ("turn_text", .string(s.turnText)),
                            ("match_start", .int(s.matchStart)), ("match_end", .int(s.matchEnd)),
                            ("attributes", .object(s.attributes.pairs.map { ($0.name, .string($0.value)) }))])
        })
    }

    // MARK: Search

    /// The hits with names replaced in their text and speakers.
    public static func pseudonymized(_ hits: [SearchHit], study: Study) -> [SearchHit] {
        let p = Pseudonymizer(names: study.names, language: study.config.language)
        return hits.map { h in
            var h = h
            h.left = p.pseudonymize(h.left).text
            h.match = p.pseudonymize(h.match).text
            h.right = p.pseudonymize(h.right).text
            // As in the excerpts: a label missing from the table is never shown as it is.
            h.speaker = h.speaker.map { p.speaker($0, in: h.document) }
            h.document = p.document(h.document)
            return h
        }
    }

    public static func text(_ hits: [SearchHit], limit: Int, style: TextStyle) -> String {
        if hits.isEmpty { return "No match.\n" }
        let shown = limit > 0 ? Array(hits.prefix(limit)) : hits
        let width = shown.map { $0.left.count }.max() ?? 0
        var out = ""
        for h in shown {
            let left = String(repeating: " ", count: max(0, width - h.left.count)) + h.left
            out += style.note("\(h.document):\(h.turn) \(h.speaker ?? "?")") + "\n  " + left + style.strong(h.match) + h.right + "\n"
        }
        let docs = Set(hits.map(\.document)).count
        out += style.note("\(hits.count) hit\(hits.count == 1 ? "" : "s") in \(docs) document\(docs == 1 ? "" : "s")"
                          + (shown.count < hits.count ? " (first \(shown.count) shown; --limit 0 shows all)" : "")) + "\n"
        return out
    }

    public static func csv(_ hits: [SearchHit]) -> String {
        let names = Array(Set(hits.flatMap { $0.attributes.names })).sorted()
        var csv = CSVWriter(header: ["document", "turn", "speaker", "role", "left", "match", "right", "start", "end", "themes"] + names)
        for h in hits {
            csv.row([h.document, String(h.turn), h.speaker ?? "", h.role.rawValue, h.left, h.match, h.right, String(h.start), String(h.end),
                     h.themes.joined(separator: "; ")] + names.map { h.attributes[$0] ?? "" })
        }
        return csv.text
    }

    public static func json(_ hits: [SearchHit]) -> JSONValue {
        .array(hits.map { h in
            .object([("document", .string(h.document)), ("turn", .int(h.turn)), ("speaker", .optional(h.speaker)),
                     ("role", .string(h.role.rawValue)), ("attributes", .object(h.attributes.pairs.map { ($0.name, .string($0.value)) })),
                     ("themes", .array(h.themes.map { .string($0) })), ("start", .int(h.start)), ("end", .int(h.end)),
                     ("left", .string(h.left)), ("match", .string(h.match)), ("right", .string(h.right))])
        })
    }
}
