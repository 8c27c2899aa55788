import Foundation
import Testing
import ZIPFoundation
import VerbatimModel
import VerbatimStudy
import VerbatimApp
import VerbatimExchange
import VerbatimTestSupport

/// A copy of the bundled study (with `Codebooks/` beside it, as in the repository) in a temporary folder.
struct StudyLayout {
    let base: URL
    var study: URL { base.appendingPathComponent("Corpora/les-connectes") }

    init() throws {
        let fm = FileManager.default
        base = fm.temporaryDirectory.appendingPathComponent("verbatim-refi-\(UUID().uuidString)")
        try fm.createDirectory(at: base.appendingPathComponent("Corpora"), withIntermediateDirectories: true)
        try fm.copyItem(at: Repository.bundledStudy, to: study)
        try? fm.removeItem(at: study.appendingPathComponent("verbatim-demo"))
        try fm.copyItem(at: Repository.root.appendingPathComponent("Codebooks"), to: base.appendingPathComponent("Codebooks"))
    }

    func remove() { try? FileManager.default.removeItem(at: base) }

    func context(_ folder: URL? = nil) throws -> (StudyContext, DiagnosticCollector) {
        let c = DiagnosticCollector()
        return (try StudyContext(folder: (folder ?? study).path, consumer: c), c)
    }

    /// Two coders' codings (one with a memo, one in a .docx and one in a .vtt transcript), a theme
    /// memo, a document memo and a set.
    func addCodings() throws {
        let (context, _) = try self.context()
        let store = CodingStore(root: study)
        var n = 0
        func code(_ document: String, turn: Int, theme: String, coder: String, memo: String? = nil, words: Int? = nil) throws {
            let t = try context.transcript(document)
            let turn = try #require(t.turns.first { $0.index == turn })
            var end = turn.end
            if let words {
                // The first `words` words of the turn.
                let text = t.text(of: turn)
                var count = 0
                var offset = 0
                for (i, b) in text.utf8.enumerated() where b == 0x20 {
                    count += 1
                    if count == words { offset = i; break }
                }
                if offset > 0 { end = turn.start + offset }
            }
            let (q, p, s) = QuoteContext.of(t.text, start: turn.start, end: end)
            n += 1
            let h = HumanCoding(id: String(format: "m-%012x", n), document: t.document, turn: turn.index, start: turn.start, end: end,
                                quote: q, prefix: p, suffix: s, theme: theme, coder: coder, status: .manual,
                                time: "2026-01-1\(n % 10)T09:30:00Z", memo: memo)
            try store.update(coder: coder) { $0.append(h) }
        }
        try code("S01-lyon", turn: 12, theme: "peur-fausse-manoeuvre", coder: "Marie")
        try code("S01-lyon", turn: 12, theme: "peur-fausse-manoeuvre", coder: "Paul Martin")
        try code("S01-lyon", turn: 14, theme: "peur-arnaques", coder: "Marie", memo: "peur actuelle, « vraie »", words: 6)
        try code("S03-lyon", turn: 6, theme: "autonomie", coder: "Paul Martin")
        try code("P03-saintflour-france-services", turn: 4, theme: "competences", coder: "Paul Martin")
        try MemoStore(root: study).append("Un mémo de thème.", to: .theme("peur-internet"), coder: "Marie", time: "2026-01-02T10:00:00Z")
        try MemoStore(root: study).append("Un mémo de document.", to: .document("S01-lyon.txt"), coder: "Marie", time: "2026-01-02T10:00:00Z")
        try FileManager.default.createDirectory(at: study.appendingPathComponent("sets"), withIntermediateDirectories: true)
        try "# a set\nS01-lyon.txt\nS03-lyon.docx\n".write(to: study.appendingPathComponent("sets/double.txt"), atomically: true, encoding: .utf8)
    }
}

enum Schemas {
    static var available: Bool { Shared.exists("refi-qda/xsd/Project-mrt2019.xsd") }
    static var project: URL { Shared.url("refi-qda/xsd/Project-mrt2019.xsd") }
    static var codebook: URL { Shared.url("refi-qda/xsd/Codebook-mrt2019.xsd") }

    /// The package's entries by path.
    static func entries(_ data: Data) throws -> [String: Data] {
        let archive = try Archive(data: data, accessMode: .read)
        var out: [String: Data] = [:]
        for e in archive {
            var d = Data()
            _ = try archive.extract(e) { d.append($0) }
            out[e.path] = d
        }
        return out
    }

    /// Our own checks, which libxml2 does not make: every GUID 8-4-4-4-12 hex, every colour #RRGGBB.
    static func ownChecks(_ xml: String) -> [String] {
        var problems: [String] = []
        let attribute = try! NSRegularExpression(pattern: #"\b(guid|targetGUID|creatingUser|creatingUserGUID|color)="([^"]*)""#)
        for m in attribute.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)) {
            let name = String(xml[Range(m.range(at: 1), in: xml)!])
            let value = String(xml[Range(m.range(at: 2), in: xml)!])
            if name == "color" {
                if !ColorText.isSixDigits(value) { problems.append("colour \(value)") }
            } else if !StableGUID.isValid(value) || value.count != 36 {
                problems.append("\(name) \(value)")
            }
        }
        return problems
    }
}

@Suite struct GUIDTests {
    @Test func sha1AndNameBasedUUIDs() {
        // FIPS 180-2 test vectors.
        #expect(StableGUID.sha1Hex(Array("abc".utf8)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(StableGUID.sha1Hex([]) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(StableGUID.sha1Hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        let g = StableGUID.make("theme", "peur-internet")
        #expect(g == StableGUID.make("theme", "peur-internet"))
        #expect(g != StableGUID.make("theme", "peur-arnaques"))
        #expect(StableGUID.isValid(g))
        let chars = Array(g)
        #expect(chars[14] == "5", "version 5: \(g)")
        #expect("89AB".contains(chars[19]), "RFC 4122 variant: \(g)")
        #expect(StableGUID.isValid("{1ff58b12-6f6f-4b0c-8be5-bbdc91f55294}"))
        #expect(!StableGUID.isValid("1ff58b12-6f6f-4b0c-8be5-bbdc91f5529"))
        #expect(!StableGUID.isValid("1ff58b12-6f6f-4b0c-8be5-bbdc91f5529g"))
        #expect(StableGUID.normalized("{1ff58b12-6f6f-4b0c-8be5-bbdc91f55294}") == "1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294")
    }

    @Test func colours() {
        #expect(ColorText.normalized("#abc") == "#AABBCC")
        #expect(ColorText.normalized("#46aa00") == "#46AA00")
        #expect(ColorText.normalized("#46AA00FF") == nil)
        #expect(ColorText.normalized("rgb(1,2,3)") == nil)
    }

    @Test func themeDescriptionsGoBothWays() {
        let d = ThemeDescription(definition: "Une définition.\n\nSur deux paragraphes.", include: "ceci", exclude: "cela",
                                 examples: ["un", "deux"], counterexamples: ["trois"])
        #expect(ThemeDescription(parsing: d.text) == d)
        #expect(ThemeDescription(parsing: "Just a note.") == ThemeDescription(definition: "Just a note."))
        // Text that looks marked but is not ours stays whole.
        let odd = "Include: x\n\nthen more"
        #expect(ThemeDescription(parsing: odd).definition == odd)
    }
}

@Suite(.serialized) struct ExportTests {
    @Test(.enabled(if: Schemas.available, "needs ../shared/refi-qda/xsd"))
    func theBundledStudyExportsValidFiles() throws {
        let layout = try StudyLayout()
        defer { layout.remove() }
        try layout.addCodings()
        let (context, diagnostics) = try layout.context()
        let (qdc, cbSummary) = try ExportExchangeUseCase.codebook(.init(), in: context)
        #expect(cbSummary.themes == 48)
        #expect(try SchemaValidator.errors(in: qdc, schema: Schemas.codebook) == [])
        #expect(Schemas.ownChecks(String(decoding: qdc, as: UTF8.self)) == [])
        let xml = String(decoding: qdc, as: UTF8.self)
        #expect(xml.contains(##"name="Seniors accompagnés" isCodable="false" color="#1F4E79""##))
        #expect(xml.contains("\n\nInclude: "))
        #expect(!xml.contains("<Description/>") && !xml.contains("<Sets"))

        for (unit, crlf, rules) in [(OffsetModel.Unit.codePoints, false, false), (.utf16, true, true)] {
            let (data, summary) = try ExportExchangeUseCase.project(.init(includeRules: rules, unit: unit, crlf: crlf), in: context)
            let entries = try Schemas.entries(data)
            let qde = try #require(entries["project.qde"])
            #expect(try SchemaValidator.errors(in: qde, schema: Schemas.project) == [])
            #expect(Schemas.ownChecks(String(decoding: qde, as: UTF8.self)) == [])
            #expect(summary.documents == 30)
            #expect(entries.count == 31)
            #expect(entries.keys.filter { $0.hasPrefix("sources/") && $0.hasSuffix(".txt") }.count == 30)
            if rules {
                #expect(summary.coders == ["Marie", "Paul Martin", "verbatim rules"])
                #expect(summary.codings > 100)
            } else {
                #expect(summary.coders == ["Marie", "Paul Martin"])
                #expect(summary.codings == 5 && summary.selections == 4 && summary.sets == 1 && summary.notes == 1)
            }
            #expect(summary.cases == 52)
            // No BOM; LF or CRLF as asked.
            for (path, bytes) in entries where path.hasPrefix("sources/") {
                #expect(!bytes.starts(with: [0xEF, 0xBB, 0xBF]))
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(crlf ? !text.replacingOccurrences(of: "\r\n", with: "").contains("\n") : !text.contains("\r"), "\(path)")
            }
        }
        #expect(!diagnostics.diagnostics.contains { $0.severity == .error }, "\(diagnostics.diagnostics)")
    }

    @Test func selectionsLandOnTheCodedWordsInEveryUnit() throws {
        let layout = try StudyLayout()
        defer { layout.remove() }
        try layout.addCodings()
        let (context, _) = try layout.context()
        let codings = CodingStore(root: layout.study).read().codings
        for (unit, crlf) in [(OffsetModel.Unit.codePoints, false), (.codePoints, true), (.utf16, false), (.utf16, true)] {
            let (project, _) = try ExportExchangeUseCase.build(.init(unit: unit, crlf: crlf), in: context)
            var checked = 0
            for source in project.sources {
                let text = try #require(source.text)
                // Read the positions as the target program would: code points or UTF-16 units of the file's text.
                func slice(_ a: Int, _ b: Int) -> String {
                    if unit == .utf16 {
                        let u = Array(text.utf16)
                        return String(decoding: u[a..<b], as: UTF16.self)
                    }
                    let s = Array(text.unicodeScalars)
                    var v = String.UnicodeScalarView()
                    v.append(contentsOf: s[a..<b])
                    return String(v)
                }
                for sel in source.selections {
                    let got = slice(sel.start, sel.end).replacingOccurrences(of: "\r\n", with: "\n")
                    #expect(codings.contains { $0.quote == got }, "\(source.name) \(sel.start)..<\(sel.end): \(got)")
                    checked += 1
                }
            }
            #expect(checked == 4)
        }
    }

    @Test func reExportIsByteIdentical() throws {
        let layout = try StudyLayout()
        defer { layout.remove() }
        try layout.addCodings()
        let (context, _) = try layout.context()
        let a = try ExportExchangeUseCase.project(.init(), in: context).data
        let b = try ExportExchangeUseCase.project(.init(), in: try layout.context().0).data
        #expect(a == b)
        let c = try ExportExchangeUseCase.codebook(.init(), in: context).data
        #expect(c == (try ExportExchangeUseCase.codebook(.init(), in: try layout.context().0).data))
    }

    @Test func exportImportExportIsByteIdentical() throws {
        let layout = try StudyLayout()
        defer { layout.remove() }
        try layout.addCodings()
        let (context, _) = try layout.context()
        let first = try ExportExchangeUseCase.project(.init(), in: context).data
        let file = layout.base.appendingPathComponent("first.qdpx")
        try first.write(to: file)
        let collector = DiagnosticCollector()
        let imported = try ImportExchangeUseCase.run(.init(file: file.path, into: layout.base.appendingPathComponent("imported").path), consumer: collector)
        #expect(imported.codings == 5 && imported.documents == 30 && imported.themes == 48 && imported.sets == 1)
        #expect(imported.coders == ["Marie", "Paul Martin"])
        #expect(imported.notCarried.isEmpty, "\(imported.notCarried)")
        let second = try ExportExchangeUseCase.project(.init(), in: try layout.context(layout.base.appendingPathComponent("imported")).0).data
        #expect(first == second)
        // And the codebook alone.
        let qdc = try ExportExchangeUseCase.codebook(.init(), in: context).data
        let qdcFile = layout.base.appendingPathComponent("codebook.qdc")
        try qdc.write(to: qdcFile)
        _ = try ImportExchangeUseCase.run(.init(file: qdcFile.path, into: layout.base.appendingPathComponent("cb").path), consumer: collector)
        let again = try ExportExchangeUseCase.codebook(.init(), in: try layout.context(layout.base.appendingPathComponent("cb")).0).data
        #expect(qdc == again)
    }
}
