import Foundation
import GRDB
import VerbatimModel

/// The study's SQLite index, `.verbatim/index.sqlite`: documents, turns (with a full-text index),
/// attributes and the rules' codings, so that search and the workbench need not read every transcript.
///
/// It is a cache: everything in it is computed from the study's files, brought up to date from their
/// content hashes (only what changed is read again), and deleting it loses nothing. Migrations are
/// named and never edited once released; a change of schema is a new migration.
public final class StudyIndex: @unchecked Sendable {
    /// The database file.
    public let url: URL
    let db: DatabaseQueue

    /// Opens (creating if needed) the index of the study at `root`.
    /// - Throws: a ``Diagnostic`` naming the file when it cannot be opened or migrated.
    public init(root: URL) throws {
        let folder = root.appendingPathComponent(".verbatim")
        url = folder.appendingPathComponent("index.sqlite")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var config = Configuration()
            config.busyMode = .timeout(30)
            db = try DatabaseQueue(path: url.path, configuration: config)
            // A cache: WAL without a sync at every commit is safe against a crash of the program (the
            // database stays consistent) and loses at most the last commits on a power cut.
            try db.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // The full-text index merges its segments as it grows: with the default 2 MB of page
                // cache, a first build of thousands of documents reads the same pages again and again.
                try db.execute(sql: "PRAGMA cache_size = -65536")
            }
            try Self.migrator.migrate(db)
        } catch let e as DatabaseError {
            throw Diagnostic.error(Study.display(url), "cannot open the index: \(e.message ?? e.description); delete the file, it is rebuilt from the study")
        } catch {
            throw Diagnostic.error(Study.display(url), "cannot open the index: \(SystemErrorText.reason(error))")
        }
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("2026-12-02 documents, turns, attributes, codings, full-text") { db in
            try db.execute(sql: """
                CREATE TABLE document (
                    name TEXT PRIMARY KEY, path TEXT NOT NULL, size INTEGER NOT NULL, mtime REAL NOT NULL, hash TEXT NOT NULL,
                    settings TEXT NOT NULL, format TEXT NOT NULL, words INTEGER NOT NULL, text TEXT NOT NULL);
                CREATE TABLE turn (
                    document TEXT NOT NULL REFERENCES document(name) ON DELETE CASCADE, idx INTEGER NOT NULL,
                    speaker TEXT, role TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, labelStart INTEGER NOT NULL,
                    PRIMARY KEY (document, idx));
                CREATE TABLE attribute (
                    document TEXT NOT NULL REFERENCES document(name) ON DELETE CASCADE, speaker TEXT NOT NULL DEFAULT '',
                    name TEXT NOT NULL, value TEXT NOT NULL);
                CREATE INDEX attribute_document ON attribute(document);
                CREATE TABLE coding (
                    document TEXT NOT NULL REFERENCES document(name) ON DELETE CASCADE, turn INTEGER NOT NULL,
                    speaker TEXT, theme TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                    unitStart INTEGER NOT NULL, unitEnd INTEGER NOT NULL, match TEXT NOT NULL, rule TEXT NOT NULL);
                CREATE INDEX coding_document ON coding(document);
                CREATE TABLE codingState (document TEXT PRIMARY KEY REFERENCES document(name) ON DELETE CASCADE, codebook TEXT NOT NULL);
                CREATE VIRTUAL TABLE turn_fts USING fts5(text, content = '', tokenize = 'unicode61 remove_diacritics 2');
                """)
        }
        m.registerMigration("2026-12-03 turns and codings packed per document, the text in full-text pieces") { db in
            // A cache: the old tables are dropped, the documents are read again on the next update.
            try db.execute(sql: """
                DROP TABLE turn_fts; DROP TABLE coding; DROP TABLE codingState; DROP TABLE attribute; DROP TABLE turn; DROP TABLE document;
                CREATE TABLE doc (
                    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, path TEXT NOT NULL, size INTEGER NOT NULL, mtime REAL NOT NULL,
                    hash TEXT NOT NULL, settings TEXT NOT NULL, format TEXT NOT NULL, words INTEGER NOT NULL, turns BLOB NOT NULL,
                    codebook TEXT, codings BLOB);
                CREATE TABLE attribute (
                    document INTEGER NOT NULL REFERENCES doc(id) ON DELETE CASCADE, speaker TEXT NOT NULL DEFAULT '',
                    name TEXT NOT NULL, value TEXT NOT NULL);
                CREATE INDEX attribute_document ON attribute(document);
                CREATE VIRTUAL TABLE segment USING fts5(
                    text, turn UNINDEXED, at UNINDEXED, speech UNINDEXED, speaker UNINDEXED, role UNINDEXED, unit UNINDEXED, themes UNINDEXED,
                    detail = none, columnsize = 0, tokenize = 'unicode61 remove_diacritics 2');
                """)
        }
        return m
    }

    // MARK: - What is indexed

    /// What the index knows of a document's file.
    public struct FileState: Sendable, Equatable {
        public var path: String
        public var size: Int
        public var mtime: Double
        public var hash: String
        /// The fingerprint of the study settings the document was read with.
        public var settings: String
        /// The codebook fingerprint its codings were made with, if any.
        public var codebook: String?

        public init(path: String, size: Int, mtime: Double, hash: String, settings: String, codebook: String?) {
            self.path = path
            self.size = size
            self.mtime = mtime
            self.hash = hash
            self.settings = settings
            self.codebook = codebook
        }
    }

    /// Every indexed document's file state.
    public func states() throws -> [String: FileState] {
        try read { db in
            var out: [String: FileState] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT name, path, size, mtime, hash, settings, codebook FROM doc")
            while let row = try rows.next() {
                out[row[0]] = FileState(path: row[1], size: row[2], mtime: row[3], hash: row[4], settings: row[5], codebook: row[6])
            }
            return out
        }
    }

    /// One document ready to store, prepared on any thread (``prepare(_:state:codings:units:)``) so that
    /// the single writer only inserts.
    public struct Prepared: Sendable {
        public var name: String
        public var state: FileState
        var format: String
        var words: Int
        var turns: [UInt8]
        var codings: [UInt8]?
        var segments: [Segment]
        var attributes: [(speaker: String, name: String, value: String)]
    }

    /// A piece of a document's text as the full-text index holds it: the text from the end of the
    /// previous turn to the end of this one (so its label too), or what follows the last turn. The
    /// pieces in order are the document's text, which is stored once.
    struct Segment: Sendable {
        var text: String
        /// The turn's index; `noTurn` for the text after the last turn; nil when the document's turns
        /// could not be cut into pieces (the whole text is one piece, searched turn by turn).
        var turn: Int?
        /// UTF-8 offset of the piece in the document's text.
        var at: Int
        /// Where the turn's speech starts in the piece (after the text between turns and the label), in bytes.
        var speech: Int
        var speaker: String?
        var role: String
        /// The key of the speaker's attributes when the turn's speaker is a participant unit of its own.
        var unit: String?
        /// The themes of the rules' codings in the turn, sorted, one per line.
        var themes: String
    }

    static let noTurn = -1

    /// The document's pieces, its turns and codings packed; `units` maps a participant unit's speaker
    /// label to the key of its attributes in `speakerAttributes`.
    public static func prepare(_ t: Transcript, state: FileState, codings: [Coding]?, units: [String: String]) -> Prepared {
        let bytes = Array(t.text.utf8)
        var themes: [Int: Set<String>] = [:]
        for c in codings ?? [] { themes[c.turn, default: []].insert(c.theme) }
        func boundary(_ i: Int) -> Bool { i == bytes.count || (i >= 0 && i < bytes.count && bytes[i] & 0xC0 != 0x80) }
        var segments: [Segment] = []
        var previous = 0
        var cut = true
        for turn in t.turns {
            guard turn.labelStart >= previous, turn.start >= turn.labelStart, turn.end >= turn.start, turn.end <= bytes.count,
                  boundary(turn.end) else { cut = false; break }
            segments.append(Segment(text: String(decoding: bytes[previous..<turn.end], as: UTF8.self), turn: turn.index, at: previous,
                                    speech: turn.start - previous, speaker: turn.speaker, role: turn.role.rawValue, unit: turn.speaker.flatMap { units[$0] },
                                    themes: (themes[turn.index] ?? []).sorted().joined(separator: "\n")))
            previous = turn.end
        }
        if cut {
            if previous < bytes.count {
                segments.append(Segment(text: String(decoding: bytes[previous...], as: UTF8.self), turn: noTurn, at: previous,
                                        speech: 0, speaker: nil, role: "", unit: nil, themes: ""))
            }
        } else {
            segments = [Segment(text: t.text, turn: nil, at: 0, speech: 0, speaker: nil, role: "", unit: nil, themes: "")]
        }
        var attributes: [(String, String, String)] = t.attributes.pairs.map { ("", $0.name, $0.value) }
        for (speaker, a) in t.speakerAttributes.sorted(by: { $0.key < $1.key }) {
            attributes += a.pairs.map { (speaker, $0.name, $0.value) }
        }
        return Prepared(name: t.document, state: state, format: t.format.rawValue, words: t.wordCount, turns: IndexPacking.pack(t.turns),
                        codings: codings.map { IndexPacking.pack($0, text: bytes) }, segments: segments, attributes: attributes)
    }

    /// Replaces documents (their turns, attributes and text, and their rules' codings when given), in
    /// one transaction.
    public func store(_ entries: [Prepared]) throws {
        guard !entries.isEmpty else { return }
        try write { db in
            for e in entries { try Self.store(e, db) }
        }
    }

    static func store(_ e: Prepared, _ db: Database) throws {
        let old = try Int64.fetchOne(db, sql: "SELECT id FROM doc WHERE name = ?", arguments: [e.name])
        if let old { try deleteContent(old, db) }
        let insert = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO doc (id, name, path, size, mtime, hash, settings, format, words, turns, codebook, codings)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.execute(arguments: [old, e.name, e.state.path, e.state.size, e.state.mtime, e.state.hash, e.state.settings, e.format,
                                       e.words, Data(e.turns), e.codings == nil ? nil : e.state.codebook, e.codings.map { Data($0) }])
        let id = old ?? db.lastInsertedRowID
        let segment = try db.cachedStatement(sql: "INSERT INTO segment (rowid, text, turn, at, speech, speaker, role, unit, themes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for (i, s) in e.segments.enumerated() {
            try segment.execute(arguments: [(id << 32) | Int64(i), s.text, s.turn, s.at, s.speech, s.speaker, s.role, s.unit, s.themes])
        }
        let attribute = try db.cachedStatement(sql: "INSERT INTO attribute (document, speaker, name, value) VALUES (?, ?, ?, ?)")
        for a in e.attributes { try attribute.execute(arguments: [id, a.speaker, a.name, a.value]) }
    }

    /// Replaces a document's rules' codings.
    public func storeCodings(_ codings: [Coding], document: String, codebook: String) throws {
        guard let t = try transcript(document) else { return }
        let packed = IndexPacking.pack(codings, text: Array(t.text.utf8))
        try write { db in
            try db.execute(sql: "UPDATE doc SET codebook = ?, codings = ? WHERE name = ?", arguments: [codebook, Data(packed), document])
        }
    }

    /// Removes documents that are no longer in the study.
    public func remove(_ documents: [String]) throws {
        guard !documents.isEmpty else { return }
        try write { db in
            for d in documents {
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM doc WHERE name = ?", arguments: [d]) else { continue }
                try Self.deleteContent(id, db)
                try db.execute(sql: "DELETE FROM doc WHERE id = ?", arguments: [id])
            }
        }
    }

    /// Removes a document's pieces of text and attributes (its row stays, to be replaced).
    static func deleteContent(_ id: Int64, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM segment WHERE rowid BETWEEN ? AND ?", arguments: [id << 32, (id << 32) | 0xFFFF_FFFF])
        try db.execute(sql: "DELETE FROM attribute WHERE document = ?", arguments: [id])
    }

    // MARK: - Reading

    /// A document as indexed: enough to show it and to search it without reading its file.
    public func transcript(_ name: String) throws -> Transcript? {
        try read { db in try Self.transcript(name, db)?.transcript }
    }

    static func transcript(_ name: String, _ db: Database) throws -> (transcript: Transcript, codings: [UInt8]?)? {
        guard let d = try Row.fetchOne(db, sql: "SELECT id, path, format, turns, codings FROM doc WHERE name = ?", arguments: [name]) else { return nil }
        let id: Int64 = d["id"]
        var text = ""
        let pieces = try String.fetchCursor(db, sql: "SELECT text FROM segment WHERE rowid BETWEEN ? AND ? ORDER BY rowid",
                                            arguments: [id << 32, (id << 32) | 0xFFFF_FFFF])
        while let piece = try pieces.next() { text += piece }
        let turns: [Turn]
        do { turns = try IndexPacking.turns(Array(d["turns"] as Data)) } catch {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "the turns of \(name) cannot be read")
        }
        let (attributes, speakers) = try Self.attributes(id, db)
        let t = Transcript(document: name, path: d["path"], format: SourceFormat(rawValue: d["format"]) ?? .text, text: text,
                           paragraphs: [], bodyParagraphCount: 0, turns: turns, attributes: attributes, speakerAttributes: speakers)
        return (t, (d["codings"] as Data?).map { Array($0) })
    }

    static func attributes(_ id: Int64, _ db: Database) throws -> (Attributes, [String: Attributes]) {
        var attributes = Attributes()
        var speakers: [String: Attributes] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT speaker, name, value FROM attribute WHERE document = ? ORDER BY rowid", arguments: [id]) {
            let speaker: String = r["speaker"]
            if speaker.isEmpty { attributes[r["name"]] = r["value"] } else { speakers[speaker, default: Attributes()][r["name"]] = r["value"] }
        }
        return (attributes, speakers)
    }

    /// The rules' codings of a document, as indexed.
    public func codings(_ document: String) throws -> [Coding] {
        try read { db in
            guard let (t, packed) = try Self.transcript(document, db), let packed else { return [] }
            do { return try IndexPacking.codings(packed, document: document, text: Array(t.text.utf8)) } catch {
                throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "the codings of \(document) cannot be read")
            }
        }
    }

    /// A turn (or a piece to search whole) whose text matches a full-text query.
    public struct Candidate: Sendable {
        public var document: String
        /// The turn, or nil when the document's turns are not cut into pieces: search it whole.
        public var turn: Int?
        /// The piece's text and its UTF-8 offset in the document.
        public var text: String
        public var at: Int
        /// Where the turn's speech starts in `text`, in bytes.
        public var speech: Int
        public var speaker: String?
        public var role: Role
        /// The turn's attributes: the document's, with its speaker's own when that speaker is a participant unit.
        public var attributes: Attributes
        /// The themes of the rules' codings in the turn.
        public var themes: [String]
    }

    /// The pieces whose text matches a full-text query (FTS5 syntax, words and prefixes joined by AND,
    /// OR and parentheses: the index keeps no positions), in document and turn order. Each is a
    /// candidate: the caller checks the query word by word.
    public func candidates(matching query: String) throws -> [Candidate] {
        try read { db in
            var names: [Int64: String] = [:]
            var attributes: [Int64: (Attributes, [String: Attributes])] = [:]
            var out: [Candidate] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT rowid, text, turn, at, speech, speaker, role, unit, themes FROM segment WHERE segment MATCH ? ORDER BY rowid",
                                           arguments: [query])
            while let r = try rows.next() {
                let rowid: Int64 = r[0]
                let turn: Int? = r[2]
                if turn == Self.noTurn { continue }
                let id = rowid >> 32
                if names[id] == nil {
                    names[id] = try String.fetchOne(db, sql: "SELECT name FROM doc WHERE id = ?", arguments: [id]) ?? ""
                    attributes[id] = try Self.attributes(id, db)
                }
                let (docAttributes, speakers) = attributes[id]!
                var a = docAttributes
                if let unit: String = r[7], let own = speakers[unit] { a.merge(own) }
                let themes: String = r[8]
                out.append(Candidate(document: names[id]!, turn: turn, text: r[1], at: r[3], speech: r[4], speaker: r[5],
                                     role: Role(rawValue: r[6]) ?? .unknown, attributes: a,
                                     themes: themes.isEmpty ? [] : themes.split(separator: "\n").map(String.init)))
            }
            return out
        }
    }

    /// Number of documents indexed.
    public func documentCount() throws -> Int { try read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM doc") ?? 0 } }

    // MARK: - Access

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try db.read(body) } catch let e as DatabaseError {
            throw Diagnostic.error(Study.display(url), "the index cannot be read: \(e.message ?? e.description)")
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try db.write(body) } catch let e as DatabaseError {
            throw Diagnostic.error(Study.display(url), "the index cannot be written: \(e.message ?? e.description)")
        }
    }

}
