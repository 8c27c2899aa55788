import Foundation
import Testing

/// Reads the numbers an HTML report carries in its data attributes.
enum ReportHTML {
    /// The attributes of every `rect`, `td` or `tr` element whose `data-table` is `table`.
    static func elements(_ html: String, table: String) -> [[String: String]] {
        let tag = try! NSRegularExpression(pattern: "<(?:rect|td|tr)\\b[^>]*>")
        let attribute = try! NSRegularExpression(pattern: "([a-zA-Z][a-zA-Z0-9-]*)=\"([^\"]*)\"")
        let ns = html as NSString
        var out: [[String: String]] = []
        for m in tag.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
            let text = ns.substring(with: m.range)
            var attrs: [String: String] = [:]
            for a in attribute.matches(in: text, range: NSRange(location: 0, length: (text as NSString).length)) {
                attrs[(text as NSString).substring(with: a.range(at: 1))] = unescape((text as NSString).substring(with: a.range(at: 2)))
            }
            if attrs["data-table"] == table { out.append(attrs) }
        }
        return out
    }

    /// The cells (elements with `data-n`) of a table, keyed by theme and column.
    static func cells(_ html: String, table: String) -> [String: (n: Int, base: Int)] {
        var out: [String: (n: Int, base: Int)] = [:]
        for e in elements(html, table: table) {
            guard let theme = e["data-theme"], let column = e["data-column"], let n = e["data-n"].flatMap(Int.init),
                  let base = e["data-base"].flatMap(Int.init) else { continue }
            out["\(theme)|\(column)"] = (n, base)
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// The report, `verbatim stats` and `verbatim matrix` give the same numbers: generated on the fixture
/// study by the built executable and read back (HTML data attributes, CSV, JSON).
@Suite(.serialized) struct ReportConsistencyTests {
    @Test func reportStatsAndMatrixAgree() throws {
        let dir = try StatsFixture.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try StatsFixture.run(["report", "-o", "r.html", "--across", "context", "--compare", "context,wave"], cwd: dir)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out == "r.html\n")
        let html = try String(contentsOf: dir.appendingPathComponent("r.html"), encoding: .utf8)

        // Bars: one per theme × group, equal to stats' csv and json records.
        let bars = ReportHTML.cells(html, table: "frequencies")
        let statsCSV = try StatsFixture.run(["stats", "--format", "csv"], cwd: dir)
        let statsJSON = try StatsFixture.run(["stats", "--format", "json"], cwd: dir)
        let csvRows = StatsFixture.csvRecords(statsCSV.out).filter { $0["group"] != "(all)" }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(statsJSON.out.utf8)) as? [String: Any])
        let jsonRows = try #require(json["records"] as? [[String: Any]]).filter { ($0["group"] as? String) != "(all)" }
        #expect(csvRows.count == 10)   // 5 themes × groups A and B
        #expect(bars.count == csvRows.count)
        for (c, j) in zip(csvRows, jsonRows) {
            let key = "\(c["theme"]!)|\(c["group"]!)"
            let bar = try #require(bars[key], "no bar for \(key)")
            #expect(String(bar.n) == c["n"] && String(bar.base) == c["N"], "\(key): bar \(bar) csv \(c)")
            #expect(bar.n == j["n"] as? Int && bar.base == j["N"] as? Int, "\(key): bar \(bar) json \(j)")
        }
        #expect(bars["usages|B"]! == (3, 5) && bars["peur|A"]! == (1, 2))

        // Matrices: each cell (and the total) and each test, equal to matrix's csv and json records.
        for (attribute, table) in [("context", "context"), ("wave", "wave")] {
            let cells = ReportHTML.cells(html, table: table)
            let csv = try StatsFixture.run(["matrix", "--cols", attribute, "--format", "csv"], cwd: dir)
            let js = try StatsFixture.run(["matrix", "--cols", attribute, "--format", "json"], cwd: dir)
            let rows = StatsFixture.csvRecords(csv.out)
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(js.out.utf8)) as? [String: Any])
            let records = try #require(obj["records"] as? [[String: Any]])
            #expect(rows.count == records.count)
            #expect(cells.count == rows.count, "\(table): \(cells.count) cells for \(rows.count) records")
            for (c, j) in zip(rows, records) {
                let key = "\(c["theme"]!)|\(c[attribute]!)"
                let cell = try #require(cells[key], "no cell for \(key) in \(table)")
                #expect(String(cell.n) == c["participants"] && String(cell.base) == c["N"], "\(key): \(cell) \(c)")
                #expect(cell.n == j["participants"] as? Int && cell.base == j["N"] as? Int, "\(key): \(cell) \(j)")
            }
            // One tested row per theme, with the test, p and V of the json records.
            let tested = ReportHTML.elements(html, table: table).filter { $0["data-test"] != nil }
            #expect(tested.count == 5)
            for row in tested {
                let theme = row["data-theme"]!
                let j = try #require(records.first { $0["theme"] as? String == theme })
                #expect(row["data-test"] == j["test"] as? String)
                #expect(StatsFixture.same(row["data-p"], j["p"]), "\(table) \(theme) p: \(row["data-p"] ?? "") vs \(j["p"] ?? "")")
                #expect(StatsFixture.same(row["data-v"], j["cramers_v"]), "\(table) \(theme) V")
            }
        }
        // Context is the heatmap (--across), so it is not repeated among the comparisons.
        #expect(html.components(separatedBy: "data-matrix=\"context\"").count == 2)
        #expect(html.contains("<h2>Thèmes × contextes</h2>"))
        #expect(html.contains("<h3 id=\"compare-wave\">Par vague</h3>") && !html.contains("<h3 id=\"compare-context\">"))
    }

    @Test func markdownAndDefaults() throws {
        let dir = try StatsFixture.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        // No territory in the fixture: no heatmap; context and wave compared by default.
        let r = try StatsFixture.run(["report", "--format", "markdown"], cwd: dir)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out == "report.md\n")
        let md = try String(contentsOf: dir.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(md.hasPrefix("# Fixture\n"))
        #expect(md.contains("## Thèmes par groupe"))
        #expect(md.contains("### Par contexte") && md.contains("### Par vague"))
        #expect(!md.contains("Thèmes × "))
        #expect(!md.contains("<svg"))
        #expect(md.contains("| **Usages** | 1/2 (50\u{00A0}%) | 3/5 (60\u{00A0}%) | 4/7 (57\u{00A0}%) |"))
        let html = try StatsFixture.run(["report"], cwd: dir)
        #expect(html.code == 0 && html.out == "report.html\n")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("report.html").path))
    }

    @Test func badInputsWriteNothing() throws {
        let dir = try StatsFixture.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [([String], String, Int32)] = [
            (["report", "-o", "x.html", "--by", "territoire"], "error: unknown attribute 'territoire' in --by (attributes: context, gender, group, wave)", 1),
            (["report", "-o", "x.html", "--compare", "wave,zone"], "error: unknown attribute 'zone' in --compare (attributes: context, gender, group, wave)", 1),
            (["report", "-o", "x.html", "--theme", "nope"], "codebook.yaml: error: unknown theme 'nope' (themes: peur, usages, demarches, famille, relance)", 1),
            (["report", "-o", "x.html", "missing.txt"], "error: nothing to report: none of the paths given is a readable transcript", 1),
            (["report", "-o", "x.html", "--compare", "wave,,context"], "", 64),
            (["report", "-o", "x.html", "--max-per-theme", "-1"], "", 64),
            (["report", "-o", "nofolder/x.html"], "", 1),
        ]
        for (args, message, code) in cases {
            let r = try StatsFixture.run(args, cwd: dir)
            #expect(r.code == code, "\(args): \(r.err)")
            #expect(r.out.isEmpty, "\(args)")
            if !message.isEmpty {
                #expect(r.err.split(separator: "\n").last.map(String.init)?.hasSuffix(message) == true, "\(args): \(r.err)")
            }
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.html").path), "\(args)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func sameInputsSameBytesAndDateOnlyWhenAsked() throws {
        let dir = try StatsFixture.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try StatsFixture.run(["report", "-o", "a.html"], cwd: dir)
        _ = try StatsFixture.run(["report", "-o", "b.html"], cwd: dir)
        _ = try StatsFixture.run(["report", "-o", "c.html", "--date", "30 juin 2024"], cwd: dir)
        let a = try Data(contentsOf: dir.appendingPathComponent("a.html"))
        let b = try Data(contentsOf: dir.appendingPathComponent("b.html"))
        let c = try String(contentsOf: dir.appendingPathComponent("c.html"), encoding: .utf8)
        #expect(a == b)
        #expect(!String(decoding: a, as: UTF8.self).contains("Date"))
        #expect(c.contains("30 juin 2024"))
        // Changing one transcript changes the fingerprint.
        let fp = { (html: String) -> String? in
            html.range(of: "data-sha256=\"").map { String(html[$0.upperBound...].prefix(64)) }
        }
        let before = fp(String(decoding: a, as: UTF8.self))
        try Data("Enquêtrice : Bonjour.\n\nMme C : Rien à dire du tout.\n".utf8).write(to: dir.appendingPathComponent("transcripts/I3.txt"))
        _ = try StatsFixture.run(["report", "-o", "d.html"], cwd: dir)
        let after = fp(try String(contentsOf: dir.appendingPathComponent("d.html"), encoding: .utf8))
        #expect(before != nil && after != nil && before != after)
    }

    @Test func helpHasExamples() throws {
        for command in ["report", "demo"] {
            let r = try StatsFixture.run([command, "--help"], cwd: FileManager.default.temporaryDirectory)
            #expect(r.code == 0)
            #expect(r.out.contains("Examples:"), "\(command)")
        }
    }
}
