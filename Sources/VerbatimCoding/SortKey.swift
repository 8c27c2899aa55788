extension Coder {
    /// A hit placed in a theme's rule: one of the (theme, rule, slot) places its term occupies.
    struct PlacedHit {
        /// The theme, an index into `CompiledCodebook.themes`.
        var theme: Int32
        /// The rule, an index into the theme's rules; -1 for an `unless` exclusion term.
        var rule: Int32
        /// The term's place in the rule (which of the terms of an `all` or `near` rule it is).
        var slot: Int32
        /// The hit, an index into the unit's hits.
        var hit: Int32
    }
}

/// A placed hit packed into one integer that sorts like (theme, rule, slot, hit), so that a unit's
/// placed hits are sorted as plain integers: the theme in the top 16 bits, the rule plus one in the
/// next 16 (exclusion terms, rule -1, sort first as 0), the slot in the next 8, and the hit's index in
/// the low 24.
///
/// The field widths set limits: `CompiledCodebook` checks the codebook's themes, rules and slots
/// against them when it compiles (see `CodebookLimits`), and the coder sorts a unit with more hits
/// than the hit field holds without packing them.
enum SortKey {
    /// The number of themes whose indices fit in 16 bits: 65,536.
    static let themeLimit = 1 << 16
    /// The number of rules per theme whose indices, plus one, fit in 16 bits: 65,535.
    static let ruleLimit = (1 << 16) - 1
    /// The number of slots whose indices fit in 8 bits: 256, the most terms of an `all` or `near` rule.
    static let slotLimit = 1 << 8
    /// The number of hits of a unit whose indices fit in 24 bits: 16,777,216.
    static let hitLimit = 1 << 24

    /// The key of the place (`theme`, `rule`, `slot`) of hit number `hit`. Each value must be below its
    /// limit (the rule may be -1); bits beyond a field's width would be lost.
    @inline(__always)
    static func pack(theme: Int32, rule: Int32, slot: Int32, hit: Int) -> UInt64 {
        UInt64(UInt16(truncatingIfNeeded: theme)) << 48 | UInt64(UInt16(truncatingIfNeeded: rule &+ 1)) << 32
            | UInt64(UInt8(truncatingIfNeeded: slot)) << 24 | UInt64(UInt32(truncatingIfNeeded: hit) & 0xFF_FFFF)
    }

    /// The place and hit a key was packed from.
    @inline(__always)
    static func unpack(_ key: UInt64) -> Coder.PlacedHit {
        Coder.PlacedHit(theme: Int32(key >> 48), rule: Int32((key >> 32) & 0xFFFF) - 1,
                        slot: Int32((key >> 24) & 0xFF), hit: Int32(key & 0xFF_FFFF))
    }
}
