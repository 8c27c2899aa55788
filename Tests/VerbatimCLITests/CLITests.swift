import Foundation
import Testing
import VerbatimTestSupport

/// End-to-end tests: run the `verbatim` executable built beside the tests (`Binary.run`).
enum CLI {
    static var study: String { Repository.bundledStudy.path }

    /// Runs `verbatim ARGS` in `cwd` (the temporary folder by default).
    static func run(_ args: [String], cwd: URL? = nil) throws -> Binary.Result {
        try Binary.run(args, cwd: cwd)
    }

    static func json(_ s: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(s.utf8)) }
}

@Suite(.serialized) struct CLITests {
    @Test func versionAndHelp() throws {
        let v = try CLI.run(["--version"])
        #expect(v.code == 0)
        #expect(v.out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let h = try CLI.run(["show", "--help"])
        #expect(h.code == 0)
        #expect(h.out.contains("Examples:"))
    }

    @Test func transcriptsJSONOnTheBundledStudy() throws {
        let r = try CLI.run(["transcripts", "--study", CLI.study, "--format", "json"])
        #expect(r.code == 0, "\(r.err)")
        let arr = try #require(try CLI.json(r.out) as? [[String: Any]])
        #expect(arr.count >= 20)
        let first = try #require(arr.first)
        #expect(Set(first.keys) == ["document", "format", "turns", "speakers", "words", "attributes"])
        let s01 = try #require(arr.first { $0["document"] as? String == "S01-lyon.txt" })
        let speakers = try #require(s01["speakers"] as? [[String: Any]])
        #expect(speakers.map { $0["role"] as? String } == ["interviewer", "participant"])
        #expect((s01["attributes"] as? [String: String])?["context"] == "urbain")
    }

    @Test func showJSONHasTheDocumentedFields() throws {
        let r = try CLI.run(["show", "S01-lyon", "--study", CLI.study, "--format", "json"])
        #expect(r.code == 0, "\(r.err)")
        let obj = try #require(try CLI.json(r.out) as? [String: Any])
        for key in ["document", "format", "text", "paragraphs", "turns", "notes", "diagnostics"] { #expect(obj[key] != nil, "\(key)") }
        let text = try #require(obj["text"] as? String)
        let turns = try #require(obj["turns"] as? [[String: Any]])
        let bytes = Array(text.utf8)
        for t in turns {
            let s = t["start"] as! Int, e = t["end"] as! Int
            #expect(String(decoding: bytes[s..<e], as: UTF8.self) == t["text"] as! String)
            #expect(["interviewer", "participant", "unknown"].contains(t["role"] as! String))
        }
        #expect(turns.first?["index"] as? Int == 1)
    }

    @Test func checkTheBundledStudyHasNoErrors() throws {
        let r = try CLI.run(["check", "--study", CLI.study])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("no errors"))
    }

    @Test func badInputsGetOneLineErrorsAndExitOne() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("Q. Bonjour\nR. Bonjour\nQ. Ça va ?\nR. Oui".utf8).write(to: dir.appendingPathComponent("good.txt"))
        try Data().write(to: dir.appendingPathComponent("empty.txt"))
        try Data("PK\u{3}\u{4}truncated".utf8).write(to: dir.appendingPathComponent("trunc.docx"))
        try Data([0x41, 0xFF, 0xFE, 0x00]).write(to: dir.appendingPathComponent("binary.txt"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("folder.txt"), withIntermediateDirectories: true)
        let r = try CLI.run(["transcripts", "good.txt", "empty.txt", "trunc.docx", "binary.txt", "missing.txt", "--format", "csv"], cwd: dir)
        #expect(r.code == 1)
        let errLines = r.err.split(separator: "\n")
        #expect(errLines.count == 4, "\(r.err)")
        #expect(errLines.contains { $0.hasPrefix("empty.txt: error: empty file") })
        #expect(errLines.contains { $0.hasPrefix("trunc.docx: error:") })
        #expect(errLines.contains { $0.hasPrefix("binary.txt") && $0.contains("error:") })
        #expect(errLines.contains { $0.hasPrefix("missing.txt: error:") })
        // The good file is still listed.
        #expect(r.out.split(separator: "\n").count == 2)
        #expect(r.out.contains("good.txt,text,4,2,Q,R,"))
        let shown = try CLI.run(["show", "folder.txt"], cwd: dir)
        #expect(shown.code == 1)
        #expect(shown.err.contains("folder.txt: error: is a folder"))
    }

    @Test func noStudyAndBadStudy() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-none-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["transcripts"], cwd: dir)
        #expect(r.code == 1)
        #expect(r.err.contains("no study here"))
        let s = try CLI.run(["check", "--study", dir.path])
        #expect(s.code == 1)
        #expect(s.err.contains("not a study folder"))
    }

    @Test func initThenCheckInsideTheStudy() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["init", dir.path, "--name", "Essai"])
        #expect(r.code == 0, "\(r.err)")
        try Data("Enquêtrice : Bonjour.\n\nM. Roux : Bonjour.\n\nEnquêtrice : Bien.\n\nM. Roux : Oui.".utf8)
            .write(to: dir.appendingPathComponent("transcripts/E1.txt"))
        let c = try CLI.run(["check"], cwd: dir.appendingPathComponent("transcripts"))
        #expect(c.code == 0)
        #expect(c.err.contains("E1.txt: warning: no attributes"))
        let again = try CLI.run(["init", dir.path])
        #expect(again.code == 1)
        #expect(again.err.contains("a study already exists here"))
    }

    @Test func attributesJSON() throws {
        let r = try CLI.run(["attributes", "--study", CLI.study, "--format", "json"])
        #expect(r.code == 0, "\(r.err)")
        let arr = try #require(try CLI.json(r.out) as? [[String: Any]])
        let types = Dictionary(uniqueKeysWithValues: arr.map { ("\($0["level"]!)/\($0["name"]!)", $0["type"] as! String) })
        #expect(types["document/date"] == "date")
        #expect(types["document/context"] == "text")
        #expect(types["speaker/months_in_service"] == "number")
    }
}

/// The bundled study's answer key, through the commands a researcher types.
@Suite(.serialized) struct AnswerKeyCLITests {
    func record(_ records: [[String: Any]], _ theme: String, _ group: String, _ other: (String, String)) -> (Int, Int)? {
        guard let r = records.first(where: { $0["theme"] as? String == theme && $0["group"] as? String == group && $0[other.0] as? String == other.1 }),
              let n = r["n"] as? Int, let base = r["N"] as? Int else { return nil }
        return (n, base)
    }

    @Test func statsFindsFearFallingAndRuralCoverage() throws {
        let byWave = try CLI.run(["stats", "--study", CLI.study, "--by", "group,wave", "--format", "json"])
        #expect(byWave.code == 0, "\(byWave.err)")
        let w = try #require((try CLI.json(byWave.out) as? [String: Any])?["records"] as? [[String: Any]])
        let early = try #require(record(w, "peur-internet", "senior", ("wave", "3-6 mois")))
        let late = try #require(record(w, "peur-internet", "senior", ("wave", "12 mois")))
        #expect(Double(early.0) / Double(early.1) > Double(late.0) / Double(late.1) + 0.3, "\(early) vs \(late)")
        let byContext = try CLI.run(["stats", "--study", CLI.study, "--by", "group,context", "--format", "json"])
        let c = try #require((try CLI.json(byContext.out) as? [String: Any])?["records"] as? [[String: Any]])
        let rural = try #require(record(c, "couverture-reseau", "senior", ("context", "rural")))
        let urban = try #require(record(c, "couverture-reseau", "senior", ("context", "urbain")))
        #expect(rural.0 * urban.1 > urban.0 * rural.1, "\(rural) vs \(urban)")
    }

    @Test func matrixTestsTheContextContrast() throws {
        let r = try CLI.run(["matrix", "--study", CLI.study, "--cols", "context", "--theme", "contexte", "--format", "csv"])
        #expect(r.code == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        let theme = try #require(header.firstIndex(of: "theme")), context = try #require(header.firstIndex(of: "context"))
        let n = try #require(header.firstIndex(of: "participants")), base = try #require(header.firstIndex(of: "N"))
        let p = try #require(header.firstIndex(of: "p"))
        let rural = try #require(lines.first { $0[theme] == "couverture-reseau" && $0[context] == "rural" })
        let urban = try #require(lines.first { $0[theme] == "couverture-reseau" && $0[context] == "urbain" })
        #expect(Int(rural[n])! * Int(urban[base])! > Int(urban[n])! * Int(rural[base])!)
        #expect(try #require(Double(rural[p])) < 0.05)
    }
}

@Suite(.serialized) struct CooccurLimitCLITests {
    @Test func limitKeepsTheMostFrequentPairs() throws {
        let all = try CLI.run(["cooccur", "--study", CLI.study, "--format", "csv"])
        let top = try CLI.run(["cooccur", "--study", CLI.study, "--format", "csv", "--limit", "3"])
        #expect(all.code == 0 && top.code == 0)
        let allLines = all.out.split(separator: "\n"), topLines = top.out.split(separator: "\n")
        #expect(topLines.count == 4)
        #expect(Array(allLines.prefix(4)) == topLines)
        let bad = try CLI.run(["cooccur", "--study", CLI.study, "--limit", "-1"])
        #expect(bad.code == 64)
    }
}
