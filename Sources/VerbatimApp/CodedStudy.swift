import Foundation
import VerbatimModel
import VerbatimIngest
import VerbatimStudy
import VerbatimCodebook
import VerbatimCoding

/// Who is counted in "n of N": a participant identified in the participants table (focus groups), or the
/// document as a whole (an interview, or a focus group whose participants are not identified).
public struct ParticipantUnit: Sendable, Hashable {
    public var document: String
    /// The speaker label, or nil when the whole document counts once.
    public var speaker: String?
    /// The document's attributes, overridden by the speaker's own where both have a column.
    public var attributes: Attributes

    public static func == (a: ParticipantUnit, b: ParticipantUnit) -> Bool { a.document == b.document && a.speaker == b.speaker }
    public func hash(into h: inout Hasher) {
        h.combine(document)
        h.combine(speaker)
    }

    /// `document` or `document:speaker`, for tables and messages.
    public var key: String { speaker.map { "\(document):\($0)" } ?? document }
}

/// One transcript after coding: its attributes, its turns, its codings and its participant units.
public struct CodedDocument: Sendable {
    public var document: String
    public var path: String
    public var format: SourceFormat
    public var attributes: Attributes
    public var speakerAttributes: [String: Attributes]
    public var turns: [Turn]
    /// The transcript's text (only when the pipeline was asked to keep it, for excerpts).
    public var text: String?
    public var codings: [Coding]
    /// The units counted in "n of N" for this document.
    public var participants: [ParticipantUnit]
    /// Words spoken by participants (not interviewers) in the document.
    public var participantWords: Int
    /// Words of each coded unit, keyed by the unit's start offset.
    public var unitWords: [Int: Int]
    /// The transcript's own errors (a front matter that cannot be read), which every run reports.
    public var transcriptErrors: [Diagnostic] = []

    /// The participant unit a coding belongs to.
    public func unit(of coding: Coding) -> ParticipantUnit? {
        if let s = coding.speaker, let p = participants.first(where: { $0.speaker == s }) { return p }
        return participants.first(where: { $0.speaker == nil })
    }
}

/// A study coded with a codebook: everything the analyses and reports need.
public struct CodedStudy: Sendable {
    public var name: String
    public var language: String
    public var codebook: Codebook
    public var unit: CodingUnit
    public var documents: [CodedDocument]
    /// Documents that could not be read, and other problems met on the way.
    public var diagnostics: [Diagnostic]
    /// The health check of each document read (`StudyChecker.facts`), when the pipeline was asked for it:
    /// the same read serves the check and the coding.
    public var checks: [StudyChecker.DocumentFacts] = []
    /// Problems with the inputs named (missing paths, empty folders), apart from the documents' own.
    public var inputDiagnostics: [Diagnostic] = []
    /// What could not be applied of the researchers' decisions (codings whose quote is gone, decisions
    /// on suggestions the rules no longer make); also in `diagnostics`.
    public var reviewDiagnostics: [Diagnostic] = []
    /// Which codings the documents hold: the rules' alone, or with the researchers' decisions applied.
    public var source: CodingSource = .all

    /// Documents left out because no theme codes any of their turns (all of unknown role), with their
    /// turns; and turns of unknown role in the documents kept (see `separatingUncodable()`).
    public var uncodable: [(document: String, turns: Int)] = []
    public var unknownTurns = 0

    /// The study without the documents none of whose turns a theme codes: they cannot be coded, so
    /// they are not in N. What was left out is in `uncodable` and `unknownTurns`.
    public func separatingUncodable() -> CodedStudy {
        let roles = Set(codebook.allThemes.flatMap(\.roles))
        var out = self
        out.documents = []
        for d in documents {
            let unknown = d.turns.filter { $0.role == .unknown && !roles.contains(.unknown) }.count
            if !d.turns.contains(where: { roles.contains($0.role) }) {
                out.uncodable.append((d.document, d.turns.count))
            } else {
                out.unknownTurns += unknown
                out.documents.append(d)
            }
        }
        return out
    }

    /// What could not be coded, one sentence a line (see `NotCoded`).
    public var notCodedLines: [String] { NotCoded.lines(uncodable: uncodable, unknownTurns: unknownTurns) }

    /// `--where` filters applied, as `name=value` (see `filtered(_:)`).
    public var filters: [String] = []

    /// The study restricted to the participant units whose attributes (their own, else their
    /// document's) match every filter: other units, their codings and the documents left with none are
    /// taken out. Codings attributed to no participant unit (interviewer turns of a focus group) stay
    /// with a document that keeps a unit.
    public func filtered(_ filters: [AttributeFilter]) -> CodedStudy {
        var out = self
        out.filters += filters.map { "\($0.name)=\($0.value)" }
        out.documents = documents.compactMap { d in
            let kept = d.participants.filter { p in filters.allSatisfy { $0.matches(p.attributes[$0.name]) } }
            if kept.isEmpty { return nil }
            var doc = d
            let keys = Set(kept.map(\.key))
            doc.codings = d.codings.filter { c in d.unit(of: c).map { keys.contains($0.key) } ?? true }
            doc.participants = kept
            return doc
        }
        return out
    }

    /// Why `filters` select no participant unit of this study (before filtering), for the error:
    /// a value that no unit has gets the likeliest value it was meant for and the list of values
    /// (`group=seniro; did you mean 'senior'? (values of group: partenaire, senior, volontaire)`);
    /// values that exist but never together are said to be so.
    public func emptySelectionMessage(_ filters: [AttributeFilter]) -> String {
        let asked = filters.map { "\($0.name)=\($0.value)" }.joined(separator: " and ")
        return missingValueMessage(filters)
            ?? "no participant unit has \(asked)" + (filters.count > 1 ? " (each value exists, but not together)" : "")
    }

    /// The message for the first filter whose value no participant unit has, or nil when every value
    /// exists.
    public func missingValueMessage(_ filters: [AttributeFilter]) -> String? {
        let units = participants
        for f in filters {
            var values: [String] = []
            var seen: Set<String> = []
            for u in units {
                guard let v = u.attributes[f.name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { continue }
                if seen.insert(SpeakerRules.fold(v)).inserted { values.append(v) }
            }
            guard !values.contains(where: { f.matches($0) }) else { continue }
            values.sort { $0.localizedStandardCompare($1) == .orderedAscending }
            let guess = StudyContext.likelyTypo(of: f.value, among: values, fold: SpeakerRules.fold)
            let shown = values.count > 20 ? values.prefix(20).joined(separator: ", ") + ", …" : values.joined(separator: ", ")
            return "no participant unit has \(f.name)=\(f.value)" + (guess.map { "; did you mean '\($0)'?" } ?? "")
                + (values.isEmpty ? "" : " (values of \(f.name): \(shown))")
        }
        return nil
    }

    /// Every participant unit, in document order.
    public var participants: [ParticipantUnit] { documents.flatMap(\.participants) }

    /// Every coding, in document order.
    public var codings: [Coding] { documents.flatMap(\.codings) }
}

/// Reads, segments and codes a study: the first half of every analysis command.
public enum StudyPipeline {
    /// Codes `paths` of `study` (all its transcripts when empty) with `codebook`, on every core.
    /// `keepText` keeps each transcript's text, which excerpts need and counts do not.
    ///
    /// With `check`, each document's health check is made from the same read and kept in `checks`.
    ///
    /// With `review`, the researchers' decisions are applied to the rules' codings of each document as
    /// its source says; what cannot be applied is a warning in `diagnostics`.
    public static func run(study: Study, codebook: Codebook, paths: [String] = [], unit: CodingUnit = .turn, check: Bool = false,
                           keepText: Bool = false, review: ReviewSet? = nil, progress: ((Int, Int, String) -> Void)? = nil) -> CodedStudy {
        let corpus = Corpus(study: study, paths: paths)
        let pool = CoderPool(CompiledCodebook(codebook))
        var documents: [CodedDocument] = []
        var diagnostics = corpus.diagnostics + pool.compiled.diagnostics
        var done = 0
        var checks: [StudyChecker.DocumentFacts] = []
        var reviewDiagnostics: [Diagnostic] = []
        corpus.stream({ entry, result -> (Result<CodedDocument, Diagnostic>, StudyChecker.DocumentFacts?, [Diagnostic]) in
            let facts = check ? StudyChecker.facts(entry, result, study: study) : nil
            var problems: [Diagnostic] = []
            let coded = result.flatMap { t in pool.coded(t) { $0.code(t, unit: unit) }.map { (t, $0) } }.map { t, codings in
                var codings = codings
                if let review {
                    let outcome = review.apply(rules: codings, transcript: t, unit: unit)
                    codings = outcome.codings
                    problems = ReviewSet.diagnostics(outcome, path: t.path)
                }
                return StudyPipeline.document(t, codings: codings, keepText: keepText)
            }
            return (coded, facts, problems)
        }) { entry, output in
            done += 1
            progress?(done, corpus.entries.count, entry.document)
            if let facts = output.1 { checks.append(facts) }
            diagnostics += output.2
            reviewDiagnostics += output.2
            switch output.0 {
            case .success(let d):
                // A document's own errors (its front matter) are the run's: its attributes are missing.
                diagnostics += d.transcriptErrors
                documents.append(d)
            case .failure(let d): diagnostics.append(d)
            }
        }
        var coded = CodedStudy(name: study.name, language: study.config.language, codebook: codebook, unit: unit,
                               documents: documents, diagnostics: diagnostics)
        coded.checks = checks
        coded.inputDiagnostics = corpus.diagnostics
        if let review { coded.source = review.source }
        coded.reviewDiagnostics = reviewDiagnostics
        return coded
    }

    /// The coded form of one transcript.
    /// The participants of `t` counted as units of their own, in order of first appearance: each speaker
    /// of participant turns whose attributes the participants table gives (the label as written, or
    /// the same ignoring case and accents), with the key of those attributes in `speakerAttributes`.
    public static func participantKeys(_ t: Transcript) -> [(label: String, key: String)] {
        guard !t.speakerAttributes.isEmpty else { return [] }
        let speaking = Set(t.turns.filter { $0.role == .participant }.compactMap(\.speaker))
        var out: [(String, String)] = []
        for s in t.speakers where s.role == .participant && speaking.contains(s.label) {
            if t.speakerAttributes[s.label] != nil { out.append((s.label, s.label)); continue }
            if let key = t.speakerAttributes.keys.first(where: { SpeakerRules.fold($0) == SpeakerRules.fold(s.label) }) { out.append((s.label, key)) }
        }
        return out
    }

    public static func document(_ t: Transcript, codings: [Coding], keepText: Bool) -> CodedDocument {
        var participants: [ParticipantUnit] = []
        for (label, key) in participantKeys(t) {
            var merged = t.attributes
            merged.merge(t.speakerAttributes[key]!)
            participants.append(ParticipantUnit(document: t.document, speaker: label, attributes: merged))
        }
        if participants.isEmpty {
            participants = [ParticipantUnit(document: t.document, speaker: nil, attributes: t.attributes)]
        }
        var words = 0
        for turn in t.turns where turn.role != .interviewer {
            words += Transcript.countWords(in: t.text.utf8, from: turn.start, to: turn.end)
        }
        var unitWords: [Int: Int] = [:]
        for c in codings where unitWords[c.unitStart] == nil {
            unitWords[c.unitStart] = Transcript.countWords(in: t.text.utf8, from: c.unitStart, to: c.unitEnd)
        }
        var document = CodedDocument(document: t.document, path: t.path, format: t.format, attributes: t.attributes,
                                     speakerAttributes: t.speakerAttributes, turns: t.turns, text: keepText ? t.text : nil,
                                     codings: codings, participants: participants, participantWords: words, unitWords: unitWords)
        document.transcriptErrors = t.diagnostics.filter { $0.severity == .error }
        return document
    }
}
