/// Which words of a stem a term takes in: a stem joins words of different meaning ("assignment" and
/// "assigned" are both `assign`, "stationnement" and "stations" both `station`, "feeling" and "feel" both
/// `feel`), so by default a stemmed term matches only the inflected forms of its own word.
///
/// A word matches a term word when both have the same stem and both are one base followed by an ending
/// of the language: the term by one of `termEndings` (what a term written as a base form may carry: a
/// plural, a feminine, an infinitive), the word by one of `wordEndings` (plurals, feminines, the endings
/// of conjugation), possibly after a doubled last consonant ("bon" / "bonne", "stop" / "stopped"). So
/// "arnaquer" (`arnaqu` + `er`) takes "arnaque", "arnaqués", "arnaquent"; "assignment" takes
/// "assignments" but not "assigned"; "stationnement" takes "stationnements" but not "stations"; "learn"
/// takes "learned" and "learning"; "feeling" takes "feelings" but not "feel". In French a base in `i`
/// also takes the forms in `y` ("envoie", "envoyer", "envoyé").
///
/// A language without endings here keeps the stem's whole family, as does a term with `stem: loose`.
/// Both forms are compared folded (lower case, without accents).
enum Inflection {
    struct Endings {
        let term: [String]
        let word: Set<String>
        let doubled: Set<String>
        let longestWord: Int
        /// Whether a base ending in `i` also takes the words of its base in `y` ("envoie", "envoyer").
        let yForI: Bool
        init(term: [String], word: [String], doubled: [String], yForI: Bool = false) {
            self.term = term
            self.word = Set(word)
            self.doubled = Set(doubled)
            self.yForI = yForI
            longestWord = word.map(\.utf8.count).max() ?? 0
        }
    }

    static let french = Endings(
        term: ["", "s", "x", "e", "es", "ee", "ees", "er", "ir", "re", "eux", "euse", "if", "ive", "al", "aux", "eur", "euse", "ere"],
        word: [
            // Nouns and adjectives: plurals and feminines.
            "", "s", "x", "e", "es", "ee", "ees", "eux", "euse", "euses", "if", "ifs", "ive", "ives", "al", "ale", "ales", "aux",
            "eur", "eurs", "rice", "rices", "er", "ere", "eres", "ers",
            // Verbs in -er.
            "ent", "ez", "ons", "ai", "as", "a", "ait", "ais", "aient", "ions", "iez", "erai", "eras", "era", "erons", "erez",
            "eront", "erais", "erait", "erions", "eriez", "eraient", "ant", "ants", "ante", "antes", "erent", "at", "ames", "ates",
            "asse", "asses", "assent",
            // Verbs in -ir.
            "ir", "is", "it", "issons", "issez", "issent", "issais", "issait", "issaient", "issions", "issiez", "issant", "i",
            "ie", "ies", "ira", "irai", "iras", "irons", "irez", "iront", "irais", "irait", "iraient", "isse", "isses", "irent",
            // Verbs in -re.
            "re", "t", "u", "ue", "us", "ues", "ra", "rai", "ras", "rons", "rez", "ront", "rais", "rait", "raient",
        ],
        doubled: ["e", "es"], yForI: true)

    static let english = Endings(
        term: ["", "s", "es", "e", "y"],
        word: ["", "s", "es", "ed", "d", "ing", "er", "ers", "est", "ies", "ied", "ier", "iest", "ings"],
        doubled: ["ed", "ing", "er", "ers", "est"])

    /// The endings of `language` (an ISO code or a Snowball name), or nil: the stem's whole family.
    static func endings(_ language: String) -> Endings? {
        switch language.lowercased() {
        case "fr", "french": return french
        case "en", "english": return english
        default: return nil
        }
    }

    /// Whether the folded word `word` is an inflected form of the folded term word `term`.
    static func related(_ word: String, _ term: String, _ endings: Endings) -> Bool {
        if word == term { return true }
        let w = Array(word.utf8), t = Array(term.utf8)
        for ending in endings.term {
            let e = Array(ending.utf8)
            guard t.count > e.count + 1, t.suffix(e.count).elementsEqual(e) else { continue }
            let base = Array(t.prefix(t.count - e.count))
            if inflects(w, base, endings) { return true }
            if endings.yForI, base.last == UInt8(ascii: "i"), inflects(w, base.dropLast() + [UInt8(ascii: "y")], endings) { return true }
        }
        return false
    }

    /// Whether `w` is `base` followed by one of the word endings (or by its doubled last letter and one
    /// of the endings that allow it).
    private static func inflects(_ w: [UInt8], _ base: [UInt8], _ endings: Endings) -> Bool {
        guard w.count >= base.count, w.prefix(base.count).elementsEqual(base) else { return false }
        let rest = w.count - base.count
        if rest > endings.longestWord + 1 { return false }
        if endings.word.contains(String(decoding: w.suffix(rest), as: UTF8.self)) { return true }
        if rest >= 1, let last = base.last, w[base.count] == last,
           endings.doubled.contains(String(decoding: w.suffix(rest - 1), as: UTF8.self)) {
            return true
        }
        return false
    }
}
