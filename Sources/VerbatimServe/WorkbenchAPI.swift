import Foundation
import Hummingbird
import VerbatimModel
import VerbatimStudy
import VerbatimApp
import VerbatimExport

/// The JSON API: the same use cases as the command line, on the same files.
struct WorkbenchAPI: Sendable {
    let settings: WorkbenchSettings

    /// A context over the study as it is on disk now (files changed since the last request are read
    /// again), with a collector for the problems the use cases report.
    func context() throws -> (StudyContext, DiagnosticCollector) {
        let collector = DiagnosticCollector()
        let context = StudyContext(study: try StudyLocator.open(folder: settings.studyRoot.path), consumer: collector)
        context.blind = settings.blindCoding
        return (context, collector)
    }

    /// Runs `body` off the server's threads; an error becomes `{"error": message}` with its status.
    static func respond(_ body: @escaping @Sendable () throws -> Response) async -> Response {
        do { return try await Work.run(body) } catch { return Reply.error(WorkbenchError.from(error)) }
    }

    // MARK: Reading

    func study() throws -> JSONValue {
        let (ctx, _) = try context()
        let rows = TranscriptsUseCase.run(paths: [], in: ctx).filter { !$0.failed }
        let check = CheckUseCase.run(paths: [], in: ctx)
        var codebook: JSONValue = .null
        var codebookError: JSONValue = .null
        do {
            let book = try ctx.codebook(nil)
            codebook = .object([("id", .string(book.id)), ("title", .string(book.title)), ("path", .string(book.path)),
                                ("language", .string(book.language)), ("version", .optional(book.version)), ("themes", .int(book.allThemes.count))])
        } catch {
            codebookError = .string(WorkbenchError.from(error).message)
        }
        return .object([
            ("name", .string(ctx.study.name)), ("language", .string(ctx.study.config.language)),
            ("root", .string(settings.studyRoot.path)), ("coder", .string(settings.coder)), ("blind", .bool(settings.blind)),
            ("codebook", codebook), ("codebook_error", codebookError), ("unit", .string(ctx.study.config.unit)),
            ("documents", .int(rows.count)), ("turns", .int(rows.reduce(0) { $0 + $1.turns })), ("words", .int(rows.reduce(0) { $0 + $1.words })),
            ("check", .object([("documents", .int(check.documents)), ("read", .int(check.read)), ("errors", .int(check.errors)),
                               ("warnings", .int(check.warnings)), ("problems", check.json)])),
        ])
    }

    func documents() throws -> JSONValue {
        let (ctx, _) = try context()
        return TranscriptListOutput.json(TranscriptsUseCase.run(paths: [], in: ctx))
    }

    func document(_ name: String) throws -> JSONValue {
        let (ctx, _) = try context()
        guard let view = try DocumentView.load(name, coder: settings.coder, in: ctx) else {
            throw WorkbenchError.notFound("no document '\(name)' in the study")
        }
        return view.json
    }

    func codebook() throws -> JSONValue {
        let (ctx, _) = try context()
        let book = try ctx.codebook(nil)
        guard case .object(var fields) = CodebookOutput.json(book) else { return CodebookOutput.json(book) }
        fields.append(("colors", .object(ThemeStyles.colors(book).map { ($0.id, .string($0.color)) })))
        return .object(fields)
    }

    /// A suggestion as `verbatim suggestions --format json` gives it, with the turn's role.
    static func suggestionJSON(_ s: Suggestion) -> JSONValue {
        guard case .array(let items) = ReviewOutput.json([s]), case .object(var fields)? = items.first else { return .null }
        fields.append(("role", .string(s.role.rawValue)))
        return .object(fields)
    }

    /// The suggestions this coder has not decided (of `theme`, `document`, with the attribute `filters`),
    /// and `resume`: where in them the queue takes up again, the first one after the suggestion this
    /// coder decided last (in document order, round to the start).
    func suggestions(theme: String?, document: String?, filters: [String] = []) throws -> JSONValue {
        let (ctx, _) = try context()
        let root = try ctx.studyRoot()
        let all = try SuggestionsUseCase.run(.init(paths: document.map { [$0] } ?? [], theme: theme, filters: filters, realNames: true), in: ctx)
        var decidedAt: [String: String] = [:]
        for c in CodingStore(root: root).read(coder: settings.coder).codings {
            if let s = c.suggestion { decidedAt[s] = max(decidedAt[s] ?? "", c.time) }
        }
        let open = all.filter { decidedAt[$0.id] == nil }
        var resume = 0
        var last: (time: String, index: Int)? = nil
        for (i, s) in all.enumerated() {
            if let time = decidedAt[s.id], last == nil || time >= last!.time { last = (time, i) }
        }
        if let last {
            let openBefore = all[...last.index].filter { decidedAt[$0.id] == nil }.count
            resume = openBefore < open.count ? openBefore : 0
        }
        return .object([("coder", .string(settings.coder)), ("theme", .optional(theme)),
                        ("where", .array(filters.map { .string($0) })), ("total", .int(all.count)),
                        ("decided", .int(all.count - open.count)), ("resume", .int(resume)),
                        ("last_decided", .optional(last.map { all[$0.index].id })),
                        ("suggestions", .array(open.map(Self.suggestionJSON)))])
    }

    func search(_ q: String?, theme: String?, filters: [String]) throws -> JSONValue {
        guard let q, !q.trimmingCharacters(in: .whitespaces).isEmpty else { throw WorkbenchError.badRequest("search needs a query: /api/search?q=WORDS") }
        let (ctx, _) = try context()
        let hits = try SearchUseCase.run(.init(query: q, filters: filters, theme: theme), in: ctx)
        return .object([("query", .string(q)), ("count", .int(hits.count)), ("hits", ReviewOutput.json(hits))])
    }

    func stats(by: String?, source: String?, theme: String?) throws -> JSONValue {
        guard let s = CodingSource(rawValue: source ?? "all") else {
            throw WorkbenchError.badRequest("unknown source '\(source ?? "")' (all, reviewed, manual or rules)")
        }
        let (ctx, _) = try context()
        let result = try StatsUseCase.run(.init(input: AnalysisInput(theme: theme, source: s), by: by ?? "group"), in: ctx)
        return result.value.json(info: result.info)
    }

    // MARK: Writing

    struct NewCoding: Decodable {
        var document: String
        var turn: Int
        var theme: String
        var quote: String?
        var occurrence: Int?
        var memo: String?
    }

    struct Decision: Decodable {
        var id: String
        var status: String
        var theme: String?
        var memo: String?
    }

    /// The body as `T`, or a 400 that says what was expected.
    static func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer, expected: String) throws -> T {
        let data = Data(buffer.readableBytesView)
        do {
            guard (try JSONSerialization.jsonObject(with: data)) is [String: Any] else {
                throw WorkbenchError.badRequest("the body must be a JSON object: \(expected)")
            }
            return try JSONDecoder().decode(T.self, from: data)
        } catch let e as WorkbenchError {
            throw e
        } catch let DecodingError.keyNotFound(key, _) {
            throw WorkbenchError.badRequest("missing '\(key.stringValue)': expected \(expected)")
        } catch let DecodingError.typeMismatch(_, c), let DecodingError.valueNotFound(_, c) {
            throw WorkbenchError.badRequest("'\(c.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type: expected \(expected)")
        } catch {
            throw WorkbenchError.badRequest("the body is not valid JSON: expected \(expected)")
        }
    }

    static func codingJSON(_ c: HumanCoding) -> JSONValue {
        guard case .array(let items) = ReviewOutput.json([c]), let first = items.first else { return .null }
        return first
    }

    func warnings(_ collector: DiagnosticCollector) -> JSONValue {
        .array(collector.diagnostics.filter { $0.severity == .warning }.map { .string($0.message) })
    }

    func tag(_ buffer: ByteBuffer) throws -> Response {
        let expected = #"{"document": "S01-lyon.txt", "turn": 14, "theme": "peur-arnaques", "quote"?: "...", "occurrence"?: 1, "memo"?: "..."}"#
        let r = try Self.decode(NewCoding.self, from: buffer, expected: expected)
        guard !r.document.isEmpty, !r.theme.isEmpty else { throw WorkbenchError.badRequest("'document' and 'theme' may not be empty") }
        guard r.turn >= 1 else { throw WorkbenchError.badRequest("'turn' is a turn number, from 1") }
        if let q = r.quote, q.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw WorkbenchError.badRequest("'quote' is empty: leave it out to code the whole turn")
        }
        let memo = r.memo.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        let (ctx, collector) = try context()
        let c = try TagUseCase.run(.init(document: r.document, turn: r.turn, theme: r.theme, quote: r.quote, occurrence: r.occurrence,
                                         memo: memo, coder: settings.coder), in: ctx)
        return Reply.json(.object([("coding", Self.codingJSON(c)), ("warnings", warnings(collector))]), status: .created)
    }

    func untag(_ id: String) throws -> Response {
        let (ctx, _) = try context()
        let store = CodingStore(root: try ctx.studyRoot())
        let all = store.read().codings
        if !all.contains(where: { $0.id == id && $0.coder == settings.coder }) {
            if let other = all.first(where: { $0.id == id }) {
                throw WorkbenchError.forbidden("\(id) is \(other.coder)'s coding: only its coder removes it")
            }
            throw WorkbenchError.notFound("no coding \(id) in codings/\(CoderName.fileName(settings.coder))")
        }
        let c = try UntagUseCase.run(id: id, coder: settings.coder, in: ctx)
        return Reply.json(.object([("removed", Self.codingJSON(c))]))
    }

    func decide(_ buffer: ByteBuffer) throws -> Response {
        let expected = #"{"id": "s-...", "status": "accepted" | "rejected", "theme"?: "another-theme", "memo"?: "..."}"#
        let r = try Self.decode(Decision.self, from: buffer, expected: expected)
        guard let status = HumanCoding.Status(rawValue: r.status), status != .manual else {
            throw WorkbenchError.badRequest("'status' is accepted or rejected (got '\(r.status)')")
        }
        guard r.id.hasPrefix("s-") else { throw WorkbenchError.badRequest("'id' is a suggestion's id (s-…), as /api/suggestions gives it") }
        if r.theme != nil && status == .rejected { throw WorkbenchError.badRequest("'theme' recodes an accepted suggestion; a rejection has none") }
        let memo = r.memo.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        let (ctx, collector) = try context()
        let decisions = try SuggestionsUseCase.decide(ids: [r.id], status: status, theme: r.theme, memo: memo, coder: settings.coder, in: ctx)
        return Reply.json(.object([("decision", decisions.first.map(Self.codingJSON) ?? .null), ("warnings", warnings(collector))]),
                          status: .created)
    }

    struct Adjudication: Decodable {
        var coders: [String]
        var ids: [String]
        var decision: String
        var memo: String?
    }

    /// Settles disagreements between coders, as `verbatim adjudicate` does: the agreed coding is
    /// recorded under the coder `adjudicated`.
    func adjudicate(_ buffer: ByteBuffer) throws -> Response {
        let expected = #"{"coders": ["A", "B"], "ids": ["a-..."], "decision": "present" | "absent" | "coder:NAME", "memo"?: "..."}"#
        let r = try Self.decode(Adjudication.self, from: buffer, expected: expected)
        guard !r.ids.isEmpty else { throw WorkbenchError.badRequest("'ids' lists the disagreements to settle (a-…), as the agreement page gives them") }
        guard r.coders.count >= 2 else { throw WorkbenchError.badRequest("'coders' names the two coders or more compared") }
        let settlement: AdjudicateUseCase.Settlement
        switch r.decision {
        case "present": settlement = .keep(true)
        case "absent": settlement = .keep(false)
        case let d where d.hasPrefix("coder:") && d.count > 6: settlement = .coder(String(d.dropFirst(6)))
        default: throw WorkbenchError.badRequest("'decision' is present, absent or coder:NAME (got '\(r.decision)')")
        }
        let memo = r.memo.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        let (ctx, collector) = try context()
        let decisions = try AdjudicateUseCase.decide(r.ids, settlement, memo: memo, request: .init(coders: r.coders), in: ctx)
        let json: [JSONValue] = decisions.map { d in
            .object([("id", .string(d.id)), ("document", .string(d.document)), ("turn", .int(d.turn)), ("theme", .string(d.theme)),
                     ("decision", .string(d.decision)), ("replaced", .bool(d.replaced))])
        }
        return Reply.json(.object([("decisions", .array(json)), ("warnings", warnings(collector))]), status: .created)
    }

    struct CodingChange: Decodable {
        var theme: String?
        var memo: String?
    }

    /// Changes the theme or the memo of one of the coder's own codings.
    func edit(_ id: String, _ buffer: ByteBuffer) throws -> Response {
        let expected = #"{"theme"?: "another-theme", "memo"?: "..." (empty removes it)}"#
        let r = try Self.decode(CodingChange.self, from: buffer, expected: expected)
        guard r.theme != nil || r.memo != nil else { throw WorkbenchError.badRequest("nothing to change: expected \(expected)") }
        if let theme = r.theme, theme.isEmpty { throw WorkbenchError.badRequest("'theme' may not be empty") }
        let (ctx, _) = try context()
        let all = CodingStore(root: try ctx.studyRoot()).read().codings
        if !all.contains(where: { $0.id == id && $0.coder == settings.coder }) {
            if let other = all.first(where: { $0.id == id }) {
                throw WorkbenchError.forbidden("\(id) is \(other.coder)'s coding: only its coder changes it")
            }
            throw WorkbenchError.notFound("no coding \(id) in codings/\(CoderName.fileName(settings.coder))")
        }
        let c = try EditCodingUseCase.run(.init(id: id, coder: settings.coder, theme: r.theme, memo: r.memo), in: ctx)
        return Reply.json(.object([("coding", Self.codingJSON(c))]))
    }

    struct NewMemo: Decodable {
        var document: String
        var text: String
    }

    /// Adds a paragraph, signed by the coder, to a document's memo.
    func addMemo(_ buffer: ByteBuffer) throws -> Response {
        let expected = #"{"document": "S01-lyon.txt", "text": "..."}"#
        let r = try Self.decode(NewMemo.self, from: buffer, expected: expected)
        guard !r.document.isEmpty else { throw WorkbenchError.badRequest("'document' may not be empty") }
        guard !r.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw WorkbenchError.badRequest("'text' is empty") }
        let (ctx, _) = try context()
        let (document, memo) = try DocumentMemoUseCase.add(r.text, to: r.document, coder: settings.coder, in: ctx)
        return Reply.json(.object([("document", .string(document)), ("memo", .string(memo))]), status: .created)
    }
}
