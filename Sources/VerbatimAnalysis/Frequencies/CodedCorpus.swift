import VerbatimModel

/// The coded material that frequencies, matrices and co-occurrences count, as plain data.
///
/// `VerbatimApp` builds it from a coded study (`CodedStudy.codedCorpus`); tests and other front ends
/// can build it by hand. Three kinds of things are counted:
/// - **participants**: who counts in "n of N": an identified focus-group participant, or a whole
///   document (an interview, or a focus group whose participants are not identified);
/// - **segments**: the distinct coded units of text (turns, sentences or paragraphs) and the themes coded
///   in each, with their length in words;
/// - **documents**.
public struct CodedCorpus: Sendable {
    /// A unit counted in "n of N" (see ``CodedCorpus``).
    public struct Participant: Sendable, Equatable {
        /// The speaker label, or nil when the whole document counts once.
        public var speaker: String?
        /// The document's attributes, overridden by the participant's own.
        public var attributes: Attributes

        public init(speaker: String?, attributes: Attributes) {
            self.speaker = speaker
            self.attributes = attributes
        }
    }

    /// One coded unit of text and the themes coded in it (as coded: parents are added by the analyses).
    public struct Segment: Sendable, Hashable {
        /// Identifies the unit within its document (its start offset in the transcript's text).
        public var start: Int
        /// Words in the unit.
        public var words: Int
        /// The participant (index into ``Document/participants``) the unit belongs to, or nil when it
        /// belongs to the document as a whole but to no counted participant (e.g. a moderator's turn coded
        /// by a theme with `roles: [interviewer]` in a focus group whose participants are identified).
        public var participant: Int?
        /// The themes coded in the unit.
        public var themes: Set<String>

        public init(start: Int, words: Int, participant: Int?, themes: Set<String>) {
            self.start = start
            self.words = words
            self.participant = participant
            self.themes = themes
        }
    }

    /// One document: its attributes, its counted participants and its coded segments.
    public struct Document: Sendable {
        /// The document's name (its path relative to the study's transcripts folder).
        public var name: String
        public var attributes: Attributes
        /// At least one participant (the document itself when nobody is identified).
        public var participants: [Participant]
        public var segments: [Segment]

        /// The document with only the participants at `kept` (indices into ``participants``) and their
        /// segments, and the segments of no participant.
        public func restricted(to kept: Set<Int>) -> Document {
            var index: [Int: Int] = [:]
            for i in participants.indices where kept.contains(i) { index[i] = index.count }
            let segs = segments.compactMap { s -> Segment? in
                guard let p = s.participant else { return s }
                guard let q = index[p] else { return nil }
                var t = s
                t.participant = q
                return t
            }
            return Document(name: name, attributes: attributes,
                            participants: participants.indices.filter { kept.contains($0) }.map { participants[$0] }, segments: segs)
        }

        public init(name: String, attributes: Attributes, participants: [Participant], segments: [Segment]) {
            self.name = name
            self.attributes = attributes
            self.participants = participants.isEmpty ? [Participant(speaker: nil, attributes: attributes)] : participants
            self.segments = segments
        }
    }

    /// The documents, in the order they are reported.
    public var documents: [Document]

    public init(documents: [Document]) { self.documents = documents }

    /// Every attribute name of the documents and their participants, sorted.
    public var attributeNames: [String] {
        Attributes.sortedNames(in: documents.flatMap { [$0.attributes] + $0.participants.map(\.attributes) })
    }

    /// Attribute names that documents themselves carry (not only some participants), sorted.
    public var documentAttributeNames: [String] {
        Set(documents.flatMap(\.attributes.names)).sorted()
    }

    /// The number of counted participants.
    public var participantCount: Int { documents.reduce(0) { $0 + $1.participants.count } }
}
