extension Assets {
    /// ui.js: what every page module shares: the API calls (with the page's CSRF token), the
    /// interface's language, dialogs, and the one conversion between verbatim's UTF-8 offsets and the
    /// page's string indices.
    static let uiJS = #"""
const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';

/** The English text, or the French one when the study is in French. */
export function t(en, fr) { return document.body.dataset.lang === 'fr' ? fr : en; }

/** Calls the API; resolves to the JSON answer, rejects with its {"error"} message. */
export async function api(method, url, body) {
  const init = { method, credentials: 'same-origin', headers: { 'Accept': 'application/json' } };
  if (method !== 'GET') init.headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
  const response = await fetch(url, init);
  let data = null;
  try { data = await response.json(); } catch (_) { data = null; }
  if (!response.ok) throw new Error((data && data.error) || `${response.status} ${response.statusText}`);
  return data;
}

/** True while the user types in a field, when single-key shortcuts must not fire. */
export function typing(event) {
  const el = event.target;
  return el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** True when a dialog is open. */
export function dialogOpen() { return !!document.querySelector('.dialog:not([hidden])'); }

let returnFocus = null;
/** Opens a dialog (an element with class dialog) and focuses `focus` in it. */
export function openDialog(dialog, focus) {
  returnFocus = document.activeElement;
  dialog.hidden = false;
  (focus || dialog.querySelector('button, input'))?.focus();
}
/** Closes a dialog and gives the focus back. */
export function closeDialog(dialog) {
  dialog.hidden = true;
  if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
  returnFocus = null;
}

/** A short message at the bottom of the page. */
export function toast(message) {
  const el = document.getElementById('status');
  if (!el) return;
  el.textContent = message;
  el.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => el.classList.remove('show'), 2500);
}

/** An element with a class and text (never HTML: text is set as text). */
export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

/** The class of a theme's colour, as the server names it (themes.css). */
export function themeClass(id) { return 'th-' + String(id).replace(/[^A-Za-z0-9_-]/g, '_'); }

/** The string index in `text` of a UTF-8 byte offset (verbatim's offsets are UTF-8). */
export function indexOfUTF8(text, offset) {
  let bytes = 0, i = 0;
  while (i < text.length && bytes < offset) {
    const cp = text.codePointAt(i);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xFFFF ? 2 : 1;
  }
  return i;
}

/** The UTF-8 byte offset of a string index in `text`. */
export function utf8Offset(text, index) { return new TextEncoder().encode(text.slice(0, index)).length; }

/**
 * The words to code from a selection inside a turn whose text is `text`, between string indices
 * `start` and `end`: spaces at either end left out, and which occurrence of those words in the turn
 * it is (1-based, counting overlapping ones, as 'verbatim tag --occurrence' does).
 */
export function quoteAt(text, start, end) {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  const quote = text.slice(start, end);
  if (!quote) return null;
  let occurrence = 0;
  for (let i = text.indexOf(quote); i !== -1 && i <= start; i = text.indexOf(quote, i + 1)) occurrence++;
  return { quote, occurrence, start, end };
}

/** Folds case and accents, for filtering as one types. */
export function fold(s) { return String(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(); }
"""#

    /// app.js: the keys of every page: `?` help, `/` search, `g` then a letter to go to a section.
    static let appJS = #"""
import { typing, dialogOpen, openDialog, closeDialog } from './ui.js';

const help = document.getElementById('help');
document.querySelector('[data-action="help"]')?.addEventListener('click', () => openDialog(help));
help?.querySelector('[data-action="close"]')?.addEventListener('click', () => closeDialog(help));
for (const dialog of document.querySelectorAll('.dialog')) {
  dialog.addEventListener('click', (e) => { if (e.target === dialog) closeDialog(dialog); });
}

let pendingG = 0;
const sections = { d: '/', r: '/review', c: '/codebook', s: '/search', m: '/compare', a: '/agreement' };
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') {
    const open = document.querySelector('.dialog:not([hidden])');
    if (open) { e.preventDefault(); closeDialog(open); }
    return;
  }
  if (typing(e) || dialogOpen() || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === '?') { e.preventDefault(); openDialog(help); return; }
  if (e.key === '/') {
    e.preventDefault();
    const field = document.getElementById('q') || document.getElementById('q-top');
    field?.focus(); field?.select();
    return;
  }
  if (pendingG && Date.now() - pendingG < 1500 && sections[e.key]) {
    e.preventDefault(); pendingG = 0; location.href = sections[e.key]; return;
  }
  pendingG = e.key === 'g' ? Date.now() : 0;
});
"""#

    /// palette.js: the theme palette, filtered as one types; Enter codes with the theme chosen.
    static let paletteJS = #"""
import { openDialog, closeDialog, fold } from './ui.js';

const dialog = document.getElementById('palette');
const filter = document.getElementById('palette-filter');
const memo = document.getElementById('palette-memo');
const list = document.getElementById('palette-list');
const error = document.getElementById('palette-error');
const quoteBox = document.getElementById('palette-quote');
let choose = null;

function visible() { return [...list.querySelectorAll('li')].filter((li) => !li.hidden); }
function active() { return list.querySelector('li[aria-selected="true"]'); }
function select(li) {
  for (const other of list.querySelectorAll('li[aria-selected="true"]')) other.setAttribute('aria-selected', 'false');
  if (!li) { filter.removeAttribute('aria-activedescendant'); return; }
  li.setAttribute('aria-selected', 'true');
  filter.setAttribute('aria-activedescendant', li.id);
  li.scrollIntoView({ block: 'nearest' });
}
function applyFilter() {
  const words = fold(filter.value).split(/\s+/).filter(Boolean);
  for (const li of list.querySelectorAll('li')) {
    const hay = fold(li.dataset.label + ' ' + li.dataset.theme);
    li.hidden = !words.every((w) => hay.includes(w));
  }
  select(visible()[0] || null);
}
async function submit(li) {
  if (!li || !choose) return;
  error.textContent = '';
  try {
    await choose(li.dataset.theme, memo.value.trim() || undefined, li.dataset.label);
    close();
  } catch (e) {
    error.textContent = e.message;
  }
}
function move(step) {
  const items = visible();
  if (!items.length) return;
  const i = items.indexOf(active());
  select(items[(i + step + items.length) % items.length]);
}
filter?.addEventListener('input', applyFilter);
for (const field of [filter, memo]) {
  field?.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); move(1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); move(-1); }
    else if (e.key === 'Enter') { e.preventDefault(); submit(active()); }
  });
}
list?.addEventListener('click', (e) => { const li = e.target.closest('li'); if (li) { select(li); submit(li); } });
dialog?.querySelector('[data-action="close"]')?.addEventListener('click', () => close());

function close() { choose = null; closeDialog(dialog); }

/**
 * Opens the palette for `quote`; `onChoose(theme, memo, label)` is awaited when a theme is chosen
 * (a rejection is shown in the palette, which stays open).
 */
export function openPalette(quote, onChoose, { memo: withMemo = true } = {}) {
  choose = onChoose;
  quoteBox.textContent = quote ? '« ' + quote + ' »' : '';
  quoteBox.hidden = !quote;
  filter.value = '';
  memo.value = '';
  memo.hidden = !withMemo;
  dialog.querySelector('.palette-memo-label').hidden = !withMemo;
  error.textContent = '';
  applyFilter();
  openDialog(dialog, filter);
}
"""#
}
