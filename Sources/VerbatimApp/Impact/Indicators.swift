import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimIngest

/// A questionnaire figure carried beside the interviews: `indicators.csv` in the study folder, one row an
/// indicator with the columns `outcome` (an outcome id of the theory of change), `group`, `horizon`
/// (short, long, both or empty), `value` (a percentage: `91` or `91%`), `n` (respondents) and `source`
/// (where it was published), and optionally `label`.
public struct Indicator: Sendable, Equatable {
    public var outcome: String
    public var group: String?
    public var horizon: TheoryOfChange.Expected?
    /// The percentage, 0 to 100.
    public var value: Double
    /// The respondents it is a percentage of.
    public var n: Int?
    public var source: String
    public var label: String?
    /// 1-based line in the file.
    public var line: Int

    /// Set when the figure is computed from the study's `survey.csv` rather than copied from a report.
    public var survey: SurveyFigure?

    /// `69% (n = 1 108)`, or `69% (n not given)`.
    public var shown: String {
        let v = value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
        return "\(v)% " + (n.map { "(n = \($0))" } ?? "(n not given)")
    }
}

/// An indicator computed from respondent-level answers (`survey.csv`): the share of the respondents who
/// answered `question` with one of the `yes` answers, and, for the respondents who were also
/// interviewed (their id is a participant of the study), whether they speak of the outcome.
public struct SurveyFigure: Sendable, Equatable {
    /// The `survey.csv` column.
    public var question: String
    /// The answers counted as yes (compared ignoring case and accents).
    public var yes: [String]
    /// Respondents with an answer (in the indicator's group and horizon), and those who said yes.
    public var answered: Int
    public var said: Int
    /// The respondents who answered and whose id names a participant of the study.
    public var interviewed: [Respondent] = []
    /// The `source` column as written (may be empty), without the computation's description.
    public var givenSource: String = ""

    public struct Respondent: Sendable, Equatable {
        public var id: String
        public var saidYes: Bool
        /// Whether their words are coded with an evidence theme of the outcome.
        public var mentions: Bool
    }

    /// `of the 5 respondents also interviewed: 3 said yes (2 speak of it), 2 did not (1 speaks of it)`.
    public var linkSummary: String? {
        guard !interviewed.isEmpty else { return nil }
        let yes = interviewed.filter(\.saidYes), no = interviewed.filter { !$0.saidYes }
        return "of the \(interviewed.count) respondent\(interviewed.count == 1 ? "" : "s") also interviewed: "
            + "\(yes.count) said yes (\(yes.filter(\.mentions).count) speak\(yes.filter(\.mentions).count == 1 ? "s" : "") of it in the interview), "
            + "\(no.count) did not (\(no.filter(\.mentions).count) speak\(no.filter(\.mentions).count == 1 ? "s" : "") of it)"
    }
}

/// The study's `survey.csv`: one row per questionnaire respondent, a `respondent` column (their id:
/// a document's name or a speaker's label when they were also interviewed), answer columns, and
/// optionally the group and horizon attributes of the theory of change (`group`, `wave`).
public struct SurveyTable: Sendable {
    public static let fileName = "survey.csv"
    public var columns: [String]
    public var rows: [(line: Int, id: String, fields: [String: String])]

    /// The survey of the study folder `root`, nil when it has none.
    /// - Throws: a located ``Diagnostic`` for an unreadable file or a missing `respondent` column.
    public static func read(root: URL?) throws -> SurveyTable? {
        try StudyTableFile.data(fileName, in: root).map { try parse($0, path: fileName) }
    }

    public static func parse(_ data: Data, path: String) throws -> SurveyTable {
        let table: CSVTable
        do { table = try CSVTable.parse(data, path: path) } catch let e as DiagnosticConvertible { throw e.diagnostic }
        guard let idColumn = table.column(["respondent", "répondant", "repondant", "id"]) else {
            throw Diagnostic.error(path, line: 1, "no 'respondent' column (the respondent's id, then one column per question)")
        }
        var rows: [(line: Int, id: String, fields: [String: String])] = []
        var seen: [String: Int] = [:]
        for (line, f) in table.rows {
            let id = f[idColumn].trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty else { throw Diagnostic.error(path, line: line, "a row without a respondent id") }
            if let first = seen[SpeakerRules.fold(id)] {
                throw Diagnostic.error(path, line: line, "respondent '\(id)' appears twice (first on line \(first))")
            }
            seen[SpeakerRules.fold(id)] = line
            var fields: [String: String] = [:]
            for (i, name) in table.header.enumerated() where i != idColumn && i < f.count { fields[name] = f[i] }
            rows.append((line: line, id: id, fields: fields))
        }
        return SurveyTable(columns: table.header, rows: rows)
    }

    /// The answers counted as yes when an indicator gives none.
    public static let defaultYes = ["oui", "yes", "plutôt oui", "tout à fait", "rather yes", "1", "true", "vrai"]
}

/// Reads `indicators.csv`.
public enum IndicatorTable {
    public static let fileName = "indicators.csv"

    /// The indicators of the study folder `root` (none when it has no `indicators.csv`), those that
    /// name a question computed from the folder's `survey.csv`.
    /// - Throws: a located ``Diagnostic`` for a missing column, a bad value or an unknown outcome.
    public static func read(root: URL?, theory: TheoryOfChange?) throws -> [Indicator] {
        guard let data = try StudyTableFile.data(fileName, in: root) else { return [] }
        return try parse(data, path: fileName, theory: theory, survey: try SurveyTable.read(root: root))
    }

    /// The same, with the survey already read.
    public static func read(root: URL?, theory: TheoryOfChange?, survey: SurveyTable?) throws -> [Indicator] {
        guard let data = try StudyTableFile.data(fileName, in: root) else { return [] }
        return try parse(data, path: fileName, theory: theory, survey: survey)
    }

    public static func parse(_ data: Data, path: String, theory: TheoryOfChange?, survey: SurveyTable? = nil) throws -> [Indicator] {
        let table: CSVTable
        do { table = try CSVTable.parse(data, path: path) } catch let e as DiagnosticConvertible { throw e.diagnostic }
        func col(_ name: String, required: Bool = true) throws -> Int? {
            let c = table.column([name])
            if c == nil && required {
                throw Diagnostic.error(path, line: 1, "no '\(name)' column (expected outcome, group, horizon, value, n, source)")
            }
            return c
        }
        let question = try col("question", required: false), yesCol = try col("yes", required: false)
        let outcome = try col("outcome")!, value = try col("value", required: question == nil), source = try col("source", required: question == nil)
        let group = try col("group", required: false), horizon = try col("horizon", required: false)
        let nCol = try col("n", required: false), label = try col("label", required: false)
        guard let theory else {
            throw Diagnostic.error(path, "the codebook has no 'theory_of_change:' section: indicators name its outcomes")
        }
        var out: [Indicator] = []
        for (line, f) in table.rows {
            let id = f[outcome]
            guard let element = theory.element(id) else {
                let known = theory.elements.map(\.id).joined(separator: ", ")
                throw Diagnostic.error(path, line: line, "unknown outcome '\(id)' (outcomes: \(known))")
            }
            var h: TheoryOfChange.Expected?
            if let horizon, !f[horizon].isEmpty {
                guard let x = TheoryOfChange.Expected(rawValue: f[horizon]) else {
                    throw Diagnostic.error(path, line: line, "horizon '\(f[horizon])' must be short, long, both or empty")
                }
                h = x
            }
            let g = group.flatMap { f[$0].isEmpty ? nil : f[$0] } ?? element.group
            if let question, !f[question].trimmingCharacters(in: .whitespaces).isEmpty {
                // Computed from the respondents' answers.
                let q = f[question].trimmingCharacters(in: .whitespaces)
                guard let survey else {
                    throw Diagnostic.error(path, line: line, "question '\(q)' needs the respondents' answers in \(SurveyTable.fileName), which the study does not have")
                }
                guard survey.columns.contains(q) else {
                    throw Diagnostic.error(path, line: line, "question '\(q)' is not a column of \(SurveyTable.fileName) (columns: \(survey.columns.joined(separator: ", ")))")
                }
                let yes = yesCol.map { f[$0].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? []
                var figure = SurveyFigure(question: q, yes: yes.isEmpty ? SurveyTable.defaultYes : yes, answered: 0, said: 0)
                let yesFolded = Set(figure.yes.map(SpeakerRules.fold))
                for row in survey.rows where Self.inScope(row.fields, group: g, horizon: h, theory: theory) {
                    let a = (row.fields[q] ?? "").trimmingCharacters(in: .whitespaces)
                    guard !a.isEmpty else { continue }
                    figure.answered += 1
                    if yesFolded.contains(SpeakerRules.fold(a)) { figure.said += 1 }
                }
                guard figure.answered > 0 else {
                    throw Diagnostic.error(path, line: line, "no respondent of \(SurveyTable.fileName) answered '\(q)'\(g.map { " in group \($0)" } ?? "")\(h.map { " at the \($0.rawValue) horizon" } ?? "")")
                }
                let computed = "\(SurveyTable.fileName), '\(q)': \(figure.said) of \(figure.answered) respondents"
                let given = source.map { f[$0].trimmingCharacters(in: .whitespaces) } ?? ""
                figure.givenSource = given
                out.append(Indicator(outcome: id, group: g, horizon: h, value: Double(figure.said) * 100 / Double(figure.answered),
                                     n: figure.answered, source: given.isEmpty ? "computed from " + computed : given + " (computed from " + computed + ")",
                                     label: label.flatMap { f[$0].isEmpty ? nil : f[$0] }, line: line, survey: figure))
                continue
            }
            guard let value else {
                throw Diagnostic.error(path, line: line, "an indicator needs a 'value' or a 'question' of \(SurveyTable.fileName)")
            }
            let raw = f[value].replacingOccurrences(of: "%", with: "").replacingOccurrences(of: ",", with: ".")
                .trimmingCharacters(in: .whitespaces)
            guard let v = Double(raw), (0...100).contains(v) else {
                throw Diagnostic.error(path, line: line, "value '\(f[value])' is not a percentage from 0 to 100")
            }
            var n: Int?
            if let nCol, !f[nCol].isEmpty {
                guard let k = Int(f[nCol].replacingOccurrences(of: " ", with: "")), k > 0 else {
                    throw Diagnostic.error(path, line: line, "n '\(f[nCol])' is not a whole number of respondents")
                }
                n = k
            }
            guard let source, !f[source].isEmpty else {
                throw Diagnostic.error(path, line: line, "an indicator needs its 'source' (where the figure was published)")
            }
            out.append(Indicator(outcome: id, group: g, horizon: h, value: v, n: n, source: f[source],
                                 label: label.flatMap { f[$0].isEmpty ? nil : f[$0] }, line: line))
        }
        return out
    }

    /// Whether a respondent's row is in the indicator's group and horizon, where the survey has those
    /// columns (a survey without them is taken whole).
    static func inScope(_ fields: [String: String], group: String?, horizon: TheoryOfChange.Expected?, theory: TheoryOfChange) -> Bool {
        if let group, let v = fields[theory.groupAttribute], !v.isEmpty, SpeakerRules.fold(v) != SpeakerRules.fold(group) { return false }
        if let horizon, horizon != .both, let v = fields[theory.horizonAttribute], !v.isEmpty {
            let values = theory.values(of: horizon == .short ? .short : .long).map(SpeakerRules.fold)
            if !values.contains(SpeakerRules.fold(v)) { return false }
        }
        return true
    }
}

/// An optional table of the study folder (`indicators.csv`, `survey.csv`).
enum StudyTableFile {
    /// The bytes of `name` in `root`, nil when there is no study folder or no such file.
    /// - Throws: a ``Diagnostic`` naming the file when it exists but cannot be read.
    static func data(_ name: String, in root: URL?) throws -> Data? {
        guard let root else { return nil }
        let url = root.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do { return try Data(contentsOf: url) } catch {
            throw Diagnostic.error(name, "cannot read the file: \(SystemErrorText.reason(error))")
        }
    }
}
