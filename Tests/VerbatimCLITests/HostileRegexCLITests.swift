import Foundation
import Testing
import VerbatimTestSupport

/// A codebook rule whose regular expression backtracks catastrophically on one document: every command
/// that codes stops it on that document, names the file, the line and the rule, exits 1, and codes the
/// other documents (issue 17). Before, `(a+)+$` on 64 a's and a b ran for minutes.
@Suite struct HostileRegexCLITests {
    /// A small English study: `bad.txt` holds the hostile turn on line 5, `good.txt` is ordinary.
    func study() throws -> URL {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("verbatim-redos-\(UUID().uuidString)")
        try fm.createDirectory(at: root.appendingPathComponent("transcripts"), withIntermediateDirectories: true)
        try "name: redos\nlanguage: en\ntranscripts: transcripts\ncodebook: codebook.yaml\n"
            .write(to: root.appendingPathComponent("verbatim.yaml"), atomically: true, encoding: .utf8)
        try """
        codebook: redos
        language: en
        themes:
          - id: danger
            label: Danger
            rules:
              - any: ['re:(a+)+$']
          - id: fine
            label: Fine
            rules:
              - any: [internet]

        """.write(to: root.appendingPathComponent("codebook.yaml"), atomically: true, encoding: .utf8)
        let hostile = String(repeating: "a", count: 64) + "b"
        try "Interviewer: Hello.\n\nAlice: I like the internet.\n\nAlice: \(hostile)\n\nAlice: The internet again.\n"
            .write(to: root.appendingPathComponent("transcripts/bad.txt"), atomically: true, encoding: .utf8)
        try "Interviewer: Hello.\n\nBob: The internet, aaa\n\nInterviewer: And?\n\nBob: Yes.\n"
            .write(to: root.appendingPathComponent("transcripts/good.txt"), atomically: true, encoding: .utf8)
        return root
    }

    static let expected = "transcripts/bad.txt:5: error: the codebook's regular expression 're:(a+)+$' (theme 'danger') takes too long on this text"

    @Test(arguments: [["code"], ["code", "--format", "csv"], ["code", "--format", "json"], ["excerpts", "--theme", "fine"], ["index"]])
    func theDocumentIsRefusedWithItsRuleAndTheOthersAreCoded(_ args: [String]) throws {
        let root = try study()
        defer { try? FileManager.default.removeItem(at: root) }
        let started = Date()
        let r = try Binary.run(args, cwd: root)
        let seconds = Date().timeIntervalSince(started)
        #expect(!r.signalled)
        #expect(r.code == 1, "\(r.err)")
        #expect(r.err.split(separator: "\n").contains { $0.hasPrefix(Self.expected) }, "\(r.err)")
        #expect(seconds < 60, "bounded work, not minutes (\(seconds) s)")
        if args == ["code", "--format", "csv"] {
            let rows = r.out.split(separator: "\n").dropFirst()
            #expect(rows.count == 2, "good.txt's two codings: \(r.out)")
            #expect(rows.allSatisfy { $0.hasPrefix("good.txt,") })
        }
        if args == ["code"] {
            #expect(r.out.contains("1 document coded"), "\(r.out)")
            #expect(r.out.contains("1 not read"), "\(r.out)")
        }
    }

    @Test func explainNamesTheRuleToo() throws {
        let root = try study()
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try Binary.run(["code", "--explain", "bad.txt:2"], cwd: root)
        #expect(r.code == 1)
        #expect(r.err.contains(Self.expected), "\(r.err)")
        let ok = try Binary.run(["code", "--explain", "good.txt:2"], cwd: root)
        #expect(ok.code == 0, "\(ok.err)")
        #expect(ok.out.contains("aaa"))
    }
}
