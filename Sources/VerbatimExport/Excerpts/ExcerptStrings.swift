/// The words excerpt reports print, in the study's language (French or English; English otherwise).
public struct ExcerptStrings: Sendable, Equatable {
    /// ISO 639-1 code of the language actually used.
    public let language: String

    /// The strings for `language` (`fr`, `fr-FR`... give French; anything else English).
    public init(language: String) {
        self.language = OutputLanguage.code(language)
    }

    var fr: Bool { language == "fr" }

    /// `Extraits` / `Excerpts`.
    public var excerpts: String { fr ? "Extraits" : "Excerpts" }
    /// The word before a turn number in an attribution: `tour 12` / `turn 12`.
    public var turn: String { fr ? "tour" : "turn" }
    /// The neutral name given to a participant whose label is a name missing from the names table.
    public var participant: String { "Participant" }
    /// The neutral name given to an interviewer whose label is a name missing from the names table.
    public var interviewer: String { fr ? "Enquêteur" : "Interviewer" }
    /// `Aucun extrait.` / `No excerpt.`
    public var noExcerpt: String { fr ? "Aucun extrait." : "No excerpt." }
    /// The colon after a speaker label, with French spacing in French.
    public var colon: String { OutputLanguage.colon(french: fr) }
    /// The BCP 47 tag for word processors.
    public var languageTag: String { fr ? "fr-FR" : "en-GB" }

    /// `Extraits — Les Connectés`.
    public func title(study: String) -> String { "\(excerpts) — \(study)" }

    /// `3 extraits sur 12` / `3 excerpts of 12` (or `12 extraits` when all are shown).
    public func count(_ shown: Int, of total: Int) -> String {
        let noun = fr ? (shown > 1 ? "extraits" : "extrait") : (shown == 1 ? "excerpt" : "excerpts")
        if shown == total { return "\(shown) \(noun)" }
        return fr ? "\(shown) \(noun) sur \(total)" : "\(shown) \(noun) of \(total)"
    }

    /// The report's subtitle: codebook and whether names are pseudonyms.
    public func subtitle(codebook: String, pseudonymized: Bool, source: String? = nil) -> String {
        if fr {
            return "Grille de codage : \(codebook). " + (source.map(sourceNote) ?? "")
                + (pseudonymized ? "Noms remplacés par des pseudonymes." : "Noms réels (--real-names) : ne pas diffuser.")
        }
        return "Codebook: \(codebook). " + (source.map(sourceNote) ?? "")
            + (pseudonymized ? "Names replaced by pseudonyms." : "Real names (--real-names): do not circulate.")
    }

    /// Which codings the excerpts come from, in a few words, ending with a space.
    func sourceNote(_ source: String) -> String {
        switch (source, fr) {
        case ("reviewed", true): return "Codages confirmés par un codeur seulement. "
        case ("reviewed", false): return "Codings a coder confirmed only. "
        case ("manual", true): return "Codages manuels seulement. "
        case ("manual", false): return "Manual codings only. "
        case ("rules", true): return "Codages des règles seulement. "
        case ("rules", false): return "The rules' codings only. "
        case (_, true): return "Codages manuels et acceptés, et ceux des règles que personne n’a rejetés. "
        case (_, false): return "Manual and accepted codings, and the rules' codings nobody rejected. "
        }
    }

    /// `Définition` / `Definition`.
    public var definition: String { fr ? "Définition" : "Definition" }
}
