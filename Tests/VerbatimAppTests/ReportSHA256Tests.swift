import Foundation
import Testing
import VerbatimApp
import VerbatimModel

/// SHA-256 against the FIPS 180-2 / NIST test vectors, and the input fingerprint built on it.
@Suite struct ReportSHA256Tests {
    @Test func knownVectors() {
        let vectors: [(String, String)] = [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
            ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
             "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
            ("The quick brown fox jumps over the lazy dog", "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"),
        ]
        for (input, hex) in vectors { #expect(SHA256.hexDigest(of: Array(input.utf8)) == hex, "\(input)") }
    }

    @Test func oneMillionAs() {
        var h = SHA256()
        let chunk = [UInt8](repeating: 0x61, count: 1000)
        for _ in 0..<1000 { h.update(chunk) }
        #expect(h.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func piecesOfAnySizeGiveTheSameDigest() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = SHA256.hexDigest(of: bytes)
        for size in [1, 3, 63, 64, 65, 127, 500] {
            var h = SHA256()
            var i = 0
            while i < bytes.count {
                h.update(bytes[i..<min(i + size, bytes.count)])
                i += size
            }
            #expect(h.hexDigest() == whole, "pieces of \(size)")
        }
        // Lengths around the padding boundary (55, 56, 64 bytes) differ from each other.
        let digests = Set([55, 56, 63, 64, 119, 120].map { SHA256.hexDigest(of: bytes.prefix($0)) })
        #expect(digests.count == 6)
    }

    @Test func fingerprintFollowsContentNamesAndOrder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-report-fp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String, _ text: String) throws -> URL {
            let u = dir.appendingPathComponent(name)
            try Data(text.utf8).write(to: u)
            return u
        }
        let a = try file("a.txt", "E : Bonjour.\n\nR : Bonjour.\n")
        let b = try file("b.txt", "E : Oui ?\n\nR : Non.\n")
        let book = try file("codebook.yaml", "codebook: x\n")
        let cases = try file("cases.csv", "document,group\na.txt,A\n")
        let base = try InputFingerprint.compute(transcripts: [("b.txt", b), ("a.txt", a)], codebook: book, tables: [("cases.csv", cases)])
        #expect(base.sha256.count == 64)
        #expect(base.transcripts == 2)
        #expect(base.otherInputs == ["codebook.yaml", "cases.csv"])
        #expect(base.inputs.map(\.name) == ["a.txt", "b.txt", "codebook.yaml", "cases.csv"])
        // The order given does not matter (transcripts are sorted); the bytes hashed are the framed files.
        let again = try InputFingerprint.compute(transcripts: [("a.txt", a), ("b.txt", b)], codebook: book, tables: [("cases.csv", cases)])
        #expect(again == base)
        var framed: [UInt8] = []
        for (kind, name, url) in [("transcript", "a.txt", a), ("transcript", "b.txt", b), ("codebook", "codebook.yaml", book), ("table", "cases.csv", cases)] {
            let data = try Data(contentsOf: url)
            framed += Array("\(kind)\t\(name)\t\(data.count)\n".utf8) + Array(data)
        }
        #expect(base.sha256 == SHA256.hexDigest(of: framed))
        // One byte changed, a renamed document, a missing table: all different.
        _ = try file("b.txt", "E : Oui ?\n\nR : Non!\n")
        let edited = try InputFingerprint.compute(transcripts: [("a.txt", a), ("b.txt", b)], codebook: book, tables: [("cases.csv", cases)])
        let renamed = try InputFingerprint.compute(transcripts: [("a.txt", a), ("c.txt", b)], codebook: book, tables: [("cases.csv", cases)])
        let noTable = try InputFingerprint.compute(transcripts: [("a.txt", a), ("b.txt", b)], codebook: book, tables: [])
        #expect(Set([base.sha256, edited.sha256, renamed.sha256, noTable.sha256]).count == 4)
        #expect(throws: ReportError.self) {
            try InputFingerprint.compute(transcripts: [("z.txt", dir.appendingPathComponent("z.txt"))], codebook: nil, tables: [])
        }
    }
}
