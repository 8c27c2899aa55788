extension Assets {
    /// review.js: the review queue, one suggestion at a time: a accept, r reject, e change theme,
    /// m memo, s skip, b back, u undo.
    static let reviewJS = #"""
import { api, t, typing, dialogOpen, toast, el, themeClass, indexOfUTF8 } from './ui.js';
import { openPalette } from './palette.js';

const root = document.getElementById('review');
const card = document.getElementById('card');
const progress = document.getElementById('progress');
const bar = document.getElementById('bar');
const errorBox = document.getElementById('review-error');
const memoBox = document.getElementById('memo-box');
const memoInput = document.getElementById('memo-input');
const lang = document.body.dataset.lang;

let themes = new Map();
let items = [];
let total = 0, decidedBefore = 0;
let pos = 0;
const done = [];   // indices of the items decided here, for undo
let busy = false;

function walk(list, parent) {
  for (const th of list) {
    themes.set(th.id, { ...th, label: (th.labels && th.labels[lang]) || th.label, parent });
    walk(th.themes || [], th.id);
  }
}
const label = (id) => themes.get(id)?.label || id;

function nextOpen(from) {
  for (let k = 1; k <= items.length; k++) {
    const i = (from + k) % items.length;
    if (!items[i].decision) return i;
  }
  return -1;
}

function updateProgress() {
  const decided = decidedBefore + items.filter((s) => s.decision).length;
  progress.textContent = `${decided} / ${total} ` + t('decided', 'décidées') + ` · ${total - decided} ` + t('left', 'restantes')
    + (items.length ? ` · ${t('suggestion', 'suggestion')} ${pos + 1} / ${items.length}` : '');
  bar.max = Math.max(total, 1);
  bar.value = decided;
}

function render() {
  updateProgress();
  card.replaceChildren();
  errorBox.textContent = '';
  const s = items[pos];
  if (!s) { card.append(el('p', 'done', t('No suggestion left to decide.', 'Aucune suggestion à décider.'))); return; }
  if (items.every((x) => x.decision)) {
    card.append(el('p', 'done', t('Everything is decided. u undoes the last decision.', 'Tout est décidé. u annule la dernière décision.')));
  }
  const th = themes.get(s.theme) || {};
  const head = el('div', 'card-theme ' + themeClass(s.theme));
  head.append(el('span', '', th.label || s.theme), el('code', '', s.theme));
  const where = el('p', 'where');
  const link = el('a', '', `${s.document}:${s.turn}`);
  link.href = '/documents/' + s.document.split('/').map(encodeURIComponent).join('/') + '#t-' + s.turn;
  where.append(link, document.createTextNode(' · ' + (s.speaker || '?') + ' (' + s.role + ')'));
  const attrs = Object.entries(s.attributes || {});
  if (attrs.length) where.append(document.createTextNode(' · ' + attrs.map(([k, v]) => `${k}: ${v}`).join(' · ')));
  const text = el('div', 'turn-text ' + themeClass(s.theme));
  const a = indexOfUTF8(s.turn_text, s.match_start), b = indexOfUTF8(s.turn_text, s.match_end);
  text.append(document.createTextNode(s.turn_text.slice(0, a)), el('mark', '', s.turn_text.slice(a, b)), document.createTextNode(s.turn_text.slice(b)));
  const rule = el('p', 'rule', t('Found by the rule ', 'Trouvé par la règle ') + s.rule + ' · ' + s.id);
  card.append(head, where);
  if (s.decision) {
    const d = s.decision;
    card.append(el('p', 'decided ' + d.status, (d.status === 'accepted' ? t('Accepted', 'Acceptée') : t('Rejected', 'Rejetée'))
      + (d.theme && d.theme !== s.theme ? ' ' + t('as', 'comme') + ' ' + label(d.theme) : '') + ' — ' + t('u undoes it', 'u pour annuler')));
  }
  card.append(text, rule);
  const def = el('dl', 'definition');
  const field = (name, value) => { if (value) def.append(el('dt', '', name), el('dd', '', value)); };
  field(t('Definition', 'Définition'), th.definition);
  field(t('Include', 'Inclure'), th.include);
  field(t('Exclude', 'Exclure'), th.exclude);
  if (th.parent) field(t('Parent theme', 'Thème parent'), label(th.parent));
  card.append(def);
  text.querySelector('mark')?.scrollIntoView({ block: 'nearest' });
}

async function decide(status, theme) {
  const s = items[pos];
  if (!s || busy) return;
  if (s.decision) { toast(t('Already decided: u undoes it.', 'Déjà décidée : u pour annuler.')); return; }
  const body = { id: s.id, status };
  if (theme) body.theme = theme;
  if (memoInput.value.trim()) body.memo = memoInput.value.trim();
  busy = true;
  try {
    const answer = await api('POST', '/api/decisions', body);
    s.decision = { id: answer.decision.id, status, theme: answer.decision.theme };
    done.push(pos);
    memoInput.value = '';
    memoBox.hidden = true;
    toast((status === 'accepted' ? t('Accepted', 'Acceptée') : t('Rejected', 'Rejetée')) + ' : ' + label(answer.decision.theme));
    const next = nextOpen(pos);
    if (next !== -1) pos = next;
    render();
  } catch (e) {
    errorBox.textContent = e.message;
  } finally {
    busy = false;
  }
}

async function undo() {
  if (busy) return;
  const i = done.pop();
  if (i === undefined) { toast(t('Nothing to undo.', 'Rien à annuler.')); return; }
  busy = true;
  try {
    await api('DELETE', '/api/codings/' + encodeURIComponent(items[i].decision.id));
    items[i].decision = null;
    pos = i;
    toast(t('Decision undone', 'Décision annulée'));
    render();
  } catch (e) {
    done.push(i);
    errorBox.textContent = e.message;
  } finally {
    busy = false;
  }
}

function skip() {
  const next = nextOpen(pos);
  if (next === -1 || next === pos) { toast(t('No other suggestion to decide.', 'Aucune autre suggestion à décider.')); return; }
  pos = next;
  render();
}
function back() { if (pos > 0) { pos--; render(); } }
function recode() {
  const s = items[pos];
  if (!s) return;
  openPalette(s.match, (theme) => decide('accepted', theme), { memo: false });
}
function memo() { memoBox.hidden = false; memoInput.focus(); }

const actions = { accept: () => decide('accepted'), reject: () => decide('rejected'), recode, memo, skip, back, undo };
const keys = { a: 'accept', r: 'reject', e: 'recode', m: 'memo', s: 'skip', b: 'back', u: 'undo' };
for (const button of document.querySelectorAll('.review-buttons [data-action]')) {
  button.addEventListener('click', () => actions[button.dataset.action]());
}
memoInput.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' || e.key === 'Escape') { e.preventDefault(); if (e.key === 'Escape') { memoInput.value = ''; memoBox.hidden = true; } card.focus(); }
});
document.addEventListener('keydown', (e) => {
  if (typing(e) || dialogOpen() || e.ctrlKey || e.metaKey || e.altKey) return;
  const action = keys[e.key];
  if (action) { e.preventDefault(); actions[action](); }
});

async function load() {
  try {
    const query = new URLSearchParams();
    if (root.dataset.theme) query.set('theme', root.dataset.theme);
    if (root.dataset.where) query.set('where', root.dataset.where);
    const [book, queue] = await Promise.all([
      api('GET', '/api/codebook'),
      api('GET', '/api/suggestions' + (query.toString() ? '?' + query : '')),
    ]);
    walk(book.themes || [], null);
    items = queue.suggestions.map((s) => ({ ...s, decision: null }));
    total = queue.total;
    decidedBefore = queue.decided;
    // Take up after the suggestion decided last (the server knows it from the coding file).
    pos = Math.min(queue.resume || 0, Math.max(items.length - 1, 0));
    render();
    if (queue.last_decided && items.length) toast(t('Resuming after your last decision', 'Reprise après votre dernière décision'));
    card.focus();
  } catch (e) {
    progress.textContent = '';
    errorBox.textContent = e.message;
  }
}
load();
"""#
}
