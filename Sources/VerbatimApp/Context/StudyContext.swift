import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimCodebook
import VerbatimCoding

/// What every use case works in: the study, and where its problems go.
///
/// The context is the one place that decides how a study is found (``StudyLocator``), which codebook
/// applies and how it is checked, and which coding unit is used, so that the same bad value is
/// reported the same way, with the same exit code, by every command and by the workbench.
public final class StudyContext: @unchecked Sendable {
    /// The study (for bare files, a study with defaults and no tables).
    public let study: Study
    /// Where problems and progress go.
    public let consumer: any DiagnosticConsumer
    /// Blind coding (``BlindCoding``): the researchers' codings shown and counted are this coder's alone.
    /// Set by the front end right after the context is made.
    public var blind: BlindCoding?

    /// A context over an open study.
    public init(study: Study, consumer: any DiagnosticConsumer) {
        self.study = study
        self.consumer = consumer
    }

    /// Finds and opens the study (see ``StudyLocator``).
    /// - Throws: a ``Diagnostic`` when there is no study or its settings are invalid.
    public convenience init(folder: String?, paths: [String] = [], consumer: any DiagnosticConsumer) throws {
        self.init(study: try StudyLocator.open(folder: folder, paths: paths), consumer: consumer)
    }

    /// Whether the study is a real study folder (not bare files).
    public var isStudyFolder: Bool { study.root != nil }

    // MARK: - The codebook

    /// Where the codebook is: `file` (a `--codebook` option) when given, else the study's `codebook:`.
    /// - Throws: a ``Diagnostic`` when there is none, or it is missing or a folder.
    public func codebookLocation(_ file: String?) throws -> (url: URL, path: String) {
        let url: URL, path: String
        if let file {
            url = URL(fileURLWithPath: file)
            path = file
        } else if isStudyFolder, let u = study.codebookURL {
            url = u
            path = Study.display(u)
        } else {
            throw Diagnostic.error("", "no codebook: pass --codebook FILE, or set 'codebook:' in \(Study.configName)")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw Diagnostic.error(path, "no such codebook file")
        }
        if isDir.boolValue { throw Diagnostic.error(path, "is a folder, not a codebook file") }
        return (url, path)
    }

    /// Loads and checks the codebook, returning it with its warnings. A codebook with errors has each of
    /// them reported, then a summary is thrown.
    public func loadCodebook(_ file: String?) throws -> (codebook: Codebook, warnings: [Diagnostic]) {
        let (url, path) = try codebookLocation(file)
        do {
            return try CodebookLoader.load(url: url, path: path)
        } catch let e as CodebookErrors {
            // The study's checks of the theory of change too, so that every error is said at once.
            let study = e.codebook.map(theoryOfChangeDiagnostics) ?? []
            let all = e.diagnostics + study.filter { d in !e.diagnostics.contains { $0.description == d.description } }
            consumer.report(all)
            let errors = all.filter { $0.severity == .error }.count
            throw Diagnostic.error(path, "the codebook has \(errors) error\(errors == 1 ? "" : "s"); nothing was coded")
        }
    }

    /// The codebook a coding use case works with: loaded as ``loadCodebook(_:)``; its warnings are summed
    /// up in one line (`verbatim codebook lint` lists them).
    public func codebook(_ file: String?) throws -> Codebook {
        let (book, warnings) = try loadCodebook(file)
        let count = warnings.filter { $0.severity == .warning }.count
        if count > 0 {
            consumer.report(.warning(book.path, "\(count) codebook warning\(count == 1 ? "" : "s"); see 'verbatim codebook lint'"))
        }
        return book
    }

    /// The name of `known` that `typed` is likely a typo of: the closest a few edits away (at most a third
    /// of its length, from one to three), both compared as `fold` makes them; nil when none is that close.
    public static func likelyTypo(of typed: String, among known: [String], fold: (String) -> String) -> String? {
        let t = fold(typed)
        return known.map { ($0, StudyChecker.editDistance(t, fold($0))) }
            .filter { $0.1 <= max(1, min(3, $0.0.count / 3)) }.min { $0.1 < $1.1 }?.0
    }

    /// Checks that `id` is a theme of `book`.
    /// - Throws: a ``Diagnostic`` located in the codebook, listing the valid ids, after the likeliest
    ///   one (`did you mean 'peur-internet'?`) when there is one: the id a few letters away (ignoring
    ///   case and accents), else the only id that begins with `id`, else the only one with `id` as one
    ///   of its words (`reseau` for `couverture-reseau`).
    public func requireTheme(_ id: String, in book: Codebook) throws {
        if book.theme(id) != nil { return }
        let ids = book.allThemes.map(\.id)
        func fold(_ s: String) -> String { s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
        let typed = fold(id)
        var guess = StudyContext.likelyTypo(of: id, among: ids, fold: fold)
        if guess == nil, typed.count >= 3 {
            let starting = ids.filter { fold($0).hasPrefix(typed) }
            let containing = ids.filter { fold($0).split(whereSeparator: { $0 == "-" || $0 == "_" }).contains { $0 == typed } }
            guess = starting.count == 1 ? starting[0] : containing.count == 1 ? containing[0] : nil
        }
        let hint = guess.map { "; did you mean '\($0)'?" } ?? ""
        throw Diagnostic.error(book.path, "unknown theme '\(id)'\(hint) (themes: \(ids.joined(separator: ", ")))")
    }

    // MARK: - The coding unit

    /// The coding unit: `option` (a `--unit` option; a bad one is a usage error) when given, else the
    /// study's `unit:` (a bad one is an error in `verbatim.yaml`).
    public func unit(_ option: String? = nil) throws -> CodingUnit {
        let name = option ?? study.config.unit
        if let unit = CodingUnit(rawValue: name) { return unit }
        if option != nil { throw Diagnostic.usage("unknown unit '\(name)' (turn, sentence or paragraph)") }
        let file = study.root.map { Study.display($0.appendingPathComponent(Study.configName)) } ?? Study.configName
        throw Diagnostic.error(file, "unknown unit '\(name)' (turn, sentence or paragraph)")
    }

    // MARK: - The researchers' codings

    /// The coders' decisions for an analysis counting `source` (restricted to `coder`'s when given);
    /// nil when there is nothing to apply. Malformed lines of the coding files are reported.
    ///
    /// Under blind coding, only the blind coder's decisions are read, whatever `coder` says (none when
    /// the coder is not known: the rules' codings alone, with a warning).
    public func review(source: CodingSource, coder: String? = nil) -> ReviewSet? {
        guard let root = study.root else { return nil }
        var coder = coder
        if let blind {
            guard let me = blind.coder else {
                consumer.report(.warning("", "blind coding is on but who is coding is not known (--coder NAME or VERBATIM_CODER): nobody's codings are counted"))
                return source == .rules ? nil : ReviewSet(source: source, codings: [])
            }
            coder = me
        }
        if source == .rules && coder == nil { return nil }
        let contents = CodingStore(root: root).read(coder: coder)
        consumer.report(contents.diagnostics)
        if contents.codings.isEmpty && source == .all { return nil }
        return ReviewSet(source: source, codings: contents.codings)
    }

    // MARK: - Documents

    /// The transcripts named by `paths` (every transcript of the study when empty); problems with the
    /// names themselves are reported.
    public func corpus(_ paths: [String]) -> Corpus {
        let corpus = Corpus(study: study, paths: paths)
        consumer.report(corpus.diagnostics)
        return corpus
    }
}

/// A consumer that keeps every diagnostic, for tests and for front ends that show them later.
public final class DiagnosticCollector: DiagnosticConsumer, @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Diagnostic] = []

    public init() {}

    public func report(_ diagnostic: Diagnostic) {
        lock.lock()
        items.append(diagnostic)
        lock.unlock()
    }

    /// What was reported, in order.
    public var diagnostics: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}
