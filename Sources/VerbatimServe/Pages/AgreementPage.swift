import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimAnalysis
import VerbatimApp

extension Pages {
    /// The agreement page: the coders' agreement per theme, as `verbatim agree --coders` computes it,
    /// then their disagreements document by document, each settled with a click as `verbatim
    /// adjudicate` records it (under the coder `adjudicated`).
    static func agreement(context: StudyContext, settings: WorkbenchSettings, coders chosen: [String]?) -> HTML {
        let ui = UIText(language: context.study.config.language)
        let title = ui.s("Agreement between coders", "Accord entre codeurs")
        func page(_ content: HTML) -> HTML {
            layout(title: title, ui: ui, settings: settings, study: context.study.name, section: .agreement,
                   body: "<div class=\"agreement\" id=\"agreement\">\(content)</div>\n<div id=\"status\" class=\"toast\" role=\"status\" aria-live=\"polite\"></div>",
                   scripts: ["agreement.js"], bodyClass: "page-agreement")
        }
        let heading: HTML = "<h1>\(title)</h1>"
        var available: [String] = []
        if let root = try? context.studyRoot() {
            available = CodingStore(root: root).read().coders.filter { $0 != AdjudicateUseCase.coder }
        }
        let coders = chosen ?? available
        guard coders.count >= 2 else {
            let have: String = available.isEmpty
                ? ui.s("The study has no coder's codings yet.", "L'étude n'a encore aucun codage de codeur.")
                : ui.s("The study has only \(available[0])'s codings.", "L'étude n'a que les codages de \(available[0]).")
            return page(heading + """
            <p>\(have) \(ui.s("Agreement compares two coders or more who coded the same documents.", "L'accord compare deux codeurs ou plus qui ont codé les mêmes documents."))</p>
            <p class="muted">\(ui.s("To plan a check: 'verbatim sample --share 0.2' draws the documents to code twice; each coder then codes them (in this workbench, or with 'verbatim tag' and 'verbatim review' with their --coder name).", "Pour préparer un contrôle : « verbatim sample --share 0.2 » tire les documents à coder deux fois ; chaque codeur les code ensuite (dans cet atelier, ou avec « verbatim tag » et « verbatim review » sous son nom --coder)."))</p>
            """)
        }
        let picker = HTML.join(available.map { c -> HTML in
            let on: HTML = coders.contains(c) ? " checked" : ""
            return "<label class=\"coder\"><input type=\"checkbox\" name=\"coder\" value=\"\(c)\"\(on)> \(c)</label>"
        })
        let form: HTML = """
        <form method="get" action="/agreement" class="filters" id="coders-form">
          <fieldset><legend>\(ui.s("Coders compared", "Codeurs comparés"))</legend>\(picker)</fieldset>
          <button type="submit">\(ui.s("Compare", "Comparer"))</button>
        </form>
        """
        let result: AgreementUseCase.StudyResult
        let list: AdjudicateUseCase.ListResult
        do {
            result = try AgreementUseCase.study(.init(coders: coders), in: context)
            list = try AdjudicateUseCase.list(.init(coders: coders), in: context)
        } catch {
            return page(heading + form + "<ul class=\"problems\">\(problem(WorkbenchError.diagnostic(error)))</ul>")
        }
        let labels = Dictionary(result.themes.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        func decimal(_ v: Double?) -> HTML {
            guard let v else { return "<span class=\"muted\" title=\"\(ui.s("undefined", "non défini"))\">–</span>" }
            let text = String(format: "%.2f", v)
            return HTML(raw: HTML.escape(ui.french ? text.replacingOccurrences(of: ".", with: ",") : text))
        }
        func percent(_ v: Double?) -> HTML {
            guard let v else { return "<span class=\"muted\">–</span>" }
            return HTML(raw: HTML.escape(String(format: "%.0f %%", v * 100)))
        }
        let kappaName = coders.count == 2 ? ui.s("Cohen's κ", "κ de Cohen") : ui.s("Fleiss' κ", "κ de Fleiss")
        func row(_ name: HTML, depth: Int, _ all: AgreementSummary, _ coded: AgreementSummary) -> HTML {
            let kappa = coders.count == 2 ? coded.cohen.value : coded.fleiss.value
            return "<tr class=\"depth-\(min(depth, 3))\"><th scope=\"row\">\(name)</th><td class=\"num\">\(coded.units)</td><td class=\"num\">\(percent(coded.percentAgreement.value))</td><td class=\"num\">\(decimal(kappa))</td><td class=\"num\"><b>\(decimal(coded.alpha.value))</b></td><td class=\"num\">\(decimal(all.alpha.value))</td></tr>"
        }
        var rows = HTML.join(result.themes.map { t in
            row("\(t.label) <code>\(t.id)</code>", depth: t.depth, t.all, t.coded)
        })
        if let o = result.overall {
            rows += row("<b>\(ui.s("All themes", "Tous les thèmes"))</b>", depth: 0, o.all, o.coded)
        }
        let seen = zip(result.coders, result.documentsPerCoder).map { "\($0): \($1)" }.joined(separator: ", ")
        let summary: HTML = """
        <p class="muted">\(result.documents.count) \(ui.n(result.documents.count, "document", "documents", "document", "documents")) \(ui.n(result.documents.count, "seen by a coder", "seen by a coder", "vu par un codeur", "vus par un codeur")) (\(seen)) · \(result.units) \(ui.s("participant turns", "tours de participants")), \(result.codedUnits) \(ui.s("coded by someone", "codés par quelqu'un"))</p>
        """
        let table: HTML = """
        <div class="table-wrap"><table class="agreement-table">
          <thead><tr><th scope="col">\(ui.s("theme", "thème"))</th><th scope="col">\(ui.s("turns coded by someone", "tours codés par quelqu'un"))</th><th scope="col">\(ui.s("agreement", "accord"))</th><th scope="col">\(kappaName)</th><th scope="col">\(ui.s("Krippendorff's α", "α de Krippendorff"))</th><th scope="col">\(ui.s("α, all turns", "α, tous les tours"))</th></tr></thead>
          <tbody>\(rows)</tbody>
        </table></div>
        <ul class="notes">
          <li>\(ui.s("Figures on the turns at least one coder coded with some theme, so that text nobody coded cannot inflate agreement; the last column counts every participant turn of the documents seen, as 'verbatim agree' gives both.", "Chiffres sur les tours qu'au moins un codeur a codés avec un thème, pour que le texte que personne n'a codé ne gonfle pas l'accord ; la dernière colonne compte tous les tours de participants des documents vus, comme « verbatim agree » donne les deux."))</li>
          <li>\(ui.s("Krippendorff's α (nominal): 1 is perfect agreement, 0 what chance would give; 0.80 is the usual threshold, 0.667 the lowest for tentative conclusions. – : undefined (nothing varies, or no turn two coders saw).", "α de Krippendorff (nominal) : 1 est l'accord parfait, 0 ce que donnerait le hasard ; 0,80 est le seuil habituel, 0,667 le plus bas pour des conclusions provisoires. – : non défini (rien ne varie, ou aucun tour vu par deux codeurs)."))</li>
        </ul>
        """
        // Disagreements, document by document, open ones first.
        let items = list.open + list.decided
        var byDocument: [(String, [AdjudicateUseCase.Item])] = []
        for item in items {
            if let i = byDocument.firstIndex(where: { $0.0 == item.disagreement.document }) {
                byDocument[i].1.append(item)
            } else {
                byDocument.append((item.disagreement.document, [item]))
            }
        }
        for i in byDocument.indices { byDocument[i].1.sort { ($0.disagreement.turn ?? 0, $0.disagreement.theme) < ($1.disagreement.turn ?? 0, $1.disagreement.theme) } }
        func settled(_ d: String?) -> HTML {
            switch d {
            case "present": return HTML(raw: HTML.escape(ui.s("settled: the theme is kept", "tranché : le thème est retenu")))
            case "absent": return HTML(raw: HTML.escape(ui.s("settled: the theme is not kept", "tranché : le thème n'est pas retenu")))
            default: return HTML(raw: HTML.escape(ui.s("to settle", "à trancher")))
            }
        }
        let sections = HTML.join(byDocument.map { doc, items -> HTML in
            let open = items.filter { $0.decision == nil }.count
            let cards = HTML.join(items.map { item -> HTML in
                let d = item.disagreement
                let turn = d.turn ?? 0
                let label = labels[d.theme] ?? d.theme
                let notBy = d.notCodedBy.isEmpty ? "" : " · \(ui.s("not by", "pas par")) \(d.notCodedBy.joined(separator: ", "))"
                let notSeen = d.notSeenBy.isEmpty ? "" : " · \(ui.s("not seen by", "non vu par")) \(d.notSeenBy.joined(separator: ", "))"
                return """
                <li class="adjudication \(ThemeStyles.className(d.theme))" tabindex="0" data-id="\(item.id)" data-state="\(item.decision ?? "open")">
                  <p class="where"><a href="/documents/\(path: d.document)#t-\(turn)">\(ui.s("turn", "tour")) \(turn)</a> · \(d.speaker ?? "?") · <span class="swatch \(ThemeStyles.className(d.theme))" aria-hidden="true"></span> <b>\(label)</b> <code>\(d.theme)</code></p>
                  <blockquote>\(d.quote)</blockquote>
                  <p class="who">\(ui.s("coded by", "codé par")) \(d.codedBy.joined(separator: ", "))\(notBy)\(notSeen)</p>
                  <p class="decision"><span class="state">\(settled(item.decision))</span>
                    <button type="button" data-decision="present">\(ui.s("Keep the theme", "Retenir le thème"))</button>
                    <button type="button" data-decision="absent">\(ui.s("Not this theme", "Pas ce thème"))</button></p>
                </li>
                """
            })
            return """
            <section class="adjudication-document"><h3><a href="/documents/\(path: doc)">\(doc)</a> <span class="muted">\(open) \(ui.s("to settle", "à trancher")) / \(items.count)</span></h3>
            <ul class="adjudications">\(cards)</ul></section>
            """
        })
        let codersValue = coders.joined(separator: ",")
        let disagreements: HTML = items.isEmpty
            ? "<h2>\(ui.s("Disagreements", "Désaccords"))</h2><p>\(ui.s("No disagreement: the coders coded the same themes in every turn they both saw.", "Aucun désaccord : les codeurs ont codé les mêmes thèmes dans chaque tour qu'ils ont tous deux vu."))</p>"
            : """
            <h2>\(ui.s("Disagreements", "Désaccords")) <span class="muted" id="open-count" data-open="\(list.open.count)">\(list.open.count) \(ui.s("to settle", "à trancher")), \(list.decided.count) \(ui.n(list.decided.count, "settled", "settled", "tranché", "tranchés"))</span></h2>
            <p class="muted">\(ui.s("Each decision is recorded under the coder 'adjudicated' (codings/adjudicated.jsonl), as 'verbatim adjudicate' does; count the settled coding with 'verbatim stats --source reviewed --coder adjudicated'. A decision can be changed.", "Chaque décision est enregistrée sous le codeur « adjudicated » (codings/adjudicated.jsonl), comme le fait « verbatim adjudicate » ; le codage tranché se compte avec « verbatim stats --source reviewed --coder adjudicated ». Une décision peut être changée."))\(list.agreementsMissing > 0 ? " " + ui.s("\(list.agreementsMissing) agreements are not recorded under 'adjudicated' yet: 'verbatim adjudicate --agreements' copies them.", "\(list.agreementsMissing) accords ne sont pas encore enregistrés sous « adjudicated » : « verbatim adjudicate --agreements » les recopie.") : "")</p>
            <div class="adjudication-list" data-coders="\(codersValue)">\(sections)</div>
            """
        return page(heading + form + summary + table + disagreements)
    }
}
