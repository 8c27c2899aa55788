import CLibXML2
import Foundation

/// An XML element read with libxml2 (no network, no DTD, no entity expansion), known by its local
/// name whatever its namespace: REFI-QDA files come with several namespace variants.
final class XMLElement {
    let name: String
    let namespace: String?
    /// Attributes by local name.
    let attributes: [String: String]
    private(set) var children: [XMLElement] = []
    /// The text of the element and its descendants.
    private(set) var text = ""
    let line: Int

    init(name: String, namespace: String?, attributes: [String: String], line: Int) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.line = line
    }

    func children(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }
    func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }
    subscript(_ attribute: String) -> String? { attributes[attribute] }

    /// Parses `data`.
    /// - Throws: the parser's first message with its line.
    static func parse(_ data: Data) throws -> XMLElement {
        _ = initialized
        verbatim_xml_silence()
        xmlResetLastError()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_HUGE.rawValue)
        guard data.count <= Int(Int32.max) else { throw XMLFailure(message: "the XML document is larger than 2 GB", line: nil) }
        let doc = data.withUnsafeBytes { raw -> xmlDocPtr? in
            guard let base = raw.baseAddress else { return nil }
            return xmlReadMemory(base.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil, nil, options)
        }
        guard let doc else {
            if let e = xmlGetLastError() {
                let message = e.pointee.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "malformed XML"
                throw XMLFailure(message: message, line: e.pointee.line > 0 ? Int(e.pointee.line) : nil)
            }
            throw XMLFailure(message: data.isEmpty ? "the file is empty" : "malformed XML", line: nil)
        }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { throw XMLFailure(message: "no root element", line: nil) }
        return build(root, doc: doc)
    }

    static let initialized: Void = { xmlInitParser() }()

    private static func build(_ node: xmlNodePtr, doc: xmlDocPtr) -> XMLElement {
        var attributes: [String: String] = [:]
        var a = node.pointee.properties
        while let attr = a {
            let name = String(cString: attr.pointee.name)
            if let v = xmlNodeListGetString(doc, attr.pointee.children, 1) {
                attributes[name] = String(cString: v)
                verbatim_xmlFree(v)
            } else {
                attributes[name] = ""
            }
            a = attr.pointee.next
        }
        let ns = node.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } }
        let e = XMLElement(name: String(cString: node.pointee.name), namespace: ns, attributes: attributes, line: Int(xmlGetLineNo(node)))
        var c = node.pointee.children
        var text = ""
        while let child = c {
            switch child.pointee.type {
            case XML_ELEMENT_NODE:
                let sub = build(child, doc: doc)
                e.children.append(sub)
                text += sub.text
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = child.pointee.content { text += String(cString: content) }
            default:
                break
            }
            c = child.pointee.next
        }
        e.text = text
        return e
    }
}

struct XMLFailure: Error {
    var message: String
    var line: Int?
}

/// Validation against an XML Schema with libxml2's validator (used by the tests on every export).
public enum SchemaValidator {
    private final class Messages { var items: [String] = [] }

    /// The schema's complaints about `document` (empty when it is valid).
    /// - Throws: a message when the schema itself cannot be read.
    public static func errors(in document: Data, schema: URL) throws -> [String] {
        _ = XMLElement.initialized
        verbatim_xml_silence()
        guard let parser = xmlSchemaNewParserCtxt(schema.path) else { throw XMLFailure(message: "cannot open the schema \(schema.path)", line: nil) }
        defer { xmlSchemaFreeParserCtxt(parser) }
        guard let compiled = xmlSchemaParse(parser) else { throw XMLFailure(message: "cannot parse the schema \(schema.path)", line: nil) }
        defer { xmlSchemaFree(compiled) }
        guard let validator = xmlSchemaNewValidCtxt(compiled) else { throw XMLFailure(message: "cannot start the validator", line: nil) }
        defer { xmlSchemaFreeValidCtxt(validator) }
        let messages = Messages()
        let box = Unmanaged.passRetained(messages)
        defer { box.release() }
        xmlSchemaSetValidStructuredErrors(validator, { ctx, error in
            guard let ctx, let error else { return }
            let m = Unmanaged<Messages>.fromOpaque(ctx).takeUnretainedValue()
            let text = error.pointee.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "invalid"
            m.items.append("line \(error.pointee.line): \(text)")
        }, box.toOpaque())
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_HUGE.rawValue)
        let doc = document.withUnsafeBytes { raw -> xmlDocPtr? in
            guard let base = raw.baseAddress else { return nil }
            return xmlReadMemory(base.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil, nil, options)
        }
        guard let doc else { return ["not well-formed XML"] }
        defer { xmlFreeDoc(doc) }
        let rc = xmlSchemaValidateDoc(validator, doc)
        if rc != 0 && messages.items.isEmpty { messages.items.append("invalid (libxml2 code \(rc))") }
        return messages.items
    }
}
