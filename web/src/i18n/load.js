// load.js: picks the page's language and loads what it needs before the page is built:
// the locale table (a chunk of its own, so a reader downloads one language) and, for
// Bengali and Chinese, the bundled font. The choice, in order: the link's `lang` key
// (so a shared link opens in the sharer's language), the language chosen earlier in this
// tab (menu; kept in sessionStorage), the browser's preferred languages
// (navigator.languages), English.
import { SUPPORTED_LOCALES, matchLocale, setLocale } from './index.js';
import { readLink } from '../links/link.js';

// Every locale file next to this one, each as a lazily loaded chunk. A glob rather than
// a list, so the build never depends on a locale file that is still being written.
const TABLES = globTables();
function globTables() {
  try {
    return import.meta.glob('./{bn,fr,zh-CN,pl}.js');
  } catch {
    return {}; // not built by Vite (no import.meta.glob): English only
  }
}

const FONTS = {
  bn: () => import('./fonts/bn.js'),
  'zh-CN': () => import('./fonts/zh-CN.js'),
};

/** The locale the link asks for, or null (links/link.js validates it against SUPPORTED_LOCALES). */
export function linkLocale(loc = location) {
  try {
    return readLink({ search: loc.search, hash: loc.hash }).state.lang ?? null;
  } catch {
    return null;
  }
}

/** The browser's preferred supported locale, or null. */
export function browserLocale(nav = typeof navigator === 'undefined' ? null : navigator) {
  return matchLocale(nav?.languages?.length ? nav.languages : [nav?.language].filter(Boolean));
}

/** The language chosen in this tab before (ui/language-menu.js), or null. */
export function chosenLocale() {
  try {
    return matchLocale([sessionStorage.getItem('relulab.lang')].filter(Boolean));
  } catch {
    return null;
  }
}

/** The link's lang (already validated by links/link.js), else this tab's choice, else the browser's, else English. */
export function chooseLocale(fromLink = linkLocale()) {
  return matchLocale([fromLink].filter(Boolean)) ?? chosenLocale() ?? browserLocale() ?? 'en';
}

/** Loads and activates `name` (falls back to English when its table cannot load). */
export async function loadLocale(name) {
  if (!SUPPORTED_LOCALES.includes(name) || name === 'en') {
    setLocale('en');
    return 'en';
  }
  const loader = TABLES[`./${name}.js`];
  try {
    if (!loader) throw new Error(`no table for ${name}`);
    const [module] = await Promise.all([loader(), FONTS[name]?.()]);
    setLocale(name, module.default);
    return name;
  } catch (err) {
    console.warn(`locale ${name} could not be loaded; showing English`, err);
    setLocale('en');
    return 'en';
  }
}

/** Chooses and loads the page's locale (fromLink: the link's `lang`, if known); returns its name. */
export async function initLocale(fromLink = linkLocale()) {
  const name = await loadLocale(chooseLocale(fromLink));
  document.body.dataset.locale = name;
  return name;
}
