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
