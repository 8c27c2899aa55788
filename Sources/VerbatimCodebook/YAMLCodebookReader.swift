import Foundation
import VerbatimModel
import Yams
import VerbatimYAML

/// Reads the YAML form of a codebook into the model, reporting every problem with its line and column.
///
/// The reader checks what only the YAML shows (syntax, value types, unknown keys, rule kinds);
/// `CodebookLinter` then checks the model itself (ids, colours, terms, negation targets...).
struct YAMLCodebookReader {
    let path: String
    /// The lines of the text, to look at what the YAML parser dropped (comments).
    private let lines: [Substring]
    private(set) var diagnostics: [Diagnostic] = []
    /// Linter checks that would only repeat a problem reported here.
    private(set) var skips: Set<CodebookLinter.Skip> = []

    static let codebookKeys = ["codebook", "title", "language", "version", "stem", "themes", "theory_of_change"]
    static let themeKeys = ["id", "label", "labels", "color", "definition", "include", "exclude", "examples",
                            "counterexamples", "rules", "unless", "negation", "roles", "stem", "strict", "themes"]
    static let ruleKinds = ["any", "all", "near"]
    static let ruleOptions = ["within", "ordered"]
    static let termKeys = ["term", "strict", "stem"]

    init(text: String, path: String) {
        self.path = path
        self.lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }

    // MARK: Entry point

    /// Parses `text` and builds the codebook. Throws `CodebookError` when the YAML is not well formed
    /// or is not a mapping; other problems are left in `diagnostics`.
    mutating func read(_ text: String) throws -> Codebook {
        let root: Node?
        do {
            root = try SafeYAML.compose(text, path: path)
        } catch let e as SafeYAML.LimitError {
            throw CodebookError(e.diagnostic)
        } catch let e as YamlError {
            throw CodebookError(Self.syntaxDiagnostic(e, path: path))
        } catch {
            throw CodebookError(.error(path, "cannot read the YAML: \(SystemErrorText.reason(error))"))
        }
        guard let root, !isNull(root) else {
            throw CodebookError(.error(path, "the codebook is empty: expected 'codebook:' and 'themes:'"))
        }
        guard case .mapping(let mapping) = root else {
            throw CodebookError(located(.error, root, "a codebook must be a mapping with 'codebook:' and 'themes:', not \(describe(root))"))
        }
        let keys = entries(mapping, known: Self.codebookKeys, what: "codebook")
        // A missing identifier is reported by the linter.
        let id = string(keys["codebook"]) ?? ""
        let title = string(keys["title"]).flatMap { $0.isEmpty ? nil : $0 } ?? id
        let language = string(keys["language"]).flatMap { $0.isEmpty ? nil : $0 } ?? "en"
        let version = string(keys["version"]).flatMap { $0.isEmpty ? nil : $0 }
        let stem = stemSetting(keys["stem"]) ?? .on
        var themes: [Theme] = []
        if let entry = keys["themes"] {
            themes = readThemes(entry, stem: stem, strict: false)
        }
        var book = Codebook(id: id, title: title, language: language, version: version, themes: themes, path: path)
        if let entry = keys["theory_of_change"] {
            var toc = TheoryOfChangeReader(path: path)
            book.theoryOfChange = toc.read(entry.value)
            diagnostics += toc.diagnostics
        }
        return book
    }

    /// The `path:line:column: error: YAML syntax error: ...` diagnostic for a Yams error.
    static func syntaxDiagnostic(_ error: YamlError, path: String) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line))" }
            return .error(path, line: mark.line, column: mark.column, message)
        case let .reader(problem, _, _, _):
            return .error(path, "YAML syntax error: \(problem)")
        default:
            return .error(path, "YAML syntax error: \(SystemErrorText.reason(error))")
        }
    }

    // MARK: Themes

    /// A `themes:` list: each item a theme mapping.
    private mutating func readThemes(_ entry: Entry, stem: StemSetting, strict: Bool) -> [Theme] {
        if isNull(entry.value) { return [] }
        guard case .sequence(let items) = entry.value else {
            typeError(entry, "a list of themes")
            return []
        }
        return items.compactMap { readTheme($0, stem: stem, strict: strict) }
    }

    private mutating func readTheme(_ node: Node, stem inheritedStem: StemSetting, strict inheritedStrict: Bool) -> Theme? {
        guard case .mapping(let mapping) = node else {
            diagnostics.append(located(.error, node, "a theme must be a mapping with 'id' and 'label', not \(describe(node))"))
            return nil
        }
        let keys = entries(mapping, known: Self.themeKeys, what: "theme")
        var theme = Theme(id: string(keys["id"]) ?? "", label: string(keys["label"]) ?? "", line: node.mark?.line)
        let line = node.mark?.line ?? 0
        let stem = stemSetting(keys["stem"]) ?? inheritedStem
        theme.stem = stem != .off
        theme.looseStem = stem == .loose
        theme.strict = bool(keys["strict"]) ?? inheritedStrict
        theme.labels = stringMap(keys["labels"]) ?? [:]
        theme.color = string(keys["color"])
        if let entry = keys["color"], isNull(entry.value) { checkCommentedColor(entry) }
        theme.definition = text(keys["definition"], skip: .definition, line: line)
        theme.include = string(keys["include"])
        theme.exclude = string(keys["exclude"])
        if let list = stringList(keys["examples"]) { theme.examples = list } else if keys["examples"] != nil {
            skips.insert(.init(line: line, check: .examples))
        }
        if let list = stringList(keys["counterexamples"]) { theme.counterexamples = list } else if keys["counterexamples"] != nil {
            skips.insert(.init(line: line, check: .counterexamples))
        }
        let errorsBefore = errorCount
        if let entry = keys["rules"] { theme.rules = readRules(entry, stem: stem, strict: theme.strict) }
        if let entry = keys["unless"] { theme.unless = readTerms(entry, stem: stem, strict: theme.strict) ?? [] }
        if let entry = keys["negation"] { theme.negation = negation(entry) }
        if let entry = keys["roles"] { theme.roles = roles(entry) ?? [.participant] }
        if let entry = keys["themes"] { theme.children = readThemes(entry, stem: stem, strict: theme.strict) }
        if errorCount > errorsBefore { skips.insert(.init(line: line, check: .empty)) }
        return theme
    }

    private var errorCount: Int { diagnostics.lazy.filter { $0.severity == .error }.count }

    /// A text field such as `definition`; a wrong type also silences the linter's "no definition".
    private mutating func text(_ entry: Entry?, skip: CodebookLinter.Skip.Check, line: Int) -> String? {
        guard let entry else { return nil }
        let before = errorCount
        let value = string(entry)
        if errorCount > before { skips.insert(.init(line: line, check: skip)) }
        return value
    }

    /// `color: #C0392B` without quotes is an empty value followed by a YAML comment: say so.
    private mutating func checkCommentedColor(_ entry: Entry) {
        guard let mark = entry.key.mark, mark.line - 1 < lines.count else { return }
        let line = lines[mark.line - 1]
        guard let colon = line.firstIndex(of: ":") else { return }
        let rest = line[line.index(after: colon)...].drop(while: { $0 == " " || $0 == "\t" })
        if rest.hasPrefix("#") {
            let value = rest.prefix(while: { !$0.isWhitespace })
            diagnostics.append(located(.warning, entry.key, "'color' is empty: '#' starts a YAML comment, write color: \"\(value)\" with quotes"))
        }
    }

    /// `negation: ignore | count | <theme id>` (`count` when absent).
    private mutating func negation(_ entry: Entry) -> NegationPolicy {
        guard let value = string(entry) else { return .count }
        switch value {
        case "ignore": return .ignore
        case "count": return .count
        case "":
            diagnostics.append(located(.error, entry.value, "'negation' must be ignore, count or a theme id, not an empty string"))
            return .count
        default: return .recode(value)
        }
    }

    /// `roles: [participant, interviewer, unknown]`.
    private mutating func roles(_ entry: Entry) -> [Role]? {
        guard let names = stringList(entry) else { return nil }
        var out: [Role] = []
        var valid = true
        for (index, name) in names.enumerated() {
            if let role = Role(rawValue: name.lowercased()) {
                if !out.contains(role) { out.append(role) }
            } else {
                let node = entry.value.sequence.map { Array($0)[index] } ?? entry.value
                diagnostics.append(located(.error, node, "unknown role '\(name)' (use participant, interviewer or unknown)"))
                valid = false
            }
        }
        return valid ? out : nil
    }

    // MARK: Rules and terms

    private mutating func readRules(_ entry: Entry, stem: StemSetting, strict: Bool) -> [Rule] {
        if isNull(entry.value) { return [] }
        guard case .sequence(let items) = entry.value else {
            typeError(entry, "a list of rules")
            return []
        }
        return items.compactMap { readRule($0, stem: stem, strict: strict) }
    }

    private mutating func readRule(_ node: Node, stem: StemSetting, strict: Bool) -> Rule? {
        guard case .mapping(let mapping) = node else {
            diagnostics.append(located(.error, node, "a rule must be a mapping such as 'any: [term, term]', not \(describe(node))"))
            return nil
        }
        // Rule kinds are checked here rather than as unknown keys: an unknown key in a rule is an error.
        var kinds: [(name: String, entry: Entry)] = []
        var options: [String: Entry] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                diagnostics.append(located(.error, key, "a rule key must be a string, not \(describe(key))"))
                continue
            }
            let entry = Entry(key: key, value: value)
            if Self.ruleKinds.contains(name) {
                kinds.append((name, entry))
            } else if Self.ruleOptions.contains(name) {
                if options[name] != nil {
                    duplicateKey(name, key, first: options[name]!.key)
                }
                options[name] = entry
            } else {
                var message = "unknown rule kind '\(name)' (use any, all or near)"
                if let guess = CodebookText.suggestion(for: name, among: Self.ruleKinds + Self.ruleOptions) {
                    message += "; did you mean '\(guess)'?"
                }
                diagnostics.append(located(.error, key, message))
            }
        }
        guard let first = kinds.first else {
            if !options.isEmpty || mapping.isEmpty {
                diagnostics.append(located(.error, node, "a rule needs one of 'any', 'all' or 'near'"))
            }
            return nil
        }
        if kinds.count > 1 {
            let names = kinds.map { "'\($0.name)'" }
            diagnostics.append(located(.error, kinds[1].entry.key,
                                       "a rule has both \(CodebookText.list(names)): write one rule per kind"))
            return nil
        }
        // A rule whose terms could not be read is dropped: the linter would only add "no terms".
        let before = errorCount
        guard let terms = readTerms(first.entry, stem: stem, strict: strict),
              !(terms.isEmpty && errorCount > before) else { return nil }
        let line = node.mark?.line
        switch first.name {
        case "any", "all":
            for (name, entry) in options.sorted(by: { $0.key < $1.key }) {
                diagnostics.append(located(.warning, entry.key, "'\(name)' only applies to 'near' rules; ignored"))
            }
            return Rule(kind: first.name == "any" ? .any : .all, terms: terms, line: line)
        default:
            guard let withinEntry = options["within"] else {
                diagnostics.append(located(.error, first.entry.key, "a 'near' rule needs 'within': the largest distance in words, from 1 to 50"))
                return nil
            }
            guard let within = integer(withinEntry.value) else {
                diagnostics.append(located(.error, withinEntry.value,
                                           "'within' must be a whole number of words from 1 to 50, not \(describe(withinEntry.value))"))
                return nil
            }
            let ordered = bool(options["ordered"]) ?? false
            return Rule(kind: .near(within: within, ordered: ordered), terms: terms, line: line)
        }
    }

    /// A list of terms (`any:`, `all:`, `near:`, `unless:`), or nil after a type error.
    private mutating func readTerms(_ entry: Entry, stem: StemSetting, strict: Bool) -> [Term]? {
        if isNull(entry.value) { return [] }
        guard case .sequence(let items) = entry.value else {
            typeError(entry, "a list of terms")
            return nil
        }
        return items.compactMap { readTerm($0, stem: stem, strict: strict) }
    }

    private mutating func readTerm(_ node: Node, stem: StemSetting, strict: Bool) -> Term? {
        if case .scalar(let scalar) = node {
            return TermParser.term(isNull(node) ? "" : scalar.string, stem: stem, strict: strict)
        }
        if case .mapping(let mapping) = node {
            let keys = entries(mapping, known: Self.termKeys, what: "term")
            guard let termEntry = keys["term"] else {
                diagnostics.append(located(.error, node, "a term mapping needs 'term', as in {term: CAF, strict: true}"))
                return nil
            }
            let text = string(termEntry) ?? ""
            return TermParser.term(text, stem: stemSetting(keys["stem"]) ?? stem, strict: bool(keys["strict"]) ?? strict)
        }
        diagnostics.append(located(.error, node, "a term must be a string or a mapping such as {term: CAF, strict: true}, not \(describe(node))"))
        return nil
    }

    // MARK: Mappings and values

    /// A key and its value in a mapping.
    struct Entry {
        var key: Node
        var value: Node
    }

    /// The entries of a mapping by key, with warnings for unknown keys and errors for repeated ones.
    private mutating func entries(_ mapping: Node.Mapping, known: [String], what: String) -> [String: Entry] {
        var out: [String: Entry] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                diagnostics.append(located(.error, key, "a key must be a string, not \(describe(key))"))
                continue
            }
            let name = scalar.string
            if let first = out[name] {
                duplicateKey(name, key, first: first.key)
                continue
            }
            if !known.contains(name) {
                var message = "unknown key '\(name)' in \(what == "codebook" ? "the codebook" : "a \(what)"), ignored"
                if let guess = CodebookText.suggestion(for: name, among: known) { message += "; did you mean '\(guess)'?" }
                message += " (known keys: \(known.joined(separator: ", ")))"
                diagnostics.append(located(.warning, key, message))
                continue
            }
            out[name] = Entry(key: key, value: value)
        }
        return out
    }

    private mutating func duplicateKey(_ name: String, _ key: Node, first: Node) {
        let at = first.mark.map { " (first at line \($0.line))" } ?? ""
        diagnostics.append(located(.error, key, "duplicate key '\(name)'\(at)"))
    }

    /// A scalar as a trimmed string; nil when absent or null; an error for a list or a mapping.
    private mutating func string(_ entry: Entry?) -> String? {
        guard let entry else { return nil }
        if isNull(entry.value) { return nil }
        guard case .scalar(let scalar) = entry.value else {
            typeError(entry, "a string")
            return nil
        }
        return CodebookText.trimmed(scalar.string)
    }

    /// `true`/`false` (YAML also reads yes/no and on/off); nil when absent or null.
    /// `stem: true | false | loose`.
    private mutating func stemSetting(_ entry: Entry?) -> StemSetting? {
        guard let entry else { return nil }
        if isNull(entry.value) { return nil }
        if case .scalar(let scalar) = entry.value {
            if scalar.string == "loose" { return .loose }
            if let value = Bool.construct(from: scalar) { return value ? .on : .off }
        }
        typeError(entry, "true, false or loose")
        return nil
    }

    private mutating func bool(_ entry: Entry?) -> Bool? {
        guard let entry else { return nil }
        if isNull(entry.value) { return nil }
        guard case .scalar(let scalar) = entry.value, let value = Bool.construct(from: scalar) else {
            typeError(entry, "true or false")
            return nil
        }
        return value
    }

    /// A list of strings; nil when absent, null, or after a type error.
    private mutating func stringList(_ entry: Entry?) -> [String]? {
        guard let entry else { return nil }
        if isNull(entry.value) { return [] }
        guard case .sequence(let items) = entry.value else {
            typeError(entry, "a list of strings")
            return nil
        }
        var out: [String] = []
        for item in items {
            guard case .scalar(let scalar) = item, !isNull(item) else {
                diagnostics.append(located(.error, item, "'\(keyName(entry))' must be a list of strings, but one item is \(describe(item))"))
                return nil
            }
            out.append(CodebookText.trimmed(scalar.string))
        }
        return out
    }

    /// A mapping of strings to strings, such as `labels: {en: Fear}`.
    private mutating func stringMap(_ entry: Entry?) -> [String: String]? {
        guard let entry else { return nil }
        if isNull(entry.value) { return [:] }
        guard case .mapping(let mapping) = entry.value else {
            typeError(entry, "a mapping of language codes to labels, such as {en: Fear of the internet}")
            return nil
        }
        var out: [String: String] = [:]
        for (key, value) in mapping {
            guard case .scalar(let k) = key, case .scalar(let v) = value, !isNull(value) else {
                diagnostics.append(located(.error, value, "'\(keyName(entry))' must map language codes to labels"))
                continue
            }
            out[CodebookText.trimmed(k.string)] = CodebookText.trimmed(v.string)
        }
        return out
    }

    /// A plain whole number.
    private func integer(_ node: Node) -> Int? {
        guard case .scalar(let scalar) = node, !isNull(node) else { return nil }
        return Int(CodebookText.trimmed(scalar.string))
    }

    private mutating func typeError(_ entry: Entry, _ expected: String) {
        diagnostics.append(located(.error, entry.value, "'\(keyName(entry))' must be \(expected), not \(describe(entry.value))"))
    }

    private func keyName(_ entry: Entry) -> String { entry.key.scalar?.string ?? "?" }

    /// Whether a node is YAML's null: an empty plain value, `~` or `null`.
    private func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        guard scalar.style == .plain || scalar.style == .any else { return false }
        return NSNull.construct(from: scalar) != nil
    }

    /// How a node reads in a message: `'text'`, `a list`, `a mapping`, `an empty value`.
    private func describe(_ node: Node) -> String {
        // `if case` rather than `switch`: newer Yams versions add cases to `Node`.
        if case .scalar(let scalar) = node {
            if isNull(node) { return "an empty value" }
            let s = scalar.string
            return s.count > 40 ? "'\(s.prefix(40))...'" : "'\(s)'"
        }
        if case .sequence = node { return "a list" }
        if case .mapping = node { return "a mapping" }
        return "an unexpected value"
    }

    /// A diagnostic at a node's line and column.
    private func located(_ severity: Diagnostic.Severity, _ node: Node, _ message: String) -> Diagnostic {
        Diagnostic(severity, path: path, line: node.mark?.line, column: node.mark?.column, message)
    }
}
