/// The files under `/static/`, compiled into the binary: the style sheet and the page modules.
enum Assets {
    struct File: Sendable {
        var text: String
        var type: String
    }

    /// The tab's icon: a quotation mark on the header's colour.
    static let icon = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#22303f"/><text x="16" y="27" font-size="28" font-family="Georgia,serif" text-anchor="middle" fill="#ffd43b">&#8220;</text></svg>"##

    static let files: [String: File] = [
        "workbench.css": File(text: stylesheet, type: "text/css; charset=utf-8"),
        "ui.js": File(text: uiJS, type: "text/javascript; charset=utf-8"),
        "app.js": File(text: appJS, type: "text/javascript; charset=utf-8"),
        "palette.js": File(text: paletteJS, type: "text/javascript; charset=utf-8"),
        "reader.js": File(text: readerJS, type: "text/javascript; charset=utf-8"),
        "review.js": File(text: reviewJS, type: "text/javascript; charset=utf-8"),
        "agreement.js": File(text: agreementJS, type: "text/javascript; charset=utf-8"),
        "icon.svg": File(text: icon, type: "image/svg+xml"),
    ]
}
