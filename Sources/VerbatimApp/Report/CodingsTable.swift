import VerbatimModel
import VerbatimExport

/// One row per coding, as CSV: the columns of `verbatim code --format csv` (document, turn, speaker, theme,
/// start, end, unit_start, unit_end, match, rule), then the theme's label and the chosen document
/// attributes. With a pseudonymizer, speakers, matched text and attribute values show pseudonyms.
public enum CodingsTable {
    /// The fixed columns, before the attributes.
    public static let fields = ["document", "turn", "speaker", "theme", "start", "end", "unit_start", "unit_end", "match", "rule", "label"]

    /// The CSV text of every coding of `coded`, in document order, with the values of `attributes`.
    public static func csv(_ coded: CodedStudy, attributes: [String], pseudonymizer: Pseudonymizer?) -> String {
        let labels = Dictionary(coded.themeTree.nodes.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        var w = CSVWriter(header: fields + attributes)
        for d in coded.documents {
            let shown = pseudonymizer?.pseudonymize(d.attributes) ?? d.attributes
            let values = attributes.map { shown[$0] ?? "" }
            for c in d.codings {
                let speaker = c.speaker.map { pseudonymizer?.speaker($0, in: d.document) ?? $0 } ?? ""
                let match = pseudonymizer?.pseudonymize(c.match, in: c.document).text ?? c.match
                w.row([pseudonymizer?.document(c.document) ?? c.document, String(c.turn), speaker, c.theme, String(c.start), String(c.end), String(c.unitStart),
                       String(c.unitEnd), match, c.rule, labels[c.theme] ?? c.theme] + values)
            }
        }
        return w.text
    }
}
