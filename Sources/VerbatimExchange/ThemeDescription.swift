/// A theme's definition, inclusion and exclusion criteria and examples in one `Description` text, as
/// REFI-QDA codes have only that one field, and back again.
///
/// ```
/// <definition>
///
/// Include: <criteria>
///
/// Exclude: <criteria>
///
/// Examples:
/// - <example>
///
/// Counterexamples:
/// - <sentence>
/// ```
public struct ThemeDescription: Sendable, Equatable {
    public var definition: String?
    public var include: String?
    public var exclude: String?
    public var examples: [String] = []
    public var counterexamples: [String] = []

    public init(definition: String? = nil, include: String? = nil, exclude: String? = nil, examples: [String] = [], counterexamples: [String] = []) {
        self.definition = definition
        self.include = include
        self.exclude = exclude
        self.examples = examples
        self.counterexamples = counterexamples
    }

    static let includeMark = "Include: ", excludeMark = "Exclude: ", examplesMark = "Examples:", counterMark = "Counterexamples:"

    /// The text, or nil when there is nothing to say.
    public var text: String? {
        var blocks: [String] = []
        if let d = definition, !d.isEmpty { blocks.append(d) }
        if let i = include, !i.isEmpty { blocks.append(Self.includeMark + i) }
        if let e = exclude, !e.isEmpty { blocks.append(Self.excludeMark + e) }
        if !examples.isEmpty { blocks.append(Self.examplesMark + examples.map { "\n- " + Self.oneLine($0) }.joined()) }
        if !counterexamples.isEmpty { blocks.append(Self.counterMark + counterexamples.map { "\n- " + Self.oneLine($0) }.joined()) }
        return blocks.isEmpty ? nil : blocks.joined(separator: "\n\n")
    }

    static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    /// Reads a description back: the marked blocks where they are, the rest as the definition.
    public init(parsing text: String?) {
        guard let text, !text.isEmpty else { return }
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        var definition: [String] = []
        for block in normalized.components(separatedBy: "\n\n") {
            if block.hasPrefix(Self.includeMark) && include == nil {
                include = String(block.dropFirst(Self.includeMark.count))
            } else if block.hasPrefix(Self.excludeMark) && exclude == nil {
                exclude = String(block.dropFirst(Self.excludeMark.count))
            } else if let items = Self.list(block, Self.examplesMark), examples.isEmpty {
                examples = items
            } else if let items = Self.list(block, Self.counterMark), counterexamples.isEmpty {
                counterexamples = items
            } else if include == nil && exclude == nil && examples.isEmpty && counterexamples.isEmpty {
                definition.append(block)
            } else {
                // Text after the marked blocks does not fit them: keep the whole text as the definition.
                self = ThemeDescription(definition: normalized)
                return
            }
        }
        self.definition = definition.isEmpty ? nil : definition.joined(separator: "\n\n")
        if self.text != normalized { self = ThemeDescription(definition: normalized) }
    }

    static func list(_ block: String, _ mark: String) -> [String]? {
        guard block.hasPrefix(mark + "\n- ") else { return nil }
        let lines = block.dropFirst(mark.count + 1).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.allSatisfy({ $0.hasPrefix("- ") }) else { return nil }
        return lines.map { String($0.dropFirst(2)) }
    }
}
