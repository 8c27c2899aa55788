import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimApp
import VerbatimAnalysis
import VerbatimExport

extension Pages {
    /// The review queue: one suggestion at a time (review.js fetches them from /api/suggestions).
    static func review(context: StudyContext, settings: WorkbenchSettings, book: Codebook?, theme: String?) -> HTML {
        let ui = UIText(language: context.study.config.language)
        let themes = themeList(book, ui: ui)
        let options = HTML.join(themes.map { t -> HTML in
            let sel: HTML = t.id == theme ? " selected" : ""
            return "<option value=\"\(t.id)\"\(sel)>\(String(repeating: "  ", count: t.depth))\(t.label)</option>"
        })
        func button(_ action: String, _ key: String, _ label: String) -> HTML {
            "<button type=\"button\" data-action=\"\(action)\" aria-keyshortcuts=\"\(key)\">\(label) <kbd>\(key)</kbd></button>"
        }
        let body: HTML = """
        <div class="review" id="review" data-theme="\(theme)">
          <header class="review-head">
            <h1>\(ui.s("Review the rules' suggestions", "Revue des suggestions des règles"))</h1>
            <form method="get" action="/review" class="filters">
              <label>\(ui.s("Theme", "Thème")) <select name="theme"><option value="">\(ui.s("all themes", "tous les thèmes"))</option>\(options)</select></label>
              <button type="submit">\(ui.s("Show", "Afficher"))</button>
            </form>
            <p id="progress" class="progress" aria-live="polite">\(ui.s("Loading…", "Chargement…"))</p>
            <progress id="bar" max="1" value="0" aria-hidden="true"></progress>
          </header>
          <section id="card" class="card" tabindex="-1" aria-live="polite"></section>
          <div class="buttons review-buttons">
            \(button("accept", "a", ui.s("Accept", "Accepter")))
            \(button("reject", "r", ui.s("Reject", "Rejeter")))
            \(button("recode", "e", ui.s("Change theme", "Changer de thème")))
            \(button("memo", "m", ui.s("Memo", "Mémo")))
            \(button("skip", "s", ui.s("Skip", "Passer")))
            \(button("back", "b", ui.s("Back", "Retour")))
            \(button("undo", "u", ui.s("Undo", "Annuler")))
          </div>
          <div id="memo-box" class="memo-box" hidden>
            <label for="memo-input">\(ui.s("Memo for the next decision", "Mémo pour la prochaine décision"))</label>
            <input id="memo-input" type="text" autocomplete="off">
          </div>
          <p class="review-error" id="review-error" role="alert"></p>
        </div>
        <div id="status" class="toast" role="status" aria-live="polite"></div>
        \(palette(themes, ui: ui))
        """
        return layout(title: ui.s("Review", "Revue"), ui: ui, settings: settings, study: context.study.name, section: .review, body: body,
                      scripts: ["review.js"], bodyClass: "page-review")
    }

    /// The codebook: the tree of themes with their colours, definitions, inclusions, exclusions,
    /// examples and rules.
    static func codebook(context: StudyContext, settings: WorkbenchSettings) -> HTML {
        let ui = UIText(language: context.study.config.language)
        var content: HTML
        do {
            let (book, diagnostics) = try CodebookUseCase.lint(nil, in: context)
            func node(_ t: Theme) -> HTML {
                func field(_ name: String, _ value: String?) -> HTML {
                    guard let value, !value.isEmpty else { return "" }
                    return "<dt>\(name)</dt><dd>\(value)</dd>"
                }
                let examples = t.examples.isEmpty ? HTML.empty
                    : "<dt>\(ui.s("Examples", "Exemples"))</dt><dd><ul>\(HTML.join(t.examples.map { "<li>\($0)</li>" }))</ul></dd>"
                let counter = t.counterexamples.isEmpty ? HTML.empty
                    : "<dt>\(ui.s("Counterexamples", "Contre-exemples"))</dt><dd><ul>\(HTML.join(t.counterexamples.map { "<li>\($0)</li>" }))</ul></dd>"
                let rules = t.rules.isEmpty ? HTML.empty
                    : "<dt>\(ui.s("Rules", "Règles"))</dt><dd><ul class=\"rules\">\(HTML.join(t.rules.map { "<li><code>\($0.summary)</code></li>" }))</ul></dd>"
                let unless = t.unless.isEmpty ? HTML.empty
                    : "<dt>\(ui.s("Unless", "Sauf"))</dt><dd><code>\(t.unless.map(\.source).joined(separator: ", "))</code></dd>"
                let children = t.children.isEmpty ? HTML.empty : "<ul class=\"tree\">\(HTML.join(t.children.map(node)))</ul>"
                return """
                <li class="theme" id="theme-\(t.id)">
                  <h3><span class="swatch \(ThemeStyles.className(t.id))" aria-hidden="true"></span> \(t.label(in: ui.lang)) <code>\(t.id)</code> <a class="small" href="/review?theme=\(query: t.id)">\(ui.s("review", "revoir"))</a></h3>
                  <dl>\(field(ui.s("Definition", "Définition"), t.definition))\(field(ui.s("Include", "Inclure"), t.include))\(field(ui.s("Exclude", "Exclure"), t.exclude))\(examples)\(counter)\(rules)\(unless)</dl>
                  \(children)
                </li>
                """
            }
            let problems: HTML = diagnostics.isEmpty ? "" : "<ul class=\"problems\">\(HTML.join(diagnostics.map(problem)))</ul>"
            content = """
            <h1>\(book.title) <span class="muted">\(book.id)\(book.version.map { " · v" + $0 }) · \(book.allThemes.count) \(ui.s("themes", "thèmes"))</span></h1>
            \(problems)
            <ul class="tree top">\(HTML.join(book.themes.map(node)))</ul>
            """
        } catch {
            content = "<h1>\(ui.s("Codebook", "Grille"))</h1><ul class=\"problems\">\(problem(WorkbenchError.diagnostic(error)))</ul>"
        }
        return layout(title: ui.s("Codebook", "Grille"), ui: ui, settings: settings, study: context.study.name, section: .codebook, body: content)
    }

    /// Search: a concordance of the study, each hit linked to its turn in the reader.
    static func search(context: StudyContext, settings: WorkbenchSettings, query: String?) -> HTML {
        let ui = UIText(language: context.study.config.language)
        var results: HTML = ""
        if let query, !query.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                let hits = try SearchUseCase.run(.init(query: query), in: context)
                let shown = hits.prefix(500)
                let rows = HTML.join(shown.map { h -> HTML in
                    """
                    <tr class="\(h.role.rawValue)"><td><a href="/documents/\(path: h.document)#t-\(h.turn)">\(h.document):\(h.turn)</a></td><td>\(h.speaker)</td><td class="left">\(h.left)</td><td class="match"><mark class="found">\(h.match)</mark></td><td class="right">\(h.right)</td><td class="themes">\(h.themes.joined(separator: ", "))</td></tr>
                    """
                })
                let docs = Set(hits.map(\.document)).count
                results = """
                <p class="muted">\(hits.count) \(ui.s("hits in", "occurrences dans")) \(docs) \(ui.s("documents", "documents"))\(shown.count < hits.count ? " (\(ui.s("first", "premières")) \(shown.count))" : "")</p>
                <div class="table-wrap"><table class="kwic"><thead><tr><th scope="col">\(ui.s("where", "où"))</th><th scope="col">\(ui.s("speaker", "locuteur"))</th><th scope="col" class="left"></th><th scope="col">\(ui.s("match", "occurrence"))</th><th scope="col"></th><th scope="col">\(ui.s("themes", "thèmes"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
                """
            } catch {
                results = "<ul class=\"problems\">\(problem(WorkbenchError.diagnostic(error)))</ul>"
            }
        }
        let body: HTML = """
        <h1>\(ui.s("Search", "Recherche"))</h1>
        <form method="get" action="/search" class="search-form" role="search">
          <label for="q">\(ui.s("Words, \"phrases\", prefixes (inquiét*), A NEAR B", "Mots, « expressions » entre guillemets, préfixes (inquiét*), A NEAR B"))</label>
          <input id="q" name="q" type="search" value="\(query)" autocomplete="off">
          <button type="submit">\(ui.s("Search", "Rechercher"))</button>
        </form>
        \(results)
        """
        return layout(title: ui.s("Search", "Recherche"), ui: ui, settings: settings, study: context.study.name, section: .search, body: body)
    }

    /// Compare: theme frequencies per group as n/N, as `verbatim stats` counts them.
    static func compare(context: StudyContext, settings: WorkbenchSettings, by: String?, source: CodingSource) -> HTML {
        let ui = UIText(language: context.study.config.language)
        var names = context.study.caseColumns.filter { $0 != "document" }
        for (_, speakers) in context.study.participants.sorted(by: { $0.key < $1.key }) {
            for (_, a) in speakers { for n in a.names where !names.contains(n) { names.append(n) } }
        }
        let chosen = by ?? (names.contains("group") ? "group" : names.first ?? "group")
        let byOptions = HTML.join(names.map { n -> HTML in
            let sel: HTML = n == chosen ? " selected" : ""
            return "<option value=\"\(n)\"\(sel)>\(n)</option>"
        })
        let sourceOptions = HTML.join(CodingSource.allCases.map { s -> HTML in
            let sel: HTML = s == source ? " selected" : ""
            let text: String
            switch s {
            case .all: text = ui.s("all: manual, accepted, and the rules' not rejected", "tous : manuels, acceptés et suggestions non rejetées")
            case .reviewed: text = ui.s("reviewed: manual and accepted", "revus : manuels et acceptés")
            case .manual: text = ui.s("manual only", "manuels seulement")
            case .rules: text = ui.s("the rules' alone", "les règles seules")
            }
            return "<option value=\"\(s.rawValue)\"\(sel)>\(text)</option>"
        })
        var table: HTML
        do {
            let result = try StatsUseCase.run(.init(input: AnalysisInput(source: source), by: chosen), in: context)
            let f = result.value
            func cell(_ c: FrequencyTable.Cell) -> HTML {
                let pct = c.base > 0 ? String(format: "%.0f%%", c.percent) : "–"
                let small: HTML = c.smallN ? "<span class=\"small-n\" title=\"\(ui.s("N under", "N inférieur à")) \(f.minN)\">†</span>" : ""
                return "<td class=\"num\"><span class=\"frac\">\(c.n)/\(c.base)</span>\(small) <span class=\"pct\">\(pct)</span></td>"
            }
            let head = HTML.join(f.groups.map { g in "<th scope=\"col\">\(g.label())<br><span class=\"muted\">N = \(g.size)</span></th>" })
            let rows = HTML.join(f.rows.map { r -> HTML in
                "<tr class=\"depth-\(min(r.theme.depth, 3))\"><th scope=\"row\"><span class=\"swatch \(ThemeStyles.className(r.theme.id))\" aria-hidden=\"true\"></span> \(r.theme.label) <code>\(r.theme.id)</code></th>\(HTML.join(r.cells.map(cell)))\(cell(r.total))</tr>"
            })
            let notes = HTML.join(f.notes(info: result.info).map { "<li>\($0)</li>" })
            table = """
            <div class="table-wrap"><table class="compare">
              <thead><tr><th scope="col">\(ui.s("theme", "thème"))</th>\(head)<th scope="col">\(ui.s("total", "total"))<br><span class="muted">N = \(f.total.size)</span></th></tr></thead>
              <tbody>\(rows)</tbody>
            </table></div>
            <ul class="notes">\(notes)</ul>
            """
        } catch {
            table = "<ul class=\"problems\">\(problem(WorkbenchError.diagnostic(error)))</ul>"
        }
        let body: HTML = """
        <h1>\(ui.s("Compare groups", "Comparer les groupes"))</h1>
        <form method="get" action="/compare" class="filters">
          <label>\(ui.s("by", "par")) <select name="by">\(byOptions)</select></label>
          <label>\(ui.s("codings counted", "codages comptés")) <select name="source">\(sourceOptions)</select></label>
          <button type="submit">\(ui.s("Compare", "Comparer"))</button>
        </form>
        <p class="muted">\(ui.s("Participant units mentioning each theme: n/N (% of the group). † N under 5.", "Unités de participants qui évoquent chaque thème : n/N (% du groupe). † N inférieur à 5."))</p>
        \(table)
        """
        return layout(title: ui.s("Compare", "Comparer"), ui: ui, settings: settings, study: context.study.name, section: .compare, body: body)
    }
}

extension WorkbenchError {
    /// Any error as a diagnostic, for a page's list of problems.
    static func diagnostic(_ error: any Error) -> Diagnostic {
        if let d = error as? DiagnosticConvertible { return d.diagnostic }
        return .error("", from(error).message)
    }
}
