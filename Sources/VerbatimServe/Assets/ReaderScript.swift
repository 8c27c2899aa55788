extension Assets {
    /// reader.js: the reader's keys (j/k turns, c to code the selection), the coding details.
    static let readerJS = #"""
import { api, t, typing, dialogOpen, toast, el, quoteAt } from './ui.js';
import { openPalette } from './palette.js';

const layout = document.querySelector('.reader-layout');
const documentName = layout?.dataset.document;
const turns = [...document.querySelectorAll('.turn')];
const detail = document.getElementById('detail');
const detailBody = document.getElementById('detail-body');
const detailError = document.getElementById('detail-error');
const coder = document.body.dataset.coder;

function focusTurn(turn) {
  if (!turn) return;
  turn.focus({ preventScroll: true });
  turn.scrollIntoView({ block: 'center' });
  history.replaceState(null, '', '#' + turn.id);
}
function currentIndex() {
  const active = document.activeElement?.closest?.('.turn');
  if (active) return turns.indexOf(active);
  const top = turns.findIndex((turn) => turn.getBoundingClientRect().bottom > 80);
  return top === -1 ? 0 : top - 1;
}

/** The selection as words of one turn: {turn, quote, occurrence}, or {error}. */
function selectionToCode() {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return { error: t('Select words in a turn first.', 'Sélectionnez d’abord des mots dans un tour.') };
  const range = sel.getRangeAt(0);
  const textOf = (node) => (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement)?.closest('.turn .text');
  const box = textOf(range.startContainer);
  if (!box || box !== textOf(range.endContainer)) return { error: t('Select words within one turn.', 'Sélectionnez des mots d’un seul tour.') };
  const offset = (node, off) => { const r = document.createRange(); r.selectNodeContents(box); r.setEnd(node, off); return r.toString().length; };
  const text = box.textContent;
  const q = quoteAt(text, offset(range.startContainer, range.startOffset), offset(range.endContainer, range.endOffset));
  if (!q) return { error: t('The selection is only spaces.', 'La sélection ne contient que des espaces.') };
  return { turn: Number(box.dataset.turn), ...q };
}

/** Selecting with the keyboard: v on a turn selects its first word; the arrows move it, shift and the
 * arrows extend it word by word; c codes it, Escape lets it go. */
let kbd = null;
function wordsOf(text) { return [...text.matchAll(/\S+/g)].map((m) => ({ s: m.index, e: m.index + m[0].length })); }
/** The text node and offset at string index `index` of `box`'s text. */
function pointAt(box, index) {
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  let seen = 0, node = null, last = null;
  while ((node = walker.nextNode())) {
    last = node;
    if (index <= seen + node.data.length) return { node, offset: index - seen };
    seen += node.data.length;
  }
  return { node: last || box, offset: last ? last.data.length : 0 };
}
function showKbd() {
  const a = Math.min(kbd.anchor, kbd.focus), b = Math.max(kbd.anchor, kbd.focus);
  const p = pointAt(kbd.box, kbd.words[a].s), q = pointAt(kbd.box, kbd.words[b].e);
  const range = document.createRange();
  range.setStart(p.node, p.offset);
  range.setEnd(q.node, q.offset);
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  for (const other of document.querySelectorAll('.turn.selecting')) other.classList.remove('selecting');
  kbd.turn.classList.add('selecting');
  const n = b - a + 1;
  toast(n + ' ' + (n === 1 ? t('word', 'mot') : t('words', 'mots')) + ' — ' + t('shift+arrows extend, c codes, Esc cancels', 'maj+flèches pour étendre, c pour coder, Échap pour annuler'));
}
function startKbd() {
  let turn = document.activeElement?.closest?.('.turn');
  if (!turn) { turn = turns[Math.max(0, currentIndex())]; focusTurn(turn); }
  if (!turn) return;
  const box = turn.querySelector('.text');
  const words = wordsOf(box.textContent);
  if (!words.length) { toast(t('This turn has no words.', 'Ce tour n’a pas de mots.')); return; }
  kbd = { turn, box, words, anchor: 0, focus: 0 };
  turn.scrollIntoView({ block: 'nearest' });
  showKbd();
}
function moveKbd(step, extend) {
  const last = kbd.words.length - 1;
  kbd.focus = Math.min(last, Math.max(0, kbd.focus + step));
  if (!extend) kbd.anchor = kbd.focus;
  showKbd();
}
function stopKbd(clear) {
  if (!kbd) return;
  kbd.turn.classList.remove('selecting');
  if (clear) window.getSelection()?.removeAllRanges();
  kbd = null;
}
document.addEventListener('mousedown', () => stopKbd(false));

function reloadAt(turn) {
  if (turn) history.replaceState(null, '', '#t-' + turn);
  location.reload();
}

function codeSelection() {
  const s = selectionToCode();
  stopKbd(false);
  if (s.error) { toast(s.error); return; }
  openPalette(s.quote, async (theme, memo, label) => {
    const body = { document: documentName, turn: s.turn, theme, quote: s.quote, occurrence: s.occurrence };
    if (memo) body.memo = memo;
    const answer = await api('POST', '/api/codings', body);
    toast(t('Coded', 'Codé') + ' : ' + label + (answer.warnings?.length ? ' — ' + answer.warnings.join(' ') : ''));
    reloadAt(s.turn);
  });
}

function row(dl, name, value) {
  if (value === undefined || value === null || value === '') return;
  dl.append(el('dt', '', name), el('dd', '', value));
}

/** The details of the codings `ids` (hidden beside the margin's stripes). */
function codings(turn, ids) {
  return ids.map((id) => turn.querySelector('.coding[data-id="' + CSS.escape(id) + '"]')).filter(Boolean);
}

/** Shows `items` (their .coding elements) in the detail panel. */
function showDetail(turn, items) {
  for (const s of document.querySelectorAll('.stripe.selected')) s.classList.remove('selected');
  detailBody.replaceChildren();
  detailError.textContent = '';
  const ids = items.map((s) => s.dataset.id);
  for (const stripe of turn.querySelectorAll('.stripe')) {
    if (stripe.dataset.ids.split(' ').some((id) => ids.includes(id))) stripe.classList.add('selected');
  }
  for (const s of items) {
    const d = s.dataset;
    const item = el('div', 'item ' + [...s.classList].find((c) => c.startsWith('th-')));
    item.append(el('h3', '', d.label));
    const dl = el('dl');
    row(dl, t('status', 'statut'), d.statusText);
    if (d.kind === 'suggestion') {
      row(dl, t('found by', 'trouvé par'), t('the rules: ', 'les règles : ') + d.rule);
      row(dl, t('matched', 'mots'), '« ' + d.quote + ' »');
      if (d.coder) row(dl, t('decided by', 'décidé par'), d.coder);
      if (d.was) row(dl, t('rules said', 'règles'), d.was);
    } else {
      row(dl, t('coded by', 'codé par'), d.coder);
      row(dl, t('quote', 'citation'), '« ' + d.quote + ' »');
      if (d.placed === '0') row(dl, t('note', 'note'), t('its quote is no longer in the transcript', 'sa citation n’est plus dans la transcription'));
    }
    row(dl, t('when', 'quand'), d.time);
    row(dl, t('memo', 'mémo'), d.memo);
    row(dl, 'id', d.id);
    item.append(dl);
    const actions = el('div', 'actions');
    const action = (label, run) => {
      const b = el('button', '', label);
      b.type = 'button';
      b.addEventListener('click', async () => {
        detailError.textContent = '';
        try { await run(); reloadAt(d.turn); } catch (e) { detailError.textContent = e.message; }
      });
      actions.append(b);
    };
    const own = d.kind === 'manual' ? (d.mine === '1' ? d.id : null) : (d.decision && d.coder === coder ? d.decision : null);
    if (d.kind === 'manual' && d.mine === '1') {
      const b = el('button', '', t('Change theme', 'Changer de thème'));
      b.type = 'button';
      b.dataset.action = 'recode';
      b.addEventListener('click', () => openPalette(d.quote, async (theme) => {
        await api('PATCH', '/api/codings/' + encodeURIComponent(d.id), { theme });
        reloadAt(d.turn);
      }, { memo: false }));
      actions.append(b);
      action(t('Remove this coding', 'Supprimer ce codage'), () => api('DELETE', '/api/codings/' + encodeURIComponent(d.id)));
    } else if (d.kind === 'suggestion' && d.status === 'suggested') {
      action(t('Accept', 'Accepter'), () => api('POST', '/api/decisions', { id: d.id, status: 'accepted' }));
      action(t('Reject', 'Rejeter'), () => api('POST', '/api/decisions', { id: d.id, status: 'rejected' }));
    } else if (d.kind === 'suggestion' && d.decision && d.coder === coder) {
      action(t('Undo my decision', 'Annuler ma décision'), () => api('DELETE', '/api/codings/' + encodeURIComponent(d.decision)));
    }
    if (actions.childElementCount) item.append(actions);
    if (own) {
      const form = el('form', 'memo-edit');
      const id = 'memo-' + own;
      const label = el('label', '', d.memo ? t('Edit the memo', 'Modifier le mémo') : t('Add a memo', 'Ajouter un mémo'));
      label.htmlFor = id;
      const area = el('textarea');
      area.id = id;
      area.rows = 2;
      area.value = d.memo || '';
      const save = el('button', '', t('Save the memo', 'Enregistrer le mémo'));
      save.type = 'submit';
      form.append(label, area, save);
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        detailError.textContent = '';
        try { await api('PATCH', '/api/codings/' + encodeURIComponent(own), { memo: area.value }); reloadAt(d.turn); }
        catch (err) { detailError.textContent = err.message; }
      });
      item.append(form);
    }
    detailBody.append(item);
  }
  detail.hidden = false;
  detail.querySelector('button')?.focus();
}
function closeDetail() {
  detail.hidden = true;
  for (const s of document.querySelectorAll('.stripe.selected')) s.classList.remove('selected');
}

document.addEventListener('click', (e) => {
  const stripe = e.target.closest('.stripe');
  if (stripe) { const turn = stripe.closest('.turn'); showDetail(turn, codings(turn, stripe.dataset.ids.split(' '))); return; }
  const mark = e.target.closest('mark.hl');
  if (mark && window.getSelection()?.isCollapsed) {
    const turn = mark.closest('.turn');
    showDetail(turn, codings(turn, mark.dataset.ids.split(' ')));
  }
});
detail?.querySelector('[data-action="close-detail"]')?.addEventListener('click', closeDetail);

document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !detail.hidden && !dialogOpen()) { closeDetail(); return; }
  if (typing(e) || dialogOpen() || e.ctrlKey || e.metaKey || e.altKey) return;
  if (kbd && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) { e.preventDefault(); moveKbd(e.key === 'ArrowRight' ? 1 : -1, e.shiftKey); return; }
  if (kbd && (e.key === 'Home' || e.key === 'End')) { e.preventDefault(); moveKbd(e.key === 'End' ? kbd.words.length : -kbd.words.length, e.shiftKey); return; }
  if (kbd && e.key === 'Escape') { e.preventDefault(); stopKbd(true); return; }
  if (e.key === 'j') { e.preventDefault(); stopKbd(true); focusTurn(turns[Math.min(turns.length - 1, currentIndex() + 1)]); }
  else if (e.key === 'k') { e.preventDefault(); stopKbd(true); focusTurn(turns[Math.max(0, currentIndex() - 1)]); }
  else if (e.key === 'v') { e.preventDefault(); startKbd(); }
  else if (e.key === 'c') { e.preventDefault(); codeSelection(); }
  else if (e.key === 'n') { e.preventDefault(); openMemo(); }
});

/** The document's memo: n opens it and goes to the field; the form adds a signed paragraph. */
const memoBox = document.getElementById('doc-memo');
function openMemo() {
  if (!memoBox) return;
  memoBox.open = true;
  document.getElementById('memo-new')?.focus();
}
document.getElementById('memo-form')?.addEventListener('submit', async (e) => {
  e.preventDefault();
  const field = document.getElementById('memo-new');
  const error = document.getElementById('memo-error');
  error.textContent = '';
  try {
    const answer = await api('POST', '/api/memos', { document: documentName, text: field.value });
    const shown = el('div', 'memo-text');
    shown.id = 'memo-text';
    for (const p of answer.memo.split('\n\n').map((x) => x.trim()).filter(Boolean)) {
      const sign = p.length > 2 && p.startsWith('_') && p.endsWith('_') && !p.includes('\n');
      shown.append(el('p', sign ? 'memo-sign' : '', sign ? p.slice(1, -1) : p));
    }
    document.getElementById('memo-text').replaceWith(shown);
    field.value = '';
    toast(t('Added to the memo', 'Ajouté au mémo'));
  } catch (err) { error.textContent = err.message; }
});
document.getElementById('memo-new')?.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); document.getElementById('memo-form').requestSubmit(); }
  else if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); e.target.blur(); }
});

if (location.hash.startsWith('#t-')) {
  const target = document.getElementById(location.hash.slice(1));
  if (target) requestAnimationFrame(() => focusTurn(target));
}
"""#
}
