import Foundation
import VerbatimModel
import Yams

/// Reads a codebook's `theory_of_change:` section, reporting every problem with its line and column.
///
/// ```yaml
/// theory_of_change:
///   group_attribute: group          # default: group
///   horizons:
///     attribute: wave               # default: wave
///     short: ["3-6 mois"]
///     long: ["12 mois"]
///   attribution:
///     programme: [attribution-programme]
///     other: [attribution-autre]
///   outcomes:
///     - id: seniors-apprehension
///       label: Appréhension réduite
///       labels: {en: Reduced apprehension}
///       step: outcomes              # activities, outputs, outcomes (default) or impact
///       group: senior
///       horizon: both               # short, long or both (default)
///       evidence: [confiance-apaisee]
///       counter: [peur-internet]
///       leads_to: [seniors-autonomie]
/// ```
///
/// The reader checks the shape (types, unknown keys, allowed values); ``TheoryOfChangeLinter`` checks the
/// content against the codebook (themes, links, cycles) and, where the study is known, against its
/// attribute values.
struct TheoryOfChangeReader {
    let path: String
    private(set) var diagnostics: [Diagnostic] = []

    static let sectionKeys = ["group_attribute", "horizons", "attribution", "outcomes"]
    static let horizonKeys = ["attribute", "short", "long"]
    static let attributionKeys = ["programme", "other"]
    static let elementKeys = ["id", "label", "labels", "step", "group", "horizon", "evidence", "counter", "leads_to"]

    init(path: String) { self.path = path }

    mutating func read(_ node: Node) -> TheoryOfChange? {
        if isNull(node) { return nil }
        guard case .mapping(let mapping) = node else {
            error(node, "'theory_of_change' must be a mapping with 'outcomes:' (and optionally 'horizons:', 'attribution:', 'group_attribute:'), not \(describe(node))")
            return nil
        }
        var toc = TheoryOfChange(line: node.mark?.line)
        let keys = entries(mapping, known: Self.sectionKeys, what: "'theory_of_change'")
        if let v = keys["group_attribute"], let s = string(v, "group_attribute") { toc.groupAttribute = s }
        if let h = keys["horizons"] {
            if case .mapping(let hm) = h.value {
                let hk = entries(hm, known: Self.horizonKeys, what: "'horizons'")
                if let v = hk["attribute"], let s = string(v, "attribute") { toc.horizonAttribute = s }
                if let v = hk["short"] { toc.shortValues = strings(v, "short") }
                if let v = hk["long"] { toc.longValues = strings(v, "long") }
            } else if !isNull(h.value) {
                error(h.value, "'horizons' must be a mapping such as {attribute: wave, short: [\"3-6 mois\"], long: [\"12 mois\"]}, not \(describe(h.value))")
            }
        }
        if let a = keys["attribution"] {
            if case .mapping(let am) = a.value {
                let ak = entries(am, known: Self.attributionKeys, what: "'attribution'")
                if let v = ak["programme"] { toc.programmeCues = strings(v, "programme") }
                if let v = ak["other"] { toc.otherCues = strings(v, "other") }
            } else if !isNull(a.value) {
                error(a.value, "'attribution' must be a mapping such as {programme: [theme], other: [theme]}, not \(describe(a.value))")
            }
        }
        if let o = keys["outcomes"] {
            if case .sequence(let items) = o.value {
                toc.elements = items.compactMap { element($0) }
            } else if !isNull(o.value) {
                error(o.value, "'outcomes' must be a list of outcomes, each a mapping with 'id', 'label' and 'evidence', not \(describe(o.value))")
            }
        } else {
            diagnostics.append(Diagnostic(.warning, path: path, line: node.mark?.line, column: node.mark?.column,
                                          "'theory_of_change' has no 'outcomes': nothing to measure"))
        }
        return toc
    }

    private mutating func element(_ node: Node) -> TheoryOfChange.Element? {
        guard case .mapping(let mapping) = node else {
            error(node, "an outcome must be a mapping with 'id', 'label' and 'evidence', not \(describe(node))")
            return nil
        }
        let keys = entries(mapping, known: Self.elementKeys, what: "an outcome")
        var e = TheoryOfChange.Element(id: keys["id"].flatMap { string($0, "id") } ?? "",
                                       label: keys["label"].flatMap { string($0, "label") } ?? "", line: node.mark?.line)
        if let v = keys["labels"] {
            if case .mapping(let lm) = v.value {
                for (k, val) in lm {
                    guard case .scalar(let ks) = k, case .scalar(let vs) = val, !isNull(val) else {
                        error(val, "'labels' must map language codes to labels, such as {en: Reduced apprehension}")
                        continue
                    }
                    e.labels[CodebookText.trimmed(ks.string)] = CodebookText.trimmed(vs.string)
                }
            } else if !isNull(v.value) {
                error(v.value, "'labels' must map language codes to labels, such as {en: Reduced apprehension}, not \(describe(v.value))")
            }
        }
        if let v = keys["step"], let s = string(v, "step") {
            if let step = TheoryOfChange.Step(rawValue: s) { e.step = step } else {
                error(v.value, "unknown step '\(s)' (use activities, outputs, outcomes or impact)")
            }
        }
        if let v = keys["group"] { e.group = string(v, "group") }
        if let v = keys["horizon"], let s = string(v, "horizon") {
            if let h = TheoryOfChange.Expected(rawValue: s) { e.expected = h } else {
                error(v.value, "unknown horizon '\(s)' (use short, long or both)")
            }
        }
        if let v = keys["evidence"] { e.evidence = strings(v, "evidence") }
        if let v = keys["counter"] { e.counter = strings(v, "counter") }
        if let v = keys["leads_to"] { e.leadsTo = strings(v, "leads_to") }
        return e
    }

    // MARK: Values

    private struct Entry {
        var key: Node
        var value: Node
    }

    private mutating func entries(_ mapping: Node.Mapping, known: [String], what: String) -> [String: Entry] {
        var out: [String: Entry] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                error(key, "a key must be a string, not \(describe(key))")
                continue
            }
            let name = scalar.string
            if let first = out[name] {
                let at = first.key.mark.map { " (first at line \($0.line))" } ?? ""
                error(key, "duplicate key '\(name)'\(at)")
                continue
            }
            guard known.contains(name) else {
                var message = "unknown key '\(name)' in \(what), ignored"
                if let guess = CodebookText.suggestion(for: name, among: known) { message += "; did you mean '\(guess)'?" }
                message += " (known keys: \(known.joined(separator: ", ")))"
                diagnostics.append(Diagnostic(.warning, path: path, line: key.mark?.line, column: key.mark?.column, message))
                continue
            }
            out[name] = Entry(key: key, value: value)
        }
        return out
    }

    private mutating func string(_ entry: Entry, _ name: String) -> String? {
        if isNull(entry.value) { return nil }
        guard case .scalar(let scalar) = entry.value else {
            error(entry.value, "'\(name)' must be a string, not \(describe(entry.value))")
            return nil
        }
        let s = CodebookText.trimmed(scalar.string)
        return s.isEmpty ? nil : s
    }

    /// A list of strings, or one string taken as a list of one.
    private mutating func strings(_ entry: Entry, _ name: String) -> [String] {
        if isNull(entry.value) { return [] }
        if case .scalar(let scalar) = entry.value { return [CodebookText.trimmed(scalar.string)] }
        guard case .sequence(let items) = entry.value else {
            error(entry.value, "'\(name)' must be a list of strings, not \(describe(entry.value))")
            return []
        }
        var out: [String] = []
        for item in items {
            guard case .scalar(let scalar) = item, !isNull(item) else {
                error(item, "'\(name)' must be a list of strings, but one item is \(describe(item))")
                continue
            }
            out.append(CodebookText.trimmed(scalar.string))
        }
        return out
    }

    private func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        guard scalar.style == .plain || scalar.style == .any else { return false }
        return NSNull.construct(from: scalar) != nil
    }

    private func describe(_ node: Node) -> String {
        if case .scalar(let scalar) = node {
            if isNull(node) { return "an empty value" }
            let s = scalar.string
            return s.count > 40 ? "'\(s.prefix(40))...'" : "'\(s)'"
        }
        if case .sequence = node { return "a list" }
        if case .mapping = node { return "a mapping" }
        return "an unexpected value"
    }

    private mutating func error(_ node: Node, _ message: String) {
        diagnostics.append(Diagnostic(.error, path: path, line: node.mark?.line, column: node.mark?.column, message))
    }
}
