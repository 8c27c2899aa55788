import CLibXML2
import VerbatimModel

/// Streams one WordprocessingML part (the main document, footnotes, endnotes or comments) and collects
/// its paragraphs as plain text, in reading order.
///
/// Elements are matched by local name and namespace, either the transitional or the strict one. What
/// carries no text (properties, deleted text, field instructions, the unused branch of an
/// `mc:AlternateContent`) is skipped whole with the reader's `next`, without looking inside.
final class WordPartParser {
    /// A note read from a notes or comments part.
    struct PartNote {
        var kind: Note.Kind
        var id: String
        var author: String?
        var paragraphs: [String]
    }

    private enum Tag {
        case paragraph, framePr, text, tab, br, cr, noBreakHyphen, softHyphen, sym, fldChar, skip
        case footnoteReference, endnoteReference, commentReference
        case footnote, endnote, comment
        case alternateContent, choice, fallback
    }

    private enum Family { case word, compatibility }

    private let stream: XMLStream
    private var tags: [UnsafeRawPointer: (Tag, Family)] = [:]
    private var wordNamespaces: [UnsafeRawPointer] = []
    private var compatibilityNamespace: UnsafeRawPointer?
    private var mathNamespaces: [UnsafeRawPointer] = []
    private let idName: UnsafeRawPointer?
    private let typeName: UnsafeRawPointer?
    private let fldCharTypeName: UnsafeRawPointer?
    private let charName: UnsafeRawPointer?
    private let authorName: UnsafeRawPointer?
    private let fontName: UnsafeRawPointer?
    private let dropCapName: UnsafeRawPointer?
    private let requiresName: UnsafeRawPointer?

    /// Body paragraphs (outside notes), in reading order.
    private(set) var paragraphs: [String] = []
    /// Footnote, endnote and comment references, in the order they appear.
    private(set) var references: [(kind: Note.Kind, id: String)] = []
    /// Notes defined in this part, in part order.
    private(set) var notes: [PartNote] = []
    /// The local name of the root element, and whether it is in a WordprocessingML namespace.
    private(set) var rootLocalName: String?
    private(set) var rootIsWordprocessingML = false

    private var frames: [ParagraphText] = []
    private var inText = false
    /// One entry per open complex field: true while in its instruction (before `separate`).
    private var fields: [Bool] = []
    private var hiddenFields = 0
    /// One entry per open `mc:AlternateContent`: whether a branch has been taken.
    private var alternates: [Bool] = []
    private var currentNote: PartNote?
    /// The text of a drop cap paragraph, waiting for the paragraph it begins.
    private var pendingDropCap: [UInt8]?

    init(stream: XMLStream) {
        self.stream = stream
        for ns in ["http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                   "http://purl.oclc.org/ooxml/wordprocessingml/main"] {
            if let p = stream.intern(ns) { wordNamespaces.append(p) }
        }
        compatibilityNamespace = stream.intern("http://schemas.openxmlformats.org/markup-compatibility/2006")
        for ns in ["http://schemas.openxmlformats.org/officeDocument/2006/math",
                   "http://purl.oclc.org/ooxml/officeDocument/math"] {
            if let p = stream.intern(ns) { mathNamespaces.append(p) }
        }
        idName = stream.intern("id")
        typeName = stream.intern("type")
        fldCharTypeName = stream.intern("fldCharType")
        charName = stream.intern("char")
        authorName = stream.intern("author")
        fontName = stream.intern("font")
        dropCapName = stream.intern("dropCap")
        requiresName = stream.intern("Requires")
        let word: [(String, Tag)] = [
            ("p", .paragraph), ("t", .text), ("tab", .tab), ("ptab", .tab), ("br", .br), ("cr", .cr),
            ("noBreakHyphen", .noBreakHyphen), ("softHyphen", .softHyphen), ("sym", .sym), ("fldChar", .fldChar),
            ("footnoteReference", .footnoteReference), ("endnoteReference", .endnoteReference),
            ("commentReference", .commentReference), ("commentRangeStart", .commentReference),
            ("footnote", .footnote), ("endnote", .endnote), ("comment", .comment), ("framePr", .framePr),
            // No text in these, or text that is not shown: properties (paragraph properties are read
            // for their drop cap frame, less their tab stops and revisions), deletions, field
            // instructions, ruby annotations.
            ("tabs", .skip), ("pPrChange", .skip), ("rPr", .skip), ("sectPr", .skip), ("tblPr", .skip),
            ("tblPrEx", .skip), ("tblGrid", .skip), ("trPr", .skip), ("tcPr", .skip), ("sdtPr", .skip),
            ("sdtEndPr", .skip), ("smartTagPr", .skip), ("customXmlPr", .skip), ("rubyPr", .skip), ("rt", .skip),
            ("del", .skip), ("moveFrom", .skip), ("delText", .skip), ("instrText", .skip),
            ("delInstrText", .skip), ("fldData", .skip),
        ]
        for (name, tag) in word { if let p = stream.intern(name) { tags[p] = (tag, .word) } }
        for (name, tag) in [("AlternateContent", Tag.alternateContent), ("Choice", .choice), ("Fallback", .fallback)] {
            if let p = stream.intern(name) { tags[p] = (tag, .compatibility) }
        }
    }

    @inline(__always) private func namespaceMatches(_ family: Family) -> Bool {
        let ns = stream.namespace
        switch family {
        case .word:
            // Equations share the names that matter (m:t is text, m:rPr holds none) and are read alike.
            return wordNamespaces.contains { $0 == ns } || mathNamespaces.contains { $0 == ns }
        case .compatibility: return ns == compatibilityNamespace
        }
    }

    /// Reads the whole part, or throws the parser's error as a one-line message.
    func run() throws(IngestError) {
        var rc = stream.read()
        while rc == 1 {
            let type = stream.nodeType
            if type == XMLStream.element {
                if rootLocalName == nil {
                    rootLocalName = stream.localName.map { String(cString: $0.assumingMemoryBound(to: CChar.self)) }
                    let ns = stream.namespace
                    rootIsWordprocessingML = wordNamespaces.contains { $0 == ns }
                }
                if let name = stream.localName, let (tag, family) = tags[name], namespaceMatches(family) {
                    if startElement(tag, empty: stream.isEmptyElement) {
                        rc = stream.skip()
                        continue
                    }
                }
            } else if type == XMLStream.endElement {
                if let name = stream.localName, let (tag, family) = tags[name], namespaceMatches(family) {
                    endElement(tag)
                }
            } else if type == XMLStream.text || type == XMLStream.significantWhitespace
                        || type == XMLStream.whitespace || type == XMLStream.cdata {
                if inText && hiddenFields == 0, let v = stream.value {
                    ensureFrame()
                    frames[frames.count - 1].appendText(v)
                }
            }
            rc = stream.read()
        }
        if rc < 0 { throw stream.failure() }
        while !frames.isEmpty { closeParagraph() }
        if currentNote != nil { endNote() }
        flushDropCap()
    }

    /// Handles an element start; returns true when its subtree is to be skipped.
    private func startElement(_ tag: Tag, empty: Bool) -> Bool {
        switch tag {
        case .skip:
            return !empty
        case .paragraph:
            if frames.count == 1 && frames[0].isImplicit { closeParagraph() }
            frames.append(ParagraphText())
            if empty { closeParagraph() }
        case .framePr:
            // A drop cap is a framed paragraph holding the first letter(s) of the next one.
            if let kind = stream.attribute(dropCapName), kind == "drop" || kind == "margin", !frames.isEmpty {
                frames[frames.count - 1].isDropCap = true
            }
        case .text:
            inText = !empty
        case .tab:
            appendVisible(0x09)
        case .br:
            let kind = stream.attribute(typeName)
            if kind != "page" && kind != "column" { appendVisible(0x0A) }
        case .cr:
            appendVisible(0x0A)
        case .noBreakHyphen:
            appendVisible(0x2D)
        case .softHyphen:
            break
        case .sym:
            if hiddenFields == 0, let hex = stream.attribute(charName), let code = UInt32(hex, radix: 16),
               let scalar = SymbolFont.scalar(font: stream.attribute(fontName), code: code) {
                ensureFrame()
                frames[frames.count - 1].append(scalar: scalar)
            }
        case .fldChar:
            switch stream.attribute(fldCharTypeName) {
            case "begin":
                fields.append(true)
                hiddenFields += 1
            case "separate":
                if let last = fields.last, last {
                    fields[fields.count - 1] = false
                    hiddenFields -= 1
                }
            case "end":
                if let last = fields.popLast(), last { hiddenFields -= 1 }
            default:
                break
            }
            return !empty
        case .footnoteReference:
            if let id = stream.attribute(idName) { references.append((.footnote, id)) }
        case .endnoteReference:
            if let id = stream.attribute(idName) { references.append((.endnote, id)) }
        case .commentReference:
            if let id = stream.attribute(idName) { references.append((.comment, id)) }
        case .footnote, .endnote, .comment:
            if tag != .comment, let kind = stream.attribute(typeName), kind != "normal" {
                return !empty // separators and continuation notices
            }
            if currentNote != nil { endNote() }
            let kind: Note.Kind = tag == .footnote ? .footnote : (tag == .endnote ? .endnote : .comment)
            currentNote = PartNote(kind: kind, id: stream.attribute(idName) ?? "", paragraphs: [])
            if tag == .comment { currentNote?.author = stream.attribute(authorName) }
            fields.removeAll()
            hiddenFields = 0
            if empty { endNote() }
        case .alternateContent:
            if !empty { alternates.append(false) }
        case .choice, .fallback:
            // Take one branch only, so that text boxes given in both forms are read once: the first
            // choice whose required namespaces are understood, else the fallback.
            guard let taken = alternates.last else { return false }
            if taken { return !empty }
            if tag == .choice && !requirementsUnderstood() { return !empty }
            alternates[alternates.count - 1] = true
        }
        return false
    }

    private func endElement(_ tag: Tag) {
        switch tag {
        case .paragraph:
            if !frames.isEmpty { closeParagraph() }
        case .text:
            inText = false
        case .alternateContent:
            _ = alternates.popLast()
        case .footnote, .endnote, .comment:
            if currentNote != nil { endNote() }
        default:
            break
        }
    }

    /// Whether every prefix listed in the current `mc:Choice`'s `Requires` names a namespace whose
    /// content this parser reads correctly: WordprocessingML and its drawing, shape, group and canvas
    /// extensions (text boxes), the Word 2010-2012 extensions, DrawingML and math. Anything else (for
    /// instance `w16se`, whose `symEx` holds emoji as codes) sends the reader to the fallback.
    private func requirementsUnderstood() -> Bool {
        guard let requires = stream.attribute(requiresName) else { return true }
        for prefix in requires.split(separator: " ") {
            guard let uri = stream.namespaceURI(forPrefix: String(prefix)),
                  WordPartParser.understoodNamespaces.contains(uri) else { return false }
        }
        return true
    }

    static let understoodNamespaces: Set<String> = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        "http://schemas.microsoft.com/office/word/2010/wordml",
        "http://schemas.microsoft.com/office/word/2012/wordml",
        "http://schemas.openxmlformats.org/drawingml/2006/main",
        "http://schemas.microsoft.com/office/drawing/2010/main",
        "http://schemas.openxmlformats.org/officeDocument/2006/math",
        "http://purl.oclc.org/ooxml/officeDocument/math",
        "urn:schemas-microsoft-com:vml",
        "urn:schemas-microsoft-com:office:office",
        "urn:schemas-microsoft-com:office:word",
    ]

    @inline(__always) private func ensureFrame() {
        if frames.isEmpty { frames.append(ParagraphText(implicit: true)) }
    }

    @inline(__always) private func appendVisible(_ byte: UInt8) {
        guard hiddenFields == 0 else { return }
        ensureFrame()
        frames[frames.count - 1].append(byte)
    }

    private func closeParagraph() {
        guard var frame = frames.popLast() else { return }
        if frame.isDropCap {
            if !frame.isBlank { pendingDropCap = (pendingDropCap ?? []) + frame.bytes }
            return
        }
        guard !frame.isBlank else { return }
        if let prefix = pendingDropCap {
            frame.bytes.insert(contentsOf: prefix, at: 0)
            pendingDropCap = nil
        }
        // A note's first paragraph starts with its reference mark, usually followed by a space.
        emit(frame.string(trim: currentNote != nil))
    }

    private func emit(_ text: String) {
        if currentNote != nil {
            currentNote!.paragraphs.append(text)
        } else {
            paragraphs.append(text)
        }
    }

    private func flushDropCap() {
        if let prefix = pendingDropCap {
            pendingDropCap = nil
            emit(ParagraphText.normalized(prefix[...]))
        }
    }

    private func endNote() {
        while !frames.isEmpty { closeParagraph() }
        flushDropCap()
        if let note = currentNote { notes.append(note) }
        currentNote = nil
    }
}
