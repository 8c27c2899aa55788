/// Which words of a unit a negation reaches, word by word: a hit is negated when a negating word comes
/// before its first word, at most `window` words before it, in the same clause.
///
/// A clause ends at clause or sentence punctuation (`, ; : ( ) " [ ] . ! ? …`, line breaks) and at a
/// breaking word (`mais`, `but`...: `NegationWords.breakers`). `plus` negates ("je n'ai plus peur", "plus
/// jamais") but after a word that makes it "more" ("de plus", "le plus": `NegationWords.unnegators`), and
/// not when a `que`/`qu'` follows it within `NegationWords.comparisonWindow` words of the same clause
/// ("plus à l'aise sur la tablette qu'avant", a comparison; but "ce que" is a relative and "depuis que"
/// a conjunction: "plus peur de ce que je fais" stays negated, `NegationWords.notComparison`). `pas` directly
/// followed by `mal` is "quite a lot" or "not bad", not a negation ("j'ai pas mal appris").
///
/// A cancelled negation falls back on the negating word seen before it, if any ("je ne suis pas plus
/// rassurée qu'avant" is still negated by "ne"). A comparison is only known at its `que`, after hits
/// between `plus` and `que` were found: those are listed in `cancelled`, for `Coder` to correct
/// (see `reachingNegation(of:in:)`).
struct NegationScope {
    /// How many words after a negating word its negation reaches.
    let window: Int
    /// The index of the first word of the current clause.
    private var scopeStart = 0
    /// The index of the last negating word, and its byte range.
    private var lastNegator = -1_000_000
    private var lastNegatorStart = 0, lastNegatorEnd = 0
    /// Whether the last negating word is `plus`, or `pas`.
    private var lastIsPlus = false, lastIsPas = false
    /// The negating word before the last one (what a cancelled one falls back on).
    private var priorNegator = -1_000_000
    private var priorNegatorStart = 0, priorNegatorEnd = 0
    /// Whether the previous word makes a following `plus` mean "more".
    private var previousUnnegates = false
    /// Whether the previous word is `ce`, `depuis`... (then `que` is a relative or a conjunction).
    private var previousIsCe = false
    /// Comparative `plus` found after hits that it was taken to negate (rare: the fast path never
    /// looks at it).
    private(set) var cancelled: [Cancelled] = []

    /// A `plus` that turned out to be a comparison: hits whose negation is its byte range get the
    /// negation of the word before it, when that one reaches them.
    struct Cancelled {
        var start: Int
        var scopeStart: Int
        var prior: Int
        var priorRange: Range<Int>
    }

    init(window: Int) { self.window = window }

    /// Notes the word `index` (at bytes `start..<end`, with `TokenInfo` flags `flags`), which comes
    /// after clause punctuation when `breakBefore`.
    @inline(__always)
    mutating func see(_ index: Int, start: Int, end: Int, flags: UInt8, breakBefore: Bool) {
        if breakBefore { scopeStart = index }
        if flags != 0 {
            if flags & TokenInfo.breaker != 0 { scopeStart = index + 1 }
            if flags & TokenInfo.negator != 0 || (flags & TokenInfo.plus != 0 && !previousUnnegates) {
                priorNegator = lastNegator
                priorNegatorStart = lastNegatorStart
                priorNegatorEnd = lastNegatorEnd
                lastNegator = index
                lastNegatorStart = start
                lastNegatorEnd = end
                lastIsPlus = flags & TokenInfo.plus != 0
                lastIsPas = flags & TokenInfo.pas != 0
            } else if flags & TokenInfo.mal != 0 && lastIsPas && lastNegator == index - 1 {
                fallBack()
            } else if flags & TokenInfo.que != 0 && lastIsPlus && !previousIsCe && lastNegator >= scopeStart
                        && index - lastNegator <= NegationWords.comparisonWindow {
                if index - lastNegator > 1 {
                    cancelled.append(Cancelled(start: lastNegatorStart, scopeStart: scopeStart, prior: priorNegator,
                                               priorRange: priorNegatorStart..<priorNegatorEnd))
                }
                fallBack()
            }
            previousUnnegates = flags & TokenInfo.unnegates != 0
            previousIsCe = flags & TokenInfo.ce != 0
        } else {
            previousUnnegates = false
            previousIsCe = false
        }
    }

    /// The last negating word is not one: the one before it is the last again.
    @inline(__always)
    private mutating func fallBack() {
        lastNegator = priorNegator
        lastNegatorStart = priorNegatorStart
        lastNegatorEnd = priorNegatorEnd
        lastIsPlus = false
        lastIsPas = false
        priorNegator = -1_000_000
    }

    /// The byte range of the negating word that reaches a hit starting at word `index` (the last word
    /// seen), or nil.
    @inline(__always)
    func negation(at index: Int) -> Range<Int>? {
        (lastNegator >= scopeStart && index - lastNegator <= window && lastNegator < index) ? lastNegatorStart..<lastNegatorEnd : nil
    }

    /// The negation that reaches a hit starting at word `first` whose negation was taken to be
    /// `negation`, once the unit's comparisons are known.
    func reachingNegation(of negation: Range<Int>?, first: Int) -> Range<Int>? {
        guard let negation else { return nil }
        var current: Range<Int>? = negation
        // A cancelled plus may fall back on another cancelled plus: follow the chain.
        while let n = current, let c = cancelled.last(where: { $0.start == n.lowerBound }) {
            current = (c.prior >= c.scopeStart && first - c.prior <= window && c.prior < first) ? c.priorRange : nil
        }
        return current
    }
}
