/// Which words of a unit a negation reaches, word by word: a hit is negated when a negating word comes
/// before its first word, at most `window` words before it, in the same clause.
///
/// A clause ends at clause or sentence punctuation (`, ; : ( ) " [ ] . ! ? …`, line breaks) and at a
/// breaking word (`mais`, `but`...: `NegationWords.breakers`). `plus` negates ("je n'ai plus peur", "plus
/// jamais") but after a word that makes it "more" ("de plus", "le plus": `NegationWords.unnegators`).
struct NegationScope {
    /// How many words after a negating word its negation reaches.
    let window: Int
    /// The index of the first word of the current clause.
    private var scopeStart = 0
    /// The index of the last negating word, and its byte range.
    private var lastNegator = -1_000_000
    private var lastNegatorStart = 0, lastNegatorEnd = 0
    /// Whether the previous word makes a following `plus` mean "more".
    private var previousUnnegates = false

    init(window: Int) { self.window = window }

    /// Notes the word `index` (at bytes `start..<end`, with `TokenInfo` flags `flags`), which comes
    /// after clause punctuation when `breakBefore`.
    @inline(__always)
    mutating func see(_ index: Int, start: Int, end: Int, flags: UInt8, breakBefore: Bool) {
        if breakBefore { scopeStart = index }
        if flags != 0 {
            if flags & TokenInfo.breaker != 0 { scopeStart = index + 1 }
            if flags & TokenInfo.negator != 0 || (flags & TokenInfo.plus != 0 && !previousUnnegates) {
                lastNegator = index
                lastNegatorStart = start
                lastNegatorEnd = end
            }
            previousUnnegates = flags & TokenInfo.unnegates != 0
        } else {
            previousUnnegates = false
        }
    }

    /// The byte range of the negating word that reaches a hit starting at word `index` (the last word
    /// seen), or nil.
    @inline(__always)
    func negation(at index: Int) -> Range<Int>? {
        (lastNegator >= scopeStart && index - lastNegator <= window && lastNegator < index) ? lastNegatorStart..<lastNegatorEnd : nil
    }
}
