import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimApp

extension Pages {
    /// Every theme of the codebook with its label in the interface's language and its depth.
    static func themeList(_ book: Codebook?, ui: UIText) -> [(id: String, label: String, depth: Int)] {
        guard let book else { return [] }
        var out: [(String, String, Int)] = []
        func walk(_ ts: [Theme], _ d: Int) { for t in ts { out.append((t.id, t.label(in: ui.lang), d)); walk(t.children, d + 1) } }
        walk(book.themes, 0)
        return out
    }

    /// The reader: the turns with their speakers, roles and times, the coded words highlighted in their
    /// theme's colour, and in the margin one stripe per coding with its theme's name and status.
    static func reader(_ view: DocumentView, context: StudyContext, settings: WorkbenchSettings) -> HTML {
        let t = view.transcript
        let ui = UIText(language: context.study.config.language)
        let labels = Dictionary(themeList(view.codebook, ui: ui).map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        let byTurn = Dictionary(grouping: view.items, by: \.turn)
        let bytes = Array(t.text.utf8)

        let documents = Corpus(study: context.study, paths: []).entries.map(\.document)
        let rail = HTML.join(documents.map { d -> HTML in
            let current: HTML = d == t.document ? " aria-current=\"page\"" : ""
            return "<li><a href=\"/documents/\(path: d)\"\(current)>\(d)</a></li>"
        })

        var turns: [HTML] = []
        if let first = t.turns.first, first.labelStart > 0 {
            let pre = t.slice(0, first.labelStart).trimmingCharacters(in: .whitespacesAndNewlines)
            if !pre.isEmpty {
                turns.append("<section class=\"preamble\"><h2 class=\"visually-hidden\">\(ui.s("Preamble", "Préambule"))</h2><p class=\"muted\">\(ui.s("Preamble (not a turn)", "Préambule (pas un tour)"))</p><div class=\"text\">\(pre)</div></section>")
            }
        }
        for turn in t.turns {
            let items = byTurn[turn.index] ?? []
            let role = turn.role.rawValue
            var who: HTML = "<span class=\"num\">\(turn.index)</span> "
            let speakerAttributes = turn.speaker.flatMap { t.speakerAttributes[$0] }?.pairs.map { "\($0.name): \($0.value)" }.joined(separator: " · ")
            who += "<span class=\"speaker\" title=\"\(speakerAttributes ?? "")\">\(turn.speaker ?? ui.s("(unknown speaker)", "(locuteur inconnu)"))</span>"
            who += " <span class=\"role\">\(ui.role(role))</span>"
            if let time = turn.time { who += " <span class=\"time\">\(time.display)</span>" }
            let stripes = self.stripes(items, labels: labels, ui: ui, settings: settings)
            turns.append("""
            <article class="turn \(role)" id="t-\(turn.index)" data-turn="\(turn.index)" tabindex="-1" aria-label="\(ui.s("Turn", "Tour")) \(turn.index)">
              <div class="who">\(who)</div>
              <div class="text" data-turn="\(turn.index)">\(highlighted(bytes, turn: turn, items: items))</div>
              <div class="stripes" aria-label="\(ui.s("Codings", "Codages"))">\(stripes)</div>
            </article>
            """)
        }
        let attributes = t.attributes.pairs.map { "<span class=\"attr\"><span class=\"k\">\($0.name)</span> \($0.value)</span>" as HTML }
        let suggested = view.items.filter { $0.status == "suggested" }.count
        let decided = view.items.filter { $0.kind == .suggestion && $0.status != "suggested" }.count
        let manual = view.items.filter { $0.kind == .manual }.count
        let notice: HTML = view.problems.isEmpty ? "" : "<ul class=\"problems\">\(HTML.join(view.problems.map(problem)))</ul>"
        let body: HTML = """
        <div class="reader-layout" data-document="\(t.document)">
          <nav class="rail" aria-label="\(ui.s("Documents", "Documents"))"><h2>\(ui.s("Documents", "Documents"))</h2><ul>\(rail)</ul></nav>
          <div class="reader">
            <header class="doc-head">
              <h1>\(t.document)</h1>
              <p class="muted">\(t.format.rawValue) · \(t.turns.count) \(ui.n(t.turns.count, "turn", "turns", "tour", "tours")) · \(t.wordCount) \(ui.n(t.wordCount, "word", "words", "mot", "mots")) · \(suggested) \(ui.n(suggested, "suggested", "suggested", "suggéré", "suggérés")) · \(decided) \(ui.n(decided, "decided", "decided", "décidé", "décidés")) · \(manual) \(ui.n(manual, "manual", "manual", "manuel", "manuels"))</p>
              <p class="attrs">\(attributes)</p>
              <p class="hint">\(ui.s("Select words in a turn (with the mouse, or v then the arrows on a turn reached with j/k) and press c to code them; click a coding to see who made it and why, change it or add a memo.", "Sélectionnez des mots d'un tour (à la souris, ou v puis les flèches sur un tour atteint avec j/k) et appuyez sur c pour les coder ; cliquez sur un codage pour voir qui l'a fait et pourquoi, le modifier ou lui ajouter un mémo."))</p>
              \(notice)
              \(documentMemo(view.memo, ui: ui, settings: settings))
            </header>
            <div class="turns">\(turns)</div>
          </div>
          <aside id="detail" class="detail" aria-labelledby="detail-title" hidden>
            <h2 id="detail-title">\(ui.s("Coding", "Codage"))</h2>
            <div id="detail-body"></div>
            <p class="detail-error" id="detail-error" role="alert"></p>
            <button type="button" data-action="close-detail">\(ui.s("Close", "Fermer"))</button>
          </aside>
        </div>
        <div id="status" class="toast" role="status" aria-live="polite"></div>
        \(palette(themeList(view.codebook, ui: ui), ui: ui))
        """
        return layout(title: t.document, ui: ui, settings: settings, study: context.study.name, section: .document, body: body,
                      scripts: ["reader.js"], bodyClass: "page-reader")
    }

    /// A memo's text as paragraphs, the signature lines `_coder, time_` that `verbatim memo` writes set
    /// apart (reader.js does the same with a memo just added).
    static func memoParagraphs(_ memo: String) -> HTML {
        let paragraphs = memo.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        return HTML.join(paragraphs.map { p -> HTML in
            if p.count > 2, p.hasPrefix("_"), p.hasSuffix("_"), !p.contains("\n") { return "<p class=\"memo-sign\">\(String(p.dropFirst().dropLast()))</p>" }
            return "<p>\(p)</p>"
        })
    }

    /// The document's memo, and a field to add a paragraph to it (reader.js sends it to /api/memos).
    static func documentMemo(_ memo: String?, ui: UIText, settings: WorkbenchSettings) -> HTML {
        let text: HTML = memo.map { "<div class=\"memo-text\" id=\"memo-text\">\(memoParagraphs($0))</div>" }
            ?? "<p class=\"muted\" id=\"memo-text\">\(ui.s("No memo yet.", "Pas encore de mémo."))</p>"
        let open: HTML = memo == nil ? "" : " open"
        return """
        <details class="doc-memo" id="doc-memo"\(open)>
          <summary>\(ui.s("Document memo", "Mémo du document")) <kbd>n</kbd></summary>
          \(text)
          <form id="memo-form" class="memo-form">
            <label for="memo-new">\(ui.s("Add to the memo (signed", "Ajouter au mémo (signé")) \(settings.coder))</label>
            <textarea id="memo-new" rows="2"></textarea>
            <button type="submit">\(ui.s("Add", "Ajouter"))</button>
            <span class="memo-error" id="memo-error" role="alert"></span>
          </form>
        </details>
        """
    }

    /// A turn's margin: one stripe per theme and status (the theme's colour and name, the status as a
    /// sign and in words, how many codings), each coding's details kept beside it for the panel.
    static func stripes(_ items: [CodingItem], labels: [String: String], ui: UIText, settings: WorkbenchSettings) -> HTML {
        var order: [String] = []
        var groups: [String: [CodingItem]] = [:]
        for c in items {
            let key = "\(c.kind.rawValue)\u{0}\(c.status)\u{0}\(c.theme)\u{0}\(c.placed)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(c)
        }
        return HTML.join(order.map { key -> HTML in
            let group = groups[key]!
            let c = group[0]
            let label = labels[c.theme] ?? c.theme
            let glyph: String
            switch c.status {
            case "accepted": glyph = "✓"
            case "rejected": glyph = "✗"
            case "manual": glyph = "✎"
            default: glyph = "?"
            }
            let count: HTML = group.count > 1 ? "<span class=\"count\">×\(group.count)</span>" : ""
            let details = HTML.join(group.map { coding($0, labels: labels, ui: ui, settings: settings) })
            return """
            <button type="button" class="stripe \(ThemeStyles.className(c.theme)) status-\(c.status)\(c.placed ? "" : " unplaced")" data-ids="\(group.map(\.id).joined(separator: " "))" title="\(label) — \(ui.status(c.status))"><span class="glyph" aria-hidden="true">\(glyph)</span> <span class="name">\(label)</span><span class="visually-hidden"> (\(ui.status(c.status)))</span>\(count)</button>\(details)
            """
        })
    }

    /// One coding's details, for the panel that opens on a click (reader.js reads them as text).
    static func coding(_ c: CodingItem, labels: [String: String], ui: UIText, settings: WorkbenchSettings) -> HTML {
        let label = labels[c.theme] ?? c.theme
        let was = c.suggestedTheme.map { labels[$0] ?? $0 }
        return """
        <span class="coding \(ThemeStyles.className(c.theme))" hidden data-id="\(c.id)" data-kind="\(c.kind.rawValue)" data-status="\(c.status)" data-status-text="\(ui.status(c.status))" data-theme="\(c.theme)" data-label="\(label)" data-was="\(was)" data-turn="\(c.turn)" data-quote="\(c.quote)" data-rule="\(c.rule)" data-coder="\(c.coder)" data-decision="\(c.decision)" data-memo="\(c.memo)" data-time="\(c.time)" data-mine="\(c.coder == settings.coder ? "1" : "0")" data-placed="\(c.placed ? "1" : "0")"></span>
        """
    }

    /// A turn's text with its coded words marked: one `<mark>` per stretch covered by the same codings
    /// (rejected suggestions and codings that cannot be placed are not marked), its first theme's colour,
    /// and `multi` where codings overlap.
    static func highlighted(_ bytes: [UInt8], turn: Turn, items: [CodingItem]) -> HTML {
        func snap(_ i: Int) -> Int {
            var i = min(max(i, turn.start), turn.end)
            while i > turn.start && i < bytes.count && bytes[i] & 0xC0 == 0x80 { i -= 1 }
            return i
        }
        let marked = items.filter { $0.placed && $0.status != "rejected" }.map { (item: $0, start: snap($0.start), end: snap($0.end)) }
            .filter { $0.start < $0.end }
        func text(_ a: Int, _ b: Int) -> String { String(decoding: bytes[a..<b], as: UTF8.self) }
        if marked.isEmpty { return "\(text(turn.start, turn.end))" }
        var cuts = Set([turn.start, turn.end])
        for m in marked { cuts.insert(m.start); cuts.insert(m.end) }
        let points = cuts.sorted()
        var out = HTML.empty
        for (a, b) in zip(points, points.dropFirst()) where a < b {
            let over = marked.filter { $0.start <= a && $0.end >= b }
            if over.isEmpty { out += "\(text(a, b))"; continue }
            let ids = over.map(\.item.id).joined(separator: " ")
            let multi = over.count > 1 ? " multi" : ""
            out += "<mark class=\"hl \(ThemeStyles.className(over[0].item.theme))\(multi)\" data-ids=\"\(ids)\">\(text(a, b))</mark>"
        }
        return out
    }
}
