import Foundation
import Yams
import VerbatimModel
import VerbatimIngest

/// The contents of a study's `verbatim.yaml`.
public struct StudyConfig: Sendable {
    public var name: String = "Untitled study"
    /// ISO 639-1 code of the transcripts' language (`fr`, `en`...): report headings follow it.
    public var language: String = "en"
    /// Folders (relative to the study) holding the transcripts.
    public var transcripts: [String] = ["transcripts"]
    /// The line of `transcripts:` in `verbatim.yaml`, when it is there.
    public var transcriptsLine: Int?
    /// The document attribute table.
    public var cases: String = "cases.csv"
    /// The speaker attribute table for focus groups.
    public var participants: String = "participants.csv"
    public var speakerRules = SpeakerRules()
    /// Real names and their pseudonyms, for exports.
    public var names: [(name: String, pseudonym: String)] = []
    /// A names table (`name,pseudonym`) relative to the study, when names are kept apart.
    public var namesFile: String?
    /// The codebook used by default.
    public var codebook: String?
    /// The coding unit: turn, sentence or paragraph.
    public var unit: String = "turn"

    public init() {}

    static let knownKeys: Set<String> = ["name", "language", "transcripts", "cases", "participants", "speakers",
                                         "names", "codebook", "unit", "description"]
    static let speakerKeys: Set<String> = ["interviewers", "participants", "labels", "patterns", "unlabelled"]

    /// Parses `verbatim.yaml`. Unknown keys are warnings; wrong types are errors with their line.
    public static func parse(_ text: String, path: String) throws -> (StudyConfig, [Diagnostic]) {
        var config = StudyConfig()
        var warnings: [Diagnostic] = []
        guard let root = try YAMLSupport.compose(text, path: path) else { return (config, warnings) }
        try YAMLSupport.rejectDuplicateKeys(root, path: path)
        guard case .mapping(let map) = root else {
            throw StudyError(.error(path, line: root.mark?.line, "verbatim.yaml must be a mapping of keys to values"))
        }
        func fail(_ node: Node, _ msg: String) -> StudyError { StudyError(.error(path, line: node.mark?.line, column: node.mark?.column, msg)) }
        for (k, v) in map {
            guard let key = YAMLSupport.string(k) else { continue }
            switch key {
            case "name": config.name = YAMLSupport.string(v) ?? config.name
            case "description": break
            case "language":
                guard let s = YAMLSupport.string(v), !s.isEmpty else { throw fail(v, "'language' must be a language code such as fr or en") }
                config.language = s.lowercased()
            case "transcripts":
                guard let s = YAMLSupport.strings(v), !s.isEmpty else { throw fail(v, "'transcripts' must be a folder or a list of folders") }
                config.transcripts = s
                config.transcriptsLine = k.mark?.line
            case "cases":
                guard let s = YAMLSupport.string(v) else { throw fail(v, "'cases' must be a file name") }
                config.cases = s
            case "participants":
                guard let s = YAMLSupport.string(v) else { throw fail(v, "'participants' must be a file name") }
                config.participants = s
            case "codebook": config.codebook = YAMLSupport.string(v)
            case "unit":
                guard let s = YAMLSupport.string(v), ["turn", "sentence", "paragraph"].contains(s) else {
                    throw fail(v, "'unit' must be turn, sentence or paragraph")
                }
                config.unit = s
            case "speakers":
                guard case .mapping(let sm) = v else { throw fail(v, "'speakers' must be a mapping (interviewers, participants, labels, patterns, unlabelled)") }
                for (sk, sv) in sm {
                    guard let skey = YAMLSupport.string(sk) else { continue }
                    if skey == "unlabelled" {
                        let choices = SpeakerRules.Unlabelled.allCases.map(\.rawValue)
                        guard let word = YAMLSupport.string(sv), let u = SpeakerRules.Unlabelled(rawValue: word.lowercased()) else {
                            throw fail(sv, "'speakers.unlabelled' must be \(choices.joined(separator: ", ")) (whose text a document without speaker labels is)")
                        }
                        config.speakerRules.unlabelled = u
                        continue
                    }
                    guard let list = YAMLSupport.strings(sv) else { throw fail(sv, "'speakers.\(skey)' must be a list of labels") }
                    switch skey {
                    case "interviewers": config.speakerRules.interviewers = list
                    case "participants": config.speakerRules.participants = list
                    case "labels": config.speakerRules.speakers = list
                    case "patterns": config.speakerRules.patterns = list
                    default:
                        warnings.append(.warning(path, line: sk.mark?.line, column: sk.mark?.column,
                                                 "unknown key 'speakers.\(skey)' (known: \(speakerKeys.sorted().joined(separator: ", ")))"))
                    }
                }
            case "names":
                switch v {
                case .scalar(let s): config.namesFile = s.string
                case .mapping(let nm):
                    for (nk, nv) in nm {
                        guard let n = YAMLSupport.string(nk), let p = YAMLSupport.string(nv) else { throw fail(nk, "'names' maps each real name to a pseudonym") }
                        config.names.append((n, p))
                    }
                default: throw fail(v, "'names' must map real names to pseudonyms, or name a CSV file")
                }
            default:
                warnings.append(.warning(path, line: k.mark?.line, column: k.mark?.column,
                                         "unknown key '\(key)' (known: \(knownKeys.sorted().joined(separator: ", ")))"))
            }
        }
        return (config, warnings)
    }
}
