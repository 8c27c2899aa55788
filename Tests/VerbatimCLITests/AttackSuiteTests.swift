import Foundation
import Testing
import VerbatimTestSupport
import ZIPFoundation

/// The attack suite of issue 17: hostile inputs generated at test time, each run through the built
/// binary under a time limit and an address-space limit (`ulimit -v`). Each must end in a clean error
/// naming the file (or a correct result): no signal, no time-out, no output left half-written, and, for
/// the inputs that once took quadratic time, a run on four times the input within a linear bound of the
/// run on the reference size.
@Suite(.serialized) struct AttackSuiteTests {
    /// Generous for a debug build on a loaded two-core machine; the crashes and hangs this suite guards
    /// against took minutes or gigabytes.
    static let limits = Binary.Limits(seconds: 120, memoryMB: 3072)

    /// A study folder with `files` (paths relative to it) and, unless given, a settings file and a
    /// one-theme codebook.
    func study(_ files: [String: Data], settings: String? = nil, codebook: String? = nil) throws -> URL {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("verbatim-attack-\(UUID().uuidString)")
        try fm.createDirectory(at: root.appendingPathComponent("transcripts"), withIntermediateDirectories: true)
        try (settings ?? "name: attack\nlanguage: fr\ntranscripts: transcripts\ncodebook: codebook.yaml\n")
            .write(to: root.appendingPathComponent("verbatim.yaml"), atomically: true, encoding: .utf8)
        try (codebook ?? "codebook: attack\nlanguage: fr\nthemes:\n  - id: peur\n    label: Peur\n    rules:\n      - any: [peur]\n")
            .write(to: root.appendingPathComponent("codebook.yaml"), atomically: true, encoding: .utf8)
        for (path, data) in files {
            let url = root.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return root
    }

    static let ordinary = Data("Enquêteur : Bonjour.\n\nMarie : J'avais peur d'internet.\n".utf8)

    /// Runs `args` in `root` under the limits and checks the common promises: no signal, no time-out,
    /// the expected exit code, and, on failure, an error line that starts with `errorPrefix`.
    @discardableResult
    func attack(_ args: [String], in root: URL, exit expected: Int32, errorPrefix: String? = nil,
                sourceLocation: SourceLocation = #_sourceLocation) throws -> Binary.LimitedResult {
        let run = try Binary.run(args, cwd: root, limits: Self.limits)
        let r = run.result
        #expect(!run.timedOut, "killed after \(Self.limits.seconds) s", sourceLocation: sourceLocation)
        #expect(!r.signalled, "ended by a signal (status \(r.code)): \(r.err.suffix(400))", sourceLocation: sourceLocation)
        #expect(r.code == expected, "exit \(r.code), expected \(expected): \(r.err.suffix(400))", sourceLocation: sourceLocation)
        if let errorPrefix {
            let lines = r.err.split(separator: "\n")
            #expect(lines.contains { $0.hasPrefix(errorPrefix) }, "no line starting '\(errorPrefix)' in: \(r.err.prefix(600))",
                    sourceLocation: sourceLocation)
            #expect(lines.allSatisfy { $0.count < 600 }, "one short line per error: \(r.err.prefix(600))", sourceLocation: sourceLocation)
        }
        return run
    }

    static func nested(_ depth: Int) -> String { String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }

    /// Nine levels of aliases, each repeating the previous one ten times: a billion nodes once expanded.
    static var aliasBomb: String {
        var s = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for k in 1...9 {
            s += "a\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        return s
    }

    // MARK: - Crashes once

    @Test func yamlNestedThousandsOfLevelsDeepIsRefusedWhereverItIs() throws {
        let deep = Self.nested(5000)
        let settings = try study(["transcripts/a.txt": Self.ordinary],
                                 settings: "name: attack\nlanguage: fr\ntranscripts: transcripts\ncodebook: codebook.yaml\nextra: \(deep)\n")
        defer { try? FileManager.default.removeItem(at: settings) }
        try attack(["check"], in: settings, exit: 1, errorPrefix: "verbatim.yaml:5:")

        let codebook = try study(["transcripts/a.txt": Self.ordinary],
                                 codebook: "codebook: attack\nlanguage: fr\nthemes: \(deep)\n")
        defer { try? FileManager.default.removeItem(at: codebook) }
        try attack(["code"], in: codebook, exit: 1, errorPrefix: "codebook.yaml:3:")

        let frontMatter = try study(["transcripts/a.txt": Self.ordinary,
                                     "transcripts/b.txt": Data("---\nsite: \(deep)\n---\n\nEnquêteur : Bonjour.\n\nMarie : peur.\n".utf8)])
        defer { try? FileManager.default.removeItem(at: frontMatter) }
        let r = try attack(["check"], in: frontMatter, exit: 1, errorPrefix: "transcripts/b.txt:2:")
        #expect(r.result.err.contains("nested too deeply"), "\(r.result.err.prefix(400))")
    }

    @Test func aliasBombsAreRefusedInEveryYAMLTheToolReads() throws {
        let inCodebook = try study(["transcripts/a.txt": Self.ordinary],
                                   codebook: Self.aliasBomb + "codebook: attack\nlanguage: fr\nthemes: []\n")
        defer { try? FileManager.default.removeItem(at: inCodebook) }
        let r = try attack(["codebook", "lint", "codebook.yaml"], in: inCodebook, exit: 1, errorPrefix: "codebook.yaml:")
        #expect(r.result.err.contains("alias"), "\(r.result.err.prefix(400))")
        #expect(r.seconds < 30, "refused before expanding: \(r.seconds) s")

        let inSettings = try study(["transcripts/a.txt": Self.ordinary],
                                   settings: Self.aliasBomb + "name: attack\nlanguage: fr\ntranscripts: transcripts\ncodebook: codebook.yaml\n")
        defer { try? FileManager.default.removeItem(at: inSettings) }
        try attack(["check"], in: inSettings, exit: 1, errorPrefix: "verbatim.yaml:")

        let inFrontMatter = try study(["transcripts/a.txt": Data(("---\n" + Self.aliasBomb + "---\n\nMarie : peur.\n").utf8)])
        defer { try? FileManager.default.removeItem(at: inFrontMatter) }
        try attack(["check"], in: inFrontMatter, exit: 1, errorPrefix: "transcripts/a.txt:")
    }

    @Test(arguments: [
        ("huge-hour.vtt", "WEBVTT\n\n99999999999999999999:00:01.000 --> 99999999999999999999:00:02.000\nMarie : peur.\n"),
        ("huge-hour.srt", "1\n99999999999999999999:00:01,000 --> 99999999999999999999:00:02,000\nMarie : peur.\n"),
        ("infinite.srt", "1\n00:00:01,000 --> 00:00:1e400,000\nMarie : peur.\n"),
        ("huge.sbv", "99999999999999999999:00:01.000,99999999999999999999:00:02.000\nMarie : peur.\n"),
    ])
    func absurdTimeStampsAreAnErrorOrIgnoredNeverATrap(_ name: String, _ text: String) throws {
        let root = try study(["transcripts/\(name)": Data(text.utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Binary.run(["transcripts", "transcripts/\(name)"], cwd: root, limits: Self.limits)
        #expect(!run.result.signalled, "\(run.result.err.prefix(300))")
        #expect(!run.timedOut)
        #expect(run.result.code == 0 || (run.result.code == 1 && run.result.err.contains("transcripts/\(name)")),
                "exit \(run.result.code): \(run.result.err.prefix(300))")
    }

    // MARK: - DOCX packages

    static func zip(_ entries: [(String, Data)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                                 provider: { pos, size in data.subdata(in: Int(pos)..<(Int(pos) + size)) })
        }
        return archive.data!
    }

    static func docx(_ documentXML: String, extra: [(String, Data)] = []) throws -> Data {
        let types = """
        <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
        """
        let rels = """
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
        """
        return try zip([("[Content_Types].xml", Data(types.utf8)), ("_rels/.rels", Data(rels.utf8)),
                        ("word/document.xml", Data(documentXML.utf8))] + extra)
    }

    static func paragraphs(_ texts: [String], doctype: String = "") -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\(doctype)<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
            + texts.map { "<w:p><w:r><w:t xml:space=\"preserve\">\($0)</w:t></w:r></w:p>" }.joined() + "</w:body></w:document>"
    }

    @Test func externalEntitiesNeverBringAFileIntoTheOutput() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-secret-\(UUID().uuidString).txt")
        try "TOPSECRET-\(UUID().uuidString)".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let doctype = "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file://\(secret.path)\">]>"
        let data = try Self.docx(Self.paragraphs(["Enquêteur : Bonjour.", "Marie : &xxe; peur."], doctype: doctype))
        let root = try study(["transcripts/xxe.docx": data])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Binary.run(["show", "xxe.docx"], cwd: root, limits: Self.limits)
        #expect(!run.result.signalled && !run.timedOut)
        let secretText = try String(contentsOf: secret, encoding: .utf8)
        #expect(!run.result.out.contains(secretText) && !run.result.err.contains(secretText), "the file's content leaked")
    }

    @Test func billionLaughsInADocxIsRefused() throws {
        var doctype = "<!DOCTYPE w:document [<!ENTITY l0 \"lol\">"
        for k in 1...9 { doctype += "<!ENTITY l\(k) \"" + String(repeating: "&l\(k - 1);", count: 10) + "\">" }
        doctype += "]>"
        let data = try Self.docx(Self.paragraphs(["Marie : &l9;"], doctype: doctype))
        let root = try study(["transcripts/lol.docx": data, "transcripts/a.txt": Self.ordinary])
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try attack(["check"], in: root, exit: 1, errorPrefix: "transcripts/lol.docx:")
        #expect(r.seconds < 60)
    }

    @Test func aZipBombIsRefusedAndTheOtherDocumentsAreRead() throws {
        // 200 MB of one letter in the main part: a few hundred kilobytes once deflated.
        let huge = Data(repeating: UInt8(ascii: "a"), count: 200 << 20)
        let data = try Self.zip([("word/document.xml", huge)])
        let root = try study(["transcripts/bomb.docx": data, "transcripts/a.txt": Self.ordinary])
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try attack(["check"], in: root, exit: 1, errorPrefix: "transcripts/bomb.docx:")
        #expect(r.result.out.contains("2 documents checked, 1 read: 1 error"), "the other document is read: \(r.result.out)")
        #expect(r.seconds < 60)
    }

    @Test func truncatedAndBitFlippedPackagesAreNamedForWhatTheyAre() throws {
        let good = try Self.docx(Self.paragraphs(["Enquêteur : Bonjour.", "Marie : " + String(repeating: "J'avais peur d'internet. ", count: 400)]))
        var flipped = good
        // Flip bits in the middle of the compressed main part.
        for k in stride(from: good.count / 2, to: good.count / 2 + 64, by: 3) { flipped[k] ^= 0x5A }
        let root = try study(["transcripts/cut.docx": good.prefix(good.count / 2), "transcripts/flipped.docx": flipped,
                              "transcripts/a.txt": Self.ordinary])
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try attack(["check"], in: root, exit: 1, errorPrefix: "transcripts/cut.docx:")
        let flippedLine = r.result.err.split(separator: "\n").first { $0.hasPrefix("transcripts/flipped.docx:") }
        #expect(flippedLine != nil, "\(r.result.err)")
        #expect(flippedLine.map { !$0.contains("bomb") } ?? true, "a damaged file is not a zip bomb: \(flippedLine ?? "")")
    }

    // MARK: - Privacy and study files

    @Test func anUnreadableNamesTableStopsEveryExport() throws {
        let root = try study(["transcripts/a.txt": Data("Enquêteur : Bonjour.\n\nMarie Dubreuil : J'avais peur d'internet.\n".utf8),
                              "names.csv": Data("name,pseudonym\n\"Marie Dubreuil,Senior 01\n".utf8)],
                             settings: "name: attack\nlanguage: fr\ntranscripts: transcripts\ncodebook: codebook.yaml\nnames: names.csv\n")
        defer { try? FileManager.default.removeItem(at: root) }
        for (args, file) in [(["excerpts", "--theme", "peur", "-o", "out.csv"], "out.csv"), (["report", "-o", "report.html"], "report.html")] {
            let r = try attack(args, in: root, exit: 1, errorPrefix: "names.csv:")
            #expect(!r.result.out.contains("Dubreuil"))
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(file).path), "no output when names cannot be read")
        }
    }

    @Test func duplicateKeysInTheSettingsAreRefused() throws {
        let root = try study(["transcripts/a.txt": Self.ordinary],
                             settings: "name: attack\nlanguage: fr\ntranscripts: transcripts\ntranscripts: elsewhere\ncodebook: codebook.yaml\n")
        defer { try? FileManager.default.removeItem(at: root) }
        try attack(["check"], in: root, exit: 1, errorPrefix: "verbatim.yaml:4:")
    }

    @Test func unclosedFrontMatterIsDiagnosed() throws {
        let root = try study(["transcripts/a.txt": Data("---\nsite: rural\n\nEnquêteur : Bonjour.\n\nMarie : J'avais peur.\n".utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        // A warning: the text is still read (a transcript may begin with a rule of dashes), but the
        // researcher learns that the attributes meant for it were not taken.
        let r = try attack(["check"], in: root, exit: 0)
        let line = r.result.err.split(separator: "\n").first { $0.hasPrefix("transcripts/a.txt:1: warning:") }
        #expect(line?.contains("'---'") == true, "\(r.result.err)")
    }

    @Test func utf16WithoutAByteOrderMarkAndABinaryTableAreNamedForWhatTheyAre() throws {
        var utf16 = Data()
        for unit in "Enquêteur : Bonjour.\n\nMarie : J'avais peur.\n".utf16 { utf16.append(UInt8(unit & 0xFF)); utf16.append(UInt8(unit >> 8)) }
        let root = try study(["transcripts/utf16.txt": utf16, "transcripts/a.txt": Self.ordinary,
                              "cases.csv": Data([0x00, 0x01, 0xFF, 0xFE, 0x00, 0x89, 0x50, 0x4E, 0x47, 0x00])],
                             settings: "name: attack\nlanguage: fr\ntranscripts: transcripts\ncodebook: codebook.yaml\ncases: cases.csv\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Binary.run(["check"], cwd: root, limits: Self.limits)
        #expect(!run.result.signalled && !run.timedOut)
        #expect(run.result.code == 1)
        let lines = run.result.err.split(separator: "\n")
        let utf16Line = lines.first { $0.hasPrefix("transcripts/utf16.txt") }
        #expect(utf16Line.map { !$0.contains("binary") } ?? true, "UTF-16 is not binary data: \(run.result.err)")
        let casesLine = lines.first { $0.hasPrefix("cases.csv") }
        #expect(casesLine != nil, "\(run.result.err)")
        #expect(casesLine.map { !$0.contains("transcript") } ?? true, "a table is not a transcript: \(casesLine ?? "")")
    }

    // MARK: - Time linear in the input

    /// An input that once took quadratic time: a file, the command run on it, a generator of about `n`
    /// units, and what the output must show for `n` (so that a fast run is also a correct one).
    struct Growing: Sendable {
        var name: String
        var file: String
        var args: [String]
        var generate: @Sendable (Int) -> String
        var expect: @Sendable (Int, Binary.Result) -> Bool
    }

    static let growing: [Growing] = [
        Growing(name: "turns on single newlines", file: "lines.txt", args: ["transcripts", "transcripts/lines.txt"],
                generate: { n in (0..<n).map { $0 % 2 == 0 ? "Enquêteur : question \($0) ?\n" : "Marie : réponse \($0).\n" }.joined() },
                expect: { n, r in r.out.contains("1 document, \(n) turns") }),
        Growing(name: "one long multi-line paragraph", file: "para.txt", args: ["transcripts", "transcripts/para.txt"],
                generate: { n in (0..<n).map { "ligne \($0) d'un long paragraphe sans ligne vide\n" }.joined() },
                expect: { n, r in r.out.contains("1 document, 1 turn, \(n * 8) words") }),
        Growing(name: "SBV without blank lines", file: "cues.sbv", args: ["transcripts", "transcripts/cues.sbv"],
                generate: { n in "0:00:01.000,0:00:02.000\n" + (0..<n).map { "texte du sous-titre \($0)\n" }.joined() },
                expect: { n, r in r.out.contains("1 document, 1 turn, \(n * 4) words") }),
        Growing(name: "VTT cue of '<' without '>'", file: "brackets.vtt", args: ["transcripts", "transcripts/brackets.vtt"],
                generate: { n in "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + String(repeating: "a< ", count: n) + "\n" },
                expect: { n, r in r.out.contains("1 document, 1 turn, \(n) words") }),
        // Every coding exported: one CSV row per hit of the long turn, sorted by position.
        Growing(name: "one very long turn, every coding exported", file: "long.txt", args: ["code", "--format", "csv"],
                generate: { n in "Enquêteur : bonjour ?\n\nMarie : oui.\n\nEnquêteur : et ?\n\nMarie : "
                    + String(repeating: "peur confiance internet ", count: n) + "\n\nEnquêteur : merci.\n\nMarie : au revoir.\n" },
                expect: { n, r in r.out.split(separator: "\n").count == n + 1 }),
        // Recognised speaker labels (each frequent one speaks three times) and as many rare labels one
        // letter away: the misspelt-label check once compared every pair.
        Growing(name: "frequent and misspelt speaker labels, checked", file: "labels.txt", args: ["check"],
                generate: { n in (0..<(n / 32)).map { k in
                    let name = "Marie Dupont" + String(k, radix: 26).uppercased()
                    return String(repeating: "Enquêteur : question ?\n\n\(name) : oui.\n\n", count: 3) + "\(name)x : non.\n\n"
                }.joined() },
                expect: { _, r in r.err.contains("looks like a typo of 'Marie Dupont") && r.err.contains("more speaker labels look like typos") }),
        Growing(name: "speaker labels that are not labels, checked", file: "near.txt", args: ["check"],
                generate: { n in (0..<n).map { "Personne \($0) : bonjour.\n\n" }.joined() },
                expect: { _, r in r.err.contains("1 document checked, 1 read") || r.out.contains("1 document checked, 1 read") }),
    ]

    @Test(arguments: 0..<7)
    func fourTimesTheInputTakesAtMostAboutFourTimesTheTime(_ index: Int) throws {
        let c = Self.growing[index]
        let base = 20_000
        func timed(_ n: Int) throws -> Double {
            let root = try study(["transcripts/\(c.file)": Data(c.generate(n).utf8)])
            defer { try? FileManager.default.removeItem(at: root) }
            let run = try attack(c.args, in: root, exit: 0)
            #expect(c.expect(n, run.result), "\(c.name), \(n) units: \(run.result.out.suffix(300)) \(run.result.err.suffix(300))")
            return run.seconds
        }
        // The best of two runs at each size, so that a pause of the machine does not decide.
        let small = min(try timed(base), try timed(base))
        let large = min(try timed(base * 4), try timed(base * 4))
        // Linear time gives about 4x (less, with the start-up cost); quadratic time gives about 16x.
        // The bound leaves room for noise and still fails on quadratic growth of any weight.
        print("attack suite: \(c.name): \(base) units \(small) s, \(base * 4) units \(large) s")
        #expect(large <= 7 * small + 1.0, "\(c.name): \(base) units \(small) s, \(base * 4) units \(large) s")
    }

    /// A rule that backtracks catastrophically is stopped after work proportional to its turn's length:
    /// a turn four times longer costs at most about four times more before the document is refused.
    @Test func aBacktrackingRuleIsStoppedInTimeLinearInTheText() throws {
        let codebook = "codebook: attack\nlanguage: fr\nthemes:\n  - id: danger\n    label: Danger\n    rules:\n      - any: ['re:(a+)+$']\n"
        func timed(_ length: Int) throws -> Double {
            let text = "Enquêteur : Bonjour.\n\nMarie : " + String(repeating: "a", count: length) + "b\n"
            let root = try study(["transcripts/redos.txt": Data(text.utf8), "transcripts/a.txt": Self.ordinary], codebook: codebook)
            defer { try? FileManager.default.removeItem(at: root) }
            return try attack(["code"], in: root, exit: 1, errorPrefix: "transcripts/redos.txt:3:").seconds
        }
        let small = min(try timed(5_000), try timed(5_000))
        let large = min(try timed(20_000), try timed(20_000))
        print("attack suite: (a+)+$ on 5,000 a's \(small) s, on 20,000 \(large) s")
        #expect(large <= 7 * small + 1.0, "5,000 a's \(small) s, 20,000 a's \(large) s")
    }
}
