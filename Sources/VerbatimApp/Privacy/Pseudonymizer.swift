import Foundation
import VerbatimModel
import VerbatimIngest
import VerbatimStudy
import VerbatimExport

/// Replaces real names by pseudonyms in text, and speaker labels by the names exports show.
///
/// Built from a study's names table (`names:` in verbatim.yaml or `names.csv`: real name → pseudonym)
/// and the speaker labels of its documents.
///
/// **Names in text** are found on folded text: case, accents, ligatures, apostrophe variants
/// (`’` `'` `ʼ`) and runs of spaces do not matter, so `Mme Lefèvre`, `MME LEFEVRE` and `mme  lefevre`
/// are one name. A hyphen (or an en dash, a non-breaking hyphen) and a space are alike inside a name
/// (`Marie Claire` for `Marie-Claire`, `Marie–Claire`, and the other way round), a non-breaking space
/// is a space, and invisible characters (soft hyphen U+00AD, zero-width space U+200B, joiners) are
/// skipped, so `Fran\u{AD}çoise` is `Françoise`; a zero-width space may also part two words
/// (`Claire\u{200B}Dubreuil`). A name matches only as whole words: `Claire` is not replaced inside
/// `Claireville`, and a hyphen joins words, so `Pierre` is not replaced inside `Jean-Pierre` (give
/// `Jean-Pierre` its own row). Longer names win over shorter ones (`Jeannine Martin` over `Martin`).
/// Everything else in the text is kept byte for byte.
///
/// **Case policy.** A name is usually written with a capital, but a transcriber may not (`dubreuil`,
/// `kévin`, `francoise`): every entry replaces occurrences in any case, except a one-word entry
/// written with a capital whose folded form is a common word (``commonWords``: a short built-in list
/// of French and English first names and surnames that are ordinary words, `claire`, `rose`,
/// `pierre`, `will`, `grace`, `bonnet`...). Those replace only occurrences that start with a capital
/// (`Claire`, `CLAIRE`), so `une réponse claire` stays. A sentence starting with the adjective
/// (`Claire, la réponse`) is still replaced: a false positive that leaks nothing.
///
/// **Derived names.** An entry that starts with a civility or title (`Mme Martin`, `M. Ravier`,
/// `Dr Hervouët`, `madame Bouchet`, `mamie Jeanne`) also gives the bare name (`Martin`...) the same
/// pseudonym, so `le docteur Hervouët` does not leak the surname. A full name gives its surname
/// alone (``surnameParts(_:)``: `Claire Lefèvre` → `Lefèvre`, `Maryvonne Le Goff` → `Le Goff`,
/// `Jean de Lattre` → `de Lattre` and `Lattre`), so `Mme Lefèvre` and `Lefèvre` are caught. A derived
/// name takes the whole pseudonym of its row (`Mme Lefèvre` → `Mme Anne Morel`): a pseudonym is not
/// always a name (`Senior 03`, `Époux de Senior 10`), so no part of it can be taken safely. A
/// derived name gives way to the table's own row for it; one derived from rows with different
/// pseudonyms (`Lefèvre` from `Claire Lefèvre` and `Paul Lefèvre`, `Le Goff` from `Mme Le Goff` and
/// `M. Le Goff`) could be either person and is replaced by a neutral `[nom]` (`[name]` in English),
/// never left as it is; as a speaker label it is numbered (`Participant N`).
///
/// When two entries fold to the same text (`Kevin` and `Kévin`), the one written exactly as in the
/// text wins, then the first in table order.
///
/// **Document names** (``document(_:)``), shown in captions, attributions and tables, are cut into
/// words at `-`, `_`, `.`, `/` and between letters and digits, and a name of the table replaces its
/// words in any case, common words included (`entretien-claire.txt`); the extension stays.
///
/// **Speaker labels** map to the names exports show, per document: a label found in the table (as a
/// whole, or after a civility) takes its pseudonym; a label that is already a pseudonym, an interviewer
/// word (`Enquêtrice`, `Animateur 2`), a code (`R`, `E`, `P1`, `S01`, `Int2`) or a generic word
/// (`Participant 3`, `Locuteur 1`, `Voix off`) stays; any other label, which may be a person's name
/// missing from the table, becomes `Participant N` (`Enquêteur N` / `Interviewer N` for an
/// interviewer), numbered in order of first appearance in the document, so that a name never leaks by
/// default.
///
/// **Which outputs.** Every output that can leave the research team shows pseudonyms by default and
/// real names only with `--real-names`: excerpts, the report, the demo's files, the records of
/// `verbatim code --format csv|json` and `verbatim code --explain` (speaker, matched words, turn
/// text, document name), the quotes of `agree`, `validate`, `codings` and `search`. Offsets
/// (`start`, `end`, `unit_start`, `unit_end`) are never changed: they are positions in the real
/// text, which hold no name. `verbatim show` is the researcher's view of one transcript, the text
/// those offsets point into: like opening the file, it shows the transcript as it is, real names
/// included, and is not an export.
public struct Pseudonymizer: Sendable {
    /// One row of the names table, or a name derived from one.
    public struct Entry: Sendable, Equatable {
        /// The real name as written in the table (or derived from it).
        public var name: String
        /// The pseudonym shown instead.
        public var pseudonym: String
        /// Whether the entry was derived from a row with a civility (`Mme Martin` → `Martin`).
        public var derived: Bool
        /// Whether an occurrence in lower case is replaced (several words, a lower-case entry, or a
        /// word that is not a common word).
        public var anyCase: Bool
        /// Whether the derived name comes from rows with different pseudonyms (`Lefèvre` from
        /// `Claire Lefèvre` and `Paul Lefèvre`): it is replaced by a neutral `[nom]` / `[name]`.
        public var ambiguous: Bool = false
    }

    /// The entries, explicit rows first in table order, then derived names.
    public let entries: [Entry]
    /// The study's language, for the neutral names (`Participant`, `Enquêteur`).
    public let language: String

    /// Entries grouped by folded form, longest first: folded scalars and entry indices.
    let groups: [(folded: [Unicode.Scalar], entries: [Int])]
    /// Group indices keyed by the folded first word of the name.
    let byFirstWord: [String: [Int]]
    /// Group index keyed by the whole folded name.
    let byFolded: [String: Int]
    /// Folded pseudonyms: a label that is already one stays.
    let foldedPseudonyms: Set<String>
    /// Shown speaker names, per document then label.
    private(set) var speakerNames: [String: [String: String]] = [:]
    /// The last number given per role, over every document registered so far: a numbered name
    /// (`Participant 3`) is one label in the whole export, never two people of two documents.
    private var lastNumber: [Role: Int] = [:]
    /// The numbered name given to each label (folded, with its role), so that the same label in
    /// two documents (the same person interviewed at two waves) keeps its number.
    private var numberedLabels: [String: String] = [:]
    /// Per document, its speaker labels that the table does not name, as a small table of their own
    /// (label → shown name), for ``pseudonymize(_:in:)``.
    private var labelNames: [String: LabelTable] = [:]

    /// A document's labels as a pseudonymizer (a class, so that the struct can hold one).
    final class LabelTable: @unchecked Sendable {
        let pseudonymizer: Pseudonymizer
        init(_ p: Pseudonymizer) { pseudonymizer = p }
    }

    /// A pseudonymizer for `names` (real name → pseudonym) and the speakers of `documents`
    /// (each label with its role, in order of first appearance).
    public init(names: [(name: String, pseudonym: String)], documents: [(document: String, speakers: [(label: String, role: Role)])] = [],
                language: String = "en") {
        self.language = language
        var entries: [Entry] = []
        var seen: [String: String] = [:]  // exact name -> pseudonym, to drop repeated rows
        for (rawName, rawPseudonym) in names {
            let name = rawName.trimmingCharacters(in: .whitespacesAndNewlines)
            let pseudonym = rawPseudonym.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, seen[name] == nil else { continue }
            seen[name] = pseudonym
            entries.append(Entry(name: name, pseudonym: pseudonym, derived: false, anyCase: Pseudonymizer.anyCase(name)))
        }
        // Derived names: the bare name after a civility, and the surname parts of a full name.
        let explicitFolded = Set(entries.map { Pseudonymizer.key(for: $0.name) })
        var derivedOrder: [String] = []
        var derived: [String: (name: String, pseudonyms: [String])] = [:]
        for e in entries {
            let bare = Pseudonymizer.withoutCivility(e.name)
            for part in (bare.map { [$0] } ?? []) + Pseudonymizer.surnameParts(bare ?? e.name) {
                let k = Pseudonymizer.key(for: part)
                guard !k.isEmpty, !explicitFolded.contains(k) else { continue }
                if derived[k] == nil {
                    derivedOrder.append(k)
                    derived[k] = (part, [])
                }
                if !derived[k]!.pseudonyms.contains(e.pseudonym) { derived[k]!.pseudonyms.append(e.pseudonym) }
            }
        }
        let neutral = Pseudonymizer.neutralName(language: language)
        for k in derivedOrder {
            let d = derived[k]!
            let ambiguous = d.pseudonyms.count > 1
            entries.append(Entry(name: d.name, pseudonym: ambiguous ? neutral : d.pseudonyms[0], derived: true,
                                 anyCase: Pseudonymizer.anyCase(d.name), ambiguous: ambiguous))
        }
        self.entries = entries

        var groupIndex: [String: Int] = [:]
        var groupList: [(folded: [Unicode.Scalar], entries: [Int])] = []
        for (i, e) in entries.enumerated() {
            let f = Pseudonymizer.entryForm(e.name)
            guard let first = f.first, Pseudonymizer.isWord(first) else { continue }
            let k = String(String.UnicodeScalarView(f))
            if let g = groupIndex[k] { groupList[g].entries.append(i) } else {
                groupIndex[k] = groupList.count
                groupList.append((f, [i]))
            }
        }
        // Longest first, then by folded text, so that the order never depends on the table's.
        let order = groupList.indices.sorted { a, b in
            groupList[a].folded.count != groupList[b].folded.count ? groupList[a].folded.count > groupList[b].folded.count
                : String(String.UnicodeScalarView(groupList[a].folded)) < String(String.UnicodeScalarView(groupList[b].folded))
        }
        self.groups = order.map { groupList[$0] }
        var byFirst: [String: [Int]] = [:]
        var byFolded: [String: Int] = [:]
        for (g, group) in groups.enumerated() {
            let word = String(String.UnicodeScalarView(group.folded.prefix(while: Pseudonymizer.isWord)))
            byFirst[word, default: []].append(g)
            byFolded[String(String.UnicodeScalarView(group.folded))] = g
        }
        self.byFirstWord = byFirst
        self.byFolded = byFolded
        self.foldedPseudonyms = Set(entries.map { Pseudonymizer.key(for: $0.pseudonym) })
        for (document, speakers) in documents {
            register(document: document, speakers: speakers)
        }
    }

    /// A pseudonymizer for `study`'s names table and the speakers of `documents`.
    public init(study: Study, documents: [CodedDocument]) {
        self.init(names: study.names, documents: documents.map { ($0.document, Pseudonymizer.speakers(of: $0.turns)) },
                  language: study.config.language)
    }

    /// Adds the shown speaker names of one document, for exports that read documents one at a time
    /// (`verbatim code --format csv|json`). Unknown names are numbered on from the documents registered
    /// before (in the study's order when every export registers them in that order). A document already
    /// registered keeps its names.
    public mutating func register(document: String, speakers: [(label: String, role: Role)]) {
        guard speakerNames[document] == nil else { return }
        let shown = numberedSpeakers(speakers)
        speakerNames[document] = shown
        // Labels shown under another name, in which the table replaces nothing (a label such as
        // "Mme Martin" is already "Mme Senior 01b" in the text).
        var rows: [(name: String, pseudonym: String)] = []
        for (label, _) in speakers {
            guard let name = shown[label], Pseudonymizer.key(for: name) != Pseudonymizer.key(for: label),
                  pseudonymize(label).replacements.isEmpty else { continue }
            rows.append((label.trimmingCharacters(in: .whitespacesAndNewlines), name))
        }
        if !rows.isEmpty { labelNames[document] = LabelTable(Pseudonymizer(names: rows, language: language)) }
    }

    /// This pseudonymizer with the speakers of one more document.
    public func registering(document: String, speakers: [(label: String, role: Role)]) -> Pseudonymizer {
        var copy = self
        copy.register(document: document, speakers: speakers)
        return copy
    }

    /// The distinct speaker labels of `turns` with their roles, in order of first appearance.
    public static func speakers(of turns: [Turn]) -> [(label: String, role: Role)] {
        var seen: Set<String> = []
        var out: [(String, Role)] = []
        for t in turns {
            guard let s = t.speaker, !seen.contains(s) else { continue }
            seen.insert(s)
            out.append((s, t.role))
        }
        return out
    }

    // MARK: Text

    /// A name found in a text: where (in folded scalars) and what replaces it.
    struct Candidate {
        var at: Int
        var length: Int
        var name: String
        var pseudonym: String
    }

    /// `text` with every name of the table replaced by its pseudonym, and what was replaced.
    public func pseudonymize(_ text: String) -> PseudonymizedText {
        guard !groups.isEmpty, !text.isEmpty else { return PseudonymizedText(text: text, replacements: []) }
        let folded = Pseudonymizer.fold(text)
        return Pseudonymizer.build(text, folded, candidates(text, folded))
    }

    /// `text`, a passage of `document`, with the names of the table replaced and also the speaker
    /// labels of that document that no row names ("Sophie said…" where Sophie is the speaker shown as
    /// `Participant 2`): a speaker's name is hidden in what others say of them, as in the attribution.
    public func pseudonymize(_ text: String, in document: String) -> PseudonymizedText {
        guard let labels = labelNames[document]?.pseudonymizer, !text.isEmpty else { return pseudonymize(text) }
        let folded = Pseudonymizer.fold(text)
        return Pseudonymizer.build(text, folded, (groups.isEmpty ? [] : candidates(text, folded)) + labels.candidates(text, folded))
    }

    /// The names of the table in `text` (folded as `folded`), overlapping ones included.
    func candidates(_ text: String, _ folded: Folded) -> [Candidate] {
        let s = folded.scalars
        let n = s.count
        let gaps = folded.gaps
        var candidates: [Candidate] = []
        var i = 0
        while i < n {
            guard Pseudonymizer.isWord(s[i]), isWordStart(s, gaps, i) else { i += 1; continue }
            var j = i
            while j < n && Pseudonymizer.isWord(s[j]) { j += 1 }
            // A zero-width space inside the run may end a word too (`Claire\u{200B}Dubreuil`).
            let inner = gaps.isEmpty ? [] : gaps.filter { $0 > i && $0 < j }.sorted()
            for wordEnd in inner + [j] {
                let word = String(String.UnicodeScalarView(s[i..<wordEnd]))
                guard let gs = byFirstWord[word] else { continue }
                for g in gs {
                    guard let end = Pseudonymizer.matchEnd(s, gaps, from: i, groups[g].folded), isBoundaryAfter(s, gaps, end) else { continue }
                    let original = Pseudonymizer.slice(text, folded.start[i], folded.end[end - 1])
                    let upper = folded.source[i].properties.changesWhenLowercased
                    if let e = choose(groups[g].entries, original: original, upper: upper) {
                        candidates.append(Candidate(at: i, length: end - i, name: entries[e].name, pseudonym: entries[e].pseudonym))
                    }
                }
            }
            i = inner.first ?? j
        }
        return candidates
    }

    /// `text` with the longest of overlapping `candidates` replaced (the leftmost among equals).
    static func build(_ text: String, _ folded: Folded, _ found: [Candidate]) -> PseudonymizedText {
        guard !found.isEmpty else { return PseudonymizedText(text: text, replacements: []) }
        let candidates = found.sorted { $0.length != $1.length ? $0.length > $1.length : $0.at < $1.at }
        var taken = [Bool](repeating: false, count: folded.scalars.count)
        var accepted: [Candidate] = []
        for c in candidates where !taken[c.at..<(c.at + c.length)].contains(true) {
            for k in c.at..<(c.at + c.length) { taken[k] = true }
            accepted.append(c)
        }
        accepted.sort { $0.at < $1.at }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16 * accepted.count)
        let utf8 = Array(text.utf8)
        var replacements: [PseudonymizedText.Replacement] = []
        var copied = 0
        for c in accepted {
            let lo = folded.start[c.at], hi = folded.end[c.at + c.length - 1]
            bytes.append(contentsOf: utf8[copied..<lo])
            let outStart = bytes.count
            bytes.append(contentsOf: c.pseudonym.utf8)
            replacements.append(.init(original: lo..<hi, replaced: outStart..<bytes.count, name: c.name, pseudonym: c.pseudonym))
            copied = hi
        }
        bytes.append(contentsOf: utf8[copied...])
        return PseudonymizedText(text: String(decoding: bytes, as: UTF8.self), replacements: replacements)
    }

    /// The name shown for a document (its file name, or its path in the study).
    ///
    /// A file name is often written in lower case and with `-`, `_` or `.` between words
    /// (`entretien-dubreuil.txt`, `Claire_Dubreuil.docx`), so it is cut into words at every character
    /// that is not a letter or a digit (and between letters and digits), and a name of the table
    /// matches whole words in any case, common words included (`entretien-claire.txt` is Claire). The
    /// name part is replaced by its pseudonym; the separators, the other words and the extension stay.
    public func document(_ name: String) -> String {
        guard !groups.isEmpty, !name.isEmpty else { return name }
        var stemEnd = name.utf8.count
        if let dot = name.lastIndex(of: "."), !name[dot...].contains("/") {
            let ext = name[name.index(after: dot)...]
            if (1...5).contains(ext.count), ext.allSatisfy({ $0.isLetter || $0.isNumber }) {
                stemEnd = name.utf8.distance(from: name.startIndex, to: dot)
            }
        }
        let folded = Pseudonymizer.fold(name)
        let s = folded.scalars
        // Words: runs of letters, or of digits, before the extension.
        var words: [(text: String, from: Int, to: Int)] = []
        var i = 0
        while i < s.count && folded.start[i] < stemEnd {
            guard Pseudonymizer.isWord(s[i]) else { i += 1; continue }
            let digits = s[i].properties.numericType != nil
            var j = i
            while j < s.count && folded.start[j] < stemEnd && Pseudonymizer.isWord(s[j]) && (s[j].properties.numericType != nil) == digits { j += 1 }
            words.append((String(String.UnicodeScalarView(s[i..<j])), i, j))
            i = j
        }
        var bytes: [UInt8] = []
        let utf8 = Array(name.utf8)
        var copied = 0
        var w = 0
        while w < words.count {
            var best: (count: Int, entry: Int)?
            for g in byFirstWord[words[w].text] ?? [] {
                let parts = Pseudonymizer.words(of: groups[g].folded)
                guard parts.count > (best?.count ?? 0), w + parts.count <= words.count,
                      zip(parts, words[w..<(w + parts.count)]).allSatisfy({ $0 == $1.text }) else { continue }
                let original = Pseudonymizer.slice(name, folded.start[words[w].from], folded.end[words[w + parts.count - 1].to - 1])
                if let e = choose(groups[g].entries, original: original, upper: true) { best = (parts.count, e) }
            }
            guard let best else { w += 1; continue }
            let lo = folded.start[words[w].from], hi = folded.end[words[w + best.count - 1].to - 1]
            bytes.append(contentsOf: utf8[copied..<lo])
            bytes.append(contentsOf: entries[best.entry].pseudonym.utf8)
            copied = hi
            w += best.count
        }
        if copied == 0 { return name }
        bytes.append(contentsOf: utf8[copied...])
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The words of a folded name: its runs of letters and digits.
    static func words(of folded: [Unicode.Scalar]) -> [String] {
        var out: [String] = []
        var current: [Unicode.Scalar] = []
        for u in folded {
            if isWord(u) { current.append(u) } else if !current.isEmpty { out.append(String(String.UnicodeScalarView(current))); current = [] }
        }
        if !current.isEmpty { out.append(String(String.UnicodeScalarView(current))) }
        return out
    }

    /// Attribute values with names replaced (an `interviewer` column holds names).
    public func pseudonymize(_ attributes: Attributes) -> Attributes {
        var out = Attributes()
        for (k, v) in attributes.pairs { out[k] = pseudonymize(v).text }
        return out
    }

    /// Among entries that fold alike, the one written as in the text, then the first; entries whose
    /// case policy rejects the occurrence are skipped.
    func choose(_ candidates: [Int], original: String, upper: Bool) -> Int? {
        let allowed = candidates.filter { upper || entries[$0].anyCase }
        if allowed.isEmpty { return nil }
        let nfc = original.precomposedStringWithCanonicalMapping
        if let exact = allowed.first(where: { entries[$0].name == nfc }) { return exact }
        let lower = nfc.lowercased()
        if let same = allowed.first(where: { entries[$0].name.lowercased() == lower }) { return same }
        return allowed.first(where: { !entries[$0].derived }) ?? allowed.first
    }

    /// Where the entry's folded form `f` matches the text from `i`: the end, or nil. A space of the
    /// entry matches a space or a hyphen of the text (`Marie Claire` and `Marie-Claire` alike), or a
    /// zero-width space.
    static func matchEnd(_ s: [Unicode.Scalar], _ gaps: Set<Int>, from i: Int, _ f: [Unicode.Scalar]) -> Int? {
        var a = i
        for e in f {
            if e == " " {
                if a < s.count && (s[a] == " " || s[a] == "-") { a += 1; continue }
                if a > i && gaps.contains(a) { continue }
                return nil
            }
            guard a < s.count, s[a] == e else { return nil }
            a += 1
        }
        return a
    }

    func isWordStart(_ s: [Unicode.Scalar], _ gaps: Set<Int>, _ i: Int) -> Bool {
        if i == 0 || gaps.contains(i) { return true }
        if Pseudonymizer.isWord(s[i - 1]) { return false }
        if s[i - 1] == "-" && i >= 2 && Pseudonymizer.isWord(s[i - 2]) { return false }
        return true
    }

    func isBoundaryAfter(_ s: [Unicode.Scalar], _ gaps: Set<Int>, _ j: Int) -> Bool {
        if j >= s.count || gaps.contains(j) { return true }
        if Pseudonymizer.isWord(s[j]) { return false }
        if s[j] == "-" && j + 1 < s.count && Pseudonymizer.isWord(s[j + 1]) { return false }
        return true
    }

    // MARK: Speakers

    /// The name shown for speaker `label` of `document`: its pseudonym, the label itself when it is
    /// an interviewer word, a code or a generic word, or a neutral `Participant N`.
    public func speaker(_ label: String, in document: String) -> String {
        if let shown = speakerNames[document]?[label] { return shown }
        return shownLabel(label) ?? ExcerptStrings(language: language).participant
    }

    /// Shown names for the speakers of one document, numbering the unknown names on from the numbers
    /// given to the documents before (a label already numbered there keeps its number).
    mutating func numberedSpeakers(_ speakers: [(label: String, role: Role)]) -> [String: String] {
        var out: [String: String] = [:]
        var pending: [(String, Role)] = []
        for (label, role) in speakers {
            if let shown = shownLabel(label) { out[label] = shown } else { pending.append((label, role)) }
        }
        let strings = ExcerptStrings(language: language)
        let used = Set(out.values.map(Pseudonymizer.key(for:)))
        for (label, role) in pending {
            let numbered: Role = role == .interviewer ? .interviewer : .participant
            let labelKey = "\(numbered == .interviewer ? "i" : "p"):\(Pseudonymizer.key(for: label))"
            if let known = numberedLabels[labelKey], !used.contains(Pseudonymizer.key(for: known)) {
                out[label] = known
                continue
            }
            let word = numbered == .interviewer ? strings.interviewer : strings.participant
            var n = lastNumber[numbered, default: 0]
            var name: String
            repeat {
                n += 1
                name = "\(word) \(n)"
            } while used.contains(Pseudonymizer.key(for: name)) || foldedPseudonyms.contains(Pseudonymizer.key(for: name))
            lastNumber[numbered] = n
            numberedLabels[labelKey] = name
            out[label] = name
        }
        return out
    }

    /// The shown form of a label, or nil when it must be numbered.
    func shownLabel(_ label: String) -> String? {
        let trimmed = label.trimmingCharacters(in: .whitespacesAndNewlines)
        let k = Pseudonymizer.key(for: trimmed)
        if k.isEmpty { return label }
        if let p = lookup(trimmed) { return p }
        if foldedPseudonyms.contains(k) { return trimmed }
        if let bare = Pseudonymizer.withoutCivility(trimmed), let p = lookup(bare) { return p }
        let words = k.split(separator: " ").map(String.init)
        if let first = words.first, Pseudonymizer.interviewerWords.contains(first.trimmingCharacters(in: CharacterSet(charactersIn: "."))) {
            let rest = words.dropFirst().joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: "()[] "))
            let original = String(trimmed.split(separator: " ").first ?? Substring(trimmed))
            if rest.isEmpty || rest.allSatisfy(\.isNumber) { return trimmed }
            if let p = lookup(rest) { return "\(original) (\(p))" }
            return original
        }
        if Pseudonymizer.isCode(trimmed) { return trimmed }
        if let first = words.first, Pseudonymizer.genericWords.contains(first),
           words.dropFirst().allSatisfy({ $0.allSatisfy(\.isNumber) || Pseudonymizer.genericWords.contains($0) }) {
            return trimmed
        }
        return nil
    }

    /// The pseudonym of a whole name, if the table has it.
    func lookup(_ name: String) -> String? {
        guard let g = byFolded[Pseudonymizer.key(for: name)] else { return nil }
        let nfc = name.precomposedStringWithCanonicalMapping
        let candidates = groups[g].entries
        let e = candidates.first(where: { entries[$0].name == nfc }) ?? candidates.first(where: { !entries[$0].derived }) ?? candidates[0]
        // A name that could be two people is no speaker's pseudonym: the label is numbered instead.
        return entries[e].ambiguous ? nil : entries[e].pseudonym
    }

    /// Interviewer words (folded), from the defaults verbatim recognises.
    static let interviewerWords: Set<String> = Set(SpeakerRules.defaultInterviewerLabels.map { key(for: $0) }.filter { !$0.contains(" ") })

    /// Label words that name a role, not a person.
    static let genericWords: Set<String> = [
        "participant", "participante", "participants", "locuteur", "locutrice", "speaker", "intervenant", "intervenante",
        "repondant", "repondante", "respondent", "voix", "off", "voice", "over", "public", "salle", "tous", "toutes",
        "plusieurs", "ensemble", "inconnu", "inconnue", "unknown", "audience", "all", "several", "group", "groupe",
        "homme", "femme", "man", "woman", "narrateur", "narratrice", "narrator", "senior", "volontaire", "partenaire",
        "enfant", "child", "usager", "usagere", "resident", "residente", "other", "autre", "x",
    ]

    /// A code such as `R`, `E`, `P1`, `S01`, `FG2`, `Int2`: no space, at most six characters, letters
    /// then digits, with a digit or in capitals.
    static func isCode(_ label: String) -> Bool {
        var s = Substring(label)
        if s.last == "." { s = s.dropLast() }
        guard !s.isEmpty, s.count <= 6 else { return false }
        let letters = s.prefix(while: { $0.isLetter && $0.isASCII })
        let rest = s.dropFirst(letters.count)
        guard rest.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        if !rest.isEmpty { return letters.count <= 4 }
        return letters.count <= 3 && letters.allSatisfy(\.isUppercase)
    }

    /// Civilities and titles that may open a name.
    static let civilities: Set<String> = [
        "m", "m.", "mme", "mme.", "mlle", "mlle.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "docteur",
        "monsieur", "madame", "mademoiselle", "me", "me.", "maitre", "mamie", "papi", "papy", "tata", "tonton",
        "pere", "mere", "pr", "pr.", "professeur", "miss", "mister", "sir", "lady",
    ]

    /// The name without its leading civility or title (`Mme Martin` → `Martin`, `le père Auclair` is
    /// left alone), or nil when it has none or nothing would remain.
    static func withoutCivility(_ name: String) -> String? {
        var words = name.split(separator: " ", omittingEmptySubsequences: true)
        var dropped = false
        while words.count >= 2, civilities.contains(key(for: String(words[0]))) {
            words.removeFirst()
            dropped = true
        }
        return dropped ? words.joined(separator: " ") : nil
    }

    /// Whether an occurrence in lower case is to be replaced: entries of several words, and entries
    /// written in lower case.
    static func anyCase(_ name: String) -> Bool {
        let k = key(for: name)
        if k.contains(" ") { return true }
        guard let first = name.unicodeScalars.first(where: { $0.properties.isAlphabetic }) else { return true }
        if !first.properties.changesWhenLowercased { return true }
        return !commonWords.contains(k)
    }

    /// Names that are also ordinary French or English words (folded): a capitalised one-word entry
    /// among them replaces only occurrences that start with a capital, so that `une réponse claire`,
    /// `une pierre`, `I will` or `a rose` stay. First names first, then frequent surnames that are
    /// words (`Mme Bonnet` derives `Bonnet`, and `un bonnet` stays). Both languages for every study:
    /// a French transcript quotes English words and the other way round, and a word kept here only
    /// falls back to the capital rule, it is never left out. Kept short on purpose: any other
    /// one-word name is replaced in every case (a false positive leaks nothing).
    static let commonWords: Set<String> = [
        // French first names that are words
        "claire", "rose", "pierre", "marguerite", "violette", "olive", "olivier", "blanche", "prune", "capucine",
        "ambre", "perle", "jade", "iris", "fleur", "flore", "aurore", "victoire", "constance", "prudence",
        "patience", "clement", "constant", "desire", "aime", "modeste", "romain", "maxime", "manuel", "marine",
        "celeste", "colombe", "reine", "france", "noel", "pascal", "fidele", "honore", "prosper", "lys",
        // English first names that are words
        "hope", "grace", "will", "mark", "bill", "faith", "joy", "may", "june", "april", "august", "dawn",
        "amber", "ruby", "pearl", "violet", "ivy", "daisy", "holly", "heather", "summer", "autumn", "ray",
        "rob", "pat", "sue", "frank", "jack", "drew", "chase", "dean", "grant", "guy", "art", "penny",
        "sandy", "rusty", "robin", "harmony", "melody", "victory", "earnest", "sky", "river", "king",
        // Surnames that are words
        "blanc", "petit", "roux", "brun", "bonnet", "boulanger", "meunier", "chevalier", "marchand", "fontaine",
        "roche", "berger", "moulin", "carre", "barbier", "charpentier", "cousin", "renard", "bourgeois", "poirier",
        "boucher", "baron", "sauvage", "page", "riviere", "gaillard", "faucher", "colin", "merle", "leger",
        "smith", "brown", "white", "green", "black", "young", "wood", "hill", "stone", "cook", "baker",
        "miller", "turner", "walker", "hunter", "carter", "bell", "long", "little",
    ]

    /// The neutral form of a name that could be two people's.
    static func neutralName(language: String) -> String {
        language.lowercased().hasPrefix("fr") ? "[nom]" : "[name]"
    }

    /// Particles and articles of surnames (folded).
    static let particles: Set<String> = [
        "de", "du", "des", "d'", "la", "le", "les", "l'", "van", "von", "der", "den", "ter", "ten", "di", "da", "del", "della",
        "dos", "das", "ben", "bin", "ibn", "el", "al", "ait", "mac", "mc", "st", "saint", "sainte",
    ]

    /// The parts of a full name that name its person alone: the surname after the first name
    /// (`Claire Lefèvre` → `Lefèvre`, `Maryvonne Le Goff` → `Le Goff`), without its lower-case
    /// particles too (`Jean de Lattre` → `de Lattre`, `Lattre`), and, for a surname of several words
    /// without particle, its last word (`Marie Claire Dubreuil` → `Claire Dubreuil`, `Dubreuil`).
    /// None for one word, or for a name that does not start with a capitalised first name: a
    /// description (`fils Faucher`, `la Léonie`), a surname with its particle (`Le Goff`, `Aït Saïd`).
    static func surnameParts(_ name: String) -> [String] {
        let words = name.split(whereSeparator: { $0 == " " }).map(String.init)
        guard words.count >= 2, let first = words.first,
              let c = first.unicodeScalars.first(where: { $0.properties.isAlphabetic }), c.properties.changesWhenLowercased,
              !particles.contains(key(for: first)), !civilities.contains(key(for: first)) else { return [] }
        let surname = Array(words.dropFirst())
        var parts = [surname.joined(separator: " ")]
        var rest = surname[...]
        while rest.count >= 2, let w = rest.first, particles.contains(key(for: w)),
              w.unicodeScalars.first.map({ !$0.properties.changesWhenLowercased }) ?? false {
            rest = rest.dropFirst()
        }
        if rest.count < surname.count {
            parts.append(rest.joined(separator: " "))
        } else if surname.count >= 2, !surname.contains(where: { particles.contains(key(for: $0)) }), let last = surname.last {
            parts.append(last)
        }
        return parts
    }

    // MARK: Folding

    /// Text folded for matching, with the UTF-8 range of the original that each folded scalar comes from.
    struct Folded {
        var scalars: [Unicode.Scalar] = []
        var start: [Int] = []
        var end: [Int] = []
        /// The original scalar each folded scalar comes from.
        var source: [Unicode.Scalar] = []
        /// Indices of folded scalars that a zero-width space (U+200B) comes before: it may part words.
        var gaps: Set<Int> = []
    }

    /// The folded form of an entry for matching: hyphens as spaces (a space of the entry matches a
    /// space or a hyphen of the text), no space at either end.
    static func entryForm(_ name: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for u in fold(name).scalars {
            let v: Unicode.Scalar = u == "-" ? " " : u
            if v == " " && (out.isEmpty || out.last == " ") { continue }
            out.append(v)
        }
        while out.last == " " { out.removeLast() }
        return out
    }

    /// The folded form of a name as a string, for lookups.
    static func key(for name: String) -> String {
        String(String.UnicodeScalarView(entryForm(name)))
    }

    /// Folds case, accents, ligatures, apostrophes, hyphens and runs of spaces.
    static func fold(_ text: String) -> Folded {
        var out = Folded()
        out.scalars.reserveCapacity(text.utf8.count)
        out.start.reserveCapacity(text.utf8.count)
        out.end.reserveCapacity(text.utf8.count)
        out.source.reserveCapacity(text.utf8.count)
        var offset = 0
        func emit(_ u: Unicode.Scalar, _ from: Int, _ to: Int, _ source: Unicode.Scalar) {
            out.scalars.append(u)
            out.start.append(from)
            out.end.append(to)
            out.source.append(source)
        }
        for u in text.unicodeScalars {
            let width = UTF8.width(u)
            defer { offset += width }
            let v = u.value
            if v < 0x80 {
                if v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D {
                    if out.scalars.last == " " { out.end[out.end.count - 1] = offset + width } else { emit(" ", offset, offset + width, u) }
                } else if v >= 0x41 && v <= 0x5A {
                    emit(Unicode.Scalar(v + 32)!, offset, offset + width, u)
                } else if v == 0x60 {
                    emit("'", offset, offset + width, u)
                } else {
                    emit(u, offset, offset + width, u)
                }
                continue
            }
            if u.properties.isWhitespace {
                if out.scalars.last == " " { out.end[out.end.count - 1] = offset + width } else { emit(" ", offset, offset + width, u) }
                continue
            }
            switch u.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                if !out.end.isEmpty { out.end[out.end.count - 1] = offset + width }
                continue
            case .format:
                // Soft hyphen, zero-width space and joiners, direction marks: invisible, so a name
                // matches across them; they stay in the text (or go with the name they are inside).
                if v == 0x200B { out.gaps.insert(out.scalars.count) }
                continue
            default: break
            }
            switch v {
            case 0x2019, 0x2018, 0x02BC, 0x2032, 0x00B4, 0x02B9:  // ’ ‘ ʼ ′ ´ ʹ
                emit("'", offset, offset + width, u)
            case 0x2010, 0x2011, 0x2012, 0x2013:  // hyphen, non-breaking hyphen, figure dash, en dash
                emit("-", offset, offset + width, u)
            default:
                for f in foldScalar(u) { emit(f, offset, offset + width, u) }
            }
        }
        return out
    }

    /// Lower case without accents, ligatures expanded.
    static func foldScalar(_ u: Unicode.Scalar) -> [Unicode.Scalar] {
        switch u.value {
        case 0x0152, 0x0153: return ["o", "e"]  // Œ œ
        case 0x00C6, 0x00E6: return ["a", "e"]  // Æ æ
        case 0x00DF, 0x1E9E: return ["s", "s"]  // ß ẞ
        case 0x00D8, 0x00F8: return ["o"]  // Ø ø
        case 0x0141, 0x0142: return ["l"]  // Ł ł
        case 0x0110, 0x0111: return ["d"]  // Đ đ
        case 0x0131: return ["i"]  // dotless i
        default: break
        }
        let lower = String(u).lowercased().decomposedStringWithCanonicalMapping
        var out: [Unicode.Scalar] = []
        for s in lower.unicodeScalars {
            switch s.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: out.append(s)
            }
        }
        return out.isEmpty ? [u] : out
    }

    static func isWord(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 {
            let v = u.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A)
        }
        return u.properties.isAlphabetic || u.properties.numericType != nil
    }

    static func slice(_ text: String, _ lo: Int, _ hi: Int) -> String {
        let utf8 = text.utf8
        let a = utf8.index(utf8.startIndex, offsetBy: lo), b = utf8.index(a, offsetBy: hi - lo)
        return String(text[a..<b])
    }
}

/// A text after pseudonymisation, with the replacements made, to re-map ranges of the original text.
public struct PseudonymizedText: Sendable, Equatable {
    /// One name replaced by its pseudonym.
    public struct Replacement: Sendable, Equatable {
        /// UTF-8 range of the name in the original text.
        public var original: Range<Int>
        /// UTF-8 range of the pseudonym in the new text.
        public var replaced: Range<Int>
        /// The table entry that matched (not the text as written).
        public var name: String
        /// The pseudonym put in its place.
        public var pseudonym: String
    }

    /// The new text.
    public var text: String
    /// The replacements in text order.
    public var replacements: [Replacement]

    /// Maps a UTF-8 offset of the original text to the new text. An offset inside a replaced name
    /// goes to the start of its pseudonym, or to its end when `isEnd`.
    public func map(offset: Int, isEnd: Bool = false) -> Int {
        var delta = 0
        for r in replacements {
            if r.original.upperBound <= offset {
                delta += r.replaced.count - r.original.count
            } else if r.original.lowerBound < offset {
                return isEnd ? r.replaced.upperBound : r.replaced.lowerBound
            } else {
                break
            }
        }
        return offset + delta
    }

    /// Maps a UTF-8 range of the original text to the new text; a range touching part of a name
    /// grows to cover its whole pseudonym.
    public func map(_ range: Range<Int>) -> Range<Int> {
        let lo = map(offset: range.lowerBound)
        let hi = map(offset: range.upperBound, isEnd: true)
        return lo..<max(lo, hi)
    }
}
