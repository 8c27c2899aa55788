import VerbatimAnalysis
import VerbatimExport

extension FrequencyTable {
    /// The names of the columns of ``csv()`` and of the records of ``json(info:)``.
    public var recordFields: [String] {
        ["theme", "label", "depth"] + attributes + ["n", "N", "percent", "units", "documents", "words", "small_n"]
    }

    /// One record per theme × group, then theme × total (its attribute values are `(all)`).
    public var records: [(theme: ThemeNode, group: AttributeGroup, cell: Cell)] {
        rows.flatMap { row in
            zip(groups, row.cells).map { (row.theme, $0, $1) } + [(row.theme, total, row.total)]
        }
    }

    private func values(_ g: AttributeGroup) -> [String] {
        g.isTotal ? attributes.map { _ in AnalysisFormat.totalValue } : g.values
    }

    /// Tidy CSV: one row per theme × group (and theme × total), columns ``recordFields``; percentages to one
    /// decimal.
    public func csv() -> String {
        var w = CSVWriter(header: recordFields)
        for r in records {
            w.row([r.theme.id, r.theme.label, String(r.theme.depth)] + values(r.group) + [
                String(r.cell.n), String(r.cell.base), AnalysisFormat.csvNumber(AnalysisFormat.rounded(r.cell.percent)),
                String(r.cell.units), String(r.cell.documents), String(r.cell.words), r.cell.smallN ? "true" : "false",
            ])
        }
        return w.text
    }

    /// JSON: the request (`by`, `per`, `min_n`), the groups with their N, and the same records as ``csv()``.
    public func json(info: AnalysisInfo? = nil) -> JSONValue {
        func groupJSON(_ g: AttributeGroup) -> JSONValue {
            .object(zip(attributes, values(g)).map { ($0, JSONValue.string($1)) } + [
                ("label", .string(g.isTotal ? AnalysisFormat.totalValue : g.label())), ("N", .int(g.size)),
                ("documents", .int(g.documents)), ("coded_units", .int(g.codedUnits)), ("small_n", .bool(g.isSmall)),
            ])
        }
        let recs: [JSONValue] = records.map { r in
            .object([("theme", .string(r.theme.id)), ("label", .string(r.theme.label)), ("depth", .int(r.theme.depth))]
                + zip(attributes, values(r.group)).map { ($0, JSONValue.string($1)) }
                + [("n", .int(r.cell.n)), ("N", .int(r.cell.base)),
                   ("percent", AnalysisFormat.jsonNumber(AnalysisFormat.rounded(r.cell.percent))),
                   ("units", .int(r.cell.units)), ("documents", .int(r.cell.documents)), ("words", .int(r.cell.words)),
                   ("small_n", .bool(r.cell.smallN))])
        }
        return .object(AnalysisFormat.infoFields(info) + [
            ("by", .array(attributes.map { .string($0) })), ("per", .string(level.rawValue)), ("min_n", .int(minN)),
            ("excluded", .int(excluded)),
            ("groups", .array((groups + [total]).map(groupJSON))),
            ("records", .array(recs)),
        ])
    }

    private var anySmall: Bool { groups.contains(where: \.isSmall) || total.isSmall }

    private func mentionCell(_ c: Cell) -> String {
        AnalysisFormat.fraction(c.n, c.base) + (c.smallN ? "†" : "")
    }

    /// `units · documents · words`, each part padded to `widths` so that the dots line up in a column.
    private func detailCell(_ c: Cell, _ widths: [Int] = [0, 0, 0]) -> String {
        zip([c.units, c.documents, c.words], widths).map { n, w in
            let s = String(n)
            return String(repeating: " ", count: max(0, w - s.count)) + s
        }.joined(separator: " · ")
    }

    /// The widths of the parts of the detail cells of each column (groups, then total).
    private var detailWidths: [[Int]] {
        (0...groups.count).map { gi in
            let cells = rows.map { gi < groups.count ? $0.cells[gi] : $0.total }
            return [cells.map { String($0.units).count }.max() ?? 0, cells.map { String($0.documents).count }.max() ?? 0,
                    cells.map { String($0.words).count }.max() ?? 0]
        }
    }

    private var counted: String { level == .participant ? "Participant units" : "Documents" }

    private var titles: (String, String) {
        let by = AnalysisFormat.attributesTitle(attributes)
        return ("\(counted) mentioning each theme, by \(by): n/N (% of the group)",
                "Coded units · documents · words, by \(by)")
    }

    /// Notes that explain the numbers: what N counts, the small-N flag, what was left out.
    public func notes(info: AnalysisInfo?, french: Bool = false) -> [String] {
        if french { return frenchNotes(info: info) }
        var out: [String] = []
        switch level {
        case .participant:
            out.append("N = participant units in the group: focus-group participants listed in the participants table one by one, every other document once; interviewer turns are never counted.")
        case .document:
            out.append("N = documents in the group.")
        }
        out.append("A parent theme counts a unit coded with its sub-themes once.")
        if anySmall { out.append("† N under \(minN): a percentage on so few units is unstable.") }
        if excluded > 0 {
            let what = level == .participant ? AnalysisFormat.plural(excluded, "participant unit", "participant units")
                : AnalysisFormat.plural(excluded, "document", "documents")
            out.append("\(excluded) \(what) without a value for \(attributes.map { "'\($0)'" }.joined(separator: " or ")) left out.")
        }
        if let info {
            out.append(info.provenanceNote)
        }
        return out
    }

    private func frenchNotes(info: AnalysisInfo?) -> [String] {
        var out: [String] = []
        switch level {
        case .participant:
            out.append("N = unités de participants du groupe : les participants d’un groupe de discussion inscrits un par un dans la table des participants, tout autre document une fois ; les tours de l’enquêteur ne sont jamais comptés.")
        case .document:
            out.append("N = documents du groupe.")
        }
        out.append("Un thème parent compte une seule fois une unité codée avec ses sous-thèmes.")
        if anySmall { out.append("† N inférieur à \(minN) : un pourcentage sur si peu d’unités est instable.") }
        if excluded > 0 {
            let what = level == .participant ? AnalysisFormat.plural(excluded, "unité de participant", "unités de participants")
                : AnalysisFormat.plural(excluded, "document", "documents")
            out.append("\(excluded) \(what) sans valeur pour \(attributes.map { "« \($0) »" }.joined(separator: " ou ")) laissé\(level == .participant ? "e" : "")\(excluded == 1 ? "" : "s") de côté.")
        }
        if let info { out.append(info.provenanceNote(french: true)) }
        return out
    }

    /// Two aligned terminal tables (n/N per group, then coded units · documents · words), themes indented
    /// by depth, and the notes.
    public func text(info: AnalysisInfo? = nil, style: TextStyle = .plain, maxWidth: Int = 48) -> String {
        let header = ["theme", "id"] + groups.map { $0.label() } + ["total"]
        let align: [Table.Alignment] = [.left, .left] + groups.map { _ in .right } + [.right]
        var a = Table(header: header, alignments: align)
        var b = Table(header: header, alignments: align)
        let widths = detailWidths
        for row in rows {
            let name = String(repeating: "  ", count: row.theme.depth) + row.theme.label
            a.add([name, row.theme.id] + row.cells.map(mentionCell) + [mentionCell(row.total)])
            b.add([name, row.theme.id] + (row.cells + [row.total]).enumerated().map { detailCell($1, widths[$0]) })
        }
        let (t1, t2) = titles
        var out = style.strong(t1) + "\n" + a.text(headerStyle: style.strong, maxWidth: maxWidth) + "\n"
        out += style.strong(t2) + "\n" + b.text(headerStyle: style.strong, maxWidth: maxWidth) + "\n"
        for n in notes(info: info) { out += style.note(AnalysisFormat.wrap(n)) + "\n" }
        return out
    }

    /// Markdown: a heading and table of n/N per group, a table of coded units · documents · words, and
    /// the notes.
    public func markdown(info: AnalysisInfo? = nil) -> String {
        let header = ["Theme"] + groups.map { $0.label() } + ["Total"]
        let align: [Table.Alignment] = [.left] + groups.map { _ in .right } + [.right]
        var a = Table(header: header, alignments: align)
        var b = Table(header: header, alignments: align)
        for row in rows {
            let name = String(repeating: "&emsp;", count: row.theme.depth) + row.theme.label + " (`\(row.theme.id)`)"
            a.add([name] + row.cells.map(mentionCell) + [mentionCell(row.total)])
            b.add([name] + row.cells.map { detailCell($0) } + [detailCell(row.total)])
        }
        let (t1, t2) = titles
        var out = "### \(t1)\n\n" + a.markdown() + "\n### \(t2)\n\n" + b.markdown() + "\n"
        for n in notes(info: info) { out += n + "\n\n" }
        return out.hasSuffix("\n\n") ? String(out.dropLast()) : out
    }
}
