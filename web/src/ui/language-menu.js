// language-menu.js: the language menu: a labelled <select> (keyboard operable as any
// select), each language named in itself and marked with its own lang attribute.
// Choosing one has the store write the `lang` key into the link and reloads the page in
// that language. A reload, not a re-render in place: every module builds its DOM,
// canvases and uPlot charts with t() at mount time, and the link already holds what
// defines an experiment's state (which experiment, its configuration and seed), so the
// page comes back in the same state; only a run's progress restarts, and runs are
// deterministic. The menu waits for the store (it is enabled by followLinkLanguage).
import { el, uid } from './dom.js';
import { t, currentLocale, SUPPORTED_LOCALES, LOCALE_NAMES } from '../i18n/index.js';

const SCROLL_KEY = 'relulab.scrollTo';
export const CHOSEN_KEY = 'relulab.lang'; // the language chosen in this tab (menu or followed link)

let store = null;
let menu = null;

/** Switches to `name`: the store records it in the link, and the page reloads in it (followLinkLanguage). */
export function switchLocale(name) {
  if (!store || !SUPPORTED_LOCALES.includes(name) || name === currentLocale()) return false;
  store.setPage('lang', name);
  return true;
}

/** The menu element for the page header. */
export function languageMenu() {
  const id = uid('lang');
  const select = el(
    'select',
    { id, name: 'lang' },
    SUPPORTED_LOCALES.map((l) => el('option', { value: l, lang: l, text: LOCALE_NAMES[l] })),
  );
  select.value = currentLocale();
  select.disabled = true;
  menu = select;
  select.addEventListener('change', () => {
    select.disabled = true;
    status.textContent = t('lang.reloading');
    if (!switchLocale(select.value)) {
      select.disabled = false;
      status.textContent = '';
      select.value = currentLocale();
    }
  });
  const status = el('span', { class: 'visually-hidden', role: 'status' });
  const label = el('label', { for: id, text: t('lang.label') });
  return el('div', { class: 'language-menu' }, [label, select, status]);
}

/** Enables the menu over the page's store; a followed link (hashchange) that names another language reloads the page in it. */
export function followLinkLanguage(pageStore) {
  store = pageStore;
  if (menu) menu.disabled = false;
  store.onPage((key, value) => {
    if (key === 'lang' && value && value !== currentLocale()) {
      rememberChoice(value);
      rememberPlace();
      location.reload();
    }
  });
}

// The choice outlives the reload even if the URL changes meanwhile (another link is
// followed before the reload lands): i18n/load.js reads it after the link's own lang.
function rememberChoice(name) {
  try {
    sessionStorage.setItem(CHOSEN_KEY, name);
  } catch {
    // no sessionStorage: the link's lang key alone carries the choice
  }
}

// The section at the top of the viewport, so the reload can bring the reader back to
// it (the link only names the experiment the reader last changed, if any).
function rememberPlace() {
  try {
    const sections = [...document.querySelectorAll('main > section[id]')];
    const top = sections.find((s) => s.getBoundingClientRect().bottom > 80);
    if (top && window.scrollY > 0) sessionStorage.setItem(SCROLL_KEY, top.id);
  } catch {
    // no sessionStorage (a sandboxed frame): the page opens at the link's experiment
  }
}

/** After the page is built: scrolls back to the section remembered before a switch. */
export function restorePlace() {
  try {
    const id = sessionStorage.getItem(SCROLL_KEY);
    sessionStorage.removeItem(SCROLL_KEY);
    const section = id && document.getElementById(id);
    if (section) section.scrollIntoView({ block: 'start' });
  } catch {
    // nothing remembered
  }
}
