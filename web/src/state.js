// state.js: the configuration of every experiment as an engine query string, and the
// page's URL fragment, which holds the active experiment and its config keys:
//   #exp=adder&task=add2&layers=4,4&out=relu&...
// Fragment values are untrusted: they are validated by the engine's own parser
// (engine.parse through the live worker); bad keys fall back to the experiment's
// default and their messages are shown. Issue 4 extends this module (presets,
// schema version, embedding).

/** Experiments in lesson order: id, the section element id, the default config. */
export const EXPERIMENTS = [
  { id: 'dead', section: 'what-is-dead', config: '' },
  { id: 'single', section: 'exp-single', config: 'task=relu1d&out=relu&bias=0&weights=-10&fresh=1&lr=0.01&steps=2000&trace=10' },
  { id: 'landscape', section: 'exp-landscape', config: 'task=relu1d&out=relu&n=200&lr=0.1&steps=300&weights=0.5,0&trace=2' },
  { id: 'adder', section: 'exp-adder', config: 'task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&steps=30000' },
  { id: 'modulus', section: 'exp-modulus', config: 'task=modulus&layers=3&lr=0.1&steps=5000' },
  { id: 'cs231n', section: 'exp-cs231n', config: 'task=spiral&layers=100&out=softmax&loss=ce&init=normal&sigma=0.01&lr=5&l2=0.001&steps=10000' },
  { id: 'borndead', section: 'exp-borndead', config: 'task=custom&dim=1&points=1,1&layers=2,2,2,2,2,2,2,2&bias=0&init=he_normal' },
  { id: 'init', section: 'exp-init', config: 'task=modulus&n=500&layers=100,100,100,100,100&init=normal&sigma=0.14&steps=0' },
  { id: 'remedies', section: 'exp-remedies', config: 'task=spiral&layers=100&out=softmax&loss=ce&init=normal&sigma=0.01&lr=5&l2=0.001&steps=3000' },
  { id: 'lab', section: 'exp-lab', config: 'task=circle&layers=8,8&lr=0.1&steps=3000' },
];

export function experiment(id) {
  return EXPERIMENTS.find((e) => e.id === id) ?? null;
}

/** Ordered key -> value pairs of a query string (the last of duplicate keys wins). */
export function parseQuery(query) {
  const out = new Map();
  for (const part of String(query).replace(/^[#?]/, '').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : safeDecode(part.slice(eq + 1));
    out.set(key, value);
  }
  return out;
}

function safeDecode(s) {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

export function toQuery(map) {
  return [...map].map(([k, v]) => `${k}=${encodeValue(v)}`).join('&');
}

function encodeValue(v) {
  // keep lists and numbers readable in links: only escape what would break the query
  return String(v).replace(/[%&#=+\s]/g, (c) => encodeURIComponent(c));
}

/** base with the keys of `overrides` (a query string or a Map/object) set. */
export function mergeQuery(base, overrides) {
  const map = parseQuery(base);
  const more = overrides instanceof Map ? overrides : typeof overrides === 'string' ? parseQuery(overrides) : new Map(Object.entries(overrides));
  for (const [k, v] of more) {
    if (v === null || v === undefined) map.delete(k);
    else map.set(k, String(v));
  }
  return toQuery(map);
}

export function getKey(query, key, fallback = '') {
  const map = parseQuery(query);
  return map.has(key) ? map.get(key) : fallback;
}

/** {exp, query} from the location's fragment; exp is null when absent or unknown. */
export function readFragment(hash = location.hash) {
  const map = parseQuery(hash);
  const exp = map.get('exp') ?? null;
  map.delete('exp');
  return { exp: exp && experiment(exp) ? exp : null, rawExp: exp, query: toQuery(map) };
}

/** Records the active experiment and its config in the fragment (no history entry). */
export function writeFragment(exp, query) {
  const hash = `#exp=${exp}${query ? `&${query}` : ''}`;
  if (location.hash !== hash) history.replaceState(null, '', hash);
}

/**
 * Validates the config keys from a link against the engine's schema: returns the
 * experiment's default config with every valid key applied, and the errors
 * ([{key, reason, message}]) of the keys that were refused.
 */
export async function validateFragment(client, exp, query) {
  const base = experiment(exp)?.config ?? '';
  if (!query) return { query: base, errors: [] };
  // The link's keys are checked together with the experiment's own (a weights list
  // only makes sense for its network); every key named in an error is dropped and
  // the rest is checked again.
  const fromLink = parseQuery(query);
  let merged = mergeQuery(base, fromLink);
  const first = await client.parse(merged);
  if (!first.errors.length) return { query: merged, errors: [] };
  for (const e of first.errors) fromLink.delete(e.key.replace(/^'|'$/g, ''));
  merged = mergeQuery(base, fromLink);
  const second = await client.parse(merged);
  return { query: second.errors.length ? base : merged, errors: first.errors };
}
