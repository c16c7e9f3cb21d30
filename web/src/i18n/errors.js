// errors.js: words an error for the reader in the current locale. Engine errors are
// {key, reason, message, code, args} (wasm/core/config.h lists the codes): `message` is
// English, `code` and `args` say the same as data, so each locale has a template
// engine.<code> and this module fills it in. The page's own errors (links/link.js
// checks) carry a code that is itself a locale key (link.*). Anything else, or a code
// no table knows, is shown with its English message.
import { t, num, hasKey } from './index.js';

// Args that are counts or limits (integers as text): shown with Intl for the locale.
// Everything else (ranges such as "[0, 1]", config values, network shapes) is shown as
// written: it is math or code.
const COUNTS = new Set(['max', 'count', 'length', 'limit', 'stride', 'points', 'outputs', 'units', 'want', 'classes', 'dim', 'id']);

function params(e) {
  const out = { key: String(e.key ?? ''), reason: String(e.reason ?? '') };
  for (const [name, value] of Object.entries(e.args ?? {})) {
    out[name] = COUNTS.has(name) && /^-?\d+$/.test(String(value)) ? num(Number(value)) : String(value);
  }
  return out;
}

/** The text of one error {key, message, code, args} in the current locale. */
export function describeError(e) {
  if (e === null || e === undefined) return '';
  if (typeof e !== 'object') return String(e);
  const code = typeof e.code === 'string' ? e.code : '';
  if (code && hasKey(`engine.${code}`)) {
    const p = params(e);
    if (code === 'invalid' || code === 'too_many_items' || code === 'invalid_item') {
      // "must be {expected}": the expected value in words, by the key's kind
      const kind = hasKey(`engine.kind.${p.kind}`) ? p.kind : null;
      if (!kind) return String(e.message ?? code);
      p.expected = t(`engine.kind.${kind}`, p);
    }
    if (code === 'weights_count') {
      p.biases = t(p.bias === '0' ? 'engine.withoutBiases' : 'engine.withBiases');
      if (/^\d+$/.test(p.got)) p.got = num(Number(p.got)); // here `got` is a count, not a value
    }
    return t(`engine.${code}`, p);
  }
  if (code && /^(link|api)\./.test(code) && hasKey(code)) return t(code, e.args ?? {});
  return String(e.message ?? e);
}

/**
 * The text of a thrown error: an EngineError (or a worker's copy of one) lists its
 * errors, each worded by describeError; other errors show their message.
 */
export function describeFailure(err) {
  if (err === null || err === undefined) return '';
  if (Array.isArray(err.errors) && err.errors.length) return err.errors.map(describeError).join('; ');
  return String(err.message ?? err);
}
