import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimApp

extension Pages {
    /// The study: its documents with their attributes, turns and words (filtered by attribute values),
    /// and the problems `verbatim check` finds.
    static func study(context: StudyContext, settings: WorkbenchSettings, filters: [String: String]) -> HTML {
        let study = context.study
        let ui = UIText(language: study.config.language)
        let rows = TranscriptsUseCase.run(paths: [], in: context).filter { !$0.failed }
        let check = CheckUseCase.run(paths: [], in: context)
        var names: [String] = []
        for r in rows { for n in r.attributes.names where !names.contains(n) { names.append(n) } }
        let active = filters.filter { names.contains($0.key) && !$0.value.isEmpty }
        let shown = rows.filter { r in active.allSatisfy { r.attributes[$0.key] == $0.value } }
        let mine = CodingStore(root: settings.studyRoot).read(coder: settings.coder).codings
        var coded: [String: Int] = [:]
        for c in mine { coded[c.document, default: 0] += 1 }

        let selects = HTML.join(names.map { name -> HTML in
            let values = Array(Set(rows.compactMap { $0.attributes[name] })).sorted()
            let options = HTML.join(values.map { v -> HTML in
                let sel: HTML = active[name] == v ? " selected" : ""
                return "<option value=\"\(v)\"\(sel)>\(v)</option>"
            })
            return """
            <label>\(name) <select name="\(name)"><option value="">\(ui.s("all", "tous"))</option>\(options)</select></label>
            """
        })
        let header = HTML.join(names.map { "<th scope=\"col\">\($0)</th>" })
        let body = HTML.join(shown.map { r -> HTML in
            let speakers = r.speakers.map { $0.label + ($0.role == .interviewer ? "*" : "") }.joined(separator: ", ")
            let cells = HTML.join(names.map { "<td>\(r.attributes[$0] ?? "")</td>" })
            return """
            <tr><th scope="row"><a href="/documents/\(path: r.document)">\(r.document)</a></th><td>\(r.format)</td><td class="num">\(r.turns)</td><td class="num">\(r.words)</td><td class="speakers">\(speakers)</td>\(cells)<td class="num">\(coded[r.document] ?? 0)</td></tr>
            """
        })
        let problems = check.diagnostics.filter { $0.severity != .note }
        let problemList: HTML = problems.isEmpty
            ? "<p class=\"ok\">\(ui.s("No problem found.", "Aucun problème trouvé."))</p>"
            : "<ul class=\"problems\">\(HTML.join(problems.map(problem)))</ul>"
        let totalWords = shown.reduce(0) { $0 + $1.words }, totalTurns = shown.reduce(0) { $0 + $1.turns }
        let content: HTML = """
        <h1>\(study.name)</h1>
        <section aria-labelledby="docs-title">
          <h2 id="docs-title">\(ui.s("Documents", "Documents")) <span class="muted">\(shown.count)/\(rows.count) · \(totalTurns) \(ui.s("turns", "tours")) · \(totalWords) \(ui.s("words", "mots"))</span></h2>
          <form class="filters" method="get" action="/">\(selects) <button type="submit">\(ui.s("Filter", "Filtrer"))</button> <a href="/">\(ui.s("Clear", "Effacer"))</a></form>
          <div class="table-wrap">
          <table class="documents">
            <thead><tr><th scope="col">\(ui.s("document", "document"))</th><th scope="col">\(ui.s("format", "format"))</th><th scope="col">\(ui.s("turns", "tours"))</th><th scope="col">\(ui.s("words", "mots"))</th><th scope="col">\(ui.s("speakers", "locuteurs"))</th>\(header)<th scope="col">\(ui.s("your codings", "vos codages"))</th></tr></thead>
            <tbody>\(body)</tbody>
          </table>
          </div>
          <p class="muted">\(ui.s("* interviewer or moderator: their turns are not coded.", "* enquêteur ou animateur : ses tours ne sont pas codés."))</p>
        </section>
        <section aria-labelledby="check-title">
          <h2 id="check-title">\(ui.s("Problems", "Problèmes")) <span class="muted">\(check.summaryLine())</span></h2>
          \(problemList)
        </section>
        """
        return layout(title: study.name, ui: ui, settings: settings, study: study.name, section: .study, body: content)
    }
}
