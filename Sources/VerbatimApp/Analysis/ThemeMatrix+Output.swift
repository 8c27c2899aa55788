import VerbatimAnalysis
import VerbatimExport

extension ThemeMatrix {
    /// The names of the columns of ``csv()`` and of the records of ``json(info:)``. Percentages: `_col_pct` is
    /// the share of the column (for participants, n/N), `_row_pct` the share of the theme's total.
    public var recordFields: [String] {
        ["theme", "label", "depth"] + attributes + [
            "participants", "N", "participants_col_pct", "participants_row_pct",
            "documents", "documents_N", "documents_col_pct", "documents_row_pct",
            "units", "units_N", "units_col_pct", "units_row_pct",
            "words", "small_n",
            "test", "statistic", "statistic_name", "df", "p", "cramers_v", "warnings",
        ]
    }

    /// One record per theme × column, then theme × total (its attribute values are `(all)`); the theme's
    /// test is repeated on each of its records.
    public var records: [(row: Row, column: AttributeGroup, cell: Cell)] {
        rows.flatMap { row in zip(columns, row.cells).map { (row, $0, $1) } + [(row, total, row.total)] }
    }

    private func values(_ g: AttributeGroup) -> [String] {
        g.isTotal ? attributes.map { _ in AnalysisFormat.totalValue } : g.values
    }

    /// Tidy CSV: one row per theme × column (and theme × total), columns ``recordFields``.
    public func csv() -> String {
        var w = CSVWriter(header: recordFields)
        func m(_ x: Measure, base: Bool) -> [String] {
            [String(x.count)] + (base ? [String(x.base)] : [])
                + [AnalysisFormat.csvNumber(AnalysisFormat.rounded(x.columnPercent)), AnalysisFormat.csvNumber(AnalysisFormat.rounded(x.rowPercent))]
        }
        for r in records {
            let a = r.row.association
            w.row([r.row.theme.id, r.row.theme.label, String(r.row.theme.depth)] + values(r.column)
                + m(r.cell.participants, base: true) + m(r.cell.documents, base: true) + m(r.cell.units, base: true)
                + [String(r.cell.words), r.cell.smallN ? "true" : "false",
                   AnalysisFormat.machineName(a.test), AnalysisFormat.csvNumber(a.test == .none ? nil : a.statistic),
                   a.statisticName, String(a.degreesOfFreedom), AnalysisFormat.csvNumber(a.test == .none ? nil : a.pValue),
                   AnalysisFormat.csvNumber(a.cramersV), a.warnings.joined(separator: "; ")])
        }
        return w.text
    }

    /// JSON: the columns with their N, the same records as ``csv()`` (warnings as a list), and per theme
    /// the tested table and why its test was chosen.
    public func json(info: AnalysisInfo? = nil) -> JSONValue {
        func columnJSON(_ g: AttributeGroup) -> JSONValue {
            .object(zip(attributes, values(g)).map { ($0, JSONValue.string($1)) } + [
                ("label", .string(g.isTotal ? AnalysisFormat.totalValue : g.label())), ("N", .int(g.size)),
                ("documents", .int(g.documents)), ("coded_units", .int(g.codedUnits)), ("small_n", .bool(g.isSmall)),
            ])
        }
        func m(_ prefix: String, _ x: Measure, baseName: String) -> [(String, JSONValue)] {
            [(prefix, .int(x.count)), (baseName, .int(x.base)),
             ("\(prefix)_col_pct", AnalysisFormat.jsonNumber(AnalysisFormat.rounded(x.columnPercent))),
             ("\(prefix)_row_pct", AnalysisFormat.jsonNumber(AnalysisFormat.rounded(x.rowPercent)))]
        }
        let recs: [JSONValue] = records.map { r in
            let a = r.row.association
            return .object([("theme", .string(r.row.theme.id)), ("label", .string(r.row.theme.label)),
                            ("depth", .int(r.row.theme.depth))]
                + zip(attributes, values(r.column)).map { ($0, JSONValue.string($1)) }
                + m("participants", r.cell.participants, baseName: "N") + m("documents", r.cell.documents, baseName: "documents_N")
                + m("units", r.cell.units, baseName: "units_N")
                + [("words", .int(r.cell.words)), ("small_n", .bool(r.cell.smallN)),
                   ("test", .string(AnalysisFormat.machineName(a.test))),
                   ("statistic", AnalysisFormat.jsonNumber(a.test == .none ? nil : a.statistic)),
                   ("statistic_name", .string(a.statisticName)), ("df", .int(a.degreesOfFreedom)),
                   ("p", AnalysisFormat.jsonNumber(a.test == .none ? nil : a.pValue)),
                   ("cramers_v", AnalysisFormat.jsonNumber(a.cramersV)),
                   ("warnings", .array(a.warnings.map { .string($0) }))])
        }
        let tests: [JSONValue] = rows.map { row in
            let a = row.association
            return .object([
                ("theme", .string(row.theme.id)), ("test", .string(AnalysisFormat.machineName(a.test))),
                ("name", .string(a.test.displayName)), ("reason", .string(a.reason)),
                ("table", .object([("columns", .array(row.table.columnLabels.map { .string($0) })),
                                   ("mentions", .array(row.table.counts[0].map { .int($0) })),
                                   ("does_not_mention", .array(row.table.counts[1].map { .int($0) }))])),
                ("warnings", .array(a.warnings.map { .string($0) })),
            ])
        }
        return .object(AnalysisFormat.infoFields(info) + [
            ("columns_by", .array(attributes.map { .string($0) })), ("min_n", .int(minN)), ("excluded", .int(excluded)),
            ("tested_per", .string(level.rawValue)), ("shared_documents", .int(sharedDocuments)), ("shared_units", .int(sharedUnits)),
            ("columns", .array((columns + [total]).map(columnJSON))),
            ("records", .array(recs)),
            ("tests", .array(tests)),
        ])
    }

    private var anySmall: Bool { columns.contains(where: \.isSmall) || total.isSmall }

    private func cellText(_ c: Cell, _ kind: CellKind) -> String {
        switch kind {
        case .percent:
            return AnalysisFormat.fraction(c.participants.count, c.participants.base) + (c.smallN ? "†" : "")
        default:
            return String(c.measure(kind).count)
        }
    }

    private func title(_ kind: CellKind) -> String {
        let by = AnalysisFormat.attributesTitle(attributes)
        switch kind {
        case .percent: return "Participant units mentioning each theme, by \(by): n/N (% of the column)"
        case .participants: return "Participant units mentioning each theme, by \(by)"
        case .documents: return "Documents where each theme is coded, by \(by)"
        case .units: return "Coded units of each theme, by \(by)"
        }
    }

    /// The notes under a matrix: what is counted and tested, the markers, what was left out.
    public func notes(cell kind: CellKind, info: AnalysisInfo?) -> [String] {
        var out: [String] = []
        out.append("N = participant units in the column: focus-group participants listed in the participants table one by one, every other document once; interviewer turns are never counted. A parent theme counts a unit coded with its sub-themes once.")
        if kind == .percent, anySmall { out.append("† N under \(minN): a percentage on so few units is unstable.") }
        let tested = level == .document ? "documents" : "participant units"
        out.append("Test per theme: \(tested) mentioning vs not mentioning the theme × columns. Fisher = Fisher's exact test (2 × 2 tables); Freeman–Halton = its extension to larger tables, used when expected counts are small (Cochran's rule); chi² = Pearson's chi-square test (df in brackets). V = Cramér's V. The p-values are not corrected for testing \(rows.count) \(AnalysisFormat.plural(rows.count, "theme", "themes")).")
        if let shared = sharedNote { out.append(shared) }
        let warned = rows.filter { !$0.association.warnings.isEmpty }.count
        if warned > 0 {
            out.append("! after p: \(warned) of \(rows.count) tests have warnings (small expected counts, empty columns, nothing to test): see --format json for each.")
        }
        if excluded > 0 {
            out.append("\(excluded) \(AnalysisFormat.plural(excluded, "participant unit", "participant units")) without a value for \(attributes.map { "'\($0)'" }.joined(separator: " or ")) left out.")
        }
        if let info {
            out.append(info.provenanceNote)
        }
        return out
    }

    /// Beside the tests, when participant units share a document: they are not independent.
    public var sharedNote: String? {
        guard sharedDocuments > 0 else { return nil }
        let docs = "\(sharedDocuments) \(AnalysisFormat.plural(sharedDocuments, "document", "documents"))"
        if level == .document {
            return "Tested per document: the \(sharedUnits) participant units of \(docs) with several participants (focus groups) count as their document once."
        }
        return "\(sharedUnits) participant units share \(docs) (focus groups): members of one discussion are not independent, so these tests overstate significance. 'verbatim matrix --per document' tests documents instead."
    }

    private var anyWarning: Bool { rows.contains { !$0.association.warnings.isEmpty } }

    /// The test's name, its p-value (with `!` when the test has warnings) and Cramér's V.
    private func testCells(_ a: AssociationResult) -> [String] {
        let name = a.test == .chiSquare ? "chi²(\(a.degreesOfFreedom))" : AnalysisFormat.shortName(a.test)
        let marker = a.warnings.isEmpty ? (anyWarning ? " " : "") : "!"
        return [name, (a.test == .none ? "—" : AnalysisFormat.pValue(a.pValue)) + marker, AnalysisFormat.decimal2(a.cramersV)]
    }

    /// An aligned terminal table: themes indented by depth, one column per value showing `kind`, the total,
    /// then the test, its p-value, Cramér's V and a warning marker; the notes below.
    public func text(cell kind: CellKind = .percent, info: AnalysisInfo? = nil, style: TextStyle = .plain,
                     maxWidth: Int = 48) -> String {
        var t = Table(header: ["theme", "id"] + columns.map { $0.label() } + ["total", "test", "p", "V"],
                          alignments: [.left, .left] + columns.map { _ in .right } + [.right, .left, .right, .right])
        for row in rows {
            t.add([String(repeating: "  ", count: row.theme.depth) + row.theme.label, row.theme.id]
                  + row.cells.map { cellText($0, kind) } + [cellText(row.total, kind)] + testCells(row.association))
        }
        var out = style.strong(title(kind)) + "\n" + t.text(headerStyle: style.strong, maxWidth: maxWidth) + "\n"
        for n in notes(cell: kind, info: info) { out += style.note(AnalysisFormat.wrap(n)) + "\n" }
        return out
    }

    /// Markdown: a heading, the table as ``text(cell:info:style:maxWidth:)`` shows it, and the notes.
    public func markdown(cell kind: CellKind = .percent, info: AnalysisInfo? = nil) -> String {
        var t = Table(header: ["Theme"] + columns.map { $0.label() } + ["Total", "Test", "p", "V"],
                              alignments: [.left] + columns.map { _ in .right } + [.right, .left, .right, .right])
        for row in rows {
            t.add([String(repeating: "&emsp;", count: row.theme.depth) + row.theme.label + " (`\(row.theme.id)`)"]
                  + row.cells.map { cellText($0, kind) } + [cellText(row.total, kind)] + testCells(row.association))
        }
        var out = "### \(title(kind))\n\n" + t.markdown() + "\n"
        out += notes(cell: kind, info: info).joined(separator: "\n\n") + "\n"
        return out
    }
}
