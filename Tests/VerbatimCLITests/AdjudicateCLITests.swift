import Foundation
import Testing
import VerbatimTestSupport

/// `verbatim validate`, `verbatim adjudicate` and blind coding, end to end on a copy of the bundled study.
@Suite(.serialized) struct ValidateCLITests {
    /// Marie's review of S01-lyon and S03-lyon, against the rules' suggestions there:
    /// - S01-lyon turn 14: the rules' peur-arnaques (s-5dc10d3844cc), accepted: a true positive;
    /// - S01-lyon turn 42: the rules' peur-internet (s-bb574cf88c9e), accepted: a true positive;
    /// - S03-lyon turn 30: the rules' peur-arnaques (s-3da600569e38), rejected: a false positive;
    ///   its peur-fausse-manoeuvre (s-e668d7cb257e), accepted: a true positive;
    /// - S01-lyon turn 12: tagged peur-fausse-manoeuvre by hand, which the rules do not code: a false negative;
    /// - S01-lyon turn 26: tagged autonomie by hand, where the rules drop their hit (negated): a false negative.
    static func reviewed() throws -> ReviewStudyCopy {
        let s = try ReviewStudyCopy()
        for args in [["accept", "s-5dc10d3844cc", "s-bb574cf88c9e", "s-e668d7cb257e"], ["reject", "s-3da600569e38"],
                     ["tag", "S01-lyon", "12", "peur-fausse-manoeuvre"], ["tag", "S01-lyon", "26", "autonomie"]] {
            let r = try s.run(args + ["--coder", "Marie"])
            try #require(r.code == 0, "\(args): \(r.err)")
        }
        return s
    }

    static func row(_ j: [String: Any], _ theme: String) throws -> [String: Any] {
        let themes = try #require(j["themes"] as? [[String: Any]])
        return try #require(themes.first { $0["theme"] as? String == theme }, "no \(theme) in \(themes.map { $0["theme"] ?? "" })")
    }

    @Test func handCountedScores() throws {
        let s = try Self.reviewed()
        defer { s.remove() }
        let r = try s.run(["validate", "--gold", "Marie", "--format", "json"])
        try #require(r.code == 0, "\(r.err)")
        let j = try #require(try s.json(r) as? [String: Any])
        #expect(j["documents"] as? [String] == ["S01-lyon.txt", "S03-lyon.docx"])
        let participantTurns = try ["S01-lyon", "S03-lyon"].map { try s.show($0).turns.filter { $0["role"] as? String != "interviewer" }.count }.reduce(0, +)
        #expect(j["units"] as? Int == participantTurns)
        #expect((j["reviewed"] as? String)?.contains("made any decision in") == true)

        // peur-arnaques: S01:14 both, S03:30 the rules only (rejected): TP 1, FP 1, FN 0.
        let scams = try Self.row(j, "peur-arnaques")
        #expect(scams["true_positives"] as? Int == 1 && scams["false_positives"] as? Int == 1 && scams["false_negatives"] as? Int == 0)
        #expect(scams["precision"] as? Double == 0.5 && scams["recall"] as? Double == 1)
        #expect(abs((scams["f1"] as? Double ?? 0) - 2.0 / 3) < 1e-12)
        // peur-fausse-manoeuvre: S03:30 both, S01:12 Marie only: TP 1, FP 0, FN 1.
        let mistake = try Self.row(j, "peur-fausse-manoeuvre")
        #expect(mistake["true_positives"] as? Int == 1 && mistake["false_positives"] as? Int == 0 && mistake["false_negatives"] as? Int == 1)
        #expect(mistake["precision"] as? Double == 1 && mistake["recall"] as? Double == 0.5)
        // peur-internet with its sub-themes: S01:14, S01:42, S03:30 both (S03:30 through peur-fausse-manoeuvre); S01:12 Marie only.
        let fear = try Self.row(j, "peur-internet")
        #expect(fear["true_positives"] as? Int == 3 && fear["false_positives"] as? Int == 0 && fear["false_negatives"] as? Int == 1, "\(fear)")
        // Every unit is counted once per theme: TP + FP + FN + TN + undecided = the units.
        for row in j["themes"] as! [[String: Any]] {
            let sum = ["true_positives", "false_positives", "false_negatives", "true_negatives", "undecided"].map { row[$0] as! Int }.reduce(0, +)
            #expect(sum == participantTurns, "\(row)")
        }
        // A suggestion Marie has not decided is not a false positive: autonomie has no false positive.
        #expect(try Self.row(j, "autonomie")["false_positives"] as? Int == 0)
        // Overall, each theme on its own: TP 3 (14 scams, 42 fear, 30 mistake), FP 1, FN 2 (12 mistake, 26 autonomy).
        let overall = try #require(j["overall"] as? [String: Any])
        #expect(overall["true_positives"] as? Int == 3 && overall["false_positives"] as? Int == 1 && overall["false_negatives"] as? Int == 2, "\(overall)")

        let fps = try #require(j["false_positives"] as? [[String: Any]])
        #expect(fps.count == 1)
        #expect(fps[0]["document"] as? String == "S03-lyon.docx" && fps[0]["turn"] as? Int == 30 && fps[0]["theme"] as? String == "peur-arnaques")
        let rules = try #require(fps[0]["rules"] as? [[String: Any]])
        #expect(rules.first?["rule"] as? String == "near(10)[ai, peur, données]" && (rules.first?["words"] as? String)?.contains("données") == true, "\(rules)")
        #expect(fps[0]["speaker"] as? String != "Mme Lefèvre", "pseudonymised: \(fps[0])")
        #expect(fps[0]["explain"] as? String == "verbatim code --explain S03-lyon.docx:30")
        let fns = try #require(j["false_negatives"] as? [[String: Any]])
        #expect(fns.map { "\($0["turn"]!) \($0["theme"]!)" } == ["12 peur-fausse-manoeuvre", "26 autonomie"])
        #expect((fns[0]["coded"] as? [String])?.first?.hasPrefix("Ben... j'avais peur.") == true, "\(fns[0])")
        let dropped = try #require(fns[1]["dropped"] as? [[String: Any]])
        #expect(dropped.count == 1 && (dropped.first?["reason"] as? String)?.contains("negated by 'pas'") == true, "\(dropped)")

        let text = try s.run(["validate", "--gold", "Marie"])
        #expect(text.code == 0)
        #expect(text.out.contains("S03-lyon.docx:30  peur-arnaques  by near(10)[ai, peur, données]"), "\(text.out)")
        #expect(text.out.contains("dropped \"fait toute seule\""), "\(text.out)")
        #expect(text.out.contains("made any decision in"))
        let csv = try s.run(["validate", "--gold", "Marie", "--theme", "peur-internet", "--format", "csv"])
        let lines = csv.out.split(separator: "\n")
        #expect(lines.first == "theme,label,depth,true_positives,false_positives,false_negatives,true_negatives,undecided,precision,recall,f1")
        #expect(lines.count == 5 && lines.last?.hasPrefix("(overall),,,3,1,1,") == true, "\(csv.out)")
    }

    @Test func documentUnitsAndBadInput() throws {
        let s = try Self.reviewed()
        defer { s.remove() }
        // Per document: peur-arnaques in S01 (both) and S03 (the rules, rejected there).
        let doc = try s.run(["validate", "--gold", "Marie", "--unit", "document", "--theme", "peur-arnaques", "--format", "json"])
        let j = try #require(try s.json(doc) as? [String: Any])
        #expect(j["units"] as? Int == 2)
        let scams = try Self.row(j, "peur-arnaques")
        #expect(scams["true_positives"] as? Int == 1 && scams["false_positives"] as? Int == 1 && scams["true_negatives"] as? Int == 0)
        let nobody = try s.run(["validate", "--gold", "Nobody"])
        #expect(nobody.code == 1 && nobody.err.contains("no coding file for 'Nobody'") && nobody.out.isEmpty, "\(nobody.err)")
        let theme = try s.run(["validate", "--gold", "Marie", "--theme", "peur-internt"])
        #expect(theme.code == 1 && theme.err.contains("did you mean 'peur-internet'"))
        #expect(try s.run(["validate"]).code == 64)
        #expect(try s.run(["validate", "--gold", "Marie", "--unit", "sentence"]).code == 64)
    }
}

@Suite(.serialized) struct AdjudicateCLITests {
    /// Marie and Paul agree on S01-lyon turn 12 (peur-fausse-manoeuvre, by hand) and turn 14 (the
    /// rules' peur-arnaques, accepted); Marie alone accepts the rules' peur-internet at turn 42 (Paul
    /// rejects it); Paul alone tags peur-arnaques at turn 16.
    static func coded() throws -> ReviewStudyCopy {
        let s = try ReviewStudyCopy()
        for (coder, args) in [("Marie", ["tag", "S01-lyon", "12", "peur-fausse-manoeuvre"]), ("Marie", ["accept", "s-5dc10d3844cc", "s-bb574cf88c9e"]),
                              ("Paul", ["tag", "S01-lyon", "12", "peur-fausse-manoeuvre"]), ("Paul", ["accept", "s-5dc10d3844cc"]),
                              ("Paul", ["reject", "s-bb574cf88c9e"]), ("Paul", ["tag", "S01-lyon", "16", "peur-arnaques"])] {
            let r = try s.run(args + ["--coder", coder])
            try #require(r.code == 0, "\(args): \(r.err)")
        }
        return s
    }

    func list(_ s: ReviewStudyCopy, _ extra: [String] = []) throws -> [String: Any] {
        let r = try s.run(["adjudicate", "--coders", "Marie,Paul", "--format", "json"] + extra)
        try #require(r.code == 0, "\(r.err)")
        return try #require(try s.json(r) as? [String: Any])
    }

    @Test func settleEveryDisagreementThenCountTheAgreedCoding() throws {
        let s = try Self.coded()
        defer { s.remove() }
        var j = try list(s)
        var open = try #require(j["open"] as? [[String: Any]])
        // The same two disagreements as 'agree --coders'.
        let agree = try #require(try s.json(try s.run(["agree", "--coders", "Marie,Paul", "--format", "json"])) as? [String: Any])
        let fromAgree = (agree["disagreements"] as! [[String: Any]]).map { "\($0["turn"]!) \($0["theme"]!)" }
        #expect(open.map { "\($0["turn"]!) \($0["theme"]!)" } == fromAgree)
        #expect(fromAgree == ["16 peur-arnaques", "42 peur-internet"])
        #expect(j["agreements"] as? Int == 2 && j["agreements_not_recorded"] as? Int == 2)
        let ids = open.map { $0["id"] as! String }
        #expect(ids.allSatisfy { $0.hasPrefix("a-") && $0.count == 14 })
        // Without --coders: every coder with a file.
        let defaulted = try #require(try s.json(try s.run(["adjudicate", "--format", "json"])) as? [String: Any])
        #expect(defaulted["coders"] as? [String] == ["Marie", "Paul"])
        #expect((defaulted["open"] as? [[String: Any]])?.map { $0["id"] as! String } == ids)

        // Turn 16: not kept; turn 42: as Marie coded it (her acceptance of the rules' suggestion).
        let no = try s.run(["adjudicate", ids[0], "--keep", "absent", "--coders", "Marie,Paul"])
        #expect(no.code == 0 && no.out.contains("\(ids[0])  S01-lyon.txt:16  peur-arnaques  absent"), "\(no.out) \(no.err)")
        j = try list(s)
        open = try #require(j["open"] as? [[String: Any]])
        #expect(open.map { $0["id"] as! String } == [ids[1]])
        #expect((j["decided"] as? [[String: Any]])?.first?["decision"] as? String == "absent")
        let yes = try s.run(["adjudicate", ids[1], "--accept-coder", "Marie", "--coders", "Marie,Paul"])
        #expect(yes.code == 0, "\(yes.err)")
        let agreed = try s.run(["adjudicate", "--coders", "Marie,Paul", "--agreements"])
        #expect(agreed.code == 0 && agreed.err.contains("2 agreed codings copied"), "\(agreed.err)")
        #expect(agreed.out.contains("Every disagreement is settled"))
        // Copying again adds nothing.
        #expect(try s.run(["adjudicate", "--coders", "Marie,Paul", "--agreements"]).err.contains("0 agreed codings copied"))

        // The file: the coders' format, coder 'adjudicated'.
        let lines = try s.codings("adjudicated")
        #expect(lines.allSatisfy { $0["coder"] as? String == "adjudicated" })
        #expect(lines.contains { $0["status"] as? String == "accepted" && $0["suggestion"] as? String == "s-bb574cf88c9e" })
        #expect(lines.contains { $0["status"] as? String == "rejected" && $0["suggestion"] as? String == ids[0] })
        // The settled coding is Marie's here: she and 'adjudicated' agree everywhere.
        let check = try #require(try s.json(try s.run(["agree", "--coders", "Marie,adjudicated", "--format", "json"])) as? [String: Any])
        #expect((check["disagreements"] as? [[String: Any]])?.isEmpty == true, "\(check["disagreements"] ?? "")")
        // And the analyses count it: peur-arnaques in one unit (turn 14), peur-internet's own at turn 42.
        let stats = try s.run(["stats", "--source", "reviewed", "--coder", "adjudicated", "--theme", "peur-internet", "--format", "csv"])
        #expect(stats.code == 0 && !stats.err.contains("stale"), "\(stats.err)")
        #expect(stats.out.contains("peur-arnaques,Peur des arnaques et pour ses données,1,(all),1,"), "\(stats.out)")
        let marie = try s.run(["stats", "--source", "reviewed", "--coder", "Marie", "--theme", "peur-internet", "--format", "csv"])
        #expect(stats.out == marie.out)
        let codings = try s.run(["codings", "--coder", "adjudicated", "--format", "json"])
        #expect((try s.json(codings) as? [[String: Any]])?.count == lines.count)

        // Settling again replaces the decision.
        let again = try s.run(["adjudicate", ids[0], "--keep", "present", "--coders", "Marie,Paul"])
        #expect(again.code == 0 && again.out.contains("replaces the earlier decision"), "\(again.out)")
        let after = try s.codings("adjudicated").filter { $0["turn"] as? Int == 16 }
        #expect(after.count == 1 && after[0]["status"] as? String == "manual" && after[0]["theme"] as? String == "peur-arnaques", "\(after)")
    }

    @Test func badInput() throws {
        let s = try Self.coded()
        defer { s.remove() }
        let unknown = try s.run(["adjudicate", "a-000000000000", "--keep", "present"])
        #expect(unknown.code == 1 && unknown.err.contains("no disagreement a-000000000000 between Marie, Paul") && unknown.out.isEmpty, "\(unknown.err)")
        #expect(!s.exists("codings/adjudicated.jsonl"))
        let id = try #require((try list(s)["open"] as? [[String: Any]])?.first?["id"] as? String)
        let stranger = try s.run(["adjudicate", id, "--accept-coder", "Zoé"])
        #expect(stranger.code == 64 && stranger.err.contains("not one of the coders compared"), "\(stranger.err)")
        #expect(try s.run(["adjudicate", id]).code == 64)
        #expect(try s.run(["adjudicate", "--keep", "present"]).code == 64)
        #expect(try s.run(["adjudicate", id, "--keep", "present", "--accept-coder", "Marie"]).code == 64)
        #expect(try s.run(["adjudicate", "--coders", "Marie,adjudicated"]).code == 64)
        #expect(!s.exists("codings/adjudicated.jsonl"))
    }
}

@Suite(.serialized) struct BlindCodingCLITests {
    /// Marie tags S01-lyon turn 16 with liens-famille, Paul turn 14 with lien-volontaire.
    static func coded() throws -> ReviewStudyCopy {
        let s = try ReviewStudyCopy()
        for (coder, turn, theme) in [("Marie", "16", "liens-famille"), ("Paul", "14", "lien-volontaire")] {
            let r = try s.run(["tag", "S01-lyon", turn, theme, "--coder", coder])
            try #require(r.code == 0, "\(r.err)")
        }
        return s
    }

    @Test func aBlindCoderSeesTheirOwnCodingsOnly() throws {
        let s = try Self.coded()
        defer { s.remove() }
        func coders(_ r: Binary.Result) throws -> Set<String> {
            try #require(r.code == 0, "\(r.err)")
            return Set((try s.json(r) as? [[String: Any]] ?? []).compactMap { $0["coder"] as? String })
        }
        #expect(try coders(try s.run(["codings", "--format", "json"])) == ["Marie", "Paul"])
        #expect(try coders(try s.run(["codings", "--blind", "--coder", "Marie", "--format", "json"])) == ["Marie"])
        #expect(try coders(try s.run(["codings", "--format", "json"], environment: ["VERBATIM_BLIND": "1", "VERBATIM_CODER": "Paul"])) == ["Paul"])
        let peek = try s.run(["codings", "--coder", "Marie"], environment: ["VERBATIM_BLIND": "1", "VERBATIM_CODER": "Paul"])
        #expect(peek.code == 64 && peek.err.contains("blind coding") && peek.out.isEmpty, "\(peek.err)")

        // search: the themes of a turn are the rules' and the coder's own.
        func themes(_ extra: [String], env: [String: String] = [:], turn: Int) throws -> Set<String> {
            let r = try s.run(["search", "justement", "S01-lyon", "--format", "json"] + extra, environment: env)
            try #require(r.code == 0, "\(r.err)")
            let hits = try #require(try s.json(r) as? [[String: Any]])
            return Set(hits.filter { $0["turn"] as? Int == turn }.flatMap { $0["themes"] as? [String] ?? [] })
        }
        let (_, turns) = try s.show("S01-lyon")
        let text16 = try #require(turns.first { $0["index"] as? Int == 16 }?["text"] as? String)
        try #require(text16.contains("justement"), "turn 16 has the word searched")
        #expect(try themes([], turn: 16).contains("liens-famille"))
        #expect(try themes(["--blind", "--coder", "Marie"], turn: 16).contains("liens-famille"))
        #expect(!(try themes(["--blind", "--coder", "Paul"], turn: 16).contains("liens-famille")))
        #expect(!(try themes([], env: ["VERBATIM_BLIND": "1", "VERBATIM_CODER": "Paul"], turn: 16).contains("liens-famille")))

        // An analysis counts the blind coder's decisions only.
        func count(_ env: [String: String]) throws -> String {
            let r = try s.run(["stats", "--source", "manual", "--theme", "liens-famille", "--format", "csv"], environment: env)
            try #require(r.code == 0, "\(r.err)")
            return r.out
        }
        #expect(try count([:]) != (try count(["VERBATIM_BLIND": "1", "VERBATIM_CODER": "Paul"])))
        #expect(try count([:]) == (try count(["VERBATIM_BLIND": "1", "VERBATIM_CODER": "Marie"])))

        // suggestions: the rules' codings, never another coder's decisions; blind needs to know who.
        let sugg = try s.run(["suggestions", "--blind", "--coder", "Paul", "--format", "json"])
        #expect(sugg.code == 0, "\(sugg.err)")
        // The commands that put every coder side by side refuse while blind.
        let agree = try s.run(["agree", "--coders", "Marie,Paul"], environment: ["VERBATIM_BLIND": "1", "VERBATIM_CODER": "Paul"])
        #expect(agree.code == 1 && agree.err.contains("blind coding is on for Paul") && agree.out.isEmpty, "\(agree.err)")
        let adjudicate = try s.run(["adjudicate"], environment: ["VERBATIM_BLIND": "yes", "VERBATIM_CODER": "Paul"])
        #expect(adjudicate.code == 1 && adjudicate.err.contains("blind coding is on"), "\(adjudicate.err)")
        let validate = try s.run(["validate", "--gold", "Marie"], environment: ["VERBATIM_BLIND": "1", "VERBATIM_CODER": "Paul"])
        #expect(validate.code == 1 && validate.err.contains("--gold Paul"), "\(validate.err)")
        #expect(try s.run(["validate", "--gold", "Paul"], environment: ["VERBATIM_BLIND": "1", "VERBATIM_CODER": "Paul"]).code == 0)
    }
}
