// query.js: query strings ("task=add2&layers=4,4&seed=3"), the one format of a
// configuration in links, in the engine and on the command line: reading, writing and
// merging them. Pure; no DOM.

/** Ordered key -> value pairs of a query string (the last of duplicate keys wins). */
export function parseQuery(query) {
  const out = new Map();
  for (const part of String(query).replace(/^[#?]/, '').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq)).text;
    const value = eq < 0 ? '' : decode(part.slice(eq + 1)).text;
    out.set(key, value);
  }
  return out;
}

/** decodeURIComponent that never throws: {ok, text}; '+' means a space. */
export function decode(s) {
  try {
    return { ok: true, text: decodeURIComponent(s.replace(/\+/g, ' ')) };
  } catch {
    return { ok: false, text: s };
  }
}

/** A query string of ordered pairs (a Map or an array of [key, value]). */
export function toQuery(pairs) {
  return [...pairs].map(([k, v]) => `${encodeValue(k)}=${encodeValue(v)}`).join('&');
}

function encodeValue(v) {
  // keep lists and numbers readable in links: escape what would break the query, and
  // anything outside printable ASCII (so a link survives being pasted anywhere)
  return String(v).replace(/[%&#=+\s"'<>`\\^{}|\u0000-\u001f\u007f-\u{10ffff}]/gu, (c) => {
    try {
      return encodeURIComponent(c);
    } catch {
      return '%EF%BF%BD'; // a lone surrogate: U+FFFD
    }
  });
}

/** base with the keys of `overrides` (a query string, a Map or an object) set; null or undefined removes a key. */
export function mergeQuery(base, overrides) {
  const map = parseQuery(base);
  const more = overrides instanceof Map ? overrides : typeof overrides === 'string' ? parseQuery(overrides) : new Map(Object.entries(overrides));
  for (const [k, v] of more) {
    if (v === null || v === undefined) map.delete(k);
    else map.set(k, String(v));
  }
  return toQuery(map);
}
