import VerbatimModel

/// One attribute of a study: its inferred type, where it comes from and its values.
public struct AttributeSummary: Sendable {
    public enum Level: String, Sendable { case document, speaker }
    public var name: String
    public var level: Level
    public var type: AttributeType
    /// Distinct values with how many documents (or speakers) have each, most frequent first.
    public var values: [(value: String, count: Int)]
    /// How many documents (or speakers) lack the attribute.
    public var missing: Int

    /// Summarises the document attributes of `transcripts` and the speaker attributes of `participants`.
    public static func summarize(documents: [Attributes], speakers: [Attributes]) -> [AttributeSummary] {
        func build(_ rows: [Attributes], level: Level) -> [AttributeSummary] {
            var order: [String] = []
            var seen = Set<String>()
            for r in rows { for n in r.names where seen.insert(n).inserted { order.append(n) } }
            return order.map { name in
                var counts: [String: Int] = [:]
                var missing = 0
                for r in rows {
                    if let v = r[name], !v.isEmpty { counts[v, default: 0] += 1 } else { missing += 1 }
                }
                let type = AttributeType.infer(counts.keys)
                let values = counts.sorted { a, b in
                    if type == .number, let x = Double(a.key.replacingOccurrences(of: ",", with: ".")),
                       let y = Double(b.key.replacingOccurrences(of: ",", with: ".")) { return x < y }
                    if type == .date { return a.key < b.key }
                    return a.value != b.value ? a.value > b.value : a.key < b.key
                }.map { (value: $0.key, count: $0.value) }
                return AttributeSummary(name: name, level: level, type: type, values: values, missing: missing)
            }
        }
        return build(documents, level: .document) + build(speakers, level: .speaker)
    }
}
