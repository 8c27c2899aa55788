import Foundation
import Hummingbird
import VerbatimModel
import VerbatimStudy
import VerbatimApp
import VerbatimExport

/// The browser workbench: `verbatim serve`. A Hummingbird router over the study folder, every route
/// behind ``SecurityMiddleware``, pages and API calling the application layer as the command line does.
public enum Workbench {
    /// The routes of the workbench, for `settings`.
    public static func router(settings: WorkbenchSettings) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: SecurityMiddleware(settings: settings))
        let api = WorkbenchAPI(settings: settings)

        // Pages.
        router.get("/") { request, _ in
            let filters = Query.values(request)
            return await page(settings) { ctx in Pages.study(context: ctx, settings: settings, filters: filters) }
        }
        router.get("/documents/**") { _, context in
            let name = documentName(context.parameters.getCatchAll())
            return await WorkbenchAPI.respondPage(settings) {
                let (ctx, _) = try api.context()
                guard let view = try DocumentView.load(name, coder: settings.coder, in: ctx) else {
                    throw WorkbenchError.notFound("no document '\(name)' in the study")
                }
                return Reply.html(Pages.reader(view, context: ctx, settings: settings))
            }
        }
        router.get("/review") { request, _ in
            let v = Query.values(request)
            let theme = v["theme"].flatMap { $0.isEmpty ? nil : $0 }
            let filter = v["where"].flatMap { $0.isEmpty ? nil : $0 }
            return await page(settings) { ctx in Pages.review(context: ctx, settings: settings, book: try? ctx.codebook(nil), theme: theme, filter: filter) }
        }
        router.get("/codebook") { _, _ in
            await page(settings) { ctx in Pages.codebook(context: ctx, settings: settings) }
        }
        router.get("/search") { request, _ in
            let v = Query.values(request)
            let q = v["q"], theme = v["theme"].flatMap { $0.isEmpty ? nil : $0 }
            return await page(settings) { ctx in Pages.search(context: ctx, settings: settings, query: q, theme: theme) }
        }
        router.get("/compare") { request, _ in
            let values = Query.values(request)
            let source = CodingSource(rawValue: values["source"] ?? "all") ?? .all
            let by = values["by"].flatMap { $0.isEmpty ? nil : $0 }
            return await page(settings) { ctx in Pages.compare(context: ctx, settings: settings, by: by, source: source) }
        }

        router.get("/impact") { request, _ in
            let by = Query.values(request)["by"].flatMap { $0.isEmpty ? nil : $0 }
            return await page(settings) { ctx in Pages.impact(context: ctx, settings: settings, by: by) }
        }

        router.get("/agreement") { request, _ in
            let coders = Query.all(request, "coder", "coders")
            return await page(settings) { ctx in Pages.agreement(context: ctx, settings: settings, coders: coders.isEmpty ? nil : coders) }
        }

        // Downloads: the report, the verbatims and the tables, computed now.
        router.get("/export/{file}") { request, context in
            let file = context.parameters.get("file") ?? ""
            let v = Query.values(request)
            return await WorkbenchAPI.respondPage(settings) {
                try Exports.respond(file, by: v["by"].flatMap { $0.isEmpty ? nil : $0 }, source: v["source"], settings: settings)
            }
        }

        // Assets: from the binary, and the codebook's colours.
        router.get("/static/impact.css") { _, _ in Reply.asset(ReportHTMLWriter.impactCSS, type: "text/css; charset=utf-8") }
        router.get("/static/themes.css") { _, _ in
            await WorkbenchAPI.respond {
                let (ctx, _) = try api.context()
                return Reply.asset(ThemeStyles.css(try? ctx.codebook(nil)), type: "text/css; charset=utf-8")
            }
        }
        router.get("/favicon.ico") { _, _ in Reply.asset(Assets.icon, type: "image/svg+xml") }
        router.get("/static/{file}") { _, context in
            guard let file = context.parameters.get("file"), let asset = Assets.files[file] else {
                throw WorkbenchError.notFound("no such file")
            }
            return Reply.asset(asset.text, type: asset.type)
        }

        // The API.
        router.get("/api/study") { _, _ in await WorkbenchAPI.respond { Reply.json(try api.study()) } }
        router.get("/api/documents") { _, _ in await WorkbenchAPI.respond { Reply.json(try api.documents()) } }
        router.get("/api/documents/**") { _, context in
            let name = documentName(context.parameters.getCatchAll())
            return await WorkbenchAPI.respond { Reply.json(try api.document(name)) }
        }
        router.get("/api/codebook") { _, _ in await WorkbenchAPI.respond { Reply.json(try api.codebook()) } }
        router.get("/api/suggestions") { request, _ in
            let v = Query.values(request)
            return await WorkbenchAPI.respond {
                Reply.json(try api.suggestions(theme: v["theme"].flatMap { $0.isEmpty ? nil : $0 }, document: v["document"].flatMap { $0.isEmpty ? nil : $0 },
                                               filters: v["where"].map { $0.split(separator: ",").map(String.init) } ?? []))
            }
        }
        router.get("/api/search") { request, _ in
            let v = Query.values(request)
            let filters = v["where"].map { $0.split(separator: ",").map(String.init) } ?? []
            return await WorkbenchAPI.respond { Reply.json(try api.search(v["q"], theme: v["theme"].flatMap { $0.isEmpty ? nil : $0 }, filters: filters)) }
        }
        router.get("/api/stats") { request, _ in
            let v = Query.values(request)
            return await WorkbenchAPI.respond {
                Reply.json(try api.stats(by: v["by"].flatMap { $0.isEmpty ? nil : $0 }, source: v["source"], theme: v["theme"].flatMap { $0.isEmpty ? nil : $0 }))
            }
        }
        router.post("/api/codings") { request, context in
            let body: ByteBuffer
            do { body = try await request.body.collect(upTo: context.maxUploadSize) } catch {
                return Reply.error(.badRequest("the body is too large"))
            }
            return await WorkbenchAPI.respond { try api.tag(body) }
        }
        router.delete("/api/codings/{id}") { _, context in
            let id = context.parameters.get("id")?.removingPercentEncoding ?? ""
            return await WorkbenchAPI.respond { try api.untag(id) }
        }
        router.patch("/api/codings/{id}") { request, context in
            let id = context.parameters.get("id")?.removingPercentEncoding ?? ""
            let body: ByteBuffer
            do { body = try await request.body.collect(upTo: context.maxUploadSize) } catch {
                return Reply.error(.badRequest("the body is too large"))
            }
            return await WorkbenchAPI.respond { try api.edit(id, body) }
        }
        router.post("/api/memos") { request, context in
            let body: ByteBuffer
            do { body = try await request.body.collect(upTo: context.maxUploadSize) } catch {
                return Reply.error(.badRequest("the body is too large"))
            }
            return await WorkbenchAPI.respond { try api.addMemo(body) }
        }
        router.post("/api/decisions") { request, context in
            let body: ByteBuffer
            do { body = try await request.body.collect(upTo: context.maxUploadSize) } catch {
                return Reply.error(.badRequest("the body is too large"))
            }
            return await WorkbenchAPI.respond { try api.decide(body) }
        }
        router.post("/api/adjudications") { request, context in
            let body: ByteBuffer
            do { body = try await request.body.collect(upTo: context.maxUploadSize) } catch {
                return Reply.error(.badRequest("the body is too large"))
            }
            return await WorkbenchAPI.respond { try api.adjudicate(body) }
        }
        return router
    }

    /// A page built in a fresh context; an error becomes an error page.
    static func page(_ settings: WorkbenchSettings, _ build: @escaping @Sendable (StudyContext) throws -> HTML) async -> Response {
        await WorkbenchAPI.respondPage(settings) {
            let collector = DiagnosticCollector()
            let ctx = StudyContext(study: try StudyLocator.open(folder: settings.studyRoot.path), consumer: collector)
            ctx.blind = settings.blindCoding
            return Reply.html(try build(ctx))
        }
    }

    /// A document's name from the path after `/documents/`, percent-decoded (it may hold folders).
    static func documentName(_ parts: [Substring]) -> String {
        parts.map { String($0).removingPercentEncoding ?? String($0) }.joined(separator: "/")
    }

    /// The application: the router on 127.0.0.1 at `settings.port` (0: a free port, set in `settings`
    /// once known); `onRunning` is called with the port once the server listens.
    public static func application(settings: WorkbenchSettings,
                                   onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        // Hummingbird says it started at the info level; the command prints its own line.
        if ProcessInfo.processInfo.environment["LOG_LEVEL"] == nil { setenv("LOG_LEVEL", "warning", 1) }
        return Application(router: router(settings: settings),
                           configuration: .init(address: .hostname("127.0.0.1", port: settings.port), serverName: nil),
                           onServerRunning: { channel in
                               let port = channel.localAddress?.port ?? settings.port
                               settings.port = port
                               await onRunning(port)
                           })
    }
}

extension WorkbenchAPI {
    /// Runs `body` off the server's threads; an error becomes an error page.
    static func respondPage(_ settings: WorkbenchSettings, _ body: @escaping @Sendable () throws -> Response) async -> Response {
        do { return try await Work.run(body) } catch { return Pages.errorPage(WorkbenchError.from(error), settings: settings) }
    }
}
