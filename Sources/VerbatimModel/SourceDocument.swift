/// What a reader delivers: the paragraphs of one file in reading order, before speaker turns are found.
public struct SourceDocument: Sendable {
    /// One paragraph of the body, as read.
    public struct Paragraph: Sendable, Equatable {
        /// Normalised text; may contain `\n` where the source has a line break inside the paragraph.
        /// Kept as a slice of the file's decoded text where possible, so that reading copies nothing.
        public var content: Substring
        /// The paragraph's text as a string.
        public var text: String {
            get { String(content) }
            set { content = Substring(newValue) }
        }
        /// The 1-based line of the paragraph's first line in the source file, for text formats.
        public var line: Int?
        /// A speaker given by the format itself (a WebVTT voice), if any.
        public var speaker: String?
        /// A time given by the format itself (a subtitle cue), if any.
        public var time: TimeRange?

        public init(text: String, line: Int? = nil, speaker: String? = nil, time: TimeRange? = nil) {
            self.init(content: Substring(text), line: line, speaker: speaker, time: time)
        }

        public init(content: Substring, line: Int? = nil, speaker: String? = nil, time: TimeRange? = nil) {
            self.content = content
            self.line = line
            self.speaker = speaker
            self.time = time
        }
    }

    /// The path as the user named it.
    public var path: String
    public var format: SourceFormat
    public var paragraphs: [Paragraph]
    /// Footnotes, endnotes and comments, kept apart from the spoken text.
    public var notes: [Note]
    /// Raw YAML front matter of a text file (between `---` lines at the top), if any.
    public var frontMatter: String?
    /// The 1-based line at which the front matter's content starts.
    public var frontMatterLine: Int?
    /// Warnings raised while reading (an encoding guessed, a part skipped...).
    public var diagnostics: [Diagnostic]

    public init(path: String, format: SourceFormat, paragraphs: [Paragraph], notes: [Note] = [],
                frontMatter: String? = nil, frontMatterLine: Int? = nil, diagnostics: [Diagnostic] = []) {
        self.path = path
        self.format = format
        self.paragraphs = paragraphs
        self.notes = notes
        self.frontMatter = frontMatter
        self.frontMatterLine = frontMatterLine
        self.diagnostics = diagnostics
    }
}

/// A note attached to a document but not part of what was said: a footnote, an endnote or a comment.
public struct Note: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case footnote, endnote, comment }
    public var kind: Kind
    public var text: String
    /// The comment's author, when the file records one.
    public var author: String?

    public init(kind: Kind, text: String, author: String? = nil) {
        self.kind = kind
        self.text = text
        self.author = author
    }
}
