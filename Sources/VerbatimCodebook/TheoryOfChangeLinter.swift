import Foundation
import VerbatimModel

/// Checks a codebook's theory of change.
///
/// Against the codebook (run by ``CodebookLinter`` on every codebook): an element without id or label,
/// a duplicate or invalid id, a theme of `evidence`, `counter` or `attribution` that the codebook does not
/// have (errors); a `leads_to` naming no element, a link going back down the chain's steps, a cycle in the
/// chain (errors); an outcome or impact without evidence themes or without a group, no short or long
/// values for the horizons, no attribution themes (warnings).
///
/// Against a study (``lint(_:values:path:)``, run by `verbatim codebook lint` in a study): a group or
/// horizon attribute no document has, a group or horizon value no document has (errors).
public enum TheoryOfChangeLinter {
    /// The problems of `codebook.theoryOfChange` (none when it has no theory of change).
    public static func lint(_ codebook: Codebook) -> [Diagnostic] {
        guard let toc = codebook.theoryOfChange else { return [] }
        let path = codebook.path
        var out: [Diagnostic] = []
        func error(_ line: Int?, _ m: String) { out.append(.error(path, line: line, m)) }
        func warning(_ line: Int?, _ m: String) { out.append(.warning(path, line: line, m)) }
        let themes = Set(codebook.allThemes.map(\.id))
        let ids = codebook.allThemes.map(\.id)
        func checkThemes(_ list: [String], _ what: String, line: Int?) {
            for id in list where !themes.contains(id) {
                var m = "theory of change: \(what) names unknown theme '\(id)'"
                if let guess = CodebookText.suggestion(for: id, among: ids) { m += "; did you mean '\(guess)'?" }
                error(line, m)
            }
        }
        if toc.shortValues.isEmpty && toc.longValues.isEmpty {
            warning(toc.line, "theory of change: 'horizons' gives no 'short' or 'long' values of '\(toc.horizonAttribute)': every outcome is read over all the interviews")
        }
        for v in toc.shortValues where toc.longValues.contains(v) {
            error(toc.line, "theory of change: '\(v)' is both a short and a long horizon value")
        }
        if toc.programmeCues.isEmpty {
            warning(toc.line, "theory of change: no 'attribution: programme:' themes: outcomes cannot be attributed to the programme")
        }
        checkThemes(toc.programmeCues, "'attribution: programme'", line: toc.line)
        checkThemes(toc.otherCues, "'attribution: other'", line: toc.line)
        var seen: [String: Int?] = [:]
        for e in toc.elements {
            let who = e.id.isEmpty ? "an outcome" : "outcome '\(e.id)'"
            if e.id.isEmpty {
                error(e.line, "theory of change: an outcome has no 'id'")
            } else if !CodebookText.isValidIdentifier(e.id) {
                error(e.line, "theory of change: invalid outcome id '\(e.id)': use lowercase letters, digits, '-' and '_'")
            } else if let first = seen[e.id] {
                error(e.line, "theory of change: duplicate outcome id '\(e.id)'" + (first.map { " (first at line \($0))" } ?? ""))
            } else {
                seen[e.id] = .some(e.line)
            }
            if CodebookText.trimmed(e.label).isEmpty { error(e.line, "theory of change: \(who) has no 'label'") }
            checkThemes(e.evidence, "'evidence' of \(who)", line: e.line)
            checkThemes(e.counter, "'counter' of \(who)", line: e.line)
            if e.step >= .outcomes {
                if e.evidence.isEmpty {
                    warning(e.line, "theory of change: \(who) has no 'evidence' themes: the interviews cannot show it")
                }
                if e.group == nil {
                    warning(e.line, "theory of change: \(who) has no 'group': it is read over every group")
                }
            }
        }
        let byId = Dictionary(toc.elements.filter { !$0.id.isEmpty }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for e in toc.elements {
            for target in e.leadsTo {
                guard let t = byId[target] else {
                    error(e.line, "theory of change: 'leads_to' of '\(e.id)' names unknown outcome '\(target)'")
                    continue
                }
                if t.step < e.step {
                    error(e.line, "theory of change: '\(e.id)' (\(e.step.rawValue)) leads back to '\(target)' (\(t.step.rawValue)): links go from activities towards impact")
                }
            }
        }
        if let cycle = cycle(in: toc.elements, byId: byId) {
            let line = byId[cycle[0]]?.line
            error(line, "theory of change: the chain has a cycle: \(cycle.joined(separator: " → ")) → \(cycle[0])")
        }
        return out
    }

    /// The first cycle of `leads_to` links found, as the ids along it, or nil.
    static func cycle(in elements: [TheoryOfChange.Element], byId: [String: TheoryOfChange.Element]) -> [String]? {
        var state: [String: Int] = [:]   // 1: on the current path, 2: done
        var path: [String] = []
        func visit(_ id: String) -> [String]? {
            if state[id] == 2 { return nil }
            if state[id] == 1 {
                let start = path.firstIndex(of: id)!
                return Array(path[start...])
            }
            state[id] = 1
            path.append(id)
            for next in byId[id]?.leadsTo ?? [] where byId[next] != nil {
                if let c = visit(next) { return c }
            }
            path.removeLast()
            state[id] = 2
            return nil
        }
        for e in elements where !e.id.isEmpty {
            if let c = visit(e.id) { return c }
        }
        return nil
    }

    /// The problems of `toc` against a study's attribute values (`values[attribute]`, over documents and
    /// participants), reported at the codebook's `path`.
    public static func lint(_ toc: TheoryOfChange, values: [String: Set<String>], path: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func check(_ attribute: String, _ value: String, _ line: Int?, _ what: String) {
            guard let known = values[attribute] else { return }
            if !known.contains(value) {
                let list = known.sorted(by: AttributeOrder.natural).map { "'\($0)'" }.joined(separator: ", ")
                out.append(.error(path, line: line, "theory of change: \(what) '\(value)' is not a value of '\(attribute)' in the study (values: \(list))"))
            }
        }
        for a in [toc.groupAttribute, toc.horizonAttribute] where values[a] == nil {
            let names = values.keys.sorted().joined(separator: ", ")
            out.append(.error(path, line: toc.line, "theory of change: the study has no attribute '\(a)' (attributes: \(names))"))
        }
        for v in toc.shortValues { check(toc.horizonAttribute, v, toc.line, "short horizon value") }
        for v in toc.longValues { check(toc.horizonAttribute, v, toc.line, "long horizon value") }
        for e in toc.elements {
            if let g = e.group { check(toc.groupAttribute, g, e.line, "the group of '\(e.id)'") }
        }
        return out
    }
}

/// Natural order of attribute values for messages ("3-6 mois" before "12 mois").
enum AttributeOrder {
    static func natural(_ a: String, _ b: String) -> Bool { a.compare(b, options: [.numeric, .caseInsensitive]) == .orderedAscending }
}
