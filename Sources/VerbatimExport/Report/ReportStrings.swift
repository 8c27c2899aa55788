import Foundation

/// The words of a study report in its language: French for a French study, English otherwise.
///
/// Numbers follow the language too: `64 %` and `0,014` in French, `64%` and `0.014` in English.
public struct ReportStrings: Sendable, Equatable {
    /// ISO 639-1 code of the language used (`fr` or `en`).
    public let language: String

    /// The strings for `language` (`fr`, `fr-FR`... give French; anything else English).
    public init(language: String) {
        self.language = OutputLanguage.code(language)
    }

    var fr: Bool { language == "fr" }

    // MARK: Headings

    /// `Rapport d'analyse` / `Analysis report`.
    public var reportKind: String { fr ? "Rapport d’analyse" : "Analysis report" }
    /// `Sommaire` / `Contents`.
    public var contents: String { fr ? "Sommaire" : "Contents" }
    /// `Corpus`.
    public var corpus: String { "Corpus" }
    /// The frequency section's heading: `Thèmes par groupe`.
    public func frequencies(_ attribute: String) -> String {
        fr ? "Thèmes par \(attributeName(attribute).lowercased())" : "Themes by \(attributeName(attribute).lowercased())"
    }
    /// The frequency section's heading for `matrix`: by its attribute, or `Fréquence des thèmes` when it
    /// has only the total.
    public func frequencies(of matrix: ReportMatrix) -> String {
        guard let a = matrix.attributes.first, !matrix.columns.isEmpty else { return fr ? "Fréquence des thèmes" : "Theme frequencies" }
        return frequencies(a)
    }
    /// The heatmap's heading: `Thèmes × territoires`.
    public func heatmap(_ attribute: String) -> String {
        "\(fr ? "Thèmes" : "Themes") × \(attributePlural(attribute))"
    }
    /// `Comparaisons` / `Comparisons`.
    public var comparisons: String { fr ? "Comparaisons" : "Comparisons" }
    /// `Par contexte` / `By context`.
    public func by(_ attribute: String) -> String {
        (fr ? "Par " : "By ") + attributeName(attribute).lowercased()
    }
    /// `Thèmes associés` / `Themes coded together`.
    public var cooccurrence: String { fr ? "Thèmes associés" : "Themes coded together" }
    /// `Thèmes et verbatims` / `Themes and verbatims`.
    public var themes: String { fr ? "Thèmes et verbatims" : "Themes and verbatims" }
    /// `Annexe : grille de codage` / `Appendix: codebook`.
    public var codebookAppendix: String { fr ? "Annexe : grille de codage" : "Appendix: codebook" }
    /// `Annexe : documents` / `Appendix: documents`.
    public var documentsAppendix: String { fr ? "Annexe : documents" : "Appendix: documents" }
    /// `D'où viennent les chiffres` / `Where the numbers come from`.
    public var provenance: String { fr ? "D’où viennent les chiffres" : "Where the numbers come from" }

    // MARK: Labels

    /// `Documents`.
    public var documents: String { "Documents" }
    /// `Participants` (participant units).
    public var participants: String { "Participants" }
    /// `Mots` / `Words`.
    public var words: String { fr ? "Mots" : "Words" }
    /// `Codages` / `Codings`.
    public var codings: String { fr ? "Codages" : "Codings" }
    /// `Unités codées` / `Coded units`.
    public var codedUnits: String { fr ? "Unités codées" : "Coded units" }
    /// `Thèmes` / `Themes`.
    public var themeCount: String { fr ? "Thèmes" : "Themes" }
    /// `Total`.
    public var total: String { "Total" }
    /// `(sans valeur)` / `(no value)`.
    public var noValue: String { fr ? "(sans valeur)" : "(no value)" }
    /// `Thème` / `Theme`.
    public var theme: String { fr ? "Thème" : "Theme" }
    /// `Test`.
    public var test: String { "Test" }
    /// `p`.
    public var p: String { "p" }
    /// `V`.
    public var v: String { "V" }
    /// `Avertissements` / `Warnings`.
    public var warnings: String { fr ? "Avertissements" : "Warnings" }
    /// `Avec` / `With`.
    public var with: String { fr ? "Avec" : "With" }
    /// `Ensemble` / `Both`.
    public var both: String { fr ? "Ensemble" : "Both" }
    /// `Jaccard`.
    public var jaccard: String { "Jaccard" }
    /// `Définition` / `Definition`.
    public var definition: String { fr ? "Définition" : "Definition" }
    /// `Inclure` / `Include`.
    public var include: String { fr ? "Inclure" : "Include" }
    /// `Exclure` / `Exclude`.
    public var exclude: String { fr ? "Exclure" : "Exclude" }
    /// `Règles` / `Rules`.
    public var rules: String { fr ? "Règles" : "Rules" }
    /// `Sauf si` / `Unless`.
    public var unless: String { fr ? "Sauf si" : "Unless" }
    /// `Négation` / `Negation`.
    public var negation: String { fr ? "Négation" : "Negation" }
    /// `Rôles` / `Roles`.
    public var roles: String { fr ? "Rôles" : "Roles" }
    /// `Sous-thèmes` / `Sub-themes`.
    public var subThemes: String { fr ? "Sous-thèmes" : "Sub-themes" }
    /// `Verbatims`.
    public var excerpts: String { "Verbatims" }
    /// `Document`.
    public var document: String { "Document" }
    /// `Date`.
    public var date: String { "Date" }
    /// `Valeur` / `Value`.
    public var value: String { fr ? "Valeur" : "Value" }
    /// `Grille de codage` / `Codebook`.
    public var codebook: String { fr ? "Grille de codage" : "Codebook" }
    /// The colon after a label, with French spacing in French.
    public var colon: String { OutputLanguage.colon(french: fr) }
    /// `retour au sommaire` / `back to contents`.
    public var backToTop: String { fr ? "↑ sommaire" : "↑ contents" }

    /// The label of an attribute: `Groupe`, `Territoire`, `Contexte`, `Vague`; other names as they are.
    public func attributeName(_ name: String) -> String {
        switch ReportStrings.fold(name) {
        case "group", "groupe", "stakeholder": return fr ? "Groupe" : "Group"
        case "territory", "territoire", "site", "terrain": return fr ? "Territoire" : "Territory"
        case "context", "contexte": return fr ? "Contexte" : "Context"
        case "wave", "vague": return fr ? "Vague" : "Wave"
        case "departement", "department": return fr ? "Département" : "Département"
        case "gender", "genre", "sexe": return fr ? "Genre" : "Gender"
        case "age_band", "age", "tranche_age": return fr ? "Âge" : "Age"
        case "mode": return "Mode"
        case "type": return "Type"
        default:
            guard let first = name.first else { return name }
            return first.uppercased() + name.dropFirst()
        }
    }

    /// The plural of an attribute for headings: `territoires`, `vagues`.
    public func attributePlural(_ name: String) -> String {
        switch ReportStrings.fold(name) {
        case "group", "groupe", "stakeholder": return fr ? "groupes" : "groups"
        case "territory", "territoire", "site", "terrain": return fr ? "territoires" : "territories"
        case "context", "contexte": return fr ? "contextes" : "contexts"
        case "wave", "vague": return fr ? "vagues" : "waves"
        default: return name
        }
    }

    /// `rural · 12 mois` joined attribute names: `Contexte × Vague`.
    public func attributesName(_ names: [String]) -> String { names.map(attributeName).joined(separator: " × ") }

    // MARK: Sentences

    /// The report's subtitle: codebook and pseudonyms.
    public func subtitle(codebook: String, version: String?, pseudonymized: Bool) -> String {
        let book = codebook + (version.map { " v\($0)" } ?? "")
        if fr {
            return "Grille de codage \(book). " + (pseudonymized ? "Noms remplacés par des pseudonymes." : "Noms réels (--real-names) : ne pas diffuser.")
        }
        return "Codebook \(book). " + (pseudonymized ? "Names replaced by pseudonyms." : "Real names (--real-names): do not circulate.")
    }

    /// How n/N is read, under the frequency charts and matrices.
    public var nOverN: String {
        fr ? "n/N : n = participants qui évoquent le thème au moins une fois ; N = tous les participants du groupe, qu’ils évoquent un thème ou non. Un participant est un membre de focus group identifié dans le tableau des participants, sinon le document entier (un entretien). Les tours des enquêteurs et des animateurs ne sont jamais comptés. Un thème parent compte une seule fois un participant qui évoque plusieurs de ses sous-thèmes."
            : "n/N: n = participants who mention the theme at least once; N = all the participants of the group, whether they mention a theme or not. A participant is a focus-group member listed in the participants table, otherwise the whole document (an interview). Interviewer and moderator turns are never counted. A parent theme counts a participant who mentions several of its sub-themes once."
    }

    /// The small-N flag's note.
    public func smallN(_ minN: Int) -> String {
        fr ? "† N inférieur à \(minN) : un pourcentage sur si peu de participants est instable."
            : "† N under \(minN): a percentage on so few participants is unstable."
    }

    /// What the tests are.
    public func testsNote(themes: Int) -> String {
        fr ? "Test par thème : participants qui évoquent / n’évoquent pas le thème × colonnes. Fisher = test exact de Fisher (tableau 2 × 2) ; Freeman–Halton = son extension aux tableaux plus grands, quand les effectifs attendus sont faibles (règle de Cochran) ; χ² = test du khi-deux de Pearson (ddl entre parenthèses). V = V de Cramér (0 : aucune association, 1 : association complète). En gras : p < 0,05. Les valeurs de p ne sont pas corrigées pour les \(themes) thèmes testés : une valeur isolée sous 0,05 peut être due au hasard."
            : "Test per theme: participants who mention / do not mention the theme × columns. Fisher = Fisher's exact test (2 × 2 table); Freeman–Halton = its extension to larger tables, used when expected counts are small (Cochran's rule); χ² = Pearson's chi-square test (df in brackets). V = Cramér's V (0: no association, 1: complete association). In bold: p < 0.05. The p-values are not corrected for testing \(themes) themes: a single value under 0.05 may be chance."
    }

    /// The column of the test on documents.
    public var pDocuments: String { fr ? "p (documents)" : "p (documents)" }

    /// Beside the tests when participant units share documents (focus groups).
    public func sharedNote(units: Int, documents: Int) -> String {
        fr ? "\(units) participants partagent \(documents) document\(documents > 1 ? "s" : "") (groupes de discussion) : les membres d’une même discussion ne sont pas indépendants, le test sur les participants surestime donc la significativité. « p (documents) » est le même test sur les documents (chaque document compté une fois, verbatim matrix --per document)."
            : "\(units) participants share \(documents) document\(documents > 1 ? "s" : "") (focus groups): members of one discussion are not independent, so the test on participants overstates significance. 'p (documents)' is the same test on documents (each document counted once, verbatim matrix --per document)."
    }

    /// What the report could not code: documents of unknown role (not in N), turns of unknown role.
    public func notCodedNotes(_ p: ReportProvenance) -> [String] {
        var out: [String] = []
        if !p.uncodableDocuments.isEmpty {
            let n = p.uncodableDocuments.count
            let list = zip(p.uncodableDocuments, p.uncodableTurns).map { "\($0) (\($1) \(fr ? "tour" : "turn")\($1 > 1 ? "s" : ""))" }.joined(separator: ", ")
            out.append(fr ? "\(n) document\(n > 1 ? "s" : "") non codé\(n > 1 ? "s" : "") et hors des effectifs : \(list) ; aucun tour qu’un thème code (rôle inconnu ou enquêteur seulement) : nommer les locuteurs, ou voir speakers.unlabelled dans verbatim.yaml."
                : "\(n) document\(n > 1 ? "s" : "") not coded and not in N: \(list); no turn a theme codes (unknown role, or interviewers only): label the speakers, or see speakers.unlabelled in verbatim.yaml.")
        }
        if p.unknownTurns > 0 {
            let n = p.unknownTurns
            out.append(fr ? "\(n) tour\(n > 1 ? "s" : "") de parole de rôle inconnu non codé\(n > 1 ? "s" : "")." : "\(n) turn\(n > 1 ? "s" : "") of unknown role not coded.")
        }
        return out
    }

    /// Which participant units the report keeps (`--where`).
    public func filtersNote(_ filters: [String]) -> String {
        fr ? "Seuls les participants où \(filters.joined(separator: " et ")) sont analysés." : "Only the participant units where \(filters.joined(separator: " and ")) are analysed."
    }

    /// Units left out of a matrix for want of a value.
    public func excluded(_ n: Int, attributes: [String]) -> String {
        let names = attributes.map(attributeName).joined(separator: fr ? " ou " : " or ")
        return fr ? "\(n) participant\(n > 1 ? "s" : "") sans valeur pour \(names) laissé\(n > 1 ? "s" : "") de côté."
            : "\(n) participant\(n == 1 ? "" : "s") without a value for \(names) left out."
    }

    /// The co-occurrence note.
    public func cooccurrenceNote(total: Int, unit: String, shown: Int, of count: Int, leavesOnly: Bool) -> String {
        let u = unitName(unit, plural: true)
        if fr {
            return "Paires de thèmes codés dans la même unité (\(u)) : les \(shown) plus fréquentes sur \(count)"
                + (leavesOnly ? ", entre thèmes sans sous-thèmes" : "") + ", parmi \(format(total)) unités codées. "
                + "Jaccard = ensemble / (thème + avec − ensemble) : la part des unités de l’un ou l’autre thème où les deux sont codés."
        }
        return "Pairs of themes coded in the same unit (\(u)): the \(shown) most frequent of \(count)"
            + (leavesOnly ? ", among themes without sub-themes" : "") + ", out of \(format(total)) coded units. "
            + "Jaccard = both / (theme + with − both): the share of the units of either theme where both are coded."
    }

    /// `tours` / `turns`.
    public func unitName(_ unit: String, plural: Bool) -> String {
        switch unit {
        case "turn": return fr ? (plural ? "tours de parole" : "tour de parole") : (plural ? "turns" : "turn")
        case "sentence": return fr ? (plural ? "phrases" : "phrase") : (plural ? "sentences" : "sentence")
        case "paragraph": return fr ? (plural ? "paragraphes" : "paragraphe") : (plural ? "paragraphs" : "paragraph")
        default: return unit
        }
    }

    /// `3 verbatims sur 12, choisis en équilibrant les groupes` / `3 excerpts of 12, chosen to balance the
    /// groups` (`tirés au sort` / `drawn at random` when nothing is balanced).
    public func excerptCount(_ shown: Int, of total: Int, balanced: Bool = true) -> String {
        if fr {
            let noun = shown > 1 ? "verbatims" : "verbatim"
            let how = balanced ? (shown > 1 ? "choisis" : "choisi") + " en équilibrant les groupes" : (shown > 1 ? "tirés" : "tiré") + " au sort"
            return shown == total ? "\(shown) \(noun)" : "\(shown) \(noun) sur \(total), \(how)"
        }
        let noun = shown == 1 ? "excerpt" : "excerpts"
        let how = balanced ? "chosen to balance the groups" : "drawn at random"
        return shown == total ? "\(shown) \(noun)" : "\(shown) \(noun) of \(total), \(how)"
    }

    /// When a theme has no excerpt of its own.
    public func noOwnExcerpt(hasChildren: Bool) -> String {
        if hasChildren {
            return fr ? "Aucun passage codé avec ce thème lui-même : voir ses sous-thèmes." : "No passage is coded with this theme itself: see its sub-themes."
        }
        return fr ? "Aucun passage codé avec ce thème." : "No passage is coded with this theme."
    }

    /// The sentences of the provenance footer.
    /// What was counted, for the footer: the rules' codings, the coders' decisions, or both.
    public func countedSource(_ source: String) -> String {
        switch (source, fr) {
        case ("reviewed", true): return "Codages comptés : seulement ceux qu’un codeur a confirmés (codages manuels et suggestions acceptées)."
        case ("reviewed", false): return "Codings counted: only those a coder confirmed (manual codings and accepted suggestions)."
        case ("manual", true): return "Codages comptés : seulement les codages manuels."
        case ("manual", false): return "Codings counted: manual codings only."
        case ("rules", true): return "Codages comptés : ceux des règles seulement, sans les décisions des codeurs."
        case ("rules", false): return "Codings counted: the rules' only, without the coders' decisions."
        case (_, true): return "Codages comptés : les codages manuels et les suggestions acceptées des codeurs, et les codages des règles que personne n’a rejetés."
        case (_, false): return "Codings counted: the coders' manual codings and accepted suggestions, and the rules' codings nobody rejected."
        }
    }

    public func provenanceLines(_ p: ReportProvenance, summary: ReportSummary) -> [String] {
        var out: [String] = []
        let book = "« \(p.codebookTitle) » (\(p.codebook)\(p.codebookVersion.map { ", version \($0)" } ?? ""), \(p.codebookFile))"
        let bookEn = "“\(p.codebookTitle)” (\(p.codebook)\(p.codebookVersion.map { ", version \($0)" } ?? ""), \(p.codebookFile))"
        if fr {
            out.append("Codages : codage automatique par \(p.generator) avec la grille \(book), unité de codage : \(unitName(p.unit, plural: false)) ; \(format(summary.codings)) codages dans \(format(summary.codedUnits)) unités de \(format(summary.documents)) documents.")
            if p.interviewerThemes.isEmpty {
                out.append("Seuls les tours des participants sont codés ; ceux des enquêteurs et des animateurs ne le sont jamais.")
            } else {
                out.append("Seuls les tours des participants sont codés, sauf pour \(p.interviewerThemes.joined(separator: ", ")), qui code aussi les tours des enquêteurs (jamais comptés comme un participant).")
            }
        } else {
            out.append("Codings: automatic coding by \(p.generator) with the codebook \(bookEn), coding unit: \(unitName(p.unit, plural: false)); \(format(summary.codings)) codings in \(format(summary.codedUnits)) units of \(format(summary.documents)) documents.")
            if p.interviewerThemes.isEmpty {
                out.append("Only participant turns are coded; interviewer and moderator turns never are.")
            } else {
                out.append("Only participant turns are coded, except for \(p.interviewerThemes.joined(separator: ", ")), which also codes interviewer turns (never counted as a participant).")
            }
        }
        out.append(countedSource(p.source))
        out.append(nOverN)
        let balance = p.balance.map(attributeName).map { $0.lowercased() }
        if fr {
            out.append("Verbatims : au plus \(p.maxPerTheme) par thème, codés avec le thème lui-même, tirés au sort"
                + (balance.map { " en alternant les valeurs de « \($0) »" } ?? "") + " (graine \(p.seed) : le même tirage à chaque fois). "
                + (p.pseudonymized ? "Les noms du tableau des noms sont remplacés par des pseudonymes." : "Noms réels : ce rapport ne doit pas circuler."))
            out.append("Empreinte des données (SHA-256 des \(p.transcripts) transcriptions, dans l’ordre de leur nom, puis de \(p.otherInputs.joined(separator: ", "))) : deux rapports de même empreinte ont été calculés sur les mêmes fichiers.")
        } else {
            out.append("Verbatims: at most \(p.maxPerTheme) per theme, coded with the theme itself, drawn at random"
                + (balance.map { " taking turns across the values of “\($0)”" } ?? "") + " (seed \(p.seed): the same draw every time). "
                + (p.pseudonymized ? "Names in the names table are replaced by pseudonyms." : "Real names: this report must not circulate."))
            out.append("Input fingerprint (SHA-256 of the \(p.transcripts) transcripts, in the order of their names, then of \(p.otherInputs.joined(separator: ", "))): two reports with the same fingerprint were computed from the same files.")
        }
        return out
    }

    /// A test's short name: `Fisher`, `Freeman–Halton`, `χ²(2)`, `—`.
    public func testName(_ t: ReportTest) -> String {
        switch t.kind {
        case .chiSquare: return "χ²(\(t.degreesOfFreedom))"
        case .fisherExact: return "Fisher"
        case .freemanHalton: return "Freeman–Halton"
        case .none: return "—"
        }
    }

    /// A test warning in words.
    public func warning(_ w: ReportTestWarning) -> String {
        switch w {
        case .droppedRows(let n):
            return fr ? "\(n) ligne\(n > 1 ? "s" : "") vide\(n > 1 ? "s" : "") retirée\(n > 1 ? "s" : "")" : "\(n) empty row\(n == 1 ? "" : "s") left out"
        case .droppedColumns(let n):
            return fr ? "\(n) colonne\(n > 1 ? "s" : "") vide\(n > 1 ? "s" : "") retirée\(n > 1 ? "s" : "")" : "\(n) empty column\(n == 1 ? "" : "s") left out"
        case .nothingToTest:
            return fr ? "rien à tester" : "nothing to test"
        case let .smallExpected(cells, of):
            return fr ? "effectif attendu < 5 dans \(cells) case\(cells > 1 ? "s" : "") sur \(of)" : "expected count < 5 in \(cells) of \(of) cells"
        case .expectedUnderOne(let m):
            return fr ? "plus petit effectif attendu \(decimal(m, 2)) (< 1)" : "smallest expected count \(decimal(m, 2)) (< 1)"
        case .monteCarlo(let n):
            return fr ? "p estimé par Monte Carlo (\(format(n)) tirages)" : "p estimated by Monte Carlo (\(format(n)) draws)"
        case .other(let s):
            return s
        }
    }

    /// A test warning in a few characters, for a table column (``warningsLegend`` explains them).
    public func shortWarning(_ w: ReportTestWarning) -> String {
        switch w {
        case .droppedRows(let n):
            return fr ? "\(n) ligne\(n > 1 ? "s" : "") vide\(n > 1 ? "s" : "")" : "\(n) empty row\(n == 1 ? "" : "s")"
        case .droppedColumns(let n):
            return fr ? "\(n) col. vide\(n > 1 ? "s" : "")" : "\(n) empty col."
        case .nothingToTest:
            return fr ? "rien à tester" : "nothing to test"
        case let .smallExpected(cells, of):
            return fr ? "att.\u{00A0}<\u{00A0}5\u{00A0}: \(cells)/\(of)" : "exp.\u{00A0}<\u{00A0}5: \(cells)/\(of)"
        case .expectedUnderOne(let m):
            return fr ? "min. att. \(decimal(m, 2))" : "min. exp. \(decimal(m, 2))"
        case .monteCarlo:
            return "p Monte Carlo"
        case .other(let s):
            return s
        }
    }

    /// What the short warnings mean.
    public var warningsLegend: String {
        fr ? "Avertissements : « att. < 5 : 3/6 » = effectif attendu inférieur à 5 dans 3 cases sur 6 du tableau testé ; « min. att. » = plus petit effectif attendu, quand il est inférieur à 1 ; « col. vide » = colonne sans participant retirée du test ; « p Monte Carlo » = p estimé par tirage de tableaux aléatoires. Ces tests portent sur de petits effectifs : ils signalent des écarts à regarder dans les verbatims, pas des preuves."
            : "Warnings: “exp. < 5: 3/6” = expected count under 5 in 3 of the 6 cells of the tested table; “min. exp.” = the smallest expected count, when it is under 1; “empty col.” = a column without participants left out of the test; “p Monte Carlo” = p estimated from random tables. These tests run on small numbers: they point at differences to read in the verbatims, not at proof."
    }

    // MARK: Numbers

    /// A whole number with thousands separators: `67 412` / `67,412`.
    public func format(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += fr ? "\u{202F}" : "," }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A whole percentage: `64 %` / `64%` (halves round away from zero); `—` when nil.
    public func percent(_ p: Double?) -> String {
        guard let p, p.isFinite else { return "—" }
        return "\(Int(p.rounded()))" + (fr ? "\u{00A0}%" : "%")
    }

    /// `x` with `digits` decimals and the language's decimal mark; `—` when not a number.
    public func decimal(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return "—" }
        let s = String(format: "%.\(digits)f", x)
        return fr ? s.replacingOccurrences(of: ".", with: ",") : s
    }

    /// A p-value: `0,014`, `<0,001`; `—` when there is no test.
    public func pValue(_ p: Double) -> String {
        guard p.isFinite else { return "—" }
        if p < 0.001 { return "<" + decimal(0.001, 3) }
        return decimal(p, 3)
    }

    /// `9/14`.
    public func fraction(_ c: ReportCell) -> String { "\(c.n)/\(c.base)" }

    /// Lower case without accents, for matching attribute names.
    static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).trimmingCharacters(in: .whitespaces)
    }
}
