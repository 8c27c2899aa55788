import Foundation
import Testing
import ZIPFoundation
import VerbatimTestSupport

/// Every command's output on the bundled study, compared with snapshot files (standard output, standard
/// error and exit code together), so that moving code between layers cannot change what a user sees.
/// Re-record with `VERBATIM_RECORD=1 swift test --filter CommandSnapshotTests`.
@Suite(.serialized) struct CommandSnapshotTests {
    static let snapshots = Snapshots()
    static let study = Repository.bundledStudy

    /// A named run: the arguments, run inside the bundled study.
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var args: [String]
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "transcripts.txt", args: ["transcripts"]),
        Case(name: "transcripts-csv.txt", args: ["transcripts", "--format", "csv"]),
        Case(name: "show-S01.txt", args: ["show", "S01-lyon"]),
        Case(name: "show-FG1-json.txt", args: ["show", "FG1-lyon.txt", "--format", "json"]),
        Case(name: "show-FG1-csv.txt", args: ["show", "FG1-lyon.txt", "--format", "csv"]),
        Case(name: "check.txt", args: ["check"]),
        Case(name: "check-json.txt", args: ["check", "--format", "json"]),
        Case(name: "attributes.txt", args: ["attributes"]),
        Case(name: "attributes-json.txt", args: ["attributes", "--format", "json"]),
        Case(name: "codebook-show.txt", args: ["codebook", "show"]),
        Case(name: "codebook-show-json.txt", args: ["codebook", "show", "--format", "json"]),
        Case(name: "codebook-lint.txt", args: ["codebook", "lint"]),
        Case(name: "codebook-test.txt", args: ["codebook", "test"]),
        Case(name: "code.txt", args: ["code"]),
        Case(name: "code-csv.txt", args: ["code", "--format", "csv"]),
        Case(name: "code-json.txt", args: ["code", "--format", "json"]),
        Case(name: "code-sentence.txt", args: ["code", "--unit", "sentence"]),
        Case(name: "code-explain.txt", args: ["code", "--explain", "S01-lyon.txt:4"]),
        Case(name: "code-explain-json.txt", args: ["code", "--explain", "S01-lyon.txt:4", "--format", "json"]),
        Case(name: "stats.txt", args: ["stats"]),
        Case(name: "stats-group-wave.txt", args: ["stats", "--by", "group,wave"]),
        Case(name: "stats-csv.txt", args: ["stats", "--format", "csv"]),
        Case(name: "stats-json.txt", args: ["stats", "--by", "context", "--format", "json"]),
        Case(name: "stats-markdown.txt", args: ["stats", "--per", "document", "--format", "markdown"]),
        Case(name: "impact.txt", args: ["impact"]),
        Case(name: "impact-context-csv.txt", args: ["impact", "--by", "context", "--format", "csv"]),
        Case(name: "matrix-context.txt", args: ["matrix", "--cols", "context"]),
        Case(name: "matrix-wave-csv.txt", args: ["matrix", "--cols", "wave", "--format", "csv"]),
        Case(name: "matrix-json.txt", args: ["matrix", "--cols", "context,wave", "--format", "json"]),
        Case(name: "matrix-markdown.txt", args: ["matrix", "--cols", "group", "--cell", "units", "--format", "markdown"]),
        Case(name: "cooccur.txt", args: ["cooccur"]),
        Case(name: "cooccur-csv.txt", args: ["cooccur", "--level", "document", "--format", "csv"]),
        Case(name: "excerpts.txt", args: ["excerpts", "--theme", "peur-internet", "--where", "group=senior", "--max-per-theme", "5"]),
        Case(name: "excerpts-markdown.txt", args: ["excerpts", "--max-per-theme", "2", "--format", "markdown"]),
        Case(name: "excerpts-csv.txt", args: ["excerpts", "--max-per-theme", "2", "--format", "csv", "--context", "1"]),
        Case(name: "excerpts-json.txt", args: ["excerpts", "--theme", "demarches-seul", "--format", "json"]),
        Case(name: "excerpts-html.txt", args: ["excerpts", "--theme", "demarches-seul", "--format", "html"]),
        Case(name: "error-unknown-attribute.txt", args: ["stats", "--by", "nope"]),
        Case(name: "error-unknown-theme.txt", args: ["excerpts", "--theme", "nope"]),
        Case(name: "error-bad-unit.txt", args: ["code", "--unit", "word"]),
        Case(name: "error-no-document.txt", args: ["show", "nope"]),
        Case(name: "error-bad-explain.txt", args: ["code", "--explain", "S01-lyon.txt"]),
    ]

    /// Replaces the machine's paths with placeholders.
    static func normalize(_ s: String, tmp: URL? = nil) -> String {
        var s = s.replacingOccurrences(of: Repository.root.path, with: "<repo>")
        if let tmp { s = s.replacingOccurrences(of: tmp.path, with: "<tmp>") }
        return s
    }

    static func render(_ r: Binary.Result, tmp: URL? = nil) -> String {
        "exit: \(r.code)\n--- stdout\n\(normalize(r.out, tmp: tmp))\n--- stderr\n\(normalize(r.err, tmp: tmp))"
    }

    @Test(arguments: cases)
    func commandOutput(_ c: Case) throws {
        let r = try Binary.run(c.args, cwd: Self.study)
        if let m = Self.snapshots.mismatch("commands/" + c.name, Self.render(r)) { Issue.record(Comment(rawValue: m)) }
    }

    @Test func reportFiles() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-snap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let html = try Binary.run(["report", "-o", tmp.appendingPathComponent("r.html").path], cwd: Self.study)
        #expect(html.code == 0, "\(html.err)")
        let md = try Binary.run(["report", "--format", "markdown", "--date", "2024-06-30", "-o", tmp.appendingPathComponent("r.md").path], cwd: Self.study)
        #expect(md.code == 0, "\(md.err)")
        for (name, r) in [("report-html-run.txt", html), ("report-md-run.txt", md)] {
            if let m = Self.snapshots.mismatch("files/" + name, Self.render(r, tmp: tmp)) { Issue.record(Comment(rawValue: m)) }
        }
        for (file, snap) in [("r.html", "report.html"), ("r.md", "report.md")] {
            let text = try String(contentsOf: tmp.appendingPathComponent(file), encoding: .utf8)
            if let m = Self.snapshots.mismatch("files/" + snap, text) { Issue.record(Comment(rawValue: m)) }
        }
    }

    @Test func excerptsDocx() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-snap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let out = tmp.appendingPathComponent("v.docx")
        let r = try Binary.run(["excerpts", "--max-per-theme", "2", "-o", out.path], cwd: Self.study)
        #expect(r.code == 0, "\(r.err)")
        if let m = Self.snapshots.mismatch("files/excerpts-docx-document.xml", try Self.documentXML(out)) { Issue.record(Comment(rawValue: m)) }
    }

    @Test func demoFiles() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-snap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let r = try Binary.run(["demo", "--output", tmp.path, "--study", Self.study.path], cwd: Repository.root)
        #expect(r.code == 0, "\(r.err)")
        if let m = Self.snapshots.mismatch("demo/run.txt", Self.render(r, tmp: tmp)) { Issue.record(Comment(rawValue: m)) }
        let names = try FileManager.default.contentsOfDirectory(atPath: tmp.path).sorted()
        #expect(names == ["codages.csv", "frequences.csv", "matrice-contexte.csv", "matrice-vague.csv", "rapport.html", "verbatims.docx"])
        for name in names where name != "verbatims.docx" {
            let text = try String(contentsOf: tmp.appendingPathComponent(name), encoding: .utf8)
            if let m = Self.snapshots.mismatch("demo/" + name, text) { Issue.record(Comment(rawValue: m)) }
        }
        let xml = try Self.documentXML(tmp.appendingPathComponent("verbatims.docx"))
        if let m = Self.snapshots.mismatch("demo/verbatims-document.xml", xml) { Issue.record(Comment(rawValue: m)) }
    }

    /// The main part of a DOCX file, with a line break after each paragraph so that a diff is readable.
    static func documentXML(_ url: URL) throws -> String {
        let archive = try Archive(url: url, accessMode: .read)
        let entry = try #require(archive["word/document.xml"])
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "</w:p>", with: "</w:p>\n")
    }
}
