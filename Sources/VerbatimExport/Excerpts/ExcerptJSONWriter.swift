/// Writes an ``ExcerptReport`` as JSON: the report's title, language, codebook and whether names are
/// pseudonyms, then `themes`, each with `id`, `label`, `definition`, `total` and its `excerpts`.
///
/// Each excerpt has `document`, `turn`, `speaker`, `attributes`, `text`, `highlights` (`start` and
/// `end` as UTF-8 offsets into `text`, and the highlighted `text`), `matches`, `codes`, `attribution`
/// and `context` (`before` and `after`, each a list of `turn`, `speaker`, `text`).
public enum ExcerptJSONWriter {
    /// The report as a JSON value.
    public static func value(_ report: ExcerptReport) -> JSONValue {
        .object([
            ("title", .string(report.title)),
            ("language", .string(report.language)),
            ("codebook", .string(report.codebook)),
            ("pseudonymized", .bool(report.pseudonymized)),
            ("source", .optional(report.source)),
            ("themes", .array(report.sections.map(section))),
        ])
    }

    /// The report as pretty-printed JSON text, ending with a line feed.
    public static func render(_ report: ExcerptReport) -> String { value(report).serialized() + "\n" }

    static func section(_ s: ExcerptSection) -> JSONValue {
        .object([
            ("id", .string(s.theme)),
            ("label", .string(s.label)),
            ("definition", .optional(s.definition)),
            ("total", .int(s.total)),
            ("excerpts", .array(s.excerpts.map(excerpt))),
        ])
    }

    static func excerpt(_ e: Excerpt) -> JSONValue {
        func turn(_ t: ExcerptTurn) -> JSONValue {
            .object([("turn", .int(t.turn)), ("speaker", .optional(t.speaker)), ("text", .string(t.text))])
        }
        return .object([
            ("document", .string(e.document)),
            ("turn", .int(e.turn)),
            ("speaker", .optional(e.speaker)),
            ("attributes", .object(e.attributes.pairs.map { ($0.name, JSONValue.string($0.value)) })),
            ("text", .string(e.text)),
            ("highlights", .array(e.highlights.map { h in
                .object([("start", .int(h.lowerBound)), ("end", .int(h.upperBound)), ("text", .string(Excerpt.slice(e.text, h)))])
            })),
            ("matches", .array(e.matches.map(JSONValue.string))),
            ("codes", .array(e.codes.map(JSONValue.string))),
            ("attribution", .string(e.attribution)),
            ("context", .object([("before", .array(e.before.map(turn))), ("after", .array(e.after.map(turn)))])),
        ])
    }
}
