import Foundation
import Testing
import VerbatimTestSupport

/// Respondent-level questionnaire answers (`survey.csv`, issue 18): an indicator that names a question
/// is computed from them, with its n, and the respondents who were also interviewed are linked to what
/// they said.
@Suite(.serialized) struct SurveyCLITests {
    static let indicators = """
    outcome,group,horizon,value,n,source,label,question,yes
    seniors-competences,senior,,91,,Résultat publié,ont approfondi des compétences,,
    seniors-apprehension,senior,long,,,,moins appréhensifs,apprehension,oui;plutôt oui

    """
    // Five seniors answered at 12 months (three yes); one answered at 3-6 months, one is a volunteer,
    // one left the question blank. S02 (who speaks of calmer confidence) and S04 (who does not) were
    // also interviewed.
    static let survey = """
    respondent,group,wave,apprehension
    S02-lyon,senior,12 mois,oui
    S04-lille,senior,12 mois,non
    R101,senior,12 mois,oui
    R102,senior,12 mois,Plutôt oui
    R103,senior,12 mois,non
    R104,senior,3-6 mois,oui
    R105,volontaire,12 mois,oui
    R106,senior,12 mois,

    """

    @Test func anIndicatorIsComputedFromTheAnswersAndLinkedToTheInterviews() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        try study.write("indicators.csv", Data(Self.indicators.utf8))
        try study.write("survey.csv", Data(Self.survey.utf8))
        let r = try study.run(["impact", "--format", "json"])
        #expect(r.code == 0, "\(r.err)")
        let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        let indicators = json["indicators"] as! [[String: Any]]
        #expect(indicators.count == 2)
        let computed = try #require(indicators.first { $0["outcome"] as? String == "seniors-apprehension" })
        #expect(computed["kind"] as? String == "computed from survey.csv")
        #expect(computed["value"] as? Double == 60)
        #expect(computed["n"] as? Int == 5)
        #expect(computed["answered"] as? Int == 5 && computed["said_yes"] as? Int == 3)
        let linked = (computed["interviewed"] as? [[String: Any]] ?? []).map { "\($0["respondent"]!):\($0["said_yes"]!):\($0["mentions"]!)" }
        #expect(linked == ["S02-lyon:1:1", "S04-lille:0:0"], "\(linked)")
        let published = try #require(indicators.first { $0["outcome"] as? String == "seniors-competences" })
        #expect(published["kind"] as? String == "published questionnaire result")

        let text = try study.run(["impact"])
        #expect(text.out.contains("60% (n = 5), long term, computed from survey.csv, 'apprehension': 3 of 5 respondents; of the 2 respondents also interviewed: 1 said yes (1 speaks of it in the interview), 1 did not (0 speak of it)"), "\(text.out)")
        // The CSV carries both figures as rows beside the outcome's interview rows (a joint display in long form).
        let csv = try study.run(["impact", "--format", "csv"])
        let lines = csv.out.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix(",evidence,indicator,source") == true, "\(lines.first ?? "")")
        let survey = lines.filter { $0.contains("questionnaire (computed from survey.csv)") }
        #expect(survey.count == 1, "\(lines)")
        #expect(survey.first?.hasPrefix("seniors-apprehension,") == true && survey.first?.contains(",long,12 mois,,3,5,60,") == true, "\(survey)")
        #expect(survey.first?.contains("of the 2 respondents also interviewed") == true, "\(survey)")
        let publishedRows = lines.filter { $0.contains("questionnaire (published)") }
        #expect(publishedRows.count == 1 && publishedRows.first?.contains(",senior,(all),,,,,91,") == true, "\(publishedRows)")
        let apprehension = lines.firstIndex { $0.hasPrefix("seniors-apprehension,") }, row = lines.firstIndex { $0.contains("questionnaire (computed") }
        #expect(apprehension != nil && row != nil && apprehension! < row!, "the figure follows its outcome's interview rows")
        #expect(lines.filter { $0.contains(",interviews,,") }.count == lines.count - 3, "every other row is an interview row")

        // The report says the figure is computed and what the respondents also interviewed said, in French.
        let report = try study.run(["report", "-o", "rapport.html"])
        #expect(report.code == 0, "\(report.err)")
        let html = try String(contentsOf: study.url("rapport.html"), encoding: .utf8)
        #expect(html.contains("Questionnaire (calculé à partir de survey.csv)"), "computed figure labelled as such")
        #expect(html.contains("Sur les 2 répondants aussi interrogés en entretien : 1 ont répondu oui (1 en parle en entretien), 1 non (0 en parle)."))
        #expect(html.contains("Questionnaire (résultat publié)"), "the published figure is still labelled published")
        #expect(html.contains("Calculé à partir de survey.csv, « apprehension » : 3 répondants sur 5"), "the computation said in the report's language")
        #expect(!html.contains("computed from survey.csv"))
    }

    @Test func badSurveysAreLocatedErrors() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        try study.write("indicators.csv", Data(Self.indicators.utf8))
        let missing = try study.run(["impact"])
        #expect(missing.code == 1)
        #expect(missing.err.contains("indicators.csv:3: error: question 'apprehension' needs the respondents' answers in survey.csv"), "\(missing.err)")
        try study.write("survey.csv", Data("respondent,group,wave,autre\nR1,senior,12 mois,oui\n".utf8))
        let column = try study.run(["impact"])
        #expect(column.err.contains("indicators.csv:3: error: question 'apprehension' is not a column of survey.csv (columns: respondent, group, wave, autre)"), "\(column.err)")
        try study.write("survey.csv", Data("respondent,apprehension\nR1,oui\nr1,non\n".utf8))
        let twice = try study.run(["impact"])
        #expect(twice.err.contains("survey.csv:3: error: respondent 'r1' appears twice (first on line 2)"), "\(twice.err)")
        try study.write("survey.csv", Data("who,apprehension\nR1,oui\n".utf8))
        let noID = try study.run(["impact"])
        #expect(noID.err.contains("survey.csv:1: error: no 'respondent' column"), "\(noID.err)")
        for r in [missing, column, twice, noID] { #expect(r.code == 1 && r.out.isEmpty, "\(r.err)") }
    }

    /// An outcome for a group value that no unit has: `impact` warns (its cells are empty), and
    /// `codebook lint FILE --study DIR` checks the value against the study as lint without FILE does.
    @Test func aGroupNoUnitHasIsWarnedAndLinted() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        var text = try String(contentsOf: Repository.bundledCodebook, encoding: .utf8)
        let at = try #require(text.range(of: "    - id: vol-orientation-pro"))
        let group = try #require(text.range(of: "group: volontaire", range: at.upperBound..<text.endIndex))
        text.replaceSubrange(group, with: "group: volunteer-typo")
        try study.write("typo.yaml", Data(text.utf8))
        let impact = try study.run(["impact", "--codebook", "typo.yaml"])
        #expect(impact.code == 0, "\(impact.err)")
        #expect(impact.err.contains("warning: theory of change: outcome 'vol-orientation-pro' is for group 'volunteer-typo', which no participant unit has (values: partenaire, senior, volontaire)"), "\(impact.err)")
        let lint = try study.run(["codebook", "lint", "typo.yaml", "--study", "."])
        #expect(lint.code == 1)
        #expect(lint.err.contains("'volunteer-typo' is not a value of 'group' in the study"), "\(lint.err)")
        // With another error in the codebook, the group's is still said.
        let both = text.replacingOccurrences(of: "evidence: [confiance-apaisee]", with: "evidence: [confiance-inexistante]")
        try study.write("both.yaml", Data(both.utf8))
        let two = try study.run(["codebook", "lint", "both.yaml", "--study", "."])
        #expect(two.code == 1)
        #expect(two.err.contains("unknown theme 'confiance-inexistante'") && two.err.contains("'volunteer-typo' is not a value of 'group' in the study"), "\(two.err)")
        #expect(two.err.contains("the codebook has 2 errors"), "\(two.err)")
        let alone = try study.run(["codebook", "lint", "typo.yaml"])
        #expect(!alone.err.contains("volunteer-typo"), "a file alone is checked on its own: \(alone.err)")
    }
}
