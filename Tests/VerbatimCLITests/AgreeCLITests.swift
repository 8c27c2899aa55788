import Foundation
import Testing
import VerbatimTestSupport

/// A temporary folder holding CSV tables for `verbatim agree --matrix`.
struct AgreeTables {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-agree-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func remove() { try? FileManager.default.removeItem(at: dir) }

    func run(_ args: [String]) throws -> Binary.Result { try Binary.run(args, cwd: dir) }

    func json(_ args: [String]) throws -> [String: Any] {
        let r = try run(args + ["--format", "json"])
        try #require(r.code == 0, "\(args): \(r.err)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any], "\(r.out)")
    }
}

/// Krippendorff (2011), the example with missing data: 12 units × 4 observers (as in
/// ../shared/reference/agreement/krippendorff-2011-4-coders.csv).
let krippendorff2011CSV = """
unit,A,B,C,D
1,1,1,,1
2,2,2,3,2
3,3,3,3,3
4,3,3,3,3
5,2,2,2,2
6,1,2,3,4
7,4,4,4,4
8,1,1,2,1
9,2,2,2,2
10,,5,5,5
11,,,1,1
12,,3,,

"""

@Suite struct AgreeMatrixCLITests {
    @Test func krippendorff2011AtEveryLevel() throws {
        let t = try AgreeTables()
        defer { t.remove() }
        let file = try t.write("k.csv", krippendorff2011CSV)
        for (level, expected) in [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)] {
            let j = try t.json(["agree", "--matrix", file, "--level", level])
            let alpha = try #require(j["krippendorff_alpha"] as? Double, "\(j)")
            #expect((alpha * 1000).rounded() / 1000 == expected, "\(level): \(alpha)")
            #expect(j["units"] as? Int == 12)
            #expect(j["pairable_units"] as? Int == 11)
            #expect(j["pairable_values"] as? Int == 40)
            #expect(j["level"] as? String == level)
            #expect(j["cohen_kappa"] is NSNull)
            let notes = try #require(j["notes"] as? [String: Any])
            #expect((notes["cohen_kappa"] as? String)?.contains("two coders") == true)
            #expect(j["fleiss_kappa"] is Double)
            #expect(j["coder_names"] as? [String] == ["A", "B", "C", "D"])
        }
        let text = try t.run(["agree", "--matrix", file])
        #expect(text.code == 0, "\(text.err)")
        #expect(text.out.contains("Krippendorff's alpha") && text.out.contains("0.743") && text.out.contains("12 units, 4 coders"), "\(text.out)")
        let csv = try t.run(["agree", "--matrix", file, "--format", "csv"])
        let lines = csv.out.split(separator: "\n")
        #expect(lines.first == "scope,level,units,coders,pairable_units,pairable_values,percent_agreement,cohen_kappa,fleiss_kappa,krippendorff_alpha,alpha_lower,alpha_upper")
        #expect(lines.count == 2 && lines[1].contains(",nominal,12,4,11,40,"), "\(csv.out)")
    }

    @Test func cohenTextbookTable() throws {
        let t = try AgreeTables()
        defer { t.remove() }
        var rows = ["unit,A,B"]
        let pairs = Array(repeating: "yes,yes", count: 20) + Array(repeating: "yes,no", count: 5)
            + Array(repeating: "no,yes", count: 10) + Array(repeating: "no,no", count: 15)
        for (i, p) in pairs.enumerated() { rows.append("\(i + 1),\(p)") }
        let j = try t.json(["agree", "--matrix", try t.write("c.csv", rows.joined(separator: "\n"))])
        let kappa = try #require(j["cohen_kappa"] as? Double)
        #expect(abs(kappa - 0.4) < 1e-12)
        #expect(abs((j["percent_agreement"] as! Double) - 0.7) < 1e-12)
        #expect(j["values"] as? [String] == ["no", "yes"])
    }

    @Test func headerlessTableAndSemicolons() throws {
        let t = try AgreeTables()
        defer { t.remove() }
        let j = try t.json(["agree", "--matrix", try t.write("h.csv", "1;1\n2;2,5\n3;3\n"), "--level", "interval"])
        #expect(j["units"] as? Int == 3)
        #expect(j["coder_names"] as? [String] == ["coder 1", "coder 2"])
        #expect(j["values"] as? [String] == ["1", "2", "2,5", "3"])
        // '-' reads the table from standard input.
        let piped = try Binary.run(["agree", "--matrix", "-", "--format", "json"], cwd: t.dir, input: Data(krippendorff2011CSV.utf8))
        #expect(piped.code == 0, "\(piped.err)")
        #expect(piped.out.contains("\"krippendorff_alpha\": 0.743"), "\(piped.out)")
    }

    @Test func degenerateTablesSayWhy() throws {
        let t = try AgreeTables()
        defer { t.remove() }
        let same = try t.json(["agree", "--matrix", try t.write("s.csv", "unit,A,B\n1,x,x\n2,x,x\n")])
        #expect(same["krippendorff_alpha"] is NSNull)
        #expect(same["percent_agreement"] as? Double == 1)
        let notes = try #require(same["notes"] as? [String: String])
        #expect(notes["krippendorff_alpha"]?.contains("every value is 'x'") == true, "\(notes)")
        let one = try t.json(["agree", "--matrix", try t.write("o.csv", "unit,A\n1,x\n2,y\n")])
        #expect((one["notes"] as? [String: String])?["krippendorff_alpha"]?.contains("only one coder") == true)
        let apart = try t.json(["agree", "--matrix", try t.write("a.csv", "unit,A,B\n1,x,\n2,,y\n")])
        #expect((apart["notes"] as? [String: String])?["krippendorff_alpha"]?.contains("no unit was coded by two coders") == true)
        let text = try t.run(["agree", "--matrix", t.dir.appendingPathComponent("s.csv").path])
        #expect(text.code == 0 && text.out.contains("—"), "\(text.out)")
    }

    @Test func badInputIsOneLineNamingTheFileAndLine() throws {
        let t = try AgreeTables()
        defer { t.remove() }
        let missing = t.dir.appendingPathComponent("missing.csv").path
        let cases: [(String, [String], String)] = [
            (missing, [], "\(missing): error: no such file"),
            (try t.write("ragged.csv", "unit,A,B\n1,1,1\n2,1\n"), [], "ragged.csv:3: error: 2 cells where the header has 3"),
            (try t.write("text.csv", "unit,A,B\n1,1,1\n2,1,abc\n"), ["--level", "interval"], "text.csv:3: error: 'abc' (B) is not a number"),
            (try t.write("neg.csv", "unit,A,B\n1,1,-1\n"), ["--level", "ratio"], "neg.csv:2: error: '-1' (B) is negative"),
            (try t.write("dup.csv", "unit,A,B\n1,1,1\n1,2,2\n"), [], "dup.csv:3: error: unit '1' is already on line 2"),
            (try t.write("empty.csv", "unit,A,B\n"), [], "empty.csv:1: error: the table has no unit"),
        ]
        for (file, extra, message) in cases {
            let r = try t.run(["agree", "--matrix", file] + extra)
            #expect(r.code == 1, "\(file): \(r.code) \(r.err)")
            #expect(r.err.split(separator: "\n").count == 1, "\(r.err)")
            #expect(r.err.contains(message), "\(r.err)")
            #expect(r.out.isEmpty)
        }
        // Text values are fine at the nominal level.
        #expect(try t.run(["agree", "--matrix", t.dir.appendingPathComponent("text.csv").path]).code == 0)
        // Usage errors: neither --matrix nor --coders.
        #expect(try t.run(["agree"]).code == 64)
    }

    @Test func minAlphaAndBootstrap() throws {
        let t = try AgreeTables()
        defer { t.remove() }
        let file = try t.write("k.csv", krippendorff2011CSV)
        let low = try t.run(["agree", "--matrix", file, "--min-alpha", "0.8"])
        #expect(low.code == 1 && low.err.contains("below --min-alpha"), "\(low.err)")
        #expect(try t.run(["agree", "--matrix", file, "--min-alpha", "0.7"]).code == 0)
        let a = try t.run(["agree", "--matrix", file, "--level", "interval", "--bootstrap", "300", "--seed", "5", "--format", "json"])
        let b = try t.run(["agree", "--matrix", file, "--level", "interval", "--bootstrap", "300", "--seed", "5", "--format", "json"])
        #expect(a.code == 0 && a.out == b.out)
        let j = try #require(try JSONSerialization.jsonObject(with: Data(a.out.utf8)) as? [String: Any])
        let boot = try #require(j["bootstrap"] as? [String: Any])
        #expect(boot["samples"] as? Int == 300 && boot["seed"] as? String == "5")
        let lower = try #require(boot["lower"] as? Double), upper = try #require(boot["upper"] as? Double)
        #expect(lower < 0.849 && 0.849 < upper)
    }
}

/// `verbatim agree --coders` on a copy of the bundled study coded by hand by two coders.
@Suite(.serialized) struct AgreeStudyCLITests {
    /// Marie and Paul agree on S01-lyon turn 12 (peur-fausse-manoeuvre), disagree on where the fear of
    /// scams is (Marie turn 14, Paul turn 16); Paul alone tags S02-lyon (its first participant turn),
    /// which Marie did not see.
    static func coded() throws -> ReviewStudyCopy {
        let s = try ReviewStudyCopy()
        let (_, turns) = try s.show("S02-lyon")
        let participant = try #require(turns.first { $0["role"] as? String == "participant" }?["index"] as? Int)
        for (coder, doc, turn, theme) in [("Marie", "S01-lyon", "12", "peur-fausse-manoeuvre"), ("Marie", "S01-lyon", "14", "peur-arnaques"),
                                          ("Paul", "S01-lyon", "12", "peur-fausse-manoeuvre"), ("Paul", "S01-lyon", "16", "peur-arnaques"),
                                          ("Paul", "S02-lyon", String(participant), "liens-famille")] {
            let r = try s.run(["tag", doc, turn, theme, "--coder", coder])
            try #require(r.code == 0, "\(r.err)")
        }
        return s
    }

    @Test func themesOverallAndDisagreements() throws {
        let s = try Self.coded()
        defer { s.remove() }
        let (_, turns) = try s.show("S01-lyon")
        let (_, turns2) = try s.show("S02-lyon")
        let participantTurns = turns.filter { $0["role"] as? String != "interviewer" }.count
        let participantTurns2 = turns2.filter { $0["role"] as? String != "interviewer" }.count
        let r = try s.run(["agree", "--coders", "Marie,Paul", "--format", "json"])
        try #require(r.code == 0, "\(r.err)")
        let j = try #require(try s.json(r) as? [String: Any])
        #expect(j["coders"] as? [String] == ["Marie", "Paul"])
        #expect(j["documents"] as? Int == 2)
        #expect(j["documents_seen_by"] as? [String: Int] == ["Marie": 1, "Paul": 2])
        #expect(j["units"] as? Int == participantTurns + participantTurns2)
        #expect(j["coded_units"] as? Int == 4)
        let themes = try #require(j["themes"] as? [[String: Any]])
        let ids = themes.map { $0["theme"] as! String }
        #expect(ids == ["seniors", "peur-internet", "peur-arnaques", "peur-fausse-manoeuvre", "liens-sociaux", "liens-famille"], "\(ids)")
        func theme(_ id: String) -> [String: Any] { themes.first { $0["theme"] as? String == id }! }
        // Both coded turn 12 and nothing else with it: perfect agreement on the turns both saw.
        let fm = theme("peur-fausse-manoeuvre")
        let fmAll = fm["all_units"] as! [String: Any], fmCoded = fm["coded_units"] as! [String: Any]
        #expect(fmAll["krippendorff_alpha"] as? Double == 1 && fmAll["cohen_kappa"] as? Double == 1)
        #expect(fmAll["units"] as? Int == participantTurns + participantTurns2)
        #expect(fmAll["pairable_units"] as? Int == participantTurns)   // S02 has Paul's values only
        #expect(fmCoded["units"] as? Int == 4 && fmCoded["pairable_units"] as? Int == 3)
        // Scams: turns 14 and 16 disagree; the coded units (12, 14, 16 pairable) give a negative alpha.
        let scams = theme("peur-arnaques")["coded_units"] as! [String: Any]
        let alpha = try #require(scams["krippendorff_alpha"] as? Double)
        #expect(alpha < 0)
        let all = theme("peur-arnaques")["all_units"] as! [String: Any]
        #expect((all["percent_agreement"] as! Double) > (scams["percent_agreement"] as! Double))
        // liens-famille: only Paul, in a document Marie did not see: nothing to compare.
        let family = theme("liens-famille")["all_units"] as! [String: Any]
        #expect(family["krippendorff_alpha"] is NSNull)
        #expect((family["notes"] as? [String: String])?["krippendorff_alpha"] != nil)
        #expect((theme("liens-famille")["units_coded_by"] as? [String: Int]) == ["Marie": 0, "Paul": 1])
        // The disagreements: the scams theme at turns 14 and 16 (and its parents are not repeated).
        let d = try #require(j["disagreements"] as? [[String: Any]])
        #expect(d.count == 2, "\(d)")
        #expect(d.map { $0["turn"] as? Int } == [14, 16])
        #expect(d.allSatisfy { $0["document"] as? String == "S01-lyon.txt" && $0["theme"] as? String == "peur-arnaques" })
        #expect(d[0]["coded_by"] as? [String] == ["Marie"] && d[0]["not_coded_by"] as? [String] == ["Paul"])
        #expect(d[1]["coded_by"] as? [String] == ["Paul"])
        #expect((d[0]["quote"] as? String)?.isEmpty == false)
        // Pseudonyms by default: the speaker is not the real name.
        #expect(d[0]["speaker"] as? String != "Mme Martin", "\(d[0])")
        let overall = try #require(j["overall"] as? [String: Any])
        // Overall: every unit × each theme coded as such (peur-fausse-manoeuvre, peur-arnaques, liens-famille).
        #expect((overall["all_units"] as? [String: Any])?["units"] as? Int == (participantTurns + participantTurns2) * 3)

        let text = try s.run(["agree", "--coders", "Marie,Paul"])
        #expect(text.code == 0)
        #expect(text.out.contains("peur-arnaques") && text.out.contains("Disagreements (2)") && text.out.contains("S01-lyon.txt:14"), "\(text.out)")
        let csv = try s.run(["agree", "--coders", "Marie,Paul", "--format", "csv"])
        #expect(csv.out.hasPrefix("theme,label,depth,units_kind,level,units,"), "\(csv.out)")
        #expect(csv.out.contains("(overall),,,coded,"))
    }

    @Test func minAlphaThemeSelectionUnitsAndErrors() throws {
        let s = try Self.coded()
        defer { s.remove() }
        let low = try s.run(["agree", "--coders", "Marie,Paul", "--min-alpha", "0.8"])
        #expect(low.code == 1 && low.err.contains("peur-arnaques"), "\(low.err)")
        let fine = try s.run(["agree", "--coders", "Marie,Paul", "--theme", "peur-fausse-manoeuvre", "--min-alpha", "0.8"])
        #expect(fine.code == 0, "\(fine.err)")
        let overall = try s.run(["agree", "--coders", "Marie,Paul", "--theme", "peur-internet", "--overall", "--min-alpha", "0.99"])
        #expect(overall.code == 1 && overall.err.contains("overall"), "\(overall.err)")
        let doc = try s.run(["agree", "--coders", "Marie,Paul", "--unit", "document", "--format", "json"])
        let j = try #require(try s.json(doc) as? [String: Any])
        #expect(j["units"] as? Int == 2 && j["unit"] as? String == "document")
        let boot1 = try s.run(["agree", "--coders", "Marie,Paul", "--bootstrap", "200", "--seed", "3", "--format", "json"])
        let boot2 = try s.run(["agree", "--coders", "Marie,Paul", "--bootstrap", "200", "--seed", "3", "--format", "json"])
        #expect(boot1.code == 0 && boot1.out == boot2.out)
        // One coder: a defined answer, not NaN.
        let one = try s.run(["agree", "--coders", "Marie", "--format", "json"])
        #expect(one.code == 0, "\(one.err)")
        let oneJSON = try #require(try s.json(one) as? [String: Any])
        let first = try #require((oneJSON["themes"] as? [[String: Any]])?.first?["all_units"] as? [String: Any])
        #expect(first["krippendorff_alpha"] is NSNull)
        #expect((first["notes"] as? [String: String])?["krippendorff_alpha"]?.contains("only one coder") == true)
        // A decision on a document the study no longer has is left out with a warning.
        let line = try #require(try s.codingLines("Paul").first)
        let moved = line.replacingOccurrences(of: "\"S01-lyon.txt\"", with: "\"S99-gone.txt\"")
        try Data((try s.codingLines("Paul") + [moved]).joined(separator: "\n").utf8).write(to: s.file("codings/Paul.jsonl"))
        let gone = try s.run(["agree", "--coders", "Marie,Paul"])
        #expect(gone.code == 0 && gone.err.contains("Paul's decisions on 'S99-gone.txt' are left out"), "\(gone.code) \(gone.err)")
        let nobody = try s.run(["agree", "--coders", "Marie,Nobody"])
        #expect(nobody.code == 1 && nobody.err.contains("no coding file for 'Nobody'"), "\(nobody.err)")
        let theme = try s.run(["agree", "--coders", "Marie,Paul", "--theme", "peur-internt"])
        #expect(theme.code == 1 && theme.err.contains("did you mean 'peur-internet'"), "\(theme.err)")
        #expect(try s.run(["agree", "--coders", "Marie,Paul", "--level", "interval"]).code == 64)
    }

    @Test func sampleWritesASetThatAgreeRestrictsTo() throws {
        let s = try Self.coded()
        defer { s.remove() }
        let r = try s.run(["sample", "--share", "0.2", "--by", "group", "--seed", "3", "--name", "double", "--format", "json"])
        try #require(r.code == 0, "\(r.err)")
        let j = try #require(try s.json(r) as? [String: Any])
        let strata = try #require(j["strata"] as? [[String: Any]])
        #expect(strata.count >= 2)
        for stratum in strata {
            let n = stratum["documents"] as! Int, drawn = (stratum["drawn"] as! [String]).count
            #expect(drawn == max(1, Int((0.2 * Double(n)).rounded())), "\(stratum)")
        }
        let documents = try #require(j["documents"] as? [String])
        let lines = try String(contentsOf: s.file("sets/double.txt"), encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("# verbatim sample --share 0.2 --by group --seed 3") == true)
        #expect(Array(lines.dropFirst()) == documents)
        // The same seed draws the same documents; an existing set is kept unless --force.
        let again = try s.run(["sample", "--share", "0.2", "--by", "group", "--seed", "3", "--name", "double"])
        #expect(again.code == 1 && again.err.contains("already exists"), "\(again.err)")
        let forced = try s.run(["sample", "--share", "0.2", "--by", "group", "--seed", "3", "--name", "double", "--force", "--format", "json"])
        #expect((try s.json(forced) as? [String: Any])?["documents"] as? [String] == documents)
        #expect(try s.run(["sample", "--share", "0.2", "--by", "grup"]).code == 1)
        #expect(try s.run(["sample", "--share", "1.5"]).code == 64)

        // agree --set: only the set's documents (here S01-lyon alone: Paul's S02 drops out).
        // A set's line may leave out the extension; a line naming no document is a warning with its line.
        try Data("# by hand\nS01-lyon\nnot-a-document\n".utf8).write(to: s.file("sets/first.txt"))
        let a = try s.run(["agree", "--coders", "Marie,Paul", "--set", "first", "--format", "json"])
        try #require(a.code == 0, "\(a.err)")
        #expect(a.err.contains("first.txt:3: warning: 'not-a-document' is not a document of the study"), "\(a.err)")
        let aj = try #require(try s.json(a) as? [String: Any])
        #expect(aj["documents"] as? Int == 1)
        #expect(aj["documents_seen_by"] as? [String: Int] == ["Marie": 1, "Paul": 1])
        let missing = try s.run(["agree", "--coders", "Marie,Paul", "--set", "nosuch"])
        #expect(missing.code == 1 && missing.err.contains("no such set") && missing.err.contains("double"), "\(missing.err)")
    }
}
