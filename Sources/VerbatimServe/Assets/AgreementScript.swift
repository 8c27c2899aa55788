extension Assets {
    /// agreement.js: settles a disagreement with a click (or k / n on the focused card), as
    /// `verbatim adjudicate` does, and updates the card and the count without reloading.
    static let agreementJS = #"""
import { api, t, toast, typing, dialogOpen } from './ui.js';

const list = document.querySelector('.adjudication-list');
const coders = (list?.dataset.coders || '').split(',').filter(Boolean);
const count = document.getElementById('open-count');

function stateText(state) {
  if (state === 'present') return t('settled: the theme is kept', 'tranché : le thème est retenu');
  if (state === 'absent') return t('settled: the theme is not kept', 'tranché : le thème n\u2019est pas retenu');
  return t('to settle', 'à trancher');
}

function refreshCount() {
  if (!count || !list) return;
  const all = list.querySelectorAll('li.adjudication').length;
  const open = list.querySelectorAll('li.adjudication[data-state="open"]').length;
  count.dataset.open = String(open);
  count.textContent = t(`${open} to settle, ${all - open} settled`, `${open} à trancher, ${all - open} ${all - open > 1 ? 'tranchés' : 'tranché'}`);
  for (const section of list.querySelectorAll('section.adjudication-document')) {
    const cards = section.querySelectorAll('li.adjudication');
    const left = section.querySelectorAll('li.adjudication[data-state="open"]').length;
    const badge = section.querySelector('h3 .muted');
    if (badge) badge.textContent = `${left} ${t('to settle', 'à trancher')} / ${cards.length}`;
  }
}

async function settle(card, decision) {
  const buttons = card.querySelectorAll('button');
  for (const b of buttons) b.disabled = true;
  try {
    await api('POST', '/api/adjudications', { coders, ids: [card.dataset.id], decision });
    card.dataset.state = decision;
    card.querySelector('.state').textContent = stateText(decision);
    refreshCount();
    toast(stateText(decision));
    const next = [...list.querySelectorAll('li.adjudication[data-state="open"]')][0];
    if (next && card.contains(document.activeElement)) { next.tabIndex = -1; next.focus(); }
  } catch (error) {
    toast(error.message);
  } finally {
    for (const b of buttons) b.disabled = false;
  }
}

list?.addEventListener('click', (e) => {
  const button = e.target.closest('button[data-decision]');
  if (!button) return;
  const card = button.closest('li.adjudication');
  if (card) settle(card, button.dataset.decision);
});

// k keeps the theme, n drops it, on the card that has the focus (or holds it).
document.addEventListener('keydown', (e) => {
  if (typing(e) || dialogOpen() || e.ctrlKey || e.metaKey || e.altKey) return;
  const card = document.activeElement?.closest?.('li.adjudication');
  if (!card) return;
  if (e.key === 'k') { e.preventDefault(); settle(card, 'present'); }
  if (e.key === 'n') { e.preventDefault(); settle(card, 'absent'); }
});
"""#
}
