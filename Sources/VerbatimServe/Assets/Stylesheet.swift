extension Assets {
    /// workbench.css: the whole look of the workbench (no inline style anywhere: the policy forbids it).
    static let stylesheet = #"""
:root {
  --ink: #1d1d1f; --muted: #5f6368; --line: #d7d9dd; --paper: #ffffff; --wash: #f5f6f8;
  --accent: #1a5fb4; --focus: #1a5fb4; --bad: #a4001d; --warn: #7a4b00; --good: #1e6b2f;
  --header: 3.25rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  color: var(--ink); background: var(--wash); font-size: 15px; line-height: 1.5;
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: .5rem; z-index: 100; }
.skip:focus { left: .5rem; }
.muted { color: var(--muted); font-weight: normal; font-size: .9em; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85em; color: #444; }
kbd { font-family: ui-monospace, monospace; font-size: .8em; border: 1px solid #bbb; border-bottom-width: 2px; border-radius: 3px; padding: 0 .3em; background: #fafafa; color: #333; }
button { font: inherit; font-size: .9rem; padding: .3rem .7rem; border: 1px solid #9aa0a6; border-radius: 4px; background: #fff; color: var(--ink); cursor: pointer; }
button:hover { background: #eef3fb; }
input, select { font: inherit; padding: .3rem .45rem; border: 1px solid #9aa0a6; border-radius: 4px; background: #fff; }
h1 { font-size: 1.45rem; margin: .2rem 0 .6rem; }
h2 { font-size: 1.1rem; margin: 1.2rem 0 .5rem; }

/* Header */
header.top { position: sticky; top: 0; z-index: 20; height: var(--header); display: flex; align-items: center; gap: 1rem;
  padding: 0 1rem; background: #22303f; color: #fff; }
header.top .brand { font-weight: 700; letter-spacing: .02em; }
header.top .study-name { color: #c9d3de; max-width: 18rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
header.top nav { display: flex; gap: .25rem; }
header.top nav a { color: #fff; text-decoration: none; padding: .35rem .65rem; border-radius: 4px; }
header.top nav a:hover { background: #34465a; }
header.top nav a[aria-current="page"] { background: #fff; color: #22303f; font-weight: 600; }
header.top :focus-visible { outline-color: #ffd43b; }
.quick-search { margin-left: auto; }
.quick-search input { width: 13rem; border-color: #52657a; }
header.top .coder { color: #c9d3de; white-space: nowrap; }
header.top .coder strong { color: #fff; }
.help-button { background: transparent; color: #fff; border-color: #6b7f94; width: 2rem; padding: .2rem; }
.help-button:hover { background: #34465a; }
main { padding: 1rem 1.25rem 3rem; }
main:focus { outline: none; }

/* Tables */
.table-wrap { overflow-x: auto; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #eceef1; vertical-align: top; }
thead th { background: #f0f2f5; font-weight: 600; position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:hover { background: #f7f9fc; }
td.speakers { color: var(--muted); max-width: 11rem; font-size: .85rem; }
td.speakers summary { cursor: pointer; }
td.speakers .more { background: #eef1f5; border-radius: 3px; padding: 0 .3rem; color: var(--ink); }
td.share { white-space: nowrap; font-size: .85rem; }
td.share .reviewed { color: var(--muted); }
td.share meter { display: block; width: 100%; height: .4rem; }
th.share { white-space: nowrap; }
.filters { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: center; margin: .5rem 0 .8rem; }
.filters label { font-size: .9rem; color: var(--muted); }
.problems { list-style: none; padding: 0; margin: .5rem 0; }
.problem { padding: .3rem .6rem; border-left: 4px solid #c9c9c9; background: #fff; margin-bottom: 2px; font-size: .9rem; }
.problem.error { border-left-color: var(--bad); }
.problem.warning { border-left-color: #d68910; }
.problem .severity { font-weight: 600; text-transform: uppercase; font-size: .75rem; margin-right: .4rem; }
.problem.error .severity { color: var(--bad); }
.problem.warning .severity { color: var(--warn); }
.ok { color: var(--good); }

/* Theme colours (themes.css sets --c per theme) */
.swatch { display: inline-block; width: .85em; height: .85em; border-radius: 2px; background: var(--c, #999); vertical-align: -.05em; border: 1px solid rgba(0,0,0,.25); }

/* Reader */
.page-reader main { padding: 0; }
.reader-layout { display: grid; grid-template-columns: 14rem minmax(0, 1fr); min-height: calc(100vh - var(--header)); }
.rail { background: #fff; border-right: 1px solid var(--line); padding: .6rem .4rem; position: sticky; top: var(--header);
  height: calc(100vh - var(--header)); overflow-y: auto; font-size: .85rem; }
.rail h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: .2rem .5rem .4rem; }
.rail ul { list-style: none; margin: 0; padding: 0; }
.rail a { display: block; padding: .2rem .5rem; border-radius: 4px; text-decoration: none; color: var(--ink); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.rail a:hover { background: #eef3fb; }
.rail a[aria-current="page"] { background: #e1ebf8; font-weight: 600; }
.reader { padding: .8rem 1.25rem 4rem; min-width: 0; }
.doc-head { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .6rem 1rem; margin-bottom: .8rem; }
.doc-head h1 { margin: 0; }
.doc-head p { margin: .2rem 0; }
.attrs { display: flex; flex-wrap: wrap; gap: .35rem; }
.attr { background: #eef1f5; border-radius: 3px; padding: 0 .45rem; font-size: .82rem; }
.attr .k { color: var(--muted); }
.hint { font-size: .85rem; color: var(--muted); }
.turns { background: #fff; border: 1px solid var(--line); border-radius: 6px; }
.turn { display: grid; grid-template-columns: 9.5rem minmax(0, 1fr) 13.5rem; gap: .9rem; padding: .55rem .8rem; border-bottom: 1px solid #eceef1; }
.turn:focus { outline: none; box-shadow: inset 4px 0 0 var(--focus); background: #f7faff; }
.turn:focus-visible { outline: 3px solid var(--focus); outline-offset: -3px; }
.turn .who { font-size: .85rem; line-height: 1.35; }
.turn .num { color: var(--muted); font-variant-numeric: tabular-nums; display: inline-block; min-width: 1.8rem; }
.turn .speaker { font-weight: 600; }
.turn .role, .turn .time { display: block; color: var(--muted); font-size: .8rem; margin-left: 1.8rem; }
.turn .text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1rem; line-height: 1.6; }
.turn.interviewer { background: #f6f7f9; }
.turn.interviewer .text { color: #4a4f55; font-size: .92rem; padding-left: 1.5rem; border-left: 3px solid #cfd3d8; font-style: italic; }
.turn.interviewer .speaker { color: #4a4f55; font-weight: 500; }
.preamble { padding: .6rem .8rem; border-bottom: 1px solid #eceef1; background: #fafafa; }
.preamble .text { white-space: pre-wrap; color: var(--muted); font-size: .9rem; }
mark.hl { background: color-mix(in srgb, var(--c) 24%, white); color: inherit; border-bottom: 2px solid var(--c); cursor: pointer; padding: 1px 0; }
mark.hl.multi { border-bottom: 4px double var(--c); background: color-mix(in srgb, var(--c) 34%, white); }
mark.hl:hover { background: color-mix(in srgb, var(--c) 40%, white); }
mark.found { background: #ffe58f; color: inherit; }
.stripes { display: flex; flex-direction: column; gap: 3px; }
.stripe { display: flex; align-items: baseline; gap: .3rem; width: 100%; text-align: left; font-size: .8rem; line-height: 1.25; padding: .2rem .4rem;
  border: 1px solid #d4d7dc; border-left: 8px solid var(--c, #999); border-radius: 3px; background: #fff; }
.stripe .glyph { font-weight: 700; width: .9em; flex: none; }
.stripe .count { margin-left: auto; color: var(--muted); font-variant-numeric: tabular-nums; padding-left: .3rem; }
.stripe.status-suggested { border-left-style: double; }
.stripe.status-accepted .glyph { color: var(--good); }
.stripe.status-rejected { color: var(--muted); text-decoration: line-through; border-left-color: #c9c9c9; background: #fafafa; }
.stripe.status-rejected .glyph { color: var(--bad); text-decoration: none; }
.stripe.status-manual .glyph { color: var(--accent); }
.stripe.unplaced { border-style: dotted; }
.stripe.selected { box-shadow: 0 0 0 2px var(--focus); }
.detail { position: fixed; right: 1rem; top: calc(var(--header) + 1rem); width: 22rem; max-height: calc(100vh - var(--header) - 2rem); overflow-y: auto;
  background: #fff; border: 1px solid #9aa0a6; border-radius: 8px; box-shadow: 0 8px 28px rgba(0,0,0,.18); padding: .8rem 1rem; z-index: 30; }
.detail h2 { margin-top: 0; }
.detail h3 { font-size: 1rem; margin: .1rem 0 .3rem; }
.detail .item { border-left: 6px solid var(--c, #999); padding: .3rem .6rem; margin-bottom: .6rem; background: #fafbfc; }
.detail dl { display: grid; grid-template-columns: 5.5rem 1fr; gap: .15rem .5rem; margin: .3rem 0; font-size: .88rem; }
.detail dt { color: var(--muted); }
.detail dd { margin: 0; overflow-wrap: anywhere; }
.detail .actions { display: flex; gap: .4rem; flex-wrap: wrap; margin-top: .4rem; }
.detail-error, .palette-error, .review-error { color: var(--bad); min-height: 1.2em; margin: .3rem 0; }
.toast { position: fixed; bottom: 1rem; left: 50%; transform: translateX(-50%); background: #22303f; color: #fff; padding: .45rem 1rem; border-radius: 6px;
  opacity: 0; transition: opacity .2s; pointer-events: none; z-index: 60; }
.toast.show { opacity: 1; }

/* Dialogs: help and the theme palette */
.dialog { position: fixed; inset: 0; background: rgba(20, 28, 38, .45); display: flex; align-items: flex-start; justify-content: center; padding-top: 10vh; z-index: 50; }
.dialog[hidden] { display: none; }
.dialog-box { background: #fff; border-radius: 8px; padding: 1rem 1.2rem; width: min(34rem, 92vw); max-height: 78vh; overflow-y: auto; box-shadow: 0 12px 40px rgba(0,0,0,.3); }
.dialog-box h2 { margin-top: 0; }
.keys th { white-space: nowrap; }
.palette-quote { background: #f5f6f8; border-left: 3px solid #9aa0a6; padding: .3rem .6rem; font-style: italic; max-height: 5.5em; overflow: hidden; margin: 0 0 .5rem; }
#palette-filter { width: 100%; font-size: 1.05rem; padding: .45rem .6rem; }
.palette-memo-label { display: block; font-size: .8rem; color: var(--muted); margin-top: .4rem; }
#palette-memo { width: 100%; font-size: .9rem; }
#palette-list { list-style: none; margin: .5rem 0 0; padding: 0; max-height: 42vh; overflow-y: auto; border: 1px solid var(--line); border-radius: 4px; }
#palette-list li { padding: .3rem .6rem; cursor: pointer; display: flex; gap: .45rem; align-items: baseline; }
#palette-list li code { margin-left: auto; color: var(--muted); }
#palette-list li.depth-1 { padding-left: 1.6rem; }
#palette-list li.depth-2 { padding-left: 2.6rem; }
#palette-list li.depth-3 { padding-left: 3.6rem; }
#palette-list li[aria-selected="true"] { background: #1a5fb4; color: #fff; }
#palette-list li[aria-selected="true"] code { color: #dce7f7; }
#palette-list li[hidden] { display: none; }
.buttons { display: flex; gap: .5rem; flex-wrap: wrap; margin-top: .6rem; }

/* Review */
.review { max-width: 64rem; margin: 0 auto; }
.review-head { display: grid; grid-template-columns: 1fr auto; align-items: center; gap: .2rem 1rem; }
.review-head h1 { margin: 0; font-size: 1.5rem; }
.review-head .filters { grid-column: 1 / -1; margin: .3rem 0; }
.review-head .progress { grid-column: 1 / -1; margin: 0; font-variant-numeric: tabular-nums; }
.review-head progress { grid-column: 1 / -1; width: 100%; height: .6rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.2rem; margin-top: .8rem; min-height: 16rem; }
.card:focus { outline: none; }
.card:focus-visible { outline: 3px solid var(--focus); }
.card .card-theme { display: flex; align-items: baseline; gap: .5rem; font-size: 1.2rem; font-weight: 600; border-left: 8px solid var(--c, #999); padding-left: .6rem; }
.card .card-theme code { font-weight: normal; }
.card .where { color: var(--muted); margin: .3rem 0 .6rem; }
.card .turn-text { white-space: pre-wrap; font-size: 1.05rem; line-height: 1.65; background: #fbfbfc; border: 1px solid #eceef1; border-radius: 4px; padding: .6rem .8rem; max-height: 16rem; overflow-y: auto; }
.card .turn-text mark { background: color-mix(in srgb, var(--c) 30%, white); border-bottom: 3px solid var(--c); color: inherit; font-weight: 600; }
.card .decided { font-weight: 600; margin: .4rem 0; }
.card .decided.accepted { color: var(--good); }
.card .decided.rejected { color: var(--bad); }
.card .definition { display: grid; grid-template-columns: 7rem 1fr; gap: .2rem .6rem; margin: .8rem 0 0; font-size: .9rem; }
.card .definition dt { color: var(--muted); }
.card .definition dd { margin: 0; }
.card .rule { font-size: .85rem; color: var(--muted); }
.review-buttons button { display: inline-flex; gap: .35rem; align-items: center; }
.review-buttons button[data-action="accept"] { border-color: var(--good); }
.review-buttons button[data-action="reject"] { border-color: var(--bad); }
.memo-box { margin-top: .6rem; }
.memo-box input { width: 100%; }
.done { text-align: center; color: var(--good); font-size: 1.2rem; padding: 3rem 0; }

/* Codebook */
.tree { list-style: none; padding-left: 1.4rem; margin: 0; }
.tree.top { padding-left: 0; }
.theme { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .4rem .8rem; margin: .4rem 0; }
.tree .tree .theme { background: #fbfbfc; }
.theme h3 { font-size: 1rem; margin: .2rem 0; display: flex; gap: .45rem; align-items: baseline; }
.theme h3 .small { font-size: .8rem; font-weight: normal; margin-left: auto; }
.theme dl { display: grid; grid-template-columns: 8rem 1fr; gap: .1rem .6rem; margin: .2rem 0 .4rem; font-size: .88rem; }
.theme dt { color: var(--muted); }
.theme dd { margin: 0; }
.theme dd ul { margin: 0; padding-left: 1.1rem; }

/* Search and compare */
.search-form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin-bottom: .8rem; }
.search-form label { flex-basis: 100%; color: var(--muted); font-size: .9rem; }
.search-form input { width: 32rem; max-width: 100%; }
table.kwic td.left { text-align: right; color: #444; white-space: nowrap; max-width: 22rem; overflow: hidden; text-overflow: ellipsis; direction: rtl; }
table.kwic td.right { color: #444; white-space: nowrap; max-width: 22rem; overflow: hidden; text-overflow: ellipsis; }
table.kwic td.match { white-space: nowrap; }
table.kwic tr.interviewer { color: var(--muted); }
table.kwic td.themes { font-size: .8rem; color: var(--muted); }
table.compare th[scope="row"] { font-weight: normal; white-space: nowrap; }
table.compare tr.depth-0 th[scope="row"] { font-weight: 600; }
table.compare tr.depth-1 th[scope="row"] { padding-left: 1.6rem; }
table.compare tr.depth-2 th[scope="row"] { padding-left: 2.8rem; }
table.compare .pct { color: var(--muted); font-size: .85em; display: inline-block; min-width: 2.6rem; }
table.compare .small-n { color: var(--warn); font-weight: 700; }
.notes { color: var(--muted); font-size: .85rem; padding-left: 1.1rem; }
.page-error { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.2rem; max-width: 48rem; }
.theme-count { font-size: .85rem; font-weight: 600; background: #eef1f5; border-radius: 3px; padding: 0 .4rem; font-variant-numeric: tabular-nums; }
.theme-count .pct { color: var(--muted); font-weight: normal; }
.passages { list-style: none; padding: 0; }
.passage { background: #fff; border: 1px solid var(--line); border-left: 6px solid var(--c, #999); border-radius: 4px; padding: .3rem .8rem; margin-bottom: .5rem; }
.passage .where { margin: .2rem 0; font-size: .85rem; }
.passage blockquote { margin: .2rem 0 .3rem; white-space: pre-wrap; }
table.matrix tr.significant td { font-weight: 700; }
table.matrix .warn { color: var(--warn); font-weight: 700; cursor: help; }
.exports { margin-top: 1.2rem; }
.export-links { display: flex; flex-wrap: wrap; gap: .5rem 1.2rem; padding-left: 1.1rem; }
h2[id] { scroll-margin-top: calc(var(--header) + .5rem); }
.memo-text p { margin: .15rem 0; }
.memo-text .memo-sign { color: var(--muted); font-size: .8rem; font-style: italic; margin-top: .5rem; }
.memo-text .memo-sign:first-child { margin-top: 0; }
.doc-memo { margin-top: .4rem; font-size: .9rem; }
.doc-memo summary { cursor: pointer; color: var(--accent); font-weight: 600; }
.memo-text { white-space: pre-wrap; overflow-wrap: anywhere; background: #fffbea; border-left: 4px solid #e0c14a; padding: .4rem .7rem; margin: .4rem 0; max-height: 14rem; overflow-y: auto; }
.memo-form { display: grid; grid-template-columns: 1fr auto; gap: .3rem .5rem; align-items: end; max-width: 44rem; }
.memo-form label { grid-column: 1 / -1; color: var(--muted); font-size: .85rem; }
.memo-form textarea, .memo-edit textarea { width: 100%; font: inherit; box-sizing: border-box; }
.memo-error { grid-column: 1 / -1; color: var(--bad); }
.memo-edit { display: grid; gap: .25rem; margin-top: .5rem; font-size: .88rem; }
.memo-edit label { color: var(--muted); }
.memo-edit button { justify-self: start; }
.turn.selecting { box-shadow: inset 4px 0 0 var(--focus); background: #f0f6ff; }
.turn.selecting .text ::selection, .turn.selecting .text::selection { background: #1a5fb4; color: #fff; }
/* Agreement: the figures, then the disagreements to settle, document by document. */
.agreement fieldset { border: 1px solid var(--line); border-radius: 6px; display: inline-flex; gap: .8rem; flex-wrap: wrap; padding: .3rem .8rem; }
.agreement .coder { white-space: nowrap; }
table.agreement-table td.num { text-align: right; font-variant-numeric: tabular-nums; }
.adjudication-document h3 { margin: 1.2rem 0 .4rem; font-size: 1.05rem; }
ul.adjudications { list-style: none; padding: 0; margin: 0; }
li.adjudication { background: #fff; border: 1px solid var(--line); border-left: 8px solid var(--c, #999); border-radius: 6px; padding: .5rem .8rem; margin: .5rem 0; }
li.adjudication .where, li.adjudication .who { color: var(--muted); margin: .2rem 0; }
li.adjudication blockquote { margin: .3rem 0; white-space: pre-wrap; line-height: 1.55; }
li.adjudication .decision { display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; margin: .3rem 0 0; }
li.adjudication .state { font-weight: 600; min-width: 14rem; }
li.adjudication[data-state="open"] .state { color: var(--bad); }
li.adjudication[data-state="present"] .state, li.adjudication[data-state="absent"] .state { color: var(--good); }
li.adjudication[data-state="present"] button[data-decision="present"], li.adjudication[data-state="absent"] button[data-decision="absent"] { outline: 2px solid var(--good); }

@media (max-width: 1100px) {
  .reader-layout { grid-template-columns: 11rem minmax(0, 1fr); }
  .turn { grid-template-columns: 7.5rem minmax(0, 1fr) 11rem; }
  header.top .study-name { display: none; }
}
"""#
}
