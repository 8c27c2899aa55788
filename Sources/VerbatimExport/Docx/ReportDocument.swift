/// A simple, format-independent report document: a title, a language and a sequence of blocks.
///
/// Researchers build one from coded excerpts ("verbatims") and hand it to a writer such as
/// ``DocxWriter``. The model holds plain text only; each writer decides how headings, quotations and
/// tables look in its format.
public struct ReportDocument: Sendable, Hashable {
    /// The document title. Writers show it at the top of the document and store it in the metadata.
    public var title: String
    /// The BCP 47 language tag of the text, such as `"fr-FR"` or `"en-GB"`, used for spelling,
    /// hyphenation and typography in word processors. An empty string leaves the language unset.
    public var language: String
    /// The content of the document, in reading order.
    public var blocks: [Block]

    /// Creates a document.
    ///
    /// - Parameters:
    ///   - title: The document title.
    ///   - language: The BCP 47 language tag of the text, such as `"fr-FR"`.
    ///   - blocks: The content of the document, in reading order.
    public init(title: String, language: String, blocks: [Block] = []) {
        self.title = title
        self.language = language
        self.blocks = blocks
    }

    /// One block of content.
    public enum Block: Sendable, Hashable {
        /// A section heading of level 1 (the highest) to 3. Levels outside that range are clamped.
        case heading(level: Int, text: String)
        /// A paragraph of body text made of formatted runs.
        case paragraph([Run])
        /// An indented quotation followed by a smaller attribution line, such as
        /// `"Entretien 4, enseignante"`. An empty attribution omits the line.
        case quote([Run], attribution: String)
        /// A simple table with a header row. Rows shorter than the widest row are padded with empty
        /// cells; an empty header produces a table without a header row.
        case table(header: [String], rows: [[String]])
        /// Starts a new page.
        case pageBreak
    }

    /// A stretch of text with the same formatting.
    ///
    /// A line feed (`"\n"`, `"\r\n"` or `"\r"`) inside the text becomes a line break within the
    /// paragraph and a tab (`"\t"`) a tab character.
    public struct Run: Sendable, Hashable, ExpressibleByStringLiteral {
        /// The text of the run.
        public var text: String
        /// Whether the text is bold.
        public var bold: Bool
        /// Whether the text is italic.
        public var italic: Bool
        /// Whether the text is highlighted, for instance the words that matched a code. Writers show
        /// highlighted text with a yellow background and in bold.
        public var highlight: Bool

        /// Creates a run.
        ///
        /// - Parameters:
        ///   - text: The text of the run.
        ///   - bold: Whether the text is bold.
        ///   - italic: Whether the text is italic.
        ///   - highlight: Whether the text is highlighted (yellow background, bold).
        public init(_ text: String, bold: Bool = false, italic: Bool = false, highlight: Bool = false) {
            self.text = text
            self.bold = bold
            self.italic = italic
            self.highlight = highlight
        }

        /// Creates a plain run from a string literal, so that `.paragraph(["Some text"])` reads well.
        public init(stringLiteral value: String) {
            self.init(value)
        }
    }
}
