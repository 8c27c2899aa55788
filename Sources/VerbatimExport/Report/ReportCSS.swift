/// The style sheet inlined in every HTML report: system fonts only, print-friendly, no external asset.
enum ReportCSS {
    static let text = """
    :root { --ink: #1A1A1A; --muted: #5F6B7A; --rule: #D5DBE3; --band: #F1F4F8; --accent: #1F4E79; }
    * { box-sizing: border-box; }
    body { font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 15px; line-height: 1.5; color: var(--ink); background: #FFFFFF; max-width: 1200px; margin: 0 auto; padding: 24px 28px 48px; }
    header { border-bottom: 3px solid var(--accent); padding-bottom: 12px; margin-bottom: 8px; }
    .kind { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); margin: 0; }
    h1 { font-size: 30px; margin: 4px 0 6px; line-height: 1.2; }
    h2 { font-size: 22px; margin: 40px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
    h3 { font-size: 18px; margin: 24px 0 8px; }
    h4 { font-size: 16px; margin: 20px 0 6px; }
    .subtitle { color: var(--muted); margin: 0 0 10px; }
    ul.summary { list-style: none; display: flex; flex-wrap: wrap; gap: 10px; padding: 0; margin: 0; }
    ul.summary li { background: var(--band); border-radius: 6px; padding: 6px 12px; }
    ul.summary b { font-size: 18px; }
    nav ol { columns: 2; margin: 0; padding-left: 22px; }
    nav h2 { margin-top: 20px; }
    a { color: var(--accent); text-decoration: none; }
    a:hover { text-decoration: underline; }
    code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .82em; color: #4A5563; }
    .note { color: var(--muted); font-size: 13px; max-width: 60em; margin: 6px 0; }
    .top { text-align: right; font-size: 12px; margin: 8px 0 0; }
    .grid { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-start; }
    table { border-collapse: collapse; font-size: 13px; }
    th, td { padding: 3px 8px; text-align: left; vertical-align: top; }
    thead th { border-bottom: 2px solid var(--rule); font-weight: 600; vertical-align: bottom; }
    tfoot td { border-top: 2px solid var(--rule); font-weight: 600; }
    tbody tr + tr > * { border-top: 1px solid #EEF1F5; }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    th small, td small { font-weight: normal; color: inherit; opacity: .8; }
    table.corpus { min-width: 250px; }
    .scroll { overflow-x: auto; }
    .chart { overflow-x: auto; margin: 8px 0; }
    svg.bars { font-family: inherit; display: block; }
    svg.bars .band { fill: var(--band); }
    svg.bars .grid { stroke: #C9D1DB; stroke-width: 1; stroke-dasharray: 2 3; }
    svg.bars .group { font-size: 14px; font-weight: 700; fill: var(--ink); }
    svg.bars .size { font-size: 12px; fill: var(--muted); }
    svg.bars .size.small { fill: #B03A2E; font-weight: 600; }
    svg.bars .tick { font-size: 10px; fill: var(--muted); }
    svg.bars .theme { font-size: 12.5px; fill: var(--ink); }
    svg.bars .theme.top { font-weight: 700; }
    svg.bars .bar { stroke: rgba(0, 0, 0, .35); stroke-width: .6; }
    svg.bars .bar.small { fill-opacity: .45; stroke-dasharray: 2 2; }
    svg.bars .value { font-size: 11px; fill: #333A44; font-variant-numeric: tabular-nums; }
    svg.bars .value.zero { fill: #9AA3AE; }
    table.matrix th.theme { min-width: 220px; max-width: 300px; font-weight: normal; }
    table.matrix td.test { white-space: nowrap; }
    table.matrix thead th.num { white-space: normal; }
    table.matrix.wide thead th.num { max-width: 92px; }
    table.matrix.wide td.cell { min-width: 62px; }
    table.matrix td.cell { text-align: center; border-left: 1px solid #FFFFFF; }
    table.matrix td.total { font-weight: 600; background: var(--band); text-align: center; }
    table.matrix td.sig { font-weight: 700; }
    table.matrix td.warn, table.matrix th.warn { font-size: 11px; color: var(--muted); min-width: 90px; max-width: 170px; }
    tr.depth-0 th.theme { font-weight: 700; }
    tr.depth-1 th.theme { padding-left: 22px; }
    tr.depth-2 th.theme { padding-left: 38px; }
    tr.depth-3 th.theme { padding-left: 54px; }
    tr.depth-0 > * { border-top: 1px solid #C9D1DB; }
    .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; border: 1px solid rgba(0, 0, 0, .25); }
    table.pairs td { vertical-align: middle; }
    .meter { display: inline-block; width: 70px; height: 8px; background: #E6EBF1; border-radius: 4px; overflow: hidden; vertical-align: middle; }
    .meter > span { display: block; height: 100%; background: var(--accent); }
    article.theme { border-left: 5px solid var(--c, #999999); padding: 2px 0 8px 16px; margin: 22px 0; }
    article.theme.depth-1 { margin-left: 16px; }
    article.theme.depth-2, article.theme.depth-3 { margin-left: 32px; }
    article.theme .swatch { background: var(--c, #999999); width: 12px; height: 12px; }
    article.theme code { font-weight: normal; }
    .path { font-size: 12px; color: var(--muted); margin: -4px 0 6px; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0 10px; font-size: 14px; }
    dt { font-weight: 600; color: var(--muted); }
    dd { margin: 0; }
    table.counts td { padding: 4px 14px 4px 0; border: none; white-space: nowrap; }
    table.counts .g { display: block; font-size: 11px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
    table.counts .meter { display: block; width: 90px; margin-top: 2px; }
    table.counts .meter > span { background: var(--c, var(--accent)); }
    table.counts td.total { font-weight: 600; }
    .children { font-size: 13px; }
    .count { color: var(--muted); font-size: 13px; font-style: italic; }
    figure.excerpt { margin: 10px 0 14px; max-width: 52em; }
    table.impact th.horizon { text-align: center; border-bottom: 1px solid var(--rule); }
    table.impact td.unexpected { color: #8A94A3; }
    table.impact th[scope=row] { min-width: 210px; }
    table.impact td.reading { white-space: nowrap; }
    table.impact td.contested { color: #A04000; }
    table.impact tr.context td { color: var(--muted); font-size: 12px; }
    .impact-evidence { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 8px 24px; }
    .impact-outcome h4 { margin: 14px 0 4px; }
    p.figure { margin: 4px 0 8px; }
    span.survey { background: #FFF4D6; border-radius: 4px; padding: 1px 6px; font-size: 12px; }
    figure.impact-quote { margin: 6px 0 10px; }
    figure.impact-quote figcaption { font-size: 12px; font-weight: 600; color: #2F8F83; }
    figure.impact-quote.against figcaption { color: #A04000; }
    svg.chain { max-width: 1100px; display: block; margin: 6px 0; }
    blockquote { margin: 0; padding: 4px 0 4px 14px; border-left: 3px solid #C9D1DB; font-family: Georgia, "DejaVu Serif", serif; }
    blockquote p { margin: 3px 0; white-space: pre-wrap; }
    blockquote p.context { color: #6B7480; font-size: .88em; }
    .speaker { font-variant: small-caps; }
    mark { background: #FFF1A8; font-weight: 600; padding: 0 2px; border-radius: 2px; }
    figcaption { font-size: 12.5px; color: var(--muted); margin-top: 3px; }
    table.codebook td, table.codebook th { font-size: 12.5px; }
    table.codebook th.theme { min-width: 210px; font-weight: normal; }
    table.codebook tr.depth-0 th.theme { font-weight: 700; }
    table.codebook td.rules code { font-size: 11px; }
    footer { margin-top: 48px; border-top: 3px solid var(--accent); padding-top: 8px; font-size: 13px; color: #39424E; }
    footer h2 { border: none; margin-top: 10px; }
    footer .hash code { font-size: 12px; word-break: break-all; }
    @media print { body { max-width: none; padding: 0; } nav, .top { display: none; } article.theme, tr { break-inside: avoid; } }
    """
}
