import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimAnalysis
import VerbatimExport

/// `verbatim demo`: the whole pipeline on the bundled study (or another), with its report, verbatims
/// and tables written into a folder, and a few findings to print.
public enum DemoUseCase {
    public struct Request: Sendable {
        /// The folder to write into (created if needed).
        public var output: String
        /// The study folder (default: the bundled study, found from here or from the program).
        public var study: String?
        /// A codebook file (default: the study's, else the bundled one beside it).
        public var codebook: String?
        /// The program and version named in the report.
        public var generator: String

        public init(output: String = "verbatim-demo", study: String? = nil, codebook: String? = nil, generator: String) {
            self.output = output
            self.study = study
            self.codebook = codebook
            self.generator = generator
        }
    }

    /// What the demo did.
    public struct Result: Sendable {
        public var bundle: DemoBundle
        public var coded: CodedStudy
        public var check: CheckReport
        /// The study folder, as shown to the user.
        public var studyPath: String
        /// The output folder, as given.
        public var output: String
    }

    /// Runs the demo and writes its files.
    /// - Throws: a ``Diagnostic`` when the study is missing or unreadable, or a file cannot be written.
    public static func run(_ r: Request, consumer: any DiagnosticConsumer) throws -> Result {
        guard let root = r.study.map({ URL(fileURLWithPath: $0) }) ?? StudyLocator.bundledStudy() else {
            throw Diagnostic.error("", "the bundled study Corpora/les-connectes was not found; run this from the verbatim repository or pass --study DIR")
        }
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(Study.configName).path) else {
            throw Diagnostic.error(Study.display(root), "not a study folder (no \(Study.configName))")
        }
        let context = StudyContext(study: try Study(root: root), consumer: consumer)
        let study = context.study
        let shown = Study.display(root)

        // Where to write: refuse a file in the way before doing any work.
        let outURL = URL(fileURLWithPath: r.output)
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: outURL.path, isDirectory: &isDir), !isDir.boolValue {
            throw Diagnostic.error(r.output, "is a file; --output takes a folder")
        }

        let codebookFile = r.codebook ?? (study.codebookURL == nil ? bundledCodebook(root)?.path : nil)
        let (book, _) = try context.loadCodebook(codebookFile)
        let unit = try context.unit()
        // One read of the study serves both the health check and the coding.
        let coded = StudyPipeline.run(study: study, codebook: book, unit: unit, check: true, keepText: true) { done, total, doc in
            consumer.progress(done, of: total, doc)
        }
        consumer.endProgress()
        let check = CheckReport(study: study, paths: [], facts: coded.checks, inputDiagnostics: coded.inputDiagnostics)
        guard !coded.documents.isEmpty else { throw Diagnostic.error(shown, "no transcript could be read") }
        let codebookURL = codebookFile.map { URL(fileURLWithPath: $0) } ?? study.codebookURL
        let bundle = try DemoBundle.make(coded: coded, study: study, codebook: codebookURL, generator: r.generator)
        do {
            try FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic.error(r.output, "cannot create the folder")
        }
        for file in bundle.files { try AtomicFile.write(file.data, to: outURL.appendingPathComponent(file.name)) }
        return Result(bundle: bundle, coded: coded, check: check, studyPath: shown, output: r.output)
    }

    /// The bundled codebook beside the study (`Codebooks/les-connectes.yaml` two folders up), for a
    /// study file that does not name one.
    static func bundledCodebook(_ root: URL) -> URL? {
        let u = root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Codebooks/les-connectes.yaml")
        return FileManager.default.fileExists(atPath: u.path) ? u : nil
    }
}

extension DemoUseCase.Result {
    /// The errors of the health check, for the front end to show.
    public var errors: [Diagnostic] { check.diagnostics.filter { $0.severity == .error } }

    /// The few findings worth a line: per compared attribute, the largest difference between waves or
    /// the strongest association; the most mentioned theme per group. Which attribute is the wave or
    /// the context comes from the report's resolution of the study's attributes.
    ///
    /// Comparisons are made within each group (seniors with seniors), so that groups of different
    /// sizes and concerns are not pooled; without a group attribute, on the whole study.
    public var findings: [String] {
        var findings = bundle.impactFindings
        let roles = bundle.attributes
        let corpus = coded.codedCorpus
        let tree = coded.themeTree
        // The groups, in the frequency table's order, each with its own corpus.
        var scopes: [(label: String?, corpus: CodedCorpus)] = [(nil, corpus)]
        if let group = roles.group, !bundle.frequencies.groups.isEmpty {
            scopes = bundle.frequencies.groups.map { g in
                let value = g.values.first ?? ""
                let filter = AttributeFilter(name: group, value: value)
                let docs = corpus.documents.compactMap { d -> CodedCorpus.Document? in
                    var keep = Set<Int>()
                    for (i, p) in d.participants.enumerated() where filter.matches(p.attributes[group] ?? d.attributes[group]) { keep.insert(i) }
                    if keep.isEmpty { return nil }
                    return d.restricted(to: keep)
                }
                return (value, CodedCorpus(documents: docs))
            }
        }
        for (attribute, whole) in bundle.matrices {
            for scope in scopes {
                let m = scope.label == nil ? whole : (try? ThemeMatrix.compute(scope.corpus, themes: tree, columns: [attribute], minN: whole.minN))
                guard let m else { continue }
                let among = scope.label.map { "\($0): " } ?? ""
                // Within a group, only what its own test supports (p < 0.05).
                func shown(_ h: Headline) -> Bool {
                    scope.label == nil || (m.rows.first { $0.theme.id == h.theme.id }.map { $0.association.test != .none && $0.association.pValue < 0.05 } ?? false)
                }
                if attribute == roles.wave {
                    if let h = ReportHeadlines.largestDifference(m), shown(h) { findings.append(among + "largest difference between waves: " + h.text) }
                } else if let h = ReportHeadlines.strongestAssociation(m), shown(h) {
                    findings.append(among + "strongest association with the \(attribute == roles.context ? "context" : attribute): " + h.text)
                }
            }
        }
        let most = ReportHeadlines.mostMentioned(bundle.frequencies)
        if !most.isEmpty {
            findings.append("most mentioned by each group: " + most.map { "\($0.group): \($0.headline.text)" }.joined(separator: "; "))
        }
        return findings
    }

    /// The summary printed after the run: the study (before the check's errors), then the files
    /// written, the findings and what to try next (after them).
    public func text(style: TextStyle) -> (head: String, tail: String) {
        let r = bundle.report
        let s = ReportStrings(language: "en")
        var out = style.strong(r.title) + "  " + style.note(studyPath) + "\n"
        var byGroup = ""
        if let t = r.corpus.first(where: { $0.attribute == r.frequencies.attributes.first }) {
            byGroup = " (" + t.rows.map { "\($0.documents) \($0.value)" }.joined(separator: ", ") + ")"
        }
        var formats: [String: Int] = [:]
        for d in coded.documents { formats[d.format.rawValue, default: 0] += 1 }
        out += "  \(r.summary.documents) transcripts\(byGroup); formats: "
            + formats.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + "\n"
        out += "  \(r.summary.participants) participants (interviews count once, focus-group members one by one), \(s.format(r.summary.words)) words spoken\n"
        out += "  \(s.format(r.summary.codings)) codings in \(s.format(r.summary.codedUnits)) \(s.unitName(r.provenance.unit, plural: true)), codebook \(r.provenance.codebook)"
            + (r.provenance.codebookVersion.map { " v\($0)" } ?? "") + " (\(r.summary.themes) themes)\n"
        let errorCount = errors.count
        var checkLine = "  check: \(check.read) of \(check.documents) read, "
            + (errorCount == 0 ? style.good("no errors") : style.bad("\(errorCount) error\(errorCount == 1 ? "" : "s")"))
            + ", \(check.warnings) warning\(check.warnings == 1 ? "" : "s")"
        if check.warnings + errorCount > 0 { checkLine += style.note("  (details: verbatim check --study \(studyPath))") }
        out += checkLine + "\n"

        let dir = output.hasSuffix("/") ? output : output + "/"
        let what: [String: String] = [
            "rapport.html": "the report: corpus, themes by group, territories, context and waves with tests, verbatims",
            "verbatims.docx": "\(bundle.excerpts.excerptCount) verbatims, up to 3 per theme, balanced across groups (Word)",
            "frequences.csv": "n/N per theme and group (as verbatim stats --format csv)",
            "codages.csv": "one row per coding (\(s.format(r.summary.codings))), speakers pseudonymised",
        ]
        var tail = "\nWrote \(dir) (names replaced by pseudonyms):\n"
        let width = (bundle.files.map(\.name.count).max() ?? 0) + 2
        for f in bundle.files {
            let description = what[f.name] ?? bundle.matrices.first { bundle.matrixFileName($0.attribute) == f.name }
                .map { "themes × \($0.attribute), with a test per theme (as verbatim matrix --cols \($0.attribute))" } ?? ""
            tail += "  " + f.name.padding(toLength: width, withPad: " ", startingAt: 0) + style.note(description) + "\n"
        }
        let findings = self.findings
        if !findings.isEmpty {
            tail += "\nWhat the data show, within each group (outcomes: n/N of the group's participant units, no test; associations: p < 0.05, not corrected for testing \(r.summary.themes) themes):\n"
            if let m = bundle.matrices.first?.matrix, m.sharedDocuments > 0 {
                tail += "  (\(m.sharedUnits) participants share \(m.sharedDocuments) focus-group documents: tests on participants overstate significance; the report gives each test on documents too, as verbatim matrix --per document does)\n"
            }
            for f in findings { tail += "  - " + AnalysisFormat.wrap(f, width: 110).replacingOccurrences(of: "\n", with: "\n    ") + "\n" }
        }
        tail += style.note("""

        Next: open \(dir)rapport.html in a browser, or try
          verbatim stats --by group,wave --study \(studyPath)
          verbatim excerpts --theme demarches-seul --max-per-theme 5 --study \(studyPath)
          verbatim report --study \(studyPath) -o rapport.html

        """)
        return (out, tail)
    }
}
