/// The relationships of one part of an Open Packaging Conventions package (`_rels/*.rels`): how a
/// DOCX names its main part, and how the main part names its footnotes, endnotes and comments.
struct OPCRelationships {
    struct Relationship {
        var type: String
        /// The target resolved to a part name (no leading slash), or the raw target when external.
        var target: String
        var isExternal: Bool
    }

    var items: [Relationship] = []

    /// The relationships part of `part`: `_rels/.rels` for the package itself (`part` empty),
    /// `word/_rels/document.xml.rels` for `word/document.xml`.
    static func relationshipsPart(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "_rels/\(part).rels" }
        let folder = part[..<slash]
        let file = part[part.index(after: slash)...]
        return "\(folder)/_rels/\(file).rels"
    }

    /// Reads the relationships of `part`. A missing or unreadable relationships part gives none, so that
    /// the caller falls back to the conventional part names.
    static func read(of part: String, in package: ZipPackage) -> OPCRelationships {
        let relsName = part.isEmpty ? "_rels/.rels" : relationshipsPart(of: part)
        guard let entry = package.entry(named: relsName),
              let contents = try? package.contents(of: entry),
              let stream = try? XMLStream(bytes: contents.bytes, part: relsName, path: package.path) else {
            return OPCRelationships()
        }
        let relationshipName = stream.intern("Relationship")
        let typeName = stream.intern("Type")
        let targetName = stream.intern("Target")
        let modeName = stream.intern("TargetMode")
        var rels = OPCRelationships()
        while stream.read() == 1 {
            guard stream.nodeType == XMLStream.element, stream.localName == relationshipName,
                  let type = stream.attribute(typeName), let target = stream.attribute(targetName) else { continue }
            let external = stream.attribute(modeName) == "External"
            rels.items.append(Relationship(type: type, target: external ? target : resolve(target, from: part),
                                           isExternal: external))
        }
        return rels
    }

    /// The first internal target whose relationship type ends with `/suffix`.
    func target(typeSuffix suffix: String) -> String? {
        let tail = "/" + suffix
        return items.first { !$0.isExternal && $0.type.hasSuffix(tail) }?.target
    }

    /// Resolves a relationship target against the folder of its source part, decoding `%XX` escapes
    /// and `.` / `..` segments; a target starting with `/` is taken from the package root.
    static func resolve(_ target: String, from sourcePart: String) -> String {
        let decoded = percentDecoded(target)
        var segments: [Substring] = []
        if !decoded.hasPrefix("/"), let slash = sourcePart.lastIndex(of: "/") {
            segments = sourcePart[..<slash].split(separator: "/")
        }
        for segment in decoded.split(separator: "/") {
            if segment == "." { continue }
            if segment == ".." { if !segments.isEmpty { segments.removeLast() }; continue }
            segments.append(segment)
        }
        return segments.joined(separator: "/")
    }

    private static func percentDecoded(_ s: String) -> String {
        guard s.utf8.contains(0x25) else { return s }
        var out: [UInt8] = []
        let u = Array(s.utf8)
        var i = 0
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x30...0x39: return b - 0x30
            case 0x41...0x46: return b - 0x41 + 10
            case 0x61...0x66: return b - 0x61 + 10
            default: return nil
            }
        }
        while i < u.count {
            if u[i] == 0x25, i + 2 < u.count, let h = hex(u[i + 1]), let l = hex(u[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
