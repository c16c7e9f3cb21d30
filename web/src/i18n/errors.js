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

// What stopped an engine worker (engine/faults.js WorkerCrash.kind), in words.
const FAULTS = { memory: 'fault.memory', trap: 'fault.trap', start: 'fault.start', stopped: 'fault.stopped' };

/** Why a worker died: its kind in words, with the engine's heap in MB or the fault's own message. */
function describeCrash(crash) {
  const size = Number.isFinite(crash.heap) ? num(Math.round(crash.heap / 1e6)) : '?';
  return t(FAULTS[crash.kind] ?? 'fault.stopped', { size, message: String(crash.message ?? '').slice(0, 120) });
}

/**
 * The text of a thrown error: an EngineError (or a worker's copy of one) lists its
 * errors, each worded by describeError; a worker that died says why and that Reset
 * starts again; a job of the pool that stopped its worker twice names its seeds (or
 * rows); other errors show their message.
 */
export function describeFailure(err) {
  if (err === null || err === undefined) return '';
  if (Array.isArray(err.errors) && err.errors.length) return err.errors.map(describeError).join('; ');
  if (err.name === 'WorkerCrash') return `${describeCrash(err)}. ${t('fault.reset')}`;
  if (err.name === 'JobFailed') {
    const [first, last] = (err.what.seeds ?? err.what.rows).map((n) => num(n));
    return t(err.what.seeds ? 'fault.seeds' : 'fault.rows', { first, last, reason: describeCrash(err.cause) });
  }
  return String(err.message ?? err);
}
