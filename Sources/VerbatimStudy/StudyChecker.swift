import Foundation
import VerbatimModel
import VerbatimIngest

/// The health checks of `verbatim check`: what would make later counts wrong.
public enum StudyChecker {
    /// Above this many rare (or frequent) speaker labels in one document, the misspelt-label check is
    /// skipped (with a note): so many are seldom real labels, and the index below grows with them.
    static let typoCheckLimit = 5_000
    /// Labels longer than this (folded, in characters) are not checked for typos: names are shorter, and
    /// the deletion index holds about length² / 2 keys per label.
    static let typoLabelLength = 40
    /// At most this many candidates are verified per rare label, so that thousands of near-identical
    /// labels cannot make the check quadratic.
    static let typoCandidateLimit = 64
    /// At most this many misspelt-label warnings per document; the rest are counted in a note.
    static let typoWarningLimit = 20

    /// What the checker keeps of one document (not its text).
    public struct DocumentFacts: Sendable {
        public var document: String
        public var path: String
        public var read: Bool
        public var speakers: [Speaker] = []
        public var firstLines: [String: Int] = [:]
        public var hasAttributes = false
        public var diagnostics: [Diagnostic] = []
        public var usesParticipantTable = false
        /// Words in the turns.
        public var words = 0
    }

    /// Checks one transcript (or its read failure).
    public static func facts(_ entry: Corpus.Entry, _ result: Result<Transcript, Diagnostic>, study: Study) -> DocumentFacts {
        let path = Study.display(entry.url)
        switch result {
        case .failure(let d):
            return DocumentFacts(document: entry.document, path: path, read: false, diagnostics: [d])
        case .success(let t):
            var f = DocumentFacts(document: entry.document, path: path, read: true)
            f.speakers = t.speakers
            for turn in t.turns { if let s = turn.speaker, f.firstLines[s] == nil { f.firstLines[s] = turn.line } }
            f.hasAttributes = !t.attributes.isEmpty
            f.diagnostics = t.diagnostics
            f.usesParticipantTable = !t.speakerAttributes.isEmpty
            f.words = t.wordCount
            var d = f.diagnostics
            let labelled = t.turns.contains { $0.speaker != nil }
            if !labelled {
                // Said only when the study has not said whose such a text is (speakers.unlabelled).
                if study.config.speakerRules.unlabelled == nil {
                    d.append(.warning(path, "no speaker label recognised: read as one participant's text (\(t.turns.count) turn\(t.turns.count == 1 ? "" : "s")); if it is an interview, declare its labels in verbatim.yaml (speakers.labels or speakers.patterns), else say so with speakers.unlabelled (participant, interviewer or ignore)"))
                }
            } else if f.speakers.count == 1 {
                d.append(.warning(path, line: t.turns.first?.line, "only one speaker ('\(f.speakers[0].label)'): is the other speaker's label missing or misspelt?"))
            } else if !f.speakers.contains(where: { $0.role == .participant }) {
                d.append(.warning(path, "every speaker is an interviewer or moderator (\(f.speakers.map(\.label).joined(separator: ", "))): nothing would be coded; declare participants in verbatim.yaml (speakers.participants)"))
            } else if !f.speakers.contains(where: { $0.role == .interviewer }) {
                d.append(.warning(path, "no interviewer or moderator recognised among \(f.speakers.map(\.label).joined(separator: ", ")): declare the interviewer's label in verbatim.yaml (speakers.interviewers) or in the case table's interviewer column"))
            }
            // Labels that look like typos of another label of the same document: a rare label (one or
            // two turns) close to a frequent one, found through a deletion index (``typos``) in time
            // linear in the labels. Above `typoCheckLimit` labels of each kind (usually not labels at
            // all) it is skipped with a note, and at most `typoWarningLimit` warnings are given per
            // document, one per misspelt label.
            let rare = f.speakers.filter { $0.turns <= 2 }
            let frequent = f.speakers.filter { $0.turns >= 3 }
            if rare.count > Self.typoCheckLimit || frequent.count > Self.typoCheckLimit {
                d.append(.note(path, "\(f.speakers.count) distinct speaker labels: the check for misspelt labels is skipped above \(Self.typoCheckLimit) rare or frequent labels (so many are seldom real speaker labels; see 'verbatim show \(entry.document)')"))
            } else if !rare.isEmpty && !frequent.isEmpty {
                let typos = Self.typos(rare: rare, frequent: frequent)
                d += typos.prefix(Self.typoWarningLimit).map { a, b in
                    .warning(path, line: f.firstLines[a.label],
                             "speaker '\(a.label)' (\(a.turns) turn\(a.turns == 1 ? "" : "s")) looks like a typo of '\(b.label)' (\(b.turns) turns)")
                }
                let more = typos.count - min(typos.count, Self.typoWarningLimit)
                if more > 0 { d.append(.note(path, "\(more) more speaker labels look like typos of another label (the first \(Self.typoWarningLimit) are listed)")) }
            }
            if study.root != nil && !f.hasAttributes {
                d.append(.warning(path, "no attributes: the document is not in \(study.config.cases) and has no front matter"))
            }
            // Focus groups: participants missing from the participants table.
            let table = t.speakerAttributes
            if !table.isEmpty {
                let known = Set(table.keys.map(SpeakerRules.fold))
                for s in f.speakers where s.role == .participant && !known.contains(SpeakerRules.fold(s.label)) {
                    d.append(.warning(path, line: f.firstLines[s.label], "speaker '\(s.label)' is missing from \(study.config.participants)"))
                }
                let roles = Dictionary(f.speakers.map { (SpeakerRules.fold($0.label), $0.role) }, uniquingKeysWith: { a, _ in a })
                let tablePath = study.root.map { Study.display($0.appendingPathComponent(study.config.participants)) } ?? study.config.participants
                for (label, line) in study.participantLinesFor(document: t.document).sorted(by: { $0.value < $1.value }) {
                    switch roles[SpeakerRules.fold(label)] {
                    case nil:
                        d.append(.warning(tablePath, line: line, "speaker '\(label)' of \(t.document) never speaks in the transcript"))
                    case .interviewer?:
                        d.append(.warning(tablePath, line: line, "speaker '\(label)' of \(t.document) is an interviewer or moderator in the transcript: the row is not counted (declare the label in speakers.participants if it is a participant)"))
                    default: break
                    }
                }
            }
            f.diagnostics = d
            return f
        }
    }

    /// Study-wide checks: table rows naming no transcript of the study. The study's own problems
    /// (``Study/diagnostics``: its settings, duplicate or ambiguous rows) are not repeated here: they come
    /// with every ``Corpus``'s diagnostics.
    ///
    /// `documents` is kept for callers that pass the documents checked; the rows were matched to the
    /// study's transcripts when the tables were read (``DocumentResolver``).
    public static func studyDiagnostics(_ study: Study, documents: [String] = []) -> [Diagnostic] {
        var d: [Diagnostic] = []
        guard let root = study.root else { return d }
        let casesPath = Study.display(root.appendingPathComponent(study.config.cases))
        for (doc, line) in study.caseLines.sorted(by: { $0.value < $1.value }) where study.unmatchedCaseNames.contains(doc) {
            d.append(.warning(casesPath, line: line, "document '\(doc)' is not among the study's transcripts"))
        }
        let partPath = Study.display(root.appendingPathComponent(study.config.participants))
        for (doc, rows) in study.participantLines.sorted(by: { ($0.value.values.min() ?? 0) < ($1.value.values.min() ?? 0) })
        where study.unmatchedParticipantNames.contains(doc) {
            d.append(.warning(partPath, line: rows.values.min(),
                              "document '\(doc)' is not among the study's transcripts: its \(rows.count) speaker\(rows.count == 1 ? "" : "s") \(rows.count == 1 ? "is" : "are") not counted apart"))
        }
        return d
    }

    /// The rare labels that look like typos of a frequent one, each with the closest such label (fewest
    /// edits, then most turns), in the order of `rare`.
    ///
    /// A rare label `a` (one or two turns) is a typo of a frequent label `b` when `b` has at least three
    /// times its turns and their folded forms are at most one edit apart (two when both have six
    /// characters or more). Instead of comparing every pair, the frequent labels are indexed by every
    /// form obtained by deleting up to two characters (two strings within `k` edits share such a form:
    /// the symmetric-deletion method), so the work grows with the number of labels, not its square.
    static func typos(rare: [Speaker], frequent: [Speaker]) -> [(Speaker, Speaker)] {
        let maxLength = Self.typoLabelLength
        var index: [String: [Int]] = [:]
        var folds: [[Character]] = []
        for (i, b) in frequent.enumerated() {
            let fb = Array(SpeakerRules.fold(b.label))
            folds.append(fb)
            guard fb.count >= 3 && fb.count <= maxLength else { continue }
            for key in deletions(fb) { index[key, default: []].append(i) }
        }
        var found: [(Speaker, Speaker)] = []
        for a in rare {
            let fa = Array(SpeakerRules.fold(a.label))
            guard fa.count >= 3 && fa.count <= maxLength else { continue }
            var seen = Set<Int>()
            var best: (index: Int, distance: Int)?
            keys: for key in deletions(fa) {
                for i in index[key] ?? [] where seen.insert(i).inserted {
                    if seen.count > Self.typoCandidateLimit { break keys }
                    let b = frequent[i], fb = folds[i]
                    guard b.label != a.label && b.turns >= 3 * a.turns else { continue }
                    let allowed = min(fa.count, fb.count) >= 6 ? 2 : 1
                    guard abs(fa.count - fb.count) <= allowed else { continue }
                    let dist = editDistance(String(fa), String(fb))
                    guard dist > 0 && dist <= allowed else { continue }
                    if let current = best, (current.distance, -frequent[current.index].turns) <= (dist, -b.turns) { continue }
                    best = (i, dist)
                }
            }
            if let best { found.append((a, frequent[best.index])) }
        }
        return found
    }

    /// `s` itself, then every string obtained from it by deleting one character, then two, each once,
    /// in a fixed order (so that the closest candidates are met first and the result never depends on
    /// hashing).
    static func deletions(_ s: [Character]) -> [String] {
        var seen: Set<String> = []
        var keys: [String] = []
        func add(_ k: [Character]) {
            let key = String(k)
            if seen.insert(key).inserted { keys.append(key) }
        }
        add(s)
        for i in s.indices {
            var one = s
            one.remove(at: i)
            add(one)
        }
        for i in s.indices {
            var one = s
            one.remove(at: i)
            for j in i..<one.count {
                var two = one
                two.remove(at: j)
                add(two)
            }
        }
        return keys
    }

    /// Levenshtein distance over characters.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }
}
