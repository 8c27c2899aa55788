/// The words of the interface, in French when the study's language is French, else in English.
struct UIText: Sendable {
    let french: Bool

    init(language: String) { french = language.lowercased().hasPrefix("fr") }

    /// The English text, or its French translation.
    func s(_ english: String, _ french: String) -> String { self.french ? french : english }
    /// A count's noun in the page's language: singular for 1 (and, in French, for 0), plural otherwise.
    func n(_ count: Int, _ enOne: String, _ enMany: String, _ frOne: String, _ frMany: String) -> String {
        self.french ? (count <= 1 ? frOne : frMany) : (count == 1 ? enOne : enMany)
    }

    var lang: String { french ? "fr" : "en" }

    func role(_ raw: String) -> String {
        switch raw {
        case "interviewer": return s("interviewer", "enquêteur")
        case "participant": return s("participant", "participant")
        default: return s("unknown", "inconnu")
        }
    }

    func status(_ raw: String) -> String {
        switch raw {
        case "suggested": return s("suggested", "suggéré")
        case "accepted": return s("accepted", "accepté")
        case "rejected": return s("rejected", "rejeté")
        case "manual": return s("manual", "manuel")
        default: return raw
        }
    }

    /// `1 word`, `2 words`.
    func count(_ n: Int, _ one: String, _ many: String, _ unFr: String, _ plusieursFr: String) -> String {
        "\(n) " + (n == 1 ? s(one, unFr) : s(many, plusieursFr))
    }
}
