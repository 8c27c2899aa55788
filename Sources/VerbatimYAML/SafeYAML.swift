import Foundation
import CYaml
import Yams
import VerbatimModel

/// The one way verbatim reads YAML: the text is first walked event by event with libyaml (whose parser
/// keeps its own stack, so any depth is safe there) and refused, before Yams builds anything, when it
/// nests deeper than ``maxDepth`` or when its aliases would expand to more than ``maxAliasNodes`` nodes.
///
/// Yams composes nodes recursively (a document nested thousands of levels deep overflows the stack)
/// and every reader walks the composed tree, so that an alias bomb (anchors whose aliases repeat each
/// other a few times over several levels) costs time and memory exponential in its size. Both are
/// refused here with one line naming the file and the line.
public enum SafeYAML {
    /// The deepest nesting of collections accepted, counted after expanding aliases.
    public static let maxDepth = 100
    /// The most nodes that aliases may add once expanded, over a whole document.
    public static let maxAliasNodes = 100_000

    /// YAML refused for its shape (too deep, too many aliased nodes), before composing it.
    public struct LimitError: Error, DiagnosticConvertible, CustomStringConvertible, Sendable {
        public var diagnostic: Diagnostic
        public var description: String { diagnostic.description }
    }

    /// Composes `text` (a single document) after checking its shape. Throws ``LimitError`` when it
    /// is too deep or its aliases expand too far, and Yams's `YamlError` for a syntax error.
    public static func compose(_ text: String, path: String) throws -> Node? {
        if let refusal = check(text, path: path) { throw LimitError(diagnostic: refusal) }
        return try Yams.compose(yaml: text)
    }

    /// The refusal of `text` for its depth or its aliases, or nil when it is within the limits (or has
    /// a syntax error before reaching them, which composing then reports).
    public static func check(_ text: String, path: String, maxDepth: Int = SafeYAML.maxDepth,
                             maxAliasNodes: Int = SafeYAML.maxAliasNodes) -> Diagnostic? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }
        return bytes.withUnsafeMutableBufferPointer { buf -> Diagnostic? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buf.baseAddress, buf.count)
            var walk = Walk(maxDepth: maxDepth, maxAliasNodes: maxAliasNodes)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
                switch walk.step(&event) {
                case .go: continue
                case .end: return nil
                case .tooDeep:
                    return .error(path, line: line, column: column, "nested too deeply (more than \(maxDepth) levels)")
                case .aliasBomb:
                    return .error(path, line: line, column: column, "aliases expand to more than \(maxAliasNodes) nodes (an alias bomb?): write the values out or use fewer aliases")
                }
            }
        }
    }

    /// What an anchored node amounts to once its aliases are expanded.
    struct Extent {
        var nodes: Int
        /// Levels of collections inside it, itself included (0 for a scalar).
        var height: Int
    }

    /// The walk over a stream's events: open collections with their running extent.
    struct Walk {
        enum Outcome { case go, end, tooDeep, aliasBomb }
        let maxDepth: Int
        let maxAliasNodes: Int
        var open: [(anchor: String?, extent: Extent)] = []
        var anchors: [String: Extent] = [:]
        var aliasNodes = 0

        init(maxDepth: Int, maxAliasNodes: Int) {
            self.maxDepth = maxDepth
            self.maxAliasNodes = maxAliasNodes
        }

        /// Adds a finished node (of `extent`) to the collection that holds it.
        mutating func add(_ extent: Extent) {
            guard !open.isEmpty else { return }
            open[open.count - 1].extent.nodes += extent.nodes
            open[open.count - 1].extent.height = max(open[open.count - 1].extent.height, extent.height + 1)
        }

        static func name(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            guard let p else { return nil }
            return String(cString: UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
        }

        mutating func step(_ event: inout yaml_event_t) -> Outcome {
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return .end
            case YAML_DOCUMENT_START_EVENT:
                // Anchors do not cross documents.
                anchors.removeAll()
                open.removeAll()
            case YAML_SCALAR_EVENT:
                let e = Extent(nodes: 1, height: 0)
                if let a = Walk.name(event.data.scalar.anchor) { anchors[a] = e }
                add(e)
            case YAML_ALIAS_EVENT:
                // An undefined alias is left to the composer, which reports it.
                let e = Walk.name(event.data.alias.anchor).flatMap { anchors[$0] } ?? Extent(nodes: 1, height: 0)
                aliasNodes += e.nodes
                if aliasNodes > maxAliasNodes { return .aliasBomb }
                if open.count + e.height > maxDepth { return .tooDeep }
                add(e)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if open.count + 1 > maxDepth { return .tooDeep }
                let anchor = event.type == YAML_SEQUENCE_START_EVENT
                    ? Walk.name(event.data.sequence_start.anchor) : Walk.name(event.data.mapping_start.anchor)
                open.append((anchor, Extent(nodes: 1, height: 1)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let done = open.popLast() else { return .go }
                if let a = done.anchor { anchors[a] = done.extent }
                add(done.extent)
            default:
                break
            }
            return .go
        }
    }
}
