import CLibXML2
import VerbatimModel

/// Streams the `content.xml` of an OpenDocument text and collects its paragraphs (`text:p`, `text:h`,
/// in tables, lists, frames and sections alike), its notes and its annotations.
final class OdfContentParser {
    private enum Tag {
        case paragraph, spaces, tab, lineBreak, note, annotation, creator, skip
    }

    private let stream: XMLStream
    private var tags: [UnsafeRawPointer: (Tag, UnsafeRawPointer?)] = [:]
    private let countName: UnsafeRawPointer?
    private let noteClassName: UnsafeRawPointer?

    private(set) var paragraphs: [String] = []
    /// Notes and annotations in document order.
    private(set) var notes: [Note] = []
    private(set) var rootLocalName: String?

    private var frames: [ParagraphText] = []
    /// For each open paragraph, how many notes were open when it started: text goes to a paragraph
    /// only from its own level, not from the white space between the elements of a note inside it.
    private var frameLevels: [Int] = []
    /// Open notes and annotations, innermost last, with the paragraphs read so far.
    private var openNotes: [(kind: Note.Kind, author: String?, paragraphs: [String])] = []
    /// Set while inside `dc:creator` of an annotation.
    private var author: ParagraphText?

    init(stream: XMLStream) {
        self.stream = stream
        let textNS = stream.intern("urn:oasis:names:tc:opendocument:xmlns:text:1.0")
        let officeNS = stream.intern("urn:oasis:names:tc:opendocument:xmlns:office:1.0")
        let svgNS = stream.intern("urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0")
        let dcNS = stream.intern("http://purl.org/dc/elements/1.1/")
        let table: [(String, Tag, UnsafeRawPointer?)] = [
            ("p", .paragraph, textNS), ("h", .paragraph, textNS), ("s", .spaces, textNS), ("tab", .tab, textNS),
            ("line-break", .lineBreak, textNS), ("note", .note, textNS), ("note-citation", .skip, textNS),
            ("number", .skip, textNS), // the rendered label of a numbered item, as in DOCX: not text
            ("tracked-changes", .skip, textNS), ("sequence-decls", .skip, textNS),
            ("variable-decls", .skip, textNS), ("user-field-decls", .skip, textNS), ("ruby-text", .skip, textNS),
            ("table-of-content-source", .skip, textNS), ("illustration-index-source", .skip, textNS),
            ("table-index-source", .skip, textNS), ("object-index-source", .skip, textNS),
            ("user-index-source", .skip, textNS), ("alphabetical-index-source", .skip, textNS),
            ("bibliography-source", .skip, textNS),
            ("annotation", .annotation, officeNS), ("automatic-styles", .skip, officeNS),
            ("font-face-decls", .skip, officeNS), ("forms", .skip, officeNS), ("scripts", .skip, officeNS),
            ("title", .skip, svgNS), ("desc", .skip, svgNS), ("creator", .creator, dcNS), ("date", .skip, dcNS),
        ]
        for (name, tag, ns) in table {
            if let p = stream.intern(name) { tags[p] = (tag, ns) }
        }
        countName = stream.intern("c")
        noteClassName = stream.intern("note-class")
    }

    func run() throws(IngestError) {
        var rc = stream.read()
        while rc == 1 {
            let type = stream.nodeType
            if type == XMLStream.element {
                if rootLocalName == nil {
                    rootLocalName = stream.localName.map { String(cString: $0.assumingMemoryBound(to: CChar.self)) }
                }
                if let name = stream.localName, let (tag, ns) = tags[name], stream.namespace == ns {
                    if startElement(tag, empty: stream.isEmptyElement) {
                        rc = stream.skip()
                        continue
                    }
                }
            } else if type == XMLStream.endElement {
                if let name = stream.localName, let (tag, ns) = tags[name], stream.namespace == ns {
                    endElement(tag)
                }
            } else if type == XMLStream.text || type == XMLStream.significantWhitespace
                        || type == XMLStream.whitespace || type == XMLStream.cdata {
                if let v = stream.value {
                    if author != nil {
                        author!.appendCollapsingWhiteSpace(v)
                    } else if !frames.isEmpty && frameLevels[frameLevels.count - 1] == openNotes.count {
                        frames[frames.count - 1].appendCollapsingWhiteSpace(v)
                    }
                }
            }
            rc = stream.read()
        }
        if rc < 0 { throw stream.failure() }
        while !frames.isEmpty { closeParagraph() }
        while !openNotes.isEmpty { closeNote() }
    }

    private func startElement(_ tag: Tag, empty: Bool) -> Bool {
        switch tag {
        case .skip:
            return !empty
        case .paragraph:
            frames.append(ParagraphText())
            frameLevels.append(openNotes.count)
            if empty { closeParagraph() }
        case .spaces:
            guard !frames.isEmpty else { break }
            let n = min(stream.attribute(countName).flatMap { Int($0) } ?? 1, 1000)
            for _ in 0..<max(n, 1) { frames[frames.count - 1].append(0x20) }
        case .tab:
            if !frames.isEmpty { frames[frames.count - 1].append(0x09) }
        case .lineBreak:
            if !frames.isEmpty { frames[frames.count - 1].append(0x0A) }
        case .note:
            let kind: Note.Kind = stream.attribute(noteClassName) == "endnote" ? .endnote : .footnote
            openNotes.append((kind, nil, []))
            if empty { closeNote() }
        case .annotation:
            openNotes.append((.comment, nil, []))
            if empty { closeNote() }
        case .creator:
            if !empty && !openNotes.isEmpty { author = ParagraphText() }
        }
        return false
    }

    private func endElement(_ tag: Tag) {
        switch tag {
        case .paragraph:
            if !frames.isEmpty { closeParagraph() }
        case .note, .annotation:
            if !openNotes.isEmpty { closeNote() }
        case .creator:
            if let a = author, !openNotes.isEmpty {
                let name = a.string(trim: true)
                if !name.isEmpty { openNotes[openNotes.count - 1].author = name }
            }
            author = nil
        default:
            break
        }
    }

    private func closeParagraph() {
        _ = frameLevels.popLast()
        guard let frame = frames.popLast(), !frame.isBlank else { return }
        let text = frame.string(trim: true)
        if openNotes.isEmpty {
            paragraphs.append(text)
        } else {
            openNotes[openNotes.count - 1].paragraphs.append(text)
        }
    }

    private func closeNote() {
        guard let note = openNotes.popLast(), !note.paragraphs.isEmpty else { return }
        notes.append(Note(kind: note.kind, text: note.paragraphs.joined(separator: "\n"), author: note.author))
    }
}
