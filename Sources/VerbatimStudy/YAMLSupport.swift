import Foundation
import Yams
import VerbatimModel
import VerbatimYAML

/// Parses YAML text into a Yams node, turning Yams's errors into one-line located diagnostics.
/// The text goes through ``SafeYAML`` first: too deep a nesting or an alias bomb is refused.
public enum YAMLSupport {
    public static func compose(_ text: String, path: String) throws -> Node? {
        do {
            return try SafeYAML.compose(text, path: path)
        } catch let e as SafeYAML.LimitError {
            throw StudyError(e.diagnostic)
        } catch let e as YamlError {
            switch e {
            case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
                var msg = "YAML syntax error: \(problem)"
                if let context { msg += " (\(context.text))" }
                throw StudyError(.error(path, line: mark.line, column: mark.column, msg))
            case let .reader(problem, _, _, _):
                throw StudyError(.error(path, "YAML cannot be read: \(problem)"))
            default:
                throw StudyError(.error(path, "YAML error: \(e)"))
            }
        } catch {
            throw StudyError(.error(path, "YAML error"))
        }
    }

    /// Throws for the first mapping key written twice in the same mapping, anywhere in `node`: YAML
    /// forbids it and the second value would silently win.
    static func rejectDuplicateKeys(_ node: Node, path: String, lineOffset: Int = 0) throws {
        switch node {
        case .scalar: return
        case .sequence(let seq): for item in seq { try rejectDuplicateKeys(item, path: path, lineOffset: lineOffset) }
        case .mapping(let map):
            var seen: [String: Node] = [:]
            for (k, v) in map {
                if let key = string(k) {
                    if let first = seen[key] {
                        let at = first.mark.map { " (first at line \($0.line + lineOffset))" } ?? ""
                        throw StudyError(.error(path, line: k.mark.map { $0.line + lineOffset }, column: k.mark?.column, "duplicate key '\(key)'\(at)"))
                    }
                    seen[key] = k
                }
                try rejectDuplicateKeys(v, path: path, lineOffset: lineOffset)
            }
        }
    }

    /// A scalar node's string, or nil.
    static func string(_ n: Node?) -> String? {
        guard let n, case let .scalar(s) = n else { return nil }
        return s.string
    }

    /// A sequence of scalars, or a single scalar, as strings.
    static func strings(_ n: Node?) -> [String]? {
        guard let n else { return nil }
        switch n {
        case .scalar(let s): return s.string.isEmpty ? [] : [s.string]
        case .sequence(let seq): return seq.compactMap { string($0) }
        default: return nil
        }
    }
}

/// A study problem: a diagnostic thrown as an error.
public struct StudyError: DiagnosticConvertible, CustomStringConvertible, Sendable {
    public var diagnostic: Diagnostic
    public init(_ d: Diagnostic) { diagnostic = d }
    public var description: String { diagnostic.description }
}
