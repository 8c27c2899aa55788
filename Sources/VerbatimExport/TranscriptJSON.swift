import VerbatimModel

/// The JSON forms of transcripts that `verbatim show` and `verbatim transcripts` print. Scripts rely on
/// these field names: change them only with a new major version.
public enum TranscriptJSON {
    /// `document`, `format`, `text`, `paragraphs`, `turns` (`index`, `speaker`, `role`, `text`, `start`,
    /// `end`, `time`), `notes`, `attributes`, `diagnostics`.
    public static func full(_ t: Transcript) -> JSONValue {
        .object([
            ("document", .string(t.document)),
            ("format", .string(t.format.rawValue)),
            ("text", .string(t.text)),
            ("paragraphs", .array(t.paragraphs.map { .string(t.slice($0.lowerBound, $0.upperBound)) })),
            ("body_paragraphs", .int(t.bodyParagraphCount)),
            ("turns", .array(t.turns.map { turn in
                var o: [(String, JSONValue)] = [
                    ("index", .int(turn.index)),
                    ("speaker", .optional(turn.speaker)),
                    ("role", .string(turn.role.rawValue)),
                    ("text", .string(t.text(of: turn))),
                    ("start", .int(turn.start)),
                    ("end", .int(turn.end)),
                ]
                if let time = turn.time { o.append(("time", time.json)) }
                if let line = turn.line { o.append(("line", .int(line))) }
                return .object(o)
            })),
            ("speakers", .array(t.speakers.map(speaker))),
            ("notes", .array(t.notes.map { n in
                var o: [(String, JSONValue)] = [("kind", .string(n.kind.rawValue)), ("text", .string(n.text))]
                if let a = n.author { o.append(("author", .string(a))) }
                return .object(o)
            })),
            ("attributes", attributes(t.attributes)),
            ("speaker_attributes", .object(t.speakerAttributes.sorted { $0.key < $1.key }.map { ($0.key, attributes($0.value)) })),
            ("diagnostics", .array(t.diagnostics.map { .string($0.description) })),
        ])
    }

    /// One line of `verbatim transcripts --format json`.
    public static func summary(_ t: Transcript) -> JSONValue {
        .object([
            ("document", .string(t.document)),
            ("format", .string(t.format.rawValue)),
            ("turns", .int(t.turns.count)),
            ("speakers", .array(t.speakers.map(speaker))),
            ("words", .int(t.wordCount)),
            ("attributes", attributes(t.attributes)),
        ])
    }

    public static func speaker(_ s: Speaker) -> JSONValue {
        .object([("label", .string(s.label)), ("role", .string(s.role.rawValue)), ("turns", .int(s.turns))])
    }

    public static func attributes(_ a: Attributes) -> JSONValue {
        .object(a.pairs.map { ($0.name, .string($0.value)) })
    }
}

extension TimeRange {
    /// `{"start": seconds, "end": seconds}`.
    public var json: JSONValue {
        var o: [(String, JSONValue)] = [("start", .double(start))]
        if let end { o.append(("end", .double(end))) }
        return .object(o)
    }
}
