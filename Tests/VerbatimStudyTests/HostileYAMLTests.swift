import Foundation
import Testing
import VerbatimModel
import VerbatimIngest
@testable import VerbatimStudy

/// Hostile study files and subtitles (issue 17): each is refused with one line naming the file and
/// line, or read correctly, and nothing crashes.
@Suite struct HostileYAMLTests {
    static func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test func deeplyNestedStudySettingsAreRefused() throws {
        let deep = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        let dir = try makeStudy(config: "name: Test\nlanguage: fr\nextra: \(deep)\n", files: ["transcripts/a.txt": interview])
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try #require(Self.message { _ = try Study(root: dir) })
        #expect(m.contains("verbatim.yaml:3"), "\(m)")
        #expect(m.contains("nested too deeply"), "\(m)")
    }

    @Test func anAliasBombIsRefusedQuickly() throws {
        var yaml = "name: Test\nlanguage: fr\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 {
            yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let dir = try makeStudy(config: yaml, files: ["transcripts/a.txt": interview])
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try #require(Self.message { _ = try Study(root: dir) })
        #expect(m.contains("verbatim.yaml"), "\(m)")
        #expect(m.contains("alias"), "\(m)")
    }

    @Test func duplicateKeysInTheStudySettingsAreRefused() throws {
        let dir = try makeStudy(config: "name: Test\nname: Autre\nlanguage: fr\n", files: ["transcripts/a.txt": interview])
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try #require(Self.message { _ = try Study(root: dir) })
        #expect(m.contains("verbatim.yaml:2"), "\(m)")
        #expect(m.contains("duplicate key 'name'"), "\(m)")
    }

    @Test func aTimeStampPastAnyRecordingIsAnErrorNotACrash() throws {
        for (format, text) in [(SourceFormat.vtt, "WEBVTT\n\n99999999999999999999:00:00.000 --> 99999999999999999999:00:01.000\n<v Anne>Bonjour.\n"),
                               (.srt, "1\n99999999999999999999:00:00,000 --> 99999999999999999999:00:01,000\nBonjour.\n")] {
            let m = try #require(Self.message { _ = try SubtitleReader.read(data: Data(text.utf8), path: "x.\(format.rawValue)", format: format) })
            #expect(m.contains("x.\(format.rawValue):"), "\(m)")
            #expect(m.contains("out of range"), "\(m)")
        }
        // An ordinary time stamp still reads.
        let ok = try SubtitleReader.read(data: Data("WEBVTT\n\n01:02:03.500 --> 01:02:05.000\n<v Anne>Bonjour.\n".utf8), path: "ok.vtt", format: .vtt)
        #expect(!ok.paragraphs.isEmpty)
    }

    @Test func utf16WithoutAByteOrderMarkIsDecoded() throws {
        let text = "Enquêtrice : Bonjour, comment ça va ?\n\nMme Martin : Très bien, merci.\n"
        for encoding in [String.Encoding.utf16LittleEndian, .utf16BigEndian] {
            let data = try #require(text.data(using: encoding))
            #expect(data.prefix(2) != Data([0xFF, 0xFE]) && data.prefix(2) != Data([0xFE, 0xFF]), "no BOM in the test input")
            let decoded = try TextDecoder.decode(data, path: "u16.txt")
            #expect(decoded.text == text)
        }
    }
}

/// The misspelt-label check stays bounded whatever a document holds (issue 17).
@Suite struct SpeakerTypoBoundTests {
    static func facts(_ text: String) throws -> [Diagnostic] {
        let dir = try makeStudy(files: ["transcripts/a.txt": text, "cases.csv": "document,group\na.txt,senior\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let study = try Study(root: dir)
        let corpus = Corpus(study: study, paths: [])
        return corpus.map { e, r in StudyChecker.facts(e, r, study: study) }.flatMap(\.diagnostics)
    }

    @Test func manyMisspeltLabelsGiveTwentyWarningsAndACount() throws {
        // Thirty one-turn labels one letter away from a frequent one ("Axbertine" beside "Albertine" × 3).
        let names = ["Albertine", "Bernadette", "Capucine", "Delphine", "Eugenie", "Fernande", "Georgette", "Huguette",
                     "Isabelle", "Josephine", "Lucienne", "Marguerite", "Nicolette", "Odette", "Paulette", "Raymonde",
                     "Simone", "Therese", "Ursule", "Violette", "Yvonne", "Zephirine", "Armand", "Bertrand", "Clement",
                     "Dominique", "Edmond", "Francis", "Gaston", "Hippolyte"]
        var turns: [String] = []
        for name in names {
            turns += Array(repeating: "\(name) : Oui.", count: 3)
            var typo = Array(name)
            typo[1] = "x"
            turns.append("\(String(typo)) : Non.")
        }
        turns.append("Enquêtrice : Merci.")
        let d = try Self.facts(turns.joined(separator: "\n\n"))
        let typos = d.filter { $0.message.contains("looks like a typo") }
        #expect(typos.count == 20)
        #expect(d.contains { $0.message.range(of: #"^\d+ more speaker labels look like typos"#, options: .regularExpression) != nil }, "\(d.map(\.message))")
    }

    @Test func thousandsOfLabelsSkipTheCheckWithANote() throws {
        var turns: [String] = []
        for i in 0..<5_100 { turns.append("Personne\(i) : Oui.") }
        for i in 0..<5_100 { turns += Array(repeating: "Voix\(i) : Non.", count: 3) }
        let d = try Self.facts(turns.joined(separator: "\n\n"))
        #expect(!d.contains { $0.message.contains("looks like a typo") })
        #expect(d.contains { $0.message.contains("the check for misspelt labels is skipped above 5000") }, "\(d.map(\.message).prefix(5))")
    }

    @Test func eachMisspeltLabelIsMatchedToItsClosestFrequentLabelThroughTheIndex() {
        let frequent = [Speaker(label: "Marie Dupont", role: .participant, turns: 9),
                        Speaker(label: "Marie Dupond", role: .participant, turns: 3),
                        Speaker(label: "Enquêtrice", role: .interviewer, turns: 12),
                        Speaker(label: "Jo", role: .participant, turns: 5)]
        let rare = [Speaker(label: "Marie Dupontt", role: .participant, turns: 1),   // 1 edit from Dupont, 2 from Dupond
                    Speaker(label: "Enquetrise", role: .participant, turns: 1),      // accents fold; 1 edit
                    Speaker(label: "Mrie Dpont", role: .participant, turns: 1),      // 2 deletions
                    Speaker(label: "Marie Martin", role: .participant, turns: 1),    // far from all: no
                    Speaker(label: "Jo2", role: .participant, turns: 2)]             // "Jo" is too short to compare
        let found = StudyChecker.typos(rare: rare, frequent: frequent).map { "\($0.0.label)>\($0.1.label)" }
        #expect(found == ["Marie Dupontt>Marie Dupont", "Enquetrise>Enquêtrice", "Mrie Dpont>Marie Dupont"])
        // Brute force over every pair agrees with the index on a generated set.
        var big: [Speaker] = [], small: [Speaker] = []
        for k in 0..<300 {
            big.append(Speaker(label: "Voix \(k * 7)", role: .participant, turns: 3 + k % 4))
            small.append(Speaker(label: "Voix \(k * 7 + (k % 3 == 0 ? 1 : 0))x", role: .participant, turns: 1))
        }
        let indexed = StudyChecker.typos(rare: small, frequent: big).map { $0.0.label }
        let brute = small.filter { a in
            let fa = SpeakerRules.fold(a.label)
            return big.contains { b in
                let fb = SpeakerRules.fold(b.label)
                let allowed = min(fa.count, fb.count) >= 6 ? 2 : 1
                let d = StudyChecker.editDistance(fa, fb)
                return b.turns >= 3 * a.turns && d > 0 && d <= allowed
            }
        }.map(\.label)
        #expect(indexed == brute)
        #expect(!indexed.isEmpty)
    }
}
