import Foundation
import VerbatimModel

/// Copies of the compiled codebook's per-unit tables, owned by one coder (see `Coder.tables`), and the
/// trie's flat arrays, which are read-only and never retained.
struct CoderTables {
    /// Copies of `CompiledCodebook.places`, `placeStart`, `ruleInfos`, `ruleBase`, `negationModes` and
    /// `roleMasks`, freed by `deallocate()`.
    let places: UnsafeMutablePointer<CompiledCodebook.Place>
    let placeStart: UnsafeMutablePointer<Int32>
    let ruleInfos: UnsafeMutablePointer<CompiledCodebook.RuleInfo>
    let ruleBase: UnsafeMutablePointer<Int32>
    let negationModes: UnsafeMutablePointer<CompiledCodebook.NegationMode>
    let roleMasks: UnsafeMutablePointer<UInt8>
    /// The compiled codebook's own trie arrays (see `CompiledCodebook.outputStart`).
    let outputStart: UnsafeMutablePointer<Int32>
    let outputCount: UnsafeMutablePointer<Int32>
    let outputTerms: UnsafeMutablePointer<Int32>
    let hasChildren: UnsafeMutablePointer<Bool>
    /// Whether the codebook has regular-expression terms (the coder then keeps each word's offset).
    let hasRegexes: Bool

    init(_ c: CompiledCodebook) {
        func copy<T>(_ a: [T]) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, a.count))
            _ = UnsafeMutableBufferPointer(start: p, count: a.count).initialize(from: a)
            return p
        }
        places = copy(c.places)
        placeStart = copy(c.placeStart)
        ruleInfos = copy(c.ruleInfos)
        ruleBase = copy(c.ruleBase)
        negationModes = copy(c.negationModes)
        roleMasks = copy(c.roleMasks)
        outputStart = c.outputStart
        outputCount = c.outputCount
        outputTerms = c.outputTerms
        hasChildren = c.hasChildren
        hasRegexes = !c.regexes.isEmpty
    }

    /// Frees the copies (the trie's arrays belong to the compiled codebook).
    func deallocate() {
        places.deallocate()
        placeStart.deallocate()
        ruleInfos.deallocate()
        ruleBase.deallocate()
        negationModes.deallocate()
        roleMasks.deallocate()
    }
}
