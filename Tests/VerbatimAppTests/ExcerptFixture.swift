import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCodebook
import VerbatimApp

/// A small French study for the excerpt tests, written to a fresh temporary folder: three interviews
/// and a focus group, a case table, a participants table and a names table.
enum ExcerptFixture {
    /// The real names of the fixture: none may appear in a pseudonymised export.
    static let realNames = ["Martin", "Jeannine", "Durand", "Claire", "Dubreuil", "Lola", "Inès", "Théo", "Jacqueline", "Roche"]

    static let files: [String: String] = [
        "verbatim.yaml": """
        name: Fixture
        language: fr
        speakers:
          interviewers: [Enquêtrice, Animatrice]
        names: names.csv
        """,
        "names.csv": """
        name,pseudonym
        Mme Martin,Senior 01
        Jeannine Martin,Senior 01
        M. Durand,Senior 02
        Claire,Enquêtrice A
        Claire Dubreuil,Enquêtrice A
        Lola,Petite-fille de Senior 01
        Inès,Volontaire 1
        Théo,Volontaire 2
        """,
        "cases.csv": """
        document,group,territory,context,wave,interviewer
        S01-martin.txt,senior,Lyon 8e,urbain,3-6 mois,Claire Dubreuil
        S02-durand.txt,senior,Guéret,rural,12 mois,Claire Dubreuil
        P01-mairie.txt,partenaire,Guéret,rural,12 mois,Claire Dubreuil
        FG1.txt,volontaire,Lyon 8e,urbain,3-6 mois,
        """,
        "participants.csv": """
        document,speaker,gender
        FG1.txt,Inès,F
        FG1.txt,Théo,M
        FG1.txt,Jacqueline,F
        """,
        "transcripts/S01-martin.txt": """
        Enquêtrice : Bonjour Mme Martin. Vous aviez peur d'internet ?

        Mme Martin : Oh oui, j'avais peur. Peur des arnaques surtout, Claire, vous savez.

        Enquêtrice : Et votre petite-fille ?

        Mme Martin : Lola m'appelle en visio le dimanche. Une réponse claire, Jeannine Martin est contente.

        Enquêtrice : Et la connexion ?

        Mme Martin : Le réseau passe mal dans la cuisine.
        """,
        "transcripts/S02-durand.txt": """
        Enquêtrice : Bonjour M. Durand.

        M. Durand : Bonjour. Ici le réseau, c'est une catastrophe, une zone blanche.

        Enquêtrice : Et internet, ça vous fait peur ?

        M. Durand : Un peu peur des arnaques, oui.
        """,
        "transcripts/P01-mairie.txt": """
        Enquêtrice : Bonjour.

        Mme Roche : Les gens ont peur. Les personnes âgées ont peur de se faire arnaquer.

        Enquêtrice : Et le réseau ?

        Mme Roche : Le réseau est mauvais ici.
        """,
        "transcripts/FG1.txt": """
        Animatrice : Parlez-moi des seniors.

        Inès : Mme Martin avait peur au début.

        Théo : Mon senior fait des visios avec ses petits-enfants.

        Jacqueline : Moi, j'ai peur pour eux, avec les arnaques.

        Théo : Oui.

        Jacqueline : Voilà.
        """,
    ]

    static let codebook = """
    codebook: fixture
    title: Fixture
    language: fr
    themes:
      - id: peur
        label: Peur d'internet
        definition: La personne dit craindre internet.
        rules:
          - any: [peur]
        themes:
          - id: peur-arnaque
            label: Peur des arnaques
            definition: Arnaques.
            rules:
              - any: ["arnaqu*"]
      - id: reseau
        label: Réseau
        definition: Couverture du réseau.
        rules:
          - any: [réseau, zone blanche]
      - id: famille
        label: Famille et visio
        definition: Appels vidéo.
        rules:
          - any: [visio, petits-enfants]
    """

    /// Writes the study to a new temporary folder and returns it.
    static func makeFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-excerpts-\(UUID().uuidString)")
        for (name, content) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((content + "\n").utf8).write(to: url)
        }
        try Data((codebook + "\n").utf8).write(to: dir.appendingPathComponent("codebook.yaml"))
        return dir
    }

    /// The fixture study, coded with its codebook, texts kept.
    static func coded() throws -> (Study, CodedStudy, URL) {
        let dir = try makeFolder()
        let study = try Study(root: dir)
        let (book, _) = try CodebookLoader.parseYAML(codebook, path: "codebook.yaml")
        return (study, StudyPipeline.run(study: study, codebook: book, keepText: true), dir)
    }
}
