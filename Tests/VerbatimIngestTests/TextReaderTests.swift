import Foundation
import Testing
import VerbatimModel
@testable import VerbatimIngest

@Suite struct TextReaderTests {
    @Test func utf8WithBOMAndCRLF() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Enquêtrice : Bonjour\r\n\r\nMme Martin : Oui\r\n".utf8)
        let doc = try TextReader.read(data: Data(bytes), path: "a.txt")
        #expect(doc.paragraphs.map(\.text) == ["Enquêtrice : Bonjour", "Mme Martin : Oui"])
        #expect(doc.paragraphs.map(\.line) == [1, 3])
        #expect(doc.diagnostics.isEmpty)
    }

    @Test func oldMacLineEnds() throws {
        let doc = try TextReader.read(data: Data("a\rb\r\rc".utf8), path: "a.txt")
        #expect(doc.paragraphs.map(\.text) == ["a\nb", "c"])
    }

    @Test func windows1252IsDecodedWithAWarning() throws {
        // "Enquêtrice : J’ai peur" in Windows-1252: ê = 0xEA, ’ = 0x92.
        var bytes = Array("Enqu".utf8) + [0xEA] + Array("trice : J".utf8) + [0x92] + Array("ai peur".utf8)
        bytes += Array("\n".utf8)
        let doc = try TextReader.read(data: Data(bytes), path: "cp.txt")
        #expect(doc.paragraphs.first?.text == "Enquêtrice : J’ai peur")
        #expect(doc.diagnostics.count == 1)
        #expect(doc.diagnostics.first?.severity == .warning)
        #expect(doc.diagnostics.first?.description.hasPrefix("cp.txt: warning: not UTF-8") == true)
    }

    @Test func invalidUTF8ThatIsNotWindows1252IsAnError() throws {
        // 0x81 is undefined in Windows-1252, and a lone continuation byte is not UTF-8.
        let bytes: [UInt8] = Array("ligne un\nligne ".utf8) + [0x81] + Array(" deux".utf8)
        #expect(throws: IngestError("bad.txt", line: 2, "invalid UTF-8 (byte 0x81)")) {
            try TextReader.read(data: Data(bytes), path: "bad.txt")
        }
    }

    @Test func binaryAndEmptyFilesAreErrors() throws {
        #expect(throws: IngestError("e.txt", "empty file")) { try TextReader.read(data: Data(), path: "e.txt") }
        #expect(throws: IngestError("b.txt", line: 1, "binary data (a NUL byte), not a text transcript")) {
            try TextReader.read(data: Data([0x41, 0x00, 0x42]), path: "b.txt")
        }
        #expect(throws: IngestError("w.txt", "no text (the file holds only white space)")) {
            try TextReader.read(data: Data(" \n\t\n".utf8), path: "w.txt")
        }
    }

    @Test func decomposedAccentsAreComposed() throws {
        let decomposed = "Enque\u{0302}trice : e\u{0301}coute"
        let doc = try TextReader.read(data: Data(decomposed.utf8), path: "nfd.txt")
        #expect(doc.paragraphs[0].text == "Enquêtrice : écoute")
        #expect(doc.paragraphs[0].text.unicodeScalars.count == "Enquêtrice : écoute".unicodeScalars.count)
    }

    @Test func softHyphensAreDropped() throws {
        let doc = try TextReader.read(data: Data("numé\u{00AD}rique".utf8), path: "s.txt")
        #expect(doc.paragraphs[0].text == "numérique")
    }

    @Test func frontMatterIsKeptApart() throws {
        let doc = try TextReader.read(data: Data("---\ngroup: senior\nwave: 2\n---\nE : Bonjour\n".utf8), path: "f.md", format: .markdown)
        #expect(doc.frontMatter == "group: senior\nwave: 2")
        #expect(doc.paragraphs.map(\.text) == ["E : Bonjour"])
        #expect(doc.paragraphs[0].line == 5)
    }

    @Test func missingPathAndFolderAreErrors() throws {
        let dir = FileManager.default.temporaryDirectory
        #expect(throws: IngestError("nope.txt", "no such file")) {
            try TranscriptReader.read(url: dir.appendingPathComponent("verbatim-no-such-file.txt"), path: "nope.txt")
        }
        let folder = dir.appendingPathComponent("verbatim-folder-\(getpid()).txt")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: IngestError("f.txt", "is a folder, not a transcript file")) {
            try TranscriptReader.read(url: folder, path: "f.txt")
        }
    }
}
