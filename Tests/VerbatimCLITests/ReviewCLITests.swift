import Foundation
import Testing
import VerbatimTestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A copy of the bundled study in a temporary folder, for the commands that write into it.
struct ReviewStudyCopy {
    let root: URL
    /// The study itself: `root/study`.
    let dir: URL

    /// Copies `Corpora/les-connectes` (without anything a run may have left in it: codings, memos, the
    /// index) and points its `codebook:` at the bundled codebook's absolute path.
    init() throws {
        let fm = FileManager.default
        root = fm.temporaryDirectory.appendingPathComponent("verbatim-review-\(UUID().uuidString)")
        dir = root.appendingPathComponent("study")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: Repository.bundledStudy.path) where ![".verbatim", "codings", "memos"].contains(name) {
            try fm.copyItem(at: Repository.bundledStudy.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        let config = dir.appendingPathComponent("verbatim.yaml")
        let yaml = try String(contentsOf: config, encoding: .utf8)
        var replaced = false
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasPrefix("codebook:") else { return String(line) }
            replaced = true
            return "codebook: \(Repository.bundledCodebook.path)"
        }
        try #require(replaced, "the bundled verbatim.yaml has a codebook: line")
        try Data(lines.joined(separator: "\n").utf8).write(to: config)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Runs `verbatim ARGS` inside the study.
    func run(_ args: [String], environment: [String: String] = [:]) throws -> Binary.Result {
        try Binary.run(args, cwd: dir, environment: environment)
    }

    func file(_ path: String) -> URL { dir.appendingPathComponent(path) }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: file(path).path) }

    /// The lines of `codings/<coder>.jsonl` (none when there is no file).
    func codingLines(_ coder: String) throws -> [String] {
        guard exists("codings/\(coder).jsonl") else { return [] }
        return try String(contentsOf: file("codings/\(coder).jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// The codings of `coder`'s file, each line parsed; a line that is not a complete coding fails the test.
    func codings(_ coder: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        try codingLines(coder).map { line in
            let object = try #require(try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                                      "not JSON: \(line)", sourceLocation: sourceLocation)
            for key in ["id", "document", "turn", "start", "end", "quote", "prefix", "suffix", "theme", "coder", "status", "time"] {
                #expect(object[key] != nil, "\(key) missing in \(line)", sourceLocation: sourceLocation)
            }
            return object
        }
    }

    /// The turns of a document as `verbatim show --format json` gives them, and its text.
    func show(_ document: String) throws -> (text: String, turns: [[String: Any]]) {
        let r = try run(["show", document, "--format", "json"])
        try #require(r.code == 0, "\(r.err)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        return (try #require(obj["text"] as? String), try #require(obj["turns"] as? [[String: Any]]))
    }

    func json(_ r: Binary.Result) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(r.out.utf8))
    }
}

/// The researchers' own coding end to end with the built `verbatim`: tag, untag, codings, suggestions,
/// accept, reject, memo, search and `--source` on the counts, on a copy of the bundled study; and many
/// writers at once, some of them killed.
@Suite(.serialized) struct ReviewCLITests {
    /// S01-lyon turn 12: "Ben... j'avais peur. Voilà, je vais vous le dire franchement. J'avais peur de
    /// casser quelque chose, ...".
    static let document = "S01-lyon.txt"
    static let turn = 12

    @Test func tagWithAQuoteWritesOneLine() throws {
        let s = try ReviewStudyCopy()
        defer { s.remove() }
        let quote = "peur de casser quelque chose"
        let r = try s.run(["tag", "S01-lyon", "12", "peur-fausse-manoeuvre", "--quote", quote, "--memo", "peur actuelle", "--coder", "Marie"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("S01-lyon.txt:12") && r.out.contains("peur-fausse-manoeuvre") && r.out.contains("by Marie"), "\(r.out)")

        let lines = try s.codingLines("Marie")
        #expect(lines.count == 1)
        let c = try #require(try s.codings("Marie").first)
        #expect(c["document"] as? String == Self.document)
        #expect(c["turn"] as? Int == Self.turn)
        #expect(c["theme"] as? String == "peur-fausse-manoeuvre")
        #expect(c["coder"] as? String == "Marie")
        #expect(c["status"] as? String == "manual")
        #expect(c["quote"] as? String == quote)
        #expect(c["memo"] as? String == "peur actuelle")
        #expect((c["id"] as? String)?.hasPrefix("m-") == true)
        #expect(c["suggestion"] == nil)
        let time = try #require(c["time"] as? String)
        #expect(ISO8601DateFormatter().date(from: time) != nil && time.hasSuffix("Z"), "\(time)")
        #expect(r.out.contains(c["id"] as! String))

        // The offsets are those of the text `show` prints, inside the turn; prefix and suffix surround it.
        let (text, turns) = try s.show("S01-lyon")
        let bytes = Array(text.utf8)
        let start = c["start"] as! Int, end = c["end"] as! Int
        #expect(String(decoding: bytes[start..<end], as: UTF8.self) == quote)
        let t12 = try #require(turns.first { $0["index"] as? Int == Self.turn })
        #expect((t12["start"] as! Int) <= start && end <= (t12["end"] as! Int))
        let prefix = try #require(c["prefix"] as? String), suffix = try #require(c["suffix"] as? String)
        #expect(text.contains(prefix + quote + suffix))
        #expect(prefix.hasSuffix("J'avais ") && suffix.hasPrefix(", d'appuyer"))

        // A second tag adds a second line; the whole turn when no quote is given.
        let whole = try s.run(["tag", "S01-lyon", "12", "peur-internet"], environment: ["VERBATIM_CODER": "Marie"])
        #expect(whole.code == 0, "\(whole.err)")
        let both = try s.codings("Marie")
        #expect(both.count == 2)
        let w = try #require(both.first { $0["theme"] as? String == "peur-internet" })
        #expect(w["start"] as? Int == t12["start"] as? Int && w["end"] as? Int == t12["end"] as? Int)
        #expect(w["quote"] as? String == t12["text"] as? String)
    }

    @Test func tagRefusesWhatItCannotPlaceAndWritesNothing() throws {
        let s = try ReviewStudyCopy()
        defer { s.remove() }
        // A quote that is not in the turn (it is in the transcript, in another turn).
        let missing = try s.run(["tag", "S01-lyon", "12", "peur-internet", "--quote", "les arnaques", "--coder", "Marie"])
        #expect(missing.code == 1, "\(missing.err)")
        let errLines = missing.err.split(separator: "\n")
        #expect(errLines.count == 1, "\(missing.err)")
        #expect(errLines.first?.contains("S01-lyon.txt: error:") == true, "\(missing.err)")
        #expect(missing.err.contains("not in turn 12"))
        #expect(!s.exists("codings/Marie.jsonl"))

        // A quote that is there twice, without --occurrence.
        let twice = try s.run(["tag", "S01-lyon", "12", "peur-internet", "--quote", "peur", "--coder", "Marie"])
        #expect(twice.code == 1, "\(twice.err)")
        #expect(twice.err.split(separator: "\n").count == 1, "\(twice.err)")
        #expect(twice.err.contains("2 times") && twice.err.contains("--occurrence"), "\(twice.err)")
        #expect(!s.exists("codings/Marie.jsonl"))
        let tooFar = try s.run(["tag", "S01-lyon", "12", "peur-internet", "--quote", "peur", "--occurrence", "3", "--coder", "Marie"])
        #expect(tooFar.code == 64, "\(tooFar.err)")
        #expect(!s.exists("codings/Marie.jsonl"))

        // An unknown theme.
        let unknown = try s.run(["tag", "S01-lyon", "12", "peur-du-noir", "--quote", "j'avais peur", "--coder", "Marie"])
        #expect(unknown.code == 1, "\(unknown.err)")
        #expect(unknown.err.contains("unknown theme 'peur-du-noir'"), "\(unknown.err)")
        #expect(unknown.err.contains("les-connectes.yaml"), "the error names the codebook: \(unknown.err)")
        #expect(!s.exists("codings/Marie.jsonl"))

        // No such turn.
        let noTurn = try s.run(["tag", "S01-lyon", "999", "peur-internet", "--coder", "Marie"])
        #expect(noTurn.code == 1 && noTurn.err.contains("no turn 999"), "\(noTurn.err)")

        // A coder's name that cannot name a file.
        let badName = try s.run(["tag", "S01-lyon", "12", "peur-internet", "--coder", "../Marie"])
        #expect(badName.code == 64, "\(badName.err)")
        #expect(!s.exists("codings"))
        #expect(!FileManager.default.fileExists(atPath: s.root.appendingPathComponent("Marie.jsonl").path))

        // With --occurrence the second "peur" is coded.
        let second = try s.run(["tag", "S01-lyon", "12", "peur-internet", "--quote", "peur", "--occurrence", "2", "--coder", "Marie"])
        #expect(second.code == 0, "\(second.err)")
        let c = try #require(try s.codings("Marie").first)
        let (text, turns) = try s.show("S01-lyon")
        let t12 = try #require(turns.first { $0["index"] as? Int == Self.turn })
        let turnText = t12["text"] as! String
        let firstPeur = try #require(turnText.range(of: "peur"))
        let secondPeur = try #require(turnText.range(of: "peur", range: firstPeur.upperBound..<turnText.endIndex))
        let expected = (t12["start"] as! Int) + turnText.utf8.distance(from: turnText.startIndex, to: secondPeur.lowerBound)
        #expect(c["start"] as? Int == expected)
        #expect(String(decoding: Array(text.utf8)[expected..<(expected + 4)], as: UTF8.self) == "peur")
    }

    @Test func withoutACoderNameTheErrorSaysHowToSetOne() throws {
        let s = try ReviewStudyCopy()
        defer { s.remove() }
        let home = s.root.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let env = ["HOME": home.path, "XDG_CONFIG_HOME": home.path, "GIT_CONFIG_NOSYSTEM": "1",
                   "GIT_CONFIG_GLOBAL": home.appendingPathComponent("gitconfig").path]
        let r = try s.run(["tag", "S01-lyon", "12", "peur-internet", "--quote", "j'avais peur"], environment: env)
        #expect(r.code != 0)
        #expect(r.err.contains("--coder") && r.err.contains("VERBATIM_CODER") && r.err.contains("git config"), "\(r.err)")
        #expect(r.err.split(separator: "\n").count == 1, "\(r.err)")
        #expect(!s.exists("codings"))
        // The same for the other commands that write.
        for args in [["untag", "m-000000000000"], ["reject", "s-000000000000"], ["memo", "peur-internet", "un mémo"]] {
            let w = try s.run(args, environment: env)
            #expect(w.code != 0 && w.err.contains("VERBATIM_CODER"), "\(args): \(w.err)")
        }
        #expect(!s.exists("codings") && !s.exists("memos"))
        // VERBATIM_CODER is enough.
        var named = env
        named["VERBATIM_CODER"] = "Camille"
        let ok = try s.run(["tag", "S01-lyon", "12", "peur-internet", "--quote", "j'avais peur"], environment: named)
        #expect(ok.code == 0, "\(ok.err)")
        #expect(try s.codings("Camille").first?["coder"] as? String == "Camille")
    }

    /// The `(all)` record of `theme` in `stats --format json` output: n and the source.
    static func statsCount(_ s: ReviewStudyCopy, _ theme: String, _ extra: [String] = []) throws -> (n: Int, source: String) {
        let r = try s.run(["stats", "--format", "json"] + extra)
        try #require(r.code == 0, "\(r.err)")
        let obj = try #require(try s.json(r) as? [String: Any])
        let source = try #require(obj["source"] as? String, "the JSON says what was counted")
        let records = try #require(obj["records"] as? [[String: Any]])
        let groups = Set(records.compactMap { $0["group"] as? String })
        let total = try #require(groups.first { $0.hasPrefix("(") }, "\(groups)")
        let rec = try #require(records.first { $0["theme"] as? String == theme && $0["group"] as? String == total })
        return (try #require(rec["n"] as? Int), source)
    }

    @Test func suggestionsHaveStableIDsAndARejectionChangesTheDefaultCount() throws {
        let s = try ReviewStudyCopy()
        defer { s.remove() }
        let r = try s.run(["suggestions", "--format", "json"])
        #expect(r.code == 0, "\(r.err)")
        let suggestions = try #require(try s.json(r) as? [[String: Any]])
        #expect(suggestions.count > 100)
        let ids = suggestions.compactMap { $0["id"] as? String }
        #expect(ids.count == suggestions.count)
        #expect(Set(ids).count == ids.count, "ids are unique")
        #expect(ids.allSatisfy { $0.hasPrefix("s-") && $0.count == 14 && $0.dropFirst(2).allSatisfy(\.isHexDigit) })
        for key in ["document", "turn", "theme", "match", "start", "end", "turn_text"] { #expect(suggestions[0][key] != nil, "\(key)") }
        // Stable: a second run gives the same ids.
        let again = try #require(try s.json(try s.run(["suggestions", "--format", "json"])) as? [[String: Any]])
        #expect(again.compactMap { $0["id"] as? String } == ids)

        // Every suggestion of peur-avant (a theme without sub-themes) in S01-lyon: rejected.
        let past = suggestions.filter { $0["document"] as? String == Self.document && $0["theme"] as? String == "peur-avant" }
        try #require(!past.isEmpty, "S01-lyon has peur-avant suggestions")
        let rulesBefore = try Self.statsCount(s, "peur-avant", ["--source", "rules"])
        let allBefore = try Self.statsCount(s, "peur-avant")
        #expect(rulesBefore.n == allBefore.n && rulesBefore.source == "rules" && allBefore.source == "all")

        let reject = try s.run(["reject"] + past.map { $0["id"] as! String } + ["--coder", "Marie", "--memo", "peur passée"])
        #expect(reject.code == 0, "\(reject.err)")
        #expect(reject.out.contains("rejected \(past.count) suggestion"))
        let decisions = try s.codings("Marie")
        #expect(decisions.count == past.count)
        #expect(decisions.allSatisfy { $0["status"] as? String == "rejected" && ($0["suggestion"] as? String)?.hasPrefix("s-") == true })
        #expect(Set(decisions.compactMap { $0["suggestion"] as? String }) == Set(past.map { $0["id"] as! String }))

        let rules = try Self.statsCount(s, "peur-avant", ["--source", "rules"])
        let all = try Self.statsCount(s, "peur-avant")
        #expect(rules.n == rulesBefore.n, "the rules' count ignores the decisions")
        #expect(all.n == rules.n - 1, "S01-lyon no longer mentions peur-avant: \(all.n) vs \(rules.n)")
        #expect(all.source == "all" && rules.source == "rules")
        // Only another coder's decisions: nothing rejected.
        #expect(try Self.statsCount(s, "peur-avant", ["--coder", "Paul"]).n == rules.n)
        #expect(try Self.statsCount(s, "peur-avant", ["--coder", "Marie"]).n == rules.n - 1)
        // The decided suggestions are no longer proposed to Marie.
        let left = try #require(try s.json(try s.run(["suggestions", "--format", "json", "--coder", "Marie"])) as? [[String: Any]])
        #expect(left.count == suggestions.count - past.count)
    }

    @Test func acceptedSuggestionsCountInReviewedAndADecisionReplacesTheEarlierOne() throws {
        let s = try ReviewStudyCopy()
        defer { s.remove() }
        let suggestions = try #require(try s.json(try s.run(["suggestions", "--format", "json"])) as? [[String: Any]])
        let past = suggestions.filter { $0["document"] as? String == Self.document && $0["theme"] as? String == "peur-avant" }
        try #require(!past.isEmpty)
        #expect(try s.run(["reject", past[0]["id"] as! String, "--coder", "Marie"]).code == 0)
        // reviewed counts only what a person confirmed.
        #expect(try Self.statsCount(s, "peur-arnaques", ["--source", "reviewed"]).n == 0)
        let scam = try #require(suggestions.first { $0["document"] as? String == Self.document && $0["theme"] as? String == "peur-arnaques" })
        let accept = try s.run(["accept", scam["id"] as! String, "--coder", "Marie"])
        #expect(accept.code == 0, "\(accept.err)")
        let reviewed = try Self.statsCount(s, "peur-arnaques", ["--source", "reviewed"])
        #expect(reviewed.n == 1 && reviewed.source == "reviewed")
        #expect(try Self.statsCount(s, "peur-internet", ["--source", "reviewed"]).n == 1, "the parent counts its sub-theme")
        #expect(try Self.statsCount(s, "peur-arnaques", ["--source", "manual"]).n == 0)

        // Deciding again replaces the earlier decision on the same suggestion.
        let first = past[0]["id"] as! String
        #expect(try s.run(["accept", first, "--coder", "Marie"]).code == 0)
        let now = try s.codings("Marie").filter { $0["suggestion"] as? String == first }
        #expect(now.count == 1 && now.first?["status"] as? String == "accepted")

        // An id the rules do not suggest writes nothing.
        let before = try s.codingLines("Marie")
        let bogus = try s.run(["reject", "s-000000000000", "--coder", "Marie"])
        #expect(bogus.code == 1 && bogus.err.contains("no suggestion s-000000000000"), "\(bogus.err)")
        #expect(try s.codingLines("Marie") == before)
    }

    @Test func recodeCountsUnderTheNewTheme() throws {
        let s = try ReviewStudyCopy()
        defer { s.remove() }
        let suggestions = try #require(try s.json(try s.run(["suggestions", "--format", "json"])) as? [[String: Any]])
        let past = suggestions.filter { $0["document"] as? String == Self.document && $0["theme"] as? String == "peur-avant" }
        try #require(!past.isEmpty)
        #expect(try Self.statsCount(s, "vigilance", ["--source", "reviewed"]).n == 0)
        let r = try s.run(["recode", past[0]["id"] as! String, "vigilance", "--coder", "Marie"])
        #expect(r.code == 0, "\(r.err)")
        let d = try #require(try s.codings("Marie").first)
        #expect(d["status"] as? String == "accepted" && d["theme"] as? String == "vigilance" && d["suggested_theme"] as? String == "peur-avant")
        #expect(try Self.statsCount(s, "vigilance", ["--source", "reviewed"]).n == 1)
        #expect(try Self.statsCount(s, "peur-avant", ["--source", "reviewed"]).n == 0)
        let unknown = try s.run(["recode", past[0]["id"] as! String, "pas-un-theme", "--coder", "Marie"])
        #expect(unknown.code == 1 && unknown.err.contains("pas-un-theme"), "\(unknown.err)")
    }

    @Test func untagAndCodingsCSVAndManualSource() throws {
        let s = try ReviewStudyCopy()
        defer { s.remove() }
        #expect(try Self.statsCount(s, "peur-fausse-manoeuvre", ["--source", "manual"]).n == 0)
        let a = try s.run(["tag", "S01-lyon", "12", "peur-fausse-manoeuvre", "--quote", "peur de casser quelque chose", "--coder", "Marie"])
        let b = try s.run(["tag", "S01-lyon", "14", "peur-arnaques", "--quote", "les arnaques", "--coder", "Paul"])
        #expect(a.code == 0 && b.code == 0, "\(a.err)\(b.err)")
        #expect(try Self.statsCount(s, "peur-fausse-manoeuvre", ["--source", "manual"]).n == 1)
        #expect(try Self.statsCount(s, "peur-fausse-manoeuvre", ["--source", "manual", "--coder", "Paul"]).n == 0)

        let csv = try s.run(["codings", "--format", "csv"])
        #expect(csv.code == 0, "\(csv.err)")
        let rows = csv.out.split(separator: "\n").map(String.init)
        #expect(rows.first == "id,coder,status,document,turn,start,end,theme,suggested_theme,suggestion,quote,prefix,suffix,time,memo")
        #expect(rows.count == 3, "\(csv.out)")
        let marie = try #require(try s.codings("Marie").first), paul = try #require(try s.codings("Paul").first)
        #expect(rows.contains { $0.hasPrefix("\(marie["id"] as! String),Marie,manual,S01-lyon.txt,12,\(marie["start"] as! Int),\(marie["end"] as! Int),peur-fausse-manoeuvre,,,peur de casser quelque chose,") })
        #expect(rows.contains { $0.hasPrefix("\(paul["id"] as! String),Paul,manual,S01-lyon.txt,14,") && $0.contains(",peur-arnaques,,,les arnaques,") })
        let onlyPaul = try s.run(["codings", "--format", "csv", "--coder", "Paul"])
        #expect(onlyPaul.out.split(separator: "\n").count == 2)
        let json = try #require(try s.json(try s.run(["codings", "--format", "json", "--theme", "peur-arnaques"])) as? [[String: Any]])
        #expect(json.map { $0["id"] as? String } == [paul["id"] as? String])

        // Only its coder removes a coding.
        let notYours = try s.run(["untag", marie["id"] as! String, "--coder", "Paul"])
        #expect(notYours.code == 1 && notYours.err.contains("Marie"), "\(notYours.err)")
        #expect(try s.codingLines("Marie").count == 1)
        let untag = try s.run(["untag", marie["id"] as! String, "--coder", "Marie"])
        #expect(untag.code == 0, "\(untag.err)")
        #expect(untag.out.contains("removed \(marie["id"] as! String)"))
        #expect(try s.codingLines("Marie").isEmpty)
        #expect(try s.codingLines("Paul").count == 1)
        let again = try s.run(["untag", marie["id"] as! String, "--coder", "Marie"])
        #expect(again.code == 1 && again.err.contains("no coding"), "\(again.err)")
        #expect(try Self.statsCount(s, "peur-fausse-manoeuvre", ["--source", "manual"]).n == 0)
        let after = try s.run(["codings", "--format", "csv"])
        #expect(after.out.split(separator: "\n").count == 2)
    }

    @Test func aDamagedCodingFileIsReportedAndTheRestStillCounts() throws {
        let s = try ReviewStudyCopy()
        defer { s.remove() }
        let suggestions = try #require(try s.json(try s.run(["suggestions", "--format", "json"])) as? [[String: Any]])
        let past = suggestions.filter { $0["document"] as? String == Self.document && $0["theme"] as? String == "peur-avant" }
        #expect(try s.run(["reject"] + past.map { $0["id"] as! String } + ["--coder", "Marie"]).code == 0)
        let rules = try Self.statsCount(s, "peur-avant", ["--source", "rules"]).n
        let url = s.file("codings/Marie.jsonl")
        var text = try String(contentsOf: url, encoding: .utf8)
        let good = text.split(separator: "\n").count
        text = "<<<<<<< HEAD\n" + text + "=======\n{\"id\": \"broken\n>>>>>>> other\n"
        try Data(text.utf8).write(to: url)

        let check = try s.run(["check"])
        #expect(check.code == 1, "\(check.out)\(check.err)")
        for line in [1, good + 2, good + 3, good + 4] {
            #expect(check.err.contains("codings/Marie.jsonl:\(line): error:"), "line \(line): \(check.err)")
        }
        let stats = try s.run(["stats", "--format", "json"])
        #expect(stats.err.contains("codings/Marie.jsonl:1:"), "\(stats.err)")
        let obj = try #require(try s.json(stats) as? [String: Any])
        let rec = try #require((obj["records"] as? [[String: Any]])?.first { $0["theme"] as? String == "peur-avant" && ($0["group"] as? String)?.hasPrefix("(") == true })
        #expect(rec["n"] as? Int == rules - 1, "the good lines still count")
        // A new decision keeps the lines a person wrote.
        #expect(try s.run(["tag", "S01-lyon", "12", "peur-internet", "--coder", "Marie"]).code == 0)
        let kept = try String(contentsOf: url, encoding: .utf8)
        for marker in ["<<<<<<< HEAD", "=======", "{\"id\": \"broken", ">>>>>>> other"] { #expect(kept.contains(marker + "\n"), "\(marker)") }
    }

    @Test func memoWritesMarkdownAndReadsItBack() throws {
        let s = try ReviewStudyCopy()
        defer { s.remove() }
        let none = try s.run(["memo", "peur-internet"])
        #expect(none.code == 0 && none.out.contains("No memo yet"), "\(none.out)\(none.err)")
        let add = try s.run(["memo", "peur-internet", "Distinguer la peur actuelle de la peur passée.", "--coder", "Marie"])
        #expect(add.code == 0, "\(add.err)")
        #expect(add.out.contains("memos/themes/peur-internet.md"))
        let second = try s.run(["memo", "peur-internet", "Voir aussi S01, tour 14.", "--coder", "Paul"])
        #expect(second.code == 0, "\(second.err)")
        let file = try String(contentsOf: s.file("memos/themes/peur-internet.md"), encoding: .utf8)
        #expect(file.contains("Distinguer la peur actuelle de la peur passée.") && file.contains("Voir aussi S01, tour 14."))
        #expect(file.contains("_Marie, ") && file.contains("_Paul, "))
        #expect(file.range(of: "Distinguer")!.lowerBound < file.range(of: "Voir aussi")!.lowerBound, "added at the end")
        let read = try s.run(["memo", "peur-internet"])
        #expect(read.code == 0 && read.out == file, "\(read.out)")

        let doc = try s.run(["memo", "S01-lyon", "Entretien riche sur la peur.", "--coder", "Marie"])
        #expect(doc.code == 0, "\(doc.err)")
        let docs = try FileManager.default.contentsOfDirectory(atPath: s.file("memos/documents").path)
        #expect(docs.count == 1 && docs[0].hasPrefix("S01-lyon") && docs[0].hasSuffix(".md"), "\(docs)")
        let docRead = try s.run(["memo", "S01-lyon.txt"])
        #expect(docRead.out.contains("Entretien riche sur la peur."), "\(docRead.out)")
        let empty = try s.run(["memo", "peur-internet", "   ", "--coder", "Marie"])
        #expect(empty.code == 64, "\(empty.err)")
    }

    @Test func searchGivesHitsWithDocumentTurnAndThemes() throws {
        let s = try ReviewStudyCopy()
        defer { s.remove() }
        let r = try s.run(["search", "peur NEAR internet", "--format", "json"])
        #expect(r.code == 0, "\(r.err)")
        let hits = try #require(try s.json(r) as? [[String: Any]])
        #expect(!hits.isEmpty)
        for h in hits {
            #expect(h["document"] is String && h["turn"] is Int && h["themes"] is [Any], "\(h)")
            let match = (h["match"] as? String ?? "").folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            #expect(match.contains("peur") && match.contains("internet"), "\(match)")
        }
        #expect(hits.contains { ($0["themes"] as? [String])?.contains("peur-internet") == true }, "some hits are coded peur-internet")
        #expect(hits.contains { $0["document"] as? String == "FG1-lyon.txt" })
        // The index finds what reading the transcripts finds.
        let read = try s.run(["search", "peur NEAR internet", "transcripts", "--format", "json"])
        #expect(read.code == 0, "\(read.err)")
        let readHits = try #require(try s.json(read) as? [[String: Any]])
        func key(_ h: [String: Any]) -> String { "\(h["document"] ?? "")#\(h["turn"] ?? "")#\(h["start"] ?? "")#\(h["end"] ?? "")" }
        #expect(Set(readHits.map(key)) == Set(hits.map(key)))
        // Case and accents aside, and roles.
        let upper = try #require(try s.json(try s.run(["search", "PEUR NEAR INTERNET", "--format", "json"])) as? [[String: Any]])
        #expect(upper.count == hits.count)
        let participants = try #require(try s.json(try s.run(["search", "peur NEAR internet", "--role", "participant", "--format", "json"])) as? [[String: Any]])
        #expect(participants.allSatisfy { $0["role"] as? String == "participant" } && participants.count < hits.count)
        let bad = try s.run(["search", "\"peur", "--format", "json"])
        #expect(bad.code == 64, "\(bad.err)")
    }

    @Test func interviewerTurnsAreCodedButNotCounted() throws {
        let s = try ReviewStudyCopy()
        defer { s.remove() }
        // Turn 11 is the interviewer's question.
        let r = try s.run(["tag", "S01-lyon", "11", "peur-internet", "--coder", "Marie"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.err.contains("warning") && r.err.contains("interviewer"), "\(r.err)")
        #expect(try s.codings("Marie").count == 1)
        #expect(try Self.statsCount(s, "peur-internet", ["--source", "manual"]).n == 0)
    }

    @Test func theOtherAnalysesCountBySourceAndSaySo() throws {
        let s = try ReviewStudyCopy()
        defer { s.remove() }
        let quote = "peur de casser quelque chose"
        #expect(try s.run(["tag", "S01-lyon", "12", "peur-fausse-manoeuvre", "--quote", quote, "--coder", "Marie"]).code == 0)

        // excerpts: only the manual coding, highlighted where it was made.
        let ex = try s.run(["excerpts", "--source", "manual", "--format", "json"])
        #expect(ex.code == 0, "\(ex.err)")
        let obj = try #require(try s.json(ex) as? [String: Any])
        var found: [[String: Any]] = []
        func walk(_ themes: [[String: Any]]) {
            for t in themes {
                found += (t["excerpts"] as? [[String: Any]]) ?? []
                walk((t["themes"] as? [[String: Any]]) ?? [])
            }
        }
        walk((obj["themes"] as? [[String: Any]]) ?? [])
        #expect(!found.isEmpty)
        for e in found {
            #expect(e["document"] as? String == Self.document && e["turn"] as? Int == Self.turn, "\(e)")
            let highlights = (e["highlights"] as? [[String: Any]]) ?? []
            #expect(highlights.map { $0["text"] as? String } == [quote], "\(highlights)")
        }
        let rulesExcerpts = try s.run(["excerpts", "--source", "rules", "--format", "json"])
        #expect(rulesExcerpts.code == 0 && rulesExcerpts.out.count > ex.out.count)

        // matrix and cooccur say what they counted.
        for args in [["matrix", "--cols", "context"], ["cooccur"]] {
            for source in ["manual", "rules"] {
                let r = try s.run(args + ["--source", source, "--format", "json"])
                #expect(r.code == 0, "\(args) \(source): \(r.err)")
                let o = try #require(try s.json(r) as? [String: Any])
                #expect(o["source"] as? String == source, "\(args)")
            }
            let text = try s.run(args + ["--source", "manual"])
            #expect(text.out.contains("counted: codings made by hand only"), "\(args): \(text.out.suffix(200))")
        }
        // stats in text too, and the report in its footer (the study is in French).
        #expect(try s.run(["stats", "--source", "rules"]).out.contains("counted: the rules' codings only"))
        let html = s.root.appendingPathComponent("rapport.html")
        let report = try s.run(["report", "--source", "reviewed", "-o", html.path])
        #expect(report.code == 0, "\(report.err)")
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.contains("confirmés"), "the report says it counted what a coder confirmed")
        let usage = try s.run(["stats", "--source", "everything"])
        #expect(usage.code == 64)
    }

    /// The README's walk-through: after its three decisions, "Peur des arnaques" is 1/20 seniors and
    /// 0/22 volunteers, and still the rules' 2/20 and 1/22 with `--source rules` (the ids are the README's).
    @Test func theReadmeWalkThroughGivesItsCounts() throws {
        let s = try ReviewStudyCopy()
        defer { s.remove() }
        let env = ["VERBATIM_CODER": "Marie"]
        for args in [["accept", "s-af51d5a79f59"], ["reject", "s-55a7b2ed0628", "--memo", "une crainte passée"], ["recode", "s-5dc10d3844cc", "peur-avant"]] {
            let r = try s.run(args, environment: env)
            #expect(r.code == 0, "\(args): \(r.err)")
        }
        func cells(_ extra: [String]) throws -> [String: (Int, Int)] {
            let r = try s.run(["stats", "--theme", "peur-internet", "--format", "json"] + extra)
            try #require(r.code == 0, "\(r.err)")
            let records = try #require((try s.json(r) as? [String: Any])?["records"] as? [[String: Any]])
            var out: [String: (Int, Int)] = [:]
            for rec in records where rec["theme"] as? String == "peur-arnaques" {
                out[rec["group"] as! String] = (rec["n"] as! Int, rec["N"] as! Int)
            }
            return out
        }
        let all = try cells([]), rules = try cells(["--source", "rules"])
        #expect(all["senior"]! == (1, 20) && all["volontaire"]! == (0, 22), "\(all)")
        #expect(rules["senior"]! == (2, 20) && rules["volontaire"]! == (1, 22), "\(rules)")
        let past = try cells(["--source", "reviewed"])
        #expect(past["senior"]! == (0, 20), "the recoded passage counts as peur-avant, not peur-arnaques: \(past)")
    }

    @Test func checkListsWhatCannotBeCounted() throws {
        let s = try ReviewStudyCopy()
        defer { s.remove() }
        let lines = [
            #"{"coder":"Marie","document":"S01-lyon.txt","end":3113,"id":"d-stale0000001","prefix":"","quote":"avais peur de casser","start":3093,"status":"rejected","suffix":"","suggestion":"s-000000000000","theme":"peur-avant","time":"2024-05-01T10:00:00Z","turn":12}"#,
            #"{"coder":"Marie","document":"S01-lyon.txt","end":20,"id":"m-gone00000001","prefix":"","quote":"une phrase qui n'existe pas","start":10,"status":"manual","suffix":"","theme":"peur-avant","time":"2024-05-01T10:00:00Z","turn":12}"#,
            #"{"coder":"Marie","document":"S99-nulle-part.txt","end":20,"id":"m-nodoc000001","prefix":"","quote":"x","start":10,"status":"manual","suffix":"","theme":"peur-avant","time":"2024-05-01T10:00:00Z","turn":12}"#,
            #"{"coder":"Marie","document":"S01-lyon.txt","end":20,"id":"m-notheme0001","prefix":"","quote":"peur","start":10,"status":"manual","suffix":"","theme":"theme-inconnu","time":"2024-05-01T10:00:00Z","turn":12}"#,
        ]
        try FileManager.default.createDirectory(at: s.file("codings"), withIntermediateDirectories: true)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: s.file("codings/Marie.jsonl"))
        let check = try s.run(["check"])
        #expect(check.code == 0, "warnings only: \(check.err)")
        let warnings = check.err.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(warnings.contains { $0.contains("d-stale0000001") && $0.contains("stale") }, "\(check.err)")
        #expect(warnings.contains { $0.contains("m-gone00000001") && $0.contains("cannot be placed") }, "\(check.err)")
        #expect(warnings.contains { $0.contains("m-nodoc000001") && $0.contains("S99-nulle-part.txt") }, "\(check.err)")
        #expect(warnings.contains { $0.contains("m-notheme0001") && $0.contains("theme-inconnu") }, "\(check.err)")
        // None of them counts.
        #expect(try Self.statsCount(s, "peur-avant", ["--source", "manual"]).n == 0)
    }

    @Test func codingsSurviveACorrectedTranscript() throws {
        let s = try ReviewStudyCopy()
        defer { s.remove() }
        let quote = "peur de casser quelque chose"
        #expect(try s.run(["tag", "S01-lyon", "12", "peur-fausse-manoeuvre", "--quote", quote, "--coder", "Marie"]).code == 0)
        #expect(try Self.statsCount(s, "peur-fausse-manoeuvre", ["--source", "manual"]).n == 1)
        // A turn inserted above, and the quote re-spaced over two lines.
        let url = s.file("transcripts/S01-lyon.txt")
        var text = try String(contentsOf: url, encoding: .utf8)
        let question = "Enquêtrice : Qu'est-ce qui vous empêchait de l'utiliser"
        try #require(text.contains(question) && text.contains(quote))
        text = text.replacingOccurrences(of: question, with: "Enquêtrice : Je reprends ma question.\n\nMme Martin : Allez-y.\n\n" + question)
        text = text.replacingOccurrences(of: quote, with: "peur de casser\nquelque  chose")
        try Data(text.utf8).write(to: url)

        let check = try s.run(["check"])
        #expect(!check.err.contains("cannot be placed"), "\(check.err)")
        #expect(try Self.statsCount(s, "peur-fausse-manoeuvre", ["--source", "manual"]).n == 1, "still counted")
        let ex = try s.run(["excerpts", "--source", "manual", "--format", "json"])
        #expect(ex.out.contains("\"turn\" : 14") || ex.out.contains("\"turn\": 14"), "now in turn 14: \(ex.out.prefix(2000))")
        // Removed from the transcript: reported, not counted.
        text = text.replacingOccurrences(of: "peur de casser\nquelque  chose", with: "crainte de tout abîmer")
        try Data(text.utf8).write(to: url)
        let gone = try s.run(["check"])
        #expect(gone.err.contains("cannot be placed"), "\(gone.err)")
        #expect(try Self.statsCount(s, "peur-fausse-manoeuvre", ["--source", "manual"]).n == 0)
    }

    @Test
    func concurrentMemosLoseNothing() throws {
        let s = try ReviewStudyCopy()
        defer { s.remove() }
        let logs = s.root.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let jobs = try (0..<8).map { i in
            try Job(["memo", "peur-avant", "Paragraphe numéro \(i).", "--coder", "C\(i)"], cwd: s.dir,
                    errFile: logs.appendingPathComponent("memo\(i).err"))
        }
        for j in jobs { j.process.waitUntilExit() }
        for (i, j) in jobs.enumerated() { #expect(j.process.terminationStatus == 0, "\(i): \(j.err)") }
        let memo = try String(contentsOf: s.file("memos/themes/peur-avant.md"), encoding: .utf8)
        for i in 0..<8 { #expect(memo.contains("Paragraphe numéro \(i)."), "paragraph \(i) lost") }
    }

    @Test
    func aFailedUntagWritesNothing() throws {
        let s = try ReviewStudyCopy()
        defer { s.remove() }
        let r = try s.run(["untag", "m-000000000000", "--coder", "Nobody"])
        #expect(r.code == 1 && r.err.contains("no coding m-000000000000"), "\(r.err)")
        #expect(!s.exists("codings/Nobody.jsonl"), "a failed untag leaves no file")
    }

    // MARK: Many writers at once

    /// A started `verbatim` process, its output to /dev/null and its standard error to a file.
    final class Job {
        let process = Process()
        let errFile: URL

        init(_ args: [String], cwd: URL, errFile: URL) throws {
            self.errFile = errFile
            _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
            process.executableURL = Binary.executable
            process.arguments = args
            process.currentDirectoryURL = cwd
            var env = ProcessInfo.processInfo.environment
            env.removeValue(forKey: "VERBATIM_CODER")
            env["NO_COLOR"] = "1"
            process.environment = env
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: errFile)
            try process.run()
        }

        var err: String { (try? String(contentsOf: errFile, encoding: .utf8)) ?? "" }
    }

    static func tagArgs(_ coder: String, _ i: Int, tag: String) -> [String] {
        // Distinct turns and memos, so that each run's line can be found.
        let turns = [2, 4, 6, 8, 10, 12, 14, 16]
        return ["tag", "S01-lyon", String(turns[i % turns.count]), "peur-internet", "--coder", coder, "--memo", "\(tag)-\(coder)-\(i)"]
    }

    @Test(.enabled(if: Binary.isBuilt), .timeLimit(.minutes(1)))
    func concurrentTagsLoseNothing() throws {
        let s = try ReviewStudyCopy()
        defer { s.remove() }
        let logs = s.root.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        var jobs: [(coder: String, i: Int, job: Job)] = []
        for i in 0..<8 {
            jobs.append(("Marie", i, try Job(Self.tagArgs("Marie", i, tag: "par"), cwd: s.dir, errFile: logs.appendingPathComponent("m\(i).err"))))
            if i < 4 {
                jobs.append(("Paul", i, try Job(Self.tagArgs("Paul", i, tag: "par"), cwd: s.dir, errFile: logs.appendingPathComponent("p\(i).err"))))
            }
        }
        for j in jobs { j.job.process.waitUntilExit() }
        for j in jobs {
            #expect(j.job.process.terminationReason == .exit && j.job.process.terminationStatus == 0, "\(j.coder) \(j.i): \(j.job.err)")
        }
        let succeeded = jobs.filter { $0.job.process.terminationStatus == 0 }
        for coder in ["Marie", "Paul"] {
            let codings = try s.codings(coder)
            let memos = codings.compactMap { $0["memo"] as? String }
            let expected = succeeded.filter { $0.coder == coder }.map { "par-\(coder)-\($0.i)" }
            #expect(codings.count == expected.count, "\(coder): one line per successful tag")
            #expect(memos.sorted() == expected.sorted(), "\(coder): nothing lost")
            #expect(Set(codings.compactMap { $0["id"] as? String }).count == codings.count)
            #expect(codings.allSatisfy { $0["coder"] as? String == coder })
        }
        #expect(try s.codingLines("Marie").count == 8 && s.codingLines("Paul").count == 4)
        let listed = try s.run(["codings", "--format", "json"])
        #expect(listed.code == 0 && listed.err.isEmpty, "\(listed.err)")
        #expect((try s.json(listed) as? [[String: Any]])?.count == 12)
    }

    @Test(.enabled(if: Binary.isBuilt), .timeLimit(.minutes(1)))
    func killedTagsLeaveEveryFileWhole() throws {
        let s = try ReviewStudyCopy()
        defer { s.remove() }
        let logs = s.root.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        // Lines already there, which no killed writer may lose.
        for coder in ["Marie", "Paul"] {
            let r = try s.run(Self.tagArgs(coder, 0, tag: "avant"))
            try #require(r.code == 0, "\(r.err)")
        }
        var survivors: [(coder: String, memo: String)] = []
        var killed = 0
        /// Twelve writers (two thirds Marie, one third Paul) started together; writer i is killed
        /// `delays(i)` seconds after the start, if it is still running (nil: never). Returns how long
        /// the round took.
        @discardableResult
        func round(_ name: String, _ delays: (Int) -> Double?) throws -> Double {
            var jobs: [(coder: String, i: Int, delay: Double?, job: Job)] = []
            let t0 = Date()
            for i in 0..<12 {
                let coder = i % 3 == 2 ? "Paul" : "Marie"
                jobs.append((coder, i, delays(i), try Job(Self.tagArgs(coder, i, tag: name), cwd: s.dir,
                                                           errFile: logs.appendingPathComponent("\(name)-\(i).err"))))
            }
            for j in jobs.filter({ $0.delay != nil }).sorted(by: { $0.delay! < $1.delay! }) {
                let wait = j.delay! - Date().timeIntervalSince(t0)
                if wait > 0 { usleep(useconds_t(wait * 1_000_000)) }
                if j.job.process.isRunning { kill(j.job.process.processIdentifier, SIGKILL) }
            }
            for j in jobs {
                j.job.process.waitUntilExit()
                if j.job.process.terminationReason == .uncaughtSignal {
                    killed += 1
                } else {
                    #expect(j.job.process.terminationStatus == 0, "\(name) job \(j.i): \(j.job.err)")
                    if j.job.process.terminationStatus == 0 { survivors.append((j.coder, "\(name)-\(j.coder)-\(j.i)")) }
                }
            }
            return Date().timeIntervalSince(t0)
        }
        // How long twelve writers take together here, none killed.
        let whole = try round("calm") { _ in nil }
        // Killed after 0 to 50 ms (mostly while starting), then spread over the round's whole life, so
        // that some are killed while they hold the lock and write.
        try round("early") { i in Double(i) * 0.050 / 11 }
        try round("spread") { i in Double(i) * whole / 11 }
        try round("late") { i in whole * 0.3 + Double(i) * whole / 11 }
        #expect(killed > 0, "some writers were killed")
        #expect(survivors.count > 12, "some writers that could be killed finished: \(survivors.count)")

        for coder in ["Marie", "Paul"] {
            let lines = try s.codingLines(coder)
            let codings = try s.codings(coder)  // every line a complete coding
            #expect(codings.count == lines.count)
            let memos = Set(codings.compactMap { $0["memo"] as? String })
            #expect(memos.contains("avant-\(coder)-0"), "\(coder): the line written before is still there")
            for sv in survivors where sv.coder == coder {
                #expect(memos.contains(sv.memo), "\(coder): \(sv.memo) exited 0, its line must be there")
            }
            #expect(Set(codings.compactMap { $0["id"] as? String }).count == codings.count, "no line written twice")
            #expect(codings.count <= 1 + 48)
        }
        let check = try s.run(["check"])
        #expect(!check.err.contains("codings/"), "\(check.err)")
        #expect(check.code == 0, "\(check.out)\(check.err)")
        let listed = try s.run(["codings", "--format", "json"])
        #expect(listed.code == 0 && listed.err.isEmpty, "\(listed.err)")
        let all = try #require(try s.json(listed) as? [[String: Any]])
        #expect(all.count == (try s.codingLines("Marie").count + s.codingLines("Paul").count))
        // A writer after the kills still works (no lock left held).
        let after = try s.run(Self.tagArgs("Marie", 1, tag: "apres"))
        #expect(after.code == 0, "\(after.err)")
        #expect(try s.codings("Marie").contains { $0["memo"] as? String == "apres-Marie-1" })
    }
}
