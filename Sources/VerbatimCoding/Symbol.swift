/// What a word symbol stands for: a word is turned into the symbols it matches, and a term's words
/// into one symbol each, so that phrases are matched as paths of symbols in the codebook's trie.
enum SymbolKind: Int32 {
    /// A stem (`peur` for `peurs`), for terms matched with stemming.
    case stem = 0
    /// A word lower-cased and without accents, for terms matched without stemming.
    case folded = 1
    /// A word as written (but for its apostrophes), for strict terms.
    case raw = 2
    /// A prefix (`angoiss*`), folded or as written.
    case prefix = 3
}

/// A symbol packed into an `Int32`: its kind shifted by 24 bits, and its id (its index among the
/// codebook's symbols of that kind) in the low 24 bits.
enum Symbol {
    /// How far the kind is shifted.
    static let kindShift: Int32 = 24
    /// The number of ids that fit in 24 bits: 16,777,216 per kind. `CompiledCodebook` leaves out the
    /// terms that would need more (see `CodebookLimits`); a larger id would spill into the kind.
    static let idLimit = 1 << 24

    /// The symbol of kind `kind` and id `id` (below `idLimit`).
    @inline(__always)
    static func make(_ kind: SymbolKind, _ id: Int32) -> Int32 { kind.rawValue << kindShift | id }
}
