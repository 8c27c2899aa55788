import Foundation

/// A REFI-QDA project or codebook as it is exchanged (REFI-QDA 1.5, QDA-XML 1.0), in the terms of the
/// standard rather than verbatim's: GUIDs, codes, sources with their text and selections. The writers
/// turn it into `.qdc`, `project.qde` and `.qdpx` files; the reader builds it from them.
///
/// Positions of selections are in the units of the file they come from or go to (Unicode code points
/// for the standard); ``OffsetModel`` converts them.
public struct REFIProject: Sendable, Equatable {
    public struct User: Sendable, Equatable {
        public var guid: String
        public var name: String
        public init(guid: String, name: String) { self.guid = guid; self.name = name }
    }

    public struct Code: Sendable, Equatable {
        public var guid: String
        public var name: String
        public var isCodable: Bool
        /// `#RRGGBB`, or nil.
        public var color: String?
        public var description: String?
        /// GUIDs of the notes about the code (project only).
        public var noteRefs: [String] = []
        public var children: [Code] = []
        public init(guid: String, name: String, isCodable: Bool, color: String? = nil, description: String? = nil,
                    noteRefs: [String] = [], children: [Code] = []) {
            self.guid = guid; self.name = name; self.isCodable = isCodable; self.color = color
            self.description = description; self.noteRefs = noteRefs; self.children = children
        }
    }

    public enum VariableType: String, Sendable, Equatable, CaseIterable {
        case text = "Text", boolean = "Boolean", integer = "Integer", float = "Float", date = "Date", dateTime = "DateTime"

        /// The element that holds a value of this type.
        var valueElement: String {
            switch self {
            case .text: return "TextValue"
            case .boolean: return "BooleanValue"
            case .integer: return "IntegerValue"
            case .float: return "FloatValue"
            case .date: return "DateValue"
            case .dateTime: return "DateTimeValue"
            }
        }
    }

    public struct Variable: Sendable, Equatable {
        public var guid: String
        public var name: String
        public var type: VariableType
        public init(guid: String, name: String, type: VariableType) { self.guid = guid; self.name = name; self.type = type }
    }

    public struct Case: Sendable, Equatable {
        public var guid: String
        public var name: String?
        public var description: String?
        /// Variable GUID and value (nil: no value).
        public var values: [(variable: String, value: String?)]
        public var sourceRefs: [String]
        public init(guid: String, name: String?, description: String? = nil, values: [(variable: String, value: String?)] = [], sourceRefs: [String] = []) {
            self.guid = guid; self.name = name; self.description = description; self.values = values; self.sourceRefs = sourceRefs
        }
        public static func == (a: Case, b: Case) -> Bool {
            a.guid == b.guid && a.name == b.name && a.description == b.description && a.sourceRefs == b.sourceRefs
                && a.values.map(\.variable) == b.values.map(\.variable) && a.values.map(\.value) == b.values.map(\.value)
        }
    }

    public struct Coding: Sendable, Equatable {
        public var guid: String
        public var code: String
        public var creatingUser: String?
        public var creationDateTime: String?
        public init(guid: String, code: String, creatingUser: String? = nil, creationDateTime: String? = nil) {
            self.guid = guid; self.code = code; self.creatingUser = creatingUser; self.creationDateTime = creationDateTime
        }
    }

    public struct Selection: Sendable, Equatable {
        public var guid: String
        public var name: String?
        public var start: Int
        public var end: Int
        public var creatingUser: String?
        public var creationDateTime: String?
        public var modifyingUser: String?
        public var description: String?
        public var codings: [Coding]
        public init(guid: String, name: String? = nil, start: Int, end: Int, creatingUser: String? = nil, creationDateTime: String? = nil,
                    modifyingUser: String? = nil, description: String? = nil, codings: [Coding] = []) {
            self.guid = guid; self.name = name; self.start = start; self.end = end; self.creatingUser = creatingUser
            self.creationDateTime = creationDateTime; self.modifyingUser = modifyingUser; self.description = description; self.codings = codings
        }
    }

    public struct TextSource: Sendable, Equatable {
        public var guid: String
        public var name: String
        /// The file's name inside the package's `sources/` (`<guid>.txt`), or nil for inline text.
        public var file: String?
        /// The plain text exactly as in the file (or inline), a leading byte-order mark removed; nil when
        /// it could not be found.
        public var text: String?
        public var description: String?
        public var creatingUser: String?
        public var creationDateTime: String?
        public var selections: [Selection]
        /// Codings of the whole source.
        public var codings: [Coding] = []
        /// Source-level variable values (MAXQDA writes these): variable GUID and value.
        public var values: [(variable: String, value: String?)] = []
        /// GUIDs of the notes about the source.
        public var noteRefs: [String] = []
        public init(guid: String, name: String, file: String?, text: String?, description: String? = nil, creatingUser: String? = nil,
                    creationDateTime: String? = nil, selections: [Selection] = []) {
            self.guid = guid; self.name = name; self.file = file; self.text = text; self.description = description
            self.creatingUser = creatingUser; self.creationDateTime = creationDateTime; self.selections = selections
        }
        public static func == (a: TextSource, b: TextSource) -> Bool {
            a.guid == b.guid && a.name == b.name && a.file == b.file && a.text == b.text && a.description == b.description
                && a.selections == b.selections && a.codings == b.codings
        }
    }

    public struct Note: Sendable, Equatable {
        public var guid: String
        public var name: String
        public var text: String
        public var creatingUser: String?
        public var creationDateTime: String?
        public init(guid: String, name: String, text: String, creatingUser: String? = nil, creationDateTime: String? = nil) {
            self.guid = guid; self.name = name; self.text = text; self.creatingUser = creatingUser; self.creationDateTime = creationDateTime
        }
    }

    public struct Set: Sendable, Equatable {
        public var guid: String
        public var name: String
        public var description: String?
        public var memberCodes: [String] = []
        public var memberSources: [String] = []
        public init(guid: String, name: String, description: String? = nil, memberCodes: [String] = [], memberSources: [String] = []) {
            self.guid = guid; self.name = name; self.description = description; self.memberCodes = memberCodes; self.memberSources = memberSources
        }
    }

    public var name: String
    public var origin: String?
    public var creatingUser: String?
    public var creationDateTime: String?
    public var modifyingUser: String?
    public var users: [User] = []
    public var codes: [Code] = []
    public var variables: [Variable] = []
    public var cases: [Case] = []
    public var sources: [TextSource] = []
    public var notes: [Note] = []
    public var sets: [Set] = []
    public var description: String?
    /// GUIDs of the notes about the whole project.
    public var noteRefs: [String] = []

    public init(name: String, origin: String? = nil) {
        self.name = name
        self.origin = origin
    }

    /// Every code, parents before their children.
    public var allCodes: [Code] {
        var out: [Code] = []
        func walk(_ cs: [Code]) { for c in cs { out.append(c); walk(c.children) } }
        walk(codes)
        return out
    }
}
