import Foundation
import VerbatimModel
import VerbatimStudy

/// The pages of the workbench: server-rendered HTML, every value escaped by ``HTML``.
enum Pages {
    enum Section: String { case study, document, review, codebook, search, compare, impact, agreement }

    /// A whole page: the header with the study's name, the coder and the navigation, then `body`.
    /// `scripts` are the page's modules under /static/.
    static func layout(title: String, ui: UIText, settings: WorkbenchSettings, study: String, section: Section,
                       body: HTML, scripts: [String] = [], bodyClass: String = "") -> HTML {
        func link(_ s: Section, _ href: String, _ label: String, _ key: String) -> HTML {
            let current: HTML = s == section ? " aria-current=\"page\"" : ""
            return "<a href=\"\(href)\"\(current) data-key=\"\(key)\">\(label)</a>"
        }
        let nav = HTML.join([
            link(.study, "/", ui.s("Documents", "Documents"), "g d"),
            link(.review, "/review", ui.s("Review", "Revue"), "g r"),
            link(.codebook, "/codebook", ui.s("Codebook", "Grille"), "g c"),
            link(.search, "/search", ui.s("Search", "Recherche"), "g s"),
            link(.compare, "/compare", ui.s("Compare", "Comparer"), "g m"),
            link(.impact, "/impact", ui.s("Impact", "Impact"), "g i"),
            link(.agreement, "/agreement", ui.s("Agreement", "Accord"), "g a"),
        ])
        let scriptTags = HTML.join((["app.js"] + scripts).map { "<script type=\"module\" src=\"/static/\(path: $0)\"></script>" })
        return """
        <!DOCTYPE html>
        <html lang="\(ui.lang)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="csrf-token" content="\(settings.csrfToken)">
        <title>\(title) — verbatim</title>
        <link rel="icon" href="/static/icon.svg" type="image/svg+xml">
        <link rel="stylesheet" href="/static/workbench.css">
        <link rel="stylesheet" href="/static/themes.css">
        \(scriptTags)
        </head>
        <body class="\(bodyClass)" data-lang="\(ui.lang)" data-coder="\(settings.coder)">
        <a class="skip" href="#main">\(ui.s("Skip to content", "Aller au contenu"))</a>
        <header class="top">
          <span class="brand">verbatim</span>
          <span class="study-name">\(study)</span>
          <nav aria-label="\(ui.s("Sections", "Sections"))">\(nav)</nav>
          <form class="quick-search" action="/search" method="get" role="search">
            <label class="visually-hidden" for="q-top">\(ui.s("Search", "Rechercher"))</label>
            <input id="q-top" name="q" type="search" placeholder="\(ui.s("Search (/)", "Rechercher (/)"))" autocomplete="off">
          </form>
          <span class="coder" title="\(ui.s("Codings are written to", "Les codages vont dans")) codings/\(CoderName.fileName(settings.coder))">\(ui.s("Coder", "Codeur")): <strong>\(settings.coder)</strong></span>\(settings.blind ? HTML(raw: "<span class=\"blind\" title=\"" + HTML.escape(ui.s("Blind coding: the other coders' codings are hidden", "Codage en aveugle : les codages des autres codeurs sont masqués")) + "\">" + HTML.escape(ui.s("blind", "en aveugle")) + "</span>") : nil)
          <button type="button" class="help-button" data-action="help" aria-keyshortcuts="?">?</button>
        </header>
        <main id="main" tabindex="-1">
        \(body)
        </main>
        \(helpDialog(ui))
        </body>
        </html>
        """
    }

    /// The keyboard help, opened with `?`.
    static func helpDialog(_ ui: UIText) -> HTML {
        let keys: [(String, String)] = [
            ("j / k", ui.s("next / previous turn", "tour suivant / précédent")),
            ("v", ui.s("select the first word of the turn; ← → move it, shift+← → extend it word by word, Esc lets go", "sélectionner le premier mot du tour ; ← → la déplacent, maj+← → l'étendent mot par mot, Échap l'abandonne")),
            ("c", ui.s("code the selected words (theme palette)", "coder la sélection (palette des thèmes)")),
            ("n", ui.s("the document's memo", "le mémo du document")),
            ("/", ui.s("search", "rechercher")),
            ("a · r · e · s · u · m · b", ui.s("review: accept, reject, change theme, skip, undo, memo, back", "revue : accepter, rejeter, changer de thème, passer, annuler, mémo, retour")),
            ("g d · g r · g c · g s · g m · g a", ui.s("go to documents, review, codebook, search, compare, agreement", "aller aux documents, à la revue, à la grille, à la recherche, à la comparaison, à l'accord")),
            ("Esc", ui.s("close", "fermer")),
        ]
        let rows = HTML.join(keys.map { "<tr><th scope=\"row\"><kbd>\($0.0)</kbd></th><td>\($0.1)</td></tr>" })
        return """
        <div id="help" class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" hidden>
          <div class="dialog-box">
            <h2 id="help-title">\(ui.s("Keyboard", "Clavier"))</h2>
            <table class="keys">\(rows)</table>
            <button type="button" data-action="close">\(ui.s("Close", "Fermer"))</button>
          </div>
        </div>
        """
    }

    /// The theme palette: every theme of the codebook, filtered as one types (palette.js).
    static func palette(_ themes: [(id: String, label: String, depth: Int)], ui: UIText) -> HTML {
        let items = HTML.join(themes.map { t in
            "<li role=\"option\" id=\"opt-\(ThemeStyles.className(t.id))\" data-theme=\"\(t.id)\" data-label=\"\(t.label)\" class=\"depth-\(min(t.depth, 3))\"><span class=\"swatch \(ThemeStyles.className(t.id))\" aria-hidden=\"true\"></span>\(t.label) <code>\(t.id)</code></li>"
        })
        return """
        <div id="palette" class="dialog" role="dialog" aria-modal="true" aria-labelledby="palette-title" hidden>
          <div class="dialog-box palette-box">
            <h2 id="palette-title">\(ui.s("Code with theme", "Coder avec le thème"))</h2>
            <p class="palette-quote" id="palette-quote"></p>
            <label class="visually-hidden" for="palette-filter">\(ui.s("Filter themes", "Filtrer les thèmes"))</label>
            <input id="palette-filter" type="text" autocomplete="off" role="combobox" aria-controls="palette-list" aria-expanded="true"
                   placeholder="\(ui.s("Type to filter, Enter to code", "Tapez pour filtrer, Entrée pour coder"))">
            <label class="palette-memo-label" for="palette-memo">\(ui.s("Memo (optional)", "Mémo (facultatif)"))</label>
            <input id="palette-memo" type="text" autocomplete="off">
            <ul id="palette-list" role="listbox" aria-label="\(ui.s("Themes", "Thèmes"))">\(items)</ul>
            <p class="palette-error" id="palette-error" role="alert"></p>
            <div class="buttons"><button type="button" data-action="close">\(ui.s("Cancel (Esc)", "Annuler (Échap)"))</button></div>
          </div>
        </div>
        """
    }

    /// A page saying what went wrong.
    static func errorPage(_ e: WorkbenchError, settings: WorkbenchSettings) -> Response {
        let ui = UIText(language: (try? Study(root: settings.studyRoot))?.config.language ?? "en")
        let body: HTML = """
        <section class="page-error">
          <h1>\(e.status.code) \(e.status.reasonPhrase)</h1>
          <p>\(e.message)</p>
          <p><a href="/">\(ui.s("Back to the documents", "Retour aux documents"))</a></p>
        </section>
        """
        return Reply.html(layout(title: "\(e.status.code)", ui: ui, settings: settings, study: "", section: .study, body: body), status: e.status)
    }

    /// A problem as a line of the page.
    static func problem(_ d: Diagnostic) -> HTML {
        let where_ = d.path.isEmpty ? "" : d.path + (d.line.map { ":\($0)" } ?? "") + ": "
        return "<li class=\"problem \(d.severity.rawValue)\"><span class=\"severity\">\(d.severity.rawValue)</span> \(where_)\(d.message)</li>"
    }
}

import Hummingbird
