/// The codebook's prefix terms as bytes, listed by first byte (in index order), for `analyzeLatin`.
struct PrefixTable {
    let bytes: [[UInt8]]
    let strict: [Bool]
    private let byFirst: [[Int32]]
    private let empty: [Int32]

    init(_ prefixes: [(text: String, strict: Bool)]) {
        bytes = prefixes.map { Array($0.text.utf8) }
        strict = prefixes.map(\.strict)
        var t = [[Int32]](repeating: [], count: 256)
        var e: [Int32] = []
        for (k, p) in bytes.enumerated() {
            if let f = p.first { t[Int(f)].append(Int32(k)) } else { e.append(Int32(k)) }
        }
        byFirst = t
        empty = e
    }

    /// The prefixes that can match a word whose folded and raw forms start with these bytes, in index
    /// order.
    func bucket(_ foldedFirst: UInt8, _ rawFirst: UInt8) -> [Int32] {
        if empty.isEmpty && foldedFirst == rawFirst { return byFirst[Int(foldedFirst)] }
        var all = empty + byFirst[Int(foldedFirst)]
        if rawFirst != foldedFirst { all += byFirst[Int(rawFirst)] }
        return all.sorted()
    }
}
