// i18n/index.js: every user-facing string goes through t(key, params). Locale tables
// are flat key -> string maps (en.js is the reference); placeholders are {name}.
// rich(key) renders a small markup (blank-line paragraphs, [text](url), **bold**,
// *emphasis*, `code`) into DOM nodes, never through innerHTML.
// This module is pure (no Vite-only syntax, no DOM at import time) so Node tests can
// import it; loading a locale's table and fonts is i18n/load.js.
import en from './en.js';
import { PRESETS } from '../links/presets.js';

/** The page's languages, in menu order. links/link.js validates the link's `lang` key against it. */
export const SUPPORTED_LOCALES = Object.freeze(['en', 'bn', 'fr', 'zh-CN', 'pl']);

/** Each language named in itself, for the language menu. */
export const LOCALE_NAMES = Object.freeze({ en: 'English', bn: 'বাংলা', fr: 'Français', 'zh-CN': '简体中文', pl: 'Polski' });

/**
 * The first supported locale for a list of BCP 47 tags (a link's lang, or
 * navigator.languages), or null. Matching is by language, except that Chinese must
 * be Simplified: zh, zh-CN, zh-SG, zh-Hans match zh-CN; zh-TW, zh-HK, zh-Hant do not.
 */
export function matchLocale(tags) {
  for (const raw of tags ?? []) {
    const tag = String(raw).trim().toLowerCase().replace(/_/g, '-');
    const exact = SUPPORTED_LOCALES.find((l) => l.toLowerCase() === tag);
    if (exact) return exact;
    const [lang, ...rest] = tag.split('-');
    if (lang === 'zh') {
      if (rest.some((p) => ['tw', 'hk', 'mo', 'hant'].includes(p))) continue;
      return 'zh-CN';
    }
    const match = SUPPORTED_LOCALES.find((l) => l === lang);
    if (match) return match;
  }
  return null;
}

// The font stacks: Latin-script locales use the system's UI font; Bengali and Chinese
// put the bundled Noto face first (loaded by i18n/load.js for that locale only).
// styles.css sets the same stacks by :lang(); canvases (charts) read fontFamily().
const BASE_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";
const FAMILIES = { bn: `'Noto Sans Bengali', ${BASE_FAMILY}`, 'zh-CN': `'Noto Sans SC', ${BASE_FAMILY}` };
export function fontFamily() {
  return FAMILIES[locale] ?? BASE_FAMILY;
}

const tables = { en };
let locale = 'en';
let table = en;

export function setLocale(name, strings) {
  if (strings) tables[name] = strings;
  if (!tables[name]) return false;
  locale = name;
  table = tables[name];
  if (typeof document !== 'undefined') document.documentElement.lang = name;
  return true;
}
export function currentLocale() {
  return locale;
}

/** True when the current locale (or English) has a string for `key`. */
export function hasKey(key) {
  return Object.hasOwn(table, key) || Object.hasOwn(en, key);
}

export function t(key, params) {
  let s = table[key] ?? en[key];
  if (s === undefined) return key;
  if (params) s = s.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  return s.replace(CLAIM, (m, ref) => claimText(ref) ?? m);
}

/** A checked outcome in a text: {@preset.measure}, e.g. {@adder-sweep.failureRate}. */
export const CLAIM = /\{@([\w-]+\.[\w.]+)\}/g;

/**
 * The expectation a claim names (links/presets.js): {preset, measure, expectation}, or
 * null. The preset's name ends at the first dot; the measure's name is the rest.
 */
export function claimOf(ref) {
  const dot = ref.indexOf('.');
  const preset = PRESETS.find((p) => p.name === ref.slice(0, dot));
  const measure = ref.slice(dot + 1);
  const expectation = preset?.expect?.[measure];
  return expectation ? { preset, measure, expectation } : null;
}

/** The words of a claim: its expectation's `say`, formatted as it asks, in the current locale. */
function claimText(ref) {
  const claim = claimOf(ref);
  if (!claim || claim.expectation.say === undefined) return null;
  const { say, as } = claim.expectation;
  if (as === 'pct') return pct(say, Math.abs(say) < 0.1 && say !== 0 ? 1 : 0);
  if (as === 'sci') return sci(say, 2);
  return num(say);
}

// The Intl locale of each page locale. Bengali keeps its grouping (1,00,000) but with
// Latin digits: the lesson's formulas, configuration values and prose numbers are all
// written in Latin digits, and a page that says "lr = 0.1" beside a menu showing ০.১
// reads as two different numbers. (One line to change if readers prefer Bengali digits.)
const INTL_TAGS = { bn: 'bn-u-nu-latn' };

const formats = new Map();
/** Locale-aware number formatting; options as Intl.NumberFormat. */
export function num(value, options = null) {
  if (value === null || value === undefined || Number.isNaN(value)) return t('common.nan');
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  options ??= Number.isInteger(value) ? { maximumFractionDigits: 0 } : { maximumSignificantDigits: 3 };
  const k = locale + JSON.stringify(options);
  if (!formats.has(k)) formats.set(k, new Intl.NumberFormat(INTL_TAGS[locale] ?? locale, options));
  return formats.get(k).format(value);
}
export function pct(fraction, digits = 0) {
  return num(fraction, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits });
}
/** Scientific-ish formatting for losses and weights across many orders of magnitude. */
export function sci(value, digits = 3) {
  if (value === null || value === undefined || Number.isNaN(value)) return t('common.nan');
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) {
    const [m, e] = value.toExponential(digits - 1).split('e');
    return `${num(Number(m), { maximumFractionDigits: digits - 1 })}e${Number(e)}`;
  }
  return num(value, { maximumSignificantDigits: digits });
}

function inline(text, parent) {
  const pattern = /\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*|\*([^*]+)\*|`([^`]+)`/g;
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > at) parent.append(text.slice(at, m.index));
    if (m[1] !== undefined) {
      const a = document.createElement('a');
      a.textContent = m[1];
      const href = m[2];
      a.href = /^(https:\/\/|#)/.test(href) ? href : '#';
      if (href.startsWith('https://')) {
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
      }
      parent.append(a);
    } else if (m[3] !== undefined) {
      const b = document.createElement('strong');
      b.textContent = m[3];
      parent.append(b);
    } else if (m[4] !== undefined) {
      const i = document.createElement('em');
      i.textContent = m[4];
      parent.append(i);
    } else {
      const c = document.createElement('code');
      c.textContent = m[5];
      parent.append(c);
    }
    at = m.index + m[0].length;
  }
  if (at < text.length) parent.append(text.slice(at));
}

/** The string of `key` as paragraphs (and "- " bullet lists) of DOM nodes. */
export function rich(key, params) {
  const frag = document.createDocumentFragment();
  for (const block of t(key, params).split(/\n\s*\n/)) {
    const lines = block.split('\n');
    if (lines.every((l) => l.startsWith('- '))) {
      const ul = document.createElement('ul');
      for (const l of lines) {
        const li = document.createElement('li');
        inline(l.slice(2), li);
        ul.append(li);
      }
      frag.append(ul);
    } else {
      const p = document.createElement('p');
      inline(block.replace(/\n/g, ' '), p);
      frag.append(p);
    }
  }
  return frag;
}
