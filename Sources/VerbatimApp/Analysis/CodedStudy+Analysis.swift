import VerbatimModel
import VerbatimAnalysis

/// What a report says about where its numbers come from.
public struct AnalysisInfo: Sendable, Equatable {
    /// The study's name.
    public var study: String
    /// The codebook's id.
    public var codebook: String
    /// The coding unit (`turn`, `sentence`, `paragraph`).
    public var unit: String
    /// Documents coded.
    public var documents: Int
    /// Which codings were counted.
    public var source: CodingSource
    /// `--where` filters applied (`group=senior`), as stated under every analysis.
    public var filters: [String] = []
    /// What could not be coded (documents of unknown role...), one sentence a line.
    public var notCoded: [String] = []

    public init(study: String, codebook: String, unit: String, documents: Int, source: CodingSource = .all) {
        self.study = study
        self.codebook = codebook
        self.unit = unit
        self.documents = documents
        self.source = source
    }

    /// The note that closes every analysis: what was coded, with what, and what was counted.
    public var provenanceNote: String { provenanceNote(french: false) }

    /// The closing note in the study's language. What could not be coded stays as the library states it.
    public func provenanceNote(french: Bool) -> String {
        guard french else { return englishProvenanceNote }
        return "\(documents) \(documents <= 1 ? "document codé" : "documents codés") avec \(codebook) (unité : \(unit)) ; comptés : \(source.frenchDescription)."
            + (filters.isEmpty ? "" : " Seulement les unités de participants où \(filters.joined(separator: " et ")).")
            + notCoded.map { " " + $0 + "." }.joined()
    }

    private var englishProvenanceNote: String {
        "\(documents) \(AnalysisFormat.plural(documents, "document", "documents")) coded with \(codebook) (unit: \(unit)); counted: \(source.description)."
            + (filters.isEmpty ? "" : " Only participant units where \(filters.joined(separator: " and ")).")
            + notCoded.map { " " + $0 + "." }.joined()
    }
}

extension CodedStudy {
    /// The coded study as the plain data that ``FrequencyTable``, ``ThemeMatrix`` and ``Cooccurrence`` count.
    ///
    /// Each distinct coded unit of text becomes a segment with the themes coded in it and its words
    /// (`CodedDocument.unitWords`). A segment belongs to the participant unit of its speaker. Interviewer
    /// and moderator turns never make participant units: the coder codes them only for a theme with
    /// `roles: [interviewer]`, and such codings are attributed to the document's own unit (an interview,
    /// or a focus group whose participants are not identified) or, in a focus group whose participants
    /// are identified, to the document alone (they count as coded units, words and documents, never as a
    /// participant mentioning the theme). Turns of participants missing from the participants table are
    /// treated the same way.
    public var codedCorpus: CodedCorpus {
        CodedCorpus(documents: documents.map(CodedStudy.corpusDocument))
    }

    static func corpusDocument(_ d: CodedDocument) -> CodedCorpus.Document {
        let participants = d.participants.map { CodedCorpus.Participant(speaker: $0.speaker, attributes: $0.attributes) }
        let documentUnit = d.participants.firstIndex { $0.speaker == nil }
        var bySpeaker: [String: Int] = [:]
        for (i, p) in d.participants.enumerated() { if let s = p.speaker, bySpeaker[s] == nil { bySpeaker[s] = i } }
        var roles: [Int: Role] = [:]
        for t in d.turns { roles[t.index] = t.role }

        var order: [Int] = []
        var themes: [Int: Set<String>] = [:]
        var owner: [Int: Int?] = [:]
        for c in d.codings {
            if themes[c.unitStart] == nil {
                order.append(c.unitStart)
                let unit: Int?
                if roles[c.turn] == .interviewer {
                    unit = documentUnit
                } else {
                    unit = c.speaker.flatMap { bySpeaker[$0] } ?? documentUnit
                }
                owner[c.unitStart] = .some(unit)
            }
            themes[c.unitStart, default: []].insert(c.theme)
        }
        let segments = order.map { start in
            CodedCorpus.Segment(start: start, words: d.unitWords[start] ?? 0, participant: owner[start] ?? nil,
                                themes: themes[start] ?? [])
        }
        return CodedCorpus.Document(name: d.document, attributes: d.attributes, participants: participants, segments: segments)
    }

    /// The codebook's themes in tree order, labelled in the study's language.
    public var themeTree: ThemeTree { ThemeTree(codebook: codebook, language: language) }

    /// Every attribute name of the coded documents and their participants, sorted (for messages).
    public var attributeNames: [String] {
        Attributes.sortedNames(in: documents.flatMap { [$0.attributes] + $0.participants.map(\.attributes) })
    }

    /// Where the numbers come from, for the headers of reports.
    public var analysisInfo: AnalysisInfo {
        var info = AnalysisInfo(study: name, codebook: codebook.id, unit: unit.rawValue, documents: documents.count, source: source)
        info.filters = filters
        info.notCoded = notCodedLines
        return info
    }

    /// The themes to analyse: all of them, or `theme` and its sub-themes.
    /// - Throws: ``AnalysisError/unknownTheme(_:themes:)``.
    public func themes(restrictedTo theme: String?) throws -> ThemeTree {
        let tree = themeTree
        guard let theme else { return tree }
        return try tree.subtree(rootedAt: theme)
    }

    /// Theme frequencies per value of `attributes` (two are crossed): see ``FrequencyTable``.
    public func frequencies(by attributes: [String] = ["group"], theme: String? = nil,
                            per level: CountingLevel = .participant, minN: Int = 5) throws -> FrequencyTable {
        try FrequencyTable.compute(codedCorpus, themes: themes(restrictedTo: theme), by: attributes, level: level, minN: minN)
    }

    /// Themes × values of `columns` (two are crossed), with a test of independence per theme: see ``ThemeMatrix``.
    public func matrix(columns: [String], theme: String? = nil, minN: Int = 5, level: CountingLevel = .participant) throws -> ThemeMatrix {
        try ThemeMatrix.compute(codedCorpus, themes: themes(restrictedTo: theme), columns: columns, minN: minN, level: level)
    }

    /// Pairs of themes coded together in the same unit or document: see ``Cooccurrence``.
    public func cooccurrence(level: Cooccurrence.Level = .unit) -> Cooccurrence {
        Cooccurrence.compute(codedCorpus, themes: themeTree, level: level)
    }
}
