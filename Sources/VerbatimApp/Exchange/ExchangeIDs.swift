import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimExchange

/// The REFI-QDA identities a study keeps: `refi-qda.json`, written by `verbatim import`, holding the
/// GUIDs, names and codability the imported file gave, so that an export gives them back and a project
/// goes out as it came in. Anything it does not name gets a GUID derived from its verbatim key
/// (``StableGUID``), the same from one export to the next.
public struct ExchangeIDs: Sendable, Equatable, Codable {
    public static let fileName = "refi-qda.json"

    /// GUIDs by verbatim key (`theme:peur-internet`, `document:S01-lyon.txt`, `coding:m-…`).
    public var guids: [String: String] = [:]
    /// Names by verbatim key, where the original differs from verbatim's (`document:S03-lyon.txt` →
    /// `S03-lyon.docx`).
    public var names: [String: String] = [:]
    /// Whether each imported code could be applied, by theme id.
    public var codable: [String: Bool] = [:]
    /// The producer of the imported file.
    public var origin: String?

    public init() {}

    /// The GUID of `kind` and `key`.
    public func guid(_ kind: String, _ key: String) -> String {
        guids[kind + ":" + key] ?? StableGUID.make(kind, key)
    }

    /// The name of `kind` and `key`, else `fallback`.
    public func name(_ kind: String, _ key: String, _ fallback: String) -> String { names[kind + ":" + key] ?? fallback }

    /// The study's identities (none when it has no `refi-qda.json`).
    /// - Throws: a ``Diagnostic`` when the file exists but cannot be read.
    public static func load(root: URL) throws -> ExchangeIDs {
        let url = root.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return ExchangeIDs() }
        do { return try JSONDecoder().decode(ExchangeIDs.self, from: data) } catch {
            throw Diagnostic.error(Study.display(url), "not a valid \(fileName) (the GUIDs kept from an import); fix or remove it")
        }
    }

    /// The file's bytes: sorted keys, one entry a line.
    public func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var d = try e.encode(self)
        d.append(0x0A)
        return d
    }
}
