import Foundation

/// An ordered set of named attribute values (stakeholder group, territory, wave...), kept as text as
/// written; `AttributeType` says how a column is to be read.
public struct Attributes: Sendable, Equatable, Codable {
    /// Names in the order they were first set.
    public private(set) var names: [String] = []
    public private(set) var values: [String: String] = [:]

    /// Every attribute name of `all` (documents' and participants' attributes...), sorted.
    public static func sortedNames<S: Sequence>(in all: S) -> [String] where S.Element == Attributes {
        var names = Set<String>()
        for a in all { names.formUnion(a.names) }
        return names.sorted()
    }

    public init() {}

    public init(_ pairs: [(String, String)]) {
        for (k, v) in pairs { self[k] = v }
    }

    public subscript(name: String) -> String? {
        get { values[name] }
        set {
            if let newValue {
                if values[name] == nil { names.append(name) }
                values[name] = newValue
            } else if values.removeValue(forKey: name) != nil {
                names.removeAll { $0 == name }
            }
        }
    }

    public var isEmpty: Bool { names.isEmpty }

    /// Name-value pairs in order.
    public var pairs: [(name: String, value: String)] { names.map { ($0, values[$0]!) } }

    /// Sets every value of `other`, keeping this set's order for names it already has.
    public mutating func merge(_ other: Attributes) {
        for (k, v) in other.pairs { self[k] = v }
    }
}

/// The type inferred for an attribute from all its values.
public enum AttributeType: String, Sendable, Codable {
    case number, date, text

    /// Infers the narrowest type that fits every non-empty value: number, then ISO date, then text.
    public static func infer<S: Sequence>(_ values: S) -> AttributeType where S.Element == String {
        var sawAny = false
        var allNumbers = true
        var allDates = true
        for raw in values {
            let v = raw.trimmingCharacters(in: .whitespaces)
            if v.isEmpty { continue }
            sawAny = true
            if allNumbers && !AttributeType.isNumber(v) { allNumbers = false }
            if allDates && !AttributeType.isDate(v) { allDates = false }
            if !allNumbers && !allDates { return .text }
        }
        if !sawAny { return .text }
        if allNumbers { return .number }
        if allDates { return .date }
        return .text
    }

    /// A decimal number, with `.` or `,` as the decimal separator (French tables use the comma).
    public static func isNumber(_ v: String) -> Bool {
        var digits = 0
        var seps = 0
        for (i, c) in v.unicodeScalars.enumerated() {
            switch c {
            case "0"..."9": digits += 1
            case "-", "+": if i != 0 { return false }
            case ".", ",": seps += 1; if seps > 1 { return false }
            default: return false
            }
        }
        return digits > 0
    }

    /// An ISO date `YYYY-MM-DD`, a month `YYYY-MM`, or a French/European `DD/MM/YYYY`.
    public static func isDate(_ v: String) -> Bool {
        let s = Array(v.unicodeScalars)
        func isDigit(_ i: Int) -> Bool { i < s.count && ("0"..."9").contains(s[i]) }
        func digits(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r { guard isDigit(i) else { return nil }; n = n * 10 + Int(s[i].value - 48) }
            return n
        }
        if s.count == 10, s[4] == "-", s[7] == "-", let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) {
            return y > 0 && (1...12).contains(m) && (1...31).contains(d)
        }
        if s.count == 7, s[4] == "-", digits(0..<4) != nil, let m = digits(5..<7) { return (1...12).contains(m) }
        if s.count == 10, s[2] == "/", s[5] == "/", let d = digits(0..<2), let m = digits(3..<5), digits(6..<10) != nil {
            return (1...12).contains(m) && (1...31).contains(d)
        }
        return false
    }
}
