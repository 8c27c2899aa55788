import Foundation
import Testing
import VerbatimModel
@testable import VerbatimStudy

/// The coders' files (`codings/<coder>.jsonl`): writing through `CodingStore.update`, reading back, what a
/// damaged file gives, and who the coder is.
@Suite struct CodingStoreTests {
    /// A fresh, empty study folder (only its `verbatim.yaml`).
    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-codingstore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("name: Store\nlanguage: fr\n".utf8).write(to: dir.appendingPathComponent("verbatim.yaml"))
        return dir
    }

    static func coding(_ id: String, document: String = "S01.txt", start: Int, end: Int, theme: String = "peur",
                       coder: String = "Marie", status: HumanCoding.Status = .manual, suggestion: String? = nil) -> HumanCoding {
        HumanCoding(id: id, document: document, turn: 2, start: start, end: end, quote: "q\(id)", prefix: "avant ", suffix: " après",
                    theme: theme, coder: coder, status: status, time: "2024-05-01T10:00:00Z", suggestion: suggestion)
    }

    static func lines(_ url: URL) throws -> [String] {
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.hasSuffix("\n"), "a coding file ends with a line break")
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test func roundTripWritesOneSortedJSONObjectPerLine() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = CodingStore(root: dir)
        // Given out of order: by document, start, end, theme and id the file must come out sorted.
        let given = [
            Self.coding("m-3", document: "S02.txt", start: 5, end: 9),
            Self.coding("m-2", start: 40, end: 50, theme: "reseau"),
            Self.coding("m-1", start: 40, end: 50, theme: "famille"),
            Self.coding("d-9", start: 10, end: 20, status: .rejected, suggestion: "s-000000000001"),
            Self.coding("m-0", start: 10, end: 30),
        ]
        let returned = try store.update(coder: "Marie") { codings -> Int in
            #expect(codings.isEmpty, "a new coder starts with no codings")
            codings += given
            return 42
        }
        #expect(returned == 42, "update returns what the change returns")

        let url = dir.appendingPathComponent("codings/Marie.jsonl")
        #expect(store.file(for: "Marie") == url)
        let lines = try Self.lines(url)
        #expect(lines.count == given.count)
        let decoder = JSONDecoder()
        var ids: [String] = []
        for line in lines {
            #expect(!line.contains("\n"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for key in ["id", "document", "turn", "start", "end", "quote", "prefix", "suffix", "theme", "coder", "status", "time"] {
                #expect(object[key] != nil, "\(key) in \(line)")
            }
            ids.append(try decoder.decode(HumanCoding.self, from: Data(line.utf8)).id)
        }
        #expect(ids == ["d-9", "m-0", "m-1", "m-2", "m-3"])
        // Keys sorted within a line, so that two runs write the same bytes.
        #expect(lines[0].hasPrefix("{\"coder\":\"Marie\",\"document\":\"S01.txt\",\"end\":20,\"id\":\"d-9\""))

        let contents = store.read()
        #expect(contents.diagnostics.isEmpty)
        #expect(contents.coders == ["Marie"])
        #expect(Set(contents.codings.map(\.id)) == Set(given.map(\.id)))
        for g in given { #expect(contents.codings.first { $0.id == g.id } == g, "\(g.id) reads back as written") }

        // A second write that changes nothing gives the same bytes (stable order).
        let before = try Data(contentsOf: url)
        try store.update(coder: "Marie") { _ in }
        #expect(try Data(contentsOf: url) == before)

        // Only one coder's file, by name.
        try store.update(coder: "Paul Durand") { $0.append(Self.coding("m-p", start: 1, end: 2, coder: "Paul Durand")) }
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("codings/Paul Durand.jsonl").path))
        #expect(store.read(coder: "Paul Durand").codings.map(\.id) == ["m-p"])
        #expect(store.read().coders == ["Marie", "Paul Durand"])
        #expect(store.read(coder: "Nobody").codings.isEmpty)
    }

    @Test func updateRemovesAndReplaces() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = CodingStore(root: dir)
        try store.update(coder: "Marie") { $0 += [Self.coding("m-1", start: 1, end: 5), Self.coding("m-2", start: 6, end: 9)] }
        let removed: HumanCoding? = try store.update(coder: "Marie") { codings in
            codings.firstIndex { $0.id == "m-1" }.map { codings.remove(at: $0) }
        }
        #expect(removed?.id == "m-1")
        #expect(store.read().codings.map(\.id) == ["m-2"])
        #expect(try Self.lines(store.file(for: "Marie")).count == 1)
    }

    /// A file damaged by hand and by a merge: good lines, then each kind of bad one.
    static let damaged: [String] = [
        #"{"id":"m-good1","document":"S01.txt","turn":2,"start":10,"end":20,"quote":"peur","prefix":"","suffix":"","theme":"peur","coder":"Marie","status":"manual","time":"2024-05-01T10:00:00Z"}"#,
        "{this is not json",
        #"{"id":"m-short","document":"S01.txt","turn":2}"#,
        "<<<<<<< HEAD",
        #"{"id":"m-good2","document":"S01.txt","turn":4,"start":30,"end":40,"quote":"réseau","prefix":"le ","suffix":"","theme":"reseau","coder":"Marie","status":"manual","time":"2024-05-01T10:00:00Z"}"#,
        "=======",
        #"{"id":"m-good3","document":"S02.txt","turn":3,"start":5,"end":9,"quote":"visio","prefix":"","suffix":"","theme":"famille","coder":"Marie","status":"manual","time":"2024-05-02T10:00:00Z"}"#,
        ">>>>>>> other",
        #"{"id":"d-nosugg","document":"S02.txt","turn":3,"start":5,"end":9,"quote":"visio","prefix":"","suffix":"","theme":"famille","coder":"Marie","status":"accepted","time":"2024-05-02T10:00:00Z"}"#,
        "",
    ]

    @Test func malformedLinesAndConflictMarkersAreDiagnosedWithTheirLineAndTheRestCounts() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("codings/Marie.jsonl")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(Self.damaged.joined(separator: "\n").utf8).write(to: url)

        let contents = CodingStore(root: dir).read()
        #expect(contents.codings.map(\.id).sorted() == ["m-good1", "m-good2", "m-good3"])
        let byLine = Dictionary(contents.diagnostics.map { ($0.line ?? -1, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(contents.diagnostics.count == 6, "\(contents.diagnostics.map(\.description))")
        #expect(Set(byLine.keys) == [2, 3, 4, 6, 8, 9], "\(contents.diagnostics.map(\.description))")
        for d in contents.diagnostics {
            #expect(d.severity == .error)
            #expect(d.path.hasSuffix("codings/Marie.jsonl"), "\(d)")
        }
        #expect(byLine[2]?.message.contains("not a coding") == true)
        #expect(byLine[3]?.message.contains("not a coding") == true)
        for marker in [4, 6, 8] { #expect(byLine[marker]?.message.contains("merge conflict marker") == true, "line \(marker)") }
        #expect(byLine[9]?.message.contains("suggestion") == true, "\(byLine[9]?.message ?? "-")")
        #expect(byLine[9]?.description.contains("codings/Marie.jsonl:9: error:") == true)

        // The same from the one-file parser, and with CRLF line ends.
        let crlf = dir.appendingPathComponent("crlf.jsonl")
        try Data(Self.damaged.joined(separator: "\r\n").utf8).write(to: crlf)
        let (codings, problems) = CodingStore.parse(url: crlf, display: "crlf.jsonl")
        #expect(codings.count == 3)
        #expect(problems.map(\.line) == [2, 3, 4, 6, 8, 9])
        #expect(problems.allSatisfy { $0.path == "crlf.jsonl" })
    }

    @Test func updateKeepsTheLinesItCannotRead() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = CodingStore(root: dir)
        let url = store.file(for: "Marie")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(Self.damaged.joined(separator: "\n").utf8).write(to: url)

        try store.update(coder: "Marie") { codings in
            #expect(codings.map(\.id).sorted() == ["m-good1", "m-good2", "m-good3"], "the change sees the readable codings")
            codings.append(Self.coding("m-new", start: 0, end: 3))
        }
        let lines = try Self.lines(url)
        let bad = Self.damaged.enumerated().filter { [1, 2, 3, 5, 7, 8].contains($0.offset) }.map(\.element)
        for b in bad { #expect(lines.contains(b), "kept as written: \(b)") }
        #expect(lines.count == 4 + bad.count, "\(lines)")
        let contents = store.read()
        #expect(contents.codings.map(\.id).sorted() == ["m-good1", "m-good2", "m-good3", "m-new"])
        #expect(contents.diagnostics.count == bad.count)

        // And removing every readable coding still leaves what a person wrote.
        try store.update(coder: "Marie") { $0.removeAll() }
        #expect(Set(try Self.lines(url)) == Set(bad))
    }

    @Test func coderNameResolveOrder() throws {
        #expect(CoderName.resolve(option: "Marie", environment: ["VERBATIM_CODER": "Paul"]) == "Marie")
        #expect(CoderName.resolve(option: "  Marie  ", environment: [:]) == "Marie")
        #expect(CoderName.resolve(option: nil, environment: ["VERBATIM_CODER": "Paul"]) == "Paul")
        #expect(CoderName.resolve(option: "   ", environment: ["VERBATIM_CODER": " Paul "]) == "Paul")
    }

    static let git = ["/usr/bin/git", "/usr/local/bin/git", "/bin/git"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: git != nil, "needs git")) func coderNameFallsBackOnGit() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for args in [["init", "-q"], ["config", "user.name", "Git Person"]] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Self.git!)
            p.arguments = args
            p.currentDirectoryURL = dir
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "git \(args)")
        }
        #expect(CoderName.resolve(option: nil, environment: [:], cwd: dir) == "Git Person")
        #expect(CoderName.resolve(option: nil, environment: ["VERBATIM_CODER": ""], cwd: dir) == "Git Person")
        #expect(CoderName.resolve(option: nil, environment: ["VERBATIM_CODER": "Env"], cwd: dir) == "Env")
        #expect(CoderName.resolve(option: "Opt", environment: ["VERBATIM_CODER": "Env"], cwd: dir) == "Opt")
    }

    @Test func coderNameValidate() throws {
        for good in ["Marie", "Marie Dupont", "Éloïse", "m.dupont", "coder-2"] {
            #expect(throws: Never.self, "\(good)") { try CoderName.validate(good) }
        }
        for bad in ["a/b", "..", ".", ".hidden", "a\\b", "a:b", "tab\tname", "new\nline", "bell\u{07}", String(repeating: "x", count: 65)] {
            let error = #expect(throws: Diagnostic.self, "\(bad.debugDescription)") { try CoderName.validate(bad) }
            #expect(error?.exitClass == .usage)
        }
        // update refuses such a name before writing anything.
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: Diagnostic.self) { try CodingStore(root: dir).update(coder: "../escape") { $0.append(Self.coding("m-x", start: 0, end: 1)) } }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("codings").path))
        #expect(!FileManager.default.fileExists(atPath: dir.deletingLastPathComponent().appendingPathComponent("escape.jsonl").path))
    }
}
