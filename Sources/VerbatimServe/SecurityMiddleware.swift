import Foundation
import Hummingbird

/// The workbench's guard, in front of every route:
///
/// 1. the `Host` header must be `127.0.0.1:PORT` or `localhost:PORT` (a page of another site resolved
///    to the loopback address, DNS rebinding, is refused);
/// 2. the request must carry the secret: the first visit has it in the address (`?token=`), which
///    sets an HttpOnly, SameSite=Strict cookie and redirects to the same page without it; later
///    requests send the cookie (401 without a secret, 403 with a wrong one);
/// 3. a write (POST, PUT, PATCH, DELETE) must come from a page of the workbench: its `Origin` is the
///    workbench's and it sends the page's CSRF token in `X-CSRF-Token`;
/// 4. every response forbids anything from elsewhere, inline script and style, and framing.
struct SecurityMiddleware<Context: RequestContext>: RouterMiddleware {
    let settings: WorkbenchSettings

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await check(request, context: context, next: next)
        } catch {
            // An unknown route or a failure below: said as JSON on the API, as a page elsewhere.
            let e = WorkbenchError.from(error)
            response = request.uri.path.hasPrefix("/api/") ? Reply.error(e) : Pages.errorPage(e, settings: settings)
        }
        Reply.securityHeaders(&response.headers)
        return response
    }

    private func refuse(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Reply.error(WorkbenchError(status: status, message: message))
    }

    private func check(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let host = request.head.authority ?? ""
        guard settings.allowedHosts.contains(host.lowercased()) else {
            return refuse(.forbidden, "this workbench answers only at http://127.0.0.1:\(settings.port)/ (Host '\(host)' refused)")
        }
        let query = Query.values(request)
        if let given = query["token"], request.method == .get || request.method == .head {
            guard WorkbenchSettings.same(given, settings.token) else { return refuse(.forbidden, "wrong token: use the address 'verbatim serve' printed") }
            // The secret becomes a cookie and leaves the address (and so the history and the Referer).
            let rest = request.uri.query.map { q in
                q.split(separator: "&").filter { !$0.hasPrefix("token=") }.joined(separator: "&")
            } ?? ""
            // A path of its own only: "//host" would leave the workbench.
            var path = request.uri.path
            while path.hasPrefix("//") { path.removeFirst() }
            var response = Reply.redirect((path.hasPrefix("/") ? path : "/" + path) + (rest.isEmpty ? "" : "?" + rest))
            response.setCookie(Cookie(name: settings.cookieName, value: settings.token, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        guard let cookie = request.cookies[settings.cookieName]?.value else {
            return refuse(.unauthorized, "no token: open the address 'verbatim serve' printed (http://127.0.0.1:\(settings.port)/?token=...)")
        }
        guard WorkbenchSettings.same(cookie, settings.token) else {
            return refuse(.forbidden, "wrong token: open the address 'verbatim serve' printed")
        }
        if ![HTTPRequest.Method.get, .head, .options].contains(request.method) {
            guard let origin = request.headers[.origin], settings.allowedOrigins.contains(origin.lowercased()) else {
                return refuse(.forbidden, "a change must come from a page of this workbench (Origin \(request.headers[.origin] ?? "missing"))")
            }
            guard let csrf = request.headers[.init("X-CSRF-Token")!], WorkbenchSettings.same(csrf, settings.csrfToken) else {
                return refuse(.forbidden, "a change must come from a page of this workbench (no valid CSRF token)")
            }
        }
        return try await next(request, context)
    }
}
