// link.js: reading a link into the page's state, and writing the state back as one.
// The URL fragment holds page keys and the active experiment's configuration keys
// (the engine's own schema):
//   #v=1&exp=adder&view=sweep&lang=fr&task=add2&layers=4,4&out=relu&...
// Page keys: v (version of the link format), exp (experiment), view (which part of it),
// lang (language), preset (a named state, resolved and then written out explicitly),
// embed (show one experiment only; also ?embed=), origins (who may drive an embed
// through postMessage; also ?origins=). Every other key is a configuration key.
//
// Everything in a link is untrusted input from a stranger. readLink() is a pure parse:
// size limits, percent-decoding that cannot throw, control characters, duplicates (the
// last one is used, as the engine does), unknown keys and page-key values are checked
// here; configuration values are checked by the engine's parser (validateConfig). A
// refused key becomes an error naming it and the reason; the default is used for it and
// the rest of the link is kept. Errors are {key, reason, message, code, args}: code and
// args let a translation re-word a message (i18n/errors.js).
import { t, SUPPORTED_LOCALES } from '../i18n/index.js';
import { experiment } from '../experiments/registry.js';
import { presetByName } from './presets.js';
import { parseQuery, toQuery, mergeQuery, decode } from './query.js';
import { budgetErrors } from './budget.js';
import { LIMITS, shown, linkError } from './link-errors.js';

/** The version of the link format written by this build (the `v` key). */
export const LINK_VERSION = 1;

// ---------------------------------------------------------------------------------
// reading a link

/** The empty page state. */
function blankState() {
  return { v: LINK_VERSION, exp: null, view: null, lang: null, preset: null, embed: null, origins: null, fromFragment: new Set() };
}

/** Every migration takes a Map of keys in version n and returns one in version n + 1. */
const MIGRATIONS = {
  // 1: (map) => { ...rename or rescale keys of version 1 for version 2...; return map; },
};

/** Brings the keys of a link of version `from` up to LINK_VERSION. */
export function migrate(map, from) {
  let out = map;
  for (let v = from; v < LINK_VERSION; v++) out = MIGRATIONS[v] ? MIGRATIONS[v](new Map(out)) : out;
  return out;
}

/**
 * Splits a query or fragment into pairs with every syntactic check: {pairs: Map, errors}.
 * Returns null when the text is a plain in-page anchor (#math), which is not state.
 */
export function splitLink(text) {
  const errors = [];
  let raw = String(text ?? '').replace(/^[#?]/, '');
  if (!raw) return { pairs: new Map(), errors };
  if (!raw.includes('=') && !raw.includes('&')) return null;
  if (raw.length > LIMITS.linkChars) {
    errors.push(linkError('link', 'link.tooLong', { n: raw.length, max: LIMITS.linkChars }));
    return { pairs: new Map(), errors };
  }
  const parts = raw.split('&').filter((p) => p !== '');
  if (parts.length > LIMITS.pairs) errors.push(linkError('link', 'link.tooManyKeys', { n: parts.length, max: LIMITS.pairs }));
  const pairs = new Map();
  const seen = new Map();
  for (const part of parts.slice(0, LIMITS.pairs)) {
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    const key = decode(rawKey);
    if (!key.ok) {
      errors.push(linkError(rawKey, 'link.badEncoding'));
      continue;
    }
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(key.text) || key.text.length > LIMITS.keyChars) {
      errors.push(linkError(key.text, 'link.unknownKey'));
      continue;
    }
    const value = decode(rawValue);
    if (!value.ok) {
      errors.push(linkError(key.text, 'link.badEncoding'));
      continue;
    }
    if (/[\u0000-\u001f\u007f]/.test(value.text)) {
      errors.push(linkError(key.text, 'link.controlChar'));
      continue;
    }
    seen.set(key.text, (seen.get(key.text) ?? 0) + 1);
    pairs.delete(key.text); // the last one wins, and keeps its place
    pairs.set(key.text, value.text);
  }
  for (const [key, n] of seen) if (n > 1) errors.push(linkError(key, 'link.duplicate', { n, value: shown(pairs.get(key)) }));
  return { pairs, errors };
}

/** A comma list of origins ("https://a.example,https://b.example"): {origins, errors}. */
export function parseOrigins(value) {
  const origins = [];
  const errors = [];
  for (const item of String(value).split(',').map((s) => s.trim()).filter(Boolean).slice(0, 20)) {
    let url = null;
    try {
      url = new URL(item);
    } catch {
      url = null;
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== item.replace(/\/$/, '')) errors.push(linkError('origins', 'link.badOrigin', { value: shown(item) }));
    else if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  if (!origins.length && !errors.length) errors.push(linkError('origins', 'link.badOrigin', { value: '' }));
  return { origins, errors };
}

/**
 * Reads the page state from a location ({search, hash}): {state, config: Map, errors,
 * anchor}. Pure apart from reading t() for messages. The configuration keys are not
 * validated yet (validateConfig does it with the engine). `anchor` is true for a
 * fragment that is a plain in-page anchor.
 */
export function readLink({ search = '', hash = '' } = {}) {
  const state = blankState();
  const errors = [];
  // ?embed=adder&origins=... (the query carries the embedding; the fragment the state)
  const query = splitLink(search) ?? { pairs: new Map(), errors: [] };
  for (const [k, v] of query.pairs) {
    if (k === 'embed') state.embed = v;
    else if (k === 'origins') state.origins = v;
  }
  for (const e of query.errors) if (['embed', 'origins', 'link'].includes(e.key)) errors.push(e);
  const fragment = splitLink(hash);
  if (fragment === null) return { state: finishPage(state, errors), config: new Map(), errors, anchor: true };
  errors.push(...fragment.errors);
  let pairs = fragment.pairs;

  // version: a missing v is a link from before the key existed, which is version 1
  let from = LINK_VERSION;
  if (pairs.has('v')) {
    const raw = pairs.get('v');
    const v = /^[0-9]{1,6}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(v) || v < 1) errors.push(linkError('v', 'link.badVersion', { value: shown(raw), current: LINK_VERSION }));
    else if (v > LINK_VERSION) errors.push(linkError('v', 'link.newerVersion', { value: v, current: LINK_VERSION }));
    else from = v;
    pairs.delete('v');
  }
  pairs = migrate(pairs, from);

  // preset: its experiment, view and config, under the link's own keys
  const config = new Map();
  if (pairs.has('preset')) {
    const name = pairs.get('preset');
    const preset = presetByName(name);
    if (!preset) errors.push(linkError('preset', 'link.unknownPreset', { value: shown(name) }));
    else {
      state.preset = preset.name;
      state.exp = preset.exp;
      state.view = preset.view ?? null;
      for (const [k, v] of parseQuery(preset.config)) config.set(k, v);
    }
    pairs.delete('preset');
  }
  for (const [k, v] of pairs) {
    if (k === 'embed' || k === 'origins') {
      state[k] = v;
      state.fromFragment.add(k);
    } else if (k === 'exp') {
      if (state.preset && v !== state.exp) errors.push(linkError('exp', 'link.presetConflict', { value: shown(v), preset: state.preset, exp: state.exp }));
      else state.exp = v;
    } else if (k === 'view' || k === 'lang') state[k] = v;
    else config.set(k, v);
  }
  return { state: finishPage(state, errors), config, errors, anchor: false };
}

/** Checks the page keys' values in place (bad ones become null and an error). */
function finishPage(state, errors) {
  if (state.embed !== null) {
    if (!experiment(state.embed)) {
      errors.push(linkError('embed', 'link.unknownEmbed', { value: shown(state.embed) }));
      state.embed = null;
    } else {
      if (state.exp && state.exp !== state.embed) errors.push(linkError('exp', 'link.embedConflict', { value: shown(state.exp), embed: state.embed }));
      state.exp = state.embed;
    }
  }
  if (state.exp !== null && !experiment(state.exp)) {
    errors.push(linkError('exp', 'link.unknownExperiment', { value: shown(state.exp) }));
    state.exp = null;
  }
  if (state.view !== null) {
    const views = experiment(state.exp)?.views ?? [];
    if (!views.includes(state.view)) {
      errors.push(linkError('view', 'link.unknownView', { value: shown(state.view), list: views.join(', ') || '—' }));
      state.view = null;
    }
  }
  if (state.lang !== null) {
    const match = SUPPORTED_LOCALES.find((l) => l.toLowerCase() === String(state.lang).toLowerCase());
    if (!match) errors.push(linkError('lang', 'link.unknownLang', { value: shown(state.lang), list: SUPPORTED_LOCALES.join(', ') }));
    state.lang = match ?? null;
  }
  if (state.origins !== null) {
    const { origins, errors: bad } = parseOrigins(state.origins);
    errors.push(...bad);
    state.origins = origins; // [] when given but all bad: nobody may command (never "anyone")
  }
  return state;
}

/**
 * Validates the link's config keys for experiment `exp` with the engine: returns the
 * experiment's default config with every valid key applied, and the errors of the keys
 * that were refused (unknown keys, bad values, sizes over the engine's or the
 * experiment's limits). `schema` is the engine's schema (client.schema).
 */
export async function validateConfig(client, exp, config, schema = client.schema) {
  const spec = experiment(exp);
  const base = spec?.config ?? '';
  const fromLink = config instanceof Map ? new Map(config) : parseQuery(config);
  const errors = [];
  const known = new Set((schema ?? []).map((k) => k.name));
  for (const k of [...fromLink.keys()]) {
    if (known.size && !known.has(k)) {
      errors.push(linkError(k, 'link.unknownKey'));
      fromLink.delete(k);
    }
  }
  if (!fromLink.size) return { query: base, errors };
  // The link's keys are checked together with the experiment's own (a weights list only
  // makes sense for its network); every key named in an error is dropped, the rest is
  // checked again.
  let merged = mergeQuery(base, fromLink);
  const first = await client.parse(merged);
  const refused = new Set();
  for (const e of first.errors) {
    errors.push(e);
    refused.add(e.key);
  }
  for (const k of refused) fromLink.delete(k);
  // page limits of experiments that train many networks from one config
  for (const [key, { max, why }] of Object.entries(spec?.limits ?? {})) {
    if (!fromLink.has(key)) continue;
    const v = Number(fromLink.get(key));
    if (Number.isFinite(v) && v > max) {
      errors.push(linkError(key, 'link.overLimit', { value: shown(fromLink.get(key)), max, why: t(why) }));
      fromLink.delete(key);
    }
  }
  if (refused.size || errors.length) merged = mergeQuery(base, fromLink);
  let parsed = first;
  if (refused.size || errors.length) {
    parsed = await client.parse(merged);
    if (parsed.errors.length) {
      // a key only wrong together with the experiment's own keys: keep the defaults
      for (const e of parsed.errors) errors.push(e);
      return { query: base, errors };
    }
  }
  // the page's memory limits (budget.js): the key that makes the network or its trace
  // too big is refused, and the rest checked again
  for (let over = budgetErrors(exp, parsed, fromLink.keys()); over.length; over = budgetErrors(exp, parsed, fromLink.keys())) {
    errors.push(...over);
    const before = fromLink.size;
    for (const e of over) fromLink.delete(e.key);
    if (fromLink.size === before) return { query: base, errors };
    merged = mergeQuery(base, fromLink);
    parsed = await client.parse(merged);
    if (parsed.errors.length) return { query: base, errors };
  }
  return { query: merged, errors };
}

// ---------------------------------------------------------------------------------
// writing a link

/**
 * The configuration part of a link: every key of the experiment's default config, at
 * its current value, then every other key whose value differs from the engine's
 * default, in schema order, and the seed always (a link names the run it replays).
 * Read back over the same default config it gives the same configuration. `values`:
 * the full configuration (a Map of every schema key).
 */
export function linkConfig(exp, values, schema) {
  if (!experiment(exp)?.config) return ''; // the opening figure has no configuration
  const base = parseQuery(experiment(exp).config);
  const out = new Map();
  for (const k of base.keys()) if (values.has(k)) out.set(k, values.get(k));
  for (const key of schema) {
    if (out.has(key.name) || !values.has(key.name)) continue;
    if (values.get(key.name) !== key.default || key.name === 'seed') out.set(key.name, values.get(key.name));
  }
  return toQuery(out);
}

/** The fragment of a state (explicit keys, never a preset): "v=1&exp=...&...". */
export function fragmentOf({ exp, view, lang, embed, origins, fromFragment }, config) {
  const map = new Map([['v', String(LINK_VERSION)]]);
  if (fromFragment?.has?.('embed') && embed) map.set('embed', embed);
  if (fromFragment?.has?.('origins') && origins) map.set('origins', origins.join(','));
  if (exp) map.set('exp', exp);
  const spec = experiment(exp);
  if (view && spec && view !== spec.views[0]) map.set('view', view);
  if (lang) map.set('lang', lang);
  let out = toQuery(map);
  if (exp && config) out += `&${config}`;
  return out;
}
