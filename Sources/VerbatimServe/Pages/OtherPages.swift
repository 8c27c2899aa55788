import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimApp
import VerbatimAnalysis
import VerbatimExport

extension Pages {
    /// The review queue: one suggestion at a time (review.js fetches them from /api/suggestions).
    static func review(context: StudyContext, settings: WorkbenchSettings, book: Codebook?, theme: String?, filter: String? = nil) -> HTML {
        let ui = UIText(language: context.study.config.language)
        let themes = themeList(book, ui: ui)
        let options = HTML.join(themes.map { t -> HTML in
            let sel: HTML = t.id == theme ? " selected" : ""
            return "<option value=\"\(t.id)\"\(sel)>\(String(repeating: "  ", count: t.depth))\(t.label)</option>"
        })
        let attributeOptions = attributeFilterOptions(context: context, selected: filter, ui: ui)
        func button(_ action: String, _ key: String, _ label: String) -> HTML {
            "<button type=\"button\" data-action=\"\(action)\" aria-keyshortcuts=\"\(key)\">\(label) <kbd>\(key)</kbd></button>"
        }
        let body: HTML = """
        <div class="review" id="review" data-theme="\(theme)" data-where="\(filter)">
          <header class="review-head">
            <h1>\(ui.s("Review the rules' suggestions", "Revue des suggestions des règles"))</h1>
            <form method="get" action="/review" class="filters">
              <label>\(ui.s("Theme", "Thème")) <select name="theme"><option value="">\(ui.s("all themes", "tous les thèmes"))</option>\(options)</select></label>
              <label>\(ui.s("Attribute", "Attribut")) <select name="where"><option value="">\(ui.s("all documents", "tous les documents"))</option>\(attributeOptions)</select></label>
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

    /// The values of every document and speaker attribute, as `name=value` options grouped by name.
    static func attributeFilterOptions(context: StudyContext, selected: String?, ui: UIText) -> HTML {
        let summaries = AttributesUseCase.run(paths: [], in: context)
        var seen = Set<String>()
        return HTML.join(summaries.filter { seen.insert($0.name).inserted && $0.values.count > 1 && $0.values.count <= 40 }.map { a -> HTML in
            let options = HTML.join(a.values.map { v -> HTML in
                let value = "\(a.name)=\(v.value)"
                let sel: HTML = value == selected ? " selected" : ""
                return "<option value=\"\(value)\"\(sel)>\(a.name) : \(v.value) (\(v.count))</option>"
            })
            return "<optgroup label=\"\(a.name)\">\(options)</optgroup>"
        })
    }

    /// The codebook: the tree of themes with their colours, definitions, inclusions, exclusions,
    /// examples and rules.
    static func codebook(context: StudyContext, settings: WorkbenchSettings) -> HTML {
        let ui = UIText(language: context.study.config.language)
        var content: HTML
        do {
            let (book, diagnostics) = try CodebookUseCase.lint(nil, in: context)
            // n/N of participant units per theme, as `verbatim stats` counts them (all codings).
            var counts: [String: FrequencyTable.Cell] = [:]
            var base = 0
            if let table = try? context.coded(AnalysisInput()).frequencies(by: []) {
                for r in table.rows { counts[r.theme.id] = r.total }
                base = table.total.size
            }
            func count(_ c: FrequencyTable.Cell?) -> HTML {
                guard let c else { return "" }
                return "<span class=\"theme-count\" title=\"\(ui.s("participant units mentioning the theme", "unités de participants qui évoquent le thème"))\">\(c.n)/\(c.base) <span class=\"pct\">\(c.base > 0 ? String(format: "%.0f %%", c.percent) : "–")</span></span>"
            }
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
                  <h3><span class="swatch \(ThemeStyles.className(t.id))" aria-hidden="true"></span> \(t.label(in: ui.lang)) <code>\(t.id)</code> \(count(counts[t.id])) <a class="small" href="/search?theme=\(query: t.id)">\(ui.s("its codings", "ses codages"))</a> <a class="small" href="/review?theme=\(query: t.id)">\(ui.s("review", "revoir"))</a></h3>
                  <dl>\(field(ui.s("Definition", "Définition"), t.definition))\(field(ui.s("Include", "Inclure"), t.include))\(field(ui.s("Exclude", "Exclure"), t.exclude))\(examples)\(counter)\(rules)\(unless)</dl>
                  \(children)
                </li>
                """
            }
            let problems: HTML = diagnostics.isEmpty ? "" : "<ul class=\"problems\">\(HTML.join(diagnostics.map(problem)))</ul>"
            content = """
            <h1>\(book.title) <span class="muted">\(book.id)\(book.version.map { " · v" + $0 }) · \(book.allThemes.count) \(ui.s("themes", "thèmes"))</span></h1>
            \(problems)
            <p class="muted">\(base > 0 ? ui.s("Beside each theme: the participant units mentioning it, n/N of the \(base), as 'verbatim stats' counts them (manual codings, accepted suggestions and the rules' not rejected; a parent counts its sub-themes).", "À côté de chaque thème : les unités de participants qui l'évoquent, n/N sur \(base), comptées comme par « verbatim stats » (codages manuels, suggestions acceptées et suggestions non rejetées ; un parent compte ses sous-thèmes).") : "")</p>
            <ul class="tree top">\(HTML.join(book.themes.map(node)))</ul>
            """
        } catch {
            content = "<h1>\(ui.s("Codebook", "Grille"))</h1><ul class=\"problems\">\(problem(WorkbenchError.diagnostic(error)))</ul>"
        }
        return layout(title: ui.s("Codebook", "Grille"), ui: ui, settings: settings, study: context.study.name, section: .codebook, body: content)
    }

    /// Search: a concordance of the study, each hit linked to its turn in the reader.
    static func search(context: StudyContext, settings: WorkbenchSettings, query: String?, theme: String? = nil) -> HTML {
        let ui = UIText(language: context.study.config.language)
        var results: HTML = ""
        let themes = themeList(try? context.codebook(nil), ui: ui)
        let themeOptions = HTML.join(themes.map { t -> HTML in
            let sel: HTML = t.id == theme ? " selected" : ""
            return "<option value=\"\(t.id)\"\(sel)>\(String(repeating: "  ", count: t.depth))\(t.label)</option>"
        })
        if let theme, query?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
            results = codedPassages(theme, context: context, ui: ui)
        } else if let query, !query.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                let hits = try SearchUseCase.run(.init(query: query, theme: theme), in: context)
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
          <label class="theme-filter">\(ui.s("in turns coded", "dans les tours codés")) <select name="theme"><option value="">\(ui.s("any theme", "tous thèmes"))</option>\(themeOptions)</select></label>
          <button type="submit">\(ui.s("Search", "Rechercher"))</button>
        </form>
        \(results)
        """
        return layout(title: ui.s("Search", "Recherche"), ui: ui, settings: settings, study: context.study.name, section: .search, body: body)
    }

    /// The passages coded with `theme` (and its sub-themes), as `verbatim excerpts --theme` selects
    /// them, with real names (this is the researcher's own screen), each linked to its turn.
    static func codedPassages(_ theme: String, context: StudyContext, ui: UIText) -> HTML {
        do {
            var r = ExcerptsUseCase.Request(themes: [theme], realNames: true)
            r.source = .all
            let report = try ExcerptsUseCase.run(r, in: context)
            let excerpts = report.sections.flatMap(\.excerpts)
            let shown = excerpts.prefix(500)
            let items = HTML.join(shown.map { e -> HTML in
                let text = HTML.join(e.segments.map { $0.highlighted ? "<mark class=\"found\">\($0.text)</mark>" : "\($0.text)" })
                let attrs = e.attributes.pairs.map { "\($0.name): \($0.value)" }.joined(separator: " · ")
                return """
                <li class="passage \(ThemeStyles.className(e.theme))"><p class="where"><a href="/documents/\(path: e.document)#t-\(e.turn)">\(e.document):\(e.turn)</a> · \(e.speaker ?? "?") · <span class="muted">\(attrs)</span> · <code>\(e.codes.joined(separator: ", "))</code></p><blockquote>\(text)</blockquote></li>
                """
            })
            let docs = Set(excerpts.map(\.document)).count
            return """
            <p class="muted">\(excerpts.count) \(ui.s("coded passages in", "passages codés dans")) \(docs) \(ui.s("documents", "documents")) (\(ui.s("manual, accepted, and the rules' not rejected", "manuels, acceptés et suggestions non rejetées")))\(shown.count < excerpts.count ? " (\(ui.s("first", "premiers")) \(shown.count))" : "") · <a href="/review?theme=\(query: theme)">\(ui.s("review its suggestions", "revoir ses suggestions"))</a></p>
            <ul class="passages">\(items)</ul>
            """
        } catch {
            return "<ul class=\"problems\">\(problem(WorkbenchError.diagnostic(error)))</ul>"
        }
    }

    /// Compare: theme frequencies per group as n/N, as `verbatim stats` counts them.
    /// The Impact view: the report's Impact section, computed now (the chain, per group the outcomes
    /// at both horizons with attribution and counter-evidence, the questionnaire figures, a verbatim
    /// for and against), by the context attribute chosen.
    static func impact(context: StudyContext, settings: WorkbenchSettings, by: String?) -> HTML {
        let ui = UIText(language: context.study.config.language)
        let names = context.study.caseColumns.filter { $0 != "document" }
        let chosen = by ?? (names.contains("context") ? "context" : nil)
        let options = HTML.join([HTML(raw: "<option value=\"\">\(HTML.escape(ui.s("no context rows", "sans lignes de contexte")))</option>")]
            + names.map { n -> HTML in
                let sel: HTML = n == chosen ? " selected" : ""
                return "<option value=\"\(n)\"\(sel)>\(n)</option>"
            })
        var content: HTML
        do {
            if let impact = try ImpactViewUseCase.run(context: chosen, in: context) {
                let html = ReportHTMLWriter.impactFragment(impact, language: context.study.config.language)
                content = HTML(raw: "<link rel=\"stylesheet\" href=\"/static/impact.css\">\n<div class=\"impact-view\">\n\(html)</div>")
            } else {
                content = "<p>\(ui.s("The codebook has no theory of change ('theory_of_change:'): add one to measure outcomes (see the README, \"Impact along the theory of change\").", "La grille n'a pas de théorie du changement (« theory_of_change: ») : ajoutez-en une pour mesurer les effets (voir le README, « Impact along the theory of change »)."))</p>"
            }
        } catch {
            content = "<p class=\"error\">\(String(describing: error))</p>"
        }
        let body: HTML = """
        <h1>\(ui.s("Impact along the theory of change", "Impact le long de la théorie du changement"))</h1>
        <form method="get" action="/impact" class="filters">
          <label>\(ui.s("Context rows by", "Lignes de contexte par")) <select name="by">\(options)</select></label>
          <button type="submit">\(ui.s("Show", "Afficher"))</button>
        </form>
        \(content)
        """
        return layout(title: ui.s("Impact", "Impact"), ui: ui, settings: settings, study: context.study.name, section: .impact, body: body)
    }

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
        var matrixSection: HTML = ""
        var pairsSection: HTML = ""
        do {
            // One coding of the study for the three tables, computed as `stats`, `matrix` and `cooccur` do.
            let coded = try context.coded(AnalysisInput(source: source))
            try context.checkAttributes([chosen], coded: coded)
            let f = try coded.frequencies(by: [chosen])
            let info = coded.analysisInfo
            func cell(_ c: FrequencyTable.Cell) -> HTML {
                let pct = c.base > 0 ? String(format: "%.0f%%", c.percent) : "–"
                let small: HTML = c.smallN ? "<span class=\"small-n\" title=\"\(ui.s("N under", "N inférieur à")) \(f.minN)\">†</span>" : ""
                return "<td class=\"num\"><span class=\"frac\">\(c.n)/\(c.base)</span>\(small) <span class=\"pct\">\(pct)</span></td>"
            }
            let head = HTML.join(f.groups.map { g in "<th scope=\"col\">\(g.label())<br><span class=\"muted\">N = \(g.size)</span></th>" })
            let rows = HTML.join(f.rows.map { r -> HTML in
                "<tr class=\"depth-\(min(r.theme.depth, 3))\"><th scope=\"row\"><span class=\"swatch \(ThemeStyles.className(r.theme.id))\" aria-hidden=\"true\"></span> \(r.theme.label) <code>\(r.theme.id)</code></th>\(HTML.join(r.cells.map(cell)))\(cell(r.total))</tr>"
            })
            let notes = HTML.join(f.notes(info: info, french: ui.french).map { "<li>\($0)</li>" })
            table = """
            <div class="table-wrap"><table class="compare">
              <thead><tr><th scope="col">\(ui.s("theme", "thème"))</th>\(head)<th scope="col">\(ui.s("total", "total"))<br><span class="muted">N = \(f.total.size)</span></th></tr></thead>
              <tbody>\(rows)</tbody>
            </table></div>
            <ul class="notes">\(notes)</ul>
            """
            matrixSection = matrix(try coded.matrix(columns: [chosen]), ui: ui)
            pairsSection = cooccurrences(coded.cooccurrence().limited(to: 20), ui: ui)
        } catch {
            table = "<ul class=\"problems\">\(problem(WorkbenchError.diagnostic(error)))</ul>"
        }
        let q = "by=\(HTML.queryValue(chosen))&source=\(source.rawValue)"
        let exports: HTML = """
        <section class="exports" aria-labelledby="exports-title">
          <h2 id="exports-title">\(ui.s("Export", "Exporter"))</h2>
          <p class="muted">\(ui.s("Computed now from the study, with the codings counted above; names are replaced by pseudonyms, as the command line's exports do. Nothing is written into the study.", "Calculés maintenant sur l'étude, avec les codages comptés ci-dessus ; les noms sont remplacés par des pseudonymes, comme dans les exports en ligne de commande. Rien n'est écrit dans l'étude."))</p>
          <ul class="export-links">
            <li><a href="/export/report.html?\(q)" download>\(ui.s("The report (HTML)", "Le rapport (HTML)"))</a></li>
            <li><a href="/export/verbatims.docx?\(q)" download>\(ui.s("The verbatims (Word)", "Les verbatims (Word)"))</a></li>
            <li><a href="/export/stats.csv?\(q)" download>\(ui.s("Frequencies n/N (CSV)", "Fréquences n/N (CSV)"))</a></li>
            <li><a href="/export/matrix.csv?\(q)" download>\(ui.s("Matrix with tests (CSV)", "Matrice et tests (CSV)"))</a></li>
            <li><a href="/export/cooccur.csv?\(q)" download>\(ui.s("Co-occurrences (CSV)", "Cooccurrences (CSV)"))</a></li>
          </ul>
        </section>
        """
        let body: HTML = """
        <h1>\(ui.s("Compare groups", "Comparer les groupes"))</h1>
        <form method="get" action="/compare" class="filters">
          <label>\(ui.s("by", "par")) <select name="by">\(byOptions)</select></label>
          <label>\(ui.s("codings counted", "codages comptés")) <select name="source">\(sourceOptions)</select></label>
          <button type="submit">\(ui.s("Compare", "Comparer"))</button>
        </form>
        <p class="muted">\(ui.s("Participant units mentioning each theme: n/N (% of the group). † N under 5.", "Unités de participants qui évoquent chaque thème : n/N (% du groupe). † N inférieur à 5."))</p>
        \(table)
        \(matrixSection)
        \(pairsSection)
        \(exports)
        """
        return layout(title: ui.s("Compare", "Comparer"), ui: ui, settings: settings, study: context.study.name, section: .compare, body: body)
    }
}

extension Pages {
    /// The matrix of `verbatim matrix`: each theme's participant units n/N per value, with the test of
    /// independence chosen for its table, its p-value and Cramér's V.
    static func matrix(_ m: ThemeMatrix, ui: UIText) -> HTML {
        func cell(_ c: ThemeMatrix.Cell) -> HTML {
            let small: HTML = c.smallN ? "<span class=\"small-n\">†</span>" : ""
            return "<td class=\"num\">\(AnalysisFormat.fraction(c.participants.count, c.participants.base))\(small)</td>"
        }
        let head = HTML.join(m.columns.map { g in "<th scope=\"col\">\(g.label())<br><span class=\"muted\">N = \(g.size)</span></th>" })
        let rows = HTML.join(m.rows.map { r -> HTML in
            let a = r.association
            let test = a.test == .chiSquare ? "chi²(\(a.degreesOfFreedom))" : AnalysisFormat.shortName(a.test)
            let p = a.test == .none ? "—" : AnalysisFormat.pValue(a.pValue)
            let warn: HTML = a.warnings.isEmpty ? "" : " <span class=\"warn\" title=\"\(a.warnings.joined(separator: " · "))\">!</span>"
            let strong: HTML = a.test != .none && a.pValue < 0.05 ? " significant" : ""
            return "<tr class=\"depth-\(min(r.theme.depth, 3))\(strong)\"><th scope=\"row\">\(r.theme.label) <code>\(r.theme.id)</code></th>\(HTML.join(r.cells.map(cell)))\(cell(r.total))<td>\(test)</td><td class=\"num\">\(p)\(warn)</td><td class=\"num\">\(AnalysisFormat.decimal2(a.cramersV))</td></tr>"
        })
        let by = AnalysisFormat.attributesTitle(m.attributes)
        return """
        <section aria-labelledby="matrix-title">
          <h2 id="matrix-title">\(ui.s("Matrix by", "Matrice par")) \(by), \(ui.s("with a test per theme", "avec un test par thème"))</h2>
          <div class="table-wrap"><table class="compare matrix">
            <thead><tr><th scope="col">\(ui.s("theme", "thème"))</th>\(head)<th scope="col">\(ui.s("total", "total"))<br><span class="muted">N = \(m.total.size)</span></th><th scope="col">\(ui.s("test", "test"))</th><th scope="col">p</th><th scope="col">V</th></tr></thead>
            <tbody>\(rows)</tbody>
          </table></div>
          <p class="muted">\(ui.s("As 'verbatim matrix --cols", "Comme « verbatim matrix --cols")) \(by)\(ui.s("': participant units mentioning vs not mentioning the theme × values. Fisher: Fisher's exact test (2 × 2); Freeman–Halton: its extension to larger tables, when expected counts are small; chi²: Pearson's chi-square test (df in brackets). V: Cramér's V. p < 0.05 in bold; the p-values are not corrected for testing", " » : unités de participants qui évoquent ou non le thème × valeurs. Fisher : test exact de Fisher (2 × 2) ; Freeman–Halton : son extension aux tableaux plus grands, quand les effectifs attendus sont faibles ; chi² : test du khi² de Pearson (ddl entre parenthèses). V : V de Cramér. p < 0,05 en gras ; les p ne sont pas corrigées pour")) \(m.rows.count) \(ui.s("themes", "thèmes")). ! : \(ui.s("the test has warnings (hover)", "le test a des avertissements (survol)")).\(m.excluded > 0 ? " \(m.excluded) " + ui.s("units without a value left out.", "unités sans valeur laissées de côté.") : "")</p>
        </section>
        """
    }

    /// The pairs of `verbatim cooccur`: themes coded in the same unit, the most frequent first.
    static func cooccurrences(_ c: Cooccurrence, ui: UIText) -> HTML {
        let rows = HTML.join(c.pairs.map { p -> HTML in
            "<tr><th scope=\"row\">\(p.first.label)</th><td>\(p.second.label)</td><td class=\"num\">\(p.both)</td><td class=\"num\">\(p.firstCount)</td><td class=\"num\">\(p.secondCount)</td><td class=\"num\">\(String(format: "%.2f", p.jaccard))</td></tr>"
        })
        let table: HTML = c.pairs.isEmpty ? "<p class=\"muted\">\(ui.s("No two themes are coded in the same unit.", "Aucun couple de thèmes codés dans la même unité."))</p>" : """
        <div class="table-wrap"><table class="compare pairs">
          <thead><tr><th scope="col">\(ui.s("theme", "thème"))</th><th scope="col">\(ui.s("with", "avec"))</th><th scope="col">\(ui.s("both", "les deux"))</th><th scope="col">\(ui.s("theme n", "n thème"))</th><th scope="col">\(ui.s("with n", "n avec"))</th><th scope="col">Jaccard</th></tr></thead>
          <tbody>\(rows)</tbody>
        </table></div>
        """
        return """
        <section aria-labelledby="pairs-title">
          <h2 id="pairs-title">\(ui.s("Themes coded together", "Thèmes codés ensemble")) <span class="muted">\(c.pairs.count) \(ui.s("most frequent pairs", "couples les plus fréquents"))</span></h2>
          \(table)
          <p class="muted">\(ui.s("As 'verbatim cooccur':", "Comme « verbatim cooccur » :")) \(c.total) \(ui.s("coded units; a parent theme counts a unit of its sub-themes, pairs of a theme with its own parent are left out. Jaccard = both / (theme + with − both).", "unités codées ; un thème parent compte une unité de ses sous-thèmes, les couples d'un thème et de son parent sont laissés de côté. Jaccard = les deux / (thème + avec − les deux)."))</p>
        </section>
        """
    }
}

extension WorkbenchError {
    /// Any error as a diagnostic, for a page's list of problems.
    static func diagnostic(_ error: any Error) -> Diagnostic {
        if let d = error as? DiagnosticConvertible { return d.diagnostic }
        return .error("", from(error).message)
    }
}
