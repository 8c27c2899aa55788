import VerbatimModel

/// The counting engine behind ``FrequencyTable`` and ``ThemeMatrix``: for each theme (rolled up along the
/// tree) and each group of units sharing the chosen attribute values, the participants, documents,
/// coded units and words. The last column of every array is the total over the groups.
struct GroupedCounts {
    var attributes: [String]
    var level: CountingLevel
    var groups: [AttributeGroup]
    var total: AttributeGroup
    /// Counted units (participants or documents, by `level`) without a value for every attribute.
    var excluded: Int
    /// `[theme][group]`: counted units (participants or documents, by `level`) mentioning the theme.
    var mentioning: [[Int]]
    /// `[theme][group]`: participant units mentioning the theme (always participants, whatever the level).
    var participants: [[Int]]
    /// `[group]`: participant units in the group.
    var participantBase: [Int]
    /// `[theme][group]`: documents with a coded unit of the theme in the group.
    var documents: [[Int]]
    /// `[theme][group]`: coded units of the theme.
    var units: [[Int]]
    /// `[theme][group]`: words of those coded units.
    var words: [[Int]]

    /// Checks the request against the corpus and counts.
    static func count(_ corpus: CodedCorpus, themes: ThemeTree, by attributes: [String], level: CountingLevel,
                      minN: Int) throws -> GroupedCounts {
        guard !corpus.documents.isEmpty else { throw AnalysisError.noDocuments }
        var seen = Set<String>()
        for a in attributes where !seen.insert(a).inserted {
            throw AnalysisError.invalid("attribute '\(a)' is given twice")
        }
        let known = Set(corpus.attributeNames)
        for a in attributes where !known.contains(a) {
            throw AnalysisError.unknownAttribute(a, attributes: corpus.attributeNames)
        }
        func key(_ attrs: Attributes) -> [String]? {
            var out: [String] = []
            for a in attributes {
                guard let v = attrs[a], !v.isEmpty else { return nil }
                out.append(v)
            }
            return out
        }

        // The groups: every combination of values that some counted unit has, in natural order.
        var keys = Set<[String]>()
        var excluded = 0
        for d in corpus.documents {
            switch level {
            case .participant:
                for p in d.participants { if let k = key(p.attributes) { keys.insert(k) } else { excluded += 1 } }
            case .document:
                if let k = key(d.attributes) { keys.insert(k) } else { excluded += 1 }
            }
        }
        if keys.isEmpty {
            var hint: String?
            if level == .document {
                let onParticipants = attributes.filter { !corpus.documentAttributeNames.contains($0) }
                if !onParticipants.isEmpty {
                    hint = "\(onParticipants.map { "'\($0)'" }.joined(separator: " and ")) "
                        + (onParticipants.count == 1 ? "is a participant attribute" : "are participant attributes")
                        + "; count per participant instead"
                }
            }
            throw AnalysisError.noValues(attributes: attributes, level: level.rawValue, hint: hint)
        }
        let sorted = keys.sorted { a, b in
            for (x, y) in zip(a, b) where x != y { return AttributeGroup.naturalOrder(x, y) }
            return false
        }
        let groupIndex = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($0.element, $0.offset) })
        let g = sorted.count, columns = g + 1, total = g
        let t = themes.nodes.count
        let zero = [[Int]](repeating: [Int](repeating: 0, count: columns), count: t)
        var participants = zero, documents = zero, units = zero, words = zero
        var size = [Int](repeating: 0, count: columns)
        var participantBase = size, documentBase = size, codedUnits = size

        for d in corpus.documents {
            let documentGroup = key(d.attributes).flatMap { groupIndex[$0] }
            // The group of each participant unit (for participant counts), whatever the level.
            let participantGroup: [Int?] = d.participants.map { p in
                level == .participant ? key(p.attributes).flatMap { groupIndex[$0] } : documentGroup
            }
            var inGroups = Set<Int>()
            for pg in participantGroup {
                guard let pg else { continue }
                participantBase[pg] += 1
                participantBase[total] += 1
                inGroups.insert(pg)
            }
            switch level {
            case .participant:
                for pg in participantGroup { if let pg { size[pg] += 1; size[total] += 1 } }
            case .document:
                if let dg = documentGroup { size[dg] += 1; size[total] += 1 }
            }

            var mentionedIn = [Set<Int>](repeating: [], count: t)   // groups where the document mentions a theme
            var mentionedBy = [Set<Int>](repeating: [], count: t)   // participants who mention a theme
            for s in d.segments where !s.themes.isEmpty {
                let sg: Int?
                switch level {
                case .participant: sg = s.participant.flatMap { participantGroup[$0] } ?? (s.participant == nil ? documentGroup : nil)
                case .document: sg = documentGroup
                }
                guard let sg else { continue }
                inGroups.insert(sg)
                codedUnits[sg] += 1
                codedUnits[total] += 1
                for id in themes.rollUp(s.themes) {
                    let ti = themes.position(of: id)!
                    units[ti][sg] += 1
                    units[ti][total] += 1
                    words[ti][sg] += s.words
                    words[ti][total] += s.words
                    mentionedIn[ti].insert(sg)
                    if let p = s.participant { mentionedBy[ti].insert(p) }
                }
            }
            for pg in inGroups { documentBase[pg] += 1 }
            if !inGroups.isEmpty { documentBase[total] += 1 }
            for ti in 0..<t {
                for sg in mentionedIn[ti] { documents[ti][sg] += 1 }
                if !mentionedIn[ti].isEmpty { documents[ti][total] += 1 }
                for p in mentionedBy[ti] {
                    guard let pg = participantGroup[p] else { continue }
                    participants[ti][pg] += 1
                    participants[ti][total] += 1
                }
            }
        }
        let mentioning = level == .participant ? participants : documents
        let groups = sorted.enumerated().map { i, k in
            AttributeGroup(values: k, size: size[i], documents: documentBase[i], codedUnits: codedUnits[i], isSmall: size[i] < minN)
        }
        let totalGroup = AttributeGroup(values: [], isTotal: true, size: size[total], documents: documentBase[total],
                                        codedUnits: codedUnits[total], isSmall: size[total] < minN)
        return GroupedCounts(attributes: attributes, level: level, groups: groups, total: totalGroup, excluded: excluded,
                             mentioning: mentioning, participants: participants, participantBase: participantBase,
                             documents: documents, units: units, words: words)
    }
}
