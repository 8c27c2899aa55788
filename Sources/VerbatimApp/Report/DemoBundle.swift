import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimAnalysis
import VerbatimExport

/// Everything `verbatim demo` writes, computed in memory: the HTML report, a Word file of balanced
/// excerpts, the frequency and matrix tables as CSV and the codings as CSV, all pseudonymised; and a
/// few findings for the summary it prints.
public struct DemoBundle: Sendable {
    /// One output file.
    public struct File: Sendable {
        /// The file name (`rapport.html`, `verbatims.docx`...).
        public var name: String
        /// Its bytes.
        public var data: Data
    }

    /// The files, in the order they are listed.
    public var files: [File]
    /// The report written to `rapport.html`.
    public var report: StudyReport
    /// Excerpts written to `verbatims.docx`.
    public var excerpts: ExcerptReport
    /// Theme frequencies per group (`frequences.csv`).
    public var frequencies: FrequencyTable
    /// The compared attributes and their matrices (`matrice-contexte.csv`, `matrice-vague.csv`).
    public var matrices: [(attribute: String, matrix: ThemeMatrix)]
    /// The fingerprint of the inputs.
    public var fingerprint: InputFingerprint
    /// What each attribute is for (groups, context, wave...), as the report resolved them.
    public var attributes: StudyReportBuilder.ResolvedAttributes
    /// The findings in outcomes of the theory of change (``ImpactFindings``), when the codebook has one.
    public var impactFindings: [String] = []

    /// The file name of the matrix of an attribute: `matrice-contexte.csv` for the study's context
    /// attribute, `matrice-vague.csv` for its wave attribute, else `matrice-<name>.csv`.
    public static func matrixFileName(_ attribute: String, attributes: StudyReportBuilder.ResolvedAttributes) -> String {
        if attribute == attributes.context { return "matrice-contexte.csv" }
        if attribute == attributes.wave { return "matrice-vague.csv" }
        let folded = attribute.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let safe = String(folded.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
        return "matrice-\(safe).csv"
    }

    /// The file name of the matrix of `attribute` in this bundle.
    public func matrixFileName(_ attribute: String) -> String { DemoBundle.matrixFileName(attribute, attributes: attributes) }

    /// Computes every output of the demo for a study coded with `keepText: true`.
    ///
    /// - Parameters:
    ///   - coded: The coded study.
    ///   - study: The study (names table, tables for the fingerprint).
    ///   - codebook: The codebook file, for the fingerprint.
    ///   - generator: The program and version named in the report.
    ///   - maxPerTheme: Excerpts per theme in the report and the Word file.
    /// - Throws: ``ReportError`` when the study cannot be reported on.
    public static func make(coded: CodedStudy, study: Study, codebook: URL?, generator: String,
                            maxPerTheme: Int = 3) throws -> DemoBundle {
        let pseudonymizer = try Pseudonymizer.checked(study: study, documents: coded.documents)
        let fingerprint = try InputFingerprint.compute(study: study, coded: coded, paths: [], codebook: codebook)
        var request = ReportRequest(maxPerTheme: maxPerTheme, generator: generator)
        if let theory = coded.codebook.theoryOfChange { request.indicators = try coded.indicators(root: study.root, theory: theory) }
        let report = try StudyReportBuilder.build(coded, request: request, pseudonymizer: pseudonymizer, fingerprint: fingerprint,
                                                  codebookFile: codebook?.lastPathComponent)
        let attrs = try StudyReportBuilder.attributes(coded, request: request)
        let tree = coded.themeTree
        let corpus = coded.codedCorpus

        func analysis<T>(_ body: () throws -> T) throws -> T {
            do { return try body() } catch let e as AnalysisError { throw ReportError.invalid(e.description) }
        }
        let frequencies = try analysis { try FrequencyTable.compute(corpus, themes: tree, by: attrs.group.map { [$0] } ?? [], level: .participant) }
        let matrices = try attrs.compare.map { a in (attribute: a, matrix: try analysis { try ThemeMatrix.compute(corpus, themes: tree, columns: [a]) }) }

        let own = Set(coded.codings.map(\.theme))
        let excerpts = try StudyReportBuilder.flatExcerpts(coded, themes: tree.ids.filter { own.contains($0) }, maxPerTheme: maxPerTheme,
                                                           seed: request.seed, balance: attrs.group, pseudonymizer: pseudonymizer)
        let docx: Data
        do { docx = try DocxWriter.data(for: ExcerptDocxBuilder.document(excerpts)) } catch {
            throw ReportError.invalid("cannot build verbatims.docx: \(SystemErrorText.reason(error))")
        }
        let documentAttributes = attrs.corpus.filter { a in coded.documents.contains { $0.attributes[a] != nil } }
        var files = [
            File(name: "rapport.html", data: Data(ReportHTMLWriter.render(report).utf8)),
            File(name: "verbatims.docx", data: docx),
            File(name: "frequences.csv", data: Data(frequencies.csv().utf8)),
        ]
        for (a, m) in matrices { files.append(File(name: matrixFileName(a, attributes: attrs), data: Data(m.csv().utf8))) }
        files.append(File(name: "codages.csv", data: Data(CodingsTable.csv(coded, attributes: documentAttributes, pseudonymizer: pseudonymizer).utf8)))
        var bundle = DemoBundle(files: files, report: report, excerpts: excerpts, frequencies: frequencies, matrices: matrices,
                                fingerprint: fingerprint, attributes: attrs)
        bundle.impactFindings = try ImpactFindings.lines(coded, indicators: request.indicators)
        return bundle
    }
}
