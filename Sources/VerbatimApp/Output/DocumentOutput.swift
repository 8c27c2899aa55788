import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimExport

/// The outputs of `verbatim show`.
public enum TranscriptOutput {
    /// One row per turn: `index,speaker,role,time,start,end,text`.
    public static func csv(_ t: Transcript) -> String {
        var csv = CSVWriter(header: ["index", "speaker", "role", "time", "start", "end", "text"])
        for turn in t.turns {
            csv.row([String(turn.index), turn.speaker ?? "", turn.role.rawValue, turn.time?.display ?? "",
                     String(turn.start), String(turn.end), t.text(of: turn)])
        }
        return csv.text
    }

    /// The transcript for a person: a header, the preamble, each numbered turn, the notes.
    public static func text(_ t: Transcript, style: TextStyle) -> String {
        var out = style.strong(t.document) + "  " + style.note("\(t.format.rawValue), \(t.turns.count) turn\(t.turns.count == 1 ? "" : "s"), \(t.wordCount) word\(t.wordCount == 1 ? "" : "s")") + "\n"
        if !t.attributes.isEmpty {
            out += style.note(t.attributes.pairs.map { "\($0.name): \($0.value)" }.joined(separator: " · ")) + "\n"
        }
        if let first = t.turns.first, first.labelStart > 0 {
            let pre = t.slice(0, first.labelStart).trimmingCharacters(in: .whitespacesAndNewlines)
            if !pre.isEmpty {
                out += "\n" + style.note("(preamble, not a turn)") + "\n"
                for l in pre.split(separator: "\n", omittingEmptySubsequences: true) { out += style.note("  " + l) + "\n" }
            }
        }
        let width = String(t.turns.count).count
        for turn in t.turns {
            let num = String(repeating: " ", count: width - String(turn.index).count) + String(turn.index)
            var head = "\n" + style.note(num) + "  "
            let name = turn.speaker ?? "(unknown speaker)"
            head += turn.role == .interviewer ? style.accent(name) : style.strong(name)
            head += style.note(" [\(turn.role.rawValue)]")
            if let time = turn.time { head += style.note(" " + time.display) }
            out += head + "\n"
            let indent = String(repeating: " ", count: width + 2)
            for l in t.text(of: turn).split(separator: "\n", omittingEmptySubsequences: false) {
                out += (l.isEmpty ? "" : indent + l) + "\n"
            }
        }
        if !t.notes.isEmpty {
            out += "\n" + style.strong("Notes") + "\n"
            for n in t.notes {
                out += "  [\(n.kind.rawValue)\(n.author.map { ", " + $0 } ?? "")] " + n.text.replacingOccurrences(of: "\n", with: " ") + "\n"
            }
        }
        return out
    }
}

/// The outputs of `verbatim transcripts`.
public enum TranscriptListOutput {
    public static func json(_ rows: [TranscriptRow]) -> JSONValue { .array(rows.filter { !$0.failed }.compactMap(\.summary)) }

    public static func csv(_ rows: [TranscriptRow]) -> String {
        let ok = rows.filter { !$0.failed }
        var columns: [String] = []
        for r in ok { for n in r.attributes.names where !columns.contains(n) { columns.append(n) } }
        var csv = CSVWriter(header: ["document", "format", "turns", "speakers", "interviewers", "participants", "words"] + columns)
        for r in ok {
            csv.row([r.document, r.format, String(r.turns), String(r.speakers.count),
                     r.speakers.filter { $0.role == .interviewer }.map(\.label).joined(separator: "; "),
                     r.speakers.filter { $0.role != .interviewer }.map(\.label).joined(separator: "; "),
                     String(r.words)] + columns.map { r.attributes[$0] ?? "" })
        }
        return csv.text
    }

    public static func text(_ rows: [TranscriptRow], style: TextStyle) -> String {
        let ok = rows.filter { !$0.failed }
        var table = Table(header: ["document", "format", "turns", "words", "speakers", "attributes"],
                              alignments: [.left, .left, .right, .right, .left, .left])
        for r in ok {
            let speakers = r.speakers.map { "\($0.label)\($0.role == .interviewer ? "*" : "")" }.joined(separator: ", ")
            table.add([r.document, r.format, String(r.turns), String(r.words), speakers.isEmpty ? "(none)" : speakers,
                       r.attributes.pairs.map(\.value).joined(separator: " · ")])
        }
        var out = table.text(headerStyle: style.strong, maxWidth: 70)
        let failed = rows.count - ok.count
        let turns = ok.reduce(0) { $0 + $1.turns }, words = ok.reduce(0) { $0 + $1.words }
        var footer = "\(ok.count) document\(ok.count == 1 ? "" : "s"), \(turns) turn\(turns == 1 ? "" : "s"), \(words) word\(words == 1 ? "" : "s")"
        if failed > 0 { footer += "; \(failed) could not be read" }
        out += style.note(footer + "  (* interviewer or moderator)") + "\n"
        return out
    }
}

/// The outputs of `verbatim attributes`.
public enum AttributeListOutput {
    public static func json(_ summaries: [AttributeSummary]) -> JSONValue {
        .array(summaries.map { s in
            .object([("name", .string(s.name)), ("level", .string(s.level.rawValue)), ("type", .string(s.type.rawValue)),
                     ("missing", .int(s.missing)),
                     ("values", .array(s.values.map { .object([("value", .string($0.value)), ("count", .int($0.count))]) }))])
        })
    }

    public static func csv(_ summaries: [AttributeSummary]) -> String {
        var csv = CSVWriter(header: ["name", "level", "type", "value", "count"])
        for s in summaries { for v in s.values { csv.row([s.name, s.level.rawValue, s.type.rawValue, v.value, String(v.count)]) } }
        return csv.text
    }

    /// The table, or a line saying where attributes come from when there are none.
    public static func text(_ summaries: [AttributeSummary], casesFile: String, style: TextStyle) -> String {
        if summaries.isEmpty {
            return "No attributes: add a case table (\(casesFile)) or YAML front matter to the transcripts.\n"
        }
        var table = Table(header: ["attribute", "level", "type", "distinct", "missing", "values"],
                              alignments: [.left, .left, .left, .right, .right, .left])
        for s in summaries {
            let shown = s.values.prefix(6).map { "\($0.value) (\($0.count))" }.joined(separator: ", ") + (s.values.count > 6 ? ", …" : "")
            table.add([s.name, s.level.rawValue, s.type.rawValue, String(s.values.count), String(s.missing), shown])
        }
        return table.text(headerStyle: style.strong, maxWidth: 90)
    }
}
