import Foundation
import VerbatimModel

/// Reads a codebook from a CSV file: one theme a row, in the style of Taguette's and other tools'
/// codebook exports.
///
/// Columns (case-insensitive): the theme name in `tag`, `name` or `path` (exactly one of them);
/// optional `description` (the definition), `parent` (the parent's name or id), `terms` (separated by
/// `;`, one `any` rule), `color` or `colour`, and `id`. A `path` such as `parent/child` builds the
/// hierarchy, creating the parents it names. Ids missing from the file are made from the names.
struct CSVCodebookReader {
    let path: String
    let language: String
    private(set) var diagnostics: [Diagnostic] = []

    static let nameColumns = ["tag", "name", "path"]
    static let knownColumns = ["tag", "name", "path", "description", "parent", "terms", "color", "colour", "id"]

    init(path: String, language: String) {
        self.path = path
        self.language = language
    }

    /// One theme being built from the rows.
    private struct Entry {
        /// What parents and paths refer to: the full path in a `path` column, else the name.
        var key: String
        var label: String
        var id: String?
        var definition: String?
        var color: String?
        var terms: [String] = []
        /// The `parent` cell, resolved after every row has been read.
        var parentReference: String?
        var parent: Int?
        var line: Int
        /// Created for a path segment that has no row of its own (yet).
        var implicit = false
    }

    /// Builds the codebook. Throws `CodebookError` when the text cannot be split into records or the
    /// header has no usable name column; other problems are left in `diagnostics`.
    mutating func read(_ data: Data) throws -> Codebook {
        let text = decode(data)
        let table: CSVRecords
        do {
            table = try CSVRecords(text)
        } catch let e as CSVRecords.UnterminatedQuote {
            throw CodebookError(.error(path, line: e.line, "unterminated quoted field: a '\"' is never closed"))
        }
        var records = table.records.drop(while: \.isBlank)
        guard let header = records.popFirst() else {
            throw CodebookError(.error(path, "the CSV codebook is empty: expected a header row such as 'name,description'"))
        }
        let columns = try readHeader(header)
        var entries: [Entry] = []
        var byKey: [String: Int] = [:]
        let usesPath = columns["path"] != nil

        for record in records where !record.isBlank {
            func cell(_ column: String) -> String? {
                guard let index = columns[column], index < record.fields.count else { return nil }
                let value = CodebookText.trimmed(record.fields[index])
                return value.isEmpty ? nil : value
            }
            if record.fields.count > header.fields.count {
                diagnostics.append(.warning(path, line: record.line,
                    "row has \(record.fields.count) fields but the header has \(header.fields.count): the extra fields are ignored"))
            }
            let nameColumn = Self.nameColumns.first { columns[$0] != nil }!
            guard let name = cell(nameColumn) else {
                diagnostics.append(.error(path, line: record.line, "row has no theme name in column '\(nameColumn)'"))
                continue
            }
            var entry = Entry(key: name, label: name, line: record.line)
            entry.id = cell("id")
            entry.definition = cell("description")
            entry.color = cell("color") ?? cell("colour")
            entry.terms = (cell("terms") ?? "").split(separator: ";").map { CodebookText.trimmed(String($0)) }.filter { !$0.isEmpty }
            entry.parentReference = cell("parent")

            if usesPath {
                let segments = name.split(separator: "/").map { CodebookText.trimmed(String($0)) }.filter { !$0.isEmpty }
                guard let last = segments.last else {
                    diagnostics.append(.error(path, line: record.line, "row has no theme name in column 'path' (only '/')"))
                    continue
                }
                if segments.count > 1 && entry.parentReference != nil {
                    diagnostics.append(.error(path, line: record.line,
                        "row gives both a 'parent' and a path with '/' ('\(name)'): use one or the other"))
                    continue
                }
                // Create the parents the path names, unless they exist already.
                var parent: Int? = nil
                for depth in 0..<(segments.count - 1) {
                    let key = segments[0...depth].joined(separator: "/")
                    if let existing = byKey[key] {
                        parent = existing
                    } else {
                        var implicit = Entry(key: key, label: segments[depth], line: record.line)
                        implicit.parent = parent
                        implicit.implicit = true
                        entries.append(implicit)
                        byKey[key] = entries.count - 1
                        parent = entries.count - 1
                    }
                }
                entry.key = segments.joined(separator: "/")
                entry.label = last
                entry.parent = parent
            }

            if let existing = byKey[entry.key] {
                if entries[existing].implicit {
                    // A row for a theme a longer path has already created: it keeps its place in the tree.
                    entry.parent = entries[existing].parent
                    entries[existing] = entry
                } else if usesPath || entries[existing].parentReference == entry.parentReference {
                    diagnostics.append(.error(path, line: record.line,
                        "duplicate theme '\(entry.key)' (first at line \(entries[existing].line))"))
                } else {
                    // The same name under another parent: a different theme, with its own id.
                    entries.append(entry)
                }
            } else {
                entries.append(entry)
                byKey[entry.key] = entries.count - 1
            }
        }

        assignIds(&entries)
        resolveParents(&entries)
        breakCycles(&entries)

        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let themes = buildTree(entries)
        return Codebook(id: CodebookText.slug(stem), title: stem.isEmpty ? "codebook" : stem,
                        language: language, themes: themes, path: path)
    }

    /// Text from the file's bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or else Windows-1252.
    private mutating func decode(_ data: Data) -> String {
        let bytes = [UInt8](data.prefix(2))
        if bytes == [0xFF, 0xFE] || bytes == [0xFE, 0xFF], let text = String(data: data, encoding: .utf16) {
            return text
        }
        if let text = String(data: data, encoding: .utf8) { return text }
        diagnostics.append(.warning(path, "the file is not UTF-8 text: read as Windows-1252"))
        return String(data: data, encoding: .windowsCP1252) ?? String(decoding: data, as: UTF8.self)
    }

    /// The index of each known column, by lower-case name. Throws on a missing or ambiguous name column.
    private mutating func readHeader(_ header: CSVRecords.Record) throws -> [String: Int] {
        var columns: [String: Int] = [:]
        for (index, raw) in header.fields.enumerated() {
            let name = CodebookText.trimmed(raw).lowercased()
            if name.isEmpty { continue }
            if columns[name] != nil {
                throw CodebookError(.error(path, line: header.line, "duplicate column '\(name)'"))
            }
            if !Self.knownColumns.contains(name) {
                diagnostics.append(.warning(path, line: header.line,
                    "unknown column '\(name)' ignored (known columns: \(Self.knownColumns.joined(separator: ", ")))"))
                continue
            }
            columns[name] = index
        }
        let present = Self.nameColumns.filter { columns[$0] != nil }
        if present.isEmpty {
            throw CodebookError(.error(path, line: header.line, "no 'tag', 'name' or 'path' column"))
        }
        if present.count > 1 {
            let names = CodebookText.list(present.map { "'\($0)'" })
            throw CodebookError(.error(path, line: header.line,
                "ambiguous: \(present.count == 2 ? "both " : "")\(names) columns — not sure which column to use for the theme name"))
        }
        if columns["color"] != nil && columns["colour"] != nil {
            throw CodebookError(.error(path, line: header.line, "ambiguous: both 'color' and 'colour' columns"))
        }
        return columns
    }

    /// Gives every theme without an `id` cell one made from its name, unique in the file.
    private func assignIds(_ entries: inout [Entry]) {
        var taken = Set(entries.compactMap(\.id))
        for i in entries.indices where entries[i].id == nil {
            let id = CodebookText.unique(CodebookText.slug(entries[i].label), in: taken)
            entries[i].id = id
            taken.insert(id)
        }
    }

    /// Links each `parent` cell to its theme: by key (name or path), then id, then name ignoring case.
    private mutating func resolveParents(_ entries: inout [Entry]) {
        for i in entries.indices {
            guard let reference = entries[i].parentReference else { continue }
            let candidates: [[Int]] = [
                entries.indices.filter { entries[$0].key == reference },
                entries.indices.filter { entries[$0].id == reference },
                entries.indices.filter { CodebookText.folded(entries[$0].key) == CodebookText.folded(reference) },
            ]
            guard let found = candidates.first(where: { !$0.isEmpty }) else {
                diagnostics.append(.error(path, line: entries[i].line, "unknown parent '\(reference)' for theme '\(entries[i].key)'"))
                continue
            }
            if found.count > 1 {
                let lines = CodebookText.list(found.map { String(entries[$0].line) })
                diagnostics.append(.error(path, line: entries[i].line,
                    "ambiguous parent '\(reference)' for theme '\(entries[i].key)': several themes have this name (lines \(lines))"))
                continue
            }
            entries[i].parent = found[0]
        }
    }

    /// Reports each cycle of parents once, naming its themes, and cuts it so that a tree can be built.
    private mutating func breakCycles(_ entries: inout [Entry]) {
        enum State { case unvisited, inProgress, done }
        var state = [State](repeating: .unvisited, count: entries.count)
        for start in entries.indices where state[start] == .unvisited {
            var chain: [Int] = []
            var current: Int? = start
            while let c = current, state[c] == .unvisited {
                state[c] = .inProgress
                chain.append(c)
                current = entries[c].parent
            }
            if let c = current, state[c] == .inProgress, let from = chain.firstIndex(of: c) {
                // Start the cycle at its earliest row, so that the message does not depend on the walk.
                var cycle = Array(chain[from...])
                let earliest = cycle.firstIndex(of: cycle.min()!)!
                cycle = Array(cycle[earliest...] + cycle[..<earliest])
                let names = (cycle + [cycle[0]]).map { "'\(entries[$0].key)'" }.joined(separator: " → ")
                let message = cycle.count == 1
                    ? "theme '\(entries[c].key)' is its own parent"
                    : "cycle in parents: \(names)"
                diagnostics.append(.error(path, line: entries[cycle[0]].line, message))
                for member in cycle { entries[member].parent = nil }
            }
            for c in chain { state[c] = .done }
        }
    }

    /// The themes as a tree, in row order.
    private func buildTree(_ entries: [Entry]) -> [Theme] {
        var children = [[Int]](repeating: [], count: entries.count)
        var roots: [Int] = []
        for i in entries.indices {
            if let p = entries[i].parent { children[p].append(i) } else { roots.append(i) }
        }
        func theme(_ i: Int) -> Theme {
            let e = entries[i]
            var rules: [Rule] = []
            if !e.terms.isEmpty {
                rules = [Rule(kind: .any, terms: e.terms.map { TermParser.term($0, stem: true, strict: false) }, line: e.line)]
            }
            return Theme(id: e.id ?? "", label: e.label, color: e.color, definition: e.definition, rules: rules,
                         children: children[i].map(theme), line: e.line)
        }
        return roots.map(theme)
    }
}
