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

function reloadAt(turn) {
  if (turn) history.replaceState(null, '', '#t-' + turn);
  location.reload();
}

function codeSelection() {
  const s = selectionToCode();
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
    if (d.kind === 'manual' && d.mine === '1') {
      action(t('Remove this coding', 'Supprimer ce codage'), () => api('DELETE', '/api/codings/' + encodeURIComponent(d.id)));
    } else if (d.kind === 'suggestion' && d.status === 'suggested') {
      action(t('Accept', 'Accepter'), () => api('POST', '/api/decisions', { id: d.id, status: 'accepted' }));
      action(t('Reject', 'Rejeter'), () => api('POST', '/api/decisions', { id: d.id, status: 'rejected' }));
    } else if (d.kind === 'suggestion' && d.decision && d.coder === coder) {
      action(t('Undo my decision', 'Annuler ma décision'), () => api('DELETE', '/api/codings/' + encodeURIComponent(d.decision)));
    }
    if (actions.childElementCount) item.append(actions);
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
  if (e.key === 'j') { e.preventDefault(); focusTurn(turns[Math.min(turns.length - 1, currentIndex() + 1)]); }
  else if (e.key === 'k') { e.preventDefault(); focusTurn(turns[Math.max(0, currentIndex() - 1)]); }
  else if (e.key === 'c') { e.preventDefault(); codeSelection(); }
});

if (location.hash.startsWith('#t-')) {
  const target = document.getElementById(location.hash.slice(1));
  if (target) requestAnimationFrame(() => focusTurn(target));
}
"""#
}
