/// The files under `/static/`, compiled into the binary: the style sheet and the page modules.
enum Assets {
    struct File: Sendable {
        var text: String
        var type: String
    }

    static let files: [String: File] = [
        "workbench.css": File(text: stylesheet, type: "text/css; charset=utf-8"),
        "ui.js": File(text: uiJS, type: "text/javascript; charset=utf-8"),
        "app.js": File(text: appJS, type: "text/javascript; charset=utf-8"),
        "palette.js": File(text: paletteJS, type: "text/javascript; charset=utf-8"),
        "reader.js": File(text: readerJS, type: "text/javascript; charset=utf-8"),
        "review.js": File(text: reviewJS, type: "text/javascript; charset=utf-8"),
    ]
}
