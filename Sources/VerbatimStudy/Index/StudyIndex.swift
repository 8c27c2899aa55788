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
            let codebooks = try Dictionary(Row.fetchAll(db, sql: "SELECT document, codebook FROM codingState").map { ($0["document"] as String, $0["codebook"] as String) },
                                           uniquingKeysWith: { a, _ in a })
            for row in try Row.fetchAll(db, sql: "SELECT name, path, size, mtime, hash, settings FROM document") {
                let name: String = row["name"]
                out[name] = FileState(path: row["path"], size: row["size"], mtime: row["mtime"], hash: row["hash"],
                                      settings: row["settings"], codebook: codebooks[name])
            }
            return out
        }
    }

    /// One document to store: its transcript, its file's state and, when coded, its rules' codings.
    public typealias Entry = (transcript: Transcript, state: FileState, codings: [Coding]?)

    /// Replaces documents (their turns, attributes and full text, and their rules' codings when given),
    /// in one transaction.
    public func store(_ entries: [Entry]) throws {
        try write { db in
            for e in entries { try Self.store(e.transcript, state: e.state, codings: e.codings, db) }
        }
    }

    static func store(_ t: Transcript, state: FileState, codings: [Coding]?, _ db: Database) throws {
        do {
            try Self.delete(t.document, db)
            try db.execute(sql: "INSERT INTO document (name, path, size, mtime, hash, settings, format, words, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [t.document, state.path, state.size, state.mtime, state.hash, state.settings, t.format.rawValue,
                                       t.wordCount, t.text])
            let bytes = Array(t.text.utf8)
            let insertTurn = try db.cachedStatement(sql: "INSERT INTO turn (document, idx, speaker, role, start, \"end\", labelStart) VALUES (?, ?, ?, ?, ?, ?, ?)")
            let insertText = try db.cachedStatement(sql: "INSERT INTO turn_fts (rowid, text) VALUES (?, ?)")
            for turn in t.turns {
                try insertTurn.execute(arguments: [t.document, turn.index, turn.speaker, turn.role.rawValue, turn.start, turn.end, turn.labelStart])
                try insertText.execute(arguments: [db.lastInsertedRowID, String(decoding: bytes[turn.start..<turn.end], as: UTF8.self)])
            }
            let insertAttribute = try db.cachedStatement(sql: "INSERT INTO attribute (document, speaker, name, value) VALUES (?, ?, ?, ?)")
            for (name, value) in t.attributes.pairs { try insertAttribute.execute(arguments: [t.document, "", name, value]) }
            for (speaker, attributes) in t.speakerAttributes {
                for (name, value) in attributes.pairs { try insertAttribute.execute(arguments: [t.document, speaker, name, value]) }
            }
            if let codings, let codebook = state.codebook { try Self.insert(codings, document: t.document, codebook: codebook, db) }
        }
    }

    /// Replaces a document's rules' codings.
    public func storeCodings(_ codings: [Coding], document: String, codebook: String) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM coding WHERE document = ?", arguments: [document])
            try db.execute(sql: "DELETE FROM codingState WHERE document = ?", arguments: [document])
            try Self.insert(codings, document: document, codebook: codebook, db)
        }
    }

    static func insert(_ codings: [Coding], document: String, codebook: String, _ db: Database) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO coding (document, turn, speaker, theme, start, \"end\", unitStart, unitEnd, match, rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for c in codings {
            try insert.execute(arguments: [document, c.turn, c.speaker, c.theme, c.start, c.end, c.unitStart, c.unitEnd, c.match, c.rule])
        }
        try db.execute(sql: "INSERT INTO codingState (document, codebook) VALUES (?, ?)", arguments: [document, codebook])
    }

    /// Removes documents that are no longer in the study.
    public func remove(_ documents: [String]) throws {
        guard !documents.isEmpty else { return }
        try write { db in for d in documents { try Self.delete(d, db) } }
    }

    static func delete(_ document: String, _ db: Database) throws {
        // The full-text index keeps no copy of the text (the document's text is stored once): a row is
        // removed by giving it back the text it indexed.
        if let text = try String.fetchOne(db, sql: "SELECT text FROM document WHERE name = ?", arguments: [document]) {
            let bytes = Array(text.utf8)
            let remove = try db.cachedStatement(sql: "INSERT INTO turn_fts (turn_fts, rowid, text) VALUES ('delete', ?, ?)")
            for row in try Row.fetchAll(db, sql: "SELECT rowid, start, \"end\" FROM turn WHERE document = ?", arguments: [document]) {
                let start: Int = row["start"], end: Int = row["end"]
                guard start >= 0, end <= bytes.count, start <= end else { continue }
                try remove.execute(arguments: [row["rowid"] as Int64, String(decoding: bytes[start..<end], as: UTF8.self)])
            }
        }
        for table in ["coding", "codingState", "attribute", "turn", "document"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE \(table == "document" ? "name" : "document") = ?", arguments: [document])
        }
    }

    // MARK: - Reading

    /// A document as indexed: enough to show it and to search it without reading its file.
    public func transcript(_ name: String) throws -> Transcript? {
        try read { db in
            guard let d = try Row.fetchOne(db, sql: "SELECT name, path, format, text FROM document WHERE name = ?", arguments: [name]) else { return nil }
            let turns = try Row.fetchAll(db, sql: "SELECT idx, speaker, role, start, \"end\", labelStart FROM turn WHERE document = ? ORDER BY idx", arguments: [name]).map { r in
                Turn(index: r["idx"], speaker: r["speaker"], role: Role(rawValue: r["role"]) ?? .unknown, start: r["start"], end: r["end"],
                     labelStart: r["labelStart"])
            }
            var attributes = Attributes()
            var speakers: [String: Attributes] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT speaker, name, value FROM attribute WHERE document = ? ORDER BY rowid", arguments: [name]) {
                let speaker: String = r["speaker"]
                if speaker.isEmpty { attributes[r["name"]] = r["value"] } else { speakers[speaker, default: Attributes()][r["name"]] = r["value"] }
            }
            let text: String = d["text"]
            return Transcript(document: name, path: d["path"], format: SourceFormat(rawValue: d["format"]) ?? .text, text: text,
                              paragraphs: [], bodyParagraphCount: 0, turns: turns, attributes: attributes, speakerAttributes: speakers)
        }
    }

    /// The rules' codings of a document, as indexed.
    public func codings(_ document: String) throws -> [Coding] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM coding WHERE document = ? ORDER BY rowid", arguments: [document]).map { r in
                Coding(document: document, turn: r["turn"], speaker: r["speaker"], theme: r["theme"], start: r["start"], end: r["end"],
                       unitStart: r["unitStart"], unitEnd: r["unitEnd"], match: r["match"], rule: r["rule"])
            }
        }
    }

    /// The turns whose text matches a full-text query (FTS5 syntax), as (document, turn) pairs, in
    /// document and turn order.
    public func candidates(matching query: String) throws -> [(document: String, turn: Int)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT turn.document AS document, turn.idx AS idx FROM turn_fts JOIN turn ON turn.rowid = turn_fts.rowid WHERE turn_fts MATCH ? ORDER BY turn.document, turn.idx", arguments: [query])
                .map { ($0["document"], $0["idx"]) }
        }
    }

    /// Number of documents indexed.
    public func documentCount() throws -> Int { try read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM document") ?? 0 } }

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
