import Foundation
import Testing
import VerbatimTestSupport

/// What costs a newcomer time: help examples that do not run, a `verbatim.yaml` without its codebook,
/// a typo answered by a list of 48 ids, `--study` given a folder inside the study, and the README's
/// Word verbatims that are not the demo's.
@Suite(.serialized) struct NewcomerTests {
    /// A copy of the repository's `Corpora/les-connectes` and `Codebooks/` in a temporary folder, laid out
    /// as in the repository, so that the examples' relative paths hold.
    struct Layout {
        let base: URL
        var study: URL { base.appendingPathComponent("Corpora/les-connectes") }

        init() throws {
            let fm = FileManager.default
            base = fm.temporaryDirectory.appendingPathComponent("verbatim-newcomer-\(UUID().uuidString)")
            try fm.createDirectory(at: base.appendingPathComponent("Corpora"), withIntermediateDirectories: true)
            try fm.copyItem(at: Repository.bundledStudy, to: study)
            try? fm.removeItem(at: study.appendingPathComponent("verbatim-demo"))
            try fm.copyItem(at: Repository.root.appendingPathComponent("Codebooks"), to: base.appendingPathComponent("Codebooks"))
        }

        func remove() { try? FileManager.default.removeItem(at: base) }
    }

    /// Runs `line` with `/bin/sh` in `cwd`, with the built `verbatim` first on the PATH.
    static func shell(_ line: String, cwd: URL) throws -> (code: Int32, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", line]
        p.currentDirectoryURL = cwd
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = Binary.executable.deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "VERBATIM_CODER")
        p.environment = env
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: e, as: UTF8.self))
    }

    /// The example lines of a command's `--help` (after `Examples:`), as printed on a wide terminal.
    static func examples(_ command: [String]) throws -> [String] {
        let r = try Binary.run(command + ["--help"], environment: ["COLUMNS": "400"])
        var out: [String] = []
        var inside = false
        for line in r.out.split(separator: "\n", omittingEmptySubsequences: false) {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t == "Examples:" { inside = true; continue }
            if inside && t.isEmpty { inside = false; continue }
            guard inside, t.hasPrefix("verbatim ") || t.hasPrefix("swift ") else { continue }
            // Without its comment, so that the same example in two helps runs once.
            let command = t.range(of: "  #").map { String(t[..<$0.lowerBound]).trimmingCharacters(in: .whitespaces) } ?? t
            out.append(command)
        }
        return out
    }

    /// The subcommands `verbatim --help` lists.
    static func commands() throws -> [[String]] {
        let r = try Binary.run(["--help"], environment: ["COLUMNS": "400"])
        var names: [String] = []
        var inside = false
        for line in r.out.split(separator: "\n") {
            if line.hasPrefix("SUBCOMMANDS:") { inside = true; continue }
            guard inside, line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
            if let name = line.split(separator: " ").first, !line.contains("See 'verbatim help") { names.append(String(name)) }
        }
        var commands: [[String]] = [[]] + names.map { [$0] }
        commands += [["codebook", "show"], ["codebook", "lint"], ["codebook", "test"]]
        return commands
    }

    @Test func everyHelpExampleRunsOnTheBundledStudy() throws {
        let layout = try Layout()
        defer { layout.remove() }
        let commands = try Self.commands()
        #expect(commands.count > 20, "\(commands)")
        var seen: Set<String> = []
        var lines: [(command: String, line: String)] = []
        for c in commands {
            for line in try Self.examples(c) where !seen.contains(line) {
                seen.insert(line)
                lines.append((c.joined(separator: " "), line))
            }
        }
        #expect(lines.count > 50)
        let hasJQ = Tools.has("jq")
        for (command, line) in lines {
            // `swift run` builds the package: the same program as `verbatim`, checked by the line after it.
            if line.hasPrefix("swift ") { continue }
            if line.contains("| jq") && !hasJQ { continue }
            let r = try Self.shell(line, cwd: layout.study)
            #expect(r.code == 0, "verbatim \(command) --help: '\(line)' exits \(r.code): \(r.err)")
        }
    }

    @Test func initAndTheREADMENameTheCodebook() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let r = try Binary.run(["init", base.path])
        #expect(r.code == 0, "\(r.err)")
        let yaml = try String(contentsOf: base.appendingPathComponent("verbatim.yaml"), encoding: .utf8)
        #expect(yaml.contains("# codebook: codebook.yaml"))
        #expect(yaml.contains("--codebook FILE"))
        // The new study is still clean: no warning about the commented key.
        let check = try Binary.run(["check"], cwd: base)
        #expect(!check.err.contains("verbatim.yaml"), "\(check.err)")
        // Once the line is uncommented, the codebook is the study's.
        try FileManager.default.copyItem(at: Repository.bundledCodebook, to: base.appendingPathComponent("codebook.yaml"))
        try yaml.replacingOccurrences(of: "# codebook: codebook.yaml", with: "codebook: codebook.yaml")
            .write(to: base.appendingPathComponent("verbatim.yaml"), atomically: true, encoding: .utf8)
        let lint = try Binary.run(["codebook", "lint"], cwd: base)
        #expect(lint.code == 0, "\(lint.err)")

        let readme = try String(contentsOf: Repository.root.appendingPathComponent("README.md"), encoding: .utf8)
        let block = try #require(readme.components(separatedBy: "`verbatim.yaml`:\n\n```yaml\n").dropFirst().first?
            .components(separatedBy: "```").first)
        #expect(block.contains("\ncodebook: ../../Codebooks/les-connectes.yaml"), "\(block)")
    }

    @Test func aTypoGetsTheLikelyId() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        let theme = try study.run(["excerpts", "--theme", "peur-internt"])
        #expect(theme.code == 1)
        #expect(theme.err.hasPrefix("\(Repository.bundledCodebook.path): error: unknown theme 'peur-internt'; did you mean 'peur-internet'? (themes: seniors, competences,"), "\(theme.err)")
        let word = try study.run(["stats", "--theme", "reseau"])
        #expect(word.err.contains("unknown theme 'reseau'; did you mean 'couverture-reseau'? (themes: "), "\(word.err)")
        let accents = try study.run(["report", "--theme", "Démarches-Seul"])
        #expect(accents.err.contains("did you mean 'demarches-seul'?"), "\(accents.err)")
        let none = try study.run(["excerpts", "--theme", "nope"])
        #expect(none.err.contains("unknown theme 'nope' (themes: "), "\(none.err)")
        let attribute = try study.run(["stats", "--by", "grop"])
        #expect(attribute.code == 1)
        #expect(attribute.err == "error: unknown attribute 'grop'; did you mean 'group'? (attributes: age_band, context, date, departement, gender, group, interviewer, mode, months_in_service, territory, type, wave)\n")
        let column = try study.run(["matrix", "--cols", "contexte"])
        #expect(column.err.hasPrefix("error: unknown attribute 'contexte'; did you mean 'context'? (attributes: "), "\(column.err)")
        // A value no unit has: the likely one and the values, in every command that filters.
        for args in [["stats", "--where", "group=seniro"], ["matrix", "--cols", "context", "--where", "group=seniro"],
                     ["excerpts", "--where", "group=seniro"], ["report", "--where", "group=seniro", "-o", "r.md"]] {
            let value = try study.run(args)
            #expect(value.code == 1, "\(args)")
            #expect(value.err.contains("no participant unit has group=seniro; did you mean 'senior'? (values of group: partenaire, senior, volontaire)"),
                    "\(args): \(value.err)")
        }
        // Values that exist, but not together.
        let together = try study.run(["stats", "--where", "group=partenaire", "--where", "wave=nope"])
        #expect(together.err.contains("no participant unit has wave=nope (values of wave: 3-6 mois, 12 mois)"), "\(together.err)")
    }

    @Test func aFolderInsideAStudyStandsForTheStudy() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        let inside = try Binary.run(["transcripts", "--study", "study/transcripts", "--format", "json"], cwd: study.base)
        #expect(inside.code == 0, "\(inside.err)")
        let docs = try JSONSerialization.jsonObject(with: Data(inside.out.utf8)) as? [[String: Any]]
        #expect(docs?.count == 30)
        #expect(docs?.first { $0["document"] as? String == "S01-lyon.txt" }.flatMap { $0["attributes"] as? [String: String] }?["group"] == "senior")
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-nostudy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        let none = try Binary.run(["check", "--study", outside.path])
        #expect(none.code == 1)
        #expect(none.err.contains("not a study folder"))
    }

    @Test func theREADMEWordVerbatimsAreTheDemosAndCountAsTheReport() throws {
        let study = try StudyCopy()
        defer { study.remove() }
        let readme = try String(contentsOf: Repository.root.appendingPathComponent("README.md"), encoding: .utf8)
        let command = try #require(readme.split(separator: "\n").first { $0.hasPrefix("verbatim excerpts") && $0.contains("verbatims.docx") })
        let args = command.components(separatedBy: "#")[0].split(separator: " ").dropFirst().map(String.init)
        #expect(args == ["excerpts", "--each-theme", "--max-per-theme", "3", "-o", "verbatims.docx"])
        let excerpts = try study.run(args)
        #expect(excerpts.code == 0, "\(excerpts.err)")
        let demo = try study.run(["demo", "--study", ".", "--output", study.base.appendingPathComponent("demo").path])
        #expect(demo.code == 0, "\(demo.err)")
        #expect(demo.out.contains("124 verbatims, up to 3 per theme"))
        #expect(try study.bytes("verbatims.docx") == Data(contentsOf: study.base.appendingPathComponent("demo/verbatims.docx")))

        // The same selection as JSON: 124 excerpts in as many sections as the demo's themes.
        let json = try study.run(["excerpts", "--each-theme", "--max-per-theme", "3", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let themes = try #require(object["themes"] as? [[String: Any]])
        #expect(themes.reduce(0) { $0 + (($1["excerpts"] as? [Any])?.count ?? 0) } == 124)
        // Without --each-theme, the five top-level themes.
        let top = try study.run(["excerpts", "--max-per-theme", "3", "--format", "json"])
        let topThemes = try #require((try JSONSerialization.jsonObject(with: Data(top.out.utf8)) as? [String: Any])?["themes"] as? [[String: Any]])
        #expect(topThemes.map { $0["id"] as? String } == ["seniors", "volontaires", "partenaires", "contexte", "attribution"])

        // The report counts each theme's verbatims as --each-theme does: "3 verbatims sur 7".
        let report = try study.run(["report", "--format", "markdown", "-o", "rapport.md"])
        #expect(report.code == 0, "\(report.err)")
        let markdown = String(decoding: try study.bytes("rapport.md"), as: UTF8.self)
        var reported: [String: Int] = [:]
        var current: String?
        for line in markdown.split(separator: "\n") {
            if line.hasPrefix("### "), let open = line.range(of: "(`", options: .backwards), let close = line.range(of: "`)", options: .backwards) {
                current = String(line[open.upperBound..<close.lowerBound])
            } else if let id = current, line.hasPrefix("*"), line.contains(" verbatim") {
                let words = line.dropFirst().split(separator: " ")
                let shown = Int(words[0]) ?? -1
                if let sur = words.firstIndex(of: "sur"), sur + 1 < words.count {
                    reported[id] = Int(words[sur + 1].trimmingCharacters(in: .punctuationCharacters))
                } else {
                    reported[id] = shown
                }
                current = nil
            }
        }
        #expect(reported["peur-internet"] == 7)
        #expect(reported.count == themes.count)
        for t in themes {
            let id = t["id"] as? String ?? ""
            #expect(reported[id] == t["total"] as? Int, "\(id): report \(reported[id] ?? -1), excerpts --each-theme \(t["total"] ?? "")")
        }
        // With --theme, --each-theme gives the theme and its sub-themes, each apart.
        let family = try study.run(["excerpts", "--each-theme", "--theme", "peur-internet", "--format", "json"])
        let sections = try #require((try JSONSerialization.jsonObject(with: Data(family.out.utf8)) as? [String: Any])?["themes"] as? [[String: Any]])
        #expect(sections.map { $0["id"] as? String } == ["peur-internet", "peur-arnaques", "peur-fausse-manoeuvre"])
        #expect(sections.map { $0["total"] as? Int } == [7, 3, 12])
    }
}
