extension ReportMarkdownWriter {
    /// The "Impact" section in Markdown: per group, a table with the horizons side by side, the context
    /// rows, the questionnaire figures and the verbatims (the chain is listed, not drawn).
    static func impactSection(_ impact: ReportImpact, language: String) -> String {
        let t = ImpactStrings(language: language)
        func lit(_ s: String) -> String { MarkdownText.literal(s, keepingLineBreaks: false) }
        var out = "## \(t.title)\n\n### \(t.chainTitle)\n\n"
        for (i, step) in t.steps.enumerated() {
            let nodes = impact.chain.filter { $0.step == i }
            guard !nodes.isEmpty else { continue }
            out += "- **\(step)**: " + nodes.map { n in lit(n.label) + (n.share.map { " (\(Int(($0 * 100).rounded())) %)" } ?? "") }.joined(separator: " · ") + "\n"
        }
        out += "\n"
        for g in impact.groups {
            out += "### \(lit(t.group(g.value)))\n\n"
            var header = [t.outcome]
            var align: [Table.Alignment] = [.left]
            for h in impact.horizons {
                header += ["\(h): \(t.mention)", t.credit, t.against, t.reading]
                align += [.right, .right, .right, .left]
            }
            var table = Table(header: header, alignments: align)
            func cells(_ cs: [ReportImpact.Cell]) -> [String] {
                cs.flatMap { c in
                    ["\(c.n)/\(c.base)" + (c.smallN ? "†" : "") + (c.expected ? "" : "°"),
                     String(c.programme) + (c.other > 0 ? " (+\(c.other) \(t.otherCause))" : ""), String(c.counter), c.reading]
                }
            }
            for o in g.outcomes {
                table.add([lit(o.label)] + cells(o.cells))
                for ctx in o.contexts { table.add(["&emsp;" + lit(ctx.value)] + cells(ctx.cells)) }
            }
            out += table.markdown() + "\n"
            for o in g.outcomes where !o.figures.isEmpty || !o.quotes.isEmpty {
                out += "**\(lit(o.label))**\n\n"
                for f in o.figures {
                    out += "- \(f.computed ? t.questionnaireComputed : t.questionnaire): **\(lit(f.value))**\(f.label.map { " " + lit($0) } ?? "") — \(lit(f.source))"
                        + (f.link.map { " " + lit($0) } ?? "") + "\n"
                }
                for q in o.quotes {
                    out += "- \(q.against ? t.againstQuote : t.forQuote)\(q.credited ? " (\(t.credited))" : ""): « \(lit(q.text)) » — \(lit(q.source))\n"
                }
                out += "\n"
            }
        }
        for n in impact.notes { out += lit(n) + "\n\n" }
        return out
    }
}
