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
        // Each coder's coded and reviewed share (nil when the codebook cannot be read: the problems say why).
        let progress = try? ReviewProgressUseCase.run(alwaysCoder: settings.coder, in: context)
        // Coding blind, only one's own work is shown.
        let coders = progress.map { [settings.coder] + (settings.blind ? [] : $0.coders.filter { $0 != settings.coder }) } ?? []

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
        let coderHeads = HTML.join(coders.map { c -> HTML in
            "<th scope=\"col\" class=\"share\" title=\"\(ui.s("coded share of the participant turns · suggestions decided", "part des tours de participants codée · suggestions décidées"))\">\(c)\(c == settings.coder ? ui.s(" (you)", " (vous)") : "")<br><span class=\"muted\">\(ui.s("coded · reviewed", "codé · revu"))</span></th>"
        })
        let body = HTML.join(shown.map { r -> HTML in
            let labels = r.speakers.map { $0.label + ($0.role == .interviewer ? "*" : "") }
            let speakers: HTML = labels.count <= 3 ? "\(labels.joined(separator: ", "))"
                : "<details><summary title=\"\(labels.joined(separator: ", "))\">\(labels.prefix(2).joined(separator: ", ")) <span class=\"more\">+\(labels.count - 2)</span></summary>\(labels.joined(separator: ", "))</details>"
            let cells = HTML.join(names.map { "<td>\(r.attributes[$0] ?? "")</td>" })
            let shares = HTML.join(coders.map { coder -> HTML in
                guard let d = progress?.documents[r.document], let p = d.coders[coder] else { return "<td class=\"num share\">–</td>" }
                let codedPct = d.participantTurns > 0 ? Int((Double(p.codedTurns) / Double(d.participantTurns) * 100).rounded()) : 0
                let reviewedPct = d.suggestions > 0 ? Int((Double(p.decided) / Double(d.suggestions) * 100).rounded()) : 100
                let title = ui.s("\(coder): \(p.codedTurns) of \(d.participantTurns) participant turns coded (\(p.manual) manual codings); \(p.decided) of \(d.suggestions) suggestions decided",
                                 "\(coder) : \(p.codedTurns) tours de participants codés sur \(d.participantTurns) (\(p.manual) codages manuels) ; \(p.decided) suggestions décidées sur \(d.suggestions)")
                return """
                <td class="num share" title="\(title)"><span class="coded">\(codedPct) %</span> <span class="reviewed">\(p.decided)/\(d.suggestions)</span><meter min="0" max="100" value="\(reviewedPct)" aria-hidden="true"></meter></td>
                """
            })
            return """
            <tr><th scope="row"><a href="/documents/\(path: r.document)">\(r.document)</a></th><td>\(r.format)</td><td class="num">\(r.turns)</td><td class="num">\(r.words)</td>\(shares)<td class="speakers">\(speakers)</td>\(cells)</tr>
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
            <thead><tr><th scope="col">\(ui.s("document", "document"))</th><th scope="col">\(ui.s("format", "format"))</th><th scope="col">\(ui.s("turns", "tours"))</th><th scope="col">\(ui.s("words", "mots"))</th>\(coderHeads)<th scope="col">\(ui.s("speakers", "locuteurs"))</th>\(header)</tr></thead>
            <tbody>\(body)</tbody>
          </table>
          </div>
          <p class="muted">\(ui.s("* interviewer or moderator: their turns are not coded. Per coder: coded, the share of the participant turns with a manual coding or an accepted suggestion of theirs; reviewed, the rules' suggestions they accepted or rejected out of all.", "* enquêteur ou animateur : ses tours ne sont pas codés. Par codeur : codé, la part des tours de participants avec un de ses codages manuels ou une suggestion qu'il a acceptée ; revu, les suggestions des règles qu'il a acceptées ou rejetées, sur toutes."))</p>
        </section>
        <section aria-labelledby="check-title">
          <h2 id="check-title">\(ui.s("Problems", "Problèmes")) <span class="muted">\(check.summaryLine())</span></h2>
          \(problemList)
        </section>
        """
        return layout(title: study.name, ui: ui, settings: settings, study: study.name, section: .study, body: content)
    }
}
