import CLibXML2
import Foundation

/// A forward-only pull reader over one XML part, built on libxml2's `xmlTextReader`: bounded in memory,
/// no network, no DTD loading, no entity substitution, and libxml2's own limits on depth and sizes.
///
/// Names are compared by address: libxml2 interns every element and attribute name in the reader's
/// dictionary, and `intern(_:)` returns the same address for the same name.
final class XMLStream {
    /// Node types of `xmlTextReaderNodeType`.
    static let element: Int32 = 1
    static let text: Int32 = 3
    static let cdata: Int32 = 4
    static let whitespace: Int32 = 13
    static let significantWhitespace: Int32 = 14
    static let endElement: Int32 = 15

    /// The part's name inside the package, for messages.
    let part: String
    /// The file's path as the user named it.
    let path: String
    private let bytes: OwnedBytes
    let reader: xmlTextReaderPtr
    private var errorMessage: String?
    private var errorLine: Int?

    /// Opens a reader over `bytes`, which it keeps alive.
    init(bytes: OwnedBytes, part: String, path: String) throws(IngestError) {
        self.part = part
        self.path = path
        self.bytes = bytes
        _ = XMLStream.libraryInitialized
        verbatim_xml_silence()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                            | XML_PARSE_NOCDATA.rawValue)
        guard bytes.count <= Int(Int32.max),
              let r = bytes.base.withMemoryRebound(to: CChar.self, capacity: bytes.count, {
                  xmlReaderForMemory($0, Int32(bytes.count), nil, nil, options)
              }) else {
            throw IngestError(path, "cannot read \(part): libxml2 could not start a reader")
        }
        reader = r
        xmlTextReaderSetErrorHandler(r, { arg, msg, severity, locator in
            guard let arg else { return }
            let stream = Unmanaged<XMLStream>.fromOpaque(arg).takeUnretainedValue()
            guard stream.errorMessage == nil,
                  severity == XML_PARSER_SEVERITY_ERROR || severity == XML_PARSER_SEVERITY_VALIDITY_ERROR else { return }
            stream.errorMessage = msg.map { String(cString: $0) } ?? "unknown error"
            if let locator {
                let line = Int(xmlTextReaderLocatorLineNumber(locator))
                if line > 0 { stream.errorLine = line }
            }
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit { xmlFreeTextReader(reader) }

    /// libxml2 wants `xmlInitParser` called once before threads use it; a static is initialised once.
    private static let libraryInitialized: Void = { xmlInitParser() }()

    /// The interned address of `name` in this reader's dictionary.
    func intern(_ name: String) -> UnsafeRawPointer? {
        UnsafeRawPointer(xmlTextReaderConstString(reader, name))
    }

    /// Moves to the next node: 1 when there is one, 0 at the end, -1 on an error.
    @inline(__always) func read() -> Int32 { xmlTextReaderRead(reader) }

    /// Moves past the current node's subtree to its next sibling (or the next node in document order).
    @inline(__always) func skip() -> Int32 { xmlTextReaderNext(reader) }

    @inline(__always) var nodeType: Int32 { xmlTextReaderNodeType(reader) }

    /// The interned local name of the current node.
    @inline(__always) var localName: UnsafeRawPointer? { UnsafeRawPointer(xmlTextReaderConstLocalName(reader)) }

    /// The interned namespace URI of the current node.
    @inline(__always) var namespace: UnsafeRawPointer? { UnsafeRawPointer(xmlTextReaderConstNamespaceUri(reader)) }

    @inline(__always) var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    /// The text of the current text node, valid until the next move.
    @inline(__always) var value: UnsafePointer<xmlChar>? { xmlTextReaderConstValue(reader) }

    /// The value of the current element's attribute whose local name is `name` (interned), in any
    /// namespace.
    func attribute(_ name: UnsafeRawPointer?) -> String? {
        guard let name, xmlTextReaderHasAttributes(reader) == 1 else { return nil }
        var result: String?
        var rc = xmlTextReaderMoveToFirstAttribute(reader)
        while rc == 1 {
            if UnsafeRawPointer(xmlTextReaderConstLocalName(reader)) == name, let v = xmlTextReaderConstValue(reader) {
                result = String(cString: v)
                break
            }
            rc = xmlTextReaderMoveToNextAttribute(reader)
        }
        xmlTextReaderMoveToElement(reader)
        return result
    }

    /// The namespace URI bound to `prefix` at the current node.
    func namespaceURI(forPrefix prefix: String) -> String? {
        guard let p = xmlTextReaderLookupNamespace(reader, prefix) else { return nil }
        defer { verbatim_xmlFree(p) }
        return String(cString: p)
    }

    /// The error for a failed read: libxml2's first message, trimmed to one line, with its line.
    func failure() -> IngestError {
        var message = (errorMessage ?? "unexpected end of data")
            .split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
        if message.isEmpty { message = "unknown error" }
        if message.count > 200 { message = String(message.prefix(200)) + "..." }
        var text = "malformed XML in \(part): \(message)"
        if let errorLine { text += " (line \(errorLine))" }
        return IngestError(path, text)
    }
}
