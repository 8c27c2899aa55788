import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCodebook
import VerbatimCoding
import VerbatimApp
import VerbatimTestSupport

/// A small study built in a temporary folder for the stats, matrix and cooccur tests.
///
/// Groups A (I1, I2: two interviews) and B (I3: an interview; FG1: a focus group whose three participants
/// are in participants.csv; FG2: a focus group whose participants are not). Themes: `peur`; `usages` with
/// the sub-themes `demarches` and `famille`; `relance`, coded in interviewer turns only.
///
/// Participant units: A = I1, I2 (N 2); B = I3, FG1:Inès, FG1:Théo, FG1:Léa, FG2 (N 5).
/// Coded units (words counted by hand, the label excluded):
/// - I1 turn 1, Enquêtrice "Bonjour madame racontez tout." (4): relance
/// - I1 turn 2 "Je fais mes impôts en ligne maintenant." (7): demarches
/// - I1 turn 4 "Oui WhatsApp avec mes enfants et les impôts aussi." (9): demarches, famille
/// - I2 turn 2 "Internet me fait peur." (4): peur (the interviewer's "impôts" in turn 3 is not coded)
/// - FG1 turn 1, Animatrice "Racontez vos missions." (3): relance
/// - FG1 turn 2, Inès "Les impôts en ligne avec une dame." (7): demarches
/// - FG1 turn 3, Théo "Moi WhatsApp surtout." (3): famille
/// - FG1 turn 4, Inès "Et WhatsApp aussi." (3): famille
/// - FG2 turn 2, Hugo "Ils ont peur au début." (5): peur
/// - FG2 turn 3, Zoé "Les impôts surtout." (3): demarches
enum StatsFixture {
    static let codebook = """
    codebook: fixture
    title: Fixture
    language: fr
    themes:
      - id: peur
        label: Peur
        labels: {en: Fear}
        definition: Peur.
        rules:
          - any: [peur]
      - id: usages
        label: Usages
        definition: Usages.
        themes:
          - id: demarches
            label: Démarches
            definition: Démarches.
            rules:
              - any: [impôts]
          - id: famille
            label: Famille
            definition: Famille.
            rules:
              - any: [WhatsApp]
      - id: relance
        label: Relance
        definition: Questions of the interviewer.
        roles: [interviewer]
        rules:
          - any: [racontez]
    """

    static let files: [String: String] = [
        "verbatim.yaml": "name: Fixture\nlanguage: fr\ncodebook: codebook.yaml\nspeakers:\n  interviewers: [Enquêtrice, Animatrice]\n",
        "codebook.yaml": codebook,
        "cases.csv": """
        document,group,wave,context
        I1.txt,A,3-6 mois,rural
        I2.txt,A,12 mois,rural
        I3.txt,B,3-6 mois,urbain
        FG1.txt,B,12 mois,urbain
        FG2.txt,B,3-6 mois,rural

        """,
        "participants.csv": "document,speaker,gender\nFG1.txt,Inès,F\nFG1.txt,Théo,M\nFG1.txt,Léa,F\n",
        "transcripts/I1.txt": """
        Enquêtrice : Bonjour madame racontez tout.

        Mme A : Je fais mes impôts en ligne maintenant.

        Enquêtrice : Et la famille ?

        Mme A : Oui WhatsApp avec mes enfants et les impôts aussi.

        """,
        "transcripts/I2.txt": """
        Enquêtrice : Bonjour.

        M. B : Internet me fait peur.

        Enquêtrice : Et les impôts ?

        M. B : Non rien.

        """,
        "transcripts/I3.txt": """
        Enquêtrice : Bonjour.

        Mme C : Rien à dire.

        """,
        "transcripts/FG1.txt": """
        Animatrice : Racontez vos missions.

        Inès : Les impôts en ligne avec une dame.

        Théo : Moi WhatsApp surtout.

        Inès : Et WhatsApp aussi.

        Léa : Rien de spécial.

        """,
        "transcripts/FG2.txt": """
        Animatrice : Bonjour à tous.

        Hugo : Ils ont peur au début.

        Zoé : Les impôts surtout.

        Hugo : Oui.

        Zoé : Voilà.

        """,
    ]

    /// Writes the study into a new temporary folder.
    static func make() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-stats-\(UUID().uuidString)")
        for (name, content) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
        return dir
    }

    /// The fixture study, coded.
    static func coded() throws -> CodedStudy {
        let dir = try make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let study = try Study(root: dir)
        let (book, _) = try CodebookLoader.parseYAML(codebook, path: "codebook.yaml")
        return StudyPipeline.run(study: study, codebook: book, unit: .turn)
    }

    /// Runs the `verbatim` executable built beside the tests (`Binary.run`).
    static func run(_ args: [String], cwd: URL) throws -> Binary.Result {
        try Binary.run(args, cwd: cwd)
    }

    /// Parses CSV (quoted fields with doubled quotes, `\n` line ends) into records keyed by the header.
    static func csvRecords(_ text: String) -> [[String: String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)[...]
        while let ch = chars.popFirst() {
            if quoted {
                if ch == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(ch) }
            } else if ch == "\"" {
                quoted = true
            } else if ch == "," {
                row.append(field); field = ""
            } else if ch == "\n" {
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.append(ch)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// Whether a CSV field and a JSON value say the same: equal booleans, equal numbers or equal text.
    static func same(_ csv: String?, _ json: Any?) -> Bool {
        guard let csv, let json else { return csv == nil && json == nil }
        if json is NSNull { return csv.isEmpty }
        if csv == "true" || csv == "false" { return (json as? Bool) == (csv == "true") }
        if let s = json as? String { return s == csv }
        if let n = json as? NSNumber, let d = Double(csv) { return abs(n.doubleValue - d) <= 1e-12 * max(1, abs(d)) }
        return false
    }
}
