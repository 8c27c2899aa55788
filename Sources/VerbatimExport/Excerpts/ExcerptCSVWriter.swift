/// Writes an ``ExcerptReport`` as CSV, one row per excerpt:
/// `theme, label, document, turn, speaker, attributes, excerpt, matches, codes, context_before, context_after`.
///
/// `attributes` holds `name=value` pairs separated by `; `, `matches` the highlighted words separated
/// by ` | `, `codes` the themes that coded the unit, and the context columns the surrounding turns as
/// `Speaker : text`, one per line (empty without `--context`).
public enum ExcerptCSVWriter {
    /// The column names.
    public static let header = ["theme", "label", "document", "turn", "speaker", "attributes", "excerpt", "matches",
                                "codes", "context_before", "context_after"]

    /// The report as CSV text.
    public static func render(_ report: ExcerptReport) -> String {
        let s = report.strings
        var csv = CSVWriter(header: header)
        func turns(_ ts: [ExcerptTurn]) -> String {
            ts.map { ($0.speaker.map { $0 + s.colon + " " } ?? "") + $0.text }.joined(separator: "\n")
        }
        for section in report.sections {
            for e in section.excerpts {
                csv.row([section.theme, section.label, e.document, String(e.turn), e.speaker ?? "",
                         e.attributes.pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "; "),
                         e.text, e.matches.joined(separator: " | "), e.codes.joined(separator: " "),
                         turns(e.before), turns(e.after)])
            }
        }
        return csv.text
    }
}
