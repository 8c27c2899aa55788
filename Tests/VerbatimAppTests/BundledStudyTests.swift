import Foundation
import Testing
import VerbatimModel
import VerbatimStudy
import VerbatimCodebook
import VerbatimAnalysis
@testable import VerbatimApp

/// The answer key of the bundled study (Corpora/les-connectes/README.md): `stats` and `matrix` must find
/// the direction of each pattern the corpus was written to carry.
@Suite(.serialized) struct BundledStudyTests {
    static let root: URL = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return dir
    }()

    static let coded: CodedStudy = {
        let study = try! Study(root: root.appendingPathComponent("Corpora/les-connectes"))
        let (codebook, _) = try! CodebookLoader.load(url: root.appendingPathComponent("Codebooks/les-connectes.yaml"), path: "les-connectes.yaml")
        return StudyPipeline.run(study: study, codebook: codebook)
    }()

    /// n/N of `theme` among the participant units whose attributes match `values` (group, then the other attribute).
    func share(_ table: FrequencyTable, _ theme: String, _ values: [String]) throws -> (n: Int, base: Int) {
        let row = try #require(table.rows.first { $0.theme.id == theme }, "no theme \(theme)")
        let index = try #require(table.groups.firstIndex { $0.values == values }, "no group \(values) in \(table.groups.map(\.values))")
        return (row.cells[index].n, row.cells[index].base)
    }

    func ratio(_ x: (n: Int, base: Int)) -> Double { x.base == 0 ? 0 : Double(x.n) / Double(x.base) }

    @Test func theStudyReadsWhole() {
        #expect(Self.coded.documents.count == 30)
        #expect(Self.coded.diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(Self.coded.codings.count > 500)
    }

    @Test func fearOfTheInternetFallsBetweenWavesAndConfidenceRises() throws {
        let t = try Self.coded.frequencies(by: ["group", "wave"])
        let fearEarly = try share(t, "peur-internet", ["senior", "3-6 mois"])
        let fearLate = try share(t, "peur-internet", ["senior", "12 mois"])
        #expect(ratio(fearEarly) > ratio(fearLate) + 0.3, "fear \(fearEarly) vs \(fearLate)")
        let confEarly = try share(t, "confiance-apaisee", ["senior", "3-6 mois"])
        let confLate = try share(t, "confiance-apaisee", ["senior", "12 mois"])
        #expect(ratio(confLate) > ratio(confEarly), "confidence \(confEarly) vs \(confLate)")
    }

    @Test func ruralSeniorsRaiseCoverageAndDistance() throws {
        let t = try Self.coded.frequencies(by: ["group", "context"])
        for theme in ["couverture-reseau", "distance-services"] {
            let rural = ratio(try share(t, theme, ["senior", "rural"]))
            #expect(rural >= 0.5, "\(theme) rural \(rural)")
            #expect(rural > ratio(try share(t, theme, ["senior", "urbain"])) + 0.3)
            #expect(rural > ratio(try share(t, theme, ["senior", "périurbain"])) + 0.3)
        }
    }

    @Test func seniorsDoMoreAloneAtTwelveMonths() throws {
        let t = try Self.coded.frequencies(by: ["group", "wave"])
        for theme in ["demarches-seul", "autonomie", "sante-en-ligne"] {
            let early = ratio(try share(t, theme, ["senior", "3-6 mois"]))
            let late = ratio(try share(t, theme, ["senior", "12 mois"]))
            #expect(late > early, "\(theme): \(early) vs \(late)")
        }
    }

    @Test func volunteersTalkOrientationInTheSecondWave() throws {
        let t = try Self.coded.frequencies(by: ["group", "wave"])
        let early = ratio(try share(t, "vol-orientation", ["volontaire", "3-6 mois"]))
        let late = ratio(try share(t, "vol-orientation", ["volontaire", "12 mois"]))
        #expect(late > early + 0.3, "orientation \(early) vs \(late)")
        let difficultiesEarly = ratio(try share(t, "vol-difficultes", ["volontaire", "3-6 mois"]))
        let difficultiesLate = ratio(try share(t, "vol-difficultes", ["volontaire", "12 mois"]))
        #expect(difficultiesEarly > difficultiesLate)
    }

    @Test func partnersWorryAboutContinuity() throws {
        let t = try Self.coded.frequencies(by: ["group"])
        let partners = try share(t, "continuite-inquietude", ["partenaire"])
        #expect(partners.base == 6)
        #expect(partners.n >= 4, "continuity worry \(partners)")
        #expect(ratio(partners) > ratio(try share(t, "continuite-inquietude", ["senior"])))
    }

    @Test func theMatrixShowsTheWaveContrastWithItsTest() throws {
        let seniors = Self.coded.documents.filter { $0.attributes["group"] == "senior" }.map(\.document)
        var sub = Self.coded
        sub.documents = sub.documents.filter { seniors.contains($0.document) }
        let m = try sub.matrix(columns: ["wave"])
        let row = try #require(m.rows.first { $0.theme.id == "peur-internet" })
        let early = try #require(m.columns.firstIndex { $0.values == ["3-6 mois"] })
        let late = try #require(m.columns.firstIndex { $0.values == ["12 mois"] })
        #expect(row.cells[early].participants.count > row.cells[late].participants.count)
        #expect(row.association.pValue < 0.05, "p = \(row.association.pValue)")
    }
}
