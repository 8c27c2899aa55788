import Foundation
import VerbatimModel

/// What a study declares about speaker labels, and the defaults verbatim applies when it declares nothing.
public struct SpeakerRules: Sendable {
    /// Labels (or names) of interviewers and moderators. Compared ignoring case and accents.
    public var interviewers: [String]
    /// Labels that are participants even if they look like an interviewer's.
    public var participants: [String]
    /// Extra labels to accept even when they occur once.
    public var speakers: [String]
    /// Regular expressions matched at the start of a line; the first capture group (or the whole
    /// match) is the label, and the speech starts after the match.
    public var patterns: [String]
    /// Whose text a document without any speaker label is (`speakers.unlabelled`); nil when the study
    /// does not say, which reads it as one participant's text.
    public var unlabelled: Unlabelled?

    /// What the turns of a document without speaker labels are: a single respondent's written answers, an
    /// unlabelled text, captions without voices.
    public enum Unlabelled: String, Sendable, CaseIterable {
        /// One participant's text: coded, and counted as one unit (the default).
        case participant
        /// The interviewer's or moderator's text: not coded.
        case interviewer
        /// Nobody's: the turns keep the role `unknown` and are not coded.
        case ignore
    }

    public init(interviewers: [String] = [], participants: [String] = [], speakers: [String] = [], patterns: [String] = [],
                unlabelled: Unlabelled? = nil) {
        self.interviewers = interviewers
        self.participants = participants
        self.speakers = speakers
        self.patterns = patterns
        self.unlabelled = unlabelled
    }

    /// The role of the turns of a document without speaker labels (and of subtitle cues without a voice,
    /// in a file where no cue has one).
    public var unlabelledRole: Role {
        switch unlabelled ?? .participant {
        case .participant: return .participant
        case .interviewer: return .interviewer
        case .ignore: return .unknown
        }
    }

    /// Label words that mean "the interviewer or moderator" in French and English.
    public static let defaultInterviewerLabels: [String] = [
        "Enquêteur", "Enquêtrice", "Enquêteurice", "Enquêteur·rice", "Intervieweur", "Intervieweuse", "Interviewer",
        "Interviewers", "Animateur", "Animatrice", "Animateur·rice", "Modérateur", "Modératrice", "Moderator",
        "Facilitator", "Facilitateur", "Facilitatrice", "Chercheur", "Chercheuse", "Researcher", "Interviewer·euse",
        "Question", "Int", "Intv", "I", "Q", "E", "Mod",
    ]

    /// Folds case and accents, and typographic apostrophes, for comparing labels.
    public static func fold(_ s: String) -> String {
        // Fast path: ASCII labels without repeated spaces need only lower-casing.
        // (Checked on the bytes: Foundation's substring search costs more than the folding.)
        var plain = true, previousSpace = true
        for b in s.utf8 {
            if b >= 0x80 || b == 0x09 || (b == 0x20 && previousSpace) { plain = false; break }
            previousSpace = b == 0x20
        }
        if plain && !previousSpace || s.isEmpty {
            return String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
        }
        return LabelParser.collapse(s)
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .replacingOccurrences(of: "’", with: "'")
    }

    static let foldedDefaults: Set<String> = Set(defaultInterviewerLabels.map(fold))

    /// The role of a label: declared participants first, then declared interviewers (also matched by
    /// the label without its civility, "Mme Dupont" = "Dupont"), then the default interviewer words,
    /// alone or followed by a number or a name in parentheses ("Interviewer 2", "Animatrice (Claire)").
    public func role(of label: String, documentInterviewers: [String] = []) -> Role {
        let f = SpeakerRules.fold(label)
        let bare = SpeakerRules.fold(SpeakerRules.withoutCivility(label))
        let p = Set(participants.map(SpeakerRules.fold))
        if p.contains(f) || p.contains(bare) { return .participant }
        let declared = Set((interviewers + documentInterviewers).map(SpeakerRules.fold))
        if declared.contains(f) || declared.contains(bare) { return .interviewer }
        // A declared full name matches a label that is its first name or its surname.
        for d in declared where d.contains(" ") {
            let parts = d.split(separator: " ").map(String.init)
            if parts.contains(f) && f.count >= 3 { return .interviewer }
        }
        if SpeakerRules.foldedDefaults.contains(f) { return .interviewer }
        let words = f.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == "-" || $0 == "_" })
        if let first = words.first, words.count <= 3, SpeakerRules.foldedDefaults.contains(String(first)), first.count > 1 {
            return .interviewer
        }
        // "I1", "Int2", "E1": an interviewer code followed by a number.
        let letters = f.prefix(while: { $0.isLetter })
        let rest = f.dropFirst(letters.count)
        if !rest.isEmpty, rest.allSatisfy({ $0.isNumber }), ["i", "int", "e", "q", "mod"].contains(String(letters)) {
            return .interviewer
        }
        return .participant
    }

    static func withoutCivility(_ s: String) -> String {
        let words = LabelParser.collapse(s).split(separator: " ")
        if words.count >= 2, LabelParser.civilities.contains(String(words[0])) || ["Monsieur", "Madame", "Mademoiselle", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms."].contains(String(words[0])) {
            return words.dropFirst().joined(separator: " ")
        }
        return s
    }

    // MARK: What a label may look like

    /// Words that start a line with a colon in ordinary prose or headings, and are not speakers.
    static let notSpeakers: Set<String> = Set([
        "voila", "bon", "alors", "donc", "mais", "oui", "non", "et", "ben", "bah", "euh", "enfin", "bref", "attention",
        "note", "notes", "remarque", "nb", "ps", "exemple", "conclusion", "resume", "objet", "date", "lieu", "duree",
        "titre", "source", "sources", "theme", "sujet", "break", "pause", "intro", "outro", "music", "musique", "fin",
        "debut", "suite", "merci", "important", "rappel", "ok", "yes", "no", "so", "well", "now", "then", "also",
        "update", "edit", "warning", "tip", "step", "example", "answer", "because", "parce", "transcription",
        "enregistrement", "presents", "presentes", "present", "presente", "participants", "contexte", "lien", "link",
        "url", "email", "e-mail", "tel", "telephone", "adresse", "address", "time", "heure", "chapitre", "partie",
        "section", "annexe", "total", "nota", "ensuite", "puis", "maintenant", "aujourd'hui", "hier", "demain",
        "rires", "rire", "inaudible", "silence", "applause", "laughter", "crosstalk", "incomprehensible", "bruit",
        "coupure", "interruption", "fin de l'enregistrement", "musique", "sonnerie", "toux", "inaudible",
    ])

    static let particles: Set<String> = ["de", "du", "des", "la", "le", "d'", "van", "von", "der", "den", "da", "di",
                                         "del", "dos", "el", "al", "ben", "bin", "y", "et", "and", "of", "l'"]

    /// Whether `label` looks like a speaker's name or code: short, every word capitalised, a particle,
    /// a civility or a number, no sentence punctuation, not a URL scheme or a clock time.
    static func looksLikeName(_ label: String, maxWords: Int = 5) -> Bool {
        if label.isEmpty || label.utf8.count > 60 { return false }
        let f = fold(label)
        if notSpeakers.contains(f) { return false }
        if ["http", "https", "ftp", "mailto", "file", "www", "tel", "urn"].contains(f) { return false }
        if foldedDefaults.contains(f) { return true }
        // Drop a parenthesised part: "Nathalie (fille)".
        var core = label
        if let open = core.firstIndex(of: "("), let close = core.lastIndex(of: ")"), open < close {
            core = String(core[..<open]) + String(core[core.index(after: close)...])
        }
        let words = core.split(whereSeparator: { $0 == " " || $0 == "," })
        if words.isEmpty || words.count > maxWords { return false }
        if words.allSatisfy({ $0.allSatisfy({ $0.isNumber }) }) { return false }
        var sawCapital = false
        for w in words {
            let ws = String(w)
            if particles.contains(ws) || particles.contains(ws.replacingOccurrences(of: "’", with: "'")) { continue }
            guard let c = ws.first else { continue }
            if c.isUppercase { sawCapital = true } else if c.isNumber { } else if ws.count <= 4, ws.contains(where: { $0.isNumber }) {
                // codes like s00, id1, p12
                sawCapital = true
            } else if foldedDefaults.contains(fold(ws)) {
                sawCapital = true
            } else {
                return false
            }
            for ch in ws where !(ch.isLetter || ch.isNumber || ch == "." || ch == "-" || ch == "'" || ch == "’" || ch == "_" || ch == "·") {
                return false
            }
        }
        return sawCapital
    }
}
